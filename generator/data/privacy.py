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
_NOT_DIGIT_AFTER = r"(?![0-9])"
_MOBILE = re.compile(_NOT_DIGIT_BEFORE + r"(?:\+?86[- ]?)?1[3-9]\d[- ]?\d{4}[- ]?\d{4}" + _NOT_DIGIT_AFTER)
_LANDLINE = re.compile(_NOT_DIGIT_BEFORE + r"0\d{2,3}[- ]?\d{3,4}[- ]?\d{4}" + _NOT_DIGIT_AFTER)
# GB 11643: 6-digit region, birth date, 3-digit sequence, check digit (0-9 or X).
_ID_NUMBER = re.compile(
    _NOT_DIGIT_BEFORE
    + r"[1-9]\d{5}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx]"
    + r"(?![0-9Xx])"
)
# GA 36 plates: province character, issuing-office letter, then 5 (or 6 for new-energy) letters/digits.
_PLATE = re.compile(
    r"[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼][A-HJ-NP-Z][·•\s-]?[A-HJ-NP-Z0-9]{5,6}(?![A-Za-z0-9])"
)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# Whereabouts: a clock time together with a precise place (a house number) in one value.
_TIME = re.compile(r"(?<![0-9])(?:[01]?\d|2[0-3])(?::|：)[0-5]\d|(?:[01]?\d|2[0-3])点(?:[0-5]?\d分|半)?")
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
    "whereabouts": lambda: tr("具体时间加具体地点（行踪）", "a precise time and place (someone's whereabouts)"),
}


def find_personal(text: str) -> list[Finding]:
    """Every part of `text` that looks like personal information, in order of position."""
    found: list[Finding] = []
    taken: list[range] = []
    for kind, pattern in (("id_number", _ID_NUMBER), ("mobile", _MOBILE), ("landline", _LANDLINE),
                          ("plate", _PLATE), ("email", _EMAIL)):  # fmt: skip
        for m in pattern.finditer(text):
            if not any(m.start() in r for r in taken):  # an ID number also contains "mobile-like" digits
                found.append(Finding(kind, m.start(), m.group()))
                taken.append(range(m.start(), m.end()))
    time, place = _TIME.search(text), _PLACE.search(text)
    if time and place:
        found.append(Finding("whereabouts", min(time.start(), place.start()), f"{time.group()} … {place.group()}"))
    return sorted(found, key=lambda f: f.start)


def privacy_hint() -> str:
    """What to do instead, for every finding."""
    return tr(
        "公开的网站不能出现个人信息：删去号码、证件号、车牌或具体行踪，人名写成“张师傅”或“张*”",
        "a public site must not carry personal information: remove numbers, ID, plates or whereabouts; "
        "write names as 张师傅 or 张*",
    )
