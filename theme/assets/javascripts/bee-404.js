/*
 * bee-404.js: on the not-found page, for an address shaped like s/<something>/, suggest the closest station
 * ids and names ("您要找的是不是"). ES5, no dependencies. The list is assets/bee/ids.json, written by the
 * build (generator/web/notfound.py): {"fields": ["id", "name"], "stations": [[id, name], ...]}, read by
 * field name. One pass over the stations with an edit distance each: linear in the network's size.
 */
(function (root) {
  "use strict";

  var MAX_SUGGESTIONS = 3;

  /* Levenshtein distance, two rows. */
  function distance(a, b) {
    var prev = [], cur = [], i, j;
    for (j = 0; j <= b.length; j++) { prev[j] = j; }
    for (i = 1; i <= a.length; i++) {
      cur = [i];
      for (j = 1; j <= b.length; j++) {
        cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a.charAt(i - 1) === b.charAt(j - 1) ? 0 : 1));
      }
      prev = cur;
    }
    return prev[b.length];
  }

  /* The station ids closest to what was typed, best first; an id or name containing it counts as close. */
  function suggest(wanted, data) {
    var fid = data.fields.indexOf("id"), fname = data.fields.indexOf("name");
    var limit = Math.max(2, Math.floor(wanted.length / 3));
    var found = [];
    for (var i = 0; i < data.stations.length; i++) {
      var id = data.stations[i][fid], name = data.stations[i][fname];
      var d = Math.min(distance(wanted, id), distance(wanted, name));
      if (id.indexOf(wanted) >= 0 || name.indexOf(wanted) >= 0) { d = Math.min(d, 1); }
      if (d <= limit) { found.push({ id: id, name: name, d: d }); }
    }
    found.sort(function (x, y) { return x.d - y.d || (x.id < y.id ? -1 : 1); });
    return found.slice(0, MAX_SUGGESTIONS);
  }

  /* What stands after s/ in this address, below the site's root, or null. */
  function typedId(pathname, rootPath) {
    if (pathname.indexOf(rootPath) !== 0) { return null; }
    var m = /^s\/([^\/]+)/.exec(pathname.slice(rootPath.length));
    if (!m) { return null; }
    try { return decodeURIComponent(m[1]).toLowerCase(); } catch (e) { return m[1].toLowerCase(); }
  }

  function show(box, rootPath, items) {
    var list = box.querySelector("[data-bee-suggestions]");
    for (var i = 0; i < items.length; i++) {
      var li = root.document.createElement("li");
      var a = root.document.createElement("a");
      a.href = rootPath + "s/" + items[i].id + "/";
      a.textContent = items[i].name + "（" + items[i].id + "）";
      li.appendChild(a);
      list.appendChild(li);
    }
    box.hidden = items.length === 0;
  }

  function start() {
    var box = root.document.querySelector("[data-bee-ids]");
    if (!box || !root.fetch) { return; }
    var rootPath = new URL(box.getAttribute("data-bee-root"), root.location.href).pathname;
    var wanted = typedId(root.location.pathname, rootPath.replace(/\/?$/, "/"));
    if (!wanted) { return; }
    root.fetch(box.getAttribute("data-bee-ids")).then(function (r) { return r.json(); }).then(function (data) {
      show(box, rootPath.replace(/\/?$/, "/"), suggest(wanted, data));
    })["catch"](function () { return null; });
  }

  root.BeeNotFound = { distance: distance, suggest: suggest, typedId: typedId };
  if (root.document) { start(); }
})(typeof window !== "undefined" ? window : this);
