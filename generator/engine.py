"""The other half of the MkDocs adapter: run a MkDocs build from the command line."""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

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


@dataclass(frozen=True)
class DeploySettings:
    """What `python -m generator deploy` reads from mkdocs.yml: the site folder, the printed-URL manifest,
    and the options under `station-guide: deploy:` (endpoint, bucket, prefix, region, path_style)."""

    site_dir: Path
    manifest: Path
    options: dict[str, Any]


def deploy_settings(config_file: Path) -> DeploySettings:
    """Read mkdocs.yml with MkDocs itself, so its tags and validation apply; nothing is built."""
    from mkdocs.config import load_config

    config = load_config(str(config_file))
    plugin = config.plugins["station-guide"].config
    root = Path(config.config_file_path).parent
    return DeploySettings(Path(config.site_dir), root / plugin.print.manifest, dict(plugin.deploy))


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
