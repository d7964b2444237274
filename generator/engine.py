"""The other half of the MkDocs adapter: run a MkDocs build from the command line."""

from __future__ import annotations

import logging
import os
from pathlib import Path

from .errors import BuildError


class EngineError(BuildError):
    """MkDocs stopped; its message (our PluginError report, or its own) is shown as it is."""

    def __init__(self, text: str):
        self.text = text
        super().__init__([])

    def report(self) -> str:
        """The engine's message."""
        return self.text


def configured_site_dir(config_file: Path) -> Path:
    """The `site_dir` that mkdocs.yml names (MkDocs resolves it against the config file's folder)."""
    from mkdocs.config import load_config

    return Path(load_config(str(config_file)).site_dir)


def mkdocs_build(config_file: Path, site_dir: Path) -> None:
    """Build the site described by `config_file` into `site_dir`; raise BuildError on any failure."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    logging.basicConfig(format="%(levelname)s - %(message)s", level=logging.WARNING)
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # Material's end-of-life banner is not for staff
    try:
        build(load_config(str(config_file), site_dir=str(site_dir)))
    except MkDocsException as exc:
        raise EngineError(str(exc)) from None
