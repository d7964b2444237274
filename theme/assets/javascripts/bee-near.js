/*
 * bee-near.js: the nearest finder (附近驿站) and the service / open-now filters.
 * Loaded by bee-boot.js on the pages that use them. ES5, no dependencies (runs in WeChat's browser); needs bee-geo.js and bee-hours.js.
 *
 * Progressive enhancement: the directory is complete HTML; the filters are shown by CSS only on pages
 * marked bee-js (main.html), so without JS nothing is hidden. The finder asks for the location only when the rider taps the button (asking on page load
 * is bad manners and Lighthouse flags it), and always offers a community / landmark list instead.
 */
(function (root) {
  "use strict";

  var doc = root.document;
  /* The station fields the finder reads, by name; generator/web/shards.py's ShardStation writes exactly
     these (a parity test runs both). */
  var FIELDS = ["id", "name", "lng", "lat", "status", "hours", "services", "phone", "address", "community",
    "since"];
  var RESULTS = 10; /* how many stations the finder lists */
  var MAX_TILES = 8; /* stop fetching tiles after this many (a rider far from every station) */
  var EBIKE_M_PER_MIN = 250; /* ~15 km/h */
  var WALK_M_PER_MIN = 5000 / 60; /* ~5 km/h */
  var CIRCLE_MIN = 15; /* the 15-minute service circle (15分钟服务圈), by e-bike */
  var GEO_ERRORS = { 1: "你没有允许使用位置", 2: "暂时无法确定位置", 3: "定位超时" };

  function getJSON(url, done) {
    var xhr = new XMLHttpRequest();
    xhr.open("GET", url, true);
    xhr.onreadystatechange = function () {
      if (xhr.readyState !== 4) {
        return;
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        try {
          done(null, JSON.parse(xhr.responseText));
        } catch (e) {
          done(e);
        }
      } else {
        done(new Error("HTTP " + xhr.status));
      }
    };
    xhr.send();
  }

  function text(tag, className, content) {
    var el = doc.createElement(tag);
    if (className) {
      el.className = className;
    }
    if (content) {
      el.appendChild(doc.createTextNode(content));
    }
    return el;
  }

  function iconUse(name, label) {
    var ns = "http://www.w3.org/2000/svg";
    var svg = doc.createElementNS(ns, "svg");
    svg.setAttribute("class", "bee-icon");
    svg.setAttribute("viewBox", "0 0 24 24");
    if (label) {
      svg.setAttribute("role", "img");
      svg.setAttribute("aria-label", label);
    } else {
      svg.setAttribute("aria-hidden", "true");
    }
    var use = doc.createElementNS(ns, "use");
    use.setAttributeNS("http://www.w3.org/1999/xlink", "xlink:href", "#bee-i-" + name);
    svg.appendChild(use);
    return svg;
  }

  /* ---- filters (directory and finder) -------------------------------------------------------------- */

  function checkedValues(box, name) {
    var inputs = box.querySelectorAll("input[name=" + name + "]");
    var out = [];
    for (var i = 0; i < inputs.length; i++) {
      if (inputs[i].checked) {
        out.push(inputs[i].value);
      }
    }
    return out;
  }

  function matches(item, services, openOnly) {
    var offered = " " + (item.getAttribute("data-services") || "") + " ";
    for (var i = 0; i < services.length; i++) {
      if (offered.indexOf(" " + services[i] + " ") < 0) {
        return false;
      }
    }
    return !openOnly || isOpen(item);
  }

  /* Show only the items of `scope` matching the checked filters; hide groups left empty; say how many. */
  function applyFilters(scope) {
    var box = scope.querySelector("[data-bee-filters]");
    if (!box) {
      return;
    }
    if (root.BeeHours) {
      root.BeeHours.refresh(scope);
    }
    var services = checkedValues(box, "svc");
    var openOnly = checkedValues(box, "open").length > 0;
    var items = scope.querySelectorAll("[data-services]");
    var shown = 0;
    for (var i = 0; i < items.length; i++) {
      var ok = matches(items[i], services, openOnly);
      items[i].hidden = !ok;
      shown += ok ? 1 : 0;
    }
    var groups = scope.querySelectorAll(".bee-group");
    for (var j = groups.length - 1; j >= 0; j--) {
      groups[j].hidden = !groups[j].querySelector("[data-services]:not([hidden])");
    }
    var count = scope.querySelector("[data-bee-count]");
    if (count && items.length) {
      var filtering = services.length || openOnly;
      count.textContent = filtering ? "符合条件的驿站：" + shown + " 个" : "";
    }
    var active = scope.querySelector("[data-bee-active]");
    var n = services.length + (openOnly ? 1 : 0);
    if (active) {
      active.textContent = n ? "（已选 " + n + " 项）" : "";
    }
    if (!scope.hasAttribute("data-bee-finder")) {
      openFirst(scope);
    }
  }

  /* The directory: in each list, stations open now first (in their original order), then the others, greyed. */
  function openFirst(scope) {
    var lists = scope.querySelectorAll("ul.bee-list");
    for (var i = 0; i < lists.length; i++) {
      var items = [];
      for (var c = lists[i].firstChild; c; c = c.nextSibling) {
        if (c.nodeType === 1) {
          if (!c.hasAttribute("data-bee-order")) {
            c.setAttribute("data-bee-order", String(items.length));
          }
          items.push(c);
        }
      }
      items.sort(function (a, b) {
        var ao = isOpen(a);
        var bo = isOpen(b);
        return ao === bo ? a.getAttribute("data-bee-order") - b.getAttribute("data-bee-order") : (ao ? -1 : 1);
      });
      for (var k = 0; k < items.length; k++) {
        items[k].className = items[k].className.replace(/(^|\s)bee-greyed(?=\s|$)/g, "") +
          (isOpen(items[k]) ? "" : " bee-greyed");
        lists[i].appendChild(items[k]);
      }
    }
  }

  function isOpen(item) {
    var state = item.querySelector(".bee-open-state");
    return !!state && /(^|\s)bee-open(\s|$)/.test(state.className);
  }

  function setupFilters(scope) {
    var box = scope.querySelector("[data-bee-filters]");
    if (!box) {
      return;
    }
    box.addEventListener("change", function () { applyFilters(scope); });
    applyFilters(scope);
  }

  /* ---- the nearest finder ------------------------------------------------------------------------- */

  function Finder(el) {
    this.el = el;
    this.indexUrl = el.getAttribute("data-index");
    this.base = this.indexUrl.replace(/[^\/]*$/, "");
    this.index = null;
    this.leaves = null;
    this.tiles = {};
    this.stations = [];
    this.status = el.querySelector("[data-bee-message]");
    this.results = el.querySelector("[data-bee-results]");
  }

  Finder.prototype.say = function (message) {
    this.status.textContent = message;
  };

  Finder.prototype.withIndex = function (done) {
    var self = this;
    if (self.index) {
      done(null);
      return;
    }
    getJSON(self.indexUrl, function (err, index) {
      if (!err) {
        self.index = index;
        self.leaves = root.BeeGeo.leaves(index);
      }
      done(err);
    });
  };

  /* Today in Shanghai, "2026-11-23" (China has no DST). */
  function today() {
    var w = new Date(new Date().getTime() + 8 * 3600000);
    var m = w.getUTCMonth() + 1;
    var d = w.getUTCDate();
    return w.getUTCFullYear() + "-" + (m < 10 ? "0" : "") + m + "-" + (d < 10 ? "0" : "") + d;
  }

  Finder.prototype.addTile = function (key, shard) {
    var records = root.BeeGeo.decodeShard(this.index, shard, FIELDS);
    var now = today();
    this.tiles[key] = true;
    for (var i = 0; i < records.length; i++) {
      /* Paused or closed: never send a rider there (their pages name open alternatives); one that closes on a
         later date is open until then. */
      if (records[i].status === "open" || (records[i].since && now < records[i].since)) {
        this.stations.push(records[i]);
      }
    }
  };

  /* Fetch tiles nearest-first until the RESULTS nearest stations are certain, then call done(err, list). */
  Finder.prototype.nearest = function (lng, lat, done) {
    var self = this;
    var step = function () {
      var found = [];
      for (var i = 0; i < self.stations.length; i++) {
        var s = self.stations[i];
        s.d = root.BeeGeo.distance(lng, lat, s.lng, s.lat);
        found.push(s.d);
      }
      var key = root.BeeGeo.nextTile(self.leaves, self.tiles, found, lng, lat, RESULTS, MAX_TILES);
      if (key === null) {
        var list = self.stations.slice().sort(function (a, b) { return a.d - b.d; });
        done(null, list.slice(0, RESULTS));
        return;
      }
      getJSON(self.base + key + ".json?v=" + self.index.v, function (err, shard) {
        if (err) {
          done(err);
          return;
        }
        self.addTile(key, shard);
        step();
      });
    };
    self.withIndex(function (err) {
      if (err) {
        done(err);
      } else {
        self.tiles = {};
        self.stations = [];
        step();
      }
    });
  };

  Finder.prototype.find = function (lng, lat, where) {
    var self = this;
    self.say("正在查找" + where + "附近的驿站…");
    self.nearest(lng, lat, function (err, list) {
      if (err) {
        self.say("读取驿站数据失败，请检查网络后重试。");
        return;
      }
      self.render(list);
      var inCircle = 0;
      var open = 0;
      for (var i = 0; i < list.length; i++) {
        inCircle += list[i].d / EBIKE_M_PER_MIN <= CIRCLE_MIN ? 1 : 0;
        open += list[i].open ? 1 : 0;
      }
      self.say("离" + where + "最近的 " + list.length + " 个驿站：" + open + " 个现在营业，" + inCircle +
        " 个在15分钟服务圈内。");
      applyFilters(self.el);
      self.showResults();
    });
  };

  /* Focus the summary and scroll it to the top of the screen (under Material's header), so the first result
     is in view on a phone and a screen reader continues from the results. */
  Finder.prototype.showResults = function () {
    var status = this.status;
    var header = doc.querySelector(".md-header");
    var top = status.getBoundingClientRect().top + (root.pageYOffset || 0) - (header ? header.offsetHeight : 0) - 8;
    status.setAttribute("tabindex", "-1");
    root.scrollTo(0, Math.max(0, top));
    try {
      status.focus({ preventScroll: true });
    } catch (e) {
      status.focus();
    }
  };

  /* Stations open now first, nearest first; then the others, greyed, nearest first. */
  Finder.prototype.render = function (list) {
    var ol = this.results;
    var calendar = root.BEE_CALENDAR || { ph: [], mw: [] };
    var now = new Date().getTime();
    for (var i = 0; i < list.length; i++) {
      list[i].open = !root.BeeHours || root.BeeHours.label(list[i].hours, calendar, now).state === "open";
    }
    list.sort(function (a, b) {
      return a.open === b.open ? a.d - b.d : (a.open ? -1 : 1);
    });
    while (ol.firstChild) {
      ol.removeChild(ol.firstChild);
    }
    for (var j = 0; j < list.length; j++) {
      var li = this.item(list[j]);
      if (!list[j].open) {
        li.className += " bee-greyed";
      }
      ol.appendChild(li);
    }
  };

  Finder.prototype.item = function (s) {
    var li = text("li", "bee-result");
    li.setAttribute("data-services", s.services.join(" "));
    li.setAttribute("data-station", s.id);
    var ebike = Math.max(1, Math.ceil(s.d / EBIKE_M_PER_MIN));
    var walk = Math.max(1, Math.ceil(s.d / WALK_M_PER_MIN));
    var head = text("p", "bee-result-head");
    var link = text("a", "", s.name);
    link.href = this.base.replace(/assets\/bee\/near\/$/, "") + "s/" + s.id + "/";
    head.appendChild(link);
    var state = text("span", "bee-open-state bee-badge", "");
    state.setAttribute("data-bee-hours", JSON.stringify(s.hours));
    state.setAttribute("data-bee-status", s.status);
    if (s.since) {
      state.setAttribute("data-bee-since", s.since);
    }
    head.appendChild(state);
    if (s.d / EBIKE_M_PER_MIN <= CIRCLE_MIN) {
      li.className += " bee-in-circle";
      head.appendChild(text("span", "bee-badge bee-badge--circle", "15分钟服务圈"));
    }
    li.appendChild(head);
    li.appendChild(text("p", "bee-result-meta", root.BeeGeo.formatDistance(s.d) + " · 电动车约 " + ebike +
      " 分钟 · 步行约 " + walk + " 分钟 · " + s.community));
    var svc = text("p", "bee-item-services");
    var names = this.serviceNames();
    for (var j = 0; j < s.services.length; j++) {
      var meta = names[s.services[j]];
      if (meta) {
        svc.appendChild(iconUse(meta.icon, meta.name));
      }
    }
    li.appendChild(svc);
    li.appendChild(this.actions(s));
    return li;
  };

  /* Service names and icons, read from the filter chips and sprite the page already carries. */
  Finder.prototype.serviceNames = function () {
    if (this.names) {
      return this.names;
    }
    var out = {};
    var inputs = this.el.querySelectorAll("input[name=svc]");
    for (var i = 0; i < inputs.length; i++) {
      var id = inputs[i].value;
      out[id] = { name: inputs[i].parentNode.textContent.replace(/^\s+|\s+$/g, ""), icon: inputs[i].getAttribute("data-icon") || id };
    }
    this.names = out;
    return out;
  };

  Finder.prototype.actions = function (s) {
    var box = text("div", "bee-actions");
    var call = text("a", "md-button md-button--primary bee-call", "拨打 " + s.phone);
    call.href = root.BeeGeo.telUrl(s.phone);
    call.insertBefore(iconUse("phone"), call.firstChild);
    box.appendChild(call);
    var links = root.BeeGeo.mapLinks(s.name, s.address, s.lng, s.lat);
    for (var i = 0; i < links.length; i++) {
      var a = text("a", "md-button bee-map", links[i][0]);
      a.href = links[i][1];
      a.rel = "noopener";
      a.setAttribute("aria-label", "用" + links[i][0] + "导航到" + s.name);
      box.appendChild(a);
    }
    return box;
  };

  Finder.prototype.locate = function () {
    var self = this;
    if (!root.navigator.geolocation) {
      self.fallback("这个浏览器不能定位");
      return;
    }
    self.say("正在获取你的位置…");
    root.navigator.geolocation.getCurrentPosition(function (pos) {
      var gcj = root.BeeGeo.wgs84ToGcj02(pos.coords.longitude, pos.coords.latitude);
      self.find(gcj[0], gcj[1], "你");
    }, function (err) {
      self.fallback(GEO_ERRORS[err.code] || "无法获取位置");
    }, { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 });
  };

  Finder.prototype.fallback = function (reason) {
    this.say(reason + "。请在下面选择你附近的社区或地点。");
    var select = this.el.querySelector("select");
    if (select) {
      loadPlaces(select);
      select.focus();
    }
  };

  Finder.prototype.pick = function () {
    var select = this.el.querySelector("select");
    var option = select.options[select.selectedIndex];
    if (!option || !option.value) {
      this.say("请先选择一个社区或地点。");
      select.focus();
      return;
    }
    var parts = option.value.split(",");
    this.find(parseFloat(parts[0]), parseFloat(parts[1]), option.text);
  };

  /* A large network's picker (data-bee-places): its options are fetched the first time it is opened. */
  function loadPlaces(select) {
    var url = select.getAttribute("data-bee-places");
    if (!url || select.getAttribute("data-bee-loaded")) {
      return;
    }
    select.setAttribute("data-bee-loaded", "1");
    getJSON(url, function (err, places) {
      if (err) {
        select.removeAttribute("data-bee-loaded"); /* try again next time */
        return;
      }
      var groups = [["社区", places.communities], ["地标", places.landmarks]];
      for (var g = 0; g < groups.length; g++) {
        var group = doc.createElement("optgroup");
        group.label = groups[g][0];
        for (var i = 0; i < groups[g][1].length; i++) {
          var p = groups[g][1][i];
          var option = text("option", "", p[0]);
          option.value = p[1].toFixed(6) + "," + p[2].toFixed(6);
          group.appendChild(option);
        }
        select.appendChild(group);
      }
    });
  }

  /* near/?svc=<id> (from the services page of a large network) starts with that service's filter on. */
  function preselect(el) {
    var match = /[?&]svc=([^&#]*)/.exec(root.location ? root.location.search : "");
    var id = match ? decodeURIComponent(match[1]).replace(/[^a-z0-9-]/g, "") : "";
    var input = id && el.querySelector("input[name=svc][value='" + id + "']");
    if (input && !input.checked) {
      input.checked = true;
      var box = el.querySelector("details.bee-filter-box");
      if (box) {
        box.open = true;
      }
    }
  }

  function setupFinder(el) {
    var finder = new Finder(el);
    var select = el.querySelector("select[data-bee-places]");
    if (select) {
      var open = function () { loadPlaces(select); };
      select.addEventListener("focus", open);
      select.addEventListener("mousedown", open);
      select.addEventListener("touchstart", open);
    }
    preselect(el);
    el.querySelector("[data-bee-locate]").addEventListener("click", function () { finder.locate(); });
    el.querySelector("[data-bee-pick]").addEventListener("submit", function (event) {
      event.preventDefault();
      finder.pick();
    });
    return finder;
  }

  /* ---- wiring -------------------------------------------------------------------------------------- */

  function setup() {
    var scopes = doc.querySelectorAll("[data-bee-filter-scope]");
    for (var i = 0; i < scopes.length; i++) {
      if (scopes[i].getAttribute("data-bee-ready")) {
        continue; /* set up already (setup may be called again by a page script) */
      }
      scopes[i].setAttribute("data-bee-ready", "1");
      if (scopes[i].hasAttribute("data-bee-finder")) {
        setupFinder(scopes[i]);
      }
      setupFilters(scopes[i]);
    }
  }

  root.BeeNear = { applyFilters: applyFilters, setup: setup, FIELDS: FIELDS };
  if (typeof module !== "undefined" && module.exports) {
    module.exports = root.BeeNear; /* node: the parity test reads FIELDS; there is no page to set up */
  } else if (doc.readyState === "loading") {
    doc.addEventListener("DOMContentLoaded", setup);
  } else {
    setup();
  }
})(typeof window !== "undefined" ? window : this);
