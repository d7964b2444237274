"""The atomic swap and the clean-up of staging folders left by killed builds."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from generator.staging import build_atomically, remove_stale_staging, swap


def _dead_pid() -> int:
    proc = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    return int(proc.stdout)


def test_swap_exchanges_in_one_step_and_deletes_the_old_tree(tmp_path: Path) -> None:
    final, staging = tmp_path / "site", tmp_path / f".site-{os.getpid()}-x"
    final.mkdir()
    (final / "index.html").write_text("old")
    staging.mkdir()
    (staging / "index.html").write_text("new")
    inode = staging.stat().st_ino
    swap(staging, final)
    assert (final / "index.html").read_text() == "new" and final.stat().st_ino == inode
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_a_failed_build_leaves_the_site_and_no_staging(tmp_path: Path) -> None:
    final = tmp_path / "site"
    final.mkdir()
    (final / "index.html").write_text("old")

    def fail(staging: Path) -> None:
        (staging / "half.html").write_text("x")
        raise RuntimeError("broken")

    with pytest.raises(RuntimeError):
        build_atomically(final, fail)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]
    assert (final / "index.html").read_text() == "old"


def test_staging_of_dead_builds_is_removed_and_live_ones_kept(tmp_path: Path) -> None:
    dead = tmp_path / f".site-{_dead_pid()}-abc"
    live = tmp_path / f".site-{os.getppid()}-def"
    other = tmp_path / ".site-notes"
    for folder in (dead, live, other):
        folder.mkdir()
    assert remove_stale_staging(tmp_path) == [dead]
    assert live.exists() and other.exists() and not dead.exists()
