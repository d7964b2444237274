"""Shared fixtures: the repository root, the sample network, and golden-file updating."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-goldens", action="store_true", help="rewrite expected output in tests/cases")


@pytest.fixture(scope="session")
def update_goldens(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-goldens"))


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def network():
    from generator.validate import load_network

    return load_network(ROOT / "stations.yaml")


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample site built once per test session with the real MkDocs (via the atomic CLI build)."""
    import os
    import subprocess
    import sys

    out = tmp_path_factory.mktemp("built") / "site"
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1795000000"}
    subprocess.run([sys.executable, "-m", "generator", "build", "-d", str(out)], cwd=ROOT, check=True, env=env)
    return out


@pytest.fixture(scope="session")
def site_url(built_site: Path):
    """Base URL of the built sample site served on 127.0.0.1."""
    from browser import serve

    with serve(built_site) as url:
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
