"""The study data model: the audio/e-book library, learning menus and activities under content/study/.

Same rules as `model`: every scalar arrives as typed text, models are strict and closed, and the
field types convert text themselves with a hint when it is wrong. Checks that need more than one
value (a category that exists, a station id from stations.yaml, a file that exists, end after start)
live in `study.validate`, where every error can be located.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from functools import cached_property
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BeforeValidator, Field, WithJsonSchema

from ..data import limits as lim
from ..data.limits import Chars, Items
from ..data.model import Model, Phone, Slug, Text, Url, bee_error
from ..i18n import tr

ItemKind = Literal["audio", "e-book", "video", "article"]
ActivityKind = Literal["主题服务", "义诊", "研学", "志愿"]
KIND_LABEL = {"audio": "音频", "e-book": "电子书", "video": "视频", "article": "文章"}
AUDIO_TYPES = {".mp3": "audio/mpeg", ".ogg": "audio/ogg", ".opus": "audio/ogg", ".m4a": "audio/mp4"}
IMAGE_SUFFIXES = (".svg", ".png", ".jpg", ".jpeg", ".webp")

_DURATION_RE = re.compile(r"^(?:(\d{1,2}):)?([0-5]?\d):([0-5]\d)$")
# ISO 8601 with a mandatory offset: "2026-12-12T09:00+08:00" (a space instead of T is accepted).
DATETIME_PATTERN = r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2})?(Z|[+-]\d{2}:\d{2})$"
_NAIVE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2})?$")
_LOCAL_FILE_RE = re.compile(r"^[a-z0-9][a-z0-9._-]*(?:/[a-z0-9][a-z0-9._-]*)*$")


def _to_seconds(value: Any) -> Any:
    """'12:30' or '1:02:03' → seconds; the human form is what staff read off a player."""
    if isinstance(value, str):
        m = _DURATION_RE.match(value.strip())
        if not m:
            hint = tr(
                '写成 分:秒，例如 "12:30"，或 时:分:秒，例如 "1:02:03"，加英文双引号',
                'write minutes:seconds like "12:30" or "1:02:03", in quotes',
            )
            raise bee_error(tr(f"{value!r} 不是时长", f"{value!r} is not a duration"), hint)
        return int(m.group(1) or 0) * 3600 + int(m.group(2)) * 60 + int(m.group(3))
    return value


def _to_int(value: Any) -> Any:
    if isinstance(value, str):
        if not re.fullmatch(r"[1-9]\d{0,4}", value.strip()):
            raise bee_error(
                tr(f"{value!r} 不是整数", f"{value!r} is not a whole number"),
                tr("只写数字，例如 120", "write digits only, e.g. 120"),
            )
        return int(value)
    return value


def _to_datetime(value: Any) -> Any:
    """An instant with its timezone; a naive time would silently mean the builder's timezone."""
    if not isinstance(value, str):
        return value
    text = value.strip()
    if _NAIVE_RE.match(text):
        example = f"{text.replace(' ', 'T')}+08:00"
        raise bee_error(
            tr(f"{value!r} 没有写时区", f"{value!r} has no timezone"),
            tr(
                f'在后面加上 +08:00（北京时间），例如 "{example}"',
                f'add the UTC offset, e.g. "{example}" for Beijing time',
            ),
        )
    if not re.match(DATETIME_PATTERN, text):
        raise bee_error(
            tr(f"{value!r} 不是日期和时间", f"{value!r} is not a date and time"),
            tr('写成 "2026-12-12T09:00+08:00"，加英文双引号', 'write it like "2026-12-12T09:00+08:00", in quotes'),
        )
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise bee_error(
            tr(f"{value!r} 不是有效的日期和时间", f"{value!r} is not a valid date and time"),
            tr("检查月、日和小时", "check the month, day and hour"),
        ) from None


def _check_local_file(value: str) -> str:
    """A path relative to content/study/: lowercase, no '..', no scheme, so it is a file of this site."""
    if not _LOCAL_FILE_RE.match(value) or ".." in value:
        raise bee_error(
            tr(f"{value!r} 不是本站的文件", f"{value!r} is not a file of this site"),
            tr(
                "写 content/study/ 下面的路径，全部小写，例如 audio/safety-01.mp3",
                "write a path relative to content/study/ in lowercase, e.g. audio/safety-01.mp3",
            ),
        )
    return value


def _check_https(value: str) -> str:
    if not value.startswith("https://"):
        raise bee_error(
            tr(f"{value!r} 不是 https 网址", f"{value!r} is not an https address"),
            tr("骑手在微信里打开链接：请用 https:// 开头的网址", "riders open links in WeChat: use https://"),
        )
    return value


# The JSON Schema describes what staff type (text), not what the model keeps (seconds, datetime).
Seconds = Annotated[
    int,
    BeforeValidator(_to_seconds),
    WithJsonSchema({"type": "string", "pattern": _DURATION_RE.pattern, "description": '"mm:ss" or "h:mm:ss"'}),
    Chars(lim.TIME),
]
Count = Annotated[int, BeforeValidator(_to_int), WithJsonSchema({"type": "integer", "minimum": 1})]
Instant = Annotated[
    datetime,
    BeforeValidator(_to_datetime),
    WithJsonSchema({"type": "string", "pattern": DATETIME_PATTERN, "description": "e.g. 2026-12-12T09:00+08:00"}),
    Chars(lim.TIME),
]
LocalFile = Annotated[
    str, AfterValidator(_check_local_file), Field(description="path relative to content/study/"), Chars(lim.PATH)
]
HttpsUrl = Annotated[Url, AfterValidator(_check_https)]


