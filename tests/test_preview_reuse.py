"""What a live preview keeps between its builds gives what a fresh computation gives: each memo is checked
against the work it saves (the end-to-end check, a preview against a clean build, is test_fast_preview.py)."""

from __future__ import annotations

import os
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from conftest import ROOT, SAMPLE
from jinja2 import DictLoader, Environment

from bench.synth import synth_stations, write_stations
from generator.data import load_network
from generator.data.model import Network
from generator.opendata import shares as shares_module
from generator.opendata.shares import StationShares
from generator.opendata.site import OpenData, build_open_data
from generator.render import LARGE_NETWORK, CompiledTemplates, community_url, environment, generated_page
from generator.sources import SourceCache
from generator.web import csp
from generator.web.csp import PageHashes, site_hashes
from generator.web.lists import directory_pages
from generator.web.options import WebOptions
from generator.web.site import holiday_calendar
from generator.web.stations import build_station_pages
from generator.writer import SiteWriter


class _Counting(Environment):
    """An environment that counts the templates it compiles."""

    compiled = 0

    def compile(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        type(self).compiled += 1
        return super().compile(*args, **kwargs)


def _env(templates: dict[str, str], cache: CompiledTemplates, **settings: object) -> Environment:
    return _Counting(loader=DictLoader(templates), bytecode_cache=cache, **settings)  # type: ignore[arg-type]


def test_compiled_templates_serve_a_new_environment_until_the_source_changes() -> None:
    cache, templates = CompiledTemplates(), {"t.html": "{{ x }}|{% if y %}y{% endif %}"}
    _Counting.compiled = 0
    assert _env(templates, cache).get_template("t.html").render(x="<a>", y=1) == "<a>|y"
    assert _env(templates, cache).get_template("t.html").render(x="<a>", y=1) == "<a>|y"
    assert _Counting.compiled == 1  # the second environment took the first one's code
    templates["t.html"] = "{{ x }}!"
    assert _env(templates, cache).get_template("t.html").render(x="b") == "b!"
    assert _Counting.compiled == 2


def test_compiled_templates_are_not_shared_by_environments_set_up_differently() -> None:
    cache, templates = CompiledTemplates(), {"t.html": "{{ x }}\n  {% if y %}y{% endif %}\n"}
    plain = _env(templates, cache).get_template("t.html").render(x="<a>", y=1)
    escaped = _env(templates, cache, autoescape=True).get_template("t.html").render(x="<a>", y=1)
    trimmed = _env(templates, cache, trim_blocks=True, lstrip_blocks=True).get_template("t.html").render(x="a", y=1)
    assert (plain, escaped, trimmed) == ("<a>\n  y", "&lt;a&gt;\n  y", "a\ny")


def _page(site: Path, rel: str, text: str) -> None:
    path = site / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _rewrite(path: Path, text: str) -> None:
    """Rewrite a page in place as the engine does, a while after it was written (the clock's step is coarse)."""
    stamp = path.stat().st_mtime_ns
    path.write_text(text, encoding="utf-8")
    os.utime(path, ns=(stamp + 10**7, stamp + 10**7))


def test_page_hashes_read_again_only_the_pages_that_changed(tmp_path: Path) -> None:
    _page(tmp_path, "index.html", "<script>a()</script><style>.a{}</style>")
    _page(tmp_path, "s/x/index.html", "<script>b()</script>")
    known = PageHashes()
    assert site_hashes(tmp_path, known) == site_hashes(tmp_path)
    _rewrite(tmp_path / "s/x/index.html", "<script>c()</script>")  # in place, same length: its times tell
    _page(tmp_path, "s/y/index.html", "<script>d()</script>")
    assert site_hashes(tmp_path, known) == site_hashes(tmp_path)
    (tmp_path / "index.html").unlink()
    assert site_hashes(tmp_path, known) == site_hashes(tmp_path)
    assert len(site_hashes(tmp_path)[0]) == 2


def test_page_hashes_scan_only_new_and_changed_pages(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    scanned: list[str] = []
    monkeypatch.setattr(csp, "inline_hashes", lambda html: scanned.append(html) or (set(), set()))
    _page(tmp_path, "index.html", "<script>a()</script>")
    _page(tmp_path, "s/x/index.html", "<script>b()</script>")
    known = PageHashes()
    site_hashes(tmp_path, known)
    assert len(scanned) == 2
    _rewrite(tmp_path / "s/x/index.html", "<script>c()</script>")
    site_hashes(tmp_path, known)
    assert scanned[2:] == ["<script>c()</script>"]


TODAY, CREATED = date(2026, 11, 28), datetime(2026, 11, 18, tzinfo=UTC)
XUKANG = "name: 叙康社区党群服务中心\n"  # the successor of the paused xufeng, whose HSDS description names it
PAUSE = (
    "weixing-entrance.jpg]\n    status: open",
    'weixing-entrance.jpg]\n    status: paused\n    status_since: "2026-11-20"',
)
EDITS: list[tuple[tuple[str, str], ...]] = [
    (),
    ((XUKANG, "name: 叙康社区党群服务中心（新）\n"),),
    (
        ('phones: ["0510-0000 0101", "0510-0000 0102"]', 'phones: ["0510-0000 0109"]'),
        ('0151"]\n    hours: "Mo-Fr 08:30', '0151"]\n    hours: "Mo-Fr 08:00'),
        PAUSE,
    ),
    (("city: 无锡市", "city: 无锡"),),
]
"""Each step's edits of the sample (each step edits it afresh, undoing the step before): none; a renamed
successor; one station's phones changed and the station paused, and the successor's hours; a site-wide change."""
MADE = [None, 2, 3, None]
"""How many stations' shares each step makes (None: every station's): the renamed successor and the station
naming it; then those two again (the rename undone) and the paused one; then all of them."""


def _network(folder: Path, edits: tuple[tuple[str, str], ...]) -> Network:
    """The sample network with text replacements made in its stations.yaml."""
    text = (SAMPLE / "stations.yaml").read_text(encoding="utf-8")
    for old, new in edits:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    folder.mkdir()
    (folder / "content").symlink_to(SAMPLE / "content")  # the photos the data names
    (folder / "stations.yaml").write_text(text, encoding="utf-8")
    return load_network(folder / "stations.yaml", today=TODAY)


def _open_data(folder: Path, network: Network, shares: StationShares | None) -> tuple[dict[str, bytes], OpenData]:
    """Every file open data writes, and what it hands to the pages."""
    calendar = holiday_calendar(network, TODAY)
    made = build_open_data(network, ROOT / "theme", calendar, TODAY, CREATED, SiteWriter(folder), shares)
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}, made


def test_station_shares_make_the_files_a_full_build_makes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A preview's open data, fresh and then after each edit (reusing the other stations' shares), is byte for
    byte what a full build makes of the edited data, and only the stations an edit touched are made again."""
    made: list[str] = []
    make = shares_module._share
    monkeypatch.setattr(shares_module, "_share", lambda st, *args: made.append(st.id) or make(st, *args))
    kept = StationShares()
    for n, edits in enumerate(EDITS):
        network = _network(tmp_path / f"data{n}", edits)
        full, by_full = _open_data(tmp_path / f"full{n}", network, None)
        made.clear()
        preview, by_preview = _open_data(tmp_path / f"preview{n}", network, kept)
        assert len(full) == 11 and preview == full, n
        assert by_preview.station_blocks == by_full.station_blocks
        pages = [[(f.src_uri, f.content, f.html) for f in data.files] for data in (by_preview, by_full)]
        assert pages[0] == pages[1]
        assert len(made) == (MADE[n] or len(network.stations)), made


def test_source_cache_writes_again_a_file_changed_or_removed_since(tmp_path: Path) -> None:
    """The cache remembers what it wrote, and trusts that memory only while the file's time says it is untouched."""
    cache = SourceCache(tmp_path)
    page = generated_page("s/weixing.md", "卫星", "", "<p>一</p>", hide_nav=True)
    path = cache.path_for(page)
    written = path.read_bytes()
    path.write_bytes(b"---\n---\n")
    os.utime(path, ns=(1, 1))
    assert cache.path_for(page).read_bytes() == written
    path.unlink()
    assert cache.path_for(page).read_bytes() == written
    changed = generated_page("s/weixing.md", "卫星", "", "<p>二</p>", hide_nav=True)
    assert cache.path_for(changed).read_bytes() != written


