"""The privacy screen: content/community.yaml is searched for personal data before anything is validated.

Every key and every text value, at any depth, goes through `find_personal` (phone numbers, ID numbers,
plates, emails, WeChat/QQ ids, GPS points, a time together with a house number). Keys that would record
whereabouts, a day's log, contact details or identity (`route`, `gps`, `daily`, `phone` …) are refused
with a reason, and removed from what the models see, so staff read one message saying why rather than
a bare "unknown field". A listed person's full name written anywhere else is refused too: it would
undo the masking. Matches are located errors, never silent masks (the file is in git, and the site is
public forever).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..data.load import Document, Path_
from ..data.privacy import find_personal, privacy_hint
from ..errors import DataError
from ..i18n import tr

# Keys that would record someone: whereabouts, a day's log, contact details, identity.
_WHEREABOUTS = frozenset((
    "route", "routes", "track", "tracks", "trace", "trajectory", "path", "paths", "gps", "location", "locations",
    "coordinates", "coords", "lat", "lng", "lon", "latitude", "longitude", "position", "positions",
    "路线", "轨迹", "定位", "坐标", "位置", "行踪",
))  # fmt: skip
_DAILY = frozenset((
    "log", "logs", "daily", "day", "days", "date", "dates", "diary", "checkin", "checkins",
    "日志", "每日", "每天", "打卡", "日期",
))  # fmt: skip
_CONTACT = frozenset((
    "phone", "phones", "mobile", "tel", "telephone", "wechat", "qq", "email", "emails", "电话", "手机", "微信", "邮箱",
))  # fmt: skip
_IDENTITY = frozenset((
    "id_card", "id_number", "idcard", "plate", "plates", "license_plate", "address", "home", "birthday", "age",
    "gender", "身份证", "车牌", "住址", "地址", "生日", "年龄", "性别",
))  # fmt: skip
# What two values can make together though neither is personal alone.
_PAIRS = frozenset({"coordinates", "whereabouts"})
_SECTIONS = {
    "teams": ("队伍", "team"),
    "posts": ("岗位", "post"),
    "people": ("表彰人员", "person"),
    "kinds": ("服务类别", "kind"),
}


def screen(doc: Document) -> tuple[Any, list[DataError]]:
    """The document's data without refused keys, and an error for every key or value that looks personal."""
    errors: list[DataError] = []
    data = _strip(doc.data, (), doc, errors)
    names = _private_names(data)
    for path, text, is_key in _texts(data, ()):
        errors += _personal_values(doc, path, text, is_key)
        if path[:1] != ("people",) or path[-1:] != ("name",):
            errors += _names_in(doc, path, text, names, is_key)
    for path, text in _siblings(data, ()):
        errors += _personal_values(doc, path, text, False, joined=True)
    return data, errors


def entry_label(doc: Document, path: Path_) -> str:
    """`队伍 'hongqishi-1'` for a path inside a list entry (people by number: their names stay out of logs)."""
    if len(path) < 2 or path[0] not in _SECTIONS or not isinstance(path[1], int):
        return tr("时间银行", "time bank") if path[:1] == ("time_bank",) else ""
    zh, en = _SECTIONS[str(path[0])]
    entries = doc.data.get(path[0]) if isinstance(doc.data, dict) else None
    entry = entries[path[1]] if isinstance(entries, list) and path[1] < len(entries) else None
    ident = entry.get("id") if isinstance(entry, dict) and path[0] != "people" else None
    if isinstance(ident, str):
        return tr(f"{zh} {ident!r}", f"{en} {ident!r}")
    return tr(f"第 {path[1] + 1} 个{zh}", f"{en} #{path[1] + 1}")


def _refusal(key: str) -> tuple[str, str] | None:
    """Why a key is refused (Chinese, English), or None for an ordinary key."""
    word = key.strip().lower()
    if word in _WHEREABOUTS:
        return "路线、轨迹和定位是敏感个人信息（行踪轨迹），不收录", "routes, tracks and positions are whereabouts"
    if word in _DAILY:
        return "不收录每天的记录，只写按月或按年的合计", "daily logs are not kept; count per month or year"
    if word in _CONTACT:
        return "联系方式是个人信息，不公开", "contact details are personal information"
    if word in _IDENTITY:
        return "身份、车牌和住址是个人信息，不公开", "identity, plates and addresses are personal information"
    return None


