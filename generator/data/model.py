"""The data model: pydantic schemas for what staff write, and the validated Network the builders use.

Every scalar arrives as the exact text that was typed (see `load`), so the field types below
convert text themselves and refuse YAML 1.1 look-alikes (`no`, `0510`, `22:30`) with a hint.
The same models generate the JSON Schema that editors use.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property, lru_cache
from typing import Annotated, Any, Literal
from urllib.parse import urlsplit

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, WithJsonSchema
from pydantic_core import PydanticCustomError

from ..errors import DataError
from ..i18n import tr
from . import limits as lim
from .hours import HoursError, Schedule, compile_hours
from .limits import Chars, Items

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
_SLUG_RE = re.compile(SLUG_PATTERN)
_LANDLINE_RE = re.compile(r"^0\d{2,3}[- ]?\d{3,4}[- ]?\d{4}$")
_MOBILE_RE = re.compile(r"^1[3-9]\d[- ]?\d{4}[- ]?\d{4}$")
# Service hotlines: 400/800 numbers and short public numbers such as 12345 or 95598.
_HOTLINE_RE = re.compile(r"^(?:[48]00[- ]?\d{3}[- ]?\d{4}|1\d{2,4}|9\d{4})$")
PHONE_PATTERN = r"^[0-9][0-9 -]{2,15}$"
POSTAL_CODE_PATTERN = r"^[0-9]{6}$"  # China Post's six-digit codes
_BOOL_WORDS = {"yes", "no", "on", "off", "y", "n"}
# A file under the images folder: lowercase relative path, no '..' (containment is checked again on disk).
MEDIA_PATTERN = r"^[a-z0-9][a-z0-9._-]*(?:/[a-z0-9][a-z0-9._-]*)*\.(?:jpg|jpeg|png|webp)$"
_MEDIA_RE = re.compile(MEDIA_PATTERN)
FORM_PLACEHOLDERS = ("station", "category", "text")
_PLACEHOLDER_RE = re.compile(r"\{([^{}]*)\}|[{}]")


def bee_error(message: str, hint: str, offset: int | None = None) -> PydanticCustomError:
    """A validation error that carries our own message and hint through pydantic."""
    return PydanticCustomError("bee", "{message}", {"message": message, "hint": hint, "offset": offset})


def _to_bool(value: Any) -> Any:
    if isinstance(value, str):
        if value.lower() in ("true", "false"):
            return value.lower() == "true"
        if value.lower() in _BOOL_WORDS:
            raise bee_error(
                tr(f"{value!r} 意思不明确", f"{value!r} is ambiguous"),
                tr(
                    "写 true 或 false；yes/no/on/off 会被 YAML 1.1 读成真假值，不要用",
                    "write true or false (YAML 1.1 reads yes/no/on/off as booleans)",
                ),
            )
        raise bee_error(
            tr(f"{value!r} 不是 true 或 false", f"{value!r} is not true or false"),
            tr("写 true 或 false", "write true or false"),
        )
    return value


def _to_float(value: Any) -> Any:
    if isinstance(value, str):
        if not re.fullmatch(r"-?\d+(?:\.\d+)?", value.strip()):
            raise bee_error(
                tr(f"{value!r} 不是数字", f"{value!r} is not a decimal number"),
                tr("用数字和英文小数点，例如 120.3612", "write digits with a dot, e.g. 120.3612"),
            )
        return float(value)
    return value


def _to_int(value: Any) -> Any:
    if isinstance(value, str):
        if not re.fullmatch(r"0|[1-9]\d{0,5}", value.strip()):
            raise bee_error(
                tr(f"{value!r} 不是整数", f"{value!r} is not a whole number"),
                tr("只写数字，例如 12", "write digits only, e.g. 12"),
            )
        return int(value)
    return value


def _to_date(value: Any) -> Any:
    if isinstance(value, str):
        try:
            return date.fromisoformat(value) if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value) else _bad_date(value)
        except ValueError:
            return _bad_date(value)
    return value


def _bad_date(value: str) -> Any:
    raise bee_error(
        tr(f"{value!r} 不是有效的日期", f"{value!r} is not a valid date"),
        tr('日期写成 YYYY-MM-DD 并加英文双引号，例如 "2026-11-01"', 'write the date as YYYY-MM-DD, e.g. "2026-11-01"'),
    )


def _check_slug(value: str) -> str:
    if not _SLUG_RE.match(value) or len(value) > 32:
        raise bee_error(
            tr(f"{value!r} 不是有效的 id", f"{value!r} is not a valid id"),
            tr(
                "id 只用小写字母、数字和单个短横线，最多 32 个字符，例如 'taihu-2'",
                "use 1-32 lowercase letters, digits and single hyphens, e.g. 'taihu-2'",
            ),
        )
    return value


def _check_phone(value: str) -> str:
    if not (_LANDLINE_RE.match(value) or _MOBILE_RE.match(value) or _HOTLINE_RE.match(value)):
        raise bee_error(
            tr(f"{value!r} 不是有效号码", f"{value!r} is not a phone number"),
            tr(
                '座机要带区号，例如 "0510-8123 4567"，手机写 11 位，都加英文双引号',
                'write a landline with its area code like "0510-8123 4567" or an 11-digit mobile, in quotes',
            ),
        )
    return value


def _check_postal_code(value: str) -> str:
    if not re.fullmatch(POSTAL_CODE_PATTERN, value):
        raise bee_error(
            tr(f"{value!r} 格式不对", f"{value!r} is not a postal code"),
            tr('写 6 位数字并加引号，例如 "214028"', 'write the six digits in quotes, e.g. "214028"'),
        )
    return value


def _check_url(value: str) -> str:
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise bee_error(
            tr(f"{value!r} 不是 http(s) 网址", f"{value!r} is not an http(s) address"),
            tr("写完整的网址，例如 https://example.org/", "write a full address like https://example.org/"),
        )
    return value


_SITE_URL_BAD = re.compile(r"[\s\"'<>\\`\x00-\x1f\x7f]")


def _check_site_url(value: str) -> str:
    """The public base address: absolute http(s), canonical, ending in '/', nothing that could leave an attribute.

    It lands unescaped in Material's templates (canonical link, asset URLs), so anything beyond a plain
    address is refused rather than escaped.
    """
    _check_url(value)
    bad = _SITE_URL_BAD.search(value)
    if bad:
        raise bee_error(
            tr(f"{value!r} 里有 {bad.group()!r}", f"{value!r} contains {bad.group()!r}"),
            tr(
                "写一个普通的网址，例如 https://bee.example.org/（不要引号、空格或尖括号）",
                "write a plain address like https://bee.example.org/ (no quotes, spaces or angle brackets)",
            ),
            bad.start(),
        )
    parts = urlsplit(value)
    if "@" in parts.netloc or parts.query or parts.fragment or "#" in value or "?" in value:
        raise bee_error(
            tr(f"{value!r} 不是普通的网站地址", f"{value!r} is not a plain site address"),
            tr(
                "去掉用户名、'?…' 或 '#…' 部分，例如 https://bee.example.org/bee/",
                "remove the user name, '?…' or '#…' part: e.g. https://bee.example.org/bee/",
            ),
        )
    if parts.scheme != value.split(":", 1)[0] or parts.netloc != parts.netloc.lower():
        raise bee_error(
            tr(f"{value!r} 要全部小写", f"{value!r} is not in canonical form"),
            tr(f"写成 {value.lower()!r}", f"write it in lowercase: {value.lower()!r}"),
        )
    if not value.endswith("/"):
        raise bee_error(
            tr(f"{value!r} 没有以 '/' 结尾", f"{value!r} does not end with '/'"),
            tr(f"写成 {value + '/'!r}", f"write {value + '/'!r}"),
        )
    return value


def _check_form_url(value: str) -> str:
    """An http(s) form address whose only {…} are the placeholders the report page fills in."""
    _check_url(value)
    for m in _PLACEHOLDER_RE.finditer(value):
        if m.group(1) not in FORM_PLACEHOLDERS:
            allowed = "、".join("{" + p + "}" for p in FORM_PLACEHOLDERS)
            raise bee_error(
                tr(f"表单网址里的 {m.group()!r} 不是可用的占位符", f"{m.group()!r} is not a placeholder of the form"),
                tr(f"只能用 {allowed}", f"use only {allowed}"),
                m.start(),
            )
    return value


def _check_media(value: str) -> str:
    if not _MEDIA_RE.match(value) or ".." in value:
        raise bee_error(
            tr(f"{value!r} 不是 images 文件夹里的图片", f"{value!r} is not an image in the images folder"),
            tr(
                "写 content/images/ 下的相对路径，小写，.jpg/.png/.webp，例如 stations/weixing-1.jpg",
                "write a lowercase path relative to content/images/ ending in .jpg/.png/.webp, "
                "e.g. stations/weixing-1.jpg",
            ),
        )
    return value


def _check_text(value: str) -> str:
    if not value.strip():
        raise bee_error(
            tr("是空的", "empty text"), tr("写上内容，或者删掉这一行", "write something or remove the line")
        )
    if "<" in value or ">" in value:
        raise bee_error(
            tr(f"{value!r} 里有 '<' 或 '>'", f"{value!r} contains '<' or '>'"),
            tr("只写普通文字；书名、标题用《》", "names are plain text; use 《》 for titles"),
        )
    return value


@lru_cache(maxsize=4096)
def schedule_of(hours: str) -> Schedule:
    """The compiled hours, shared: most stations use one of a few dozen strings (a Schedule is immutable)."""
    return compile_hours(hours)


def _check_hours(value: str) -> str:
    try:
        schedule_of(value)
    except HoursError as exc:
        raise bee_error(exc.message, exc.hint, exc.column) from None
    return value


Bool = Annotated[bool, BeforeValidator(_to_bool)]
Int = Annotated[int, BeforeValidator(_to_int), WithJsonSchema({"type": "integer", "minimum": 0})]
Float = Annotated[float, BeforeValidator(_to_float)]
Day = Annotated[date, BeforeValidator(_to_date)]
Slug = Annotated[str, AfterValidator(_check_slug), Field(pattern=SLUG_PATTERN), Chars(lim.ID)]
Phone = Annotated[str, AfterValidator(_check_phone), Field(pattern=PHONE_PATTERN), Chars(lim.PHONE)]
PostalCode = Annotated[
    str, AfterValidator(_check_postal_code), Field(pattern=POSTAL_CODE_PATTERN), Chars(lim.POSTAL_CODE)
]
Url = Annotated[str, AfterValidator(_check_url), Field(pattern=r"^https?://"), Chars(lim.URL)]
SiteUrl = Annotated[
    str, AfterValidator(_check_site_url), Field(pattern=r"^https?://[^\s\"'<>\\`?#@]+/$"), Chars(lim.SITE_URL)
]
Text = Annotated[str, AfterValidator(_check_text)]
FormUrl = Annotated[
    str,
    AfterValidator(_check_form_url),
    Field(pattern=r"^https?://", description="表单网址，可含 {station} {category} {text} 占位符"),
    Chars(lim.URL),
]
Media = Annotated[
    str,
    AfterValidator(_check_media),
    Field(pattern=MEDIA_PATTERN, description="content/images/ 下的图片路径"),
    Chars(lim.PATH),
]
Hours = Annotated[
    str,
    AfterValidator(_check_hours),
    Field(description="OSM opening_hours subset, e.g. 'Mo-Fr 08:30-17:30; MW 08:30-17:30; PH off'"),
    Chars(lim.HOURS),
]
Kind = Literal["街道党群服务中心", "商圈党群服务中心", "工作站", "社区党群服务中心", "合作营业厅"]
Status = Literal["open", "paused", "closed"]
# Licences for the open data (SPDX ids); generator/opendata/licenses.py has their names and links.
License = Literal["CC-BY-4.0", "CC-BY-SA-4.0", "CC0-1.0", "ODC-By-1.0", "ODbL-1.0", "PDDL-1.0"]
Icon = Literal[
    "rest", "water", "microwave", "wifi", "charging", "medicine", "toilet", "books",
    "repair", "umbrella", "ac", "locker", "info",
]  # fmt: skip


class Model(BaseModel):
    """Strict, closed, immutable: unknown keys are errors, nothing is coerced behind staff's back."""

    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)


