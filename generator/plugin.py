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
from mkdocs.structure.pages import Page

from .clock import build_datetime
from .errors import DataErrors
from .feeds import FeedError, require_site_url
from .hours import CalendarWarning
from .model import Network
from .pages import BuildOptions, build_site
from .search_index import compact_search_index
from .study_model import Study
from .study_site import build_study_site, station_extras
from .study_validate import load_study
from .validate import load_network

log = logging.getLogger(f"mkdocs.plugins.{__name__}")


class StationGuideConfig(base.Config):
    """Options under `plugins: - station-guide:` in mkdocs.yml."""

    data_file = c.Type(str, default="stations.yaml")
    """The station data file, relative to mkdocs.yml."""
    theme_dir = c.Type(str, default="theme")
    """Folder holding fragments/, icons/ and print/ templates, relative to mkdocs.yml."""
    study_dir = c.Type(str, default="content/study")
    """The study library and activities (library.yaml, activities.yaml, audio); skipped when absent."""


class StationGuidePlugin(BasePlugin[StationGuideConfig]):
    """Generates station pages, the directory and the services page from stations.yaml."""

    network: Network
    bodies: dict[str, str]

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        root = Path(config.config_file_path).parent
        self.data_path = root / self.config.data_file
        self.theme_dir = root / self.config.theme_dir
        try:
            self.network = load_network(self.data_path, display_name=self.config.data_file)
        except DataErrors as exc:
            raise PluginError(exc.report()) from None
        self.study = self._load_study(root)
        site = self.network.site
        if not config.site_url and site.site_url:
            config.site_url = site.site_url
        config.extra["bee"] = {"sample": site.sample}
        return config

    def _load_study(self, root: Path) -> Study | None:
        study_path = root / self.config.study_dir
        if not study_path.is_dir():
            return None
        try:
            study = load_study(study_path, self.network, display_dir=self.config.study_dir)
            require_site_url(self.network)
        except DataErrors as exc:
            raise PluginError(exc.report()) from None
        except FeedError as exc:
            raise PluginError(str(exc)) from None
        return study

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        now = build_datetime()
        extras = station_extras(self.study, self.theme_dir, now) if self.study else {}
        options = BuildOptions(theme_dir=self.theme_dir, today=now.date(), station_extras=extras)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", CalendarWarning)
            generated = build_site(self.network, options)
        if self.study:
            generated += build_study_site(self.network, self.study, self.theme_dir, now)
            for data_file in [f for f in files if f.src_uri.startswith("study/") and f.src_uri.endswith(".yaml")]:
                files.remove(data_file)  # the data files themselves are not part of the site
        for w in caught:
            log.warning(str(w.message))
        self.bodies = {f.src_uri: f.html for f in generated if f.html is not None}
        for f in generated:
            inclusion = InclusionLevel.INCLUDED if f.in_nav else InclusionLevel.NOT_IN_NAV
            files.append(File.generated(config, f.src_uri, content=f.content, inclusion=inclusion))
        return files

    def on_page_content(self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        # Generated pages carry finished HTML; their Markdown source is front matter only.
        return self.bodies.get(page.file.src_uri, html)

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        compact_search_index(Path(config.site_dir))  # runs after Material's search plugin wrote it

    def on_serve(self, server, /, *, config: MkDocsConfig, builder):  # type: ignore[no-untyped-def]
        server.watch(str(self.data_path))
        if self.study:
            server.watch(str(self.study.base_dir))
        return server
