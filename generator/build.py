"""The build facade: the one pipeline that both the MkDocs adapter and the command line drive.

    load_project(options)        data → validated Network (+ study, print plan), or BuildError
    site_files(project, writer)  → every generated page and asset (web, study, print pages, open data);
                                   the open-data files themselves are written through the writer at once
    finish_site(project, writer) → after the engine wrote the pages: search index, sitemap, minified scripts,
                                   service worker, CSP hashes, print files

Every failure is a `BuildError` in the house format; warnings meant for staff are collected in
`Project.notes` rather than printed, so each adapter shows them its own way.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from markupsafe import Markup

from . import gcpolicy
from .community.model import Community
from .community.pages import build_community_page, station_badges
from .community.validate import COMMUNITY_FILE, load_community
from .data import limits, load_network
from .data.clock import project_datetime, shanghai_date
from .data.media import IMAGES_DIR, links_outside, outside_problem
from .data.model import Network
from .data.reports import REPORTS_FILE, Reports, load_reports
from .data.roads import check_roads
from .data.siteconfig import check_site_config, plugin_option_position
from .errors import BuildError, DataError, DataErrors
from .i18n import tr
from .opendata.jsonld import home_jsonld
from .opendata.shares import StationShares
from .opendata.site import build_open_data
from .opendata.sitemap import SITEMAP, SITEMAP_GZ, write_sitemap
from .printing.manifest import MANIFEST_NAME, check_manifest, load_manifest
from .printing.pdfrender import Progress
from .printing.pdfx import DEFAULT_VARIANT
from .printing.plan import PrintPlan, PrintSettings, build_print, prepare, print_pages, start_sheets
from .printing.posters import PosterOptions
from .render import GeneratedFile, environment, to_json
from .study.model import Study
from .study.site import build_study_site, station_extras
from .study.validate import load_study
from .web.csp import InlineBlocks, PageHashes, write_csp_snippet
from .web.minify import minify_assets
from .web.offline import write_retiring_worker, write_service_worker
from .web.options import WebOptions
from .web.search_index import INDEX, compact_search_index
from .web.sentinel import build_sentinel
from .web.site import build_web, holiday_calendar
from .writer import SiteWriter

ENGINE_FILES = {
    INDEX.as_posix(): "the search plugin",
    SITEMAP: "the engine's sitemap",
    SITEMAP_GZ: "the engine's sitemap",
}
"""Files the engine writes on its own that finish_site rewrites: the adapter claims them after its pass."""
STALE_SHOWN = 10


@dataclass(frozen=True)
class PrintOptions:
    """What to print and how (mkdocs.yml `station-guide: print:`)."""

    enabled: bool = True
    posters: bool = True
    posters_on_serve: bool = False
    paper: str = "A4"
    bleed_mm: float = 0.0
    workers: int = 0
    manifest: str = MANIFEST_NAME
    map_geojson: str | None = None
    pdf_variant: str = DEFAULT_VARIANT
    paused_in_bundle: bool = False


@dataclass(frozen=True)
class Options:
    """Where the project's parts are, relative to `root` (the folder of mkdocs.yml)."""

    root: Path
    data_file: str = "stations.yaml"
    theme_dir: str = "theme"
    study_dir: str = "content/study"
    community_file: str = COMMUNITY_FILE
    """The honour roll (teams, posts, time bank, recognitions); skipped when the file is absent."""
    print: PrintOptions = field(default_factory=PrintOptions)
    serving: bool = False
    """A live preview: posters are skipped (unless posters_on_serve) and the manifest is not updated."""
    config_file: str | None = "mkdocs.yml"
    """The site configuration, whose printed values are checked like data (None: not checked)."""
    docs_dir: str = "content"
    """MkDocs' docs folder (relative to `root`, or absolute): a link in it must not lead out of it."""
    max_stations_mb: int | str = limits.STATIONS_FILE // limits.MB
    """The data file's size limit in MB (plugin option `max_stations_mb`, as typed: checked by load_project)."""


@dataclass
class Project:
    """A loaded, checked project: what every later step needs."""

    options: Options
    network: Network
    study: Study | None
    reports: Reports | None
    community: Community | None
    print_settings: PrintSettings
    print_plan: PrintPlan | None
    now: datetime
    notes: list[str] = field(default_factory=list)
    """Warnings for staff, emptied by whoever shows them."""
    info: list[str] = field(default_factory=list)
    """Figures worth a line in a verbose log (cache hits, timings)."""

    @property
    def theme_dir(self) -> Path:
        """The theme folder (fragments, icons, print templates)."""
        return self.options.root / self.options.theme_dir

    @property
    def images_dir(self) -> Path:
        """Station photos and the report QR code, as staff put them (never published as they are)."""
        return images_dir(self.options)


