"""Everything the study part adds to the site: pages, the "my menu" data, the podcast and the calendars.

One entry point for the MkDocs adapter and the tests, so both build exactly the same files.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from markupsafe import Markup

from ..data.model import Network
from ..render import GeneratedFile
from .feeds import PODCAST_PATH, build_podcast
from .ical import build_calendars
from .model import Study
from .pages import StudyOptions, build_study, station_activities


def build_study_site(network: Network, study: Study, theme_dir: Path, now: datetime) -> list[GeneratedFile]:
    """Study pages, feeds/podcast.xml, feeds/activities.ics and one .ics per activity.

    `now` is the build time (SOURCE_DATE_EPOCH when set): it decides the build-time split into
    upcoming and past activities and is the calendars' DTSTAMP and the feed's lastBuildDate.
    """
    site_url = network.site.site_url
    files = build_study(network, study, StudyOptions(theme_dir, now))
    files.append(GeneratedFile(PODCAST_PATH, build_podcast(network, study, site_url, now)))
    files += [GeneratedFile(uri, text) for uri, text in build_calendars(network, study, site_url, now).items()]
    return files


def station_extras(study: Study, theme_dir: Path, now: datetime) -> dict[str, Markup]:
    """HTML to add to each station page: its upcoming activities."""
    return station_activities(study, StudyOptions(theme_dir, now))
