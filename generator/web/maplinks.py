"""Web deep links to Chinese map services; no API key, plain https so they work inside WeChat."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote, urlencode

APP = "bee-station-guide"


@dataclass(frozen=True)
class MapLink:
    """One navigation button."""

    service: str  # 高德 / 百度 / 腾讯
    url: str


def _q(params: dict[str, str]) -> str:
    # Keep ',', ':' and ';' readable: the services parse them as separators inside one parameter.
    return urlencode(params, quote_via=quote, safe=",:;")


def map_links(name: str, address: str, lng: float, lat: float) -> list[MapLink]:
    """Amap, Baidu and Tencent marker links for a GCJ-02 point, each in the order its API expects."""
    pos = f"{lng:.6f},{lat:.6f}"  # Amap: longitude first
    latlng = f"{lat:.6f},{lng:.6f}"  # Baidu and Tencent: latitude first
    amap = "https://uri.amap.com/marker?" + _q(
        {"position": pos, "name": name, "src": APP, "coordinate": "gaode", "callnative": "1"}
    )
    # coord_type=gcj02 makes Baidu convert to its own BD-09 itself.
    baidu = "https://api.map.baidu.com/marker?" + _q(
        {"location": latlng, "title": name, "content": address, "output": "html", "coord_type": "gcj02", "src": APP}
    )
    # Tencent's marker takes GCJ-02 by default; ';' separates the marker's fields.
    tencent = "https://apis.map.qq.com/uri/v1/marker?" + _q(
        {"marker": f"coord:{latlng};title:{_clean(name)};addr:{_clean(address)}", "referer": APP}
    )
    return [MapLink("高德地图", amap), MapLink("百度地图", baidu), MapLink("腾讯地图", tencent)]


def _clean(text: str) -> str:
    # ';' and ':' would start a new field inside Tencent's marker parameter.
    return text.replace(";", "，").replace(":", "：")
