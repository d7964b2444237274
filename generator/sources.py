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

    def path_for(self, generated: GeneratedFile) -> Path:
        """The file holding `generated`, (re)written only when what it holds changed."""
        data = generated.content.encode("utf-8") if isinstance(generated.content, str) else generated.content
        html = generated.html
        if html is not None:
            # The page's body never goes through the engine's reader: its hash in the source stands for it.
            digest = hashlib.sha256(html.encode("utf-8")).hexdigest()
            data += f"\n<!-- {digest} -->\n".encode()
        path = self.folder / generated.src_uri
        if not path.is_file() or path.read_bytes() != data:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
            tmp.write_bytes(data)
            os.replace(tmp, path)
        return path

    def clear(self) -> None:
        """Forget everything: the next build writes (and the engine rebuilds) every generated file."""
        shutil.rmtree(self.folder, ignore_errors=True)
