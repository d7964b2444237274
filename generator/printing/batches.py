"""Files rendered together and split apart, and which stations go together.

A WeasyPrint document pays fixed costs (style sheets, font subsetting, the colour profile, writing
the file) whatever its length, so small files (door stickers, map and card parts) are rendered
several to a document and split afterwards (assemble.split_pdf); render_split caches both steps.
The cache key is then the batch's: an edit re-renders its whole batch. Stickers are batched by a
hash of the station id into a power-of-two number of buckets, the fewest that keep the average
batch at or below `most`: adding a station changes only its bucket, reordering stations.yaml
changes nothing, and only when the network doubles past a threshold do all batches change (once).
Runs of a fixed length in data order would instead move every later boundary at each insertion and
re-render everything after it.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Protocol

from .assemble import split_pdf
from .pdfrender import Job, RenderStats, render_cached, run_parallel


def batches(ids: Iterable[str], most: int) -> list[tuple[str, ...]]:
    """`ids` in 2^k buckets of about `most` or fewer on average, each sorted; the fewest buckets that do it."""
    ordered = sorted(ids)
    count = 1
    while len(ordered) > count * most:
        count *= 2
    buckets: list[list[str]] = [[] for _ in range(count)]
    for key in ordered:
        buckets[int.from_bytes(hashlib.sha256(key.encode("utf-8")).digest()[:8], "big") % count].append(key)
    return [tuple(b) for b in buckets if b]


class Layer(Protocol):
    """Text set over a rendered document's pages (pdftext.py), identified by `key` for the cache."""

    @property
    def key(self) -> str: ...

    def apply(self, frame: bytes) -> bytes:
        """The finished PDF from the rendered frame document."""
        ...

    def page_count(self) -> int:
        """How many pages `apply` makes (known before rendering, for the print centre)."""
        ...


@dataclass(frozen=True)
class StoredLayer:
    """A layer kept in a file by the worker that made it (store_layers): where it is, its key and its pages.

    The build process passes these small records on to the workers that set the layers, instead of
    holding every layer itself (hundreds of megabytes at 100,000 stations) and pickling each twice.
    """

    path: str
    offset: int
    size: int
    key: str
    pages: int

    def page_count(self) -> int:
        """How many pages the stored layer makes."""
        return self.pages

    def apply(self, frame: bytes) -> bytes:
        """The stored layer, read back, set over `frame`."""
        with open(self.path, "rb") as f:
            f.seek(self.offset)
            layer: Layer = pickle.loads(f.read(self.size))  # written by this build's own worker
        return layer.apply(frame)


def store_layers(layers: Sequence[Layer], pages: Sequence[int], path: Path) -> tuple[StoredLayer, ...]:
    """Write `layers` one after another to `path` (appending); a StoredLayer for each, with its page count."""
    refs = []
    with path.open("ab") as f:
        for layer, count in zip(layers, pages, strict=True):
            data = pickle.dumps(layer, protocol=pickle.HIGHEST_PROTOCOL)
            refs.append(StoredLayer(str(path), f.tell(), len(data), layer.key, count))
            f.write(data)
    return tuple(refs)


@dataclass(frozen=True)
class Batch:
    """One document to render, and the files it splits into: (target, pages, ISO creation date or None).

    A batch of one file is the rendered document itself; None keeps the document's own date. With
    `layers` (one per file), each file is the whole rendered document, a frame, with its layer's
    text set over its pages (pdftext.py): one frame serves every part of the station table.
    """

    job: Job
    files: tuple[tuple[str, int, str | None], ...]
    layers: tuple[Layer, ...] = ()


def render_split(
    runs: Sequence[Batch], cache_dir: Path, *, workers: int = 0, stats: RenderStats | None = None
) -> dict[str, Path]:
    """Make sure every file of every batch is in `cache_dir`; target → cached file.

    The rendered batches are cached by their content hash (pdfrender), and so are the files split
    from them, by the batch's hash, the file's place and date, and the code that splits: a warm
    build neither renders nor splits. `stats` counts files: misses are those whose batch was rendered.
    """
    rendered = RenderStats()
    paths = render_cached([b.job for b in runs], cache_dir, workers=workers, stats=rendered)
    stats = stats if stats is not None else RenderStats()
    out: dict[str, Path] = {}
    tasks = {t: (layer, paths[run.job.target]) for run in runs for (t, _, _), layer in _layers(run)}
    layered = {t: _layered_path(layer, frame) for t, (layer, frame) in tasks.items()}
    made = {t for t, path in layered.items() if not _in_use(path)}
    run_parallel(_set_layer, [(*tasks[t], layered[t]) for t in sorted(made)], workers)
    for run in runs:
        files = [layered[t] for t, _, _ in run.files] if run.layers else _split_cached(run, paths[run.job.target])
        out.update(zip((t for t, _, _ in run.files), files, strict=True))
        for t, _, _ in run.files:
            (stats.misses if run.job.target in rendered.misses or t in made else stats.hits).append(t)
    return out


def _layers(run: Batch) -> list[tuple[tuple[str, int, str | None], Layer]]:
    return list(zip(run.files, run.layers, strict=True)) if run.layers else []


def _split_cached(run: Batch, source: Path) -> list[Path]:
    if len(run.files) == 1 and run.files[0][2] is None:
        return [source]
    files = [source.with_name(f"{_file_key(source.stem, i, f)}.pdf") for i, f in enumerate(run.files)]
    if all(f.exists() for f in files):
        for f in files:
            os.utime(f)  # in use, for prune()
        return files
    parts = split_pdf(source.read_bytes(), [c for _, _, c in run.files], [n for _, n, _ in run.files])
    for f, data in zip(files, parts, strict=True):
        store(f, data)
    return files


def _layered_path(layer: Layer, source: Path) -> Path:
    """Where the rendered frame with `layer` over it is cached: by the frame, the layer and the code."""
    key = "\0".join((source.stem, layer.key, code_version()))
    return source.with_name(f"{hashlib.sha256(key.encode()).hexdigest()}.pdf")


def _in_use(path: Path) -> bool:
    """True when `path` is cached (and marks it used, for prune())."""
    if path.exists():
        os.utime(path)
        return True
    return False


def _set_layer(layer: Layer, source: Path, target: Path) -> None:
    """Worker task: set `layer` over the frame at `source` and cache the result at `target`."""
    store(target, layer.apply(source.read_bytes()))


def cached_bytes(cache_dir: Path, key: str, make: Callable[[], bytes]) -> bytes:
    """A file derived from cached ones (a sheet imposed from pages): made once per `key` and the code version."""
    path = cache_dir / f"{hashlib.sha256((key + code_version()).encode()).hexdigest()}.pdf"
    if path.exists():
        os.utime(path)
        return path.read_bytes()
    data = make()
    store(path, data)
    return data


def store(path: Path, data: bytes) -> None:
    """Write a cache file atomically (a killed build leaves a .tmp file that prune() removes)."""
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def _file_key(source: str, index: int, file: tuple[str, int, str | None]) -> str:
    return hashlib.sha256(f"{source}\0{index}\0{file[1]}\0{file[2]}\0{code_version()}".encode()).hexdigest()


@cache
def code_version() -> str:
    """pypdf's version and the source of the modules that split, impose and set text: a change re-derives."""
    import pypdf

    from . import assemble, fontface, impose, pdftext, pdfx, tablesheet

    h = hashlib.sha256(pypdf.__version__.encode())
    for module in (assemble, fontface, impose, pdftext, pdfx, tablesheet):
        h.update(Path(module.__file__ or "").read_bytes())
    return h.hexdigest()[:16]
