"""The report page (上报问题/纠错) and its QR image: a rider composes one message and sends it their own way.

The site collects nothing: bee-report.js puts the message together on the phone and fills the links of
the channels configured under `site: report:` (clipboard for the WeChat grid group, sms:, tel:, a form
URL with {station}, {category} and {text} URL-encoded, a QR code of the group). It works offline once the
service worker has the page (compose now, send when there is signal).
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from urllib.parse import quote

from jinja2 import Environment
from PIL import Image

from ..data.categories import GROUPS, in_group
from ..data.media import resolve_media
from ..data.model import FORM_PLACEHOLDERS, Network
from ..render import GeneratedFile, generated_page, sprite
from .options import WebOptions
from .photos import qr_png

QR_PATH = "assets/bee/report-qr.png"
REPORT_SOURCE = "report.md"


@dataclass(frozen=True)
class QrImage:
    """The published QR image."""

    path: str
    width: int
    height: int


def fill_form(template: str, values: dict[str, str]) -> str:
    """The form URL with each {placeholder} replaced by its value, URL-encoded exactly as JavaScript's
    encodeURIComponent does (which bee-report.js uses): everything but letters, digits and -_.!~*'()."""
    for name in FORM_PLACEHOLDERS:
        template = template.replace("{" + name + "}", quote(values.get(name, ""), safe="!~*'()"))
    return template


def build_report(network: Network, options: WebOptions, env: Environment) -> list[GeneratedFile]:
    """The report page (a nav entry) and, when configured, the QR image it shows."""
    channels = network.site.report_channels
    files: list[GeneratedFile] = []
    qr = None
    if channels.qr and options.images_dir is not None:
        source = resolve_media(options.images_dir, channels.qr)
        assert source is not None  # validated when the data was loaded
        data = qr_png(source)
        with Image.open(io.BytesIO(data)) as im:
            qr = QrImage(QR_PATH, *im.size)
        files.append(GeneratedFile(QR_PATH, data))
    sms_digits = "".join(ch for ch in channels.sms or "" if ch.isdigit())
    body = env.get_template("fragments/report.html").render(
        channels=channels,
        groups=[(label, in_group(key)) for key, label in GROUPS.items()],
        site_url=network.site.site_url,
        site_name=network.site.name,
        sms_digits=sms_digits,
        sms_url=f"sms:{sms_digits}",
        form_empty=fill_form(channels.form, {}) if channels.form else "",
        qr=qr,
        sprite=sprite(options.theme_dir, {"place", "near", "phone"}),
    )
    description = f"{network.site.name}：驿站没开门、电话打不通、路上有隐患，选好问题一键发给街道。"
    files.insert(0, generated_page(REPORT_SOURCE, "上报问题", description, body, hide_nav=False, in_nav=True))
    return files