class Category(Model):
    """One of the library's categories (分类)."""

    id: Slug
    name: Annotated[Text, Chars(lim.NAME)]
    description: Annotated[Text, Chars(lim.SHORT_NOTE)] | None = None


class Item(Model):
    """One book, recording, video or article. `id` is part of its URL and of the podcast guid."""

    id: Slug
    title: Annotated[Text, Chars(lim.TITLE)]
    author: Annotated[Text, Chars(lim.LABEL)] | None = None
    speaker: Annotated[Text, Chars(lim.LABEL)] | None = None
    category: Slug
    kind: ItemKind
    duration: Seconds | None = Field(None, description="audio and video: running time")
    pages: Count | None = Field(None, description="e-book: number of pages")
    summary: Annotated[Text, Chars(lim.DESCRIPTION)]
    cover: LocalFile | None = Field(None, description="image under content/study/, e.g. covers/x.svg")
    audio: LocalFile | None = Field(None, description="audio file under content/study/, e.g. audio/x.mp3")
    link: HttpsUrl | None = Field(None, description="where to read, watch or listen elsewhere")
    shelves: Annotated[list[Slug], Items(lim.SHELVES)] = Field(
        default_factory=list, description="ids of stations whose 党建书架 holds a printed copy"
    )

    @property
    def by(self) -> str:
        """Author or speaker, whichever is given."""
        return self.author or self.speaker or ""


class Menu(Model):
    """A curated, ordered learning menu (学习菜单) for one audience."""

    id: Slug
    title: Annotated[Text, Chars(lim.TITLE)]
    audience: Annotated[Text, Chars(lim.LABEL)]
    description: Annotated[Text, Chars(lim.DESCRIPTION)] | None = None
    items: Annotated[list[Slug], Items(lim.MENU_ITEMS)] = Field(min_length=1)


class SignUp(Model):
    """How to sign up; every part optional, at least one given."""

    note: Annotated[Text, Chars(lim.SHORT_NOTE)] | None = None
    phone: Phone | None = None
    url: HttpsUrl | None = None


class Activity(Model):
    """A themed service, free clinic, study visit or volunteer activity at a station or elsewhere."""

    id: Slug
    title: Annotated[Text, Chars(lim.TITLE)]
    kind: ActivityKind
    start: Instant
    end: Instant
    station: Slug | None = Field(None, description="id from stations.yaml; or give place")
    place: Annotated[Text, Chars(lim.ADDRESS)] | None = None
    description: Annotated[Text, Chars(lim.DESCRIPTION)]
    signup: SignUp | None = None


class LibraryFile(Model):
    """The whole of content/study/library.yaml (for the JSON Schema)."""

    categories: Annotated[list[Category], Items(lim.CATEGORIES)]
    items: list[Item]
    menus: Annotated[list[Menu], Items(lim.MENUS)] = Field(default_factory=list)


class ActivitiesFile(Model):
    """The whole of content/study/activities.yaml (for the JSON Schema)."""

    activities: list[Activity]


@dataclass(frozen=True)
class Study:
    """Validated study data, ready for the builders. `base_dir` holds the local files (audio, covers)."""

    categories: tuple[Category, ...]
    items: tuple[Item, ...]
    menus: tuple[Menu, ...]
    activities: tuple[Activity, ...]
    base_dir: Path

    @property
    def files(self) -> list[Path]:
        """The data files and the local files they reference (their dates date the build without git)."""
        refs = [i.audio for i in self.items if i.audio] + [i.cover for i in self.items if i.cover]
        return [self.base_dir / "library.yaml", self.base_dir / "activities.yaml", *(self.base_dir / r for r in refs)]

    @cached_property
    def item_by_id(self) -> dict[str, Item]:
        """Item lookup."""
        return {i.id: i for i in self.items}

    @cached_property
    def category_by_id(self) -> dict[str, Category]:
        """Category lookup."""
        return {c.id: c for c in self.categories}

    @cached_property
    def items_by_category(self) -> dict[str, list[Item]]:
        """Items of each category, in file order."""
        result: dict[str, list[Item]] = {c.id: [] for c in self.categories}
        for item in self.items:
            result[item.category].append(item)
        return result

    def upcoming(self, now: datetime) -> list[Activity]:
        """Activities that have not ended at `now`, soonest first."""
        return sorted((a for a in self.activities if a.end > now), key=lambda a: (a.start, a.id))

    def past(self, now: datetime) -> list[Activity]:
        """Activities that have ended at `now`, most recent first."""
        return sorted((a for a in self.activities if a.end <= now), key=lambda a: (a.start, a.id), reverse=True)

    def upcoming_by_station(self, now: datetime) -> dict[str, list[Activity]]:
        """Upcoming activities grouped by station id (for the station pages)."""
        result: dict[str, list[Activity]] = {}
        for a in self.upcoming(now):
            if a.station:
                result.setdefault(a.station, []).append(a)
        return result
