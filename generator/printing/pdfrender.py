"""HTML → PDF with WeasyPrint, cached by content hash and spread over all cores.

The cache key is a hash of the complete HTML document (data, templates, CSS, icons, QR codes and
page options are all inlined into it), the installed CJK fonts and WeasyPrint's version, so a
cached PDF is exactly what rendering would produce again. Unchanged documents are never re-rendered.
"""

from __future__ import annotations

import contextlib
import ctypes
import hashlib
import os
import signal
import sys
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from multiprocessing import get_context
from pathlib import Path

from ..writer import SiteWriter
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


@dataclass
class RenderStats:
    """What a run did: cache hits and misses, and the time spent rendering."""

    hits: list[str] = field(default_factory=list)
    misses: list[str] = field(default_factory=list)
    seconds: float = 0.0


def weasyprint_version() -> str:
    """The renderer's version, part of the cache key."""
    import weasyprint

    return weasyprint.__version__


def cache_key(job: Job) -> str:
    """SHA-256 of everything that decides the PDF's bytes."""
    h = hashlib.sha256()
    for part in (weasyprint_version(), fonts_fingerprint(), job.base_url, job.html):
        h.update(part.encode("utf-8"))
        h.update(b"\0")
    return h.hexdigest()


def render_pdf(html: str, base_url: str = ".") -> bytes:
    """Render one document; dates come only from its <meta name=dcterms.*> tags, never the clock."""
    from weasyprint import HTML

    return HTML(string=html, base_url=base_url).write_pdf()


def _render_to(html: str, base_url: str, path: str) -> str:
    data = render_pdf(html, base_url)
    tmp = f"{path}.{os.getpid()}.tmp"
    with open(tmp, "wb") as f:
        f.write(data)
    os.replace(tmp, path)
    return path


def render_all(
    jobs: Sequence[Job], cache_dir: Path, writer: SiteWriter, *, workers: int = 0, progress: Progress | None = None
) -> RenderStats:
    """Write every job's PDF to its target through `writer`, rendering only the ones not in `cache_dir`."""
    started = time.perf_counter()
    cache_dir.mkdir(parents=True, exist_ok=True)
    stats = RenderStats()
    todo: list[tuple[Job, Path]] = []
    for job in jobs:
        cached = cache_dir / f"{cache_key(job)}.pdf"
        if cached.exists():
            os.utime(cached)  # marks it as in use, for prune()
            stats.hits.append(job.target)
        else:
            stats.misses.append(job.target)
            todo.append((job, cached))
    _render_missing(todo, workers or os.cpu_count() or 1, progress)
    for job in jobs:
        writer.write(job.target, (cache_dir / f"{cache_key(job)}.pdf").read_bytes(), f"print: {job.target}")
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
    if not todo:
        return
    if len(todo) == 1 or workers == 1:
        for i, (job, cached) in enumerate(todo, 1):
            _render_to(job.html, job.base_url, str(cached))
            if progress:
                progress(i, len(todo))
        return
    # "spawn": the build may run inside a threaded server (mkdocs serve), where fork is unsafe.
    pool = ProcessPoolExecutor(
        max_workers=min(workers, len(todo)),
        mp_context=get_context("spawn"),
        initializer=die_with_parent,
        initargs=(os.getpid(),),
    )
    with pool:
        futures = [pool.submit(_render_to, job.html, job.base_url, str(cached)) for job, cached in todo]
        for i, future in enumerate(as_completed(futures), 1):
            future.result()
            if progress:
                progress(i, len(todo))


def die_with_parent(parent: int) -> None:
    """Worker initializer: end this renderer when the build process ends, even when it is SIGKILLed.

    Linux's PR_SET_PDEATHSIG (prctl(2)) delivers SIGKILL to the worker when its parent dies, so a
    killed build leaves no orphaned WeasyPrint processes. If the parent died before the call took
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
