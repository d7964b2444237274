"""One process's builds as the MkDocs adapter drives them: a single build, or a live preview's series.

A live preview keeps state between its builds: the last good pages (which stand in, under the error
panel, while the data is broken), the sources of a `--dirty` preview (sources.py), the outputs that must
go when a page disappears, and whether the last build was broken (then everything is rebuilt). All of it
is here, engine-free; the adapter only turns it into MkDocs' objects.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from . import build, gcpolicy, preview
from .errors import BuildError
from .render import THEME_COLOR, CompiledTemplates, GeneratedFile
from .sources import SourceCache
from .writer import SiteWriter


@dataclass
class Session:
    """Builds of one process; `serving` and `dirty` say whether they are a live preview's."""

    serving: bool = False
    dirty: bool = False
    project: build.Project | None = None
    panel: str = ""
    """While a live preview's data has errors: the error panel every page shows (see preview.py)."""
    report: str = ""
    """The same errors as text, for the terminal."""
    rebuild_all: bool = False
    """The output folder must be emptied before this build (a broken save, or the fix after it)."""
    last_pages: list[GeneratedFile] = field(default_factory=list)
    last_dests: set[str] = field(default_factory=set)
    sources: SourceCache | None = None
    reuse: build.Reuse = field(default_factory=build.Reuse)
    """What a live preview's builds keep for the next one (see build.Reuse)."""
    templates: CompiledTemplates = field(default_factory=CompiledTemplates)
    """The engine's templates as compiled in earlier builds: a preview's engine makes a new environment each time."""

    def __post_init__(self) -> None:
        if self.serving:  # the process serves this preview until it is stopped
            gcpolicy.for_preview_process()

    def load(self, options: build.Options) -> None:
        """Load the project; a preview keeps going with the panel where a build would stop (BuildError)."""
        folder = options.root / ".cache" / "preview"
        if self.sources is None or self.sources.folder != folder:  # kept: it remembers what it wrote
            self.sources = SourceCache(folder)
        was_broken = bool(self.panel)
        try:
            self.project = build.load_project(options)
        except BuildError as exc:
            if not self.serving:
                raise
            # Stopping would keep the old preview and leave the browser's reload waiting for a build.
            self.project, self.report = None, exc.report()
            self.panel = preview.error_panel(exc, options.root / options.theme_dir)
            self.rebuild_all = self.dirty  # every page must carry the panel, unchanged ones too
            return
        self.panel = self.report = ""
        self.rebuild_all = self.dirty and was_broken  # every page showed the panel: rebuild them all
        if self.rebuild_all:
            self.sources.clear()

    def engine_settings(self) -> tuple[str | None, dict[str, object], str | None]:
        """What the engine's config takes from the data: site_url, `extra.bee` for the theme, and the scope."""
        if self.project is None:
            return None, {"sample": False, "theme_color": THEME_COLOR}, None
        network = self.project.network
        # MkDocs dates its sitemap with SOURCE_DATE_EPOCH, else the wall clock: give it the project's time.
        os.environ.setdefault("SOURCE_DATE_EPOCH", str(int(self.project.now.timestamp())))
        bee = {
            "sample": network.site.sample,
            "theme_color": THEME_COLOR,
            "home_jsonld": build.head_jsonld(self.project),
        }
        # Material's inline storage script embeds its scope: the site's own path makes it the same on every page,
        # so a Content-Security-Policy needs one hash for it.
        return network.site.site_url, bee, urlsplit(network.site.site_url).path or "/"

    def generated(self, writer: SiteWriter) -> list[GeneratedFile]:
        """The generated files of this build (stand-ins under the panel when the data is broken)."""
        if self.project is None:
            return [g for g in preview.stand_ins(self.last_pages) if g.dest_uri not in writer.owners]
        files = build.site_files(self.project, writer, self.reuse if self.serving else None)
        self.last_pages = preview.remember_pages(files) if self.serving else []
        if self.dirty:  # a station renamed or gone: its old output must not linger in the preview
            dests = {g.dest_uri for g in files}
            for gone in self.last_dests - dests:
                (writer.root / gone).unlink(missing_ok=True)
            self.last_dests = dests
        return files

    def source(self, generated: GeneratedFile) -> Path | None:
        """A dirty preview's file for `generated` (rewritten only when it changed), else None (from memory)."""
        if self.dirty and self.project is not None and self.sources is not None:
            return self.sources.path_for(generated)
        return None

    def finish(self, writer: SiteWriter, page_order: list[str], progress: object = None) -> None:
        """After the engine's pass: the facade's finish, or a broken preview's own."""
        if self.project is None:
            build.finish_broken_preview(writer)
            return
        for rel, owner in build.ENGINE_FILES.items():  # written by the engine, rewritten by finish_site
            if (writer.root / rel).exists():
                writer.claim(rel, owner)
        order, reuse = page_order if self.dirty else None, self.reuse if self.serving else None
        build.finish_site(self.project, writer, progress, order, reuse)  # type: ignore[arg-type]
