"""Shared fixtures. Code tests run on frozen fixture projects under tests/fixtures/, never on the live data.

`tests/fixtures/sample/` is a frozen copy of the sample project (stations.yaml, print-manifest.json,
mkdocs.yml, content/); staff edit the repo's own copies freely without breaking a test. Only
`test_live_data.py` reads the live project, and it asserts invariants, never counts.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from generator import i18n

if TYPE_CHECKING:
    from generator.printing.plan import PrintSettings

# The suite reads messages as staff do, in Chinese, whatever the caller's environment says; a test that
# asserts English wording pins it (the `english` fixture, `--lang en`).
os.environ.pop("BEE_LANG", None)
i18n.set_language("zh")


ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
SAMPLE = FIXTURES / "sample"
EPOCH = "1795000000"
# Files and folders that make up a project (what staff edit), as opposed to the code.
PROJECT_PARTS = ("stations.yaml", "print-manifest.json", "mkdocs.yml", "content")


_HEAVY = ("build", "print", "browser", "lint", "live", "server", "process")
_BUILD_FIXTURES = {"built_site", "site_url", "sample_project", "tiny_url"}


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-goldens", action="store_true", help="rewrite expected output in tests/cases")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """A test that uses a built site is a `build` test; a test with no heavier marker is a `unit` test."""
    for item in items:
        if _BUILD_FIXTURES & set(getattr(item, "fixturenames", ())) and not item.get_closest_marker("build"):
            item.add_marker(pytest.mark.build)
        if not any(item.get_closest_marker(name) for name in _HEAVY):
            item.add_marker(pytest.mark.unit)


def copy_project(source: Path, dest: Path, *, posters: bool = True) -> Path:
    """A writable copy of a project (data, mkdocs.yml, content) using the repo's theme and poster cache.

    Builds write into the project (print-manifest.json, .cache/), so tests never build a fixture in place.
    """
    dest.mkdir(parents=True, exist_ok=True)
    for name in PROJECT_PARTS:
        src = source / name
        if src.is_dir():
            shutil.copytree(src, dest / name)
        elif src.exists():
            shutil.copy(src, dest / name)
    (dest / "theme").symlink_to(ROOT / "theme")
    (ROOT / ".cache").mkdir(exist_ok=True)
    (dest / ".cache").symlink_to(ROOT / ".cache")  # rendered posters are keyed by content: sharing is safe
    if not posters:
        config = dest / "mkdocs.yml"
        config.write_text(config.read_text(encoding="utf-8").replace("posters: true", "posters: false"), "utf-8")
    return dest


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_for_port(port: int, proc: subprocess.Popen, name: str, seconds: float = 20) -> None:  # type: ignore[type-arg]
    """Wait until a server process started by a test accepts connections on 127.0.0.1:port."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"{name} exited at start")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"{name} did not start within {seconds:.0f} s")


def run_cli(project: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """`python -m generator ARGS` in `project`, as staff run it (the repo's code on PYTHONPATH)."""
    full_env = {**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "generator", *args], cwd=project, env=full_env, capture_output=True, text=True
    )


def build_project(project: Path, out: Path) -> Path:
    """Build a project with the real MkDocs through the atomic CLI build; fails the test on an error."""
    result = run_cli(
        project, "build", "-f", str(project / "mkdocs.yml"), "-d", str(out), env={"SOURCE_DATE_EPOCH": EPOCH}
    )
    assert result.returncode == 0, result.stderr
    return out


def print_settings(root: Path, tmp: Path, **kw: object) -> PrintSettings:
    """Print settings for the frozen sample: the repo's theme, cache and manifest under `tmp`, the suite's fixed
    date, 3 mm bleed, two workers; `kw` adds other fields."""
    from generator.printing.plan import PrintSettings
    from generator.printing.posters import PosterOptions

    return PrintSettings(
        theme_dir=root / "theme",
        cache_dir=tmp / "cache",
        manifest_path=tmp / "print-manifest.json",
        stamp=datetime.fromtimestamp(int(EPOCH), UTC),
        roads=SAMPLE / "content" / "guide-map.geojson",
        poster=PosterOptions(bleed_mm=3),
        workers=2,
        **kw,  # type: ignore[arg-type]
    )


@contextmanager
def language(lang: str) -> Iterator[None]:
    """Messages in `lang` inside the block; the suite's default (Chinese, as staff read them) afterwards."""
    before = i18n.language()
    i18n.set_language(lang)
    try:
        yield
    finally:
        i18n.set_language(before)


@pytest.fixture()
def english() -> Iterator[None]:
    """Pin English messages (`--lang en`) for a test that asserts on English wording."""
    with language("en"):
        yield


@pytest.fixture(scope="session")
def update_goldens(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-goldens"))


@pytest.fixture(scope="session")
def root() -> Path:
    """The repository (code, theme, schema); not the place to read data from."""
    return ROOT


@pytest.fixture(scope="session")
def sample() -> Path:
    """The frozen sample project (read-only: copy it with copy_project before building)."""
    return SAMPLE


@pytest.fixture(scope="session")
def network():
    from generator.data import load_network

    return load_network(SAMPLE / "stations.yaml")


@pytest.fixture(scope="session")
def sample_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A writable copy of the frozen sample project, shared by the session's build tests."""
    return copy_project(SAMPLE, tmp_path_factory.mktemp("sample") / "project")


@pytest.fixture(scope="session")
def built_site(sample_project: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The frozen sample built once per test session with the real MkDocs (via the atomic CLI build)."""
    return build_project(sample_project, tmp_path_factory.mktemp("built") / "site")


@pytest.fixture(scope="session")
def site_url(built_site: Path):
    """Base URL of the built sample site served on 127.0.0.1."""
    from browser import serve

    with serve(built_site) as url:
        yield url


@pytest.fixture(scope="session")
def tiny_url(tmp_path_factory: pytest.TempPathFactory):
    """Base URL of the tiny edge-case network (a station in each status), built once and served on 127.0.0.1."""
    from browser import serve

    root = tmp_path_factory.mktemp("tiny")
    site = build_project(copy_project(FIXTURES / "tiny", root / "project"), root / "site")
    with serve(site) as url:
        yield url


@pytest.fixture(scope="session")
def chromium():
    """Debian's Chromium, headless, driven by Playwright (no browser download)."""
    from browser import CHROMIUM, CHROMIUM_ARGS
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture()
def phone(chromium):
    """A fresh phone-sized browser context (360×740, zh-CN, Asia/Shanghai) that blocks other hosts.

    Yields (context, outside): `outside.urls` lists every request that tried to leave 127.0.0.1.
    """
    from browser import PHONE, Outside, guard

    context = chromium.new_context(**PHONE, locale="zh-CN", timezone_id="Asia/Shanghai")
    outside = Outside()
    guard(context, outside)
    yield context, outside
    context.close()
