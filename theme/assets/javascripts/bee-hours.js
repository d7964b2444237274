/*
 * bee-hours.js: live "open now" badges for station pages. ES5, no dependencies (runs in WeChat's browser).
 *
 * Mirrors generator/hours.py. A schedule is Schedule.to_json():
 *   {"w": [7 lists, Monday first, of [startMin, endMin]], "ph": [[s, e], ...] or null, "mw": ... or null}
 * where an end > 1440 runs past midnight into the next day. A calendar is HolidayCalendar.to_json():
 *   {"ph": ["2026-10-01", ...], "mw": ["2026-10-10", ...]}
 * On a date: a PH schedule wins on statutory holidays, then an MW schedule on make-up workdays, else the
 * weekday. Times are evaluated as Asia/Shanghai wall time, i.e. UTC+8 (China has no DST), read with
 * getUTC* so the phone's own timezone does not matter.
 *
 * Auto-run: every element with data-bee-hours (schedule JSON) gets the text 营业中 / 已休息, or 暂停开放 when
 * its data-bee-status is present and not "open", plus the class bee-open / bee-closed. The calendar comes
 * from window.BEE_CALENDAR (missing = no holidays).
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

  function setState(el, text, open) {
    el.textContent = text;
    var rest = (el.className || "").replace(/(^|\s)bee-(open|closed)(?=\s|$)/g, "").replace(/^\s+|\s+$/g, "");
    el.className = (rest ? rest + " " : "") + (open ? "bee-open" : "bee-closed");
  }

  /* Update every [data-bee-hours] element under `scope` (default: the document). */
  function refresh(scope) {
    var doc = root.document;
    var nodes = (scope || doc).querySelectorAll("[data-bee-hours]");
    var calendar = root.BEE_CALENDAR || { ph: [], mw: [] };
    var now = new Date().getTime();
    for (var i = 0; i < nodes.length; i++) {
      var el = nodes[i];
      var status = el.getAttribute("data-bee-status");
      if (status && status !== "open") {
        setState(el, "暂停开放", false);
        continue;
      }
      try {
        var open = isOpen(el.getAttribute("data-bee-hours"), calendar, now);
        setState(el, open ? "营业中" : "已休息", open);
      } catch (e) {
        /* Bad JSON: leave the element as the build rendered it. */
      }
    }
  }

  var BeeHours = { isOpen: isOpen, nextChange: nextChange, refresh: refresh };
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
