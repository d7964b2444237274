"""Opening hours: parsing, errors, evaluation, Chinese descriptions, holiday calendar and JS parity."""

from __future__ import annotations

import json
import random
import re
import shutil
import subprocess
import warnings
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from generator.data.hours import (
    CalendarWarning,
    HolidayCalendar,
    HoursError,
    Schedule,
    build_calendar,
    compile_hours,
    describe_hours,
    is_open,
)
from generator.data.open_now import OpenState, open_state

JS = Path(__file__).resolve().parents[1] / "theme" / "assets" / "javascripts" / "bee-hours.js"
CST = timezone(timedelta(hours=8))
OFFICE = "Mo-Fr 08:30-12:00,13:30-17:30; MW 08:30-17:30; PH off"

# Hand-made calendar mirroring the 2026 National Day period.
CAL = HolidayCalendar(
    holidays=frozenset(date(2026, 10, d) for d in range(1, 8)),
    makeup_workdays=frozenset({date(2026, 9, 20), date(2026, 10, 10)}),
    years_covered=frozenset({2026}),
)


def at(y: int, mo: int, d: int, h: int = 0, mi: int = 0) -> datetime:
    """A Shanghai wall time."""
    return datetime(y, mo, d, h, mi, tzinfo=CST)


# --- parsing ---------------------------------------------------------------------------------------------


def test_office_hours_compile_to_json():
    s = compile_hours(OFFICE)
    day = [[510, 720], [810, 1050]]
    assert s.to_json() == {"w": [day] * 5 + [[], []], "ph": [], "mw": [[510, 1050]]}
    assert not s.always_open


@pytest.mark.parametrize(
    ("text", "week"),
    [
        ("Mo,We 08:00-12:00", [[[480, 720]], [], [[480, 720]], [], [], [], []]),
        ("Mo, We 08:00-12:00", [[[480, 720]], [], [[480, 720]], [], [], [], []]),
        ("Fr-Mo 10:00-11:00", [[[600, 660]], [], [], [], [[600, 660]], [[600, 660]], [[600, 660]]]),
        ("Sa-Su 10:00-24:00", [[], [], [], [], [], [[600, 1440]], [[600, 1440]]]),
        ("09:00-18:00; Su closed", [[[540, 1080]]] * 6 + [[]]),
        ("Mo-Fr 09:00-18:00; We 13:00-14:00", [[[540, 1080]]] * 2 + [[[780, 840]]] + [[[540, 1080]]] * 2 + [[], []]),
        ("Mo 12:00-14:00,08:00-12:30", [[[480, 840]], [], [], [], [], [], []]),
        ("Mo-Fr 18:00-02:00", [[[1080, 1560]]] * 5 + [[], []]),
        ("Su 00:00-00:00", [[], [], [], [], [], [], [[0, 1440]]]),
    ],
)
def test_week_parsing(text, week):
    assert compile_hours(text).to_json()["w"] == week


def test_24_7():
    s = compile_hours("24/7")
    assert s.always_open and s.ph is None and s.mw is None
    assert describe_hours(s) == ["全天24小时开放"]
    assert compile_hours("Mo-Su 00:00-24:00").always_open
    ph_off = compile_hours("24/7; PH off")
    assert not ph_off.always_open and ph_off.ph == ()


def test_selector_kinds_and_override_order():
    s = compile_hours("Sa,Su,PH off; Mo-Fr,MW 09:00-18:00")
    assert s.ph == () and s.mw == ((540, 1080),)
    assert compile_hours("PH off; PH 10:00-12:00").ph == ((600, 720),)
    # A rule without a selector covers every day, holidays included (OSM), so it drops earlier PH/MW rules.
    later = compile_hours("PH off; MW 08:00-09:00; 10:00-16:00")
    assert later.ph is None and later.mw is None


