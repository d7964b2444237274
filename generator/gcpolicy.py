"""The cyclic garbage collector's settings for a one-shot build process.

A build allocates millions of small objects that live until the process ends (MkDocs' and Material's
modules, jieba's dictionary, the network's models, every page's HTML) and almost no reference cycles.
With CPython's default thresholds the collector ran about 19,000 times in a 10,000-station build and
rescanned those long-lived objects again and again (14 s of 79 s before this work; see BENCHMARKS.md,
"Garbage collection"). A build process therefore

- raises the youngest generation's threshold, so collections are rare but still happen (memory stays
  bounded if some code does make cycles), and
- freezes everything alive once the project is loaded (`gc.freeze`): those objects are never scanned
  again, and since they live until the process exits nothing is lost by never collecting them.

Only the process that owns its lifetime opts in (`python -m generator build` calls `for_build_process`).
A live preview (`mkdocs serve`) and the test suite load projects over and over; frozen objects are never
freed, so `after_load` does nothing there. A preview's process (`for_preview_process`) still raises the
threshold: it keeps what its next build reuses (page bodies, open-data shares), and with the defaults
the collector scanned all of it again and again, about 0.08 s of a one-station edit's 1 s rebuild at
1,000 stations; its cycles (the engine's pages and navigation of each build) are still collected.
"""

from __future__ import annotations

import gc

THRESHOLD = (50_000, 20, 20)
"""Generation 0 collects after 50,000 net allocations (default 700); the older ones as often as that allows."""

_owned = False


def for_build_process() -> None:
    """Tune the collector for a process that builds once and exits; `after_load` will then freeze."""
    global _owned
    _owned = True
    gc.set_threshold(*THRESHOLD)


def for_preview_process() -> None:
    """Tune the collector for a live preview's process: rarer collections, nothing frozen."""
    gc.set_threshold(*THRESHOLD)


def after_load() -> None:
    """Freeze what the loaded project keeps alive, in a build process only (see the module's docstring)."""
    if _owned:
        gc.collect()  # garbage from loading goes first: frozen, it would never be freed
        gc.freeze()


def owned() -> bool:
    """Whether this process opted in (for tests and the benchmark)."""
    return _owned
