"""The guide map's roads file (mkdocs.yml `print: map_geojson`), checked like a data file before the build starts.

The file is named in mkdocs.yml, read by the build and never published. Its path must be relative, without
'..', and the file must not be a link out of the folder it is named in (that folder may itself be a link, as
content/ is in the benchmarks); it must be at most `limits.ROADS_FILE` bytes, be UTF-8 JSON, and be a
FeatureCollection whose lines and polygons are made of [lng, lat] number pairs (the map draws nothing
else). A path problem is located at the option in mkdocs.yml; a problem in the file at the feature
where it is, found by decoding the features one by one (Python's json gives no positions otherwise).
"""

from __future__ import annotations

import json
from pathlib import Path, PurePosixPath
from typing import Any

from ..errors import DataError
from ..i18n import tr
from . import limits
from .jsonpos import array_entries
from .media import resolve_inside

DRAWN = ("LineString", "MultiLineString", "Polygon")


def check_roads(root: Path, rel: str, config: str, where: tuple[int, int]) -> list[DataError]:
    """Every problem of the roads file `rel` (relative to the project `root`); `where` is the option's
    line and column in the config file `config`."""
    named = PurePosixPath(rel)
    path = None if named.is_absolute() or ".." in named.parts else resolve_inside(root / named.parent, named.name)
    if path is None:
        message = tr(
            f"map_geojson：{rel!r} 不在项目文件夹里，或者是指向别处的链接",
            f"map_geojson: {rel!r} is outside the project or a link out of its folder",
        )
        hint = tr(
            "把道路文件放进项目文件夹（mkdocs.yml 所在的文件夹），写相对路径，不要用链接或 ..",
            "put the roads file inside the project folder (where mkdocs.yml is), as a relative path, no links or '..'",
        )
        return [DataError(config, *where, message, hint)]
    if not path.is_file():
        message = tr(f"map_geojson：找不到道路文件 {rel!r}", f"map_geojson: roads file {rel!r} not found")
        hint = tr("检查文件名，或者删掉 map_geojson 这一行", "check the file name, or remove map_geojson")
        return [DataError(config, *where, message, hint)]
    too_large = limits.check_file_size(path, rel, limits.ROADS_FILE)
    if too_large is not None:
        return [too_large]
    return _check_text(path.read_bytes(), rel)


def _check_text(raw: bytes, name: str) -> list[DataError]:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return [DataError(name, 1, 1, tr("不是 UTF-8 编码", "not UTF-8"), tr("另存为 UTF-8", "save it as UTF-8"))]
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        message = tr(f"JSON 格式不对，读不下去（{exc.msg}）", f"not valid JSON: {exc.msg}")
        return [DataError(name, exc.lineno, exc.colno, message, _hint())]
    if not isinstance(data, dict) or not isinstance(data.get("features"), list):
        return [DataError(name, 1, 1, tr("不是 FeatureCollection", "not a FeatureCollection"), _hint())]
    return [e for where, feature in array_entries(text, "features") for e in _check_feature(feature, where, name)]


def _check_feature(feature: Any, where: tuple[int, int], name: str) -> list[DataError]:
    geometry = feature.get("geometry") if isinstance(feature, dict) else None
    if not isinstance(feature, dict) or not isinstance(geometry, (dict, type(None))):
        return [DataError(name, *where, tr("这一项不是 Feature", "this entry is not a Feature"), _hint())]
    if geometry is None or geometry.get("type") not in DRAWN:
        return []  # points and other geometries are not drawn
    kind = geometry["type"]
    coordinates = geometry.get("coordinates")
    runs = [coordinates] if kind == "LineString" else coordinates
    if isinstance(runs, list) and all(isinstance(run, list) and all(_is_pair(p) for p in run) for run in runs):
        return []
    message = tr(f"{kind} 的坐标不是 [经度, 纬度] 数字对", f"{kind} coordinates are not [lng, lat] number pairs")
    return [DataError(name, *where, message, _hint())]


def _is_pair(position: Any) -> bool:
    return (
        isinstance(position, list)
        and len(position) >= 2
        and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in position[:2])
    )


def _hint() -> str:
    return tr(
        "用地图工具重新导出 GeoJSON（GCJ-02 坐标，经度在前）",
        "export the GeoJSON again from a map tool (GCJ-02, longitude first)",
    )
