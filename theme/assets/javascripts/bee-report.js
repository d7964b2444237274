/*
 * bee-report.js: the report page (上报问题/纠错). Loaded by bee-boot.js where [data-bee-report] is; needs bee-geo.js.
 * ES5, no dependencies (runs in WeChat's browser).
 *
 * The rider picks a category (chips), may add their location (only on a tap; converted to GCJ-02 and added
 * as an Amap link) and a short text; the page composes one message and fills every channel with it: the
 * clipboard (for the WeChat grid group), sms: (RFC 5724 body), and the form URL's {station}, {category} and
 * {text} placeholders, each URL-encoded with encodeURIComponent. Nothing is sent or stored by the site.
 * ?station=<id> names the station: its name is read from its own page (which the service worker keeps
 * once visited, so this works offline too).
 */
(function (root) {
  "use strict";

  var doc = root.document;
  var ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
  var OFFSET_MS = 8 * 3600000;

  function pad(n) {
    return (n < 10 ? "0" : "") + n;
  }

  /* Shanghai wall time "2026-11-23 10:05" (China has no DST). */
  function stamp(ms) {
    var w = new Date(ms + OFFSET_MS);
    return w.getUTCFullYear() + "-" + pad(w.getUTCMonth() + 1) + "-" + pad(w.getUTCDate()) + " " +
      pad(w.getUTCHours()) + ":" + pad(w.getUTCMinutes());
  }

  /* The one message, from {siteName, category: {label, group}, station: {id, name}, siteUrl, place, text, ms}. */
  function compose(s) {
    var lines = ["【" + s.siteName + "·上报问题】", "问题：" + s.category.label + "（" + s.category.group + "）"];
    if (s.station) {
      lines.push("驿站：" + s.station.name + "（" + s.siteUrl + "s/" + s.station.id + "/）");
    }
    if (s.place) {
      lines.push("位置：" + s.place);
    }
    if (s.text) {
      lines.push("说明：" + s.text);
    }
    lines.push("时间：" + stamp(s.ms));
    return lines.join("\n");
  }

  /* The form URL with its placeholders filled, each value URL-encoded. */
  function formUrl(template, values) {
    return template.replace(/\{(station|category|text)\}/g, function (all, name) {
      return encodeURIComponent(values[name] || "");
    });
  }

  function Report(el) {
    this.el = el;
    this.siteUrl = el.getAttribute("data-site-url");
    this.siteName = el.getAttribute("data-site-name");
    this.station = null;
    this.place = "";
    this.message = el.querySelector("[data-bee-report-message]");
    this.status = el.querySelector("[data-bee-report-status]");
    this.text = el.querySelector("#bee-report-text");
  }

  Report.prototype.say = function (text) {
    this.status.textContent = text;
  };

  Report.prototype.category = function () {
    var checked = this.el.querySelector("input[name=category]:checked");
    return checked ? { id: checked.value, label: checked.getAttribute("data-label"),
      group: checked.getAttribute("data-group") } : null;
  };

  Report.prototype.state = function () {
    return { siteName: this.siteName, siteUrl: this.siteUrl, category: this.category(), station: this.station,
      place: this.place, text: this.text.value.replace(/^\s+|\s+$/g, ""), ms: new Date().getTime() };
  };

  /* Recompose the message and refill every channel's link. */
  Report.prototype.update = function () {
    var s = this.state();
    var sms = this.el.querySelector("[data-bee-report-sms]");
    var form = this.el.querySelector("[data-bee-report-form-link]");
    if (!s.category) {
      return;
    }
    var message = compose(s);
    this.message.value = message;
    if (sms) {
      sms.href = "sms:" + sms.getAttribute("data-number") + "?body=" + encodeURIComponent(message);
    }
    if (form) {
      var detail = s.text + (s.place ? (s.text ? " " : "") + "位置：" + s.place : "");
      form.href = formUrl(form.getAttribute("data-template"), { station: s.station ? s.station.name : "",
        category: s.category.label, text: detail });
    }
  };

  /* A channel used before a category is chosen: say so and go to the chips instead. */
  Report.prototype.ready = function () {
    if (this.category()) {
      return true;
    }
    this.say("请先选择问题类型。");
    this.el.querySelector("input[name=category]").focus();
    return false;
  };

  Report.prototype.copy = function () {
    var self = this;
    if (!self.ready()) {
      return;
    }
    self.update();
    var text = self.message.value;
    var done = function () { self.say("已复制。打开微信，粘贴到群里发送即可。"); };
    var manual = function () {
      /* Older in-app browsers: select the message and use the legacy copy command. */
      self.message.focus();
      self.message.select();
      var ok = false;
      try {
        ok = doc.execCommand("copy");
      } catch (e) {
        ok = false;
      }
      self.say(ok ? "已复制。打开微信，粘贴到群里发送即可。" : "请长按上面的内容，选择“复制”。");
    };
    if (root.navigator.clipboard && root.navigator.clipboard.writeText) {
      root.navigator.clipboard.writeText(text).then(done, manual);
    } else {
      manual();
    }
  };

  Report.prototype.locate = function () {
    var self = this;
    if (!root.navigator.geolocation || !root.BeeGeo) {
      self.say("这个浏览器不能定位，请在说明里写上地点。");
      return;
    }
    self.say("正在获取你的位置…");
    root.navigator.geolocation.getCurrentPosition(function (pos) {
      var gcj = root.BeeGeo.wgs84ToGcj02(pos.coords.longitude, pos.coords.latitude);
      self.place = root.BeeGeo.mapLinks("问题位置", "", gcj[0], gcj[1])[0][1];
      self.update();
      self.say("已附上位置（高德地图链接）。");
    }, function () {
      self.say("没有拿到位置，请在说明里写上地点。");
    }, { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 });
  };

  /* ?station=<id>: the station's name from its own page. */
  Report.prototype.loadStation = function () {
    var self = this;
    var match = /[?&]station=([^&#]*)/.exec(root.location.search);
    var id = match ? decodeURIComponent(match[1]) : "";
    if (!ID.test(id)) {
      return;
    }
    var xhr = new XMLHttpRequest();
    xhr.open("GET", "../s/" + id + "/", true);
    xhr.onreadystatechange = function () {
      if (xhr.readyState !== 4) {
        return;
      }
      var page = xhr.status === 200 ? new root.DOMParser().parseFromString(xhr.responseText, "text/html") : null;
      var h1 = page && page.querySelector(".bee-station h1");
      if (h1) {
        self.setStation({ id: id, name: h1.textContent.replace(/^\s+|\s+$/g, "") });
      }
    };
    xhr.send();
  };

  Report.prototype.setStation = function (station) {
    var box = this.el.querySelector("[data-bee-report-station]");
    this.station = station;
    box.hidden = !station;
    box.querySelector("[data-bee-station-name]").textContent = station ? station.name : "";
    this.update();
  };

  function setup(el) {
    var report = new Report(el);
    var form = el.querySelector("[data-bee-report-form]");
    form.addEventListener("change", function () { report.update(); });
    form.addEventListener("input", function () { report.update(); });
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    el.querySelector("[data-bee-report-copy]").addEventListener("click", function () { report.copy(); });
    el.querySelector("[data-bee-report-locate]").addEventListener("click", function () { report.locate(); });
    el.querySelector("[data-bee-station-clear]").addEventListener("click", function () {
      report.setStation(null);
      report.say("已去掉驿站。");
    });
    var links = el.querySelectorAll("[data-bee-report-sms], [data-bee-report-form-link]");
    for (var i = 0; i < links.length; i++) {
      links[i].addEventListener("click", function (e) {
        if (!report.ready()) {
          e.preventDefault();
        } else {
          report.update();
        }
      });
    }
    report.loadStation();
    return report;
  }

  var BeeReport = { compose: compose, formUrl: formUrl, stamp: stamp };
  root.BeeReport = BeeReport;
  if (typeof module !== "undefined" && module.exports) {
    module.exports = BeeReport;
  } else {
    var els = doc.querySelectorAll("[data-bee-report]");
    for (var k = 0; k < els.length; k++) {
      setup(els[k]);
    }
  }
})(typeof window !== "undefined" ? window : this);
