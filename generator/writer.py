"""The one guarded writer: every output path is claimed here before anything is written under site/.

Like Pelican's writer, it refuses a path that would land outside the output folder and a path
that two producers both claim (a second write to the same file is always a mistake: one of the
two outputs would silently vanish). The engine's own files (Markdown pages, theme assets) are
claimed too, so a generated page can never overwrite an authored one unnoticed.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Callable, Iterable
from pathlib import Path, PurePosixPath

from .errors import BuildError, DataError
from .i18n import tr

_UNSAFE = re.compile(r"[\x00-\x1f\x7f\\:]")


class WriteConflict(BuildError):
    """Two producers claimed one output path, or a path escaped the output folder."""


class SiteWriter:
    """Claims site-relative paths for named producers and writes files atomically inside `root`."""

    def __init__(self, root: Path):
        self.root = root
        self.owners: dict[str, str] = {}

    def claim(self, rel: str, owner: str) -> Path:
        """Reserve `rel` for `owner` and return its absolute path; raises WriteConflict on a clash or escape."""
        clean = safe_relpath(rel, owner)
        first = self.owners.get(clean)
        if first is not None:
            raise WriteConflict(
                [
                    DataError(
                        "",
                        0,
                        0,
                        tr(
                            f"site/{clean} 会被写两次：{first}，以及 {owner}",
                            f"site/{clean} would be written twice: by {first} and by {owner}",
                        ),
                        tr(
                            "改名或删掉其中一个（id 和页面路径都不能重复）",
                            "rename or remove one of the two (ids and page paths must be unique)",
                        ),
                    )
                ]
            )
        self.owners[clean] = owner
        return self.root / clean

    def write(self, rel: str, data: str | bytes, owner: str) -> Path:
        """Claim `rel` and write `data` there (text as UTF-8) via a temporary file and a rename."""
        return self._put(self.claim(rel, owner), data)

    def copy(self, rel: str, source: Path, owner: str) -> Path:
        """Claim `rel` and put a copy of the file `source` there: a hard link when the file system allows it.

        For files kept in the build's cache (print PDFs, up to a few hundred megabytes a build): the cache
        replaces its files by renaming and never changes one in place, so a link is as good as a copy
        and costs no reading and writing.
        """
        path = self.claim(rel, owner)
        if path.exists() and os.path.samefile(path, source):
            return path  # written into the same folder before: rename(2) would leave the link made for it
        return _swap_in(path, lambda tmp: _link_or_copy(source, tmp))

    def write_claimed(self, rel: str, data: str | bytes | Iterable[bytes]) -> Path:
        """Write `data` (text, bytes, or bytes in chunks, so a large file is never whole in memory) at a path
        claimed earlier: a producer that claims all its paths before writing any, so that a clash stops the
        build before one of them is written."""
        return self._put(self._claimed(rel), data)

    def rewrite(self, rel: str, data: str | bytes) -> Path:
        """Replace a file that an earlier claim produced (e.g. the engine's search index, compacted)."""
        return self._put(self._claimed(rel), data)

    def _claimed(self, rel: str) -> Path:
        clean = safe_relpath(rel, "rewrite")
        if clean not in self.owners:
            message = tr(
                f"site/{clean} 之前没有登记过，不能写入", f"site/{clean} was never claimed, so it cannot be written"
            )
            raise WriteConflict([DataError("", 0, 0, message)])
        return self.root / clean

    def _put(self, path: Path, data: str | bytes | Iterable[bytes]) -> Path:
        chunks = [data.encode("utf-8")] if isinstance(data, str) else [data] if isinstance(data, bytes) else data

        def fill(tmp: Path) -> None:
            with tmp.open("wb") as out:
                out.writelines(chunks)

        return _swap_in(path, fill)


def _swap_in(path: Path, fill: Callable[[Path], None]) -> Path:
    """Make `path` whole or not at all: `fill` a temporary file beside it, then rename it into place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.unlink(missing_ok=True)  # left by a killed build of the same process id
    try:
        fill(tmp)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    os.replace(tmp, path)
    return path


def _link_or_copy(source: Path, target: Path) -> None:
    try:
        os.link(source, target)
    except OSError:  # another file system, or links not allowed there
        shutil.copyfile(source, target)


def safe_relpath(rel: str, owner: str) -> str:
    """`rel` as a normalised relative POSIX path inside the output folder, or WriteConflict."""
    path = PurePosixPath(rel)
    segments = rel.split("/")
    if not rel or path.is_absolute() or _UNSAFE.search(rel) or any(s in ("", ".", "..") for s in segments):
        message = tr(
            f"{owner} 想写到网站文件夹之外：{rel!r}", f"{owner} tried to write {rel!r}, outside the site folder"
        )
        hint = tr("id 只能用小写字母、数字和短横线", "ids must be slugs")
        raise WriteConflict([DataError("", 0, 0, message, hint)])
    return path.as_posix()
