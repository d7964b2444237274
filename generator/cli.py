"""Command line: `python -m generator check|build|schema`. Data errors print located lines, never tracebacks."""

from __future__ import annotations

import argparse
import json
import logging
import os
import shutil
import sys
import tempfile
import warnings
from collections.abc import Sequence
from pathlib import Path

from .errors import DataErrors
from .feeds import FeedError, require_site_url
from .manifest import MANIFEST_NAME, ManifestError, check_manifest, load_manifest
from .model import Network, StationsFile
from .study_model import ActivitiesFile, LibraryFile
from .study_validate import STUDY_DIR, load_study
from .validate import load_network

SCHEMA_PATH = Path("schema/stations.schema.json")


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point; returns the process exit code."""
    parser = argparse.ArgumentParser(prog="python -m generator", description="小蜜蜂驿站 site generator")
    sub = parser.add_subparsers(dest="command", required=True)
    p_check = sub.add_parser("check", help="validate stations.yaml without building")
    p_check.add_argument("file", nargs="?", default="stations.yaml", type=Path)
    p_check.add_argument("--study", default=None, type=Path, help=f"study folder (default: {STUDY_DIR} if present)")
    p_build = sub.add_parser("build", help="build the site atomically: a failed build leaves site/ untouched")
    p_build.add_argument("-f", "--config-file", default="mkdocs.yml", type=Path)
    p_build.add_argument("-d", "--site-dir", default=None, type=Path, help="output folder (default: from mkdocs.yml)")
    p_schema = sub.add_parser("schema", help="write the JSON Schema editors use")
    p_schema.add_argument("--check", action="store_true", help="fail if the committed schema is stale")
    p_schema.add_argument("--output", default=SCHEMA_PATH, type=Path)
    args = parser.parse_args(argv)
    return {"check": _check, "build": _build, "schema": _schema}[args.command](args)


def _check(args: argparse.Namespace) -> int:
    try:
        network = load_network(args.file, display_name=str(args.file))
    except DataErrors as exc:
        print(exc.report(), file=sys.stderr)
        return 1
    manifest = args.file.parent / MANIFEST_NAME  # printed URLs: a deleted station is caught before commit
    try:
        check_manifest(load_manifest(manifest), network)
    except ManifestError as exc:
        print(exc, file=sys.stderr)
        return 1
    open_count = sum(s.is_open for s in network.stations)
    print(f"{args.file}: OK, {len(network.stations)} stations ({open_count} open), {len(network.services)} services")
    return _check_study(args, network)


def _check_study(args: argparse.Namespace, network: Network) -> int:
    """Validate content/study/*.yaml against the stations just loaded (skipped when there is none)."""
    folder = args.study or args.file.parent / STUDY_DIR
    if args.study is None and not folder.is_dir():
        return 0
    try:
        study = load_study(folder, network, display_dir=str(folder))
        require_site_url(network, args.file, str(args.file))
    except DataErrors as exc:
        print(exc.report(), file=sys.stderr)
        return 1
    except FeedError as exc:
        print(exc, file=sys.stderr)
        return 1
    print(
        f"{folder}: OK, {len(study.items)} items in {len(study.categories)} categories, "
        f"{len(study.menus)} menus, {len(study.activities)} activities"
    )
    return 0


def stations_schema() -> dict:
    """The JSON Schema of stations.yaml, generated from the pydantic models."""
    schema = StationsFile.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "小蜜蜂驿站 stations.yaml"
    return schema


def study_schemas() -> dict[str, dict]:
    """JSON Schemas of content/study/library.yaml and activities.yaml, by file name."""
    result = {}
    for name, model, title in (
        ("study-library.schema.json", LibraryFile, "小蜜蜂驿站 content/study/library.yaml"),
        ("study-activities.schema.json", ActivitiesFile, "小蜜蜂驿站 content/study/activities.yaml"),
    ):
        schema = model.model_json_schema()
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        schema["title"] = title
        result[name] = schema
    return result


def _schema(args: argparse.Namespace) -> int:
    outputs = {args.output: stations_schema()}
    outputs |= {args.output.parent / name: schema for name, schema in study_schemas().items()}
    stale = 0
    for path, schema in outputs.items():
        text = json.dumps(schema, ensure_ascii=False, indent=2) + "\n"
        if args.check:
            current = path.read_text(encoding="utf-8") if path.exists() else ""
            if current != text:
                print(f"{path} is stale: run `python -m generator schema`", file=sys.stderr)
                stale += 1
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        print(f"wrote {path}")
    return 1 if stale else 0


def _build(args: argparse.Namespace) -> int:
    # Imported here so that `check` and `schema` work without MkDocs.
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    logging.basicConfig(format="%(levelname)s - %(message)s", level=logging.WARNING)
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # Material's end-of-life banner is not for staff
    _quiet_jieba()
    config = load_config(str(args.config_file))
    final = Path(args.site_dir or config.site_dir).resolve()
    final.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".site-", dir=final.parent))
    try:
        config = load_config(str(args.config_file), site_dir=str(staging))
        build(config)
    except MkDocsException as exc:
        shutil.rmtree(staging, ignore_errors=True)
        print(str(exc), file=sys.stderr)
        return 1
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    _swap(staging, final)
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


def _swap(staging: Path, final: Path) -> None:
    """Replace `final` with `staging` using renames, so readers never see a half-written site."""
    old = final.with_name(final.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if final.exists():
        final.rename(old)
    staging.rename(final)
    shutil.rmtree(old, ignore_errors=True)
