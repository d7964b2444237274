"""Podcast feed of the library's audio items: RSS 2.0 with Apple's iTunes podcast tags.

RSS 2.0 (rssboard.org/rss-specification): channel title/link/description; per item an
<enclosure> whose url is absolute, length is the file's size in bytes and type its MIME type, and a
<guid>. iTunes tags (Apple Podcasts "RSS feed requirements"): itunes:author, itunes:category,
itunes:explicit, and per item itunes:duration in seconds. Only items with a local audio file are
included: an enclosure needs a length, which a link to another site cannot give.
"""

from __future__ import annotations

from datetime import datetime
from email.utils import format_datetime
from pathlib import PurePosixPath
from urllib.parse import urljoin, urlsplit
from xml.etree import ElementTree as ET

from ..data.model import Network
from .model import AUDIO_TYPES, Item, Study
from .pages import item_url

ITUNES = "http://www.itunes.com/dtds/podcast-1.0.dtd"
ATOM = "http://www.w3.org/2005/Atom"
PODCAST_PATH = "feeds/podcast.xml"
AUDIO_BASE = "study/"  # content/study/<audio> is published at study/<audio>


def audio_items(study: Study) -> list[Item]:
    """Items that go into the podcast: audio items with a local file."""
    return [i for i in study.items if i.kind == "audio" and i.audio]


def build_podcast(network: Network, study: Study, site_url: str, built: datetime) -> str:
    """The RSS 2.0 document as text (UTF-8 XML declaration included)."""
    ET.register_namespace("itunes", ITUNES)
    ET.register_namespace("atom", ATOM)
    rss = ET.Element("rss", {"version": "2.0"})
    channel = ET.SubElement(rss, "channel")
    name = f"{network.site.name}·学习书库"
    _text(channel, "title", name)
    _text(channel, "link", urljoin(site_url, "study/"))
    _text(
        channel,
        "description",
        f"{network.site.district}{network.site.name}学习书库的音频：交通安全、急救常识、劳动权益等。",
    )
    _text(channel, "language", "zh-cn")
    _text(channel, "lastBuildDate", format_datetime(built))  # RFC 822 date, as RSS 2.0 requires
    _text(channel, "generator", "bee-station-guide")
    ET.SubElement(channel, f"{{{ATOM}}}link", {"href": urljoin(site_url, PODCAST_PATH), "rel": "self",
                                                "type": "application/rss+xml"})  # fmt: skip
    _text(channel, f"{{{ITUNES}}}author", network.site.name)
    ET.SubElement(channel, f"{{{ITUNES}}}category", {"text": "Education"})
    _text(channel, f"{{{ITUNES}}}explicit", "false")
    host = urlsplit(site_url).hostname
    for item in audio_items(study):
        _item(channel, item, study, site_url, host or "")
    ET.indent(rss)
    return ET.tostring(rss, encoding="unicode", xml_declaration=False).join(
        ('<?xml version="1.0" encoding="UTF-8"?>\n', "\n")
    )


def _item(channel: ET.Element, item: Item, study: Study, site_url: str, host: str) -> None:
    assert item.audio is not None and item.duration is not None
    path = study.base_dir / item.audio
    entry = ET.SubElement(channel, "item")
    _text(entry, "title", item.title)
    _text(entry, "link", urljoin(site_url, item_url(item.id)))
    _text(entry, "description", item.summary)
    ET.SubElement(entry, "enclosure", {
        "url": urljoin(site_url, AUDIO_BASE + item.audio),
        "length": str(path.stat().st_size),
        "type": AUDIO_TYPES[PurePosixPath(item.audio).suffix],
    })  # fmt: skip
    # Not a URL, so it does not change if pages move; tied to the host like the calendar's UIDs.
    guid = ET.SubElement(entry, "guid", {"isPermaLink": "false"})
    guid.text = f"study-{item.id}@{host}"
    _text(entry, f"{{{ITUNES}}}author", item.by)
    _text(entry, f"{{{ITUNES}}}duration", str(item.duration))
    _text(entry, f"{{{ITUNES}}}summary", item.summary)


def _text(parent: ET.Element, tag: str, text: str) -> ET.Element:
    el = ET.SubElement(parent, tag)
    el.text = text
    return el