class Region(Model):
    """The network's bounding box in GCJ-02; a station outside it is a typo or swapped lat/lng."""

    west: Float
    east: Float
    south: Float
    north: Float

    def contains(self, lng: float, lat: float) -> bool:
        """True when the point lies inside the box."""
        return self.west <= lng <= self.east and self.south <= lat <= self.north


class ReportChannels(Model):
    """Where the report page (上报问题) sends a rider's message; the site itself collects nothing."""

    phone: Phone = Field(description="值班电话或 12345：骑手一键拨打")
    phone_label: Annotated[Text, Chars(lim.LABEL)] = Field(
        "值班电话", description="电话按钮上的说明，例如 12345 市民热线"
    )
    sms: Phone | None = Field(None, description="接收短信的号码：短信内容自动填好")
    form: FormUrl | None = Field(None, description="在线表单网址，可含 {station} {category} {text}")
    group: Annotated[Text, Chars(lim.LABEL)] | None = Field(
        None, description="骑手复制内容后粘贴到的微信群，例如 江溪街道网格群"
    )
    qr: Media | None = Field(None, description="微信群或小程序二维码图片（content/images/ 下）")
    qr_label: Annotated[Text, Chars(lim.LABEL)] | None = Field(None, description="二维码下方的说明")


class Site(Model):
    """Network-wide settings."""

    name: Annotated[Text, Chars(lim.NAME)]
    district: Annotated[Text, Chars(lim.PLACE)]
    province: Annotated[Text, Chars(lim.REGION)] = Field(description="省份，如 江苏省（开放数据的地址要用）")
    city: Annotated[Text, Chars(lim.REGION)] = Field(description="城市，如 无锡市（开放数据的地址要用）")
    contact: Phone | None = None
    site_url: SiteUrl = Field(description="Public address ending in '/': QR codes, feeds and canonical links use it.")
    sample: Bool = Field(False, description="Show a visible 示例数据 notice on every page.")
    region: Region
    license: License = Field("CC-BY-4.0", description="开放数据（data/ 下的文件）的许可协议，默认 CC-BY-4.0")
    report: ReportChannels | None = Field(
        None, description="上报问题页面的联系渠道（不写时用 contact 电话，再没有就用 12345）"
    )
    stale_days: Int = Field(180, description="超过多少天没有核实（verified）就提醒", ge=1)

    @property
    def report_channels(self) -> ReportChannels:
        """The report page's channels: `report`, else the site's contact phone, else 12345 (the citizens'
        hotline every city in China answers)."""
        if self.report is not None:
            return self.report
        if self.contact:
            return ReportChannels(phone=self.contact)
        return ReportChannels(phone="12345", phone_label="12345 政务服务便民热线")


