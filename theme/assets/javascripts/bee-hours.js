/*
 * bee-hours.js: live "open now" badges for station pages. ES5, no dependencies (runs in WeChat's browser).
 *
 * Mirrors generator/data/hours.py. A schedule is Schedule.to_json():
 *   {"w": [7 lists, Monday first, of [startMin, endMin]], "ph": [[s, e], ...] or null, "mw": ... or null}
 * where an end > 1440 runs past midnight into the next day. A calendar is HolidayCalendar.to_json():
 *   {"ph": ["2026-10-01", ...], "mw": ["2026-10-10", ...]}
 * On a date: a PH schedule wins on statutory holidays, then an MW schedule on make-up workdays, else the
 * weekday. Times are evaluated as Asia/Shanghai wall time, i.e. UTC+8 (China has no DST), read with
 * getUTC* so the phone's own timezone does not matter.
 *
 * Auto-run (and every minute): every element with data-bee-hours (schedule JSON) gets its badge text, e.g.
 * "营业中 · 17:30 关门", "已休息 · 明天 08:30 开门" or "待确认", and the class bee-open / bee-closed / bee-unknown;
 * its data-bee-status (paused / closed) wins from its data-bee-since date on (before it: the hours plus
 * "12-01 起关闭"). Elements with data-bee-until / data-bee-from hide / show on that date, and
 * [data-bee-cal-notice] says when the phone's year has no holiday data. The calendar comes from
 * window.BEE_CALENDAR (assets/bee/calendar.js: {ph, mw, years}; missing = no holidays). The badge rules are
 * generator/data/open_now.py's, checked against it in node.
 */
