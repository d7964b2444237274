"""Atomic site replacement: build into a staging folder, then swap it in with renames."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path


def build_atomically(final: Path, produce: Callable[[Path], None]) -> None:
    """Run `produce(staging)` and replace `final` with its result; on any failure `final` is untouched."""
    final.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".site-", dir=final.parent))
    try:
        produce(staging)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    swap(staging, final)


def swap(staging: Path, final: Path) -> None:
    """Replace `final` with `staging` using renames, so readers never see a half-written site."""
    old = final.with_name(final.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if final.exists():
        final.rename(old)
    staging.rename(final)
    shutil.rmtree(old, ignore_errors=True)
