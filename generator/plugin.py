"""The MkDocs adapter: the only module that imports mkdocs. It loads data, adds generated files, watches."""

from __future__ import annotations

import logging
import warnings
from pathlib import Path

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel

from .clock import build_date
from .errors import DataErrors
from .hours import CalendarWarning
from .model import Network
from .offline import write_service_worker
from .pages import BuildOptions, build_site
from .validate import load_network

log = logging.getLogger(f"mkdocs.plugins.{__name__}")


class StationGuideConfig(base.Config):
    """Options under `plugins: - station-guide:` in mkdocs.yml."""

    data_file = c.Type(str, default="stations.yaml")
    """The station data file, relative to mkdocs.yml."""
    theme_dir = c.Type(str, default="theme")
    """Folder holding fragments/, icons/ and print/ templates, relative to mkdocs.yml."""


class StationGuidePlugin(BasePlugin[StationGuideConfig]):
    """Generates station pages, the directory and the services page from stations.yaml."""

    network: Network

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        root = Path(config.config_file_path).parent
        self.data_path = root / self.config.data_file
        self.theme_dir = root / self.config.theme_dir
        try:
            self.network = load_network(self.data_path, display_name=self.config.data_file)
        except DataErrors as exc:
            raise PluginError(exc.report()) from None
        site = self.network.site
        if not config.site_url and site.site_url:
            config.site_url = site.site_url
        config.extra["bee"] = {"sample": site.sample}
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        options = BuildOptions(theme_dir=self.theme_dir, today=build_date())
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", CalendarWarning)
            generated = build_site(self.network, options)
        for w in caught:
            log.warning(str(w.message))
        for f in generated:
            inclusion = InclusionLevel.INCLUDED if f.in_nav else InclusionLevel.NOT_IN_NAV
            files.append(File.generated(config, f.src_uri, content=f.content, inclusion=inclusion))
        return files

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        # After the build, because the worker's precache list and version come from the output files.
        write_service_worker(Path(config.site_dir))

    def on_serve(self, server, /, *, config: MkDocsConfig, builder):  # type: ignore[no-untyped-def]
        server.watch(str(self.data_path))
        return server
