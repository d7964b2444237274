"""HTML → PDF with WeasyPrint, cached by content hash and spread over all cores.

The cache key is a hash of the complete HTML document (data, templates, CSS, icons, QR codes and
page options are all inlined into it), the installed CJK fonts and WeasyPrint's version, so a
cached PDF is exactly what rendering would produce again. Unchanged documents are never re-rendered.
"""

from __future__ import annotations

import contextlib
import ctypes
import functools
import hashlib
import importlib.metadata
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from multiprocessing import get_context
from pathlib import Path
from typing import Any

from ..errors import BuildError, DataError
from ..i18n import tr
from ..writer import SiteWriter
from .pdfx import pin_document_id, profile_digest, writer_variant
from .printenv import fonts_fingerprint

Progress = Callable[[int, int], None]
_PR_SET_PDEATHSIG = 1  # linux/prctl.h


@dataclass(frozen=True)
class Job:
    """One PDF to produce: the complete HTML document and where to write it."""

    html: str
    target: str
    """Site-relative path of the PDF."""
    base_url: str = "."
    variant: str | None = None
    """PDF/X variant (pdfx.VARIANTS); None or "none" for plain PDF."""
    roots: tuple[str, ...] = ()
    """Folders and files the document may load (fetcher.PrintFetcher); data: URIs always."""


class PrintResourceError(BuildError):
    """A print document tried to load something outside the allowed folders."""

    def __init__(self, target: str, message: str):
        hint = tr(
            "打印模板只能引用 theme/print/ 里的文件或 data: URI",
            "print templates may only refer to files in theme/print/ or data: URIs",
        )
        super().__init__([DataError(target, 0, 0, message, hint)])


class _Refused(Exception):
    """A refusal carried back from a worker process (WeasyPrint's fatal error is not picklable)."""


@dataclass
class RenderStats:
    """What a run did: cache hits and misses, and the time spent rendering."""

    hits: list[str] = field(default_factory=list)
    misses: list[str] = field(default_factory=list)
    seconds: float = 0.0


@functools.cache
def weasyprint_version() -> str:
    """The renderer's version, part of the cache key.

    Read from the installed package's metadata: importing WeasyPrint to ask it costs the build
    process 0.7 s of CPU when every document renders in the workers.
    """
    return importlib.metadata.version("weasyprint")


def cache_key(job: Job) -> str:
    """SHA-256 of everything that decides the PDF's bytes."""
    h = hashlib.sha256()
    profile = profile_digest() if writer_variant(job.variant) else "none"
    for part in (weasyprint_version(), fonts_fingerprint(), job.base_url, str(job.variant), profile, job.html):
        h.update(part.encode("utf-8"))
        h.update(b"\0")
    return h.hexdigest()


def render_pdf(html: str, base_url: str = ".", variant: str | None = None, roots: tuple[str, ...] = ()) -> bytes:
    """Render one document; dates come only from its <meta name=dcterms.*> tags, never the clock.

    Resources load only through PrintFetcher (refusals stop the rendering); the XMP document id
    WeasyPrint draws at random for PDF/X-4 is replaced by one derived from the document.
    """
    from weasyprint import HTML

    from .fetcher import PrintFetcher, fetcher_error  # imports WeasyPrint: only where rendering happens

    doc = HTML(string=html, base_url=base_url, url_fetcher=PrintFetcher(roots))
    try:
        data = doc.write_pdf(pdf_variant=writer_variant(variant))
    except BaseException as exc:  # WeasyPrint's FatalURLFetchingError is a BaseException
        refused = fetcher_error(exc)
        if refused is None:
            raise
        raise _Refused(refused) from None
    return pin_document_id(data, hashlib.sha256(html.encode("utf-8")).hexdigest())


def _render_to(job: Job, path: str) -> str:
    try:
        data = render_pdf(job.html, job.base_url, job.variant, job.roots)
    except _Refused as exc:
        raise _Refused(job.target, str(exc)) from None
    tmp = f"{path}.{os.getpid()}.tmp"
    with open(tmp, "wb") as f:
        f.write(data)
    os.replace(tmp, path)
    return path