@dataclass
class Reuse:
    """What a live preview keeps from one build for the next, each part keyed by everything it is made of, so
    that a preview's build writes what a clean build of the same data would."""

    page_hashes: PageHashes = field(default_factory=PageHashes)
    """The CSP hashes of every built page, by the page file's identity."""
    open_data: StationShares = field(default_factory=StationShares)
    """Each station's share of the open-data files and its JSON-LD block, by what they are made of."""


def images_dir(options: Options) -> Path:
    """Where staff put station photos and the report QR code (content/images/ beside the data)."""
    return (options.root / options.data_file).parent / IMAGES_DIR


def watched_paths(options: Options) -> list[Path]:
    """Data files and folders whose edits should rebuild a live preview (known even when the data is broken)."""
    study = options.root / options.study_dir
    paths = [options.root / options.data_file, options.root / REPORTS_FILE, options.root / options.community_file]
    return [p for p in [*paths, images_dir(options), study] if p.exists()]


def load_project(options: Options, *, printing: bool = True) -> Project:
    """Load and check everything; raise one BuildError listing every problem, before anything is written.

    With `printing=False` (the `check` command) the machine is not checked for print (fonts), but the
    printed-URL manifest still is: deleting a printed station must fail before it is committed.
    """
    root = options.root
    config_errors = check_site_config(root / options.config_file, options.config_file) if options.config_file else []
    config_errors += check_paths(options)
    max_bytes, limit_errors = stations_limit(options)
    config_errors += limit_errors
    study_dir = root / options.study_dir
    sources = [
        root / options.data_file,
        root / REPORTS_FILE,
        root / options.community_file,
        *(sorted(study_dir.rglob("*")) if study_dir.is_dir() else []),
    ]
    now = project_datetime(root, sources)
    try:
        network = load_network(
            root / options.data_file, display_name=options.data_file, today=shanghai_date(now), max_bytes=max_bytes
        )
    except DataErrors as exc:
        raise BuildError([*config_errors, *exc.errors]) from None
    errors: list[DataError] = list(config_errors)
    # `check` lists every stale station; a build's log names the first few (a large network might have thousands).
    notes = stale_notes(network.stale, limit=None if not printing else STALE_SHOWN)
    study = _load_study(options, network, errors)
    reports = _load_reports(options, errors)
    community = _load_community(options, network, shanghai_date(now), errors)
    settings = print_settings(options, now)
    plan = None
    try:
        with collect(notes):
            if printing and print_in_this_build(options):
                plan = prepare(network, settings)
            else:
                issued = load_manifest(settings.manifest_path, options.print.manifest)
                check_manifest(issued, network, options.print.manifest, settings.data_file)
    except BuildError as exc:
        errors += exc.errors
    if errors:
        raise BuildError(errors)
    gcpolicy.after_load()
    return Project(options, network, study, reports, community, settings, plan, now, notes)


def stations_limit(options: Options) -> tuple[int, list[DataError]]:
    """The data file's size limit in bytes, and an error located at the option when its value is not usable."""
    value, ceiling = options.max_stations_mb, limits.STATIONS_FILE_CEILING // limits.MB
    if type(value) is int and 1 <= value <= ceiling:
        return value * limits.MB, []
    file = options.config_file or "mkdocs.yml"
    line, col = plugin_option_position(options.root / file, "max_stations_mb")
    message = tr(
        f"max_stations_mb 应该是 1 到 {ceiling} 之间的整数（单位 MB），这里是 {value!r}",
        f"max_stations_mb must be a whole number from 1 to {ceiling} (MB), not {value!r}",
    )
    hint = tr("不写就是 5，约可容纳 12,000 个驿站", "leave it out for 5, room for about 12,000 stations")
    return limits.STATIONS_FILE, [DataError(file, line, col, message, hint)]


