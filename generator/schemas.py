"""JSON Schemas of the data files, generated from the pydantic models (editors validate with them)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from .community.model import CommunityFile
from .data import limits
from .data.model import StationsFile
from .data.reports import ReportsFile
from .data.wording import field_name
from .study.model import ActivitiesFile, LibraryFile

_SCHEMAS: dict[str, tuple[type[BaseModel], str]] = {  # schema file → (model, title: 小蜜蜂驿站 + the data file)
    "stations.schema.json": (StationsFile, "小蜜蜂驿站 stations.yaml"),
    "study-library.schema.json": (LibraryFile, "小蜜蜂驿站 content/study/library.yaml"),
    "study-activities.schema.json": (ActivitiesFile, "小蜜蜂驿站 content/study/activities.yaml"),
    "reports.schema.json": (ReportsFile, "小蜜蜂驿站 content/reports.yaml"),
    "community.schema.json": (CommunityFile, "小蜜蜂驿站 content/community.yaml（先锋力量）"),
}


def schema_of(model: type[BaseModel], title: str) -> dict:
    """One model's JSON Schema (draft 2020-12) with a title."""
    schema = model.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = title
    return schema


def all_schemas() -> dict[str, dict]:
    """Every data file's schema, keyed by its file name under schema/."""
    return {name: schema_of(model, title) for name, (model, title) in _SCHEMAS.items()}


@dataclass(frozen=True)
class LimitRow:
    """One documented limit: a field of a data file (`stations[].name`) and its maximum length or entry count."""

    file: str
    field: str
    limit: int
    unit: str
    """"chars" (characters of a text) or "items" (entries of a list)."""

    @property
    def key(self) -> str:
        """The last key of the field, as staff type it (`name`)."""
        return self.field.rsplit(".", 1)[-1].removesuffix("[]")


def limit_rows() -> list[LimitRow]:
    """Every maxLength and maxItems of each limited data file's schema (those in `limits.FILES`), in schema order."""
    rows = []
    for name, (model, _) in _SCHEMAS.items():
        file = data_file(name)
        if file not in limits.FILES:
            continue
        schema = model.model_json_schema()
        rows += [LimitRow(file, ".".join(path), limit, unit) for path, limit, unit in _limits(schema, schema, ())]
    return rows


def data_file(schema_name: str) -> str:
    """The data file a schema describes, from its title (`小蜜蜂驿站 content/reports.yaml` → content/reports.yaml)."""
    title = _SCHEMAS[schema_name][1]
    return next(word for word in title.split() if word.split("（")[0].endswith((".yaml", ".yml"))).split("（")[0]


def _limits(node: Any, root: dict, path: tuple[str, ...]) -> Iterator[tuple[tuple[str, ...], int, str]]:
    if "$ref" in node:
        node = root["$defs"][node["$ref"].rsplit("/", 1)[-1]]
    if "maxLength" in node:
        yield path, node["maxLength"], "chars"
    if "maxItems" in node:
        yield path, node["maxItems"], "items"
    for option in node.get("anyOf", []):
        yield from _limits(option, root, path)
    if "items" in node:
        yield from _limits(node["items"], root, (*path[:-1], path[-1] + "[]") if path else path)
    for key, child in node.get("properties", {}).items():
        yield from _limits(child, root, (*path, key))


def limits_markdown(lang: str) -> str:
    """The limits as the docs list them: README's table (`en`) or the staff guide's list (`zh`).

    Generated from the schemas and `limits.FILES`; a test checks that both documents carry the current text.
    """
    groups: dict[tuple[str, str, int], list[LimitRow]] = {}
    for row in limit_rows():
        groups.setdefault((row.file, row.unit, row.limit), []).append(row)
    ordered = sorted(groups.items(), key=lambda g: (list(limits.FILES).index(g[0][0]), g[0][1], g[0][2]))
    if lang == "en":
        lines = ["| file | at most | fields |", "| --- | ---: | --- |"]
        lines += [f"| `{name}` | {limits.file_size(size)} | the whole file |" for name, size in limits.FILES.items()]
        for (file, unit, limit), rows in ordered:
            fields = ", ".join(f"`{r.field}`" for r in rows)
            lines.append(f"| `{file}` | {limit:,} {_UNIT_EN[unit]} | {fields} |")
        return "\n".join(lines) + "\n"
    lines = ["| 文件 | 整个文件最多 |", "| --- | ---: |"]
    lines += [f"| `{name}` | {_size_zh(size)} |" for name, size in limits.FILES.items()]
    current = ""
    for row in limit_rows():
        if row.file != current:
            lines += ["", f"`{row.file}`：", "", "| 哪一项 | 最多 |", "| --- | ---: |"]
            current = row.file
        lines.append(f"| {_label_zh(row)}（`{row.key}`） | {row.limit:,} {_UNIT_ZH[row.unit]} |")
    return "\n".join(lines) + "\n"


def _label_zh(row: LimitRow) -> str:
    """`驿站 › 特色服务 › 名称`: where the field is, in the words of the staff guide."""
    parts = row.field.split(".")
    where = [_CONTEXT_ZH.get(p.removesuffix("[]"), p) for p in parts[:-1]]
    last = parts[-1].removesuffix("[]")
    if not where:
        return _CONTEXT_ZH.get(last, last)
    parent = parts[-2].removesuffix("[]")
    meaning = _PAIR_ZH.get((parent, last)) or _EXTRA_ZH.get(last) or field_name([p.removesuffix("[]") for p in parts])
    if last == "id":
        meaning = "id"
    each = "每个" if parts[-1].endswith("[]") else ""
    return " › ".join([*where, each + meaning])


def _size_zh(size: int) -> str:
    return f"{size // limits.MB} MB" if size >= limits.MB else f"{size // limits.KB} KB"


# Where a field sits, and the meanings error messages do not need (they point at the key itself).
_CONTEXT_ZH = {
    "site": "网站设置",
    "report": "上报渠道",
    "services": "服务目录",
    "stations": "驿站",
    "extra_services": "特色服务",
    "wifi": "Wi-Fi",
    "calendar": "节假日补充",
    "categories": "分类",
    "items": "条目",
    "menus": "学习菜单",
    "activities": "活动",
    "signup": "报名方式",
    "examples": "例子",
    "kinds": "服务类别",
    "teams": "队伍",
    "tallies": "服务次数",
    "posts": "岗位",
    "time_bank": "时间银行",
    "people": "表彰人员",
}
_PAIR_ZH = {("kinds", "group"): "合计类别", ("people", "name"): "姓名"}  # where a key means something else
_EXTRA_ZH = {
    "phone_label": "电话按钮上的说明",
    "sms": "短信号码",
    "form": "在线表单网址",
    "group": "微信群名称",
    "qr": "二维码图片",
    "qr_label": "二维码下方的说明",
    "access": "怎么进门",
    "photos": "入口照片",
    "text": "内容",
    "services": "服务",
    "items": "条目",
}
_UNIT_EN = {"chars": "characters", "items": "entries"}
_UNIT_ZH = {"chars": "个字", "items": "项"}
