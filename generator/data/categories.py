"""The problems a rider can report, in two groups: about a station, and about the street (流动前哨).

The report page offers them as chips; content/reports.yaml counts solved problems by the same ids.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Category:
    """One kind of problem: a stable id (used in reports.yaml and the form URL) and what riders read."""

    id: str
    label: str
    group: str


STATION = "station"
STREET = "street"
GROUPS = {STATION: "关于驿站", STREET: "关于街面（流动前哨）"}
CATEGORIES = (
    Category("closed", "没开门", STATION),
    Category("hours", "时间不对", STATION),
    Category("phone", "电话打不通", STATION),
    Category("facility", "设施坏了", STATION),
    Category("medicine", "药品过期", STATION),
    Category("station-other", "其他", STATION),
    Category("road", "道路隐患", STREET),
    Category("street-facility", "设施损坏", STREET),
    Category("sanitation", "环境卫生", STREET),
    Category("safety", "安全隐患", STREET),
    Category("street-other", "其他", STREET),
)
CATEGORY_BY_ID = {c.id: c for c in CATEGORIES}


def in_group(group: str) -> list[Category]:
    """The categories of one group, in the order riders see them."""
    return [c for c in CATEGORIES if c.group == group]
