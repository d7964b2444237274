"""Limits benchmark: how fast oversize input is refused, and what `check` costs at the sizes the limits allow.

Run with `.venv/bin/python -m bench.limits [--no-largest]`. Projects are written under bench/out/limits/ (the
frozen sample's content and the repo's theme, symlinked); every command runs in its own process, and its wall
time, CPU time (user + system) and peak memory come from wait4.

- Refusals: a station name of 100 KB and of 10 MB, and a stations.yaml one byte over its 64 MB limit, each
  through `python -m generator check` and `python -m generator build`; and the worst case within the size
  limit, one station with 2.6 million phone numbers (62 MB), through `check`.
- Scale: `check` on 10,000 and 100,000 synthetic stations (bench/synth.py) and on the largest stations.yaml the
  limits allow (as many synthetic stations as fit in 64 MB).
- Where a large check's time goes, measured in this process: composing (libyaml), walking the nodes into data,
  validating (pydantic and the cross-checks).
"""

from __future__ import annotations

import argparse
import gc
import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import yaml

from bench.synth import synth_stations
from generator.data import limits
from generator.data import load as loader
from generator.data.validate import validate_document

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out" / "limits"
SAMPLE = ROOT / "tests" / "fixtures" / "sample"
NAME = "name: 卫星社区党群服务中心"
MANY_PHONES = (limits.STATIONS_FILE - 64 * 1024) // 27  # 27 bytes a line: as many as the default limit holds
PROVINCE_MB = 64  # max_stations_mb for the 100,000-station networks (44 MB)


@dataclass(frozen=True)
class Run:
    label: str
    command: str
    code: int
    seconds: float
    cpu: float
    peak_mb: float
    first_line: str

    def row(self) -> str:
        shown = self.first_line if len(self.first_line) <= 90 else self.first_line[:90] + "…"
        return (
            f"| {self.label} | `{self.command}` | {self.code} | {self.seconds:.2f} | {self.cpu:.2f} "
            f"| {self.peak_mb:.0f} | {shown} |"
        )


def _project(name: str, max_stations_mb: int | None = None) -> Path:
    project = OUT / name
    shutil.rmtree(project, ignore_errors=True)
    project.mkdir(parents=True)
    (project / "content").symlink_to(SAMPLE / "content")
    (project / "theme").symlink_to(ROOT / "theme")
    config = (SAMPLE / "mkdocs.yml").read_text(encoding="utf-8")
    if max_stations_mb is not None:  # a provincial network raises the stations file's limit
        config = config.replace("      data_file:", f"      max_stations_mb: {max_stations_mb}\n      data_file:", 1)
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    shutil.copy(SAMPLE / "print-manifest.json", project / "print-manifest.json")
    return project


def _run(label: str, project: Path, *args: str) -> Run:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "SOURCE_DATE_EPOCH": "1795000000"}
    start = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "generator", *args],
        cwd=project,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    stderr = proc.stderr.read() if proc.stderr else ""
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    errors = [line for line in stderr.splitlines() if not line.startswith("注意：")]
    first = errors[0].removeprefix("ERROR - ") if errors else "(passed)"
    code = os.waitstatus_to_exitcode(status)
    cpu = usage.ru_utime + usage.ru_stime
    return Run(label, "generator " + " ".join(args), code, seconds, cpu, usage.ru_maxrss / 1024, first)


def refusals() -> list[Run]:
    """An oversize name (100 KB, 10 MB) and an oversize file, through check and build."""
    runs = []
    for label, size in (("name of 100 KB", 100 * 1024), ("name of 10 MB", 10 * 1024 * 1024)):
        project = _project(label.replace(" ", "-"))
        # Written by a child, like the synthetic files: this process stays small (see synthetic).
        code = f"from bench.limits import write_long_name; write_long_name({str(project)!r}, {size})"
        subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True)
        runs += [_run(label, project, "check", "stations.yaml"), _run(label, project, "build", "-d", "site")]
    project = _project("many-phones")
    code = f"from bench.limits import write_many_phones; write_many_phones({str(project)!r}, {MANY_PHONES})"
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True)
    label = f"{MANY_PHONES:,} phone numbers in one station (a {limits.file_size(limits.STATIONS_FILE)} file)"
    runs += [_run(label, project, "check", "stations.yaml")]
    for name, size_mb, raised in (("default", 5, None), ("raised", PROVINCE_MB, PROVINCE_MB)):
        project = _project(f"file-over-{name}-limit", raised)
        with (project / "stations.yaml").open("wb") as f:
            f.truncate(size_mb * limits.MB + 1)  # sparse: no disk space, and not YAML, so only its size can refuse it
        label = f"stations.yaml of {size_mb} MB + 1 byte" + (f" (max_stations_mb: {raised})" if raised else "")
        runs += [_run(label, project, "check", "stations.yaml"), _run(label, project, "build", "-d", "site")]
    return runs


