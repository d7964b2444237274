/*
 * bee-map.js: zoom for the guide map page (导视图). Loaded by bee-boot.js where [data-bee-map] is. ES5.
 *
 * The page ships one pin layer per zoom level (generator/printing/guidemap.py, pin_layers): at each level
 * pins are at least 44 px apart, and stations too close to tell apart share a pin that zooms in on them.
 * Zooming widens the canvas inside a frame that scrolls both ways (panning is the browser's own scrolling,
 * by touch, mouse or arrow keys) and keeps the same point in the middle. Without JS the whole map shows at
 * zoom 1 and the list below it leads to every station.
 *
 * A large network's map ships its first level only and names, in data-bee-tiles-js, the script that fetches
 * the other levels' pins (bee-maptiles.js): setup waits for it and calls its hooks (init: the empty layers
 * of those levels; show: a level is shown; list: a group on the last level was tapped), so the sample's map
 * does not download that code.
 */
(function (root) {
  "use strict";

  var doc = root.document;

  function setup(el, tiles) {
    var frame = el.querySelector(".bee-map-frame");
    var canvas = el.querySelector(".bee-map-canvas");
    var found = el.querySelectorAll(".bee-pins");
    var layers = [];
    for (var j = 0; j < found.length; j++) {
      layers.push(found[j]);
    }
    if (tiles) {
      tiles.init(frame, canvas, layers);
    }
    var zoomIn = el.querySelector("[data-bee-zoom=in]");
    var zoomOut = el.querySelector("[data-bee-zoom=out]");
    var level = 0;

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
      if (tiles) {
        tiles.show(level);
      }
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
        if (!tiles || !tiles.list(t)) {
          root.location.hash = "list"; /* as close as the map goes: the list names them */
        }
        return;
      }
      show(level + 1, parseFloat(t.getAttribute("data-x")) / 100, parseFloat(t.getAttribute("data-y")) / 100);
      frame.focus(); /* the group's pin is gone at the new level */
    });
  }

  function withTiles(el, src) {
    var s = doc.createElement("script");
    s.src = src;
    s.onload = function () { setup(el, root.BeeMapTiles(el)); };
    doc.body.appendChild(s);
  }

  var maps = doc.querySelectorAll("[data-bee-map]");
  for (var k = 0; k < maps.length; k++) {
    var src = maps[k].getAttribute("data-bee-tiles-js");
    if (src) {
      withTiles(maps[k], src);
    } else {
      setup(maps[k]);
    }
  }
})(window);
