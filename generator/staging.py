"""Atomic, kill-safe site replacement: build into a staging folder, then exchange it with site/.

- Staging folders sit beside the site (the same file system, so the swap is a rename) and are named
  `.site-<pid>-<random>`. A build killed at any point leaves at most such a folder, and the next
  build removes every one whose process is gone.
- The swap is one `renameat2(RENAME_EXCHANGE)` (Linux ≥ 3.15): site/ is the complete old tree until
  that instant and the complete new tree after it, with no moment in between where it is missing.
  The old tree then lies under the staging name and is deleted; if that is interrupted, the next
  build deletes it. Where the call is unavailable, two renames are used (a moment without site/).
"""

from __future__ import annotations

import ctypes
import errno
import os
import re
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

PREFIX = ".site-"
_NAME = re.compile(re.escape(PREFIX) + r"(\d+)-")
_AT_FDCWD = -100
_RENAME_EXCHANGE = 2  # linux/fs.h


def build_atomically(final: Path, produce: Callable[[Path], None]) -> None:
    """Run `produce(staging)` and put its result at `final`; on any failure `final` is untouched."""
    final.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_staging(final.parent)
    staging = Path(tempfile.mkdtemp(prefix=f"{PREFIX}{os.getpid()}-", dir=final.parent))
    try:
        produce(staging)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    swap(staging, final)


def swap(staging: Path, final: Path) -> None:
    """Make `staging`'s tree appear at `final` in one step, then delete the tree it replaced."""
    if not final.exists():
        staging.rename(final)
        return
    if _exchange(staging, final):
        shutil.rmtree(staging, ignore_errors=True)  # now the old tree
        return
    # No atomic exchange here: move the old tree aside under a staging name (so an interrupted
    # cleanup is still found later), then move the new one in.
    old = Path(tempfile.mkdtemp(prefix=f"{PREFIX}{os.getpid()}-old-", dir=final.parent))
    old.rmdir()
    final.rename(old)
    staging.rename(final)
    shutil.rmtree(old, ignore_errors=True)


def remove_stale_staging(folder: Path) -> list[Path]:
    """Delete staging folders left by builds whose process no longer runs; returns what was removed."""
    removed = []
    for path in folder.glob(f"{PREFIX}*"):
        match = _NAME.match(path.name)
        if path.is_dir() and match and not _alive(int(match.group(1))):
            shutil.rmtree(path, ignore_errors=True)
            removed.append(path)
    return removed


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's running process
    return True


def _exchange(a: Path, b: Path) -> bool:
    """Atomically exchange two paths; False when the system cannot (old kernel, other libc, file system)."""
    libc = ctypes.CDLL(None, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    result = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    if result == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP):
        return False
    raise OSError(err, os.strerror(err), str(b))
