"""The podcast feed and the activity calendars, read back with real parsers (feedparser, icalendar)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import feedparser
import icalendar
import pytest

from generator.data.hours import SHANGHAI
from generator.study.feeds import audio_items, build_podcast
from generator.study.ical import build_calendars, escape_text, fold
from generator.study.validate import load_study

SITE = "https://bee.example.org/"
BUILT = datetime.fromtimestamp(1795000000, UTC)  # SOURCE_DATE_EPOCH of the built_site fixture


@pytest.fixture(scope="module")
def study(network, sample: Path):
    return load_study(sample / "content" / "study", network)


def test_podcast_is_rss2_with_itunes_tags(built_site: Path, study) -> None:
    feed = feedparser.parse((built_site / "feeds/podcast.xml").read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "rss20"
    assert feed.feed.title == "小蜜蜂驿站·学习书库" and feed.feed.language == "zh-cn"
    assert feed.namespaces.get("itunes") == "http://www.itunes.com/dtds/podcast-1.0.dtd"
    expected = audio_items(study)
    assert [e.title for e in feed.entries] == [i.title for i in expected] and len(expected) == 5
    for entry, item in zip(feed.entries, expected, strict=True):
        (enc,) = entry.enclosures
        assert enc.href == f"{SITE}study/{item.audio}"  # absolute, under site_url
        assert int(enc.length) == (study.base_dir / item.audio).stat().st_size
        assert (built_site / "study" / item.audio).stat().st_size == int(enc.length)  # the file is published
        assert enc.type == "audio/mpeg"
        assert entry.itunes_duration == str(item.duration)
        assert entry.id == f"study-{item.id}@bee.example.org" and entry.guidislink is False
        assert entry.link == f"{SITE}study/i/{item.id}/"


def test_calendar_follows_rfc5545(built_site: Path, study) -> None:
    raw = (built_site / "feeds/activities.ics").read_bytes()
    assert raw.endswith(b"\r\n") and b"\n" not in raw.replace(b"\r\n", b"")  # CRLF only
    lines = raw.split(b"\r\n")[:-1]
    assert max(len(line) for line in lines) <= 75  # octets, not characters
    assert any(line.startswith(b" ") for line in lines)  # Chinese descriptions do get folded
    for line in lines:
        line.decode("utf-8")  # folding never splits a UTF-8 character
    cal = icalendar.Calendar.from_ical(raw)
    (tz,) = cal.walk("VTIMEZONE")
    assert tz["TZID"] == "Asia/Shanghai"
    events = {str(e["UID"]): e for e in cal.walk("VEVENT")}
    assert set(events) == {f"{a.id}@bee.example.org" for a in study.activities}
    for act in study.activities:
        ev = events[f"{act.id}@bee.example.org"]
        assert ev["DTSTART"].params["TZID"] == "Asia/Shanghai" and ev["DTEND"].params["TZID"] == "Asia/Shanghai"
        assert ev.decoded("DTSTART").replace(tzinfo=None) == act.start.astimezone(SHANGHAI).replace(tzinfo=None)
        assert ev.decoded("DTEND").replace(tzinfo=None) == act.end.astimezone(SHANGHAI).replace(tzinfo=None)
        assert ev.decoded("DTSTAMP") == BUILT  # SOURCE_DATE_EPOCH, so rebuilding changes nothing
        assert str(ev["SUMMARY"]) == act.title


def test_one_calendar_file_per_activity_linked_from_the_activities_page(built_site: Path, study) -> None:
    html = (built_site / "study/activities/index.html").read_text(encoding="utf-8")
    for act in study.activities:
        cal = icalendar.Calendar.from_ical((built_site / f"feeds/activities/{act.id}.ics").read_bytes())
        assert [str(e["UID"]) for e in cal.walk("VEVENT")] == [f"{act.id}@bee.example.org"]
        assert f'href="../../feeds/activities/{act.id}.ics"' in html


def test_uids_and_guids_are_stable_across_builds(network, study) -> None:
    first = build_calendars(network, study, SITE, BUILT)
    later = build_calendars(network, study, SITE, datetime(2027, 3, 1, tzinfo=UTC))
    uids = [
        [str(e["UID"]) for e in icalendar.Calendar.from_ical(c[p]).walk("VEVENT")]
        for c in (first, later)
        for p in ["feeds/activities.ics"]
    ]
    assert uids[0] == uids[1]
    assert build_calendars(network, study, SITE, BUILT) == first  # same input, same bytes
    assert build_podcast(network, study, SITE, BUILT) == build_podcast(network, study, SITE, BUILT)


def test_text_escaping_and_folding_round_trip(network, study) -> None:
    assert escape_text("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne"
    act = study.activities[0].model_copy(update={"description": "地点：A栋,3楼; 路径 C:\\bee\n第二行" * 5})
    text = build_calendars(network, replace(study, activities=(act,)), SITE, BUILT)["feeds/activities.ics"]
    (ev,) = icalendar.Calendar.from_ical(text).walk("VEVENT")
    assert str(ev["DESCRIPTION"]) == act.description
    long = "测" * 40
    assert fold(long).split("\r\n")[0].encode() == ("测" * 25).encode()  # 75 octets = 25 characters


def test_podcast_escapes_xml(network, study) -> None:
    item = next(i for i in study.items if i.audio).model_copy(update={"title": 'A&B "Q"', "summary": "x & y"})
    xml = build_podcast(network, replace(study, items=(item,)), SITE, BUILT)
    feed = feedparser.parse(xml.encode("utf-8"))
    assert not feed.bozo and feed.entries[0].title == 'A&B "Q"' and feed.entries[0].summary == "x & y"
