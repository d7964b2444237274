"""Deploy to S3-compatible object storage, against a real S3 server (moto's) started on 127.0.0.1.

The site here is a small synthetic one with one file of every kind the real site has, so each test knows
exactly what should be sent; `test_every_built_file_has_a_known_type` covers the real build's kinds.
"""

from __future__ import annotations

import hashlib
import itertools
from datetime import date
from pathlib import Path

import pytest
from conftest import SAMPLE, copy_project, language, run_cli
from s3server import KEYS, S3Server, moto_server

from generator.printing.manifest import Issued
from generator.publish import kinds
from generator.publish.deploy import Summary, deploy
from generator.publish.plan import DeployError, normal_prefix, plan_deploy, scan_site
from generator.publish.s3 import Bucket, Target

pytestmark = pytest.mark.server

DAY, NO_CACHE, IMMUTABLE = "public, max-age=86400", "no-cache", "public, max-age=31536000, immutable"
# Every kind of file the built site holds: (Content-Type, Cache-Control).
KINDS = {
    "index.html": ("text/html; charset=utf-8", NO_CACHE),
    "404.html": ("text/html; charset=utf-8", NO_CACHE),
    "s/weixing/index.html": ("text/html; charset=utf-8", NO_CACHE),
    "s/hubin/index.html": ("text/html; charset=utf-8", NO_CACHE),
    "stations/index.html": ("text/html; charset=utf-8", NO_CACHE),
    "sw.js": ("text/javascript; charset=utf-8", NO_CACHE),
    "manifest.webmanifest": ("application/manifest+json", NO_CACHE),
    "assets/javascripts/bundle.a5f9d56c.min.js": ("text/javascript; charset=utf-8", IMMUTABLE),
    "assets/javascripts/bundle.a5f9d56c.min.js.map": ("application/json", IMMUTABLE),
    "assets/javascripts/workers/search.a7633da7.min.js": ("text/javascript; charset=utf-8", IMMUTABLE),
    "assets/stylesheets/main.57a0d79d.min.css": ("text/css; charset=utf-8", IMMUTABLE),
    "assets/javascripts/bee-boot.js": ("text/javascript; charset=utf-8", NO_CACHE),
    "assets/stylesheets/bee.css": ("text/css; charset=utf-8", NO_CACHE),
    "assets/bee/near/index.json": ("application/json", NO_CACHE),
    "assets/bee/near/r.json": ("application/json", NO_CACHE),
    "search/search_index.json": ("application/json", NO_CACHE),
    "assets/bee/icon-192.png": ("image/png", NO_CACHE),
    "icons/rest.svg": ("image/svg+xml", NO_CACHE),
    "assets/fonts/noto.woff2": ("font/woff2", NO_CACHE),
    "feeds/podcast.xml": ("application/rss+xml; charset=utf-8", NO_CACHE),
    "feeds/activities.ics": ("text/calendar; charset=utf-8", NO_CACHE),
    "sitemap.xml": ("application/xml", NO_CACHE),
    "sitemap.xml.gz": ("application/gzip", NO_CACHE),
    "guide-map.geojson": ("application/geo+json", NO_CACHE),
    "print/posters.pdf": ("application/pdf", DAY),
    "print/stations.xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", DAY),
    "print/stations.csv": ("text/csv; charset=utf-8", DAY),
    "study/audio/heat.mp3": ("audio/mpeg", DAY),
    "study/covers/history.jpg": ("image/jpeg", NO_CACHE),
    "nginx-csp.conf": ("text/plain; charset=utf-8", NO_CACHE),
}
PRINTED = [Issued("weixing", "https://bee.example.org/s/weixing/", date(2026, 11, 28), number=1, line=4)]
_names = (f"site-{n}" for n in itertools.count())


@pytest.fixture(scope="module")
def s3(tmp_path_factory: pytest.TempPathFactory):
    with moto_server(tmp_path_factory.mktemp("s3")) as server:
        yield server


@pytest.fixture()
def bucket(s3: S3Server) -> Bucket:
    """A fresh, empty bucket on the server, reached through the deploy's own client."""
    name = next(_names)
    s3.client().create_bucket(Bucket=name)
    return Bucket(Target(s3.endpoint, name), environ=KEYS)


def make_site(root: Path, names=KINDS) -> Path:  # type: ignore[no-untyped-def]
    for rel in names:
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(f"content of {rel}\n".encode())
    return root


def _keys(s3: S3Server, bucket: Bucket) -> set[str]:
    pages = s3.client().get_paginator("list_objects_v2").paginate(Bucket=bucket.name)
    return {o["Key"] for page in pages for o in page.get("Contents", [])}


