"""Values that look like someone's personal information (PIPL), refused in data that gets published.

Riders' and volunteers' names, phone numbers, ID numbers, licence plates and whereabouts are personal
information under China's PIPL, and whereabouts (行踪轨迹) are sensitive (Art. 28). A static site is
public forever, so free text in reports and honour rolls is scanned before anything is built, and a
match is a located error, never a silent mask. Station phone numbers are the stations' own, public,
and are not scanned.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..i18n import tr

# Digits next to a match would make it part of a longer number (an order id, a date): not a phone.
_NOT_DIGIT_BEFORE = r"(?<![0-9])"
# Nor is a run of digits inside a hexadecimal token or its hyphen-joined groups (a UUID such as
# 9187cf7a-0236-5468-9671-5d0de4e37…, a hash).
_NOT_HEX_BEFORE = r"(?<![0-9A-Fa-f])(?<![0-9A-Fa-f]-)"
_NOT_HEX_AFTER = r"(?![0-9A-Fa-f])(?!-[0-9A-Fa-f])"
_MOBILE = re.compile(_NOT_HEX_BEFORE + r"(?:\+?86[- ]?)?1[3-9]\d[- ]?\d{4}[- ]?\d{4}" + _NOT_HEX_AFTER)
# The area code may stand in brackets: "(0510) 8123 4567".
_LANDLINE = re.compile(_NOT_HEX_BEFORE + r"\(?0\d{2,3}\)?[- ]?\d{3,4}[- ]?\d{4}" + _NOT_HEX_AFTER)
# GB 11643: 6-digit region, birth date, 3-digit sequence, check digit (0-9 or X).
_ID_NUMBER = re.compile(
    _NOT_DIGIT_BEFORE
    + r"[1-9]\d{5}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx]"
    + r"(?![0-9Xx])"
)
# GA 36 plates: province character, issuing-office letter, then 5 (or 6 for new-energy) letters/digits;
# staff may type the letters in lowercase.
_PLATE = re.compile(
    r"[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼][A-HJ-NP-Za-hj-np-z][·•\s-]?"
    r"[A-HJ-NP-Za-hj-np-z0-9]{5,6}(?![A-Za-z0-9])"
)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# WeChat ids (6-20 characters, starting with a letter) and QQ numbers (5-11 digits) after their name; the
# Latin names only as words of their own, not inside base64 (a CSP hash may contain "Vx").
_IM = re.compile(
    r"(?:微信号?|(?<![A-Za-z0-9+/])(?:wechat|wx|vx|QQ号?))\s*[:：]?\s*"
    r"(?:[A-Za-z][-_A-Za-z0-9]{5,19}|[1-9]\d{4,10})(?![-_A-Za-z0-9])",
    re.IGNORECASE,
)
# A GPS point: two decimals with at least three places (about 100 m), one a longitude and one a latitude
# within China, in either order.
_POINT = re.compile(r"(?<![\d.])(\d{1,3}\.\d{3,})\s*[,，、/\s]\s*(\d{1,3}\.\d{3,})(?![\d.])")
# Whereabouts: a clock time together with a precise place (a house number) in one value.
_TIME = re.compile(r"(?<![0-9])(?:[01]?\d|2[0-3])(?::|：)[0-5]\d|(?<![0-9])(?:[01]?\d|2[0-3])[点时](?:[0-5]?\d分|半)?")
_PLACE = re.compile(r"\d+\s*(?:号|弄|栋|幢|单元|室|楼)")


@dataclass(frozen=True)
class Finding:
    """One value that looks personal: what it looks like, where in the text, and the text itself."""

    kind: str
    start: int
    text: str

    @property
    def label(self) -> str:
        """What it looks like, for staff."""
        return _LABELS[self.kind]()


_LABELS = {
    "mobile": lambda: tr("手机号", "a mobile number"),
    "landline": lambda: tr("座机号", "a landline number"),
    "id_number": lambda: tr("身份证号", "an ID card number"),
    "plate": lambda: tr("车牌号", "a licence plate"),
    "email": lambda: tr("电子邮箱", "an email address"),
    "im": lambda: tr("微信号或 QQ 号", "a WeChat or QQ id"),
    "coordinates": lambda: tr("定位坐标", "GPS coordinates"),
    "whereabouts": lambda: tr("具体时间加具体地点（行踪）", "a precise time and place (someone's whereabouts)"),
}


# Full-width forms (１３８…, ＠, （）, －) are what a Chinese input method types: fold them to ASCII, one
# character for one, so positions still point into the text as typed.
_HALF_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}


def find_personal(text: str) -> list[Finding]:
    """Every part of `text` that looks like personal information, in order of position."""
    folded = text.translate(_HALF_WIDTH)
    found: list[Finding] = []
    taken: list[range] = []
    for kind, pattern in (("id_number", _ID_NUMBER), ("im", _IM), ("mobile", _MOBILE), ("landline", _LANDLINE),
                          ("plate", _PLATE), ("email", _EMAIL)):  # fmt: skip
        for m in pattern.finditer(folded):
            if not any(m.start() in r for r in taken):  # an ID number also contains "mobile-like" digits
                found.append(Finding(kind, m.start(), text[m.start() : m.end()]))
                taken.append(range(m.start(), m.end()))
    found += [Finding("coordinates", m.start(), text[m.start() : m.end()]) for m in _points(folded)]
    time, place = _TIME.search(folded), _PLACE.search(folded)
    if time and place:
        shown = f"{text[time.start() : time.end()]} … {text[place.start() : place.end()]}"
        found.append(Finding("whereabouts", min(time.start(), place.start()), shown))
    return sorted(found, key=lambda f: f.start)


def _points(text: str) -> list[re.Match[str]]:
    """Number pairs that read as a longitude and a latitude inside China (73-136 °E, 3-54 °N)."""

    def in_china(a: float, b: float) -> bool:
        return 73 <= a <= 136 and 3 <= b <= 54

    pairs = ((m, float(m.group(1)), float(m.group(2))) for m in _POINT.finditer(text))
    return [m for m, a, b in pairs if in_china(a, b) or in_china(b, a)]


def privacy_hint() -> str:
    """What to do instead, for every finding."""
    return tr(
        "公开的网站不能出现个人信息：删去号码、证件号、车牌或具体行踪，人名写成“张师傅”或“张*”",
        "a public site must not carry personal information: remove numbers, ID, plates or whereabouts; "
        "write names as 张师傅 or 张*",
    )
