"""The guide map (红色导视图): an SVG drawn from the stations' coordinates, for the site and for print.

Projection: equirectangular around the stations' mean latitude, with longitudes scaled by
cos(latitude), so one SVG unit is the same number of metres in x and y and the scale bar is true
(error well under 1 % across a district of a few kilometres). Coordinates are GCJ-02 throughout;
the optional roads GeoJSON must use the same datum (copy points from Amap's picker).
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

from jinja2 import Environment
from markupsafe import Markup

from ..data.geo import EARTH_RADIUS_M
from ..data.model import Network, Station
from ..render import community_url, is_large

WIDTH, HEIGHT = 1400, 990  # A3 landscape proportions (420 × 297 mm)
PRINT_MM = 404.0  # the printed map's width: A3 landscape less two 8 mm margins
MAP_BOX = (20.0, 90.0, 960.0, 860.0)  # x, y, width, height of the map panel (one legend column)
# On A3 (404 mm printed width) one unit is 0.29 mm: 13 units print at 10.6 pt, the legend's size.
LEGEND_FONT = 13
LEGEND_LINE = 17
LEGEND_TOP = 268  # first legend entry's baseline (absolute y) in the first column, below the symbol keys
LEGEND_TOP_NEXT = 103  # first baseline of the other columns: the top of the map panel
LEGEND_BOTTOM = HEIGHT - 40  # no baseline below this: the footer line is under it
LEGEND_COLUMN_GAP = 16
ROAD_FONT = 15
NUMBER_WIDTH = 22.0  # a marker number's widest extent (units): the 24 inside the circle's stroke, less a margin
DIGIT_EM = 0.59  # advance of a digit in Noto Sans CJK SC Bold, in em (read from the font by a test)
ASCENT, DESCENT = 1.160, 0.288  # Noto Sans CJK SC, in em (hhea), as WeasyPrint places a line's baseline
NICE_LENGTHS_M = (100, 200, 250, 500, 1000, 2000, 2500, 5000, 10000)


@dataclass(frozen=True)
class Projection:
    """Equirectangular projection fitted into the map panel."""

    lng0: float
    lat0: float
    scale: float  # SVG units per metre
    cx: float
    cy: float

    def xy(self, lng: float, lat: float) -> tuple[float, float]:
        """SVG coordinates of a GCJ-02 point (y grows southwards)."""
        k = math.pi / 180 * EARTH_RADIUS_M
        x = (lng - self.lng0) * k * math.cos(math.radians(self.lat0))
        y = (lat - self.lat0) * k
        return round(self.cx + x * self.scale, 1), round(self.cy - y * self.scale, 1)


@dataclass(frozen=True)
class Marker:
    """A numbered station marker."""

    number: int
    station: Station
    x: float
    y: float

    @property
    def font(self) -> float:
        """The number's font size (map units) that keeps it inside the marker's circle: r = 13 less the white
        stroke leaves 24 units; a digit of Noto Sans CJK Bold is 0.59 em wide, and NUMBER_WIDTH leaves a margin.
        Two digits get 14 and three 11 as always; a 5-digit number of a provincial map gets 7."""
        digits = len(str(self.number))
        if digits <= 3:
            return 14 if digits <= 2 else 11
        return math.floor(NUMBER_WIDTH / (DIGIT_EM * digits) * 2) / 2

    @property
    def baseline(self) -> float:
        """The number's baseline: 5 units below the centre, as before, or centred for the smaller sizes."""
        return self.y + (5 if self.font >= 11 else round(self.font * 0.36, 1))


@dataclass(frozen=True)
class Line:
    """A road or boundary from the GeoJSON, already projected to an SVG path."""

    name: str
    kind: str
    d: str
    label: tuple[float, float, float] | None = None
    """x, y and angle (degrees, upright) of the name, along the line's longest straight stretch."""


def fit(
    points: list[tuple[float, float]], padding: float = 0.08, box: tuple[float, float, float, float] = MAP_BOX
) -> Projection:
    """The projection that fits all points into the map panel with some room around them."""
    lngs, lats = [p[0] for p in points], [p[1] for p in points]
    lng0, lat0 = (min(lngs) + max(lngs)) / 2, (min(lats) + max(lats)) / 2
    k = math.pi / 180 * EARTH_RADIUS_M
    w_m = max((max(lngs) - min(lngs)) * k * math.cos(math.radians(lat0)), 1.0)
    h_m = max((max(lats) - min(lats)) * k, 1.0)
    x, y, w, h = box
    scale = min(w / w_m, h / h_m) * (1 - 2 * padding)
    return Projection(lng0, lat0, scale, x + w / 2, y + h / 2)


def scale_bar(projection: Projection, box: tuple[float, float, float, float] = MAP_BOX) -> tuple[int, float, str]:
    """A round length (metres) about a fifth of the panel wide, its SVG length and its label."""
    target = box[2] / 5 / projection.scale
    metres = min(NICE_LENGTHS_M, key=lambda m: abs(math.log(m / target)))
    label = f"{metres // 1000} 公里" if metres >= 1000 and metres % 1000 == 0 else f"{metres} 米"
    return metres, round(metres * projection.scale, 1), label


