"""Limits (generator/data/limits.py): every field has one, each is checked first and located with the limit and
the actual length, oversize files are refused from their size alone, and README and the staff guide list them all."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.community.validate import load_community
from generator.data import limits, load_network
from generator.data.limits import LongText
from generator.data.load import Document, load_yaml_text
from generator.data.reports import load_reports
from generator.data.roads import check_roads
from generator.data.validate import validate_document
from generator.errors import BuildError, DataError, DataErrors
from generator.printing.manifest import load_manifest
from generator.schemas import LimitRow, all_schemas, data_file, limit_rows, limits_markdown
from generator.study.validate import load_study, validate_activities, validate_library

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "tests" / "fixtures" / "sample"
FILES = {
    "stations.yaml": SAMPLE / "stations.yaml",
    "content/study/library.yaml": SAMPLE / "content" / "study" / "library.yaml",
    "content/study/activities.yaml": SAMPLE / "content" / "study" / "activities.yaml",
    "content/reports.yaml": SAMPLE / "content" / "reports.yaml",
    "content/community.yaml": SAMPLE / "content" / "community.yaml",
}


def _set(data: Any, parts: list[str], value: Any) -> tuple[str | int, ...]:
    """Put `value` at a schema path (`stations[].name`: the first station), creating what is missing; the path used."""
    path: list[str | int] = []
    for n, part in enumerate(parts):
        key, each = part.removesuffix("[]"), part.endswith("[]")
        last = n == len(parts) - 1
        if last and not each:
            data[key] = value
            return (*path, key)
        default: Any = [] if each else {}
        if not isinstance(data.get(key), type(default)):
            data[key] = default
        data, path = data[key], [*path, key]
        if each:
            if last:
                data[:1] = [value]
                return (*path, 0)
            if not data:
                data.append({})
            data, path = data[0], [*path, 0]
    raise AssertionError(parts)


def _raised(load: Any) -> list[DataError]:
    """The errors `load()` raises, none when it passes."""
    try:
        load()
    except DataErrors as exc:
        return exc.errors
    return []


def _errors(file: str, text: str, network, tmp_path: Path) -> list[DataError]:
    if file == "stations.yaml":
        return _raised(lambda: validate_document(load_yaml_text(text, file)))
    if file in ("content/reports.yaml", "content/community.yaml"):  # loaded from a file, as the build does
        path = tmp_path / Path(file).name
        path.write_text(text, encoding="utf-8")
        if file == "content/reports.yaml":
            return _raised(lambda: load_reports(path, file))
        return _raised(lambda: load_community(path, network, file))
    errors: list[DataError] = []
    doc = load_yaml_text(text, file)
    if file.endswith("library.yaml"):
        validate_library(doc, network, SAMPLE / "content" / "study", errors)
    else:
        validate_activities(doc, network, errors)
    return errors


def _overflow(row: LimitRow) -> Any:
    return "字" * (row.limit + 1) if row.unit == "chars" else ["x"] * (row.limit + 1)


def _kind(row: LimitRow) -> str:
    return "chars" if row.unit == "chars" else "top-level" if "." not in row.field else "nested"


@pytest.mark.parametrize("kind", ["chars", "nested", "top-level"])
@pytest.mark.parametrize("file", list(FILES))
def test_every_limit_is_checked_located_with_the_limit_and_the_length(
    file: str, kind: str, network, tmp_path: Path
) -> None:
    """All of a file's limits of one kind broken at once, one over each: every one reported at its value.

    Texts, lists inside entries and the file's own lists are three passes, since a list over its limit is not
    looked into (its entries' limits would go unreported)."""
    rows = [r for r in limit_rows() if r.file == file and _kind(r) == kind]
    unit = "chars" if kind == "chars" else "items"
    data = yaml.load(FILES[file].read_text(encoding="utf-8"), Loader=yaml.BaseLoader)  # every scalar as text
    paths = [_set(data, row.field.split("."), _overflow(row)) for row in rows]
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10**9)
    doc = load_yaml_text(text, file)
    found = {(e.line, e.col, e.message) for e in _errors(file, text, network, tmp_path)}
    for row, path in zip(rows, paths, strict=True):
        n, limit = row.limit + 1, row.limit
        said = f"太长：{n:,} 个字，最多 {limit:,} 个字" if unit == "chars" else f"太多：{n:,} 项，最多 {limit:,} 项"
        where = doc.mark(path, key=len(path) == 1)  # a top-level list is reported at its key
        hits = [m for line, col, m in found if (line, col) == (where.line, where.col) and said in m]
        assert hits, f"{row.field}: no '{said}' at {where.line}:{where.col} in {sorted(found)}"
    assert rows or kind != "chars"


def test_a_value_at_its_limit_passes() -> None:
    text = (SAMPLE / "stations.yaml").read_text(encoding="utf-8")
    name = "卫" * limits.NAME
    network = validate_document(load_yaml_text(text.replace("name: 卫星社区党群服务中心", f"name: {name}", 1), "s"))
    assert network.station_by_id["weixing"].name == name


