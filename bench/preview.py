"""Live preview benchmark: how long a one-station edit takes to show up, against a full build.

Run with `.venv/bin/python -m bench.preview [N] [--mode uniform|constant] [--edits K]`. It builds a synthetic
network of N stations (bench/synth.py, default 1,000 uniform) once with `python -m generator build` (the
full build, print files on with posters off, as the project's mkdocs.yml has them), then starts
`mkdocs serve --dirty` as `make serve` does, waits for its first build, and K times renames one station in
stations.yaml and polls that station's page over HTTP until the new name is served: the time from the
save to the page a browser reloads. MkDocs' own "Documentation built in" figure for each rebuild is
reported too. Output: a Markdown table for BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from bench.scale import ROOT, _build, _config, _load, _project

BUILT = re.compile(r"Documentation built in ([\d.]+) seconds")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return str(response.read().decode("utf-8"))
    except OSError:
        return ""


def _wait_for(url: str, text: str, process: subprocess.Popen, limit: float = 600) -> float:
    start = time.perf_counter()
    while text not in _get(url):
        if process.poll() is not None or time.perf_counter() - start > limit:
            raise SystemExit(f"{url} never showed {text!r}")
        time.sleep(0.05)
    return time.perf_counter() - start


def _rename(stations: Path, old: str, new: str) -> None:
    text = stations.read_text(encoding="utf-8")
    stations.write_text(text.replace(f"\n  name: {old}\n", f"\n  name: {new}\n", 1), encoding="utf-8")


def measure(n: int, mode: str, edits: int) -> None:
    """Print one full build and `edits` previews of a one-station edit."""
    project = _project(f"preview-{mode}-{n}", n, mode)
    config = _config(project, print_posters_off=True)
    full = _build(project, config)
    stations = project / "stations.yaml"
    text = stations.read_text(encoding="utf-8")
    first_station = re.search(r"^- id: (\S+)\n  name: (\S+)\n", text[text.index("\nstations:\n") :], re.M)
    assert first_station, "no station to edit"
    sid, name = first_station[1], first_station[2]
    port = _free_port()
    log = project / "serve.log"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONWARNINGS": "ignore", "SOURCE_DATE_EPOCH": "1795000000"}
    cmd = [sys.executable, "-m", "mkdocs", "serve", "--dirty", "-f", str(config), "-a", f"127.0.0.1:{port}"]
    with log.open("w") as out:
        process = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    page = f"http://127.0.0.1:{port}/s/{sid}/"
    try:
        first = _wait_for(page, name, process)
        print(f"| full build (`python -m generator build`) | {full.seconds:.1f} | {full.cpu:.1f} | 100 % |")
        print(f"| preview's first build (`mkdocs serve --dirty`, until the page is served) | {first:.1f} | | |")
        original = name
        for k in range(1, edits + 1):
            new = f"{original}（改{k}）"
            time.sleep(1.5)  # let the watcher settle, as after a real save
            _rename(stations, name, new)
            shown = _wait_for(page, new, process)
            name = new
            built = BUILT.findall(log.read_text(encoding="utf-8"))
            share = 100 * shown / full.seconds
            rebuild = f"{float(built[-1]):.1f}" if built else "?"
            print(f"| edit {k}: save → page served (MkDocs' rebuild {rebuild} s) | {shown:.1f} | | {share:.0f} % |")
    finally:
        process.terminate()
        process.wait(timeout=30)


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print a Markdown table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", nargs="?", type=int, default=1000)
    parser.add_argument("--mode", choices=("uniform", "constant"), default="uniform")
    parser.add_argument("--edits", type=int, default=3)
    args = parser.parse_args(argv)
    print(f"before: {_load()}")
    print(f"\n{args.n:,} stations ({args.mode})\n")
    print("| what | wall s | CPU s | share of the full build (wall) |")
    print("| --- | ---: | ---: | ---: |")
    measure(args.n, args.mode, args.edits)
    print(f"\nafter: {_load()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
