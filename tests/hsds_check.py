"""HSDS 3.0 validation with the real validators: frictionless for the tabular package, jsonschema for JSON."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from conftest import ROOT

HSDS_SCHEMAS = ROOT / "schema" / "hsds"


def tabular_report(folder: Path):  # type: ignore[no-untyped-def]
    """frictionless' report on the package in `folder` (types, formats, enums, keys, foreign keys)."""
    from frictionless import validate

    return validate(str(folder / "datapackage.json"))


@cache
def _registry(strict: bool):  # type: ignore[no-untyped-def]
    """The canonical HSDS schemas by file name, so `"$ref": "phone.json"` resolves offline.

    `strict` sets additionalProperties to false on every object, as the official repository's
    validate_examples_json_schema.sh does for its examples: a misspelt property then fails.
    """
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT202012

    def close(node):  # type: ignore[no-untyped-def]
        if isinstance(node, dict):
            node = {k: close(v) for k, v in node.items()}
            if node.get("type") == "object" and "properties" in node:
                node["additionalProperties"] = False
            return node
        return [close(v) for v in node] if isinstance(node, list) else node

    schemas = {p.name: json.loads(p.read_text(encoding="utf-8")) for p in HSDS_SCHEMAS.glob("*.json")}
    schemas.pop("datapackage.json")
    if strict:
        schemas = {name: close(schema) for name, schema in schemas.items()}
    registry = Registry().with_resources(
        (name, Resource.from_contents(s, default_specification=DRAFT202012)) for name, s in schemas.items()
    )
    return registry, schemas


def organization_validator(strict: bool):  # type: ignore[no-untyped-def]
    """HSDS's compiled organization schema is the canonical organization.json plus `services`."""
    from jsonschema import Draft202012Validator

    registry, schemas = _registry(strict)
    root = json.loads(json.dumps(schemas["organization.json"]))
    root["properties"]["services"] = {"type": "array", "items": {"$ref": "service.json"}}
    return Draft202012Validator(root, registry=registry, format_checker=Draft202012Validator.FORMAT_CHECKER)


def json_errors(doc: dict, *, strict: bool = False) -> list[str]:
    """`validator: path: message` for each way the HSDS JSON organization breaks the official schemas."""
    validator = organization_validator(strict)
    return [f"{e.validator}: {list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(doc)]
