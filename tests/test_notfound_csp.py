"""The not-found page's did-you-mean (bee-404.js, run in node against the generated list) and the CSP
hashes of inline blocks (checked against a hash computed the way browsers do, CSP Level 3 §8.4)."""

from __future__ import annotations

import base64
import hashlib
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from generator.web.csp import InlineBlocks, inline_hashes, site_hashes
from generator.web.notfound import station_ids
from generator.web.offline import site_hash

ROOT = Path(__file__).resolve().parent.parent
NOT_FOUND_JS = ROOT / "theme" / "assets" / "javascripts" / "bee-404.js"
NODE = r"""
const nf = require(process.argv[1]).BeeNotFound;  // in node the script's `this` is module.exports
const req = JSON.parse(require("fs").readFileSync(0, "utf8"));
process.stdout.write(JSON.stringify({
  suggest: req.wanted.map(w => nf.suggest(w, req.data).map(s => s.id)),
  typed: req.paths.map(([p, root]) => nf.typedId(p, root)),
}));
"""


def _node(payload: dict) -> dict:
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed")
    done = subprocess.run(
        [node, "-e", NODE, str(NOT_FOUND_JS)], input=json.dumps(payload), capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


@pytest.mark.process  # runs the browser code in Node
def test_the_closest_station_ids_are_suggested(network) -> None:
    data = json.loads(str(station_ids(network).content))
    assert data["fields"] == ["id", "name"] and len(data["stations"]) == len(network.stations)
    wanted = ["weixin", "weixing", "WEIXING".lower(), "卫星", "hubin2", "xyzzy-nothing-like-it"]
    found = _node({"wanted": wanted, "data": data, "paths": []})["suggest"]
    assert found[0][0] == "weixing" and found[1][0] == "weixing" and found[2][0] == "weixing"
    assert found[3][0] == "weixing"  # by its Chinese name
    assert found[4][0] == "hubin"
    assert found[5] == []
    assert all(len(f) <= 3 for f in found)


@pytest.mark.process  # runs the browser code in Node
def test_only_addresses_under_s_are_read() -> None:
    paths = [
        ["/bee/s/weixin/", "/bee/"],
        ["/s/weixin", "/"],
        ["/bee/s/%E5%8D%AB%E6%98%9F/", "/bee/"],
        ["/bee/stations/x/", "/bee/"],
        ["/other/s/weixin/", "/bee/"],
    ]
    assert _node({"wanted": [], "data": {}, "paths": paths})["typed"] == ["weixin", "weixin", "卫星", None, None]


def _browser_hash(body: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(body.encode()).digest()).decode() + "'"


def test_inline_blocks_are_hashed_and_external_or_data_scripts_are_not() -> None:
    html = (
        '<script>var a=1;</script><script src="x.js"></script><script id="__config" type="application/json">{}'
        '</script><script data-x="1">\nb()\n</script><style>.a{}</style><script type="module" src="m.js"></script>'
    )
    scripts, styles = inline_hashes(html)
    assert scripts == {_browser_hash("var a=1;"), _browser_hash("\nb()\n")}
    assert styles == {_browser_hash(".a{}")}


def test_blocks_from_the_workers_reading_are_those_of_reading_the_pages(tmp_path: Path) -> None:
    """The build hashes the inline blocks of the bytes the service worker's pass reads; line ends are made
    `\\n` as reading the page as text does (and as a browser's HTML parser does)."""
    pages = {
        "index.html": "<script>a()\r\nb()</script><style>.x{}\r.y{}</style>",
        "s/x/index.html": "<script>\nc()\n</script><script>a()\nb()</script>",
        "data.json": '{"<script>d()</script>": 1}',
    }
    for rel, text in pages.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_bytes(text.encode())
    blocks = InlineBlocks()
    site_hash(tmp_path, blocks.visit)
    assert blocks.sorted() == site_hashes(tmp_path)
    assert blocks.scripts == {_browser_hash("a()\nb()"), _browser_hash("\nc()\n")}
    assert blocks.styles == {_browser_hash(".x{}\n.y{}")}


def test_built_site_lists_each_inline_block_once(built_site: Path) -> None:
    scripts, styles = site_hashes(built_site)
    snippet = (built_site / "nginx-csp.conf").read_text(encoding="utf-8")
    assert f'set $bee_csp_scripts "{" ".join(scripts)}";' in snippet
    assert f'set $bee_csp_styles "{" ".join(styles)}";' in snippet
    # Material's scope script is pinned to the site's path, so the hashes do not grow with folder depth.
    assert 1 <= len(scripts) <= 6
