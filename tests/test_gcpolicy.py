"""The garbage-collection policy: a build process tunes and freezes, a live preview's process only tunes, any
other caller keeps CPython's defaults."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.process  # a Python subprocess per test: `make test`, not test-fast

ROOT = Path(__file__).resolve().parent.parent

PROBE = """
import gc, sys
from pathlib import Path
from generator import build, gcpolicy, session
if sys.argv[1] == "build":
    gcpolicy.for_build_process()
if sys.argv[1] == "preview":
    session.Session(serving=True, dirty=True)
build.load_project(build.Options(Path(sys.argv[2])), printing=False)
print(gc.get_threshold(), gc.get_freeze_count(), gc.isenabled())
"""


def _probe(mode: str) -> str:
    sample = ROOT / "tests" / "fixtures" / "sample"
    result = subprocess.run(
        [sys.executable, "-c", PROBE, mode, str(sample)], cwd=ROOT, capture_output=True, text=True, check=True
    )
    return result.stdout.strip()


def test_a_build_process_raises_the_threshold_and_freezes_what_loading_kept() -> None:
    threshold, frozen, enabled = _probe("build").rsplit(" ", 2)
    assert threshold == "(50000, 20, 20)" and enabled == "True"
    assert int(frozen) > 10_000  # modules, the network's models: never scanned again


def test_other_callers_keep_the_defaults_and_freeze_nothing() -> None:
    """The test suite loads again and again: frozen objects would never be freed."""
    assert _probe("library") == "(700, 10, 10) 0 True"


def test_a_preview_process_raises_the_threshold_and_freezes_nothing() -> None:
    """A preview keeps what its next build reuses; frozen, the garbage of its builds would never be freed."""
    assert _probe("preview") == "(50000, 20, 20) 0 True"