def test_kept_station_pages_are_the_pages_a_build_renders(tmp_path: Path) -> None:
    """A preview keeps station bodies and its nearest-station index between builds; after each edit (a station
    moved, then paused, then renamed) every page is what a build renders afresh."""
    edits = [
        ("location: {lng: 120.3612, lat: 31.5388}", "location: {lng: 120.3712, lat: 31.5458}"),
        PAUSE,
        (XUKANG, "name: 叙康社区党群服务中心（新）\n"),
    ]
    for n in range(len(edits) + 1):
        network = _network(tmp_path / f"data{n}", tuple(edits[:n]))
        pages = {}
        for keep in (True, False):
            options = WebOptions(theme_dir=ROOT / "theme", today=TODAY, keep_bodies=keep)
            made = build_station_pages(network, options, environment(options.theme_dir))
            pages[keep] = [(f.src_uri, f.content, f.html) for f in made]
        assert pages[True] == pages[False], n


def test_kept_community_pages_are_the_pages_a_build_renders(tmp_path: Path) -> None:
    """A large network's community pages are kept by a preview; after a rename and a move to another community
    every directory page is what a build renders afresh, and an untouched community keeps its very body."""
    path = tmp_path / "stations.yaml"
    write_stations(path, synth_stations(SAMPLE / "stations.yaml", LARGE_NETWORK + 50))
    (tmp_path / "content").symlink_to(SAMPLE / "content")
    network = load_network(path, today=TODAY)
    first, second = network.stations[20], network.stations[30]
    renamed = first.model_copy(update={"name": first.name + "（新）"})
    moved = second.model_copy(update={"community": network.stations[200].community})
    edits = [{}, {first.id: renamed}, {first.id: renamed, second.id: moved}]
    bodies: list[dict[str, str | None]] = []
    for edit in edits:
        stations = tuple(edit.get(st.id, st) for st in network.stations)
        edited = type(network)(network.site, network.services, stations, network.calendar)
        pages = {}
        for keep in (True, False):
            options = WebOptions(theme_dir=ROOT / "theme", today=TODAY, keep_bodies=keep)
            pages[keep] = {f.src_uri: f.html for f in directory_pages(edited, options, environment(options.theme_dir))}
        assert pages[True] == pages[False]
        bodies.append(pages[True])
    other = network.stations[300].community
    assert other not in {first.community, second.community, moved.community}
    untouched = community_url(other).removesuffix("/") + ".md"
    assert bodies[0][untouched] is bodies[2][untouched]
