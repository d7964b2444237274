"""Builds killed with SIGKILL at any point: site/ is the complete old or the complete new tree, the print
workers die with the build, and the next build leaves nothing behind."""

from __future__ import annotations

import hashlib
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import EPOCH, ROOT, SAMPLE, copy_project

pytestmark = [pytest.mark.build, pytest.mark.print]


def _tree(site: Path) -> dict[str, str]:
    return {
        p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(site.rglob("*"))
        if p.is_file()
    }


def _start(project: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "SOURCE_DATE_EPOCH": EPOCH}
    cmd = [sys.executable, "-m", "generator", "build", "-f", str(project / "mkdocs.yml")]
    return subprocess.Popen(cmd, cwd=project, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def _build(project: Path) -> None:
    proc = _start(project)
    _, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err.decode()


def _children(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def _cmdline(pid: int) -> bytes:
    """A process's command line, or nothing if it has already exited (a helper the build ran and reaped)."""
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return b""


def _gone(pids: list[int], timeout: float = 10) -> list[int]:
    deadline = time.monotonic() + timeout
    alive = pids
    while alive and time.monotonic() < deadline:
        time.sleep(0.1)
        alive = [p for p in alive if Path(f"/proc/{p}").exists() and "Z" not in _state(p)]
    return alive


def _state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return "Z"


def _rename_network(project: Path, n: int) -> None:
    """An edit that changes every poster (the network's name is on each), so the build has work to do."""
    path = project / "stations.yaml"
    text = path.read_text(encoding="utf-8")
    old = next(line for line in text.splitlines() if line.startswith("  name: "))
    path.write_text(text.replace(old, f"  name: 小蜜蜂驿站{n}号网", 1), encoding="utf-8")


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    proj = copy_project(SAMPLE, tmp_path / "p")
    (proj / ".cache").unlink()  # a private poster cache: every edit below is a real render
    (proj / ".cache").mkdir()
    config = proj / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("posters: true", "posters: true\n        workers: 2"))
    return proj


def test_kill_while_rendering_posters_leaves_the_old_site_and_no_workers(project: Path) -> None:
    _build(project)
    old = _tree(project / "site")
    _rename_network(project, 1)
    proc = _start(project)
    deadline = time.monotonic() + 120
    workers: list[int] = []
    while time.monotonic() < deadline and not workers:
        time.sleep(0.05)
        workers = [p for p in _children(proc.pid) if b"spawn_main" in _cmdline(p)]
    assert workers, "the build never started its poster workers"
    time.sleep(0.5)
    everyone = _children(proc.pid)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=10)
    assert not _gone(everyone), "processes of the killed build are still running"
    assert _tree(project / "site") == old
    _build(project)  # the next build cleans up after the killed one
    assert not list(project.glob(".site-*")) and not (project / "site.old").exists()


def test_random_kills_never_leave_a_partial_site(project: Path) -> None:
    """Posters off (the table and map still render on two workers), so each build takes seconds."""
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("posters: true", "posters: false"))
    _build(project)
    _rename_network(project, 2)
    start = time.monotonic()
    _build(project)
    took = time.monotonic() - start
    rng = random.Random(int(EPOCH))
    for n in range(3, 11):
        before = _tree(project / "site")
        _rename_network(project, n)
        proc = _start(project)
        time.sleep(rng.uniform(0, took * 1.2))  # some kills land after the build has finished
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
        after = _tree(project / "site")
        if after != before:  # the swap happened: it must be exactly what a full build of this edit gives
            reference = copy_project(project, project.parent / f"ref{n}")
            (reference / ".cache").unlink()
            (reference / ".cache").symlink_to(project / ".cache")
            _build(reference)
            assert after == _tree(reference / "site"), n
    _build(project)
    assert not list(project.glob(".site-*")) and not (project / "site.old").exists()
    assert _tree(project / "site")["sw.js"]
