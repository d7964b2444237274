"""Command line: `python -m generator check|build|schema`. Problems print as located lines, never tracebacks."""

from __future__ import annotations

import argparse
import json
import logging
import sys
import warnings
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from . import build, gcpolicy
from .data.reports import REPORTS_FILE
from .data.siteconfig import plugin_option_text
from .errors import BuildError, DataError
from .i18n import LANGUAGES, set_language, tr
from .publish.plan import DeployError
from .schemas import all_schemas

SCHEMA_DIR = Path("schema")


def build_parser() -> argparse.ArgumentParser:
    """The command line, every subcommand and flag (the CI templates' test checks their commands here)."""
    parser = argparse.ArgumentParser(prog="python -m generator", description="小蜜蜂驿站 site generator")
    parser.add_argument("--lang", choices=LANGUAGES, default=None, help="language of messages (default: zh)")
    sub = parser.add_subparsers(dest="command", required=True)
    p_check = sub.add_parser(
        "check", help="validate stations.yaml, the study files and the honour roll without building"
    )
    p_check.add_argument("file", nargs="?", default="stations.yaml", type=Path)
    p_check.add_argument("--study", default=None, help="study folder, relative to the data file's folder")
    p_check.add_argument(
        "--strict", action="store_true", help="stations not verified for more than site.stale_days are errors"
    )
    p_check.add_argument(
        "--community",
        default=None,
        help="honour roll file, relative to the data file's folder (content/community.yaml)",
    )
    p_build = sub.add_parser("build", help="build the site atomically: a failed build leaves site/ untouched")
    p_build.add_argument("-f", "--config-file", default="mkdocs.yml", type=Path)
    p_build.add_argument("-d", "--site-dir", default=None, type=Path, help="output folder (default: site/)")
    p_schema = sub.add_parser("schema", help="write the JSON Schemas editors use")
    p_schema.add_argument("--check", action="store_true", help="fail if a committed schema is stale")
    p_schema.add_argument("--output-dir", default=SCHEMA_DIR, type=Path)
    p_deploy = sub.add_parser(
        "deploy",
        help="upload the built site to S3-compatible object storage (only changed files)",
        description="Settings default to mkdocs.yml (station-guide: deploy:); an empty flag keeps that default. "
        "Keys come only from AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY.",
    )
    p_deploy.add_argument("--endpoint", help="the store's S3 endpoint, e.g. https://oss-cn-hangzhou.aliyuncs.com")
    p_deploy.add_argument("--bucket", help="the bucket's name")
    p_deploy.add_argument("--prefix", help="folder inside the bucket (default: the bucket's root)")
    p_deploy.add_argument("--region", help="region name used to sign requests (default: us-east-1)")
    p_deploy.add_argument("--path-style", action="store_true", default=None, help="bucket in the path (MinIO)")
    p_deploy.add_argument("--dry-run", action="store_true", help="show what would change; send nothing")
    p_deploy.add_argument("-f", "--config-file", default="mkdocs.yml", type=Path)
    p_deploy.add_argument("-d", "--site-dir", default=None, type=Path, help="the built site (default: site/)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point; returns the process exit code."""
    args = build_parser().parse_args(argv)
    if args.lang:
        set_language(args.lang)
    commands = {"check": _check, "build": _build, "schema": _schema, "deploy": _deploy}
    try:
        return commands[args.command](args)
    except BuildError as exc:
        print(exc.report(), file=sys.stderr)
        return 1


def _check(args: argparse.Namespace) -> int:
    options = build.Options(args.file.parent, args.file.name)
    # check runs without MkDocs: the one plugin option it needs is read from mkdocs.yml beside the file.
    limit = plugin_option_text(args.file.parent / "mkdocs.yml", "max_stations_mb")
    if limit is not None:
        options = replace(options, max_stations_mb=int(limit) if limit.isdigit() else limit)
    if args.study is not None:
        options = replace(options, study_dir=args.study)
        if not (options.root / args.study).is_dir():
            print(tr(f"{args.study}：没有这个文件夹", f"{args.study}: no such folder"), file=sys.stderr)
            return 1
    if args.community is not None:
        options = replace(options, community_file=args.community)
        if not (options.root / args.community).is_file():
            print(tr(f"{args.community}：没有这个文件", f"{args.community}: no such file"), file=sys.stderr)
            return 1
    project = build.load_project(options, printing=False)
    if args.strict and project.network.stale:
        raise BuildError(list(project.network.stale))
    for note in project.notes:
        print(tr(f"注意：{note}", f"warning: {note}"), file=sys.stderr)
    network = project.network
    stations, services = len(network.stations), len(network.services)
    open_count = sum(s.is_open for s in network.stations)
    print(
        tr(
            f"{args.file}：检查通过，{stations} 个驿站（{open_count} 个开放），{services} 项服务",
            f"{args.file}: OK, {stations} stations ({open_count} open), {services} services",
        )
    )
    if project.reports:
        r = project.reports
        print(
            tr(
                f"{REPORTS_FILE}：检查通过，{len(r.months)} 个月，共解决 {r.total} 个问题，{len(r.examples)} 个例子",
                f"{REPORTS_FILE}: OK, {len(r.months)} months, {r.total} problems solved, {len(r.examples)} examples",
            )
        )
    if project.study:
        s = project.study
        items, cats, menus, acts = len(s.items), len(s.categories), len(s.menus), len(s.activities)
        print(
            tr(
                f"{options.study_dir}：检查通过，{cats} 个分类共 {items} 个条目，{menus} 个学习菜单，{acts} 项活动",
                f"{options.study_dir}: OK, {items} items in {cats} categories, {menus} menus, {acts} activities",
            )
        )
    if project.community:
        roll = project.community
        teams, posts, people = len(roll.teams), len(roll.posts), len(roll.people)
        print(
            tr(
                f"{options.community_file}：检查通过，{teams} 支队伍，{posts} 个岗位，{people} 项表彰",
                f"{options.community_file}: OK, {teams} teams, {posts} posts, {people} recognitions",
            )
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
                message = tr(f"{path} 已过期：请运行 `make schema`", f"{path} is stale: run `make schema`")
                print(message, file=sys.stderr)
                stale += 1
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        print(tr(f"已写入 {path}", f"wrote {path}"))
    return 1 if stale else 0


def _build(args: argparse.Namespace) -> int:
    from .engine import configured_site_dir, mkdocs_build
    from .staging import build_atomically

    _quiet_jieba()
    gcpolicy.for_build_process()  # this process builds once and exits
    final = (args.site_dir or configured_site_dir(args.config_file)).resolve()
    build_atomically(final, lambda staging: mkdocs_build(args.config_file, staging))
    print(tr(f"网站已生成：{final}", f"site built in {final}"))
    return 0


def _deploy(args: argparse.Namespace) -> int:
    from .engine import deploy_settings
    from .printing.manifest import load_manifest
    from .publish.deploy import deploy, terminal_progress
    from .publish.s3 import Bucket, StoreError, Target

    _quiet_jieba()  # the search plugin, loaded with mkdocs.yml, imports it
    settings = deploy_settings(args.config_file)
    given = {k: v for k, v in vars(args).items() if k in settings.options and v not in (None, "")}
    opts = {**settings.options, **given}  # a flag wins over mkdocs.yml; an empty one (unset CI variable) does not
    target = Target(opts["endpoint"], opts["bucket"], opts["region"] or "us-east-1", bool(opts["path_style"]))
    if not target.endpoint or not target.bucket:
        raise DeployError([_no_target()])
    site = (args.site_dir or settings.site_dir).resolve()
    printed = load_manifest(settings.manifest, settings.manifest.name)
    try:
        summary = deploy(
            site,
            Bucket(target),
            prefix=opts["prefix"],
            printed=printed,
            dry_run=args.dry_run,
            progress=terminal_progress(),
        )
    except StoreError as exc:
        raise DeployError([_store_failed(exc)]) from None
    print(summary)
    return 0


def _no_target() -> DataError:
    return DataError(
        "mkdocs.yml",
        0,
        0,
        tr("不知道发布到哪里：没有设置 endpoint 和 bucket", "nowhere to publish: no endpoint and bucket set"),
        tr(
            "在 mkdocs.yml 的 station-guide: deploy: 下写 endpoint 和 bucket，或者加上 --endpoint URL --bucket 名称",
            "set endpoint and bucket under station-guide: deploy: in mkdocs.yml, or pass --endpoint URL --bucket NAME",
        ),
    )


def _store_failed(exc: Exception) -> DataError:
    return DataError(
        "",
        0,
        0,
        tr(f"对象存储返回错误：{exc}", f"the object store answered with an error: {exc}"),
        tr(
            "检查 endpoint、bucket 和密钥；已经上传的文件不影响线上网站（页面最后上传），修正后再运行一次即可",
            "check the endpoint, bucket and keys; files already sent do no harm (pages go last): run it again",
        ),
    )


def _quiet_jieba() -> None:
    """jieba (Chinese search segmentation) logs at DEBUG to its own handler; staff need none of it."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # its import of pkg_resources is deprecated
        try:
            import jieba
        except ImportError:
            return
    jieba.setLogLevel(logging.WARNING)