@pytest.mark.parametrize(
    ("text", "message", "hint", "column"),
    [
        (
            "Mon-Fri 08:30-17:30",
            "unknown day 'Mon'",
            "use two-letter days Mo Tu We Th Fr Sa Su, e.g. 'Mo-Fr 08:30-17:30'",
            0,
        ),
        (
            "Mo-Fri 08:30-17:30",
            "unknown day 'Fri'",
            "use two-letter days Mo Tu We Th Fr Sa Su, e.g. 'Mo-Fr 08:30-17:30'",
            3,
        ),
        (
            "周一至周五 08:30-17:30",
            "unknown day '周一至周五'",
            "use two-letter days Mo Tu We Th Fr Sa Su, e.g. 'Mo-Fr 08:30-17:30'",
            0,
        ),
        ("Mo-Fr 8:30-17:30", "time '8:30' needs two-digit hours", "write 08:30", 6),
        ("Mo-Fr 08:30-9:00", "time '9:00' needs two-digit hours", "write 09:00", 12),
        (
            "Mo-Fr 08:30-25:00",
            "time '25:00' is out of range",
            "hours run 00-23 and minutes 00-59; 24:00 may end a span, e.g. '18:00-24:00'",
            12,
        ),
        (
            "Sa 10:60-12:00",
            "time '10:60' is out of range",
            "hours run 00-23 and minutes 00-59; 24:00 may end a span, e.g. '18:00-24:00'",
            3,
        ),
        ("Sa 24:00-06:00", "'24:00' can only end a span", "start at midnight with 00:00, e.g. '00:00-06:00'", 3),
        ("Sa 0830-1200", "cannot read time '0830'", "write HH:MM with two-digit hours, e.g. '08:30'", 3),
        ("Sa ０８:30-12:00", "cannot read time '０８:30'", "write HH:MM with two-digit hours, e.g. '08:30'", 3),
        (
            "Sa 08:00~12:00",
            "unexpected character '~'",
            "use half-width ':' '-' ',' ';' (English input method), e.g. 'Mo-Fr 08:30-17:30'",
            8,
        ),
        ("", "opening hours are empty", "write e.g. 'Mo-Fr 08:30-17:30'", 0),
        ("Mo-Fr", "'Mo-Fr' has no times", "add times or 'off', e.g. 'Mo-Fr 08:30-17:30'", 5),
        ("Mo-Fr08:30-17:30", "missing space after 'Mo-Fr'", "e.g. 'Mo-Fr 08:30-17:30'", 5),
        ("Mo-Fr 08:30-17:30;", "empty rule", "remove the extra ';'", 17),
        ("Mo 08:00-09:00;; Sa off", "empty rule", "remove the extra ';'", 15),
        ("Mo 08:00-09:00,", "empty time span", "remove the extra ','", 14),
        (
            "Mo-Fr 08:30-12:00 13:30-17:30",
            "unexpected '13:30-17:30' after '08:30-12:00'",
            "separate spans with ',' and rules with ';', e.g. 'Mo-Fr 08:30-12:00,13:30-17:30; Sa 09:00-12:00'",
            18,
        ),
        ("Mo We 08:00-09:00", "expected a time, found 'We'", "put all days first, e.g. 'Mo,We 08:30-17:30'", 3),
        ("Mo-PH off", "'PH' cannot be part of a day range", "list it with ',', e.g. 'Sa,Su,PH off'", 3),
        ("MW-Fr off", "'MW' cannot be part of a day range", "list it with ',', e.g. 'Sa,Su,PH off'", 0),
        ("Mo- 08:00-09:00", "day range 'Mo-' has no end", "e.g. 'Mo-Fr'", 3),
        ("Sa 08:00-12:00,off", "'off' cannot be mixed with times", "write either times or 'off' in one rule", 15),
        ("Mo-Fr 24/7", "'24/7' must stand alone", "write '24/7' as its own rule, or e.g. 'Sa,Su 00:00-24:00'", 6),
        ("Mo-Fr 08:30", "time span '08:30' has no end", "write start-end, e.g. '08:30-17:30'", 6),
        (
            "Mo-Fr 08：30-17:30",
            "unexpected character '：'",
            "use half-width ':' '-' ',' ';' (English input method), e.g. 'Mo-Fr 08:30-17:30'",
            8,
        ),
    ],
)
def test_errors(text, message, hint, column, english):
    with pytest.raises(HoursError) as info:
        compile_hours(text)
    err = info.value
    assert (err.message, err.hint, err.column) == (message, hint, column)
    assert str(err) == f"{message} (hint: {hint})"


