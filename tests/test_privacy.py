"""The personal-information detector used for reports and the honour roll (PIPL)."""

from __future__ import annotations

import pytest

from generator.data.privacy import find_personal


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("联系骑手 13812345678", "mobile"),
        ("电话 138-1234-5678 找他", "mobile"),
        ("+86 139 1234 5678", "mobile"),
        ("打 0510-8123 4567", "landline"),
        ("021 12345678", "landline"),
        ("身份证 32020219900101123X", "id_number"),
        ("证件号320202199001011234", "id_number"),
        ("车牌苏B12345", "plate"),
        ("苏B·D12345 新能源", "plate"),
        ("邮箱 rider@example.com", "email"),
        ("3月5日14:20在长江路28号取件", "whereabouts"),
        ("晚上9点半 锡兴路1号门口", "whereabouts"),
        ("14时20分在长江路28号", "whereabouts"),
        # Full-width forms, as a Chinese input method types them.
        ("手机１３８１２３４５６７８", "mobile"),
        ("０５１０－８１２３ ４５６７", "landline"),
        ("rider＠example.com", "email"),
        # An area code in brackets, a plate typed in lowercase.
        ("（0510）8123 4567", "landline"),
        ("电话(021)12345678", "landline"),
        ("车牌苏b12345", "plate"),
        # Contact ids and GPS points.
        ("微信号 abc_rider88", "im"),
        ("加微信：rider-2026", "im"),
        ("QQ 12345678", "im"),
        ("Tel13812345678", "mobile"),
        ("坐标 120.3612,31.5388", "coordinates"),
        ("31.53880, 120.36120", "coordinates"),
    ],
)
def test_personal_values_are_found(text: str, kind: str) -> None:
    assert kind in [f.kind for f in find_personal(text)], find_personal(text)


@pytest.mark.parametrize(
    "text",
    [
        "帮助快递员 35 次，上门取件 12 次",
        "2026年3月 共解决问题 108 件",
        "长江路沿线路灯不亮（已修复）",
        "订单号 202611280001234567890",  # longer than any ID or phone number
        "张师傅、李*",
        "每天 08:30 开门",  # a time without a place is not whereabouts
        "锡兴路1号",  # a place without a time neither
        "累计服务 3120 小时，长江路28号",  # 小时 counts hours, it is not a clock time
        "微信扫码关注公众号",
        "温度 36.512, 湿度 80.123",  # decimals, but not a point in China
        "★★★ 100 小时以上",
        "339a4021-09db-5ac0-b57a-0686646870c5",  # a UUID is not a phone number
        "33fe0934-7124-5836-932a-6e70a1b2c3d4",
        "9187cf7a-0236-5468-9671-5d0de4e37a1b",
        "'sha256-/8wPdzX9q0NNJXyA5lzsLojXFpkeaXVxhbfkUOQaWy8='",  # nor is base64 a WeChat id
    ],
)
def test_ordinary_text_passes(text: str) -> None:
    assert find_personal(text) == []


def test_an_id_number_is_reported_once_not_as_a_phone_too() -> None:
    found = find_personal("320202199001011234")
    assert [f.kind for f in found] == ["id_number"]


def test_a_full_width_finding_keeps_its_position_and_text() -> None:
    text = "请打１３８１２３４５６７８找他"
    [found] = find_personal(text)
    assert (found.kind, found.start, found.text) == ("mobile", 2, "１３８１２３４５６７８")
    assert text[found.start : found.start + len(found.text)] == found.text
