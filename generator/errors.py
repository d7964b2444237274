"""The one error family: every problem a build can meet, located in the house format.

`file:line:col: message（提示：how to fix）` for a problem in a data file, `file: message（提示：…）`
when only the file is known, and `message（提示：…）` for the machine (a missing font); in English
(`--lang en`) the hint reads ` (hint: …)`. Every stage
(data, print, manifest, feeds) raises `BuildError` or a subclass, carrying all problems at once.
"""

from __future__ import annotations

from dataclasses import dataclass

from .i18n import tr


@dataclass(frozen=True, order=True)
class DataError:
    """One problem. `line` and `col` are 1-based, as editors show them; 0 when unknown."""

    file: str
    line: int
    col: int
    message: str
    hint: str = ""

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.col}: " if self.line else f"{self.file}: " if self.file else ""
        text = f"{where}{self.message}"
        if not self.hint:
            return text
        return text + tr(f"（提示：{self.hint}）", f" (hint: {self.hint})")


class BuildError(Exception):
    """Raised once with every problem found, so staff can fix them all in one pass; nothing is written."""

    def __init__(self, errors: list[DataError]):
        self.errors = sorted(set(errors))
        super().__init__(self.report())

    def report(self) -> str:
        """All problems, one per line, followed by a count."""
        return "\n".join([*(str(e) for e in self.errors), self.closing(len(self.errors))])

    def closing(self, n: int) -> str:
        """The report's last line: how many problems, and what was left undone."""
        return tr(f"共 {n} 处错误，什么都没有生成。", f"{n} error{'s' if n != 1 else ''} found; nothing was built.")


class DataErrors(BuildError):
    """Problems in the data files staff edit."""


class EnvironmentProblem(BuildError):
    """The machine cannot produce correct output (a font or a program is missing)."""

    def __init__(self, message: str, hint: str = ""):
        super().__init__([DataError("", 0, 0, message, hint)])
