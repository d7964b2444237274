"""The MkDocs adapter: the only module that imports mkdocs. It loads data, adds generated files, watches."""

from __future__ import annotations

import logging
import subprocess
import sys
import warnings
from pathlib import Path

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from .clock import build_datetime, source_datetime
from .errors import DataErrors
from .feeds import FeedError, require_site_url
from .hours import CalendarWarning
from .manifest import MANIFEST_NAME, ManifestError
from .model import Network
from .offline import write_service_worker
from .pages import BuildOptions, build_site, render_once
from .pdfrender import stderr_progress
from .posters import PAPERS, PosterOptions
from .printenv import PrintEnvironmentError
from .printing import PrintPlan, PrintSettings, build_print, prepare, print_pages
from .qr import PrintConfigError
from .search_index import compact_search_index
from .study_model import Study
from .study_site import build_study_site, station_extras
from .study_validate import load_study
from .validate import load_network

log = logging.getLogger(f"mkdocs.plugins.{__name__}")


class PrintConfig(base.Config):
    """Options under `print:`; all paths are relative to mkdocs.yml."""

    enabled = c.Type(bool, default=True)
    posters = c.Type(bool, default=True)
    posters_on_serve = c.Type(bool, default=False)
    """`mkdocs serve` skips posters unless this is true (the table and map are cheap and always built)."""
    paper = c.Choice(tuple(PAPERS), default="A4")
    bleed_mm = c.Type((int, float), default=0)
    """Bleed around each poster; when > 0 crop marks are drawn too."""
    workers = c.Type(int, default=0)
    """Processes rendering posters; 0 means one per core."""
    manifest = c.Type(str, default=MANIFEST_NAME)
    map_geojson = c.Optional(c.Type(str))
    """Optional roads/boundary lines for the guide map (GCJ-02 GeoJSON)."""


class StationGuideConfig(base.Config):
    """Options under `plugins: - station-guide:` in mkdocs.yml."""

    data_file = c.Type(str, default="stations.yaml")
    """The station data file, relative to mkdocs.yml."""
    theme_dir = c.Type(str, default="theme")
    """Folder holding fragments/, icons/ and print/ templates, relative to mkdocs.yml."""
    print = c.SubConfig(PrintConfig)
    """Print files (posters, table, guide map) written to site/print/."""
    study_dir = c.Type(str, default="content/study")
    """The study library and activities (library.yaml, activities.yaml, audio); skipped when absent."""


class StationGuidePlugin(BasePlugin[StationGuideConfig]):
    """Generates station pages, the directory and the services page from stations.yaml."""

    network: Network
    bodies: dict[str, str]
    serving = False

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
        self.print_settings = self._print_settings(root)
        self.print_plan = self._prepare_print() if self.config.print.enabled else None
        return config

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"

    def _print_settings(self, root: Path) -> PrintSettings:
        opts = self.config.print
        return PrintSettings(
            theme_dir=self.theme_dir,
            cache_dir=root / ".cache",
            manifest_path=root / opts.manifest,
            stamp=source_datetime(root),
            roads=root / opts.map_geojson if opts.map_geojson else None,
            poster=PosterOptions(paper=opts.paper, bleed_mm=float(opts.bleed_mm)),
            posters=opts.posters and (opts.posters_on_serve or not self.serving),
            workers=opts.workers,
            update_manifest=not self.serving,  # half-typed ids must not become "printed"
        )

    def _prepare_print(self) -> PrintPlan:
        try:
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always", UserWarning)
                warnings.simplefilter("always", RuntimeWarning)
                plan = prepare(self.network, self.print_settings, self.data_path, self.config.data_file)
        except (PrintConfigError, PrintEnvironmentError, ManifestError) as exc:
            raise PluginError(str(exc)) from None
        _log_warnings(caught)
        return plan

    def _load_study(self, root: Path) -> Study | None:
        study_path = root / self.config.study_dir
        if not study_path.is_dir():
            return None
        try:
            study = load_study(study_path, self.network, display_dir=self.config.study_dir)
            require_site_url(self.network, self.data_path, self.config.data_file)
        except DataErrors as exc:
            raise PluginError(exc.report()) from None
        except FeedError as exc:
            raise PluginError(str(exc)) from None
        return study

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        now = build_datetime()
        extras = station_extras(self.study, self.theme_dir, now) if self.study else {}
        posters = self.print_plan is not None and self.print_settings.posters
        paper = self.print_settings.poster.paper if posters else None  # no link to a poster that is not built
        options = BuildOptions(theme_dir=self.theme_dir, today=now.date(), station_extras=extras, poster_paper=paper)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", CalendarWarning)
            generated = build_site(self.network, options)
        if self.study:
            generated += build_study_site(self.network, self.study, self.theme_dir, now)
            for data_file in [f for f in files if f.src_uri.startswith("study/") and f.src_uri.endswith(".yaml")]:
                files.remove(data_file)  # the data files themselves are not part of the site
        for w in caught:
            log.warning(str(w.message))
        # theme/print/ holds print templates and CSS, not site assets: MkDocs would copy them into site/print/.
        print_theme = self.theme_dir / "print"
        for asset in [f for f in files if f.abs_src_path and Path(f.abs_src_path).is_relative_to(print_theme)]:
            files.remove(asset)
        # The map and print-centre pages exist even with print disabled, so the nav in mkdocs.yml stays valid.
        generated += print_pages(self.network, self.print_settings, enabled=self.print_plan is not None)
        self.bodies = {f.src_uri: f.html for f in generated if f.html is not None}
        for f in generated:
            inclusion = InclusionLevel.INCLUDED if f.in_nav else InclusionLevel.NOT_IN_NAV
            files.append(File.generated(config, f.src_uri, content=f.content, inclusion=inclusion))
        return files

    def on_env(self, env, /, *, config: MkDocsConfig, files: Files):  # type: ignore[no-untyped-def]
        env.globals["bee_once"] = render_once()  # a fresh cache for every build
        return env

    def on_page_content(self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        # Generated pages carry finished HTML; their Markdown source is front matter only.
        return self.bodies.get(page.file.src_uri, html)

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        compact_search_index(Path(config.site_dir))  # runs after Material's search plugin wrote it
        # After the build, because the worker's precache list and version come from the output files.
        write_service_worker(Path(config.site_dir))
        if not self.print_plan:
            return
        progress = stderr_progress("posters") if sys.stderr.isatty() else None
        try:
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always", UserWarning)
                site_dir = Path(config.site_dir)
                report = build_print(self.network, self.print_settings, self.print_plan, site_dir, progress)
        except (RuntimeError, OSError, subprocess.SubprocessError) as exc:
            raise PluginError(f"print files could not be written: {exc}") from exc
        _log_warnings(caught)
        if report.posters:
            p = report.posters
            log.info(f"posters: {len(p.misses)} rendered, {len(p.hits)} from cache, {p.seconds:.1f} s")

    def on_serve(self, server, /, *, config: MkDocsConfig, builder):  # type: ignore[no-untyped-def]
        server.watch(str(self.data_path))
        if self.study:
            server.watch(str(self.study.base_dir))
        return server


def _log_warnings(caught: list[warnings.WarningMessage]) -> None:
    """Our own warnings (QR version, moved URLs, slow subsetting) as MkDocs warnings; library noise stays out."""
    for w in caught:
        if issubclass(w.category, (UserWarning, RuntimeWarning)):
            log.warning(str(w.message))
