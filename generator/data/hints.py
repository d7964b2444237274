"""Hints for the mistakes staff actually make, built from what they typed.

Each function gets the value as typed and returns a hint (or a message and a hint) that shows the
right form with the staff member's own words and numbers in it, or None when the value does not
look like that mistake.
"""

from __future__ import annotations

import difflib
import re
from decimal import Decimal, InvalidOperation
from typing import Any

from ..i18n import tr
from .syntax import colon_hint, colon_message, full_width_key
from .wording import join

# Two numbers as Amap's coordinate picker copies them, "120.361200,31.538800", or with a space or a
# Chinese comma after the comma.
_PAIR = re.compile(r"^\s*(-?\d+(?:\.\d+)?)\s*[,，、\s]\s*(-?\d+(?:\.\d+)?)\s*$")
# Names listed on one line: "法律咨询, 防暑降温" or "法律咨询，防暑降温、理发".
_SEPARATORS = re.compile(r"\s*[,，、;；]\s*")


def _number(text: str) -> str:
    """The number as staff typed it, without trailing zeros: '120.361200' → '120.3612'."""
    try:
        value = Decimal(text).normalize()
    except InvalidOperation:
        return text
    return format(value, "f")


def coordinates(value: Any) -> tuple[str, str] | None:
    """A message and hint for `location` written as one string or a list of two numbers, else None.

    In China longitude (73–135) is always the larger number and latitude (18–54) the smaller, so the
    layout is right whichever order they were pasted in.
    """
    if isinstance(value, list) and len(value) == 2 and all(isinstance(v, str) for v in value):
        value = f"{value[0]},{value[1]}"
    m = _PAIR.match(value) if isinstance(value, str) else None
    if m is None:
        return None
    first, second = m.groups()
    lng, lat = (first, second) if float(first) >= float(second) else (second, first)
    layout = f"{{lng: {_number(lng)}, lat: {_number(lat)}}}"
    message = tr(f"坐标写成了一串文字 {value!r}", f"location is written as one text {value!r}")
    if lng == first:
        hint = tr(
            f"经度、纬度要分开写：location: {layout}（前面较大的数是经度 lng，后面的是纬度 lat）",
            f"write longitude and latitude separately: location: {layout} (the larger number is lng, then lat)",
        )
    else:
        hint = tr(
            f"经度、纬度要分开写，这里先写了纬度：location: {layout}（较大的数是经度 lng）",
            f"write longitude and latitude separately; latitude came first here: location: {layout} "
            "(the larger number is lng)",
        )
    return message, hint


def services(word: str, catalogue: dict[str, str]) -> str:
    """A hint for an unknown service: the closest service by id or by Chinese name, then every id with its name."""
    listing = join(_service(sid, name) for sid, name in catalogue.items())
    guess = _service_guess(word, catalogue)
    if guess:
        shown = _service(guess, catalogue[guess])
        return tr(f"是不是想写 {shown}？可以写的服务 id：{listing}", f"did you mean {shown}? service ids: {listing}")
    return tr(f"可以写的服务 id：{listing}", f"service ids: {listing}")


def _service(sid: str, name: str) -> str:
    return (tr(f"{sid}（{name}）", f"{sid} ({name})")) if name else sid


def _service_guess(word: str, catalogue: dict[str, str]) -> str | None:
    names = {name: sid for sid, name in catalogue.items() if name}
    for name, sid in names.items():
        if word and (word in name or name in word):
            return sid
    close = difflib.get_close_matches(word, list(names), n=1, cutoff=0.5)
    if close:
        return names[close[0]]
    close = difflib.get_close_matches(word.lower(), list(catalogue), n=1)
    return close[0] if close else None


def service_name_message(word: str) -> str | None:
    """The message for a service written by its Chinese name rather than its id, else None."""
    if word.isascii():
        return None
    return tr(f"服务 {word!r} 写的是名称，这里要写服务的 id", f"{word!r} is a service name, not a service id")


def extra_services(value: Any, entries: Any = None) -> tuple[str, str] | None:
    """Special services typed as one line of names (or a list of bare names): the list form, with those names.

    `entries` is the whole list when `value` is one bare name in it, so the hint shows every name.
    """
    if isinstance(entries, list):
        names = [v for v in entries if isinstance(v, str)]
    elif isinstance(value, str):
        names = [n for n in _SEPARATORS.split(value.strip()) if n]
    else:
        return None
    if not names:
        return None
    flow = "[" + ", ".join(f"{{name: {n}}}" for n in names) + "]"
    if isinstance(entries, list):
        message = tr(
            f"特色服务 {value!r} 只写了名称，每项要写成 {{name: {value}}}",
            f"extra_services: {value!r} is a bare name, not an entry {{name: …}}",
        )
    else:
        message = tr(
            f"特色服务 {value!r} 要写成列表，每项一个名称", f"extra_services: {value!r} is not a list of entries"
        )
    hint = tr(
        f"每项特色服务单独写一项：extra_services: {flow}，或者每行一项“- name: {names[0]}”",
        f"give each special service its own entry: extra_services: {flow}, or one '- name: {names[0]}' per line",
    )
    return message, hint


def extra_services_key(key: str, name: str | None) -> tuple[str, str]:
    """`- {name: 法律咨询, 防暑降温}`: the second service became a key of the first one's entry."""
    names = [n for n in (name, key) if n]
    flow = "[" + ", ".join(f"{{name: {n}}}" for n in names) + "]"
    message = tr(
        f"{key!r} 被当成了字段名：花括号 {{ }} 里的英文逗号是用来分隔字段的",
        f"{key!r} became a key: commas inside {{…}} separate keys",
    )
    hint = tr(
        f"每项特色服务单独写一项：extra_services: {flow}；名称里要用逗号时写中文逗号“，”",
        f"give each special service its own entry: extra_services: {flow}; inside a name use the Chinese comma '，'",
    )
    return message, hint


def colon_in_text(text: Any) -> tuple[str, str] | None:
    """A message and hint for `key：value` that YAML read as text (or as a key), else None."""
    found = full_width_key(text) if isinstance(text, str) else None
    if found is None:
        return None
    key, index = found
    return colon_message(key), colon_hint(key, text[index + 1 :].strip())
