"""Generated files kept on disk between the builds of a live preview, so unchanged pages are not rebuilt.

`mkdocs serve --dirty` rebuilds only the pages whose source file is newer than their output. Files handed to
the engine from memory always count as changed, so the preview re-rendered every station page after every
save. Here each generated file is written under `.cache/preview/` only when its content changed (a page's
finished HTML is part of what is compared), so its modification time says exactly when it last changed.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

from .render import GeneratedFile


class SourceCache:
    """Generated files as real files whose modification time changes only with their content."""

    def __init__(self, folder: Path):
        self.folder = folder
        self._written: dict[str, tuple[bytes, int]] = {}
        """What each file was last made to hold (front matter and a digest: a few hundred bytes a page), and its
        modification time then."""
        self._digests: dict[str, tuple[str, str]] = {}
        """Each page's last body and its digest: a preview reuses an unchanged station's body as the same string."""

    def path_for(self, generated: GeneratedFile) -> Path:
        """The file holding `generated`, (re)written only when what it holds changed."""
        data = generated.content.encode("utf-8") if isinstance(generated.content, str) else generated.content
        html = generated.html
        if html is not None:
            # The page's body never goes through the engine's reader: its hash in the source stands for it.
            data += f"\n<!-- {self._digest(generated.src_uri, html)} -->\n".encode()
        path = self.folder / generated.src_uri
        if self._written.get(generated.src_uri) == (data, _mtime(path)):
            return path  # what this process last wrote there, untouched since: no need to read it
        if not path.is_file() or path.read_bytes() != data:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
            tmp.write_bytes(data)
            os.replace(tmp, path)
        self._written[generated.src_uri] = (data, _mtime(path))
        return path

    def _digest(self, src_uri: str, html: str) -> str:
        """The body's SHA-256, hashed again only when the body is not the very string hashed last time."""
        known = self._digests.get(src_uri)
        if known is not None and known[0] is html:
            return known[1]
        digest = hashlib.sha256(html.encode("utf-8")).hexdigest()
        self._digests[src_uri] = (html, digest)
        return digest

    def clear(self) -> None:
        """Forget everything: the next build writes (and the engine rebuilds) every generated file."""
        shutil.rmtree(self.folder, ignore_errors=True)
        self._written.clear()
        self._digests.clear()


def _mtime(path: Path) -> int:
    """The file's modification time in nanoseconds, or -1 when there is no file."""
    try:
        return path.stat().st_mtime_ns
    except FileNotFoundError:
        return -1