class Service(Model):
    """One entry of the standard service catalogue (the "8" in "8+N")."""

    id: Slug
    name: Annotated[Text, Chars(lim.SERVICE_NAME)]
    icon: Icon
    description: Annotated[Text, Chars(lim.SHORT_NOTE)]


class ExtraService(Model):
    """A service only one station offers (the "N")."""

    name: Annotated[Text, Chars(lim.SERVICE_NAME)]
    description: Annotated[str, Chars(lim.SHORT_NOTE)] = ""
    icon: Icon = "info"


class Location(Model):
    """GCJ-02 coordinates as copied from Amap's coordinate picker (longitude first)."""

    lng: Float
    lat: Float


class Wifi(Model):
    """A Wi-Fi network riders may join."""

    ssid: Annotated[Text, Chars(lim.SSID)]
    password: Annotated[str, Chars(lim.WIFI_PASSWORD)] | None = None


class Station(Model):
    """One rest station. `id` is printed on posters and must never change."""

    id: Slug
    name: Annotated[Text, Chars(lim.NAME)]
    kind: Kind
    community: Annotated[Text, Chars(lim.PLACE)]
    demo: Bool = Field(False, description="示范站点")
    address: Annotated[Text, Chars(lim.ADDRESS)]
    postal_code: PostalCode = Field(description='邮政编码，6 位数字，加引号，如 "214028"')
    location: Location
    phones: Annotated[list[Phone], Items(lim.PHONES)] = Field(min_length=1)
    hours: Hours
    services: Annotated[list[Slug], Items(lim.SERVICES)]
    extra_services: Annotated[list[ExtraService], Items(lim.EXTRA_SERVICES)] = Field(default_factory=list)
    wifi: Wifi | None = None
    notes: Annotated[str, Chars(lim.NOTES)] | None = None
    status: Status = "open"
    status_since: Day | None = None
    successor: Slug | None = None
    status_note: Annotated[str, Chars(lim.SHORT_NOTE)] | None = None
    verified: Day | None = Field(None, description="信息核实日期：最近一次到站核实这些信息的日期 YYYY-MM-DD")
    access: Annotated[Text, Chars(lim.ADDRESS)] | None = Field(None, description="怎么进门，例如 刷工牌进门、按门铃")
    photos: Annotated[list[Media], Items(lim.PHOTOS)] = Field(
        default_factory=list, description="入口照片，content/images/ 下的路径，宽至少 480 像素"
    )

    @cached_property
    def schedule(self) -> Schedule:
        """The compiled opening hours."""
        return schedule_of(self.hours)

    @property
    def is_open(self) -> bool:
        """True unless paused or closed (says nothing about the time of day)."""
        return self.status == "open"


