"""Located data errors: every problem a staff member can make, with file, line, column and a hint."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class DataError:
    """One problem in a data file. `line` and `col` are 1-based, as editors show them."""

    file: str
    line: int
    col: int
    message: str
    hint: str = ""

    def __str__(self) -> str:
        text = f"{self.file}:{self.line}:{self.col}: {self.message}"
        return f"{text} (hint: {self.hint})" if self.hint else text


class LocatedError(ValueError):
    """One located data problem found by a later stage (print, feeds) rather than by validation."""

    def __init__(self, error: DataError):
        self.error = error
        super().__init__(str(error))


class DataErrors(Exception):
    """Raised once with every error found, so staff can fix them all in one pass."""

    def __init__(self, errors: list[DataError]):
        self.errors = sorted(set(errors))
        super().__init__(self.report())

    def report(self) -> str:
        """All errors, one per line, followed by a count."""
        lines = [str(e) for e in self.errors]
        n = len(self.errors)
        lines.append(f"{n} error{'s' if n != 1 else ''} found; nothing was built.")
        return "\n".join(lines)
