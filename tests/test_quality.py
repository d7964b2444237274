"""Lint, format and type checks run as part of the suite, so CI enforces them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.lint

BIN = Path(sys.executable).parent


@pytest.mark.parametrize(
    "cmd",
    [
        ["ruff", "check", "generator", "tests", "bench"],
        ["ruff", "format", "--check", "generator", "tests", "bench"],
        ["mypy", "generator"],
    ],
    ids=["ruff-check", "ruff-format", "mypy"],
)
def test_tool_passes(root: Path, cmd: list[str]) -> None:
    result = subprocess.run([str(BIN / cmd[0]), *cmd[1:]], cwd=root, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