class CalendarExtras(Model):
    """Dates to add to the national holiday calendar before the package that carries it updates."""

    holidays: Annotated[list[Day], Items(lim.CALENDAR_DAYS)] = Field(default_factory=list)
    makeup_workdays: Annotated[list[Day], Items(lim.CALENDAR_DAYS)] = Field(default_factory=list)


class StationsFile(Model):
    """The whole of stations.yaml; used for the JSON Schema, the loader validates part by part."""

    site: Site
    services: Annotated[list[Service], Items(lim.SERVICES)]
    stations: list[Station]
    calendar: CalendarExtras = CalendarExtras()


@dataclass(frozen=True)
class Network:
    """Validated data, ready for the builders."""

    site: Site
    services: tuple[Service, ...]
    stations: tuple[Station, ...]
    calendar: CalendarExtras = field(default_factory=CalendarExtras)
    stale: tuple[DataError, ...] = ()
    """Stations not verified on site for more than `site.stale_days` days, located: warnings, or errors
    with `check --strict`."""

    @cached_property
    def service_by_id(self) -> dict[str, Service]:
        """Catalogue lookup."""
        return {s.id: s for s in self.services}

    @cached_property
    def station_by_id(self) -> dict[str, Station]:
        """Station lookup."""
        return {s.id: s for s in self.stations}