def _strip(value: Any, path: Path_, doc: Document, errors: list[DataError]) -> Any:
    """A copy of `value` without refused keys (list positions are kept, so every path still locates)."""
    if isinstance(value, list):
        return [_strip(v, (*path, i), doc, errors) for i, v in enumerate(value)]
    if not isinstance(value, dict):
        return value
    kept = {}
    for key, child in value.items():
        reason = _refusal(key)
        if reason is None:
            kept[key] = _strip(child, (*path, key), doc, errors)
            continue
        label = entry_label(doc, (*path, key))
        where = tr(f"{label}：", f"{label}: ") if label else ""
        message = tr(f"{where}不能写 {key!r}：{reason[0]}", f"{where}{key!r} is not accepted: {reason[1]}")
        hint = tr(
            "删掉这一项；这里只写队伍、岗位和时间银行的统计数字", "remove it; only team, post and time-bank figures"
        )
        errors.append(doc.error((*path, key), message, hint, key=True))
    return kept


def _texts(value: Any, path: Path_) -> Iterator[tuple[Path_, str, bool]]:
    """Every text in the data with its path: values, and keys too (a kind name is a key of `counts`)."""
    if isinstance(value, str):
        yield path, value, False
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _texts(v, (*path, i))
    elif isinstance(value, dict):
        for k, v in value.items():
            yield (*path, k), k, True
            yield from _texts(v, (*path, k))


def _siblings(value: Any, path: Path_) -> Iterator[tuple[Path_, str]]:
    """The texts of each list or mapping read together: a point or a time and a place split in two values."""
    if isinstance(value, (list, dict)):
        children = list(value.items()) if isinstance(value, dict) else list(enumerate(value))
        texts = [v for _, v in children if isinstance(v, str)]
        alone = any(f.kind in _PAIRS for t in texts for f in find_personal(t))  # reported at that value
        if len(texts) >= 2 and not alone:
            yield path, ", ".join(texts)
        for key, child in children:
            yield from _siblings(child, (*path, key))


def _personal_values(doc: Document, path: Path_, text: str, is_key: bool, joined: bool = False) -> list[DataError]:
    """An error for each personal-looking part of `text`; for the `joined` values of one entry, only what
    takes two values (a point, a time and a place), located at the entry."""
    errors = []
    label = entry_label(doc, path)
    where = tr(f"{label}：", f"{label}: ") if label else ""
    for found in find_personal(text):
        if joined and found.kind not in _PAIRS:
            continue
        offset = None if joined else _offset(text, found.start)
        message = tr(
            f"{where}{found.text!r} 像是{found.label}，公开的网站上不能出现",
            f"{where}{found.text!r} looks like {found.label}, which must not be published",
        )
        errors.append(doc.error(path, message, privacy_hint(), key=is_key, offset=offset))
    return errors


def _private_names(data: Any) -> list[str]:
    """Full names of the listed people who have not agreed to show them (as typed: the model checks the form)."""
    people = data.get("people") if isinstance(data, dict) else None
    return [
        p["name"]
        for p in people or []
        if isinstance(p, dict) and isinstance(p.get("name"), str) and len(p["name"]) >= 2
        if str(p.get("show_full_name", "false")).lower() != "true"
    ]


def _names_in(doc: Document, path: Path_, text: str, names: list[str], is_key: bool) -> list[DataError]:
    errors = []
    label = entry_label(doc, path)
    where = tr(f"{label}：", f"{label}: ") if label else ""
    for name in names:
        at = text.find(name)
        if at < 0:
            continue
        message = tr(
            f"{where}写出了表彰人员的全名，网站上会原样公开",
            f"{where}the full name of a listed person would be published as it is",
        )
        hint = tr(
            "改写成“某师傅”或“某*”；要公开全名，须本人同意并在 people 里写 show_full_name: true",
            "write it as 张师傅 or 张*; a full name needs the person's consent and show_full_name: true",
        )
        errors.append(doc.error(path, message, hint, key=is_key, offset=_offset(text, at)))
    return errors


def _offset(text: str, start: int) -> int | None:
    """Column offset of a match inside a one-line scalar; a multi-line block is located at its start."""
    return None if "\n" in text else start
