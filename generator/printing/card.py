"""The pocket card (口袋卡): an A4 sheet printed on both sides and letter-folded into a 99 × 210 mm card.

Outside, right to left as it folds: the front cover, the back cover with a QR code to the nearest-
station finder (near/), and the inner flap with the "8+N" services legend. Inside: a small guide
map and the numbered table (number, name, short address, phone) at 7.5 pt, above 7 pt, the floor
for printed Chinese read at arm's length. Riders used to get the table and the map as two A4/A3
sheets; this folds both into a pocket.
"""

from __future__ import annotations

import re
from pathlib import Path

from jinja2 import Environment
from markupsafe import Markup

from ..data.model import Network
from ..render import absolute_url
from .documents import DocContext, render_doc
from .guidemap import Projection, fit, load_lines
from .posters import ink_svg
from .qr import encode

PANEL_MM = (99.0, 210.0)
MAP_BOX = (4.0, 4.0, 81.0, 120.0)  # x, y, width, height in mm inside the map panel
NEAR_PATH = "near/"
# Leading administrative divisions (省/市, 区/县, 街道/镇) that every address in a district shares.
_ADMIN = re.compile(r"^(?:[^省市]{1,7}[省市])?(?:[^区县]{1,7}[区县])?")


def short_address(address: str) -> str:
    """The address without its province, city and district, which the card's title already names."""
    return _ADMIN.sub("", address, count=1) or address


def card_map(network: Network, roads: Path | None, numbers: dict[str, int], env: Environment) -> Markup:
    """A compact numbered map for the card's map panel (no legend: the table beside it is the legend)."""
    from .inks import PRINT

    projection: Projection = fit([(s.location.lng, s.location.lat) for s in network.stations], 0.06, MAP_BOX)
    markers = [(numbers[s.id], s, *projection.xy(s.location.lng, s.location.lat)) for s in network.stations]
    svg = env.get_template("print/card_map.svg").render(
        markers=sorted(markers, key=lambda m: m[0]), lines=load_lines(roads, projection), box=MAP_BOX, ink=PRINT
    )
    return Markup(svg)


def card_frame(env: Environment, network: Network, ctx: DocContext, geometry: object) -> str:
    """The frame every card of the network shares (theme/print/card.html): outside and inside, two pages."""
    near = absolute_url(network.site.site_url, NEAR_PATH)
    return render_doc(
        env,
        "print/card.html",
        ctx,
        network=network,
        geometry=geometry,
        services=network.services,
        near_url=near,
        near_qr=Markup(ink_svg(encode(near), "bee-qr", near)),
    )
