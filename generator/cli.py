"""Command line: `python -m generator check|build|schema`. Problems print as located lines, never tracebacks."""

from __future__ import annotations

import argparse
import json
import logging
import sys
import warnings
from collections.abc import Sequence
from pathlib import Path

from . import build
from .data.reports import REPORTS_FILE
from .errors import BuildError
from .i18n import LANGUAGES, set_language
from .schemas import all_schemas

SCHEMA_DIR = Path("schema")


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point; returns the process exit code."""
    parser = argparse.ArgumentParser(prog="python -m generator", description="小蜜蜂驿站 site generator")
    parser.add_argument("--lang", choices=LANGUAGES, default=None, help="language of messages (default: zh)")
    sub = parser.add_subparsers(dest="command", required=True)
    p_check = sub.add_parser("check", help="validate stations.yaml and the study files without building")
    p_check.add_argument("file", nargs="?", default="stations.yaml", type=Path)
    p_check.add_argument("--study", default=None, help="study folder, relative to the data file's folder")
    p_check.add_argument(
        "--strict", action="store_true", help="stations not verified for more than site.stale_days are errors"
    )
    p_build = sub.add_parser("build", help="build the site atomically: a failed build leaves site/ untouched")
    p_build.add_argument("-f", "--config-file", default="mkdocs.yml", type=Path)
    p_build.add_argument("-d", "--site-dir", default=None, type=Path, help="output folder (default: site/)")
    p_schema = sub.add_parser("schema", help="write the JSON Schemas editors use")
    p_schema.add_argument("--check", action="store_true", help="fail if a committed schema is stale")
    p_schema.add_argument("--output-dir", default=SCHEMA_DIR, type=Path)
    args = parser.parse_args(argv)
    if args.lang:
        set_language(args.lang)
    try:
        return {"check": _check, "build": _build, "schema": _schema}[args.command](args)
    except BuildError as exc:
        print(exc.report(), file=sys.stderr)
        return 1


def _check(args: argparse.Namespace) -> int:
    options = build.Options(args.file.parent, args.file.name)
    if args.study is not None:
        options = build.Options(args.file.parent, args.file.name, study_dir=args.study)
        if not (options.root / args.study).is_dir():
            print(f"{args.study}: no such folder", file=sys.stderr)
            return 1
    project = build.load_project(options, printing=False)
    if args.strict and project.network.stale:
        raise BuildError(list(project.network.stale))
    for note in project.notes:
        print(f"warning: {note}", file=sys.stderr)
    network = project.network
    open_count = sum(s.is_open for s in network.stations)
    print(f"{args.file}: OK, {len(network.stations)} stations ({open_count} open), {len(network.services)} services")
    if project.reports:
        r = project.reports
        print(f"{REPORTS_FILE}: OK, {len(r.months)} months, {r.total} problems solved, {len(r.examples)} examples")
    if project.study:
        study = project.study
        print(
            f"{options.study_dir}: OK, {len(study.items)} items in {len(study.categories)} categories, "
            f"{len(study.menus)} menus, {len(study.activities)} activities"
        )
    return 0


def _schema(args: argparse.Namespace) -> int:
    stale = 0
    for name, schema in all_schemas().items():
        path = args.output_dir / name
        text = json.dumps(schema, ensure_ascii=False, indent=2) + "\n"
        if args.check:
            current = path.read_text(encoding="utf-8") if path.exists() else ""
            if current != text:
                print(f"{path} is stale: run `make schema`", file=sys.stderr)
                stale += 1
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        print(f"wrote {path}")
    return 1 if stale else 0


def _build(args: argparse.Namespace) -> int:
    from .engine import configured_site_dir, mkdocs_build
    from .staging import build_atomically

    _quiet_jieba()
    final = (args.site_dir or configured_site_dir(args.config_file)).resolve()
    build_atomically(final, lambda staging: mkdocs_build(args.config_file, staging))
    print(f"site built in {final}")
    return 0


def _quiet_jieba() -> None:
    """jieba (Chinese search segmentation) logs at DEBUG to its own handler; staff need none of it."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # its import of pkg_resources is deprecated
        try:
            import jieba
        except ImportError:
            return
    jieba.setLogLevel(logging.WARNING)
