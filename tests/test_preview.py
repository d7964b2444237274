"""The live preview shows data errors on every page and comes back by itself once the data is fixed.

The browser test runs the real `mkdocs serve` on a copy of the frozen sample (127.0.0.1, a free port)
and edits its data files the way staff do, in Debian's Chromium.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from conftest import SAMPLE, copy_project

from generator.errors import BuildError, DataError
from generator.preview import PANEL_ID, error_panel, remember_pages, stand_ins, with_panel
from generator.render import GeneratedFile, generated_page

ROOT = Path(__file__).resolve().parent.parent
HOSTILE = DataError(
    "stations.yaml", 3, 9, "驿站 'x'：名称 '<img src=x onerror=alert(1)>' 里有 '<' 或 '>'", "提示 & 例子"
)


def test_panel_escapes_data_and_names_every_place() -> None:
    panel = error_panel(BuildError([HOSTILE, DataError("print-manifest.json", 0, 0, "无法读取")]), ROOT / "theme")
    assert f'id="{PANEL_ID}"' in panel and "数据有 2 处错误" in panel
    assert "<img" not in panel and "&lt;img src=x onerror=alert(1)&gt;" in panel and "提示 &amp; 例子" in panel
    assert "<code>stations.yaml:3:9</code>" in panel and "<code>print-manifest.json</code>" in panel


def test_panel_goes_first_in_the_content_or_the_body() -> None:
    page = '<html><body dir="ltr"><header>h</header><article class="md-content__inner md-typeset"><h1>t</h1>'
    assert with_panel(page, "<p>P</p>").endswith('md-typeset"><p>P</p><h1>t</h1>')
    assert with_panel("<html><body class='x'><h1>t</h1>", "<p>P</p>") == (
        "<html><body class='x'><div class=\"md-typeset\"><p>P</p></div><h1>t</h1>"
    )


def test_stand_ins_keep_each_generated_page_and_its_front_matter() -> None:
    page = generated_page("s/weixing.md", "卫星", "简介", "<p>正文</p>", hide_nav=True, search=False)
    asset = GeneratedFile("assets/bee/near/index.json", "{}")
    [standin] = stand_ins(remember_pages([page, asset]))
    assert (standin.src_uri, standin.content, standin.in_nav) == (page.src_uri, page.content, page.in_nav)
    assert "正文" not in (standin.html or "") and "数据改好之前" in (standin.html or "")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as err:
        return err.code, err.read().decode("utf-8")


@contextmanager
def mkdocs_serve(project: Path, log: Path, *, dirty: bool = True, epoch: str | None = None) -> Iterator[str]:
    """`mkdocs serve` (with --dirty, as `make serve` runs it) on a free 127.0.0.1 port until its first build
    is served; stopped afterwards."""
    port = _free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT)}
    if epoch:
        env["SOURCE_DATE_EPOCH"] = epoch
    command = [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"] + (
        ["--dirty"] if dirty else []
    )
    with log.open("w") as out:
        process = subprocess.Popen(command, cwd=project, env=env, stdout=out, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline and process.poll() is None:
            try:
                if _get(base)[0] == 200:
                    break
            except OSError:
                pass  # not listening yet
            time.sleep(0.5)
        else:
            pytest.fail(f"mkdocs serve did not come up:\n{log.read_text()[-3000:]}")
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=30)


def _retiring_worker(base: str) -> bool:
    """The preview's sw.js removes itself and intercepts nothing."""
    code, text = _get(base + "sw.js")
    return code == 200 and "unregister()" in text and '"fetch"' not in text


def _break_phone(text: str) -> tuple[str, int, int]:
    """weixing's first phone replaced by '05108': the new text, and the line and column of the bad value."""
    lines = text.splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if line.strip() == "- id: weixing")
    number = next(i for i in range(start, len(lines)) if lines[i].lstrip().startswith("phones:"))
    col = lines[number].index('"') + 1
    lines[number] = re.sub(r'"[^"]+"', '"05108"', lines[number], count=1)
    return "".join(lines), number + 1, col


@pytest.mark.browser
def test_preview_shows_errors_on_every_page_and_recovers(tmp_path: Path, phone) -> None:
    context, outside = phone
    project = copy_project(SAMPLE, tmp_path / "project", posters=False)
    data = project / "stations.yaml"
    activities = project / "content/study/activities.yaml"
    good, good_activities = data.read_text(encoding="utf-8"), activities.read_text(encoding="utf-8")
    broken, line, col = _break_phone(good)
    broken = broken.replace("name: 卫星社区党群服务中心", "name: 卫星<img src=x onerror=alert(1)>", 1)
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    with mkdocs_serve(project, tmp_path / "serve.log") as base:
        page.goto(base + "s/weixing/", timeout=60_000)
        assert page.locator("h1").inner_text() == "卫星社区党群服务中心"
        assert _retiring_worker(base)  # no cached page ever stands in for a rebuilt one

        data.write_text(broken, encoding="utf-8")  # saved in the editor: the open page reloads by itself
        panel = page.locator(f"#{PANEL_ID}")
        panel.wait_for(timeout=90_000)
        text = panel.inner_text()
        assert "数据有 2 处错误" in text
        assert f"stations.yaml:{line}:{col} 驿站 'weixing'：电话 '05108' 不是有效号码" in text
        assert "名称 '卫星<img src=x onerror=alert(1)>' 里有" in text  # shown as text, never run
        assert panel.locator("img").count() == 0 and not dialogs
        for url, status in (("", 200), ("stations/", 200), ("s/changjianglu/", 200), ("no/such/page/", 404)):
            code, html = _get(base + url)
            assert code == status and f'id="{PANEL_ID}"' in html, url
        assert _retiring_worker(base)

        data.write_text(good, encoding="utf-8")
        panel.wait_for(state="detached", timeout=90_000)
        assert page.locator("h1").inner_text() == "卫星社区党群服务中心"

        naive = good_activities.replace('start: "2026-11-14T09:00+08:00"', 'start: "2026-11-14T09:00"')
        activities.write_text(naive, encoding="utf-8")  # a study file too
        panel.wait_for(timeout=90_000)
        assert "content/study/activities.yaml:" in panel.inner_text() and "没有写时区" in panel.inner_text()
        activities.write_text(good_activities, encoding="utf-8")
        panel.wait_for(state="detached", timeout=90_000)
        assert page.locator("h1").inner_text() == "卫星社区党群服务中心"
    assert not outside.urls