@pytest.mark.parametrize(
    ("text", "message", "hint", "column"),
    [
        (
            "Mon-Fri 08:30-17:30",
            "没有 'Mon' 这个星期写法",
            "星期用两个字母：Mo Tu We Th Fr Sa Su，例如 'Mo-Fr 08:30-17:30'",
            0,
        ),
        ("Mo-Fr 8:30-17:30", "'8:30' 的小时要写两位", "写成 08:30", 6),
        ("Mo-Fr 08：30-17:30", "不能用 '：'", "用英文输入法输入半角的 ':' '-' ',' ';'，例如 'Mo-Fr 08:30-17:30'", 8),
        ("Mo-Fr 08:30", "'08:30' 没有结束时间", "写成 开始-结束，例如 '08:30-17:30'", 6),
    ],
)
def test_errors_in_chinese(text, message, hint, column):
    """Staff read these after 驿站 'x'：开放时间 …, so they never start with the word 时间 again."""
    with pytest.raises(HoursError) as info:
        compile_hours(text)
    err = info.value
    assert (err.message, err.hint, err.column) == (message, hint, column)
    assert str(err) == f"{message}（提示：{hint}）"


def test_error_str_matches_documented_example(english):
    with pytest.raises(HoursError, match=re.escape("unknown day 'Mon' (hint: use two-letter days Mo Tu We Th Fr")):
        compile_hours("Mon 08:00-09:00")


# --- evaluation ------------------------------------------------------------------------------------------


def test_is_open_weekdays_and_boundaries():
    s = compile_hours(OFFICE)
    assert not is_open(s, at(2026, 9, 14, 8, 29))  # Monday
    assert is_open(s, at(2026, 9, 14, 8, 30))
    assert is_open(s, at(2026, 9, 14, 11, 59))
    assert not is_open(s, at(2026, 9, 14, 12, 0))
    assert not is_open(s, at(2026, 9, 14, 17, 30))
    assert not is_open(s, at(2026, 9, 19, 10, 0))  # Saturday


def test_is_open_converts_to_shanghai():
    s = compile_hours("Mo-Fr 08:30-17:30")
    assert is_open(s, datetime(2026, 9, 14, 0, 30, tzinfo=UTC))  # 08:30 in Wuxi
    assert not is_open(s, datetime(2026, 9, 14, 9, 30, tzinfo=UTC))  # 17:30 in Wuxi
    assert is_open(s, datetime(2026, 9, 14, 8, 30))  # naive = Shanghai wall time


def test_wrap_around_belongs_to_previous_day():
    s = compile_hours("Fr 18:00-02:00")
    assert is_open(s, at(2026, 9, 18, 23, 59))  # Friday night
    assert is_open(s, at(2026, 9, 19, 1, 59))  # Saturday small hours: Friday's tail
    assert not is_open(s, at(2026, 9, 19, 2, 0))
    assert not is_open(s, at(2026, 9, 18, 1, 0))  # Friday small hours: Thursday is closed
    assert describe_hours(s)[-2] == "周五 18:00–次日02:00"


def test_wrap_around_uses_previous_dates_holiday_schedule():
    s = compile_hours("18:00-02:00; PH 10:00-12:00")
    assert is_open(s, at(2026, 10, 1, 1, 0), CAL)  # tail of Sep 30's ordinary night, though Oct 1 is PH
    assert not is_open(s, at(2026, 10, 2, 1, 0), CAL)  # Oct 1 had PH hours: no night into Oct 2
    assert not is_open(s, at(2026, 10, 8, 1, 0), CAL)  # Oct 7 was still PH
    assert is_open(s, at(2026, 10, 9, 1, 0), CAL)  # Oct 8 was ordinary


def test_ph_and_mw_override_with_hand_made_calendar():
    s = compile_hours(OFFICE)
    assert not is_open(s, at(2026, 10, 1, 10, 0), CAL)  # Thursday, National Day
    assert is_open(s, at(2026, 10, 1, 10, 0))  # without a calendar it is a plain Thursday
    assert is_open(s, at(2026, 10, 10, 12, 30), CAL)  # Saturday make-up workday, MW has no lunch break
    assert not is_open(s, at(2026, 10, 10, 12, 30))
    assert not is_open(s, at(2026, 10, 11, 10, 0), CAL)  # plain Sunday
    no_rules = compile_hours("Mo-Fr 08:30-17:30")  # no PH/MW rules: weekday hours apply
    assert is_open(no_rules, at(2026, 10, 1, 10, 0), CAL)
    assert not is_open(no_rules, at(2026, 10, 10, 10, 0), CAL)


def test_holiday_wins_over_makeup_day():
    cal = HolidayCalendar(frozenset({date(2026, 10, 10)}), frozenset({date(2026, 10, 10)}))
    assert not is_open(compile_hours(OFFICE), at(2026, 10, 10, 10, 0), cal)


