/*
 * bee-boot.js: loaded before Material's bundle to keep a rider's first view small. ES5, no dependencies.
 *
 * 1. Search on demand. Material starts its search worker and downloads search/search_index.json on every
 *    page load (~28 KB gzipped here, growing with the site), although few riders ever search. Until the
 *    rider opens search, the worker is a stand-in that queues messages and the index request waits.
 *    Opening search also loads bee-search.js, which searches the stations (generator/web/search.py).
 * 2. The nearest-finder scripts (bee-geo.js, bee-near.js), the report page's (bee-report.js) and the map
 *    page's (bee-map.js) load only on pages that use them.
 * 3. Station photos load only when scrolled near.
 * 4. The service worker is registered after the page has loaded.
 * URLs come from this script's data attributes (relative to the page, so any base path works).
 */
(function (root) {
  "use strict";

  var doc = root.document;
  var me = doc.currentScript || doc.querySelector("script[data-bee-sw]");
  function absolute(url) {
    var a = doc.createElement("a");
    a.href = url;
    return a.href;
  }
  var SW = absolute(me.getAttribute("data-bee-sw"));
  var ROOT = absolute(me.getAttribute("data-bee-root"));
  var SEARCH = absolute(me.getAttribute("data-bee-search"));
  var FINDER = [absolute(me.getAttribute("data-bee-geo")), absolute(me.getAttribute("data-bee-near"))];
  var REPORT = absolute(me.getAttribute("data-bee-report-js"));
  var MAP = absolute(me.getAttribute("data-bee-map-js"));

  /* ---- 1. search on demand ------------------------------------------------------------------------ */

  var released = false;
  var waiting = [];
  function release() {
    if (released) {
      return;
    }
    released = true;
    loadStationSearch();
    for (var i = 0; i < waiting.length; i++) {
      waiting[i]();
    }
    waiting = [];
  }
  function whenReleased(fn) {
    if (released) {
      fn();
    } else {
      waiting.push(fn);
    }
  }

  var send = root.XMLHttpRequest && root.XMLHttpRequest.prototype.send;
  var open = root.XMLHttpRequest && root.XMLHttpRequest.prototype.open;
  if (send && open) {
    root.XMLHttpRequest.prototype.open = function (method, url) {
      this.beeSearchIndex = /search\/search_index\.json(\?|$)/.test(String(url));
      return open.apply(this, arguments);
    };
    root.XMLHttpRequest.prototype.send = function () {
      var xhr = this;
      var args = arguments;
      if (!xhr.beeSearchIndex || released) {
        return send.apply(xhr, args);
      }
      whenReleased(function () { send.apply(xhr, args); });
    };
  }

  var RealWorker = root.Worker;
  if (RealWorker) {
    var LazyWorker = function (url, options) {
      var self = this;
      self.real = null;
      self.queue = [];
      self.listeners = [];
      whenReleased(function () {
        self.real = new RealWorker(url, options);
        for (var i = 0; i < self.listeners.length; i++) {
          self.real.addEventListener.apply(self.real, self.listeners[i]);
        }
        for (var j = 0; j < self.queue.length; j++) {
          self.real.postMessage(self.queue[j]);
        }
        self.queue = [];
      });
    };
    LazyWorker.prototype.addEventListener = function () {
      if (this.real) {
        this.real.addEventListener.apply(this.real, arguments);
      } else {
        this.listeners.push(Array.prototype.slice.call(arguments));
      }
    };
    LazyWorker.prototype.removeEventListener = function (type, fn) {
      if (this.real) {
        this.real.removeEventListener.apply(this.real, arguments);
        return;
      }
      for (var i = this.listeners.length - 1; i >= 0; i--) {
        if (this.listeners[i][0] === type && this.listeners[i][1] === fn) {
          this.listeners.splice(i, 1);
        }
      }
    };
    LazyWorker.prototype.postMessage = function (message) {
      if (this.real) {
        this.real.postMessage(message);
      } else {
        this.queue.push(message);
      }
    };
    LazyWorker.prototype.terminate = function () {
      if (this.real) {
        this.real.terminate();
      }
    };
    root.Worker = function (url, options) {
      /* Only Material's search worker waits; any other worker starts as usual. */
      return /workers\/search\./.test(String(url)) && !released ? new LazyWorker(url, options) :
        new RealWorker(url, options);
    };
  }

  /* Opening search: tapping the search button (the #__search toggle), focusing the box, or a shortcut key. */
  doc.addEventListener("change", function (e) {
    if (e.target && e.target.id === "__search") {
      release();
    }
  }, true);
  doc.addEventListener("focusin", function (e) {
    if (e.target && e.target.getAttribute && e.target.getAttribute("data-md-component") === "search-query") {
      release();
    }
  }, true);
  doc.addEventListener("click", function (e) {
    var t = e.target;
    while (t && t !== doc) {
      if (t.getAttribute && t.getAttribute("for") === "__search") {
        release();
        return;
      }
      t = t.parentNode;
    }
  }, true);
  doc.addEventListener("keydown", function (e) {
    var key = e.key || "";
    if (key === "/" || key === "s" || key === "S" || key === "f" || key === "F") {
      release();
    }
  }, true);

  /* Station search (bee-search.js) comes with Material's search, never before. */
  function loadStationSearch() {
    var s = doc.createElement("script");
    s.src = SEARCH;
    s.setAttribute("data-bee-root", ROOT);
    (doc.body || doc.documentElement).appendChild(s);
  }

  /* ---- 2. finder scripts where needed ------------------------------------------------------------- */

  var loaded = {};
  function load(url) {
    if (loaded[url]) {
      return;
    }
    loaded[url] = true;
    var s = doc.createElement("script");
    s.src = url;
    s.async = false; /* keep the order: bee-geo.js, then bee-near.js */
    doc.body.appendChild(s);
  }
  /* The directory needs only the filters (bee-near.js); the finder also needs bee-geo.js, and so does the
     report page (bee-report.js: location as an Amap link). */
  function loadFinder() {
    var report = doc.querySelector("[data-bee-report]");
    if (doc.querySelector("[data-bee-finder]") || report) {
      load(FINDER[0]);
    }
    if (doc.querySelector("[data-bee-filter-scope]")) {
      load(FINDER[1]);
    }
    if (report) {
      load(REPORT);
    }
    if (doc.querySelector("[data-bee-map]")) {
      load(MAP);
    }
  }

  /* ---- 3. photos when scrolled near ---------------------------------------------------------------- */

  /* Station photos carry their URLs in data-bee-src / data-bee-srcset until they come within 200 px of the
     screen: Chromium's native loading="lazy" fetches anything within 1,250 px (2,500 px on slow links),
     which would put the photos in the first view. Without IntersectionObserver they load at once. */
  function showPhoto(img) {
    var parts = img.parentNode.querySelectorAll("[data-bee-srcset]");
    for (var i = 0; i < parts.length; i++) {
      parts[i].setAttribute("srcset", parts[i].getAttribute("data-bee-srcset"));
      parts[i].removeAttribute("data-bee-srcset");
    }
    img.src = img.getAttribute("data-bee-src");
    img.removeAttribute("data-bee-src");
  }
  function lazyPhotos() {
    var imgs = doc.querySelectorAll("img[data-bee-src]");
    var i;
    if (!root.IntersectionObserver) {
      for (i = 0; i < imgs.length; i++) {
        showPhoto(imgs[i]);
      }
      return;
    }
    var seen = new root.IntersectionObserver(function (entries) {
      for (var j = 0; j < entries.length; j++) {
        if (entries[j].isIntersecting) {
          seen.unobserve(entries[j].target);
          showPhoto(entries[j].target);
        }
      }
    }, { rootMargin: "200px 0px" });
    for (i = 0; i < imgs.length; i++) {
      seen.observe(imgs[i]);
    }
  }

  /* ---- 4. wiring ---------------------------------------------------------------------------------- */

  function onPage() {
    loadFinder();
    lazyPhotos();
    /* Material's search panel is a role=dialog without a name (axe rule aria-dialog-name). */
    var dialog = doc.querySelector(".md-search[role=dialog]");
    if (dialog && !dialog.getAttribute("aria-label")) {
      dialog.setAttribute("aria-label", "搜索");
    }
  }
  if (doc.readyState === "loading") {
    doc.addEventListener("DOMContentLoaded", onPage);
  } else {
    onPage();
  }
  root.addEventListener("load", function () {
    if ("serviceWorker" in root.navigator) {
      root.navigator.serviceWorker.register(SW)["catch"](function () {
        /* No offline support (e.g. an in-app browser without service workers): the site works as before. */
      });
    }
  });
  root.BeeBoot = { releaseSearch: release };
})(window);
