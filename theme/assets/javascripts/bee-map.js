/*
 * bee-map.js: zoom for the guide map page (导视图). Loaded by bee-boot.js where [data-bee-map] is. ES5.
 *
 * The page ships one pin layer per zoom level (generator/printing/guidemap.py, pin_layers): at each level
 * pins are at least 44 px apart, and stations too close to tell apart share a pin that zooms in on them.
 * Zooming widens the canvas inside a frame that scrolls both ways (panning is the browser's own scrolling,
 * by touch, mouse or arrow keys) and keeps the same point in the middle. Without JS the whole map shows at
 * zoom 1 and the numbered list below it links every station.
 */
(function (root) {
  "use strict";

  var doc = root.document;

  function setup(el) {
    var frame = el.querySelector(".bee-map-frame");
    var canvas = el.querySelector(".bee-map-canvas");
    var layers = el.querySelectorAll(".bee-pins");
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
        root.location.hash = "list"; /* as close as the map goes: the list names them */
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