def load_lines(path: Path | None, projection: Projection) -> list[Line]:
    """LineString/MultiLineString/Polygon features of a small GeoJSON file, projected."""
    if path is None or not path.exists():
        return []
    data = json.loads(path.read_text(encoding="utf-8"))
    lines = []
    for feature in data.get("features", []):
        geom, props = feature.get("geometry") or {}, feature.get("properties") or {}
        parts = {
            "LineString": [geom.get("coordinates")],
            "MultiLineString": geom.get("coordinates"),
            "Polygon": geom.get("coordinates"),
        }.get(str(geom.get("type")), [])
        runs = [[projection.xy(c[0], c[1]) for c in part] for part in parts or [] if part]
        d = "".join("M" + "L".join(f"{x} {y}" for x, y in run) for run in runs)
        if d:
            kind = str(props.get("kind", "road"))
            label = _label_at(runs) if kind == "road" and props.get("name") else None
            lines.append(Line(str(props.get("name", "")), kind, d, label))
    return lines


def _label_at(runs: list[list[tuple[float, float]]]) -> tuple[float, float, float] | None:
    """Middle and direction of the longest segment, the angle turned so the text never reads upside down."""
    segments = [pair for run in runs for pair in pairwise(run)]
    if not segments:
        return None
    (x1, y1), (x2, y2) = max(segments, key=lambda s: math.dist(*s))
    angle = math.degrees(math.atan2(y2 - y1, x2 - x1))
    if angle > 90:
        angle -= 180
    elif angle <= -90:
        angle += 180
    return round((x1 + x2) / 2, 1), round((y1 + y2) / 2, 1), round(angle, 1)


def legend_layout(markers: list[Marker]) -> tuple[int, float, list[tuple[Marker, float, float]]]:
    """Columns of full names (never truncated): (columns, column width, entries with their x, y).

    The first column starts below the symbol keys; the next ones use the panel's full height.
    """
    widest = max((_em(f"{m.number}. {m.station.name}") for m in markers), default=8)
    column = round(widest * LEGEND_FONT + LEGEND_COLUMN_GAP, 1)
    placed: list[tuple[Marker, float, float]] = []
    x, y, columns = 0.0, float(LEGEND_TOP), 1
    for m in markers:
        if y > LEGEND_BOTTOM:
            x, y, columns = x + column, float(LEGEND_TOP_NEXT), columns + 1
        placed.append((m, x, y))
        y += LEGEND_LINE
    return columns, column, placed


def _em(text: str) -> float:
    return sum(1.0 if ord(ch) > 0x2E7F else 0.62 for ch in text)


@dataclass(frozen=True)
class MapLayout:
    """Where everything goes on the map, in SVG units."""

    markers: list[Marker]
    legend: list[tuple[Marker, float, float]]
    """Legend entries with their x (from legend_x) and baseline y."""
    legend_x: float
    box: tuple[float, float, float, float]
    projection: Projection


def layout_map(network: Network, numbers: dict[str, int] | None = None) -> MapLayout:
    """Markers in number order (data order when `numbers` is None), the legend and the map panel beside it."""
    order = sorted(network.stations, key=lambda s: (numbers or {}).get(s.id, 0))
    numbered = [
        (numbers[st.id] if numbers else i, st) for i, st in enumerate(order if numbers else network.stations, 1)
    ]
    columns, column, _ = legend_layout([Marker(n, st, 0, 0) for n, st in numbered])
    legend_x = WIDTH - 20 - columns * column
    box = (MAP_BOX[0], MAP_BOX[1], max(legend_x - 30 - MAP_BOX[0], 400.0), MAP_BOX[3])
    projection = fit([(s.location.lng, s.location.lat) for s in network.stations], box=box)
    markers = [Marker(n, st, *projection.xy(st.location.lng, st.location.lat)) for n, st in numbered]
    return MapLayout(markers, legend_layout(markers)[2], legend_x, box, projection)


def guide_map_svg(
    env: Environment,
    network: Network,
    roads: Path | None = None,
    *,
    numbers: dict[str, int] | None = None,
    link_prefix: str = "../",
    medium: str = "screen",
    data_date: str = "",
    part: object = None,
    layout: MapLayout | None = None,
) -> Markup:
    """The map: numbered markers linking to `<link_prefix>s/<id>/`, legend, scale bar and north arrow.

    `numbers` are the printed numbers (data order when None). `medium="print"` draws in process
    colours (inks.PRINT), without links, and adds the title block with `data_date`: svgdraw.py
    puts it on paper; "screen" uses sRGB.
    """
    from .inks import PRINT, SCREEN

    layout = layout or layout_map(network, numbers)
    _, bar, label = scale_bar(layout.projection, layout.box)
    svg = env.get_template("print/map.svg").render(
        network=network,
        markers=layout.markers,
        legend=layout.legend,
        legend_x=layout.legend_x,
        legend_font=LEGEND_FONT,
        road_font=ROAD_FONT,
        lines=load_lines(roads, layout.projection),
        width=WIDTH,
        height=HEIGHT,
        box=layout.box,
        bar=bar,
        bar_label=label,
        link_prefix=link_prefix,
        ink=PRINT if medium == "print" else SCREEN,
        medium=medium,
        data_date=data_date,
        part=part,
    )
    return Markup(svg)


