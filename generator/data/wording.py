"""The words error messages are made of: what staff call each field, entry and kind of value.

Messages name a field by what it means (电话, 开放时间), since the position already points at the
key; where staff must type a key (a missing field), they get the key with its meaning beside it.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from typing import Any

from ..i18n import language, tr
from .limits import LongText

# What each key means, for stations.yaml and the study files alike.
_FIELDS = {
    "id": "id",
    "name": "名称",
    "kind": "类型",
    "community": "所在社区",
    "demo": "示范站点",
    "address": "地址",
    "postal_code": "邮政编码",
    "location": "坐标",
    "lng": "经度",
    "lat": "纬度",
    "phones": "电话",
    "hours": "开放时间",
    "services": "服务",
    "extra_services": "特色服务",
    "wifi": "Wi-Fi",
    "ssid": "Wi-Fi 名称",
    "password": "Wi-Fi 密码",
    "notes": "备注",
    "status": "状态",
    "status_since": "状态开始日期",
    "successor": "接替驿站",
    "status_note": "状态说明",
    "verified": "核实日期",
    "access": "怎么进门",
    "photos": "入口照片",
    "report": "上报渠道",
    "text": "内容",
    "district": "街道",
    "province": "省",
    "city": "市",
    "license": "开放数据许可协议",
    "contact": "联系电话",
    "site_url": "网址",
    "sample": "示例数据",
    "region": "范围",
    "west": "西边界",
    "east": "东边界",
    "south": "南边界",
    "north": "北边界",
    "icon": "图标",
    "description": "说明",
    "holidays": "节假日",
    "makeup_workdays": "调休上班日",
    "title": "标题",
    "author": "作者",
    "speaker": "主讲人",
    "category": "分类",
    "duration": "时长",
    "pages": "页数",
    "summary": "简介",
    "cover": "封面",
    "audio": "音频",
    "link": "链接",
    "shelves": "党建书架",
    "audience": "对象",
    "items": "条目",
    "start": "开始时间",
    "end": "结束时间",
    "station": "驿站",
    "place": "地点",
    "signup": "报名方式",
    "note": "说明",
    "phone": "电话",
    "url": "网址",
    # content/community.yaml (the honour roll)
    "as_of": "统计截至日期",
    "group": "合计类别",
    "founded": "成立日期",
    "members": "队员人数",
    "stations": "驻点驿站",
    "tallies": "服务次数",
    "period": "统计时段",
    "counts": "各类次数",
    "time_bank": "时间银行",
    "volunteers": "各星级人数",
    "vehicles": "车辆数",
    "team": "队伍",
    "bands": "星级标准",
    "stars": "星级",
    "from_hours": "起点时长",
    "honour": "表彰内容",
    "consent": "同意日期",
    "mask": "显示方式",
    "show_full_name": "显示全名",
}
# Where a key means something more specific inside its parent.
_NESTED = {
    ("report", "phone_label"): "电话按钮说明",
    ("report", "sms"): "短信号码",
    ("report", "form"): "在线表单网址",
    ("report", "group"): "微信群",
    ("report", "qr"): "二维码图片",
    ("report", "qr_label"): "二维码说明",
    ("extra_services", "name"): "特色服务名称",
    ("extra_services", "description"): "特色服务说明",
    ("extra_services", "icon"): "特色服务图标",
    ("signup", "note"): "报名说明",
    ("signup", "phone"): "报名电话",
    ("signup", "url"): "报名网址",
    ("time_bank", "hours"): "累计时长",
}
_ENTRIES = {
    "station": "驿站",
    "service": "服务",
    "item": "条目",
    "category": "分类",
    "menu": "学习菜单",
    "activity": "活动",
    "month": "月份",
    "example": "例子",
}
_SECTIONS = {"site": "网站设置（site）", "calendar": "节假日补充（calendar）"}


def field_name(names: list[str]) -> str:
    """The meaning of the last key of a path (keys only, no list indices), e.g. ['phones'] → 电话."""
    if not names:
        return ""
    nested = _NESTED.get((names[-2], names[-1])) if len(names) > 1 else None
    return nested or _FIELDS.get(names[-1], names[-1])


def key_with_meaning(key: str) -> str:
    """`kind（类型）` in Chinese, the bare key in English: for keys staff have to type."""
    meaning = _FIELDS.get(key)
    return f"{key}（{meaning}）" if language() == "zh" and meaning and meaning != key else key


def entry(kind: str) -> str:
    """What one entry of a list is called: station → 驿站."""
    return tr(_ENTRIES.get(kind, kind), kind)


def entry_label(kind: str, ident: object, index: int) -> str:
    """`驿站 'weixing'`, or `第 3 个驿站` when the entry has no usable id."""
    if isinstance(ident, str):
        return f"{entry(kind)} {ident!r}"
    return tr(f"第 {index + 1} 个{entry(kind)}", f"{kind} #{index + 1}")


def section_label(section: str) -> str:
    """The label of a top-level section validated as one model (site, calendar)."""
    return tr(_SECTIONS.get(section, section), section)


def join(parts: Iterable[str]) -> str:
    """A list for a message: `a、b、c` in Chinese, `a, b, c` in English."""
    return tr("、", ", ").join(parts)


def prefix(label: str, names: list[str], message: str) -> str:
    """`驿站 'weixing'：电话 '05108' 不是有效号码` / `station 'weixing': phones: '05108' is not …`."""
    if language() == "en":
        return f"{label}: {names[-1]}: {message}" if names else f"{label}: {message}"
    field = field_name(names)
    if not field:
        return f"{label}：{message}"
    gap = " " if message[:1].isascii() or field[-1:].isascii() else ""
    return f"{label}：{field}{gap}{message}"


def kind_of(value: Any) -> str:
    """What staff wrote, by shape."""
    if isinstance(value, dict):
        return tr("一组“字段: 值”", "a mapping (key: value lines)")
    if isinstance(value, list):
        return tr("列表", "a list (lines starting with '- ')")
    if isinstance(value, str):
        return tr("文字", "text")
    if isinstance(value, LongText):
        return tr(f"一段 {value.length:,} 个字的文字", f"a text of {value.length:,} characters")
    if value is None:
        return tr("空的", "nothing")
    return type(value).__name__


def expected(kind: str) -> str | None:
    """What pydantic's error `kind` expected, or None for an error that is not about the shape."""
    return {
        "string_type": lambda: tr("文字", "text"),
        "list_type": lambda: tr("列表（每项一行，以 '- ' 开头）", "a list (lines starting with '- ')"),
        "dict_type": lambda: tr("一组“字段: 值”", "a mapping (key: value lines)"),
        "model_type": lambda: tr("一组“字段: 值”", "a mapping (key: value lines)"),
        "model_attributes_type": lambda: tr("一组“字段: 值”", "a mapping (key: value lines)"),
        "bool_type": lambda: tr("true 或 false", "true or false"),
        "float_type": lambda: tr("数字", "a number"),
        "int_type": lambda: tr("整数", "a whole number"),
        "date_type": lambda: tr("日期 YYYY-MM-DD", "a date YYYY-MM-DD"),
    }.get(kind, lambda: None)()


def did_you_mean(word: str, options: Iterable[str]) -> str:
    """A hint naming the closest allowed word, then all of them."""
    options = list(options)
    close = difflib.get_close_matches(word, options, n=1)
    known = join(options)
    if close:
        return tr(f"是不是想写 {close[0]!r}？可以写：{known}", f"did you mean {close[0]!r}? allowed: {known}")
    return tr(f"可以写：{known}", f"allowed: {known}")
