"""Reading JSON-LD back as a crawler does: pyld expansion with schema.org's context, served offline."""

from __future__ import annotations

import json
from functools import cache

from conftest import FIXTURES

SCHEMA_ORG = "http://schema.org/"  # the context's @vocab


@cache
def schema_org_context() -> dict:
    return json.loads((FIXTURES / "schemaorg" / "schemaorgcontext.jsonld").read_text(encoding="utf-8"))


def expand(doc: dict) -> list[dict]:
    """JSON-LD expansion (pyld), with https://schema.org served from the committed context, never the network."""
    from pyld import jsonld

    def loader(url: str, options: dict | None = None) -> dict:
        assert url.rstrip("/") in ("https://schema.org", "http://schema.org"), url
        return {"contentType": "application/ld+json", "contextUrl": None, "documentUrl": url,
                "document": schema_org_context()}  # fmt: skip

    return jsonld.expand(doc, {"documentLoader": loader})


def nodes(expanded: list) -> list[dict]:
    """Every typed node object in an expanded document, nested ones included (not typed values like dates)."""
    out: list[dict] = []
    stack = list(expanded)
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            if "@type" in node and "@value" not in node:
                out.append(node)
            stack += [v for k, vs in node.items() if not k.startswith("@") for v in vs]
        elif isinstance(node, list):
            stack += node
    return out


def value(node: dict, prop: str):  # type: ignore[no-untyped-def]
    (item,) = node[SCHEMA_ORG + prop]
    return item.get("@value", item.get("@id"))


def unknown_terms(expanded: list) -> list[str]:
    """Types and properties that schema.org does not define (the context lists every term it has)."""
    known = set(schema_org_context()["@context"]) | {"query-input"}  # Google's SearchAction annotation
    unknown = []
    for node in nodes(expanded):
        unknown += [t for t in node["@type"] if t.removeprefix(SCHEMA_ORG) not in known]
        unknown += [k for k in node if not k.startswith("@") and k.removeprefix(SCHEMA_ORG) not in known]
    return unknown
