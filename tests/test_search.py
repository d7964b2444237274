"""Station search: one short entry per station, fetched a piece at a time; the browser ranks as Python does."""

from __future__ import annotations

import gzip
import json
import random
import shutil
import subprocess
from pathlib import Path

import pytest

from generator.web.search import SEARCH_DIR, SearchRow, build_search, rows, search

JS = Path(__file__).resolve().parents[1] / "theme" / "assets" / "javascripts" / "bee-search.js"

NODE_QUERY = r"""
const BeeSearch = require(process.argv[1]);
const req = JSON.parse(require("fs").readFileSync(0, "utf8"));
const fetched = [];
const s = new BeeSearch.Search("", (url, done) => { fetched.push(url); done(null, JSON.parse(req.files[url])); });
const out = [];
(function next(i) {
  if (i === req.queries.length) { process.stdout.write(JSON.stringify({ results: out, fetched })); return; }
  s.query(req.queries[i], req.limit, (err, found) => {
    if (err) throw err;
    out.push(found.map(r => r.id));
    next(i + 1);
  });
})(0);
"""


def _node(files: dict[str, str], queries: list[str], limit: int = 20) -> dict:
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed")
    rel = {path.removeprefix(SEARCH_DIR + "/"): text for path, text in files.items()}
    payload = json.dumps({"files": rel, "queries": queries, "limit": limit})
    done = subprocess.run([node, "-e", NODE_QUERY, str(JS)], input=payload, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def _synthetic(n: int, seed: int = 3) -> list[SearchRow]:
    rng = random.Random(seed)
    roads, places = "长江黄河锡兴清源新华高浪太湖金城旺庄硕放", "花园新村家园苑城湾"
    out = []
    for i in range(n):
        community = f"{rng.choice(roads)}{rng.choice(roads)}{rng.choice(places)}第{i // 40}社区"
        out.append(SearchRow(f"st-{i:05d}", f"{community}驿站{i % 9}", community, f"{rng.choice(roads)}路{i}号"))
    return sorted(out, key=lambda r: (r.community, r.id))


def test_sample_queries_find_stations_by_name_community_and_address(network) -> None:
    entries = rows(network)
    assert search(entries, "卫星")[0] == "weixing"
    community = network.station_by_id["weixing"].community
    assert {s.id for s in network.stations if s.community == community} <= set(search(entries, community, 100))
    road = network.station_by_id["weixing"].address[-6:]
    assert "weixing" in search(entries, road)
    assert search(entries, " 卫 星 ") == search(entries, "卫星")  # spaces do not matter
    assert search(entries, "不存在的地方") == [] and search(entries, "  ") == []


@pytest.mark.process  # runs the browser code in Node
def test_browser_search_matches_python_on_the_sample(network) -> None:
    entries = rows(network)
    queries = [s.name for s in network.stations] + [s.name[:2] for s in network.stations]
    queries += [s.community for s in network.stations] + [s.address[-5:] for s in network.stations]
    queries += ["驿站", "中心", "路", "X", "江溪 街道", "无此站"]
    got = _node(build_search(entries), queries)
    assert got["results"] == [search(entries, q) for q in queries]


@pytest.mark.process
def test_browser_search_matches_python_at_scale_and_fetches_little() -> None:
    entries = _synthetic(3000)
    files = build_search(entries)
    rng = random.Random(5)
    picks = rng.sample(entries, 40)
    queries = [r.name[2:7] for r in picks] + [r.address for r in picks] + [r.community for r in picks[:10]]
    got = _node(files, queries)
    assert got["results"] == [search(entries, q) for q in queries]
    per_query = len(got["fetched"]) / len(queries)
    assert per_query < 12  # the index once, then a posting file and the row files of its stations


def test_files_grow_linearly_and_the_first_download_stays_small() -> None:
    sizes = {}
    for n in (1000, 4000):
        files = build_search(_synthetic(n))
        sizes[n] = sum(len(t.encode()) for t in files.values())
        index = files[f"{SEARCH_DIR}/index.json"].encode()
        assert len(gzip.compress(index)) < 20_000, n  # the characters table does not grow with N
    assert sizes[4000] / sizes[1000] < 4.6


@pytest.mark.browser
def test_the_search_box_finds_a_station_and_opens_its_page(phone, site_url: str) -> None:
    context, outside = phone
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(site_url + "study/")
    page.locator("label[for=__search]").first.click()
    page.fill("input[data-md-component=search-query]", "卫星社区")
    hit = page.locator(".bee-search-hit").first
    hit.wait_for(timeout=15_000)
    assert "卫星社区党群服务中心" in hit.inner_text()
    assert page.locator(".bee-search-meta").first.inner_text().startswith("驿站")
    hit.click()
    page.wait_for_url("**/s/weixing/")
    page.goto(site_url)
    page.locator("label[for=__search]").first.click()
    page.fill("input[data-md-component=search-query]", "火星")
    meta = "document.querySelector('.bee-search-meta')"
    page.wait_for_function(f"{meta} && {meta}.textContent.indexOf('没有找到') === 0")
    assert not errors and not outside.urls
