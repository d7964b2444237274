"""Page building without MkDocs: structure, escaping, nearest stations, closed stations."""

from __future__ import annotations

import sys
from dataclasses import replace
from datetime import date
from html.parser import HTMLParser

import pytest
import yaml

from generator.data.model import Network
from generator.render import GeneratedFile, environment
from generator.web.options import WebOptions
from generator.web.site import build_web
from generator.web.stations import build_station_pages


def _stations(network, options: WebOptions):
    return build_station_pages(network, options, environment(options.theme_dir))


def _options(root) -> WebOptions:
    return WebOptions(theme_dir=root / "theme", today=date(2026, 11, 28))


def _front_matter(page: GeneratedFile) -> tuple[dict, str]:
    """The page's metadata and its finished HTML body."""
    _, front, rest = page.content.split("---\n", 2)
    assert rest == "" and page.html is not None
    return yaml.safe_load(front), page.html


class _Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.text: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.links += [v for k, v in attrs if k == "href" and v]

    def handle_data(self, data):
        self.text.append(data)


def _parse(html: str) -> _Collect:
    p = _Collect()
    p.feed(html)
    return p


def test_one_page_per_station_outside_the_nav(network, root) -> None:
    files = build_web(network, _options(root))
    stations = [f for f in files if f.src_uri.startswith("s/")]
    assert len(stations) == len(network.stations) == 33
    assert not any(f.in_nav for f in stations)
    assert {f.src_uri for f in files if f.in_nav} == {"stations.md", "services.md", "near.md", "report.md"}
    assert any(f.src_uri == "assets/bee/calendar.js" for f in files)


def test_station_page_content(network, root) -> None:
    page = next(f for f in _stations(network, _options(root)) if f.src_uri == "s/weixing.md")
    meta, body = _front_matter(page)
    assert meta["title"] == "卫星社区党群服务中心"
    assert meta["search"] == {"exclude": True}
    parsed = _parse(body)
    text = "".join(parsed.text)
    assert "示范站点" in text and "拨打 0510-0000 0101" in text
    assert "tel:051000000101" in parsed.links
    assert sum(1 for h in parsed.links if h.startswith("../") and h.count("/") == 2) == 3  # three nearest
    assert "周一至周五 08:30–17:30" in text
    # Raw HTML blocks end at a blank line in Markdown; the body must have none.
    assert "\n\n" not in body.strip()


def test_data_is_escaped_everywhere(network, root) -> None:
    evil = '"><script>alert(1)</script>'
    st = network.station_by_id["weixing"].model_copy(
        update={"notes": evil, "address": evil, "community": "卫星&社区", "wifi": None}
    )
    net = replace(network, stations=(st, *[s for s in network.stations if s.id != "weixing"]))
    for f in build_web(net, _options(root)):
        if isinstance(f.content, str):  # the PNG icons are bytes
            assert "<script>alert" not in f.content + (f.html or ""), f.src_uri
    page = next(f for f in _stations(net, _options(root)) if f.src_uri == "s/weixing.md")
    meta, body = _front_matter(page)
    assert "&lt;script&gt;" in body and "卫星&amp;社区" in body
    # Material prints page.meta.description into an attribute without escaping it.
    assert '"' not in meta["description"] and "<" not in meta["description"]


def test_closed_station_keeps_its_page_with_open_alternatives(network: Network, root) -> None:
    closed = network.station_by_id["weixing"].model_copy(
        update={"status": "closed", "status_since": date(2026, 12, 1), "successor": "changjianglu"}
    )
    others = [s for s in network.stations if s.id != "weixing"]
    net = replace(network, stations=(closed, *others))
    page = next(f for f in _stations(net, _options(root)) if f.src_uri == "s/weixing.md")
    body = _front_matter(page)[1]
    assert "本驿站已关闭" in body and "2026-12-01" in body
    assert 'href="../changjianglu/"' in body
    assert "请前往这些开放的驿站" in body
    # Nearest list of every other page never points at the closed station.
    for f in _stations(net, _options(root)):
        if f.src_uri != "s/weixing.md":
            assert 'href="../weixing/"' not in (f.html or "")


def test_directory_lists_every_station_once(network, root) -> None:
    directory = next(f for f in build_web(network, _options(root)) if f.src_uri == "stations.md")
    assert isinstance(directory.content, str)
    for st in network.stations:
        assert (directory.html or "").count(f'href="../s/{st.id}/"') == 1


@pytest.mark.process
def test_core_never_imports_mkdocs(root) -> None:
    import subprocess

    code = (
        "import sys, generator.cli, generator.build, generator.web.site, generator.study.site, generator.printing.plan;"
        "assert not [m for m in sys.modules if m.split('.')[0] in ('mkdocs', 'material')], 'mkdocs imported'"
    )
    subprocess.run([sys.executable, "-c", code], cwd=root, check=True)


def test_only_the_adapter_imports_mkdocs(root) -> None:
    """Every module but the adapter (plugin.py, engine.py) is engine-free, checked on the source."""
    import ast

    adapter = {"plugin.py", "plugin_config.py", "engine.py"}
    offenders = []
    for path in sorted((root / "generator").rglob("*.py")):
        if path.name in adapter and path.parent.name == "generator":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
            names += [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            offenders += [f"{path.relative_to(root)}: {n}" for n in names if n.split(".")[0] in ("mkdocs", "material")]
    assert not offenders


def test_poster_link_only_when_posters_are_built(network, root) -> None:
    def body(paper):
        options = WebOptions(theme_dir=root / "theme", today=date(2026, 11, 28), poster_paper=paper)
        return next(f for f in _stations(network, options) if f.src_uri == "s/weixing.md").html or ""

    assert 'href="../../print/posters/weixing.pdf"' in body("A3") and "A3 PDF" in body("A3")
    assert "print/posters/" not in body(None)
