"""Reproducible print files, the poster cache, and the printed-URL manifest through a real build."""

from __future__ import annotations

import json
import os
import subprocess
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
from conftest import EPOCH, SAMPLE, copy_project, print_settings, run_cli

from generator.data.clock import project_datetime
from generator.printing.plan import build_posters, build_print, prepare
from generator.printing.posters import PosterOptions
from generator.writer import SiteWriter

pytestmark = pytest.mark.print


@pytest.mark.unit
def test_source_date_epoch_wins(monkeypatch: pytest.MonkeyPatch, root: Path) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    assert project_datetime(root) == datetime.fromtimestamp(int(EPOCH), UTC)
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    commit = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=root, capture_output=True, text=True).stdout
    assert project_datetime(root) == datetime.fromtimestamp(int(commit), UTC)


def test_two_builds_are_byte_identical(network, root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Two builds from scratch (separate caches, separate processes) give the same bytes, file by file."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    small = replace(network, stations=network.stations[:3])
    outputs = []
    for run in ("a", "b"):
        settings = replace(print_settings(root, tmp_path / run), stamp=project_datetime(root))
        plan = prepare(small, settings)
        build_print(small, settings, plan, SiteWriter(tmp_path / run / "site"))
        outputs.append(
            {p.relative_to(tmp_path / run / "site"): p.read_bytes() for p in (tmp_path / run / "site").rglob("*.*")}
        )
    # posters, stickers, posters.pdf, stickers.pdf, stations.pdf/csv/xlsx, map.pdf/svg, card.pdf
    assert len(outputs[0]) == 3 + 3 + 2 + 3 + 2 + 1
    assert outputs[0].keys() == outputs[1].keys()
    different = [str(k) for k in outputs[0] if outputs[0][k] != outputs[1][k]]
    assert not different


def test_editing_one_station_rerenders_exactly_one_poster(network, root: Path, tmp_path: Path) -> None:
    small = replace(network, stations=network.stations[:4])
    settings = print_settings(root, tmp_path)
    plan = prepare(small, settings)
    first = build_posters(small, settings, plan, SiteWriter(tmp_path / "out"))
    assert (len(first.misses), len(first.hits)) == (4, 0)
    again = build_posters(small, settings, plan, SiteWriter(tmp_path / "out"))
    assert (len(again.misses), len(again.hits)) == (0, 4)
    edited = small.stations[2].model_copy(update={"phones": ["0510-0000 9999"]})
    changed = replace(small, stations=(*small.stations[:2], edited, small.stations[3]))
    third = build_posters(changed, settings, plan, SiteWriter(tmp_path / "out"))
    assert [Path(p).stem for p in third.misses] == [edited.id] and len(third.hits) == 3
    bleed = replace(settings, poster=PosterOptions(bleed_mm=0))  # options are part of the key too
    assert len(build_posters(changed, bleed, plan, SiteWriter(tmp_path / "out")).misses) == 4


def _project(root: Path, tmp: Path) -> Path:
    """A copy of the sample project whose build skips posters (the rest of print still runs)."""
    return copy_project(SAMPLE, tmp / "proj", posters=False)


def _build(proj: Path) -> subprocess.CompletedProcess[str]:
    return run_cli(proj, "build", "-f", str(proj / "mkdocs.yml"), env={"SOURCE_DATE_EPOCH": EPOCH})


@pytest.mark.build
def test_build_fails_when_a_printed_station_is_deleted(root: Path, tmp_path: Path) -> None:
    proj = _project(root, tmp_path)
    manifest = json.loads((proj / "print-manifest.json").read_text(encoding="utf-8"))
    manifest["issued"].append(
        {"id": "old-market", "url": "https://bee.example.org/s/old-market/", "first_issued": "2025-03-01"}
    )
    (proj / "print-manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    check = run_cli(proj, "check")
    assert check.returncode == 1 and "驿站 'old-market' 的网址" in check.stderr  # staff see it before committing
    result = _build(proj)
    assert result.returncode == 1
    assert "驿站 'old-market' 的网址 https://bee.example.org/s/old-market/ 在 2025-03-01 印上了海报" in result.stderr
    assert "status: closed" in result.stderr
    assert not (proj / "site").exists()


@pytest.mark.build
def test_build_appends_a_new_station_to_the_manifest(root: Path, tmp_path: Path) -> None:
    proj = _project(root, tmp_path)
    manifest = json.loads((proj / "print-manifest.json").read_text(encoding="utf-8"))
    manifest["issued"] = [e for e in manifest["issued"] if e["id"] != "weixing"]
    (proj / "print-manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    result = _build(proj)
    assert result.returncode == 0, result.stderr
    issued = json.loads((proj / "print-manifest.json").read_text(encoding="utf-8"))["issued"]
    assert [e["id"] for e in issued] == sorted(e["id"] for e in issued)
    new = next(e for e in issued if e["id"] == "weixing")
    # A new station takes the next number after the highest ever given; nobody else's number moves.
    assert new == {
        "id": "weixing",
        "url": "https://bee.example.org/s/weixing/",
        "first_issued": "2026-11-18",
        "number": 34,
    }
    before = {e["id"]: e["number"] for e in manifest["issued"]}
    assert all(e["number"] == before[e["id"]] for e in issued if e["id"] != "weixing")
    assert (proj / "site" / "print" / "stations.pdf").exists() and not (
        proj / "site" / "print" / "posters.pdf"
    ).exists()


def test_a3_poster_scales_the_a4_design(network, root: Path, tmp_path: Path) -> None:
    """paper: A3 keeps the layout (rem-based) with exact page boxes, and the code still decodes."""
    st = network.station_by_id["weixing"]
    settings = replace(print_settings(root, tmp_path), poster=PosterOptions(paper="A3", bleed_mm=3), workers=1)
    small = replace(network, stations=(st,))
    build_posters(small, settings, prepare(small, settings), SiteWriter(tmp_path / "out"))
    pdf = tmp_path / "out" / "print" / "posters" / "weixing.pdf"
    boxes = subprocess.run(["pdfinfo", "-box", pdf], capture_output=True, text=True, check=True).stdout
    trim = [float(v) for v in boxes.split("TrimBox:")[1].split()[:4]]
    assert trim == pytest.approx([0, 0, 841.89, 1190.55], abs=0.1)  # A3 in points, bleed outside it
    subprocess.run(["pdftoppm", "-r", "40", "-gray", "-png", "-singlefile", pdf, tmp_path / "a3"], check=True)
    out = subprocess.run(["zbarimg", "--nodbus", "-q", "--raw", tmp_path / "a3.png"], capture_output=True, text=True)
    assert f"{network.site.site_url}s/weixing/" in out.stdout.splitlines()


@pytest.mark.unit
def test_cache_prunes_only_unused_entries(tmp_path: Path) -> None:
    from generator.printing.pdfrender import prune

    old, fresh = tmp_path / "old.pdf", tmp_path / "fresh.pdf"
    old.write_bytes(b"%PDF")
    fresh.write_bytes(b"%PDF")
    month_ago = datetime.now(UTC).timestamp() - 31 * 86400
    os.utime(old, (month_ago, month_ago))
    assert prune(tmp_path) == 1
    assert not old.exists() and fresh.exists()


def _fail() -> None:
    raise ValueError("no map")


def test_background_workers_run_below_the_build_process(tmp_path: Path) -> None:
    """The sheets are made beside the website's pages in processes at a lower priority, so the build process,
    the build's critical path, keeps its core; calls made in turn come back in order, errors included."""
    from generator.printing.pdfrender import BACKGROUND_NICENESS, shared_workers, submit_in_turn

    base = os.nice(0)
    calls = [(os.nice, (0,)), (os.getpid, ()), (_fail, ()), (os.getpid, ())]
    with shared_workers(2, background=True):
        nice, pid, failed, same = submit_in_turn(calls, 2)
        assert nice.result() == min(base + BACKGROUND_NICENESS, 19)
        assert pid.result() != os.getpid() and same.result() == pid.result()  # one process of their own, in turn
        with pytest.raises(ValueError, match="no map"):
            failed.result()
    with shared_workers(2):
        assert submit_in_turn([(os.nice, (0,))], 2)[0].result() == base  # posters: the build waits for them
    nice, pid, failed, _ = submit_in_turn(calls, 1)  # one worker: here, in order
    assert nice.result() == base and pid.result() == os.getpid()
    with pytest.raises(ValueError, match="no map"):
        failed.result()
    assert os.nice(0) == base
