"""The MkDocs adapter: maps MkDocs' hooks onto the build facade (`build.py`). Only the adapter imports mkdocs."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

from jinja2 import pass_context
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from . import build, preview
from .errors import BuildError
from .i18n import tr
from .printing.manifest import MANIFEST_NAME
from .printing.pdfrender import stderr_progress
from .printing.pdfx import DEFAULT_VARIANT, VARIANTS
from .printing.posters import PAPERS
from .render import THEME_COLOR, GeneratedFile, render_once
from .web.shell import ShellCache
from .writer import SiteWriter

log = logging.getLogger(f"mkdocs.plugins.{__name__}")


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
    shell_cache = c.Type(bool, default=True)
    print = c.SubConfig(PrintConfig)
    deploy = c.SubConfig(DeployConfig)


class StationGuidePlugin(BasePlugin[StationGuideConfig]):
    """Generates the station guide's pages and files from stations.yaml and content/study/."""

    serving = False
    panel = ""
    """While a live preview's data has errors: the error panel every page shows (see preview.py)."""

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"
        self.last_pages: list[GeneratedFile] = []  # the plugin lives as long as `mkdocs serve`

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        p = self.config.print
        print_options = build.PrintOptions(**{k: p[k] for k in build.PrintOptions.__dataclass_fields__})
        root = Path(config.config_file_path).parent
        cfg = self.config
        config_file = Path(config.config_file_path).name
        self.options = build.Options(
            root, cfg.data_file, cfg.theme_dir, cfg.study_dir, print_options, self.serving, config_file, config.docs_dir
        )
        try:
            self.project = build.load_project(self.options)
        except BuildError as exc:
            return self._show_errors(config, exc)
        self.panel = ""
        # MkDocs dates the sitemap with SOURCE_DATE_EPOCH, else the wall clock: give it the project's time,
        # so two builds of one commit are byte-identical without anyone setting the variable.
        os.environ.setdefault("SOURCE_DATE_EPOCH", str(int(self.project.now.timestamp())))
        config.site_url = self.project.network.site.site_url  # validated data, never unchecked config
        config.extra["bee"] = {
            "sample": self.project.network.site.sample,
            "theme_color": THEME_COLOR,
            "home_jsonld": build.head_jsonld(self.project),  # already escaped for <script>
        }
        # Material's inline storage script embeds its scope; the site's own path (what its default, the
        # page's relative base_url, resolves to) makes that script the same on every page, so the CSP
        # needs one hash for it instead of one per folder depth.
        config.extra.setdefault("scope", urlsplit(config.site_url).path or "/")
        return config

    def _show_errors(self, config: MkDocsConfig, exc: BuildError) -> MkDocsConfig:
        """Data errors stop a build; a live preview instead builds pages that show them (see preview.py)."""
        if not self.serving:
            raise PluginError(exc.report()) from None
        # Stopping would keep the old preview and leave the browser's reload waiting for a build that never comes.
        log.error(exc.report())
        self.panel = preview.error_panel(exc, self.options.root / self.options.theme_dir)
        config.extra["bee"] = {"sample": False, "theme_color": THEME_COLOR}
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        for f in [f for f in files if f.abs_src_path and build.is_private_source(self.options, Path(f.abs_src_path))]:
            files.remove(f)
        self.writer = SiteWriter(Path(config.site_dir))
        root = Path(config.config_file_path).parent
        for f in files:
            source = Path(f.abs_src_path) if f.abs_src_path else None
            owner = source.relative_to(root).as_posix() if source and source.is_relative_to(root) else f.src_uri
            _guarded(self.writer.claim, f.dest_uri, owner)
        if self.panel:
            generated = [g for g in preview.stand_ins(self.last_pages) if g.dest_uri not in self.writer.owners]
        else:
            generated = _guarded(build.site_files, self.project)
            self.last_pages = preview.remember_pages(generated) if self.serving else []
        self.bodies = {f.src_uri: f.html for f in generated if f.html is not None}
        for g in generated:
            _guarded(self.writer.claim, g.dest_uri, g.origin or f"generated {g.src_uri}")
            inclusion = InclusionLevel.INCLUDED if g.in_nav else InclusionLevel.NOT_IN_NAV
            files.append(File.generated(config, g.src_uri, content=g.content, inclusion=inclusion))
        if not self.panel:
            _log(self.project.notes)
        return files

    def on_env(self, env, /, *, config: MkDocsConfig, files: Files):  # type: ignore[no-untyped-def]
        env.globals["bee_once"] = render_once()  # a fresh cache for every build
        shells = ShellCache() if self.config.shell_cache else None

        @pass_context
        def bee_shell(context):  # type: ignore[no-untyped-def]
            main = env.get_template("main.html")
            return shells.render(main.render, context.get_all()) if shells else None

        env.globals["bee_shell"] = bee_shell
        return env

    def on_page_content(self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        return self.bodies.get(page.file.src_uri, html)  # generated pages carry finished HTML

    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str:
        return preview.with_panel(output, self.panel) if self.panel else output

    def on_post_template(self, output_content: str, /, *, template_name: str, config: MkDocsConfig) -> str:
        if self.panel and template_name.endswith(".html"):  # the 404 page, served for any missing URL
            return preview.with_panel(output_content, self.panel)
        return output_content

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self.panel:  # nothing was loaded: no search index to compact, no print files
            build.finish_broken_preview(self.writer)
            return
        for rel, owner in build.ENGINE_FILES.items():  # written by the engine, rewritten by finish_site
            if (self.writer.root / rel).exists():
                self.writer.claim(rel, owner)
        progress = stderr_progress(tr("海报", "posters")) if sys.stderr.isatty() else None
        try:
            build.finish_site(self.project, self.writer, progress)
        except BuildError as exc:
            raise PluginError(exc.report()) from None
        except (OSError, subprocess.SubprocessError) as exc:
            raise PluginError(tr(f"无法写入打印文件：{exc}", f"print files could not be written: {exc}")) from exc
        _log(self.project.notes)
        while self.project.info:
            log.info(self.project.info.pop(0))

    def on_serve(self, server, /, *, config: MkDocsConfig, builder):  # type: ignore[no-untyped-def]
        for path in build.watched_paths(self.options):
            server.watch(str(path))
        return server


def _guarded(step, *args):  # type: ignore[no-untyped-def]
    """Run a facade step; its BuildError becomes MkDocs' PluginError, printed without a traceback."""
    try:
        return step(*args)
    except BuildError as exc:
        raise PluginError(exc.report()) from None


def _log(notes: list[str]) -> None:
    while notes:
        log.warning(notes.pop(0))
