"""The MkDocs adapter: maps MkDocs' hooks onto the build facade (`build.py`) through a `Session`.

Only the adapter (this module, plugin_config.py and engine.py) imports mkdocs; a test scans the rest.
"""

from __future__ import annotations

import html
import logging
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

from jinja2 import pass_context
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc
from mkdocs.utils import clean_directory

from . import build, preview
from .errors import BuildError
from .i18n import tr
from .plugin_config import StationGuideConfig, options
from .printing.pdfrender import stderr_progress
from .render import GeneratedFile, render_once
from .session import Session
from .web import segmentation
from .web.shell import ShellCache
from .writer import SiteWriter

log = logging.getLogger(f"mkdocs.plugins.{__name__}")


class StationGuidePlugin(BasePlugin[StationGuideConfig]):
    """Generates the station guide's pages and files from stations.yaml and content/study/."""

    session = Session()  # replaced on startup; a plain `build()` call (engine.py) starts none

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Having on_startup keeps this object across a live preview's builds, and so the session.
        self.session = Session(serving=command == "serve", dirty=command == "serve" and dirty)

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.options = options(self.config, Path(config.config_file_path), self.session.serving, config.docs_dir)
        try:
            self.session.load(self.options)
        except BuildError as exc:
            raise PluginError(exc.report()) from None
        if self.session.report:
            log.error(self.session.report)
        if self.session.rebuild_all:
            clean_directory(config.site_dir)
        site_url, bee, scope = self.session.engine_settings()
        config.site_url = site_url or config.site_url  # validated data, never unchecked config
        config.extra["bee"] = bee
        if scope:
            config.extra.setdefault("scope", scope)
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        for f in [f for f in files if f.abs_src_path and build.is_private_source(self.options, Path(f.abs_src_path))]:
            files.remove(f)
        self.writer = SiteWriter(Path(config.site_dir))
        for f in files:
            _guarded(self.writer.claim, f.dest_uri, _owner(f, self.options.root))
        generated = _guarded(self.session.generated, self.writer)
        self.bodies = {g.src_uri: g for g in generated if g.body is not None}
        for g in generated:
            _guarded(self.writer.claim, g.dest_uri, g.origin or f"generated {g.src_uri}")
            inclusion = InclusionLevel.INCLUDED if g.in_nav else InclusionLevel.NOT_IN_NAV
            path = _guarded(self.session.source, g)  # a dirty preview: unchanged pages keep their output
            if path:
                file = File.generated(config, g.src_uri, abs_src_path=str(path), inclusion=inclusion)
            else:
                file = File.generated(config, g.src_uri, content=g.content, inclusion=inclusion)
            files.append(file)
            if g.body is not None and not g.in_nav:  # a nav entry's Page is MkDocs' own (it takes the nav's title)
                FinishedPage(None, file, config)
        self.page_order = ["" if f.url == "./" else f.url for f in files.documentation_pages()]
        _log(self.session.project.notes if self.session.project else [])
        return files

    def on_env(self, env, /, *, config: MkDocsConfig, files: Files):  # type: ignore[no-untyped-def]
        env.globals["bee_once"] = render_once()  # a fresh cache for every build
        if self.session.serving:  # the engine's new environment need not compile unchanged templates again
            env.bytecode_cache = self.session.templates
        shells = ShellCache() if self.config.shell_cache else None

        @pass_context
        def bee_shell(context):  # type: ignore[no-untyped-def]
            return shells.render(env.get_template("main.html").render, context.get_all()) if shells else None

        env.globals["bee_shell"] = bee_shell
        search = config.plugins.get("material/search")
        if search is not None and search.config.enabled:  # every page's HTML is ready; none is indexed yet
            segmentation.use_subset(_indexed_text(files, self.bodies))
        return env

    @event_priority(50)  # before the search plugin's, which indexes the content and strips data-search-* from it
    def on_page_context(self, context, /, *, page: Page, config: MkDocsConfig, nav):  # type: ignore[no-untyped-def]
        # A generated page carries finished HTML. It becomes the page's content only now, just before the page
        # is written, rather than when MkDocs reads every page first: a station page's body is rendered here,
        # so the build never holds all of them (about 20 KB a station).
        generated = self.bodies.pop(page.file.src_uri, None)
        if generated is not None:
            page.content = _guarded(_body, generated)
        return context

    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str:
        if page.file.generated_by:
            page.content = None  # written once this returns: MkDocs would keep every page's body to the end
        return preview.with_panel(output, self.session.panel) if self.session.panel else output

    def on_post_template(self, output_content: str, /, *, template_name: str, config: MkDocsConfig) -> str:
        if self.session.panel and template_name.endswith(".html"):  # the 404 page, served for any missing URL
            return preview.with_panel(output_content, self.session.panel)
        return output_content

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        progress = stderr_progress(tr("海报", "posters")) if sys.stderr.isatty() else None
        try:
            self.session.finish(self.writer, self.page_order, progress)
        except BuildError as exc:
            raise PluginError(exc.report()) from None
        except (OSError, subprocess.SubprocessError) as exc:
            raise PluginError(tr(f"无法写入打印文件：{exc}", f"print files could not be written: {exc}")) from exc
        project = self.session.project
        if project:
            _log(project.notes)
            while project.info:
                log.info(project.info.pop(0))

    def on_serve(self, server, /, *, config: MkDocsConfig, builder):  # type: ignore[no-untyped-def]
        for path in build.watched_paths(self.options):
            server.watch(str(path))
        return server


class FinishedPage(Page):
    """A generated page whose body is finished HTML (set by on_page_context): Python-Markdown would render only
    its empty body, and building a Markdown instance for each of 10,000 station pages cost about 3.5 s."""

    def render(self, config: MkDocsConfig, files: Files) -> None:
        self.content, self.toc, self.present_anchor_ids = "", get_toc([]), set()


def _indexed_text(files: Files, bodies: dict[str, GeneratedFile]) -> Iterator[str]:
    """What Material's search plugin segments: the text of each page it indexes (it skips pages whose
    front matter says `search: exclude`, and its HTML parser resolves character references) and the
    page's title, which a section without a heading takes. A generated page's body becomes its content
    only when it is written (on_page_context), so it is taken from `bodies` here. A live preview's dirty build
    indexes only the pages it rebuilds; the subset keeps what earlier builds' text needed."""
    for file in files.documentation_pages():
        page = file.page
        # A page a dirty build leaves as it is was never read (no markdown, no meta): it is not indexed either.
        if page is None or page.markdown is None or (page.meta.get("search") or {}).get("exclude"):
            continue
        generated = bodies.get(file.src_uri)
        content = _guarded(_body, generated) if generated is not None else page.content
        if content is None:
            continue
        yield html.unescape(content)
        yield str(page.meta.get("title", page.title))


def _guarded(step, *args):  # type: ignore[no-untyped-def]
    """Run a facade step; its BuildError becomes MkDocs' PluginError, printed without a traceback."""
    try:
        return step(*args)
    except BuildError as exc:
        raise PluginError(exc.report()) from None


def _body(generated: GeneratedFile) -> str | None:
    """A generated page's body, rendered now when it is deferred (the print-centre page waits for the sheets)."""
    return generated.html


def _owner(f: File, root: Path) -> str:
    """An engine file's name in collision messages: its path in the project (content/s/x.md), else its URI."""
    source = Path(f.abs_src_path) if f.abs_src_path else None
    return source.relative_to(root).as_posix() if source and source.is_relative_to(root) else f.src_uri


def _log(notes: list[str]) -> None:
    while notes:
        log.warning(notes.pop(0))
