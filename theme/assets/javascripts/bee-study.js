/*
 * bee-study.js: the study library's behaviour on the phone. ES5, no dependencies (runs in WeChat's browser).
 *
 * - Audio player ([data-bee-player]): speed buttons (0.75–2×, remembered), skip ±15 s, and the position
 *   of each item remembered so a rider can stop at a red light and go on later.
 * - Done marks ([data-bee-done] buttons, [data-bee-item] rows): "学过了" ticks.
 * - "My menu" (#bee-my): a learning menu and/or categories the rider picked, with ticks and progress.
 *   Its item list comes from the JSON named by data-bee-study-data (only this page loads it).
 * - Activities ([data-bee-activities], [data-bee-end]): upcoming/past re-split against the phone's clock;
 *   the build's split is only the fallback. Times are instants (ms since the epoch), so comparing them
 *   is independent of the phone's timezone; the texts were written in Beijing time at build time.
 *
 * Everything is stored in this phone's localStorage under "bee.study.*" and never sent anywhere.
 */
(function (root) {
  "use strict";

  var doc = root.document;
  var PREFIX = "bee.study.";

  /* localStorage can throw (private mode, full, disabled): the page must keep working without it. */
  function load(key, fallback) {
    try {
      var text = root.localStorage.getItem(PREFIX + key);
      return text === null ? fallback : JSON.parse(text);
    } catch (e) {
      return fallback;
    }
  }

  function save(key, value) {
    try {
      root.localStorage.setItem(PREFIX + key, JSON.stringify(value));
    } catch (e) {
      /* Nothing to do: the mark is simply not remembered. */
    }
  }

  function forget(key) {
    try {
      root.localStorage.removeItem(PREFIX + key);
    } catch (e) {
      /* ignore */
    }
  }

  function each(list, fn) {
    for (var i = 0; i < list.length; i++) {
      fn(list[i], i);
    }
  }

  function toggleClass(el, name, on) {
    var rest = (" " + (el.className || "") + " ").replace(" " + name + " ", " ").replace(/^\s+|\s+$/g, "");
    el.className = on ? (rest ? rest + " " : "") + name : rest;
  }

  /* ---- done marks ---- */

  function isDone(id) {
    return !!load("done", {})[id];
  }

  function setDone(id, on) {
    var done = load("done", {});
    if (on) {
      done[id] = 1;
    } else {
      delete done[id];
    }
    save("done", done);
  }

  function showDone(scope) {
    var done = load("done", {});
    each(scope.querySelectorAll("[data-bee-item]"), function (el) {
      toggleClass(el, "bee-done", !!done[el.getAttribute("data-bee-item")]);
    });
    each(scope.querySelectorAll("[data-bee-done]"), function (btn) {
      var on = !!done[btn.getAttribute("data-bee-done")];
      btn.setAttribute("aria-pressed", on ? "true" : "false");
      btn.textContent = on ? "已学 ✓（再点取消）" : "标记为已学";
    });
    each(scope.querySelectorAll("[data-bee-check]"), function (box) {
      box.checked = !!done[box.getAttribute("data-bee-check")];
    });
  }

  /* ---- audio player ---- */

  function setupPlayer(box) {
    if (box.getAttribute("data-bee-ready")) {
      return;
    }
    box.setAttribute("data-bee-ready", "1");
    var id = box.getAttribute("data-bee-player");
    var audio = box.querySelector("audio");
    var rate = load("rate", 1);
    var lastSave = 0;

    function applyRate() {
      audio.defaultPlaybackRate = rate;
      audio.playbackRate = rate;
      each(box.querySelectorAll("[data-bee-rate]"), function (b) {
        b.setAttribute("aria-pressed", parseFloat(b.getAttribute("data-bee-rate")) === rate ? "true" : "false");
      });
    }

    function storePosition() {
      var all = load("pos", {});
      if (audio.currentTime > 1 && !audio.ended) {
        all[id] = Math.floor(audio.currentTime);
      } else {
        delete all[id];
      }
      save("pos", all);
    }

    function restore() {
      var at = load("pos", {})[id];
      if (at && (!audio.duration || at < audio.duration - 1)) {
        audio.currentTime = at;
        box.querySelector(".bee-resume").hidden = false;
      }
      applyRate(); /* loading media resets playbackRate in some browsers */
    }

    box.addEventListener("click", function (ev) {
      var t = ev.target;
      if (t.getAttribute("data-bee-rate")) {
        rate = parseFloat(t.getAttribute("data-bee-rate"));
        save("rate", rate);
        applyRate();
      } else if (t.getAttribute("data-bee-skip")) {
        var to = audio.currentTime + parseFloat(t.getAttribute("data-bee-skip"));
        audio.currentTime = Math.max(0, audio.duration ? Math.min(to, audio.duration) : to);
        storePosition();
      }
    });
    audio.addEventListener("timeupdate", function () {
      var now = new Date().getTime();
      if (now - lastSave > 2000) {
        lastSave = now;
        storePosition();
      }
    });
    audio.addEventListener("pause", storePosition);
    audio.addEventListener("seeked", storePosition);
    audio.addEventListener("ended", function () {
      storePosition();
      setDone(id, true);
      showDone(doc);
    });
    applyRate();
    if (audio.readyState >= 1) {
      restore();
    } else {
      audio.addEventListener("loadedmetadata", restore);
    }
  }

  /* ---- "my menu" ---- */

  /* The picker works at once; the list fills in when the data file arrives (slow networks). */
  function setupMy(box) {
    if (box.getAttribute("data-bee-ready")) {
      return;
    }
    box.setAttribute("data-bee-ready", "1");
    var data = null;
    var pick = load("pick", { m: "", c: [] });
    each(box.querySelectorAll("input[name=bee-menu]"), function (r) {
      r.checked = r.value === (pick.m || "");
    });
    each(box.querySelectorAll("input[name=bee-cat]"), function (c) {
      c.checked = pick.c.indexOf(c.value) >= 0;
    });

    function render() {
      if (data) {
        renderMy(box, data, chosenIds(data, pick));
      }
    }

    box.addEventListener("change", function (ev) {
      var t = ev.target;
      if (t.name === "bee-menu") {
        pick.m = t.value;
      } else if (t.name === "bee-cat") {
        var at = pick.c.indexOf(t.value);
        if (t.checked && at < 0) {
          pick.c.push(t.value);
        } else if (!t.checked && at >= 0) {
          pick.c.splice(at, 1);
        }
      } else if (t.getAttribute("data-bee-check")) {
        setDone(t.getAttribute("data-bee-check"), t.checked);
      }
      save("pick", pick);
      render();
    });
    box.querySelector("[data-bee-clear]").addEventListener("click", function () {
      if (root.confirm("清除本机保存的学习菜单、打勾和播放位置？")) {
        forget("pick");
        forget("done");
        forget("pos");
        pick = { m: "", c: [] };
        each(box.querySelectorAll("input"), function (i) {
          i.checked = i.value === "" && i.name === "bee-menu";
        });
        render();
      }
    });

    var xhr = new XMLHttpRequest();
    xhr.open("GET", box.getAttribute("data-bee-study-data"));
    xhr.onload = function () {
      if (xhr.status === 200) {
        data = indexData(JSON.parse(xhr.responseText));
        render();
      }
    };
    xhr.send();
  }

  /* Adds lookups to the data file: item ids per category and per menu. */
  function indexData(data) {
    data.byCat = {};
    data.byMenu = {};
    for (var id in data.i) {
      if (Object.prototype.hasOwnProperty.call(data.i, id)) {
        (data.byCat[data.i[id][1]] = data.byCat[data.i[id][1]] || []).push(id);
      }
    }
    each(data.m, function (m) {
      data.byMenu[m[0]] = m[2];
    });
    return data;
  }

  /* The chosen menu's items in order, then the chosen categories' items, each once. */
  function chosenIds(data, pick) {
    var ids = [];
    var seen = {};
    var add = function (i) {
      if (data.i[i] && !seen[i]) {
        seen[i] = true;
        ids.push(i);
      }
    };
    each(data.byMenu[pick.m] || [], add);
    each(pick.c, function (c) {
      each(data.byCat[c] || [], add);
    });
    return ids;
  }

  function renderMy(box, data, ids) {
    var list = box.querySelector(".bee-my-list");
    var done = 0;
    list.innerHTML = "";
    each(ids, function (i) {
      var li = doc.createElement("li");
      li.setAttribute("data-bee-item", i);
      var label = doc.createElement("label");
      var check = doc.createElement("input");
      check.type = "checkbox";
      check.setAttribute("data-bee-check", i);
      check.setAttribute("aria-label", "学过了：" + data.i[i][0]);
      label.appendChild(check);
      var link = doc.createElement("a");
      link.href = "../i/" + i + "/";
      link.textContent = data.i[i][0]; /* textContent: titles are data, never HTML */
      var meta = doc.createElement("span");
      meta.className = "bee-study-meta";
      meta.textContent = data.i[i][2];
      li.appendChild(label);
      li.appendChild(link);
      li.appendChild(meta);
      list.appendChild(li);
      done += isDone(i) ? 1 : 0;
    });
    box.querySelector(".bee-my-empty").hidden = ids.length > 0;
    box.querySelector(".bee-my-progress").textContent = ids.length ? "已学 " + done + " / " + ids.length : "";
    showDone(box);
  }

  /* ---- activities ---- */

  function num(el, name) {
    return parseInt(el.getAttribute(name), 10);
  }

  function splitActivities(scope, now) {
    var upcoming = scope.querySelector("[data-bee-activities=upcoming]");
    var past = scope.querySelector("[data-bee-activities=past]");
    if (upcoming && past) {
      var all = [];
      each(scope.querySelectorAll(".bee-activities .bee-activity"), function (el) {
        all.push(el);
      });
      all.sort(function (a, b) {
        return num(a, "data-bee-start") - num(b, "data-bee-start");
      });
      var later = [];
      var ended = [];
      each(all, function (el) {
        (num(el, "data-bee-end") > now ? later : ended).push(el);
      });
      ended.reverse(); /* most recent first */
      each(later, function (el) {
        upcoming.appendChild(el);
      });
      each(ended, function (el) {
        past.appendChild(el);
      });
      var none = scope.querySelector(".bee-activity-none");
      if (none) {
        none.hidden = later.length > 0;
      }
    }
    /* Elsewhere (station pages, library home) an ended activity is simply hidden. */
    each(scope.querySelectorAll("[data-bee-end]"), function (el) {
      var parent = el.parentNode;
      if (!(parent && parent.getAttribute && parent.getAttribute("data-bee-activities"))) {
        el.hidden = num(el, "data-bee-end") <= now;
      }
      var state = el.querySelector && el.querySelector(".bee-activity-state");
      if (state) {
        state.hidden = !(num(el, "data-bee-start") <= now && now < num(el, "data-bee-end"));
      }
    });
  }

  /* A station page whose activities have all ended since the build drops the whole block. */
  function hideEmptyStationLists(scope) {
    each(scope.querySelectorAll(".bee-station-activities"), function (list) {
      var shown = 0;
      each(list.querySelectorAll("li"), function (li) {
        shown += li.hidden ? 0 : 1;
      });
      list.hidden = shown === 0;
      var heading = list.previousElementSibling;
      if (heading && heading.id === "activities") {
        heading.hidden = shown === 0;
      }
    });
  }

  /* ---- wiring ---- */

  function refresh() {
    each(doc.querySelectorAll("[data-bee-player]"), setupPlayer);
    each(doc.querySelectorAll("#bee-my"), setupMy);
    splitActivities(doc, new Date().getTime());
    hideEmptyStationLists(doc);
    showDone(doc);
  }

  /* One delegated listener for every page's buttons. */
  doc.addEventListener("click", function (ev) {
    var t = ev.target;
    var id = t && t.getAttribute && t.getAttribute("data-bee-done");
    if (id) {
      setDone(id, !isDone(id));
      showDone(doc);
    }
    var menu = t && t.getAttribute && t.getAttribute("data-bee-pick-menu");
    if (menu) {
      var pick = load("pick", { m: "", c: [] });
      pick.m = menu;
      save("pick", pick);
      t.textContent = "已设为我的学习菜单 ✓";
    }
  });

  root.BeeStudy = { refresh: refresh, split: splitActivities };
  if (doc.readyState === "loading") {
    doc.addEventListener("DOMContentLoaded", refresh);
  } else {
    refresh();
  }
})(window);