def _since(s3: S3Server, mark: int) -> list[tuple[str, str, int]]:
    return s3.requests()[mark:]


# ---- pure parts ----------------------------------------------------------------------------------------


@pytest.mark.unit
@pytest.mark.parametrize("rel", sorted(KINDS))
def test_each_kind_gets_its_headers(rel: str) -> None:
    assert (kinds.content_type(rel), kinds.cache_control(rel)) == KINDS[rel]


@pytest.mark.unit
def test_stages_put_assets_first_pages_next_and_the_worker_last() -> None:
    assert kinds.stage("assets/bee/near/r.json") == kinds.stage("print/posters.pdf") == kinds.ASSETS
    assert kinds.stage("s/weixing/index.html") == kinds.stage("404.html") == kinds.PAGES
    assert kinds.stage("sw.js") == kinds.WORKER
    assert kinds.stage("assets/sw.js") == kinds.ASSETS  # only the worker at the site's root is special


@pytest.mark.unit
def test_plan_compares_content_hashes(tmp_path: Path) -> None:
    local = scan_site(make_site(tmp_path, ["index.html", "a.css", "sw.js"]))
    by_rel = {f.rel: f for f in local}
    remote = {"index.html": f'"{by_rel["index.html"].md5}"', "a.css": '"0000"', "stale.js": '"1"'}
    plan = plan_deploy(local, remote, "", [])
    assert [f.rel for f in plan.uploads] == ["a.css", "sw.js"]
    assert plan.unchanged == ["index.html"]
    assert plan.deletions == ["stale.js"]


@pytest.mark.unit
def test_plan_only_touches_keys_under_its_prefix(tmp_path: Path) -> None:
    local = scan_site(make_site(tmp_path, ["index.html"]))
    plan = plan_deploy(local, {"bee/old.html": '"1"', "other/x.html": '"2"'}, "bee/", [])
    assert plan.deletions == ["bee/old.html"]


@pytest.mark.unit
def test_guard_matches_the_printed_station_folder_only(tmp_path: Path) -> None:
    local = scan_site(make_site(tmp_path, ["index.html"]))
    stale = {"bee/s/weixing-2/index.html": '"1"', "bee/s/weixingx": '"2"', "bee/sx/weixing/a": '"3"'}
    assert plan_deploy(local, stale, "bee/", PRINTED).deletions == sorted(stale)
    with pytest.raises(DeployError, match=r"bee/s/weixing/photo\.jpg"):
        plan_deploy(local, {**stale, "bee/s/weixing/photo.jpg": '"4"'}, "bee/", PRINTED)


@pytest.mark.unit
@pytest.mark.parametrize(("given", "expected"), [(None, ""), ("", ""), ("/", ""), ("bee", "bee/"), ("/a/b/", "a/b/")])
def test_prefix_is_normalised(given: str | None, expected: str) -> None:
    assert normal_prefix(given) == expected


@pytest.mark.unit
@pytest.mark.parametrize("given", ["a/../b", "a//b", "./a"])
def test_prefix_that_escapes_is_refused(given: str) -> None:
    with pytest.raises(DeployError):
        normal_prefix(given)


@pytest.mark.unit
def test_missing_keys_are_named_in_chinese() -> None:
    with language("zh"):
        with pytest.raises(DeployError) as caught:
            Bucket(Target("http://127.0.0.1:9", "b"), environ={"AWS_ACCESS_KEY_ID": "x"})
        report = caught.value.report()
    assert report.startswith("没有找到访问密钥：环境变量 AWS_SECRET_ACCESS_KEY 没有设置（提示：")
    assert report.endswith("共 1 处错误，什么都没有上传。")


# ---- against the S3 server -----------------------------------------------------------------------------


def test_first_deploy_sends_every_file_with_its_headers(s3: S3Server, bucket: Bucket, tmp_path: Path) -> None:
    site = make_site(tmp_path / "site")
    summary = deploy(site, bucket)
    assert summary == Summary(len(KINDS), 0, 0, sum(len(f"content of {r}\n") for r in KINDS))
    assert _keys(s3, bucket) == set(KINDS)
    client = s3.client()
    for rel, (ctype, cache) in KINDS.items():
        head = client.head_object(Bucket=bucket.name, Key=rel)
        assert (head["ContentType"], head["CacheControl"]) == (ctype, cache), rel
        assert head["Metadata"]["sha256"] == hashlib.sha256((site / rel).read_bytes()).hexdigest()
        assert head["ETag"].strip('"') == hashlib.md5((site / rel).read_bytes()).hexdigest()