@pytest.mark.parametrize("size", [100 * 1024, 10 * 1024 * 1024], ids=["100KB", "10MB"])
def test_an_oversize_name_is_refused_before_anything_reads_it(size: int) -> None:
    """The loader keeps only the length of a text longer than any field allows: no hint, message, privacy scan or
    page can spend time on it, and the name's own limit is what staff read."""
    text = (SAMPLE / "stations.yaml").read_text(encoding="utf-8")
    line = next(i for i, t in enumerate(text.splitlines(), 1) if "name: 卫星社区党群服务中心" in t)
    doc = load_yaml_text(text.replace("name: 卫星社区党群服务中心", "name: " + "卫" * size, 1), "stations.yaml")
    index = next(i for i, s in enumerate(doc.data["stations"]) if s["id"] == "weixing")
    assert doc.data["stations"][index]["name"] == LongText(size, "卫" * 12)
    with pytest.raises(DataErrors) as exc:
        validate_document(doc)
    assert [str(e) for e in exc.value.errors] == [
        f"stations.yaml:{line}:11: 驿站 'weixing'：名称太长：{size:,} 个字，最多 40 个字"
        "（提示：删短一些；各项的长度上限见工作人员指南“长度上限”一节）"
    ]


def test_oversize_text_where_a_mapping_belongs_is_named_by_its_length() -> None:
    text = (SAMPLE / "stations.yaml").read_text(encoding="utf-8")
    long = "1" * (limits.TEXT_MAX + 1)
    doc = load_yaml_text(text.replace("location: {lng: 120.3612, lat: 31.5388}", f"location: {long}", 1), "s")
    with pytest.raises(DataErrors) as exc:
        validate_document(doc)
    (error,) = exc.value.errors
    assert f"一段 {len(long):,} 个字的文字" in error.message and long not in str(error)


def test_an_oversize_study_and_reports_text_is_refused_by_its_field(network, tmp_path: Path) -> None:
    library = FILES["content/study/library.yaml"].read_text(encoding="utf-8")
    summary = next(line for line in library.splitlines() if line.strip().startswith("summary:"))
    long = library.replace(summary, summary.split(":")[0] + ": " + "学" * 100_000, 1)
    errors: list[DataError] = []
    validate_library(load_yaml_text(long, "content/study/library.yaml"), network, SAMPLE / "content/study", errors)
    assert [e.message.split("：", 1)[1] for e in errors] == ["简介太长：100,000 个字，最多 500 个字"]
    reports = FILES["content/reports.yaml"].read_text(encoding="utf-8")
    text_line = next(line for line in reports.splitlines() if line.strip().startswith("text:"))
    path = tmp_path / "reports.yaml"
    # A long text full of phone numbers: the privacy scan never reads it, the limit is all staff see.
    path.write_text(reports.replace(text_line, "    text: " + "13800000000" * 10_000, 1), encoding="utf-8")
    with pytest.raises(DataErrors) as exc:
        load_reports(path)
    assert [e.message for e in exc.value.errors] == ["第 1 个例子：内容太长：110,000 个字，最多 80 个字"]


def test_a_long_key_is_refused_and_not_suggested_against() -> None:
    key = "k" * (limits.KEY + 1)
    doc = load_yaml_text(f"site:\n  {key}: 1\n", "stations.yaml")
    assert doc.data == {"site": {}}
    assert [str(e) for e in doc.problems] == [
        f"stations.yaml:2:3: 字段名太长：{limits.KEY + 1} 个字，最多 {limits.KEY} 个字"
        "（提示：字段名是 name、address 这样的英文名称；文字写在冒号后面）"
    ]


