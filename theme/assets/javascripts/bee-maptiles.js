/*
 * bee-maptiles.js: the finer zoom levels of a large network's guide map, loaded by bee-map.js where the map
 * names it (data-bee-tiles-js). ES5.
 *
 * The page holds the first zoom level only; each further level (data-bee-levels) is cut into zoom × zoom
 * JSON tiles of about one screen (generator/printing/maptiles.py), fetched when they come into view after a
 * zoom or a pan. A pin is a community, linking to its list (data-bee-communities + its key), or a group of
 * communities too close to tell apart; a group on the last level lists its communities in the panel below
 * the map (data-bee-map-members). Every text goes in through textContent or an attribute, never as markup.
 */
(function (root) {
  "use strict";

  var doc = root.document;
  var KEY = /^c[0-9a-f]+$/; /* a community's key (render.community_key): nothing else goes into a link */
  var MARGIN = 44; /* fetch what lies within a pin's width of the view, so pins at its edge show whole */

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

  /* [left, top, name, key, stations] or a group [left, top, communities, stations, members (last level)]. The
     name holds the visible number outside parentheses, where axe's label-content-name-mismatch finds it. */
  function pinElement(p, communities) {
    var el;
    if (typeof p[2] === "string") {
      if (!KEY.test(p[3])) {
        return null;
      }
      el = doc.createElement("a");
      el.className = "bee-pin";
      el.href = communities + p[3] + "/";
      el.setAttribute("aria-label", p[2] + "，" + p[4] + " 个驿站");
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

  root.BeeMapTiles = function (el) {
    var base = el.getAttribute("data-bee-tiles");
    var communities = el.getAttribute("data-bee-communities");
    var zooms = el.getAttribute("data-bee-levels").split(" ");
    var panel = el.querySelector("[data-bee-map-members]");
    var frame, canvas, layers;
    var level = 0;
    var asked = {};
    var pending = null;

    function fetchTile(layer, name) {
      if (asked[name]) {
        return;
      }
      asked[name] = true;
      getJSON(base + name + ".json", function (pins) {
        if (!pins) {
          asked[name] = false; /* try again when the rider next zooms or pans */
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

    /* The tiles of the shown level that are in view (the first level is in the page). */
    function load() {
      if (level === 0) {
        return;
      }
      var zoom = parseInt(zooms[level], 10);
      var w = canvas.offsetWidth;
      var h = canvas.offsetHeight;
      var x0 = Math.max(0, Math.floor((frame.scrollLeft - MARGIN) / w * zoom));
      var x1 = Math.min(zoom - 1, Math.floor((frame.scrollLeft + frame.clientWidth + MARGIN) / w * zoom));
      var y0 = Math.max(0, Math.floor((frame.scrollTop - MARGIN) / h * zoom));
      var y1 = Math.min(zoom - 1, Math.floor((frame.scrollTop + frame.clientHeight + MARGIN) / h * zoom));
      for (var x = x0; x <= x1; x++) {
        for (var y = y0; y <= y1; y++) {
          fetchTile(layers[level], zoom + "/" + x + "-" + y);
        }
      }
    }

    function text(tag, content) {
      var e = doc.createElement(tag);
      e.textContent = content;
      return e;
    }

    return {
      /* Empty layers for the levels the page does not hold; pans fetch what comes into view. */
      init: function (f, c, l) {
        frame = f;
        canvas = c;
        layers = l;
        for (var z = layers.length; z < zooms.length; z++) {
          var layer = doc.createElement("div");
          layer.className = "bee-pins";
          layer.setAttribute("data-zoom", zooms[z]);
          layer.hidden = true;
          canvas.appendChild(layer);
          layers.push(layer);
        }
        frame.addEventListener("scroll", function () {
          if (pending === null) {
            pending = root.setTimeout(function () { pending = null; load(); }, 120);
          }
        });
      },
      show: function (next) {
        level = next;
        load();
      },
      /* A group on the last level: its communities as links below the map. */
      list: function (pin) {
        var members = pin.beeMembers;
        if (!members || !panel) {
          return false;
        }
        while (panel.firstChild) {
          panel.removeChild(panel.firstChild);
        }
        panel.appendChild(text("p", "这里有 " + pin.beeTotal + " 个社区："));
        var ul = doc.createElement("ul");
        ul.className = "bee-list";
        for (var i = 0; i < members.length; i++) {
          var m = members[i];
          if (!KEY.test(m[1])) {
            continue;
          }
          var li = doc.createElement("li");
          var a = text("a", m[0]);
          a.href = communities + m[1] + "/";
          li.appendChild(a);
          li.appendChild(doc.createTextNode("（" + m[2] + " 个驿站）"));
          ul.appendChild(li);
        }
        panel.appendChild(ul);
        if (pin.beeTotal > members.length) {
          panel.appendChild(text("p", "还有 " + (pin.beeTotal - members.length) + " 个社区，请在下面的片区里查找。"));
        }
        panel.hidden = false;
        panel.focus();
        return true;
      }
    };
  };
})(window);