def write_long_name(project: str, size: int) -> None:
    """The sample's stations.yaml with one station name `size` characters long."""
    text = (SAMPLE / "stations.yaml").read_text(encoding="utf-8")
    (Path(project) / "stations.yaml").write_text(text.replace(NAME, "name: " + "卫" * size, 1), encoding="utf-8")


def write_many_phones(project: str, count: int) -> None:
    """The sample's stations.yaml with one station listing `count` phone numbers: within the file's size limit,
    over the list's, and millions of values for libyaml to compose before any limit can be checked."""
    text = (SAMPLE / "stations.yaml").read_text(encoding="utf-8")
    start = text.index("phones:", text.index(NAME))
    end = text.index("\n", start)
    phones = "phones:\n" + '      - "0510-0000 0101"\n' * count
    (Path(project) / "stations.yaml").write_text(text[:start] + phones.rstrip("\n") + text[end:], encoding="utf-8")


def synthetic(n: int) -> Path:
    """A stations.yaml of n synthetic stations, written once and kept in bench/out/limits/.

    Written by a child process: a child forked from a parent holding gigabytes of generated data would report
    that memory as its own peak."""
    path = OUT / f"synth-{n}.yaml"
    if not path.exists():
        OUT.mkdir(parents=True, exist_ok=True)
        code = f"from bench.limits import write_synthetic; write_synthetic({n})"
        subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True)
    return path


def write_synthetic(n: int) -> None:
    """Write bench/out/limits/synth-<n>.yaml (bench/synth.py's stations, dumped with libyaml)."""
    data = synth_stations(SAMPLE / "stations.yaml", n)
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    text = yaml.dump(data, Dumper=dumper, allow_unicode=True, sort_keys=False)
    (OUT / f"synth-{n}.yaml").write_text(text, encoding="utf-8")


def largest(limit: int = limits.STATIONS_FILE) -> Path:
    """The most synthetic stations (in thousands) whose file fits `limit` (estimated from 10,000, then trimmed)."""
    per_station = synthetic(10_000).stat().st_size / 10_000
    n = int(limit / per_station) // 1000 * 1000
    while synthetic(n).stat().st_size > limit:
        synthetic(n).unlink()
        n -= 1000
    return synthetic(n)


def scale(sizes: list[int], with_largest: bool) -> list[tuple[Run, Path]]:
    """`check` on synthetic networks of the given sizes (and the largest allowed file)."""
    files = [synthetic(n) for n in sizes] + [largest()]
    files += [largest(PROVINCE_MB * limits.MB)] if with_largest else []
    results = []
    for path in files:
        raised = PROVINCE_MB if path.stat().st_size > limits.STATIONS_FILE else None
        project = _project(path.stem, raised)
        (project / "stations.yaml").symlink_to(path)
        n = int(path.stem.split("-")[1])
        size = path.stat().st_size / limits.MB
        results.append((_run(f"{n:,} stations ({size:.1f} MB)", project, "check", "stations.yaml"), path))
    return results


def phases(path: Path) -> str:
    """Where the time of loading one file goes, in this process (the collector paused, as load_network does)."""
    raw = path.read_bytes()
    with loader.collector_paused():
        start = time.process_time()
        strict = loader._StrictLoader(raw)
        node = strict.get_single_node()
        strict.dispose()
        composed = time.process_time()
        doc = loader.Document(path.name, None, node)
        doc.data = loader._Walker(doc, watch=b"&" in raw).convert(node)
        walked = time.process_time()
        validate_document(doc, images_dir=SAMPLE / "content" / "images")
        validated = time.process_time()
        del doc, node
    return (
        f"{path.stem}: compose {composed - start:.2f} s, walk {walked - composed:.2f} s, "
        f"validate {validated - walked:.2f} s"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--no-largest", action="store_true", help="skip the 64 MB file of a raised limit (minutes to write once)"
    )
    args = parser.parse_args()
    print(f"load average before: {os.getloadavg()[0]:.1f}")
    print("| input | command | exit | wall s | CPU s | peak MB | first line of the report |")
    print("| --- | --- | ---: | ---: | ---: | ---: | --- |")
    for run in refusals():
        print(run.row())
    results = scale([10_000, 100_000], not args.no_largest)
    for run, _ in results:
        print(run.row())
    gc.collect()
    for _, path in results:
        print(phases(path))
    print(f"load average after: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