# ---- The guide map on the website: the map panel fits a phone, with zoom levels and 44 px pins. ----

ZOOMS = (1, 2, 4, 8)
PIN_PX = 44  # WCAG 2.5.5 (AAA) size, our floor for every touch target
REFERENCE_PX = 300  # the map's width on a 320–360 px phone at zoom 1: pins are laid out for it, or wider


@dataclass(frozen=True)
class Pin:
    """A marker on one zoom level: one station (a link) or several too close to tell apart (zoom in)."""

    markers: tuple[Marker, ...]
    left: float  # percent of the map panel's width
    top: float  # percent of its height

    @property
    def single(self) -> Marker | None:
        """The station, when the pin stands for one."""
        return self.markers[0] if len(self.markers) == 1 else None


@dataclass(frozen=True)
class Layer:
    """The pins of one zoom level."""

    zoom: int
    pins: tuple[Pin, ...]


def web_markers(network: Network, numbers: dict[str, int] | None = None) -> tuple[Projection, list[Marker]]:
    """The projection and numbered markers, as on the printed map (the printed numbers; data order when None)."""
    projection = fit([(s.location.lng, s.location.lat) for s in network.stations])
    order = sorted(network.stations, key=lambda s: (numbers or {}).get(s.id, 0)) if numbers else network.stations
    markers = [
        Marker(numbers[st.id] if numbers else n, st, *projection.xy(st.location.lng, st.location.lat))
        for n, st in enumerate(order, 1)
    ]
    return projection, markers


@dataclass(frozen=True)
class Area:
    """A community on a large network's map page: one pin at its stations' centre, linking to its list."""

    number: int
    name: str
    url: str
    count: int
    x: float
    y: float


def community_markers(network: Network) -> tuple[Projection, list[Area]]:
    """The projection and one numbered pin per community (a large network's site map shows communities)."""
    projection = fit([(s.location.lng, s.location.lat) for s in network.stations])
    grouped: dict[str, list[Station]] = {}
    for st in network.stations:
        grouped.setdefault(st.community, []).append(st)
    areas = []
    for n, (name, sts) in enumerate(sorted(grouped.items()), 1):
        lng = sum(s.location.lng for s in sts) / len(sts)
        lat = sum(s.location.lat for s in sts) / len(sts)
        areas.append(Area(n, name, community_url(name), len(sts), *projection.xy(lng, lat)))
    return projection, areas


def pin_layers(
    markers: list[Marker], reference_px: float = REFERENCE_PX, zooms: tuple[int, ...] = ZOOMS
) -> list[Layer]:
    """Pins for each zoom level, never closer than PIN_PX to each other on a map `reference_px` wide at zoom 1.

    Greedy and linear: markers in number order join the first pin whose anchor lies within PIN_PX (in both
    axes) or start a pin anchored at their own position, found through a grid of PIN_PX cells. Anchors are
    therefore at least PIN_PX apart, so 44 px targets never overlap (on a wider map they are further
    apart). Levels stop at the first one where every station has a pin of its own, or at the last of `zooms`.
    """
    x0, y0, width, height = MAP_BOX
    layers = []
    for zoom in zooms:
        per_unit = reference_px * zoom / width  # CSS px per SVG unit
        cells: dict[tuple[int, int], list[int]] = {}
        anchors: list[tuple[float, float]] = []
        members: list[list[Marker]] = []
        for m in markers:
            px, py = (m.x - x0) * per_unit, (m.y - y0) * per_unit
            cx, cy = int(px // PIN_PX), int(py // PIN_PX)
            near = [i for dx in (-1, 0, 1) for dy in (-1, 0, 1) for i in cells.get((cx + dx, cy + dy), [])]
            hit = next((i for i in near if max(abs(anchors[i][0] - px), abs(anchors[i][1] - py)) < PIN_PX), None)
            if hit is None:
                hit = len(anchors)
                anchors.append((px, py))
                members.append([])
                cells.setdefault((cx, cy), []).append(hit)
            members[hit].append(m)
        pins = tuple(
            Pin(tuple(ms), round(ax / (width * per_unit) * 100, 3), round(ay / (height * per_unit) * 100, 3))
            for (ax, ay), ms in zip(anchors, members, strict=True)
        )
        layers.append(Layer(zoom, pins))
        if all(p.single for p in pins):
            break
    return layers


def web_map_svg(env: Environment, network: Network, projection: Projection, roads: Path | None) -> Markup:
    """The map panel alone (roads, scale bar, north arrow) as an image: pins and legend are HTML around it."""
    _, bar, label = scale_bar(projection)
    svg = env.get_template("fragments/map-panel.svg").render(
        network=network,
        lines=load_lines(roads, projection),
        box=MAP_BOX,
        bar=bar,
        bar_label=label,
        large=is_large(network),  # pins are communities, and the list below names areas
    )
    return Markup(svg)