def test_uploads_arrive_assets_first_then_pages_then_the_worker_and_deletions_last(
    s3: S3Server, bucket: Bucket, tmp_path: Path
) -> None:
    s3.client().put_object(Bucket=bucket.name, Key="old/page.html", Body=b"gone")
    mark = len(s3.requests())
    deploy(make_site(tmp_path / "site"), bucket)
    seen = [(m, p.split("?")[0].removeprefix(f"/{bucket.name}/"), p) for m, p, _ in _since(s3, mark)]
    puts = [key for m, key, _ in seen if m == "PUT"]
    assert sorted(puts) == sorted(KINDS)
    stages = [kinds.stage(key) for key in puts]
    assert stages == sorted(stages), "a page or sw.js arrived before an asset"
    assert puts[-1] == "sw.js"
    writes = [(m, p) for m, _, p in seen if m in ("PUT", "POST", "DELETE")]
    assert writes[-1][0] == "POST" and "delete" in writes[-1][1], "stale objects must be deleted last"
    assert "old/page.html" not in _keys(s3, bucket)


def test_second_deploy_of_the_same_site_sends_nothing(s3: S3Server, bucket: Bucket, tmp_path: Path) -> None:
    site = make_site(tmp_path / "site")
    deploy(site, bucket)
    mark = len(s3.requests())
    summary = deploy(site, bucket)
    assert (summary.uploaded, summary.unchanged, summary.deleted, summary.bytes) == (0, len(KINDS), 0, 0)
    assert [r for r in _since(s3, mark) if r[0] != "GET"] == []  # one listing, no write


def test_only_the_changed_file_is_sent(s3: S3Server, bucket: Bucket, tmp_path: Path) -> None:
    site = make_site(tmp_path / "site")
    deploy(site, bucket)
    (site / "s/hubin/index.html").write_text("new hours\n", encoding="utf-8")
    mark = len(s3.requests())
    summary = deploy(site, bucket)
    assert (summary.uploaded, summary.unchanged) == (1, len(KINDS) - 1)
    assert [p for m, p, _ in _since(s3, mark) if m == "PUT"] == [f"/{bucket.name}/s/hubin/index.html"]


def test_a_printed_station_page_is_never_deleted(s3: S3Server, bucket: Bucket, tmp_path: Path) -> None:
    site = make_site(tmp_path / "site")
    deploy(site, bucket, printed=PRINTED)
    (site / "s/weixing/index.html").unlink()
    (site / "index.html").write_text("changed\n", encoding="utf-8")
    mark = len(s3.requests())
    with pytest.raises(DeployError) as caught:
        deploy(site, bucket, printed=PRINTED)
    report = caught.value.report()
    assert "print-manifest.json:4:1: " in report and "'weixing'" in report and "s/weixing/index.html" in report
    assert "什么都没有上传" in report
    assert [r for r in _since(s3, mark) if r[0] != "GET"] == []  # refused before sending anything
    assert "s/weixing/index.html" in _keys(s3, bucket)
    (site / "s/hubin/index.html").unlink()  # a station never printed may go
    (site / "s/weixing/index.html").write_text("back\n", encoding="utf-8")
    assert deploy(site, bucket, printed=PRINTED).deleted == 1


def test_a_prefix_keeps_the_rest_of_the_bucket(s3: S3Server, bucket: Bucket, tmp_path: Path) -> None:
    s3.client().put_object(Bucket=bucket.name, Key="other/index.html", Body=b"another site")
    site = make_site(tmp_path / "site", ["index.html", "sw.js", "old/index.html"])
    deploy(site, bucket, prefix="/bee/")
    assert _keys(s3, bucket) == {"other/index.html", "bee/index.html", "bee/sw.js", "bee/old/index.html"}
    (site / "old/index.html").unlink()
    assert deploy(site, bucket, prefix="bee").deleted == 1
    assert _keys(s3, bucket) == {"other/index.html", "bee/index.html", "bee/sw.js"}


def test_dry_run_sends_nothing(s3: S3Server, bucket: Bucket, tmp_path: Path) -> None:
    mark = len(s3.requests())
    summary = deploy(make_site(tmp_path / "site"), bucket, dry_run=True)
    assert summary.uploaded == len(KINDS) and summary.dry_run
    assert [r for r in _since(s3, mark) if r[0] != "GET"] == []
    assert _keys(s3, bucket) == set()


def test_an_unfinished_site_is_refused(bucket: Bucket, tmp_path: Path) -> None:
    site = make_site(tmp_path / "site", ["index.html"])  # no sw.js: the build did not finish
    with pytest.raises(DeployError, match="make site"):
        deploy(site, bucket)


