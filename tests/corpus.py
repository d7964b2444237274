"""The bad-input corpus: every golden case under tests/cases/ as the files of a small project.

A case is a YAML file holding its input and the exact errors it must produce (`errors`, `errors_en`). Its folder
says what the input stands for:

- `loader/`: `input` is stations.yaml;
- `study/`: `library` and/or `activities` are content/study/'s files (the minimal valid ones when absent), with
  `audio/ok.mp3` beside them; checked against a network that has the station `weixing`;
- `reports/`: `input` is content/reports.yaml;
- `project/`: `files` are written over tests/fixtures/tiny (`study: true` adds the study defaults first).

Any case may also give `encoding` (file → codec, e.g. gbk), `newline: crlf`, `links` (path → symlink target, as
`ln -s` takes it), `copy` (path → a file of tests/fixtures/sample, for images), `sparse` (path → size: a file of
zero bytes that takes no disk space), `print` (options merged into mkdocs.yml's `station-guide: print:`),
`plugin` (other `station-guide:` options) and `config` (top-level mkdocs.yml settings). Inputs may hold markers:
`<TAB>`, `<BOM>`, `<ZWSP>`, and `<N×c>` for the character c repeated N times (a 100 KB name stays a one-line
golden).

The in-process golden tests check the messages; test_corpus.py builds every case with the real CLI.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml
from conftest import language

CASES = Path(__file__).parent / "cases"
TINY = Path(__file__).parent / "fixtures" / "tiny"
SAMPLE = Path(__file__).parent / "fixtures" / "sample"
KINDS = ("loader", "study", "reports", "project")
MARKERS = {"<TAB>": "\t", "<BOM>": "\ufeff", "<ZWSP>": "\u200b"}
_REPEAT = re.compile(r"<(\d+)×(.)>")

LIBRARY = """\
categories:
  - {id: traffic, name: 交通安全}
items:
  - id: helmet
    title: 一盔一带
    speaker: 示例
    category: traffic
    kind: audio
    duration: "0:12"
    summary: 示例简介
    audio: audio/ok.mp3
menus:
  - {id: new-rider, title: 新骑手入门, audience: 新骑手, items: [helmet]}
"""
ACTIVITIES = """\
activities:
  - id: clinic
    title: 义诊
    kind: 义诊
    start: "2026-12-12T09:00+08:00"
    end: "2026-12-12T11:30+08:00"
    station: weixing
    description: 示例活动
"""
WEIXING = """\
  - id: weixing
    name: 卫星社区党群服务中心
    kind: 社区党群服务中心
    community: 卫星社区
    address: 长江路28号
    postal_code: "214028"
    location: {lng: 120.3612, lat: 31.5388}
    phones: ["0510-0000 0101"]
    hours: "Mo-Fr 08:30-17:30"
    services: [rest, water]