def render_cached(
    jobs: Sequence[Job],
    cache_dir: Path,
    *,
    workers: int = 0,
    progress: Progress | None = None,
    stats: RenderStats | None = None,
) -> dict[str, Path]:
    """Make sure every job's PDF is in `cache_dir` (rendering only the missing ones); target → cached file."""
    cache_dir.mkdir(parents=True, exist_ok=True)
    stats = stats if stats is not None else RenderStats()
    todo: list[tuple[Job, Path]] = []
    paths: dict[str, Path] = {}
    for job in jobs:
        cached = paths[job.target] = cache_dir / f"{cache_key(job)}.pdf"
        if cached.exists():
            os.utime(cached)  # marks it as in use, for prune()
            stats.hits.append(job.target)
        else:
            stats.misses.append(job.target)
            todo.append((job, cached))
    try:
        _render_missing(todo, workers or os.cpu_count() or 1, progress)
    except _Refused as exc:
        target, message = exc.args
        raise PrintResourceError(target, message) from None
    return paths


def render_all(
    jobs: Sequence[Job], cache_dir: Path, writer: SiteWriter, *, workers: int = 0, progress: Progress | None = None
) -> RenderStats:
    """Write every job's PDF to its target through `writer`, rendering only the ones not in `cache_dir`."""
    started = time.perf_counter()
    stats = RenderStats()
    paths = render_cached(jobs, cache_dir, workers=workers, progress=progress, stats=stats)
    for job in jobs:
        writer.copy(job.target, paths[job.target], f"print: {job.target}")
    stats.seconds = time.perf_counter() - started
    prune(cache_dir)
    return stats


def prune(cache_dir: Path, max_age_days: float = 30) -> int:
    """Delete cached PDFs no build has used for `max_age_days`, so the cache does not grow forever."""
    cutoff = time.time() - max_age_days * 86400
    old = [p for p in cache_dir.glob("*.pdf") if p.stat().st_mtime < cutoff]
    # Half-written renders of a killed build (a render writes to .tmp, then renames).
    old += [p for p in cache_dir.glob("*.tmp") if p.stat().st_mtime < time.time() - 3600]
    for path in old:
        path.unlink(missing_ok=True)
    return len(old)


def _render_missing(todo: list[tuple[Job, Path]], workers: int, progress: Progress | None) -> None:
    run_parallel(_render_to, [(job, str(cached)) for job, cached in todo], workers, progress)


def run_parallel(
    fn: Callable[..., object], calls: Sequence[tuple[object, ...]], workers: int = 0, progress: Progress | None = None
) -> None:
    """`fn(*args)` for each of `calls`, spread over the build's worker processes (`fn` must be importable):
    the shared pool inside `shared_workers`, else a pool for these calls; here with one call or one worker.
    `progress(done, total)` is told after each call."""
    done = 0

    def step() -> None:
        nonlocal done
        done += 1
        if progress:
            progress(done, len(calls))

    if len(calls) <= 1 or workers == 1:
        for args in calls:
            fn(*args)
            step()
        return
    shared = _shared_pool()
    with contextlib.ExitStack() as stack:
        if shared is not None:
            pool = shared.executor()
        else:
            pool = stack.enter_context(_new_pool(min(workers or os.cpu_count() or 1, len(calls))))
        for future in as_completed([pool.submit(fn, *args) for args in calls]):
            future.result()
            step()


def submit_in_turn(calls: Sequence[tuple[Callable[..., Any], tuple[Any, ...]]], workers: int = 0) -> list[Future[Any]]:
    """Each `(fn, args)` of `calls`, in turn, in one process of their own that ends after the last (here, in
    order, when `workers` is 1 or outside `shared_workers`); a future for each.

    The process runs at the shared pool's priority, and ends so that what large calls hold (the sheets
    of 100,000 stations) goes back to the system rather than staying with a worker for the whole build.
    """
    shared = _shared_pool()
    if workers == 1 or shared is None:
        return [_done(fn, args) for fn, args in calls]
    pool = _new_pool(1, shared.niceness)
    futures = [pool.submit(fn, *args) for fn, args in calls]
    pool.shutdown(wait=False)  # the process ends once the last call returns
    return futures


