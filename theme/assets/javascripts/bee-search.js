/*
 * bee-search.js: station search in the site's search box, shown above Material's results.
 * ES5, no dependencies; loaded by bee-boot.js only once the rider opens search. The data and the
 * ranking are generator/web/search.py's (a node test runs both on the same queries): fetch the
 * small index, then the posting file of the query's rarest character, then the row files of its
 * stations (at most index.files of them), and keep those whose name + community + address contain
 * the whole query.
 */
(function (root) {
  "use strict";

  var IGNORED = /[\s\-_·.,，。、；;:：()（）【】\[\]"'“”‘’\/]/g;
  var LIMIT = 20;

  function normalise(text) {
    return String(text).replace(IGNORED, "").toLowerCase();
  }

  /* Characters of a string with surrogate pairs kept together, as Python iterates a str. */
  function characters(text) {
    var out = [];
    for (var i = 0; i < text.length; i++) {
      var c = text.charCodeAt(i);
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
        out.push(text.charAt(i) + text.charAt(i + 1));
        i++;
      } else {
        out.push(text.charAt(i));
      }
    }
    return out;
  }

  /* The query character fewest stations contain (the first such); null when a character is absent. */
  function rarest(index, q) {
    var chars = characters(q);
    var best = null;
    for (var i = 0; i < chars.length; i++) {
      var entry = index.chars[chars[i]];
      if (!entry) {
        return null;
      }
      if (!best || entry[0] < best.count) {
        best = { ch: chars[i], count: entry[0], file: entry[1] };
      }
    }
    return best;
  }

  function rank(row, q) {
    var name = normalise(row.name);
    if (name.indexOf(q) === 0) {
      return 0;
    }
    if (name.indexOf(q) >= 0) {
      return 1;
    }
    return normalise(row.community).indexOf(q) >= 0 ? 2 : 3;
  }

  /* `load(url, done)` fetches one JSON file: XHR in the browser, a file table in the tests. */
  function Search(base, load) {
    this.base = base;
    this.load = load;
    this.cache = {};
  }

  Search.prototype.get = function (name, done) {
    var cache = this.cache;
    if (cache[name]) {
      done(null, cache[name]);
      return;
    }
    this.load(this.base + name, function (err, data) {
      if (!err) {
        cache[name] = data;
      }
      done(err, data);
    });
  };

  Search.prototype.getAll = function (names, done) {
    var out = [];
    var left = names.length;
    var failed = false;
    var self = this;
    if (!left) {
      done(null, out);
      return;
    }
    for (var i = 0; i < names.length; i++) {
      (function (k) {
        self.get(names[k], function (err, data) {
          if (failed) {
            return;
          }
          if (err) {
            failed = true;
            done(err);
            return;
          }
          out[k] = data;
          if (--left === 0) {
            done(null, out);
          }
        });
      })(i);
    }
  };

  /* Calls done(err, [{id, name, community, address}]) with at most `limit` stations, best first. */
  Search.prototype.query = function (query, limit, done) {
    var q = normalise(query);
    var self = this;
    if (!q) {
      done(null, []);
      return;
    }
    self.get("index.json", function (err, index) {
      if (err) {
        done(err);
        return;
      }
      var best = rarest(index, q);
      if (!best) {
        done(null, []); /* no station contains one of the characters */
        return;
      }
      self.get("p" + best.file + ".json", function (err2, postings) {
        if (err2) {
          done(err2);
          return;
        }
        var numbers = [];
        var deltas = postings[best.ch] || [];
        var n = 0;
        var shards = {};
        var names = [];
        for (var j = 0; j < deltas.length; j++) {
          n += deltas[j];
          var s = Math.floor(n / index.shard);
          if (!shards[s]) {
            if (names.length === index.files) {
              break; /* only common characters: look at part of the network (search.py, scanned) */
            }
            shards[s] = true;
            names.push("r" + s + ".json");
          }
          numbers.push(n);
        }
        self.getAll(names, function (err3) {
          if (err3) {
            done(err3);
            return;
          }
          done(null, self.match(index, numbers, q, limit));
        });
      });
    });
  };

  Search.prototype.match = function (index, numbers, q, limit) {
    var found = [];
    for (var i = 0; i < numbers.length; i++) {
      var n = numbers[i];
      var raw = this.cache["r" + Math.floor(n / index.shard) + ".json"][n % index.shard];
      var row = {};
      for (var f = 0; f < index.fields.length; f++) {
        row[index.fields[f]] = raw[f];
      }
      if (normalise(row.name + row.community + row.address).indexOf(q) >= 0) {
        found.push({ rank: rank(row, q), n: n, row: row });
      }
    }
    found.sort(function (a, b) { return a.rank - b.rank || a.n - b.n; });
    var out = [];
    for (var k = 0; k < found.length && k < limit; k++) {
      out.push(found[k].row);
    }
    return out;
  };

  /* ---- the search box ------------------------------------------------------------------------ */

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

  function element(doc, tag, className, text) {
    var el = doc.createElement(tag);
    if (className) {
      el.className = className;
    }
    if (text) {
      el.appendChild(doc.createTextNode(text));
    }
    return el;
  }

  function render(doc, box, stationUrl, rows, query) {
    while (box.firstChild) {
      box.removeChild(box.firstChild);
    }
    if (!query) {
      return;
    }
    box.appendChild(element(doc, "p", "bee-search-meta", rows.length ? "驿站（" + rows.length + (rows.length >= LIMIT ? "+" : "") + "）" : "没有找到名称、社区或地址含“" + query + "”的驿站"));
    if (!rows.length) {
      return;
    }
    var list = element(doc, "ul", "bee-search-list");
    for (var i = 0; i < rows.length; i++) {
      var li = element(doc, "li");
      var a = element(doc, "a", "bee-search-hit");
      a.href = stationUrl.replace("{id}", rows[i].id);
      a.appendChild(element(doc, "strong", "", rows[i].name));
      a.appendChild(element(doc, "small", "", rows[i].community + " · " + rows[i].address));
      li.appendChild(a);
      list.appendChild(li);
    }
    box.appendChild(list);
  }

  function attach(doc, search, siteRoot) {
    var input = doc.querySelector("[data-md-component=search-query]");
    var results = doc.querySelector(".md-search-result");
    if (!input || !results || input.getAttribute("data-bee-stations")) {
      return;
    }
    input.setAttribute("data-bee-stations", "1");
    var box = element(doc, "div", "bee-search-stations");
    box.setAttribute("aria-live", "polite");
    results.insertBefore(box, results.firstChild);
    var timer = null;
    var latest = "";
    function run() {
      var query = input.value;
      latest = query;
      search.query(query, LIMIT, function (err, rows) {
        if (query === latest) {
          var url = siteRoot + ((search.cache["index.json"] || {}).url || "");
          render(doc, box, url, err ? [] : rows, normalise(query) ? query.replace(/^\s+|\s+$/g, "") : "");
        }
      });
    }
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(run, 150);
    });
    if (input.value) {
      run();
    }
  }

  var BeeSearch = { Search: Search, normalise: normalise, LIMIT: LIMIT };
  if (typeof module !== "undefined" && module.exports) {
    module.exports = BeeSearch;
    return;
  }
  root.BeeSearch = BeeSearch;
  var me = root.document.currentScript || root.document.querySelector("script[data-bee-root]");
  var siteRoot = me ? me.getAttribute("data-bee-root") : "";
  var start = function () {
    attach(root.document, new Search(siteRoot + "assets/bee/search/", getJSON), siteRoot);
  };
  if (root.document.readyState === "loading") {
    root.document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})(typeof window !== "undefined" ? window : this);
