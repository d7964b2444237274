"""Contained paths: every file the data or mkdocs.yml names is resolved with symlinks followed and refused, located,
when it lies outside its folder (study audio and covers, station photos, the report QR code, the guide map's roads
file); a link that stays inside is fine. A link anywhere in the docs folder that leads out of it is refused too,
since MkDocs would copy its target into the site."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import SAMPLE

from generator import build
from generator.data import load_network
from generator.data.roads import check_roads
from generator.errors import DataErrors
from generator.study.validate import load_study


def _line(path: Path, text: str) -> int:
    return next(i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text in line)


@pytest.fixture()
def study(tmp_path: Path) -> Path:
    """A writable copy of the sample's content/study/, inside a folder that also holds a file outside it."""
    folder = tmp_path / "content" / "study"
    shutil.copytree(SAMPLE / "content" / "study", folder)
    (tmp_path / "secret.mp3").write_bytes(b"ID3 not for the site")
    (tmp_path / "secret.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>", encoding="utf-8")
    return folder


@pytest.mark.parametrize(("field", "suffix"), [("audio", ".mp3"), ("cover", ".svg")])
def test_study_files_linked_outside_the_folder_are_refused(study: Path, network, field: str, suffix: str) -> None:
    library = study / "library.yaml"
    current = next(line for line in library.read_text(encoding="utf-8").splitlines() if f"{field}: " in line)
    rel = current.split(": ", 1)[1].strip()
    target = study / rel
    target.unlink()
    target.symlink_to(study.parent.parent / f"secret{suffix}")
    with pytest.raises(DataErrors) as exc:
        load_study(study, network)
    (error,) = exc.value.errors
    line = _line(library, current.strip())
    assert (error.file, error.line, error.col) == ("content/study/library.yaml", line, current.index(rel) + 1)
    assert f"{rel!r} 指向 content/study 文件夹以外" in error.message
    assert error.hint == "把文件放进 content/study 文件夹，不要用链接或 .."


def test_study_files_linked_inside_the_folder_are_fine(study: Path, network) -> None:
    library = study / "library.yaml"
    text = library.read_text(encoding="utf-8")
    audio = next(line for line in text.splitlines() if "audio: " in line).split(": ", 1)[1].strip()
    cover = next(line for line in text.splitlines() if "cover: " in line).split(": ", 1)[1].strip()
    for rel in (audio, cover):
        original = study / rel
        kept = original.with_name("kept-" + original.name)
        original.rename(kept)
        original.symlink_to(kept.name)  # a relative link to a file beside it
    assert load_study(study, network).items


@pytest.fixture()
def images(tmp_path: Path) -> Path:
    """stations.yaml and content/images/ of the sample, writable, with an image outside the folder."""
    shutil.copy(SAMPLE / "stations.yaml", tmp_path / "stations.yaml")
    shutil.copytree(SAMPLE / "content" / "images", tmp_path / "content" / "images")
    shutil.copy(tmp_path / "content" / "images" / "stations" / "weixing-entrance.jpg", tmp_path / "outside.jpg")
    return tmp_path / "content" / "images"


def _qr(project: Path) -> str:
    text = (project / "stations.yaml").read_text(encoding="utf-8")
    return next(line for line in text.splitlines() if line.strip().startswith("qr:")).split(":", 1)[1].strip()


@pytest.mark.parametrize("what", ["photo", "qr"])
def test_images_linked_outside_the_folder_are_refused_and_inside_are_fine(images: Path, what: str) -> None:
    project = images.parent.parent
    rel = "stations/weixing-entrance.jpg" if what == "photo" else _qr(project)
    (images / rel).unlink()
    (images / rel).symlink_to(project / "outside.jpg")
    with pytest.raises(DataErrors) as exc:
        load_network(project / "stations.yaml")
    (error,) = exc.value.errors
    data = project / "stations.yaml"
    line = _line(data, rel)
    assert (error.line, error.col) == (line, data.read_text(encoding="utf-8").splitlines()[line - 1].index(rel) + 1)
    assert f"{rel!r} 指向 content/images 文件夹以外" in error.message
    (images / rel).unlink()
    shutil.copy(project / "outside.jpg", images / "inside.jpg")
    (images / rel).symlink_to(images / "inside.jpg")
    assert load_network(project / "stations.yaml").stations


@pytest.fixture()
def roads(tmp_path: Path) -> Path:
    """A project folder with the sample's roads file and the mkdocs.yml that names it."""
    shutil.copy(SAMPLE / "mkdocs.yml", tmp_path / "mkdocs.yml")
    (tmp_path / "content").mkdir()
    shutil.copy(SAMPLE / "content" / "guide-map.geojson", tmp_path / "content" / "guide-map.geojson")
    return tmp_path