def _sparse(path: Path, size: int) -> Path:
    """A file of `size` zero bytes that takes no disk space; zeros are not YAML or JSON, so an error about
    anything but the size would mean the file was read."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as f:
        f.truncate(size)
    return path


def _size_error(name: str, limit: int) -> str:
    size = limit + 1
    return f"{name}:1:1: 文件太大：{limits.file_size(size)}（{size:,} 字节），最多 {limits.file_size(limit)}"


def test_oversize_data_files_are_refused_from_their_size(tmp_path: Path, network) -> None:
    stations = _sparse(tmp_path / "stations.yaml", limits.STATIONS_FILE + 1)
    with pytest.raises(DataErrors) as exc:
        load_network(stations)
    assert str(exc.value.errors[0]).startswith(_size_error("stations.yaml", limits.STATIONS_FILE))
    study = tmp_path / "study"
    _sparse(study / "library.yaml", limits.LIBRARY_FILE + 1)
    _sparse(study / "activities.yaml", limits.ACTIVITIES_FILE + 1)
    with pytest.raises(DataErrors) as exc:
        load_study(study, network)
    assert [str(e).split("（提示")[0] for e in exc.value.errors] == [
        _size_error("content/study/activities.yaml", limits.ACTIVITIES_FILE),
        _size_error("content/study/library.yaml", limits.LIBRARY_FILE),
    ]
    with pytest.raises(DataErrors) as exc:
        load_reports(_sparse(tmp_path / "reports.yaml", limits.REPORTS_FILE + 1))
    assert str(exc.value.errors[0]).startswith(_size_error("content/reports.yaml", limits.REPORTS_FILE))
    with pytest.raises(BuildError) as exc:
        load_manifest(_sparse(tmp_path / "print-manifest.json", limits.MANIFEST_FILE + 1))
    assert str(exc.value.errors[0]).startswith(_size_error("print-manifest.json", limits.MANIFEST_FILE))
    _sparse(tmp_path / "roads.geojson", limits.ROADS_FILE + 1)
    (error,) = check_roads(tmp_path, "roads.geojson", "mkdocs.yml", (9, 22))
    assert str(error).startswith(_size_error("roads.geojson", limits.ROADS_FILE))


def test_a_file_at_its_limit_is_read(tmp_path: Path) -> None:
    text = (SAMPLE / "content" / "reports.yaml").read_bytes()
    path = tmp_path / "reports.yaml"
    path.write_bytes(text + b"#" * (limits.REPORTS_FILE - len(text)))
    assert path.stat().st_size == limits.REPORTS_FILE
    assert load_reports(path).total > 0


def test_every_text_of_every_data_file_has_a_limit() -> None:
    """Text without a maxLength would be unbounded again (enums and dates are bounded by their form).

    Covers every data file with a size in limits.FILES: a new data file joins by getting one there."""
    unbounded = []

    def walk(node: dict, root: dict, path: str) -> None:
        if "$ref" in node:
            node = root["$defs"][node["$ref"].rsplit("/", 1)[-1]]
        if node.get("type") == "string" and not {"maxLength", "enum", "format"} & set(node):
            unbounded.append(path)
        for option in node.get("anyOf", []):
            walk(option, root, path)
        if isinstance(node.get("items"), dict):
            walk(node["items"], root, path + "[]")
        for key, child in node.get("properties", {}).items():
            walk(child, root, f"{path}.{key}")

    for name, schema in all_schemas().items():
        if data_file(name) in limits.FILES:
            walk(schema, schema, name)
    assert unbounded == []


def test_the_limited_data_files_are_the_four_with_schemas() -> None:
    assert (
        {data_file(name) for name in all_schemas()}
        >= set(FILES)
        == set(limits.FILES)
        - {
            "print-manifest.json",
            "print: map_geojson",
        }
    )


def test_no_field_limit_is_above_what_the_loader_keeps() -> None:
    assert max(r.limit for r in limit_rows() if r.unit == "chars") <= limits.TEXT_MAX


def test_readme_and_staff_guide_list_the_current_limits(root: Path) -> None:
    """The tables are generated from the schemas (generator.schemas.limits_markdown): paste its output to update."""
    assert limits_markdown("en") in (root / "README.md").read_text(encoding="utf-8")
    assert limits_markdown("zh") in (root / "content" / "guide" / "staff.md").read_text(encoding="utf-8")


def test_the_loader_keeps_the_same_positions_with_the_collector_off() -> None:
    """The loader switches Python's cyclic collector off while composing (it was most of the time): it is back on
    afterwards, also when the file has a syntax error."""
    import gc

    doc: Document = load_yaml_text("a:\n  - x\n", "f")
    assert doc.values[("a", 0)][:2] == (2, 5) and gc.isenabled()
    with pytest.raises(DataErrors):
        load_yaml_text("a: [\n", "f")
    assert gc.isenabled()


@pytest.mark.build
def test_check_and_build_take_the_stations_limit_from_mkdocs_yml(tmp_path: Path) -> None:
    """`check` reads no MkDocs configuration but must agree with the build: both take `max_stations_mb` from
    mkdocs.yml, and a file within a raised limit is read (these zeros then fail as text, not for their size)."""
    from conftest import FIXTURES, copy_project, run_cli

    project = copy_project(FIXTURES / "tiny", tmp_path / "p", posters=False)
    _sparse(project / "stations.yaml", limits.STATIONS_FILE + 1)
    for command in (["check", "stations.yaml"], ["build", "-d", str(tmp_path / "site")]):
        result = run_cli(project, *command)
        assert result.returncode == 1 and "stations.yaml:1:1: 文件太大：5.0 MB" in result.stderr, result.stderr
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("  - station-guide:\n", "  - station-guide:\n      max_stations_mb: 6\n", 1))
    for command in (["check", "stations.yaml"], ["build", "-d", str(tmp_path / "site")]):
        result = run_cli(project, *command)
        assert result.returncode == 1 and "stations.yaml:1:1:" in result.stderr, result.stderr
        assert "文件太大" not in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "site").exists()