def check_paths(options: Options) -> list[DataError]:
    """Files the build reads or publishes that lead out of their folder: the roads file named in mkdocs.yml
    (outside the project, missing or malformed) and any link in the docs folder whose target is outside it
    (MkDocs would copy that target into the site)."""
    root, errors = options.root, []
    roads = options.print.map_geojson
    if roads is not None:
        config = options.config_file or "mkdocs.yml"
        where = plugin_option_position(root / config, "print", "map_geojson")
        errors += check_roads(root, roads, config, where)
    docs = root / options.docs_dir
    for link in links_outside(docs) if docs.is_dir() else []:
        shown = link.relative_to(root).as_posix() if link.is_relative_to(root) else str(link)
        folder = Path(options.docs_dir).name
        problem = outside_problem(link.name, folder)
        message = tr(f"这是一个链接，{problem.message}", f"this is a link; {problem.message}")
        errors.append(DataError(shown, 0, 0, message, problem.hint))
    return errors


def stale_notes(stale: tuple[DataError, ...], limit: int | None) -> list[str]:
    """Warnings for stations not verified recently: all of them, or the first `limit` and how many more."""
    shown = [str(finding) for finding in stale[:limit]]
    if limit is not None and len(stale) > limit:
        more = len(stale) - limit
        zh = f"……还有 {more} 个驿站需要核实（python -m generator check 列出全部）"
        shown.append(tr(zh, f"… and {more} more stations to verify (python -m generator check lists them all)"))
    return shown


def _load_study(options: Options, network: Network, errors: list[DataError]) -> Study | None:
    folder = options.root / options.study_dir
    if not folder.is_dir():
        return None
    try:
        return load_study(folder, network, display_dir=options.study_dir)
    except DataErrors as exc:
        errors += exc.errors
        return None


def _load_community(options: Options, network: Network, today: date, errors: list[DataError]) -> Community | None:
    path = options.root / options.community_file
    if not path.is_file():
        return None
    try:
        return load_community(path, network, options.community_file, today)
    except DataErrors as exc:
        errors += exc.errors
        return None


def print_in_this_build(options: Options) -> bool:
    """Print files are made by builds, not by a live preview (unless posters_on_serve asks for them):
    rendering PDFs after every save would make the preview of a one-line edit take many seconds."""
    return options.print.enabled and (not options.serving or options.print.posters_on_serve)


def _load_reports(options: Options, errors: list[DataError]) -> Reports | None:
    path = options.root / REPORTS_FILE
    if not path.is_file():
        return None
    try:
        return load_reports(path)
    except DataErrors as exc:
        errors += exc.errors
        return None


def print_settings(options: Options, stamp: datetime) -> PrintSettings:
    """Print settings resolved against the project folder; `stamp` dates the table and map files."""
    opts, root = options.print, options.root
    return PrintSettings(
        theme_dir=root / options.theme_dir,
        cache_dir=root / ".cache",
        manifest_path=root / opts.manifest,
        stamp=stamp,
        roads=root / opts.map_geojson if opts.map_geojson else None,
        poster=PosterOptions(paper=opts.paper, bleed_mm=float(opts.bleed_mm)),
        posters=opts.posters and (opts.posters_on_serve or not options.serving),
        workers=opts.workers,
        update_manifest=not options.serving,  # half-typed ids must not become "printed"
        variant=opts.pdf_variant,
        paused_in_bundle=opts.paused_in_bundle,
        data_file=root / options.data_file,
    )


def site_files(project: Project, writer: SiteWriter, reuse: Reuse | None = None) -> list[GeneratedFile]:
    """Every generated page and asset for the engine, in a stable order: web, study, the print pages, then open
    data's pages. The open-data files go through `writer` first, each as soon as it is made (the engine's own
    files must be claimed already, so that a clash with one of them stops the build before anything is written).
    `reuse`: a live preview's memory of its earlier builds.
    """
    now, theme = project.now, project.theme_dir
    settings = project.print_settings
    # The print sheets render in worker processes while this process makes the website's pages.
    start_sheets(project.network, settings, project.print_plan, writer.root)
    with collect(project.notes):
        calendar = holiday_calendar(project.network, now.date())
        shares = reuse.open_data if reuse else None
        data = build_open_data(project.network, theme, calendar, now.date(), now, writer, shares)
    study = station_extras(project.study, theme, now) if project.study else {}
    badges = station_badges(project.community, theme) if project.community else {}
    # Every station page carries its JSON-LD block (whatever its status); open ones also what other roles
    # add (upcoming activities, the honour roll's badge for its post or the team based there).
    extras = {sid: study.get(sid, Markup()) + badges.get(sid, Markup()) for sid in sorted(study.keys() | badges.keys())}
    posters = project.print_plan is not None and settings.posters
    options = WebOptions(
        theme_dir=theme,
        today=shanghai_date(now),
        station_extras=extras,
        station_data=data.station_blocks,
        poster_paper=settings.poster.paper if posters else None,  # no link to a poster that is not built
        images_dir=project.images_dir,
        keep_bodies=project.options.serving,
    )
    with collect(project.notes):
        files = build_web(project.network, options)
    files.append(build_sentinel(project.network, project.reports, environment(theme)))
    if project.study:
        files += build_study_site(project.network, project.study, theme, now)
    if project.community:
        files.append(build_community_page(project.network, project.community, theme))
    # The map and print-centre pages exist even with print disabled, so the nav in mkdocs.yml stays valid.
    with collect(project.notes):
        files += print_pages(project.network, settings, project.print_plan)
    return files + data.files


