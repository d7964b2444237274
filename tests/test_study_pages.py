"""Study page building without MkDocs: nav entries, links, escaping, station activities."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
import yaml

from generator.render import environment
from generator.study.pages import NAV_PAGES, format_when, item_meta
from generator.study.site import build_study_site, station_extras
from generator.study.validate import load_study
from generator.web.options import WebOptions
from generator.web.stations import build_station_pages

NOW = datetime(2026, 11, 28, 4, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def study(network, sample: Path):
    return load_study(sample / "content" / "study", network)


def _files(network, study, root):
    return {f.src_uri: f for f in build_study_site(network, study, root / "theme", NOW)}


def _meta(content: str) -> dict:
    return yaml.safe_load(content.split("---\n", 2)[1])


def _body(f) -> str:
    """A generated page's finished HTML body (its Markdown source is front matter only)."""
    assert f.html is not None, f.src_uri
    return f.html


def test_only_the_four_study_pages_are_nav_entries(network, study, root) -> None:
    files = _files(network, study, root)
    assert {u for u, f in files.items() if f.in_nav} == set(NAV_PAGES)
    assert sum(u.startswith("study/i/") for u in files) == len(study.items) == 40
    assert sum(u.startswith("study/c/") for u in files) == len(study.categories) == 10
    # Category pages and "my menu" repeat item text: kept out of Material's search index.
    assert _meta(files["study/c/traffic.md"].content)["search"] == {"exclude": True}
    assert "search" not in _meta(files["study/i/aid-cpr.md"].content)


def test_audio_item_page(network, study, root) -> None:
    body = _body(_files(network, study, root)["study/i/ebike-helmet.md"])
    assert '<audio controls preload="metadata" src="../../audio/helmet.mp3">' in body
    for rate in ("0.75", "1", "1.25", "1.5", "2"):
        assert f'data-bee-rate="{rate}"' in body
    assert 'src="../../covers/ebike.svg"' in body


def test_ebook_page_links_out_and_to_its_shelves(network, study, root) -> None:
    body = _body(_files(network, study, root)["study/i/history-reader.md"])
    assert 'href="https://example.org/study/history-reader"' in body and "打开阅读" in body
    for sid in study.item_by_id["history-reader"].shelves:
        assert f'href="../../../s/{sid}/"' in body  # study/i/<id>/ → s/<sid>/


def test_data_is_escaped(network, study, root) -> None:
    evil = '"><script>alert(1)</script>'
    item = study.items[0].model_copy(update={"summary": evil, "title": "A&B"})
    act = study.activities[0].model_copy(update={"description": evil, "place": evil, "station": None})
    evil_study = replace(study, items=(item, *study.items[1:]), activities=(act, *study.activities[1:]))
    for f in build_study_site(network, evil_study, root / "theme", NOW):
        if f.src_uri.endswith(".md"):  # HTML; the feeds carry plain text, escaped for their own formats
            assert "<script>alert" not in f.content + _body(f), f.src_uri
    files = _files(network, evil_study, root)
    assert "A&amp;B" in _body(files[f"study/i/{item.id}.md"])
    assert "&lt;script&gt;" in _body(files["study/activities.md"])


def test_activities_split_at_build_time(network, study, root) -> None:
    body = _body(_files(network, study, root)["study/activities.md"])
    upcoming, past = body.split('data-bee-activities="past"')
    assert re.findall(r'<section class="bee-activity" id="([^"]+)"', past) == ["helmet-check-2026-11", "clinic-2026-11"]
    assert re.findall(r'<section class="bee-activity" id="([^"]+)"', upcoming)[0] == "clinic-2026-12"


def test_station_page_lists_its_upcoming_activities(network, study, root) -> None:
    extras = station_extras(study, root / "theme", NOW)
    assert "weixing" in extras and "changjianglu" not in extras  # its only activity is over
    options = WebOptions(theme_dir=root / "theme", station_extras=extras)
    page = next(
        f for f in build_station_pages(network, options, environment(options.theme_dir)) if f.src_uri == "s/weixing.md"
    )
    assert 'href="../../study/activities/#clinic-2027-02"' in _body(page)
    assert "clinic-2026-11" not in _body(page)


def test_human_readable_times_and_lengths(study) -> None:
    assert format_when(study.activities[2]) == "2026年12月12日（周六）09:00–11:30"
    assert item_meta(study.item_by_id["traffic-rules-basics"]) == "电子书 · 86页"
    assert item_meta(study.item_by_id["traffic-night-riding"]) == "音频 · 8分40秒"


def test_search_index_is_compact_utf8_and_keeps_item_boilerplate_out(built_site: Path) -> None:
    raw = (built_site / "search/search_index.json").read_text(encoding="utf-8")
    assert "\\u" not in raw.split('"docs"')[1]  # Chinese as UTF-8, not six-byte escapes (the config has a regex)
    docs = {d["location"]: d for d in json.loads(raw)["docs"]}
    cpr = docs["study/i/aid-cpr/"]
    assert cpr["title"] == "心肺\u200b复苏\u200b图解"
    assert "胸外" in cpr["text"] and "微信" not in cpr["text"] and "学习书库" not in cpr["text"]
    assert not any(loc.startswith(("study/c/", "study/my/")) for loc in docs)


def test_data_files_are_not_published_but_audio_is(built_site: Path) -> None:
    assert not list((built_site / "study").glob("*.yaml"))
    assert (built_site / "study/audio/helmet.mp3").stat().st_size <= 30 * 1024  # small enough for a phone plan
    assert (built_site / "study/covers/ebike.svg").is_file()