# --- descriptions ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "lines"),
    [
        (
            "Mo-Fr 08:30-17:30; PH off; MW 08:30-17:30",
            ["周一至周五 08:30–17:30", "周六、周日 休息", "法定节假日 休息", "调休上班日 08:30–17:30"],
        ),
        (
            OFFICE,
            ["周一至周五 08:30–12:00、13:30–17:30", "周六、周日 休息", "法定节假日 休息", "调休上班日 08:30–17:30"],
        ),
        ("09:00-21:00", ["每天 09:00–21:00"]),
        ("Mo,We 08:00-12:00", ["周一 08:00–12:00", "周二 休息", "周三 08:00–12:00", "周四至周日 休息"]),
        ("18:00-02:00; Su off; PH 10:00-24:00", ["周一至周六 18:00–次日02:00", "周日 休息", "法定节假日 10:00–24:00"]),
        ("24/7; PH off", ["每天 24小时开放", "法定节假日 休息"]),
    ],
)
def test_describe_hours(text, lines):
    assert describe_hours(compile_hours(text)) == lines


# --- holiday calendar ------------------------------------------------------------------------------------


def test_real_calendar_2026():
    cal = build_calendar([2026])
    assert cal.years_covered == {2026}
    assert date(2026, 10, 1) in cal.holidays
    assert date(2026, 2, 21) in cal.holidays  # a Saturday inside the Spring Festival break
    assert date(2026, 10, 10) in cal.makeup_workdays  # Saturday worked for National Day
    assert date(2026, 9, 20) in cal.makeup_workdays  # Sunday worked for National Day
    assert cal.makeup_workdays == {
        date(2026, 1, 4),
        date(2026, 2, 14),
        date(2026, 2, 28),
        date(2026, 5, 9),
        date(2026, 9, 20),
        date(2026, 10, 10),
    }
    assert not cal.holidays & cal.makeup_workdays
    s = compile_hours(OFFICE)
    assert is_open(s, at(2026, 10, 10, 10, 0), cal)
    assert not is_open(s, at(2026, 10, 1, 10, 0), cal)


def test_unpublished_year_warns_and_staff_dates_fill_it():
    with pytest.warns(CalendarWarning, match="2099"):
        cal = build_calendar([2026, 2099])
    assert cal.missing_years([2026, 2099]) == [2099]
    assert not any(d.year == 2099 for d in cal.holidays)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        filled = build_calendar([2099], holidays=[date(2099, 10, 1)], makeup_workdays=[date(2099, 10, 10)])
    assert filled.kind(date(2099, 10, 1)) == "ph" and filled.kind(date(2099, 10, 10)) == "mw"
    assert filled.years_covered == {2099}


def test_merged_extra_dates_win_and_to_json():
    cal = CAL.merged(holidays=[date(2026, 10, 10)], makeup_workdays=[date(2026, 10, 7)])
    assert cal.kind(date(2026, 10, 10)) == "ph" and cal.kind(date(2026, 10, 7)) == "mw"
    assert cal.kind(date(2026, 10, 11)) == ""
    out = cal.to_json()
    assert out["ph"] == sorted(out["ph"]) and out["ph"][0] == "2026-10-01" and "2026-10-10" in out["ph"]
    assert out["mw"] == ["2026-09-20", "2026-10-07"]
    with pytest.raises(ValueError, match="2026-10-05"):
        CAL.merged(holidays=[date(2026, 10, 5)], makeup_workdays=[date(2026, 10, 5)])
    assert out["years"] == [2026]
    assert HolidayCalendar().to_json() == {"ph": [], "mw": [], "years": []}


# --- browser script ---------------------------------------------------------------------------------------

PARITY_SCHEDULES = [
    OFFICE,
    "18:00-02:00; Su off",
    "24/7; PH off",
    "Fr-Mo 22:00-06:00; PH 10:00-14:00; MW off",
    "Mo-Fr 09:00-18:00; Sa 10:00-24:00",
    "Sa,Su,PH 00:00-24:00; Mo-Fr 12:00-13:00",
]

NODE_PARITY = """
var BeeHours = require(process.argv[1]);
var data = "";
process.stdin.on("data", function (c) { data += c; });
process.stdin.on("end", function () {
  var req = JSON.parse(data);
  var out = req.schedules.map(function (s, k) {
    var arg = k % 2 ? JSON.stringify(s) : s;  /* both an object and an attribute string */
    return req.times.map(function (t) {
      return [BeeHours.isOpen(arg, req.calendar, t), BeeHours.nextChange(s, req.calendar, t)];
    });
  });
  process.stdout.write(JSON.stringify(out));
});
"""