def _option(project: Path) -> tuple[int, int]:
    line = _line(project / "mkdocs.yml", "map_geojson:")
    text = (project / "mkdocs.yml").read_text(encoding="utf-8").splitlines()[line - 1]
    return line, text.index("content/") + 1


def test_the_roads_file_is_checked_through_the_project_options(roads: Path) -> None:
    """The build facade finds map_geojson's place in mkdocs.yml itself."""
    options = build.Options(roads, print=build.PrintOptions(map_geojson="content/guide-map.geojson"))
    assert build.check_paths(options) == []
    (roads / "content" / "guide-map.geojson").unlink()
    (roads / "content" / "guide-map.geojson").symlink_to(SAMPLE / "content" / "guide-map.geojson")
    error, link = build.check_paths(options)  # the link is also a link out of the docs folder
    assert (error.file, error.line, error.col) == ("mkdocs.yml", *_option(roads))
    assert link.file == "content/guide-map.geojson"
    assert str(error) == (
        f"mkdocs.yml:{error.line}:{error.col}: map_geojson：'content/guide-map.geojson' 不在项目文件夹里，"
        "或者是指向别处的链接（提示：把道路文件放进项目文件夹（mkdocs.yml 所在的文件夹），写相对路径，不要用链接或 ..）"
    )


def test_roads_file_problems_are_located(roads: Path) -> None:
    where = _option(roads)
    path = roads / "content" / "guide-map.geojson"
    assert check_roads(roads, "content/guide-map.geojson", "mkdocs.yml", where) == []
    (missing,) = check_roads(roads, "content/nowhere.geojson", "mkdocs.yml", where)
    assert (missing.file, missing.line, missing.col) == ("mkdocs.yml", *where) and "找不到" in missing.message
    for named in ("../elsewhere.geojson", "/etc/hostname", "content/../../x.geojson"):
        (outside,) = check_roads(roads, named, "mkdocs.yml", where)
        assert (outside.line, outside.col) == where and "不在项目文件夹里" in outside.message
    shutil.move(roads / "content", roads / "elsewhere")
    (roads / "content").symlink_to(roads / "elsewhere")  # a linked folder holding the file is fine
    assert check_roads(roads, "content/guide-map.geojson", "mkdocs.yml", where) == []
    data = json.loads(path.read_text(encoding="utf-8"))
    data["features"][1]["geometry"]["coordinates"][0] = ["120.33", 31.53]  # a number typed as text
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    (bad,) = check_roads(roads, "content/guide-map.geojson", "mkdocs.yml", where)
    lines = path.read_text(encoding="utf-8").splitlines()
    second = [i for i, line in enumerate(lines, 1) if line == "    {"][1]  # where the second feature starts
    assert (bad.file, bad.line, bad.col) == ("content/guide-map.geojson", second, 5)
    assert "LineString 的坐标不是 [经度, 纬度] 数字对" in bad.message
    path.write_text('{"type": "FeatureCollection",\n "features": [,]}', encoding="utf-8")
    (broken,) = check_roads(roads, "content/guide-map.geojson", "mkdocs.yml", where)
    assert (broken.line, broken.col) == (2, 15) and "JSON 格式不对" in broken.message
    path.write_bytes(b'{"features": ["\xff"]}')
    (encoding,) = check_roads(roads, "content/guide-map.geojson", "mkdocs.yml", where)
    assert (encoding.line, encoding.col) == (1, 1) and "UTF-8" in encoding.message


def test_a_link_out_of_the_docs_folder_is_refused_and_one_inside_is_fine(tmp_path: Path) -> None:
    docs = tmp_path / "content"
    (docs / "study" / "audio").mkdir(parents=True)
    (docs / "index.md").write_text("# 首页\n", encoding="utf-8")
    (tmp_path / "secret.txt").write_text("not for the site", encoding="utf-8")
    (docs / "study" / "audio" / "inside.md").symlink_to(docs / "index.md")
    options = build.Options(tmp_path)
    assert build.check_paths(options) == []
    (docs / "study" / "audio" / "leak.mp3").symlink_to(tmp_path / "secret.txt")
    (docs / "folder").symlink_to(tmp_path)  # a linked folder leading out
    errors = build.check_paths(options)
    assert [(e.file, e.line) for e in errors] == [("content/folder", 0), ("content/study/audio/leak.mp3", 0)]
    assert str(errors[1]) == (
        "content/study/audio/leak.mp3: 这是一个链接，'leak.mp3' 指向 content 文件夹以外"
        "（提示：把文件放进 content 文件夹，不要用链接或 ..）"
    )
