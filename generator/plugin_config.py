"""The plugin's typed options (mkdocs.yml `plugins: - station-guide:`), part of the MkDocs adapter.

Every option is listed in README's "Plugin options" table (a test checks); `options` turns them into the
facade's engine-free `build.Options`.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config import base
from mkdocs.config import config_options as c

from . import build
from .printing.manifest import MANIFEST_NAME
from .printing.pdfx import DEFAULT_VARIANT, VARIANTS
from .printing.posters import PAPERS


class PrintConfig(base.Config):
    """Options under `print:`; paths are relative to mkdocs.yml."""

    enabled = c.Type(bool, default=True)
    posters = c.Type(bool, default=True)
    posters_on_serve = c.Type(bool, default=False)
    paper = c.Choice(tuple(PAPERS), default="A4")
    bleed_mm = c.Type((int, float), default=0)
    workers = c.Type(int, default=0)
    manifest = c.Type(str, default=MANIFEST_NAME)
    map_geojson = c.Optional(c.Type(str))
    pdf_variant = c.Choice(VARIANTS, default=DEFAULT_VARIANT)
    paused_in_bundle = c.Type(bool, default=False)


class DeployConfig(base.Config):
    """Options under `deploy:`, for `python -m generator deploy` (its flags override them). No keys here:
    credentials come only from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY in the environment."""

    endpoint = c.Type(str, default="")
    bucket = c.Type(str, default="")
    prefix = c.Type(str, default="")
    region = c.Type(str, default="us-east-1")
    path_style = c.Type(bool, default=False)


class StationGuideConfig(base.Config):
    """Options under `plugins: - station-guide:` in mkdocs.yml (documented in the README)."""

    data_file = c.Type(str, default="stations.yaml")
    theme_dir = c.Type(str, default="theme")
    study_dir = c.Type(str, default="content/study")
    community_file = c.Type(str, default=build.COMMUNITY_FILE)
    max_stations_mb = c.Type(int, default=build.Options.max_stations_mb)
    shell_cache = c.Type(bool, default=True)
    print = c.SubConfig(PrintConfig)
    deploy = c.SubConfig(DeployConfig)


def options(cfg: StationGuideConfig, config_file: Path, serving: bool, docs_dir: str = "content") -> build.Options:
    """The facade's options from the plugin's, paths relative to mkdocs.yml."""
    printing = build.PrintOptions(**{k: cfg.print[k] for k in build.PrintOptions.__dataclass_fields__})
    return build.Options(
        config_file.parent,
        cfg.data_file,
        cfg.theme_dir,
        cfg.study_dir,
        community_file=cfg.community_file,
        print=printing,
        serving=serving,
        config_file=config_file.name,
        docs_dir=docs_dir,
        max_stations_mb=cfg.max_stations_mb,
    )
