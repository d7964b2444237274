/*
 * bee-geo.js: coordinates, distances, the shard planner and map links for the nearest finder.
 * ES5, no dependencies, no DOM (runs in WeChat's browser and in node for the parity tests).
 *
 * Mirrors generator/data/geo.py (wgs84ToGcj02 is the public-domain WGS-84 -> GCJ-02 transform on the
 * Krasovsky 1940 ellipsoid; phones report WGS-84, our data and the map apps use GCJ-02),
 * generator/web/maplinks.py (same URL shapes) and generator/web/shards.py (the quadtree index and records).
 */
(function (root) {
  "use strict";

  var EARTH_RADIUS_M = 6371008.8;
  var A = 6378245.0;
  var EE = 0.00669342162296594323;
  var PI = Math.PI;
  var APP = "bee-station-guide";

  function transformLat(x, y) {
    var ret = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x));
    ret += (20.0 * Math.sin(6.0 * x * PI) + 20.0 * Math.sin(2.0 * x * PI)) * 2.0 / 3.0;
    ret += (20.0 * Math.sin(y * PI) + 40.0 * Math.sin(y / 3.0 * PI)) * 2.0 / 3.0;
    ret += (160.0 * Math.sin(y / 12.0 * PI) + 320 * Math.sin(y * PI / 30.0)) * 2.0 / 3.0;
    return ret;
  }

  function transformLng(x, y) {
    var ret = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x));
    ret += (20.0 * Math.sin(6.0 * x * PI) + 20.0 * Math.sin(2.0 * x * PI)) * 2.0 / 3.0;
    ret += (20.0 * Math.sin(x * PI) + 40.0 * Math.sin(x / 3.0 * PI)) * 2.0 / 3.0;
    ret += (150.0 * Math.sin(x / 12.0 * PI) + 300.0 * Math.sin(x / 30.0 * PI)) * 2.0 / 3.0;
    return ret;
  }

  /* Browser (WGS-84) -> GCJ-02 as [lng, lat]; same arithmetic as generator.data.geo.wgs84_to_gcj02. */
  function wgs84ToGcj02(lng, lat) {
    var dlat = transformLat(lng - 105.0, lat - 35.0);
    var dlng = transformLng(lng - 105.0, lat - 35.0);
    var rad = lat * PI / 180;
    var magic = 1 - EE * Math.pow(Math.sin(rad), 2);
    var sqrtMagic = Math.sqrt(magic);
    dlat = (dlat * 180.0) / ((A * (1 - EE)) / (magic * sqrtMagic) * PI);
    dlng = (dlng * 180.0) / (A / sqrtMagic * Math.cos(rad) * PI);
    return [lng + dlng, lat + dlat];
  }

  /* Haversine distance in metres, as generator.data.geo.distance_m. */
  function distance(lng1, lat1, lng2, lat2) {
    var p1 = lat1 * PI / 180;
    var p2 = lat2 * PI / 180;
    var dp = p2 - p1;
    var dl = (lng2 - lng1) * PI / 180;
    var a = Math.pow(Math.sin(dp / 2), 2) + Math.cos(p1) * Math.cos(p2) * Math.pow(Math.sin(dl / 2), 2);
    return 2 * EARTH_RADIUS_M * Math.asin(Math.sqrt(a));
  }

  /* Python's round(): halves go to the even neighbour (Math.round always rounds them up). */
  function roundHalfEven(x) {
    var r = Math.round(x);
    return (r - x === 0.5 && r % 2 !== 0) ? r - 1 : r;
  }

  /* '850 米' or '1.2 公里', as generator.data.geo.format_distance. */
  function formatDistance(m) {
    if (m < 1000) {
      return roundHalfEven(m / 10) * 10 + " 米";
    }
    return (m / 1000).toFixed(1) + " 公里";
  }

  /* Leaves with stations of the index's quadtree: [{key, box: [w, s, e, n]}]; see generator/web/shards.py. */
  function leaves(index) {
    var tree = index.tree;
    var out = [];
    var pos = 0;
    function walk(key, box) {
      var c = tree.charAt(pos++);
      if (c === "2") {
        out.push({ key: key, box: box });
      } else if (c === "1") {
        var mx = (box[0] + box[2]) / 2;
        var my = (box[1] + box[3]) / 2;
        walk(key + "0", [box[0], box[1], mx, my]);
        walk(key + "1", [mx, box[1], box[2], my]);
        walk(key + "2", [box[0], my, mx, box[3]]);
        walk(key + "3", [mx, my, box[2], box[3]]);
      }
    }
    walk("r", index.root);
    return out;
  }

  /* Distance from a point to the nearest point of a lng/lat box (0 inside it). */
  function boxDistance(lng, lat, box) {
    var x = Math.min(Math.max(lng, box[0]), box[2]);
    var y = Math.min(Math.max(lat, box[1]), box[3]);
    return distance(lng, lat, x, y);
  }

  /*
   * Which tile to fetch next, or null when done. `fetched` maps tile keys already loaded to true;
   * `found` is the list of distances of the stations loaded so far. Done when k stations are known
   * and none in an unfetched tile can be nearer, or after maxTiles tiles (a far-away rider).
   */
  function nextTile(allLeaves, fetched, found, lng, lat, k, maxTiles) {
    var count = 0;
    var best = null;
    var bestD = Infinity;
    for (var i = 0; i < allLeaves.length; i++) {
      if (fetched[allLeaves[i].key]) {
        count++;
        continue;
      }
      var d = boxDistance(lng, lat, allLeaves[i].box);
      if (d < bestD) {
        bestD = d;
        best = allLeaves[i];
      }
    }
    if (!best || count >= maxTiles) {
      return null;
    }
    if (found.length >= k) {
      var sorted = found.slice().sort(function (a, b) { return a - b; });
      if (sorted[k - 1] <= bestD) {
        return null;
      }
    }
    return best.key;
  }

  /* Python's urllib quote(v, safe=",:;"): encodeURIComponent also keeps !'()* which quote escapes. */
  function q(params) {
    var parts = [];
    for (var i = 0; i < params.length; i++) {
      var v = encodeURIComponent(params[i][1]).replace(/[!'()*]/g, function (c) {
        return "%" + c.charCodeAt(0).toString(16).toUpperCase();
      }).replace(/%2C/g, ",").replace(/%3A/g, ":").replace(/%3B/g, ";");
      parts.push(params[i][0] + "=" + v);
    }
    return parts.join("&");
  }

  function clean(text) {
    return text.replace(/;/g, "，").replace(/:/g, "：");
  }

  /* Amap, Baidu and Tencent marker links for a GCJ-02 point, exactly as generator.web.maplinks.map_links. */
  function mapLinks(name, address, lng, lat) {
    var pos = lng.toFixed(6) + "," + lat.toFixed(6);
    var latlng = lat.toFixed(6) + "," + lng.toFixed(6);
    return [
      ["高德地图", "https://uri.amap.com/marker?" + q([["position", pos], ["name", name], ["src", APP],
        ["coordinate", "gaode"], ["callnative", "1"]])],
      ["百度地图", "https://api.map.baidu.com/marker?" + q([["location", latlng], ["title", name],
        ["content", address], ["output", "html"], ["coord_type", "gcj02"], ["src", APP]])],
      ["腾讯地图", "https://apis.map.qq.com/uri/v1/marker?" + q([["marker", "coord:" + latlng + ";title:" +
        clean(name) + ";addr:" + clean(address)], ["referer", APP]])]
    ];
  }

  function telUrl(phone) {
    return "tel:" + phone.replace(/\D/g, "");
  }

  /* A shard's records as objects with the given `fields`, read by the names the index declares (never by
     position); a field the data lacks is an error, not a silent undefined. */
  function decodeShard(index, shard, fields) {
    var column = {};
    for (var i = 0; i < index.fields.length; i++) {
      column[index.fields[i]] = i;
    }
    for (var f = 0; f < fields.length; f++) {
      if (!(fields[f] in column)) {
        throw new Error("station data has no field " + fields[f]);
      }
    }
    var out = [];
    for (var r = 0; r < shard.s.length; r++) {
      var row = shard.s[r];
      var rec = {};
      for (var k = 0; k < fields.length; k++) {
        rec[fields[k]] = row[column[fields[k]]];
      }
      /* Three fields are stored as indices (see shards.py). */
      if ("status" in rec) {
        rec.status = index.statuses[rec.status];
      }
      if ("hours" in rec) {
        rec.hours = shard.h[rec.hours];
      }
      if ("services" in rec) {
        rec.services = rec.services.map(function (n) { return index.services[n]; });
      }
      out.push(rec);
    }
    return out;
  }

  var BeeGeo = {
    wgs84ToGcj02: wgs84ToGcj02, distance: distance, formatDistance: formatDistance, leaves: leaves,
    boxDistance: boxDistance, nextTile: nextTile, mapLinks: mapLinks, telUrl: telUrl, decodeShard: decodeShard
  };
  root.BeeGeo = BeeGeo;
  if (typeof module !== "undefined" && module.exports) {
    module.exports = BeeGeo;
  }
})(typeof window !== "undefined" ? window : this);
