"""The site scanner finds what it is for: a leaked name (plain, \\u-escaped or segmented by jieba in the search
index), a phone number, an ID number in a CSV cell, a point outside the network; and lets public values pass."""

from __future__ import annotations

import json
from pathlib import Path

from privacy_scan import PublicValues, scan_site


def test_the_scanner_finds_leaks_and_passes_public_values(tmp_path: Path, network) -> None:
    site = tmp_path / "site"
    (site / "search").mkdir(parents=True)
    (site / "a").mkdir()
    station = network.stations[0]
    (site / "a" / "index.html").write_text(
        f"<p>{station.name} 电话 {station.phones[0]}</p><p title='队长 13812345678'>王师傅</p>", encoding="utf-8"
    )
    index = {"docs": [{"location": "x/", "title": "表彰", "text": "王\u200b建军 获奖"}]}
    (site / "search" / "search_index.json").write_text(json.dumps(index), encoding="utf-8")  # \\u-escaped
    (site / "b.csv").write_text("name,id\n示例,32020219900101123X\n", encoding="utf-8")
    (site / "c.json").write_text(json.dumps({"p": "120.9000,31.9000", "q": "120.3612,31.5388"}), encoding="utf-8")
    public = PublicValues.of(network, [], set())
    problems = scan_site(site, ["王建军"], public)
    assert problems == [
        "a/index.html: mobile '13812345678'",
        "b.csv: id_number '32020219900101123X'",
        "c.json: coordinates '120.9000,31.9000'",  # outside the district; the station's own point passes
        "search/search_index.json: name '王建军'",
    ]