(function (root) {
  "use strict";

  var DAY = 1440;
  var MINUTE_MS = 60000;
  var DAY_MS = 86400000;
  var OFFSET_MS = 8 * 3600000;

  function parse(value) {
    return typeof value === "string" ? JSON.parse(value) : value;
  }

  function pad(n) {
    return (n < 10 ? "0" : "") + n;
  }

  /* `wall` is a Date shifted by +8 h, so its UTC fields are Shanghai wall-clock fields. */
  function dateKey(wall) {
    return wall.getUTCFullYear() + "-" + pad(wall.getUTCMonth() + 1) + "-" + pad(wall.getUTCDate());
  }

  function contains(list, key) {
    if (!list) {
      return false;
    }
    for (var i = 0; i < list.length; i++) {
      if (list[i] === key) {
        return true;
      }
    }
    return false;
  }

  function intervalsFor(schedule, calendar, wall) {
    var key = dateKey(wall);
    if (schedule.ph != null && contains(calendar.ph, key)) {
      return schedule.ph;
    }
    if (schedule.mw != null && contains(calendar.mw, key)) {
      return schedule.mw;
    }
    return schedule.w[(wall.getUTCDay() + 6) % 7];
  }

  function inAny(intervals, minute) {
    for (var i = 0; i < intervals.length; i++) {
      if (intervals[i][0] <= minute && minute < intervals[i][1]) {
        return true;
      }
    }
    return false;
  }

  /* True if open at dateMs (ms since the epoch); same result as generator.hours.is_open. */
  function isOpen(scheduleJson, calendarJson, dateMs) {
    var schedule = parse(scheduleJson);
    var calendar = parse(calendarJson) || {};
    var wall = new Date(dateMs + OFFSET_MS);
    var minute = wall.getUTCHours() * 60 + wall.getUTCMinutes();
    if (inAny(intervalsFor(schedule, calendar, wall), minute)) {
      return true;
    }
    var yesterday = new Date(wall.getTime() - DAY_MS);
    return inAny(intervalsFor(schedule, calendar, yesterday), minute + DAY);
  }

  /* The first moment (ms) after dateMs, within 8 days, at which isOpen flips; null if none. */
  function nextChange(scheduleJson, calendarJson, dateMs) {
    var schedule = parse(scheduleJson);
    var calendar = parse(calendarJson) || {};
    var now = isOpen(schedule, calendar, dateMs);
    var wall = new Date(dateMs + OFFSET_MS);
    var midnight = dateMs - ((wall.getUTCHours() * 60 + wall.getUTCMinutes()) * MINUTE_MS) -
      wall.getUTCSeconds() * 1000 - wall.getUTCMilliseconds();
    var candidates = [];
    for (var d = -1; d <= 8; d++) {
      var start = midnight + d * DAY_MS;
      var intervals = intervalsFor(schedule, calendar, new Date(start + OFFSET_MS));
      for (var i = 0; i < intervals.length; i++) {
        candidates.push(start + intervals[i][0] * MINUTE_MS, start + intervals[i][1] * MINUTE_MS);
      }
    }
    candidates.sort(function (a, b) { return a - b; });
    for (var j = 0; j < candidates.length; j++) {
      if (candidates[j] > dateMs && isOpen(schedule, calendar, candidates[j]) !== now) {
        return candidates[j];
      }
    }
    return null;
  }

  var WEEKDAYS = ["周日", "周一", "周二", "周三", "周四", "周五", "周六"];
  var HORIZON_DAYS = 8;

  /* True when the build had holiday data for this wall date's year (an old calendar without `years`: yes). */
  function covered(calendar, wall) {
    if (!calendar.years) {
      return true;
    }
    for (var i = 0; i < calendar.years.length; i++) {
      if (calendar.years[i] === wall.getUTCFullYear()) {
        return true;
      }
    }
    return false;
  }

  /* The calendar as if `keys` were statutory holidays ("ph") or make-up workdays ("mw"). */
  function assume(calendar, keys, kind) {
    function without(list) {
      var out = [];
      for (var i = 0; list && i < list.length; i++) {
        if (!contains(keys, list[i])) {
          out.push(list[i]);
        }
      }
      return out;
    }
    var ph = without(calendar.ph);
    var mw = without(calendar.mw);
    (kind === "ph" ? ph : mw).push(keys[0], keys[1]);
    return { ph: ph, mw: mw, years: calendar.years };
  }

  /* "17:30", "明天 08:30" or "周一 08:30"; a change at midnight is "24:00" of the day before. */
  function whenText(changeMs, nowMs) {
    var wall = new Date(changeMs + OFFSET_MS);
    var clock = pad(wall.getUTCHours()) + ":" + pad(wall.getUTCMinutes());
    var day = Math.floor((changeMs + OFFSET_MS) / DAY_MS);
    var today = Math.floor((nowMs + OFFSET_MS) / DAY_MS);
    if (clock === "00:00" && day > today) {
      day -= 1;
      clock = "24:00";
    }
    if (day <= today) {
      return clock;
    }
    return (day === today + 1 ? "明天" : WEEKDAYS[(day + 4) % 7]) + " " + clock;
  }

  /* {state: "open" | "closed" | "unknown", text}; same rules as generator/data/open_now.py. */
  function label(scheduleJson, calendarJson, nowMs) {
    var schedule = parse(scheduleJson);
    var calendar = parse(calendarJson) || {};
    var wall = new Date(nowMs + OFFSET_MS);
    var special = schedule.ph != null || schedule.mw != null;
    var sure = !special || covered(calendar, wall);
    var open = isOpen(schedule, calendar, nowMs);
    if (!sure) {
      var days = [dateKey(wall), dateKey(new Date(wall.getTime() - DAY_MS))];
      if (isOpen(schedule, assume(calendar, days, "ph"), nowMs) !== open ||
          isOpen(schedule, assume(calendar, days, "mw"), nowMs) !== open) {
        return { state: "unknown", text: "待确认" };
      }
    }
    var text = open ? "营业中" : "已休息";
    var change = nextChange(schedule, calendar, nowMs);
    if (change !== null && sure && !(special && !covered(calendar, new Date(change + OFFSET_MS)))) {
      text += " · " + whenText(change, nowMs) + (open ? " 关门" : " 开门");
    }
    return { state: open ? "open" : "closed", text: text };
  }

  function setState(el, text, state) {
    el.textContent = text;
    var rest = (el.className || "").replace(/(^|\s)bee-(open|closed|unknown)(?=\s|$)/g, "").replace(/^\s+|\s+$/g, "");
    el.className = (rest ? rest + " " : "") + "bee-" + state;
  }

  var STATUS_TEXT = { paused: "暂停开放", closed: "已关闭" };

  /* One badge: a paused or closed station says so from its status_since on (before it: open hours and
     "12-01 起关闭"); an open one says 营业中 / 已休息 with the next change, or 待确认. */
  function badge(el, calendar, nowMs, today) {
    var status = el.getAttribute("data-bee-status") || "open";
    var since = el.getAttribute("data-bee-since");
    if (status !== "open" && !(since && today < since)) {
      setState(el, STATUS_TEXT[status] || STATUS_TEXT.paused, "closed");
      return;
    }
    try {
      var now = label(el.getAttribute("data-bee-hours"), calendar, nowMs);
    } catch (e) {
      return; /* bad JSON: leave the element as the build rendered it */
    }
    var soon = status !== "open" ? " · " + since.slice(5) + " 起" + (status === "closed" ? "关闭" : "暂停") : "";
    setState(el, now.text + soon, now.state);
  }

  /* Elements that change on a date: data-bee-until="2026-12-01" hides from that date, data-bee-from shows. */
  function switchByDate(scope, today) {
    var nodes = scope.querySelectorAll("[data-bee-until], [data-bee-from]");
    for (var i = 0; i < nodes.length; i++) {
      var until = nodes[i].getAttribute("data-bee-until");
      var from = nodes[i].getAttribute("data-bee-from");
      nodes[i].hidden = until ? today >= until : today < from;
    }
  }

  /* Update every badge, dated element and calendar notice under `scope` (default: the document). */
  function refresh(scope) {
    var doc = root.document;
    var box = scope || doc;
    var calendar = root.BEE_CALENDAR || { ph: [], mw: [] };
    var now = new Date().getTime();
    var wall = new Date(now + OFFSET_MS);
    var today = dateKey(wall);
    var nodes = box.querySelectorAll("[data-bee-hours]");
    for (var i = 0; i < nodes.length; i++) {
      badge(nodes[i], calendar, now, today);
    }
    switchByDate(box, today);
    var notices = box.querySelectorAll("[data-bee-cal-notice]");
    for (var j = 0; j < notices.length; j++) {
      var known = covered(calendar, wall);
      notices[j].hidden = known;
      notices[j].textContent = known ? "" : "本站尚未收录 " + wall.getUTCFullYear() +
        " 年的法定节假日安排：节假日开放时间可能不同，出发前请先打电话确认。";
    }
  }

  var BeeHours = { isOpen: isOpen, nextChange: nextChange, label: label, whenText: whenText, refresh: refresh };
  root.BeeHours = BeeHours;
  if (typeof module !== "undefined" && module.exports) {
    module.exports = BeeHours;
  }

  if (root.document && root.document.querySelectorAll) {
    if (root.document.readyState === "loading") {
      root.document.addEventListener("DOMContentLoaded", function () { refresh(); });
    } else {
      refresh();
    }
    root.setInterval(function () { refresh(); }, MINUTE_MS);
  }
})(typeof window !== "undefined" ? window : this);
