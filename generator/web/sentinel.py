"""The 流动前哨 page: how many problems riders reported and the street solved, by category and month, with examples."""

from __future__ import annotations

from dataclasses import dataclass

from jinja2 import Environment

from ..data.categories import CATEGORIES, GROUPS, STATION, STREET
from ..data.model import Network
from ..data.reports import Reports
from ..render import GeneratedFile, generated_page

SENTINEL_SOURCE = "sentinel.md"


@dataclass(frozen=True)
class MonthRow:
    """One month's totals, street and station problems apart."""

    month: str
    street: int
    station: int

    @property
    def total(self) -> int:
        """Both groups."""
        return self.street + self.station


def build_sentinel(network: Network, reports: Reports | None, env: Environment) -> GeneratedFile:
    """The page (a nav entry); without content/reports.yaml it says there are no figures yet."""
    group_of = {c.id: c.group for c in CATEGORIES}
    ctx: dict = {"reports": reports, "labels": {c.id: c.label for c in CATEGORIES}}
    if reports and reports.months:
        totals = reports.by_category()
        ctx["by_group"] = [
            (GROUPS[g], [(c.label, totals[c.id]) for c in CATEGORIES if c.group == g and totals.get(c.id)])
            for g in (STREET, STATION)
        ]
        ctx["months"] = [
            MonthRow(
                m.month,
                sum(n for cid, n in m.solved.items() if group_of[cid] == STREET),
                sum(n for cid, n in m.solved.items() if group_of[cid] == STATION),
            )
            for m in reversed(reports.months)
        ]
        ctx["first_month"], ctx["last_month"] = reports.months[0].month, reports.months[-1].month
    body = env.get_template("fragments/sentinel.html").render(**ctx)
    description = f"{network.site.name}·流动前哨：骑手随手上报、街道已经解决的问题。"
    return generated_page(SENTINEL_SOURCE, "流动前哨", description, body, hide_nav=False, in_nav=True)
