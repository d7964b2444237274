"""The one guarded writer: paths stay inside site/, and no output path has two producers."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import SAMPLE, copy_project, run_cli

from generator.writer import SiteWriter, WriteConflict


@pytest.mark.parametrize("rel", ["../x.html", "/etc/passwd", "a/../../b", "a\\b", "", "./a", "a/./b", "c:x"])
def test_paths_outside_the_site_are_refused(tmp_path: Path, rel: str) -> None:
    with pytest.raises(WriteConflict, match="想写到网站文件夹之外"):
        SiteWriter(tmp_path).write(rel, "x", "station page for 'evil'")
    assert list(tmp_path.iterdir()) == []


def test_a_second_claim_names_both_producers(tmp_path: Path) -> None:
    writer = SiteWriter(tmp_path)
    writer.write("print/map.svg", "<svg/>", "print: guide map")
    with pytest.raises(WriteConflict) as exc:
        writer.write("print/map.svg", "<svg/>", "open data: map")
    assert "site/print/map.svg 会被写两次：print: guide map，以及 open data: map" in str(exc.value)
    assert (tmp_path / "print/map.svg").read_text() == "<svg/>"


def test_rewrite_needs_an_earlier_claim(tmp_path: Path) -> None:
    writer = SiteWriter(tmp_path)
    with pytest.raises(WriteConflict, match="之前没有登记过"):
        writer.rewrite("search/search_index.json", "{}")
    writer.claim("search/search_index.json", "the search plugin")
    assert writer.rewrite("search/search_index.json", "{}").read_text() == "{}"


def test_a_claimed_path_is_written_from_chunks_and_a_failed_one_leaves_nothing(tmp_path: Path) -> None:
    writer = SiteWriter(tmp_path)
    with pytest.raises(WriteConflict, match=r"site/data/a\.csv"):
        writer.write_claimed("data/a.csv", b"x")  # claims come first
    writer.claim("data/a.csv", "open data")
    writer.claim("data/b.csv", "open data")
    assert writer.write_claimed("data/a.csv", iter([b"id,name\r\n", "1,卫星\r\n".encode()])).read_bytes() == (
        "id,name\r\n1,卫星\r\n".encode()
    )

    def broken():  # type: ignore[no-untyped-def]
        yield b"id\r\n"
        raise RuntimeError("a bug half-way through a table")

    with pytest.raises(RuntimeError):
        writer.write_claimed("data/b.csv", broken())
    assert sorted(p.name for p in (tmp_path / "data").iterdir()) == ["a.csv"]  # no partial file, no temporary one


@pytest.mark.build
def test_an_authored_page_at_a_station_url_stops_the_build(tmp_path: Path) -> None:
    """content/s/weixing.md would silently replace the generated station page: the build names both."""
    project = copy_project(SAMPLE, tmp_path / "p", posters=False)
    (project / "content" / "s").mkdir()
    (project / "content" / "s" / "weixing.md").write_text("# 卫星\n", encoding="utf-8")
    result = run_cli(project, "build", "-f", str(project / "mkdocs.yml"), "-d", str(tmp_path / "site"))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert (
        "site/s/weixing/index.html 会被写两次：content/s/weixing.md，以及 stations.yaml 里驿站 'weixing' 的页面"
        in result.stderr
    )
    assert not (tmp_path / "site").exists()


def test_a_cached_file_is_linked_under_its_claim_or_copied_from_another_file_system(tmp_path: Path) -> None:
    cached = tmp_path / "cache" / "abc.pdf"
    cached.parent.mkdir()
    cached.write_bytes(b"%PDF-1.7 table")
    writer = SiteWriter(tmp_path / "site")
    out = writer.copy("print/stations.pdf", cached, "print: stations.pdf")
    assert out.read_bytes() == b"%PDF-1.7 table"
    assert out.stat().st_ino == cached.stat().st_ino  # same file system: a link, nothing read or written
    with pytest.raises(WriteConflict, match=r"site/print/stations\.pdf 会被写两次"):
        writer.copy("print/stations.pdf", cached, "print: another")
    # The cache replaces a file by renaming (batches.store): the site keeps what it was given.
    (cached.parent / "new.pdf").write_bytes(b"%PDF-1.7 other")
    (cached.parent / "new.pdf").replace(cached)
    assert out.read_bytes() == b"%PDF-1.7 table"
    with pytest.raises(WriteConflict, match="网站文件夹之外"):
        writer.copy("../x.pdf", cached, "print: evil")
    again = SiteWriter(tmp_path / "site")  # a second build into the same folder, the cache file unchanged
    again.copy("print/stations.pdf", out, "print: stations.pdf")
    assert out.read_bytes() == b"%PDF-1.7 table"
    assert sorted(p.name for p in out.parent.iterdir()) == ["stations.pdf"]
    shm = Path("/dev/shm")
    if shm.is_dir() and shm.stat().st_dev != tmp_path.stat().st_dev:  # a real second file system: no link possible
        other = SiteWriter(shm / f"site-{tmp_path.name}")
        try:
            copied = other.copy("print/map.pdf", cached, "print: map.pdf")
            assert copied.read_bytes() == b"%PDF-1.7 other"
            assert [p.name for p in copied.parent.iterdir()] == ["map.pdf"]  # no temporary file left
        finally:
            shutil.rmtree(other.root)
