"""content/reports.yaml: problems riders reported and the street solved (流动前哨), shown on the sentinel page.

Monthly counts by category (the report page's category ids) and optional short examples with a date and a
community. Loaded by the same strict loader as stations.yaml (positions, no YAML 1.1 surprises) and
validated by pydantic models; on top of that, a public page must carry no one's personal information
(PIPL), so every text is scanned with `privacy.find_personal` and a match is a located error.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

from pydantic import AfterValidator, Field

from ..errors import DataError, DataErrors
from ..i18n import tr
from . import limits as lim
from .categories import CATEGORY_BY_ID
from .limits import Chars, Items
from .load import Document, Path_, load_yaml
from .model import Day, Int, Model, Text, bee_error
from .privacy import find_personal, privacy_hint
from .validate import check_top_level, did_you_mean, validate_list

REPORTS_FILE = "content/reports.yaml"
MONTH_PATTERN = r"^\d{4}-(0[1-9]|1[0-2])$"


def _check_month(value: str) -> str:
    if not re.fullmatch(MONTH_PATTERN, value):
        raise bee_error(
            tr(f"{value!r} 不是月份", f"{value!r} is not a month"), tr('写成 "2026-11"', 'write it as "2026-11"')
        )
    return value


Month = Annotated[str, AfterValidator(_check_month), Field(pattern=MONTH_PATTERN), Chars(lim.MONTH)]


class MonthCounts(Model):
    """Problems solved in one month, by category id."""

    month: Month = Field(description='月份，例如 "2026-11"')
    solved: dict[str, Int] = Field(description="按问题类型统计的已解决数量，例如 road: 5")


class Example(Model):
    """One solved problem, anonymised: no names, numbers, plates or whereabouts."""

    date: Day
    community: Annotated[Text, Chars(lim.PLACE)]
    category: Annotated[str, Chars(lim.ID)]
    text: Annotated[Text, Chars(lim.EXAMPLE)] = Field(
        description="一两句话：发现了什么、怎么解决的；不写人名、电话、车牌"
    )


class ReportsFile(Model):
    """The whole of content/reports.yaml (also the JSON Schema editors use)."""

    months: list[MonthCounts]
    examples: Annotated[list[Example], Items(lim.EXAMPLES)] = Field(default_factory=list)


@dataclass(frozen=True)
class Reports:
    """Validated reports: months in order, examples newest first."""

    months: tuple[MonthCounts, ...]
    examples: tuple[Example, ...]

    @property
    def total(self) -> int:
        """Every problem solved."""
        return sum(sum(m.solved.values()) for m in self.months)

    def by_category(self) -> dict[str, int]:
        """Totals per category id, over all months."""
        out: dict[str, int] = {}
        for m in self.months:
            for cid, n in m.solved.items():
                out[cid] = out.get(cid, 0) + n
        return out


def load_reports(path: Path, display_name: str = REPORTS_FILE) -> Reports:
    """Read and validate content/reports.yaml; raise DataErrors with every problem found."""
    doc = load_yaml(path, display_name, max_bytes=lim.REPORTS_FILE)
    errors = list(doc.problems) + check_top_level(doc, ReportsFile, ("months",))
    if not isinstance(doc.data, dict):
        raise DataErrors(errors)
    months = validate_list(MonthCounts, doc.data.get("months"), ("months",), doc, errors, "month")
    examples = validate_list(
        Example, doc.data.get("examples") or [], ("examples",), doc, errors, "example", max_items=lim.EXAMPLES
    )
    errors += _check_months(months, doc) + _check_examples(examples, doc)
    errors += _check_private(doc.data, doc)
    if errors:
        raise DataErrors(errors)
    return Reports(
        tuple(sorted((m for _, m in months), key=lambda m: m.month)),
        tuple(sorted((e for _, e in examples), key=lambda e: e.date, reverse=True)),
    )


def _check_months(months: list[tuple[int, MonthCounts]], doc: Document) -> list[DataError]:
    errors = []
    seen: dict[str, int] = {}
    for i, m in months:
        label = tr(f"月份 {m.month}", f"month {m.month}")
        if m.month in seen:
            message = tr(f"{label} 写了两次", f"{label} is listed twice")
            errors.append(doc.error(("months", i, "month"), message, tr("合并成一条", "merge the two entries")))
        seen.setdefault(m.month, i)
        for cid in m.solved:
            if cid not in CATEGORY_BY_ID:
                message = tr(f"{label}：没有问题类型 {cid!r}", f"{label}: unknown category {cid!r}")
                errors.append(doc.error(("months", i, "solved", cid), message, _category_hint(cid), key=True))
    return errors


def _check_examples(examples: list[tuple[int, Example]], doc: Document) -> list[DataError]:
    errors = []
    for i, ex in examples:
        if ex.category not in CATEGORY_BY_ID:
            message = tr(
                f"例子 {i + 1}：没有问题类型 {ex.category!r}", f"example {i + 1}: unknown category {ex.category!r}"
            )
            errors.append(doc.error(("examples", i, "category"), message, _category_hint(ex.category)))
    return errors


def _category_hint(cid: str) -> str:
    return did_you_mean(cid, list(CATEGORY_BY_ID))


def _check_private(data: Any, doc: Document, path: Path_ = ()) -> list[DataError]:
    """Every text value that looks like personal information, located at the character where it starts."""
    if isinstance(data, dict):
        return [e for k, v in data.items() for e in _check_private(v, doc, (*path, k))]
    if isinstance(data, list):
        return [e for i, v in enumerate(data) for e in _check_private(v, doc, (*path, i))]
    if not isinstance(data, str):
        return []
    return [
        doc.error(
            path,
            tr(f"{data!r} 里像是{f.label}", f"{data!r} looks like it contains {f.label}"),
            privacy_hint(),
            offset=f.start,
        )
        for f in find_personal(data)
    ]