def head_jsonld(project: Project) -> str:
    """The home page's JSON-LD (operator, site, search), escaped for a <script> element."""
    return to_json(home_jsonld(project.network))


def is_private_source(options: Options, path: Path) -> bool:
    """Source files under the docs or theme folders that must not be published as they are.

    The study data files, content/reports.yaml and the honour roll (which holds the full names behind the
    masked ones) are turned into pages; theme/print/ holds print templates and CSS; content/images/ holds
    original photos, whose EXIF may carry GPS positions (the site serves re-encoded copies without any
    metadata); the roads file for the guide map is GCJ-02, which RFC 7946 GeoJSON readers would misplace
    by hundreds of metres (and it is an approximate drawing aid, not data to republish).
    """
    if path.is_relative_to(options.root / options.study_dir) and path.suffix == ".yaml":
        return True
    if path == options.root / REPORTS_FILE or path.is_relative_to(images_dir(options)):
        return True
    if path.resolve() == (options.root / options.community_file).resolve():
        return True
    roads = options.print.map_geojson
    if roads is not None and path.resolve() == (options.root / roads).resolve():
        return True
    return path.is_relative_to(options.root / options.theme_dir / "print")


def finish_site(
    project: Project,
    writer: SiteWriter,
    progress: Progress | None = None,
    page_order: list[str] | None = None,
    reuse: Reuse | None = None,
) -> None:
    """After the engine wrote its pages: compact the search index, date the sitemap, write the service worker
    and the CSP hashes, then the print files (`reuse`: a live preview's memory of its earlier builds)."""
    compact_search_index(writer, page_order)  # the page order tidies a preview's partly rebuilt index
    write_sitemap(writer, project.network, project.now.date())
    minify_assets(writer)  # before the worker's version hash and the CSP hashes, which read the final files
    blocks = None
    if project.options.serving:
        write_retiring_worker(writer)
    else:
        # The worker's precache list and version come from the pages and assets (print files are not precached);
        # the CSP hashes come from the same reading of every page.
        blocks = InlineBlocks()
        write_service_worker(writer, blocks.visit)
    known = reuse.page_hashes if reuse else None
    write_csp_snippet(writer, blocks, known)  # after every page is written, before the print files (which are not HTML)
    if project.print_plan:
        with collect(project.notes):
            report = build_print(project.network, project.print_settings, project.print_plan, writer, progress)
        if report.posters:
            p = report.posters
            made, cached = len(p.misses), len(p.hits)
            project.info.append(
                tr(
                    f"海报：新生成 {made} 张，{cached} 张来自缓存，用时 {p.seconds:.1f} 秒",
                    f"posters: {made} rendered, {cached} from cache, {p.seconds:.1f} s",
                )
            )


def finish_broken_preview(writer: SiteWriter) -> None:
    """A live preview whose data has errors (its pages carry the error panel): only the preview's sw.js."""
    write_retiring_worker(writer)


@contextmanager
def collect(notes: list[str]) -> Iterator[None]:
    """Turn our own warnings (calendar gaps, QR versions, moved URLs, slow subsetting) into notes for staff."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", UserWarning)
        warnings.simplefilter("always", RuntimeWarning)
        yield
    for w in caught:
        message = str(w.message)
        # Two roles reading the same holiday calendar warn alike: tell staff once.
        if issubclass(w.category, (UserWarning, RuntimeWarning)) and message not in notes:
            notes.append(message)
