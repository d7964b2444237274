/*
 * bee-map.js: zoom for the guide map page (导视图). Loaded by bee-boot.js where [data-bee-map] is. ES5.
 *
 * The page ships one pin layer per zoom level (generator/printing/guidemap.py, pin_layers): at each level
 * pins are at least 44 px apart, and stations too close to tell apart share a pin that zooms in on them.
 * Zooming widens the canvas inside a frame that scrolls both ways (panning is the browser's own scrolling,
 * by touch, mouse or arrow keys) and keeps the same point in the middle. Without JS the whole map shows at
 * zoom 1 and the list below it leads to every station.
 *
 * A large network's map (data-bee-tiles) ships its first level only: the pins of the other levels
 * (data-bee-levels) are JSON tiles, each about one screen of the map at its level
 * (generator/printing/maptiles.py), fetched when they come into view. There a pin is a community, linking
 * to its list, and a group on the last level lists its communities in the panel below the map.
 */
(function (root) {
  "use strict";

  var doc = root.document;
  var KEY = /^c[0-9a-f]+$/; /* a community's key (render.community_key): nothing else goes into a link */

  function getJSON(url, done) {
    var xhr = new XMLHttpRequest();
    xhr.open("GET", url, true);
    xhr.onreadystatechange = function () {
      if (xhr.readyState !== 4) {
        return;
      }
      var data = null;
      if (xhr.status >= 200 && xhr.status < 300) {
        try {
          data = JSON.parse(xhr.responseText);
        } catch (e) {
          data = null;
        }
      }
      done(data);
    };
    xhr.send();
  }

  function span(text) {
    var s = doc.createElement("span");
    s.setAttribute("aria-hidden", "true");
    s.textContent = text;
    return s;
  }

  /* One pin of a tile: [left, top, name, key, stations] or a group [left, top, communities, stations, members?]. */
  function pinElement(p, communities) {
    var el;
    if (typeof p[2] === "string") {
      if (!KEY.test(p[3])) {
        return null;
      }
      el = doc.createElement("a");
      el.className = "bee-pin";
      el.href = communities + p[3] + "/";
      el.setAttribute("aria-label", p[2] + "，" + p[4] + " 个驿站"); /* the visible number outside parentheses */
      el.appendChild(span(String(p[4])));
    } else {
      el = doc.createElement("button");
      el.type = "button";
      el.className = "bee-pin bee-pin--group";
      el.setAttribute("data-x", p[0]);
      el.setAttribute("data-y", p[1]);
      el.setAttribute("aria-label", (p[4] ? "列出" : "放大查看") + "这 " + p[2] + " 个社区，共 " + p[3] + " 个驿站");
      el.appendChild(span(p[2] + "个"));
      el.beeMembers = p[4] || null;
      el.beeTotal = p[2];
    }
    el.style.left = p[0] + "%";
    el.style.top = p[1] + "%";
    return el;
  }

  function setup(el) {
    var frame = el.querySelector(".bee-map-frame");
    var canvas = el.querySelector(".bee-map-canvas");
    var layers = [];
    var found = el.querySelectorAll(".bee-pins");
    for (var i = 0; i < found.length; i++) {
      layers.push(found[i]);
    }
    var zoomIn = el.querySelector("[data-bee-zoom=in]");
    var zoomOut = el.querySelector("[data-bee-zoom=out]");
    var tiles = el.getAttribute("data-bee-tiles");
    var communities = el.getAttribute("data-bee-communities");
    var panel = el.querySelector("[data-bee-map-members]");
    var loaded = {};
    var level = 0;

    if (tiles) {
      var zooms = el.getAttribute("data-bee-levels").split(" ");
      for (var z = layers.length; z < zooms.length; z++) {
        var layer = doc.createElement("div");
        layer.className = "bee-pins";
        layer.setAttribute("data-zoom", zooms[z]);
        layer.hidden = true;
        canvas.appendChild(layer);
        layers.push(layer);
      }
    }

    /* Fetch the tiles of the shown level that are in view, or within a pin's width of it. */
    function load() {
      if (!tiles || level === 0) {
        return;
      }
      var zoom = parseInt(layers[level].getAttribute("data-zoom"), 10);
      var w = canvas.offsetWidth;
      var h = canvas.offsetHeight;
      var x0 = Math.max(0, Math.floor((frame.scrollLeft - 44) / w * zoom));
      var x1 = Math.min(zoom - 1, Math.floor((frame.scrollLeft + frame.clientWidth + 44) / w * zoom));
      var y0 = Math.max(0, Math.floor((frame.scrollTop - 44) / h * zoom));
      var y1 = Math.min(zoom - 1, Math.floor((frame.scrollTop + frame.clientHeight + 44) / h * zoom));
      for (var x = x0; x <= x1; x++) {
        for (var y = y0; y <= y1; y++) {
          fetchTile(layers[level], zoom, x, y);
        }
      }
    }

    function fetchTile(layer, zoom, x, y) {
      var name = zoom + "/" + x + "-" + y;
      if (loaded[name]) {
        return;
      }
      loaded[name] = true;
      getJSON(tiles + name + ".json", function (pins) {
        if (!pins) {
          loaded[name] = false; /* try again when the rider next zooms or pans */
          return;
        }
        for (var i = 0; i < pins.length; i++) {
          var pin = pinElement(pins[i], communities);
          if (pin) {
            layer.appendChild(pin);
          }
        }
      });
    }

    var pending = null;
    frame.addEventListener("scroll", function () {
      if (tiles && pending === null) {
        pending = root.setTimeout(function () { pending = null; load(); }, 120);
      }
    });

    /* Show zoom level `next`, with the point (fx, fy) (fractions of the map) in the middle of the frame. */
    function show(next, fx, fy) {
      if (next < 0 || next >= layers.length) {
        return;
      }
      if (fx === undefined) {
        fx = (frame.scrollLeft + frame.clientWidth / 2) / canvas.offsetWidth;
        fy = (frame.scrollTop + frame.clientHeight / 2) / canvas.offsetHeight;
      }
      level = next;
      canvas.style.width = parseInt(layers[level].getAttribute("data-zoom"), 10) * 100 + "%";
      for (var i = 0; i < layers.length; i++) {
        layers[i].hidden = i !== level;
      }
      frame.scrollLeft = fx * canvas.offsetWidth - frame.clientWidth / 2;
      frame.scrollTop = fy * canvas.offsetHeight - frame.clientHeight / 2;
      zoomIn.disabled = level === layers.length - 1;
      zoomOut.disabled = level === 0;
      load();
    }

    /* A group on the last level of a large network's map: its communities as links below the map. */
    function list(members, total) {
      while (panel.firstChild) {
        panel.removeChild(panel.firstChild);
      }
      var title = doc.createElement("p");
      title.textContent = "这里有 " + total + " 个社区：";
      panel.appendChild(title);
      var ul = doc.createElement("ul");
      ul.className = "bee-list";
      for (var i = 0; i < members.length; i++) {
        var m = members[i];
        if (!KEY.test(m[1])) {
          continue;
        }
        var li = doc.createElement("li");
        var a = doc.createElement("a");
        a.href = communities + m[1] + "/";
        a.textContent = m[0];
        li.appendChild(a);
        li.appendChild(doc.createTextNode("（" + m[2] + " 个驿站）"));
        ul.appendChild(li);
      }
      panel.appendChild(ul);
      if (total > members.length) {
        var more = doc.createElement("p");
        more.textContent = "还有 " + (total - members.length) + " 个社区，请在下面的片区里查找。";
        panel.appendChild(more);
      }
      panel.hidden = false;
      panel.focus();
    }

    zoomIn.addEventListener("click", function () { show(level + 1); });
    zoomOut.addEventListener("click", function () { show(level - 1); });
    frame.addEventListener("click", function (e) {
      var t = e.target;
      while (t && t !== frame && !/(^|\s)bee-pin--group(\s|$)/.test(t.className || "")) {
        t = t.parentNode;
      }
      if (!t || t === frame) {
        return;
      }
      if (level === layers.length - 1) {
        if (t.beeMembers && panel) {
          list(t.beeMembers, t.beeTotal);
        } else {
          root.location.hash = "list"; /* as close as the map goes: the list names them */
        }
        return;
      }
      show(level + 1, parseFloat(t.getAttribute("data-x")) / 100, parseFloat(t.getAttribute("data-y")) / 100);
      frame.focus(); /* the group's pin is gone at the new level */
    });
  }

  var maps = doc.querySelectorAll("[data-bee-map]");
  for (var k = 0; k < maps.length; k++) {
    setup(maps[k]);
  }
})(window);
