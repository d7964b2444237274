"""The 开放数据 page: every data file with its size, its licence and what each field means, in Chinese."""

from __future__ import annotations

from dataclasses import dataclass

from jinja2 import Environment

from ..data.model import Network
from ..render import GeneratedFile, absolute_url, generated_page
from .hsds import organization_name
from .jsonld import dataset_jsonld, script
from .licenses import license_info

PAGE = "data.md"
PAGE_URL = "data/"


@dataclass(frozen=True)
class DataFile:
    """One published file: path under data/, its length in bytes, media type and a Chinese description."""

    path: str
    length: int
    media_type: str
    description: str

    @property
    def size(self) -> str:
        """The size as riders and staff read it: '850 字节' or '12.3 KB'."""
        n = self.length
        return f"{n} 字节" if n < 1024 else f"{n / 1024:.1f} KB"


STATION_FIELDS = (
    ("id", "驿站编号，永久不变，也是驿站网址 s/编号/ 的一部分"),
    ("name", "驿站名称"),
    ("kind", "类型：街道党群服务中心、商圈党群服务中心、工作站、社区党群服务中心或合作营业厅"),
    ("community", "所在社区"),
    ("demo", "是否示范站点：true 或 false"),
    ("status", "状态：open 开放、paused 暂停开放、closed 已关闭"),
    ("status_since", "当前状态的开始日期（YYYY-MM-DD），开放的驿站为空"),
    ("successor", "暂停或关闭后建议前往的驿站编号"),
    ("status_note", "暂停或关闭的说明"),
    ("address", "地址"),
    ("postal_code", "邮政编码（6 位）"),
    ("phones", "电话；CSV 中多个号码以 ; 分隔"),
    (
        "opening_hours",
        "开放时间，OpenStreetMap opening_hours 写法，如 Mo-Fr 08:30-17:30；"
        "PH 为法定节假日，MW 为调休上班日（本站扩展写法）",
    ),
    ("services", "目录服务（“8+N”）的编号；GeoJSON 中为 {id, name} 列表，CSV 中以 ; 分隔"),
    ("service_names", "目录服务的名称，以 ; 分隔（仅 CSV）"),
    ("extra_services", "本站特色服务；GeoJSON 中为 {name, description} 列表，CSV 中为名称，以 ; 分隔"),
    ("url", "驿站页面的网址"),
    ("verified", "信息核实日期：最近一次到站核实的日期，未核实为空"),
    (
        "wgs84_lng、wgs84_lat",
        "WGS-84 经度、纬度，6 位小数（仅 CSV；GeoJSON 的 coordinates 就是这两个值，经度在前）",
    ),
    ("gcj02_lng、gcj02_lat", "GCJ-02 经度、纬度（高德、腾讯地图坐标），即数据的原始坐标"),
)

HSDS_TABLES = (
    ("organizations.csv", "组织：驿站网络的运营方（一行）"),
    (
        "services.csv",
        "服务：目录中的每项服务（“8+N”）以及各驿站的特色服务；status 为 active 提供中、"
        "temporarily closed 暂停、defunct 已停止、inactive 无驿站提供",
    ),
    ("locations.csv", "位置：每个驿站一行，latitude、longitude 为 WGS-84；暂停或关闭的驿站在 description 中说明"),
    ("service_at_location.csv", "哪个开放的驿站提供哪项服务"),
    ("phones.csv", "电话：驿站电话（location_id）和运营方电话（organization_id）"),
    (
        "addresses.csv",
        "地址：address_1 地址、city 城市、state_province 省份、postal_code 邮政编码、country 国家代码 CN",
    ),
    (
        "schedules.csv",
        "开放时间：每周规律（freq 为 WEEKLY，byday 为星期 MO…SU，opens_at、closes_at 为北京时间，带 +08:00）；"
        "法定节假日和调休上班日与平时不同时另列一行，valid_from 与 valid_to 为当天，休息的日子没有开放时间",
    ),
    (
        "datapackage.json",
        "数据包说明（Frictionless Tabular Data Package）：每个 CSV 的字段、类型、主键和外键，以及许可协议",
    ),
    ("organization.json", "HSDS 的 JSON 格式：运营方及其全部位置（含地址、电话、开放时间）和服务"),
)

# Short labels for the file table; HSDS_TABLES above explains each file in full.
HSDS_LABELS = {
    "organizations.csv": "HSDS 组织表",
    "services.csv": "HSDS 服务表",
    "locations.csv": "HSDS 位置表（驿站）",
    "service_at_location.csv": "HSDS 驿站服务对应表",
    "phones.csv": "HSDS 电话表",
    "addresses.csv": "HSDS 地址表",
    "schedules.csv": "HSDS 开放时间表",
    "datapackage.json": "HSDS 表格数据包说明（Frictionless）",
    "organization.json": "HSDS JSON 格式（全部内容）",
}


def data_page(env: Environment, network: Network, files: list[DataFile]) -> GeneratedFile:
    """The nav page listing `files` with their sizes, and a schema.org Dataset block."""
    site = network.site
    page_url = absolute_url(site.site_url, PAGE_URL)
    downloads = [(page_url + f.path, f.media_type) for f in files]
    body = env.get_template("fragments/opendata.html").render(
        network=network,
        operator=organization_name(network),
        license=license_info(site.license),
        files=files,
        station_fields=STATION_FIELDS,
        hsds_tables=HSDS_TABLES,
        jsonld=script(dataset_jsonld(network, page_url, downloads)),
    )
    return generated_page(PAGE, "开放数据", "", body, hide_nav=False, in_nav=True, origin="open data: the data page")