NODE_DOM = """
var fs = require("fs"), vm = require("vm");
function el(attrs, cls) {
  return { attrs: attrs, className: cls || "", textContent: "",
           getAttribute: function (n) { return n in this.attrs ? this.attrs[n] : null; } };
}
var w = JSON.parse(process.argv[2]);
var els = [el({"data-bee-hours": w.always}, "badge bee-closed"), el({"data-bee-hours": w.never}),
           el({"data-bee-hours": w.always, "data-bee-status": "paused"}), el({"data-bee-hours": "{bad"}, "x"),
           el({"data-bee-hours": w.always, "data-bee-status": "closed"}),
           el({"data-bee-hours": w.always, "data-bee-status": "closed", "data-bee-since": "2999-12-01"})];
var win = { BEE_CALENDAR: undefined, setInterval: function () {},
            document: { readyState: "complete", addEventListener: function () {},
                        querySelectorAll: function (q) { return q === "[data-bee-hours]" ? els : []; } } };
win.window = win;
vm.runInNewContext(fs.readFileSync(process.argv[1], "utf8"), win);
process.stdout.write(JSON.stringify({ api: typeof win.BeeHours.isOpen,
  els: els.map(function (e) { return [e.textContent, e.className]; }) }));
"""


def _node(script: str, *args: str, stdin: str = "") -> object:
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed")
    done = subprocess.run([node, "-e", script, *args], input=stdin, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def _parity_times() -> list[int]:
    days = [date(2026, 9, 18), date(2026, 9, 19), date(2026, 9, 20), date(2026, 9, 30), date(2026, 10, 1)]
    days += [date(2026, 10, 7), date(2026, 10, 8), date(2026, 10, 10), date(2026, 10, 11), date(2026, 10, 12)]
    clock = [(0, 0), (1, 59), (2, 0), (5, 59), (8, 29), (8, 30), (12, 0), (17, 30), (21, 59), (23, 59)]
    times = [at(d.year, d.month, d.day, h, m) for d in days for h, m in clock]
    rng = random.Random(20260101)
    start = datetime(2026, 9, 1, tzinfo=UTC)
    times += [start + timedelta(seconds=rng.randrange(0, 60 * 86400)) for _ in range(100)]
    return [int(t.timestamp() * 1000) for t in times]


@pytest.mark.process  # runs the browser code in Node
def test_js_matches_python():
    times = _parity_times()
    schedules = [compile_hours(t) for t in PARITY_SCHEDULES]
    req = {"schedules": [s.to_json() for s in schedules], "times": times, "calendar": CAL.to_json()}
    got = _node(NODE_PARITY, str(JS), stdin=json.dumps(req))
    assert len(times) == 200
    for text, schedule, row in zip(PARITY_SCHEDULES, schedules, got, strict=True):
        for ms, (js_open, js_next) in zip(times, row, strict=True):
            when = datetime.fromtimestamp(ms / 1000, tz=UTC)
            assert js_open == is_open(schedule, when, CAL), (text, when.astimezone(CST))
            _check_next_change(schedule, when, js_next)


def _check_next_change(schedule: Schedule, when: datetime, js_next: int | None) -> None:
    state = is_open(schedule, when, CAL)
    if js_next is None:  # no change within the 8-day horizon
        assert all(is_open(schedule, when + timedelta(hours=h), CAL) == state for h in range(0, 8 * 24, 6))
        return
    flip = datetime.fromtimestamp(js_next / 1000, tz=UTC)
    assert flip > when and is_open(schedule, flip, CAL) != state
    assert is_open(schedule, flip - timedelta(minutes=1), CAL) == state or flip - timedelta(minutes=1) < when


def test_js_autorun_sets_text_and_classes():
    always, never = (json.dumps(compile_hours(t).to_json()) for t in ("24/7", "Mo off"))
    out = _node(NODE_DOM, str(JS), json.dumps({"always": always, "never": never}))
    assert out["api"] == "function"  # and the badges are set on load, with no page-swap hook
    assert out["els"] == [
        ["营业中", "badge bee-open"],
        ["已休息", "bee-closed"],
        ["暂停开放", "bee-closed"],
        ["", "x"],
        ["已关闭", "bee-closed"],  # the badge always matches the status
        ["营业中 · 12-01 起关闭", "bee-open"],  # closing on a date still to come: open until then
    ]


def test_js_is_es5():
    source = JS.read_text(encoding="utf-8")
    code = re.sub(r'/\*.*?\*/|"(?:\\.|[^"\\])*"', "", source, flags=re.S)
    for bad in ("=>", "?.", "??", "`", "let ", "const ", "class ", "import ", "export "):
        assert bad not in code, bad


# --- the badge: next change, and years without holiday data ---------------------------------------------


@pytest.mark.parametrize(
    ("hours", "when", "text"),
    [
        (OFFICE, at(2026, 11, 23, 10, 0), "营业中 · 12:00 关门"),
        (OFFICE, at(2026, 11, 23, 12, 30), "已休息 · 13:30 开门"),
        (OFFICE, at(2026, 11, 26, 18, 0), "已休息 · 明天 08:30 开门"),
        (OFFICE, at(2026, 11, 27, 18, 0), "已休息 · 周一 08:30 开门"),
        (OFFICE, at(2026, 9, 30, 18, 0), "已休息 · 周四 08:30 开门"),  # skips the National Day holidays
        (OFFICE, at(2026, 10, 9, 18, 0), "已休息 · 明天 08:30 开门"),  # Saturday 10-10 is a make-up workday
        ("Mo-Fr 18:00-24:00", at(2026, 11, 23, 20, 0), "营业中 · 24:00 关门"),
        ("18:00-02:00", at(2026, 11, 23, 23, 0), "营业中 · 明天 02:00 关门"),
        ("24/7", at(2026, 11, 23, 10, 0), "营业中"),
        ("Mo off", at(2026, 11, 23, 10, 0), "已休息"),
    ],
)
def test_open_state_names_the_next_change(hours, when, text):
    assert open_state(compile_hours(hours), when, CAL).text == text


def test_a_year_without_holiday_data_claims_nothing_a_holiday_could_change():
    office, plain = compile_hours(OFFICE), compile_hours("Mo-Fr 09:00-18:00")
    # 2027 is not in CAL: a weekday could be a holiday and a Sunday a make-up workday.
    assert open_state(office, at(2027, 1, 4, 10, 0), CAL) == OpenState("unknown", "待确认")
    assert open_state(office, at(2027, 1, 3, 10, 0), CAL) == OpenState("unknown", "待确认")
    assert open_state(office, at(2027, 1, 4, 3, 0), CAL) == OpenState("closed", "已休息")  # closed either way: no time
    assert open_state(plain, at(2027, 1, 4, 10, 0), CAL).text == "营业中 · 18:00 关门"  # no PH/MW rule: known
    # The last evening of a covered year: the next opening falls in the unknown year, so no time.
    assert open_state(office, at(2026, 12, 31, 18, 0), CAL).text == "已休息"


@pytest.mark.process  # runs the browser code in Node
def test_js_labels_match_python():
    times = _parity_times()
    rng = random.Random(2027)
    start = datetime(2026, 12, 20, tzinfo=UTC)  # across the end of the covered year
    times += [int((start + timedelta(seconds=rng.randrange(0, 30 * 86400))).timestamp() * 1000) for _ in range(60)]
    texts = [*PARITY_SCHEDULES, "Mo-Fr 18:00-24:00", "Mo-Fr 09:00-18:00"]
    schedules = [compile_hours(t) for t in texts]
    req = {"schedules": [s.to_json() for s in schedules], "times": times, "calendar": CAL.to_json()}
    got = _node(NODE_LABELS, str(JS), stdin=json.dumps(req))
    states = set()
    for text, schedule, row in zip(texts, schedules, got, strict=True):
        for ms, js in zip(times, row, strict=True):
            want = open_state(schedule, datetime.fromtimestamp(ms / 1000, tz=UTC), CAL)
            assert js == [want.state, want.text], (text, ms)
            states.add(want.state)
    assert states == {"open", "closed", "unknown"}


NODE_LABELS = """
var BeeHours = require(process.argv[1]);
var data = "";
process.stdin.on("data", function (c) { data += c; });
process.stdin.on("end", function () {
  var req = JSON.parse(data);
  process.stdout.write(JSON.stringify(req.schedules.map(function (s) {
    return req.times.map(function (t) { var l = BeeHours.label(s, req.calendar, t); return [l.state, l.text]; });
  })));
});
"""