"""


def cases(kind: str) -> list[Path]:
    """The golden files of one kind, sorted."""
    return sorted((CASES / kind).glob("*.yaml"))


def all_cases() -> list[Path]:
    """Every golden file of every kind."""
    return [case for kind in KINDS for case in cases(kind)]


def read(case: Path) -> dict[str, Any]:
    """A golden case as data."""
    return yaml.safe_load(case.read_text(encoding="utf-8"))


def expand(text: str) -> str:
    """The input with its markers replaced by the characters they stand for."""
    for marker, char in MARKERS.items():
        text = text.replace(marker, char)
    return _REPEAT.sub(lambda m: m.group(2) * int(m.group(1)), text)


def files_of(kind: str, golden: dict[str, Any]) -> dict[str, str]:
    """The project files a case stands for, as text (relative path → content)."""
    if kind == "loader":
        return {"stations.yaml": golden["input"]}
    if kind == "reports":
        return {"content/reports.yaml": golden["input"]}
    if kind == "study":
        return {**study_defaults(), **_study_files(golden)}
    files = study_defaults() if golden.get("study") else {}
    return {**files, **golden.get("files", {})}


def study_defaults() -> dict[str, str]:
    """The minimal valid study folder and a stations.yaml (tiny's) with the station `weixing` it refers to."""
    stations = (TINY / "stations.yaml").read_text(encoding="utf-8") + WEIXING
    return {
        "stations.yaml": stations,
        "content/study/library.yaml": LIBRARY,
        "content/study/activities.yaml": ACTIVITIES,
        "content/study/audio/ok.mp3": "ID3",
    }


def _study_files(golden: dict[str, Any]) -> dict[str, str]:
    files = {}
    for key in ("library", "activities"):
        if key in golden:
            files[f"content/study/{key}.yaml"] = golden[key]
    return files


def encode(golden: dict[str, Any], rel: str, text: str) -> bytes:
    """A file's bytes: markers expanded, line ends and encoding as the case says."""
    text = expand(text)
    if golden.get("newline") == "crlf":
        text = text.replace("\n", "\r\n")
    return text.encode(golden.get("encoding", {}).get(rel, "utf-8"))


def write_project(kind: str, golden: dict[str, Any], dest: Path) -> Path:
    """A copy of tests/fixtures/tiny with the case's files, links and sparse files; `dest` is the project root."""
    shutil.copytree(TINY, dest)
    for rel, text in files_of(kind, golden).items():
        path = dest / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(encode(golden, rel, text))
    for rel, source in golden.get("copy", {}).items():
        (dest / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(SAMPLE / source, dest / rel)
    for rel, target in golden.get("links", {}).items():
        path = dest / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.exists() or path.is_symlink():
            path.unlink()
        path.symlink_to(target)
    for rel, size in golden.get("sparse", {}).items():
        with (dest / rel).open("wb") as f:
            f.truncate(size)
    if golden.get("print") or golden.get("config") or golden.get("plugin"):
        config = dest / "mkdocs.yml"
        data = yaml.safe_load(config.read_text(encoding="utf-8"))
        plugin = _station_guide(data)
        plugin["print"].update(golden.get("print", {}))
        plugin.update(golden.get("plugin", {}))
        data.update(golden.get("config", {}))
        config.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return dest


def _station_guide(config: dict[str, Any]) -> dict[str, Any]:
    """The `station-guide:` entry of a loaded mkdocs.yml."""
    return next(p["station-guide"] for p in config["plugins"] if isinstance(p, dict) and "station-guide" in p)


def _plugin(project: Path) -> dict[str, Any]:
    return _station_guide(yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8")))


def plugin_options(project: Path) -> dict[str, Any]:
    """mkdocs.yml's `station-guide:` options a case may set besides print's (max_stations_mb), as given."""
    return {key: value for key, value in _plugin(project).items() if key == "max_stations_mb"}


def print_options(project: Path) -> dict[str, Any]:
    """mkdocs.yml's `station-guide: print:` options, as the plugin reads them."""
    return dict(_plugin(project).get("print") or {})


class _GoldenDumper(yaml.SafeDumper):
    """Writes multi-line strings as literal blocks so golden inputs stay readable YAML."""


_GoldenDumper.add_representer(
    str,
    lambda dumper, text: dumper.represent_scalar("tag:yaml.org,2002:str", text, style="|" if "\n" in text else None),
)


def dump_golden(golden: dict[str, Any]) -> str:
    """The golden file's text: description, inputs as literal blocks, expected errors."""
    return yaml.dump(golden, Dumper=_GoldenDumper, allow_unicode=True, sort_keys=False, width=1000)


def check_case(case: Path, errors_for: Callable[[dict, Path], list[str]], tmp_path: Path, update: bool) -> None:
    """Compare a case's `errors` (Chinese) and, when it has them, `errors_en` with what `errors_for(golden, folder)`
    reports (each language in a folder of its own), or with --update-goldens write them into the case. Only the
    "ok-" cases are valid input."""
    golden = read(case)
    actual = {"errors": errors_for(golden, tmp_path / "zh")}
    if "errors_en" in golden:
        with language("en"):
            actual["errors_en"] = errors_for(golden, tmp_path / "en")
    if update:
        golden.update(actual)
        case.write_text(dump_golden(golden), encoding="utf-8")
        return
    assert actual == {key: golden[key] for key in actual}
    assert bool(actual["errors"]) != case.stem.startswith("ok-")