# ---- the command line ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the sample project (not built): the CLI reads its mkdocs.yml and print manifest."""
    return copy_project(SAMPLE, tmp_path_factory.mktemp("deploy") / "project", posters=False)


def _configure(project: Path, endpoint: str, bucket: str) -> None:
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8").split("      deploy:\n")[0]
    block = f"      deploy:\n        endpoint: {endpoint}\n        bucket: {bucket}\n        prefix: bee\n"
    text = text.replace("  - station-guide:\n", "  - station-guide:\n" + block) if "deploy:" not in text else text
    config.write_text(text, encoding="utf-8")


def test_cli_publishes_with_settings_from_mkdocs_yml(
    s3: S3Server, bucket: Bucket, project: Path, tmp_path: Path
) -> None:
    _configure(project, s3.endpoint, bucket.name)
    site = make_site(tmp_path / "site", ["index.html", "sw.js", "s/weixing/index.html"])
    done = run_cli(project, "deploy", "-d", str(site), env={**KEYS, "BEE_LANG": "zh"})
    assert done.returncode == 0, done.stderr
    assert "已发布：上传 3 个文件" in done.stdout and "删除 0 个" in done.stdout
    assert _keys(s3, bucket) == {"bee/index.html", "bee/sw.js", "bee/s/weixing/index.html"}
    again = run_cli(project, "--lang", "en", "deploy", "-d", str(site), "--dry-run", env=KEYS)
    assert "dry run: would upload 0 files (0 B), 3 unchanged" in again.stdout, again.stderr


def test_cli_flags_win_and_empty_ones_do_not(s3: S3Server, bucket: Bucket, project: Path, tmp_path: Path) -> None:
    _configure(project, "http://127.0.0.1:9", "nowhere")
    site = make_site(tmp_path / "site", ["index.html", "sw.js"])
    flags = ["--endpoint", s3.endpoint, "--bucket", bucket.name, "--prefix", ""]
    done = run_cli(project, "deploy", *flags, "-d", str(site), env=KEYS)
    assert done.returncode == 0, done.stderr
    assert _keys(s3, bucket) == {"bee/index.html", "bee/sw.js"}  # the empty --prefix kept mkdocs.yml's


def test_cli_refuses_a_printed_page_in_chinese(s3: S3Server, bucket: Bucket, project: Path, tmp_path: Path) -> None:
    s3.client().put_object(Bucket=bucket.name, Key="s/weixing/index.html", Body=b"printed")
    site = make_site(tmp_path / "site", ["index.html", "sw.js"])
    flags = ["--endpoint", s3.endpoint, "--bucket", bucket.name, "--prefix", "/"]
    done = run_cli(project, "deploy", *flags, "-d", str(site), env={**KEYS, "BEE_LANG": "zh"})
    assert done.returncode == 1
    assert "驿站 'weixing' 的网址已印在海报上，不能删除存储桶里的 s/weixing/index.html" in done.stderr
    assert "什么都没有上传" in done.stderr and "Traceback" not in done.stderr


def test_cli_without_keys_or_target_explains(project: Path, tmp_path: Path) -> None:
    site = make_site(tmp_path / "site", ["index.html", "sw.js"])
    env = {"AWS_ACCESS_KEY_ID": "", "AWS_SECRET_ACCESS_KEY": "", "BEE_LANG": "zh"}
    done = run_cli(project, "deploy", "--endpoint", "http://127.0.0.1:9", "--bucket", "b", "-d", str(site), env=env)
    assert done.returncode == 1 and "AWS_ACCESS_KEY_ID" in done.stderr and "Traceback" not in done.stderr
    bare = copy_project(SAMPLE, tmp_path / "bare", posters=False)
    done = run_cli(bare, "deploy", "-d", str(site), env={**KEYS, "BEE_LANG": "zh"})
    assert done.returncode == 1 and "没有设置 endpoint 和 bucket" in done.stderr


def test_cli_reports_a_store_error_without_a_traceback(project: Path, tmp_path: Path) -> None:
    site = make_site(tmp_path / "site", ["index.html", "sw.js"])
    done = run_cli(project, "deploy", "--endpoint", "http://127.0.0.1:9", "--bucket", "b", "-d", str(site), env=KEYS)
    assert done.returncode == 1 and "对象存储返回错误" in done.stderr and "Traceback" not in done.stderr


@pytest.mark.build
def test_every_built_file_has_a_known_type(built_site: Path) -> None:
    unknown = sorted({f.rel for f in scan_site(built_site) if f.content_type == kinds.FALLBACK_TYPE})
    assert unknown == []
