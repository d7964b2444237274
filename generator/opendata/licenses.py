"""The licences `site.license` may name (SPDX ids), with their official names and deeds."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class LicenseInfo:
    """One open licence: SPDX id, official English title, Chinese title, the deed's URL, what it asks."""

    id: str
    title: str
    title_zh: str
    url: str
    terms_zh: str


_ALL = (
    LicenseInfo(
        "CC-BY-4.0",
        "Creative Commons Attribution 4.0 International",
        "知识共享署名 4.0 国际许可协议",
        "https://creativecommons.org/licenses/by/4.0/",
        "使用时须注明来源",
    ),
    LicenseInfo(
        "CC-BY-SA-4.0",
        "Creative Commons Attribution Share Alike 4.0 International",
        "知识共享署名—相同方式共享 4.0 国际许可协议",
        "https://creativecommons.org/licenses/by-sa/4.0/",
        "使用时须注明来源，改编后的数据须以相同协议发布",
    ),
    LicenseInfo(
        "CC0-1.0",
        "Creative Commons Zero v1.0 Universal",
        "CC0 1.0 通用公共领域贡献宣告",
        "https://creativecommons.org/publicdomain/zero/1.0/",
        "无需注明来源（欢迎注明）",
    ),
    LicenseInfo(
        "ODC-By-1.0",
        "Open Data Commons Attribution License v1.0",
        "开放数据共享署名许可协议 1.0",
        "https://opendatacommons.org/licenses/by/1-0/",
        "使用时须注明来源",
    ),
    LicenseInfo(
        "ODbL-1.0",
        "Open Data Commons Open Database License v1.0",
        "开放数据库许可协议 1.0",
        "https://opendatacommons.org/licenses/odbl/1-0/",
        "使用时须注明来源，改编后的数据须以相同协议发布",
    ),
    LicenseInfo(
        "PDDL-1.0",
        "Open Data Commons Public Domain Dedication & License 1.0",
        "开放数据共享公共领域贡献与许可协议 1.0",
        "https://opendatacommons.org/licenses/pddl/1-0/",
        "无需注明来源（欢迎注明）",
    ),
)
LICENSES = {info.id: info for info in _ALL}


def license_info(spdx: str) -> LicenseInfo:
    """The licence with this SPDX id (the data model only accepts ids listed here)."""
    return LICENSES[spdx]