def _done(fn: Callable[..., Any], args: tuple[Any, ...]) -> Future[Any]:
    done: Future[Any] = Future()
    try:
        done.set_result(fn(*args))
    except Exception as exc:  # delivered by result(), as a worker's would be
        done.set_exception(exc)
    return done


def _new_pool(workers: int, niceness: int = 0) -> ProcessPoolExecutor:
    # "spawn": the build may run inside a threaded server (mkdocs serve), where fork is unsafe.
    return ProcessPoolExecutor(
        max_workers=workers,
        mp_context=get_context("spawn"),
        initializer=start_worker,
        initargs=(os.getpid(), niceness),
    )


class _SharedPool:
    """A pool started on first use."""

    def __init__(self, workers: int, niceness: int = 0):
        self.workers, self.niceness = workers, niceness
        self.pool: ProcessPoolExecutor | None = None

    def executor(self) -> ProcessPoolExecutor:
        if self.pool is None:
            self.pool = _new_pool(self.workers, self.niceness)
        return self.pool


# Per thread: a worker dies with the thread that started it (PR_SET_PDEATHSIG is a thread's, see
# die_with_parent), so the sheets rendering in a background thread (plan.SheetsInFlight) keep a pool of
# their own, and the build's thread never submits work to processes a finished thread started.
_local = threading.local()


def _shared_pool() -> _SharedPool | None:
    return getattr(_local, "shared", None)


@contextlib.contextmanager
def shared_workers(workers: int = 0, *, background: bool = False) -> Iterator[None]:
    """Renders inside the block reuse one pool of worker processes, started when first needed.

    Each worker pays Python's start-up, WeasyPrint's import and font loading (about 0.7 s of CPU):
    a build that renders posters, then stickers, pays it once instead of once per kind of file.
    `background` workers run at a lower priority (BACKGROUND_NICENESS): they render beside the build
    process's own work, which is the build's critical path, and must not take its core.
    """
    outer = _shared_pool()
    _local.shared = _SharedPool(workers or os.cpu_count() or 1, BACKGROUND_NICENESS if background else 0)
    try:
        yield
    finally:
        mine, _local.shared = _local.shared, outer
        if mine.pool is not None:
            mine.pool.shutdown()


# nice(2) increment of background workers: under Linux's scheduler a niceness-10 process gets about a
# tenth of a core shared with a niceness-0 one, so on two cores the build process keeps one to itself.
BACKGROUND_NICENESS = 10


def start_worker(parent: int, niceness: int) -> None:
    """Worker initializer: die with the build process (die_with_parent), at `niceness` below it."""
    die_with_parent(parent)
    if niceness:
        with contextlib.suppress(OSError, AttributeError):  # no nice() (not POSIX): same priority
            os.nice(niceness)


def die_with_parent(parent: int) -> None:
    """Worker initializer: end this renderer when the build process ends, even when it is SIGKILLed.

    Linux's PR_SET_PDEATHSIG (prctl(2)) delivers SIGKILL to the worker when its parent dies (strictly,
    the thread that started it ends: pools are per thread, see _local), so a killed build leaves no
    orphaned WeasyPrint processes. If the parent died before the call took
    effect, the worker has already been re-parented: exit at once.
    """
    # Not Linux (no prctl): the pool's own shutdown still ends workers after a normal exit.
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:
        os._exit(1)


def stderr_progress(label: str) -> Progress:
    """A progress callback printing `label i/n` on one line of stderr, for long runs."""

    def report(done: int, total: int) -> None:
        end = "\n" if done == total else "\r"
        print(f"{label} {done}/{total}", end=end, file=sys.stderr, flush=True)

    return report
