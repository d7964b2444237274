"""bee-report.js in node: its form URL encoding is the Python side's (encodeURIComponent), and the message is
one fixed shape."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from generator.web.report import fill_form

JS = Path(__file__).resolve().parents[1] / "theme" / "assets" / "javascripts" / "bee-report.js"
NODE = """
const r = require(process.argv[1]);
const req = JSON.parse(require("fs").readFileSync(0, "utf8"));
process.stdout.write(JSON.stringify({
  forms: req.values.map(v => r.formUrl(req.template, v)),
  message: r.compose(req.state),
}));
"""


@pytest.mark.process  # runs the browser code in Node
def test_form_placeholders_are_encoded_like_python_and_message_shape() -> None:
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed")
    template = "https://f.example.org/r?s={station}&c={category}&t={text}#{text}"
    values = [
        {"station": "卫星社区党群服务中心", "category": "没开门", "text": "a&b=c #1 ?x 100% +/ ~*'()!"},
        {"station": "", "category": "其他", "text": "换行\n制表\t<script>"},
    ]
    state = {
        "siteName": "小蜜蜂驿站",
        "siteUrl": "https://bee.example.org/",
        "station": {"id": "weixing", "name": "卫星"},
        "category": {"label": "药品过期", "group": "关于驿站"},
        "place": "",
        "text": "两盒过期",
        "ms": 1795000000000,
    }
    payload = json.dumps({"template": template, "values": values, "state": state})
    done = subprocess.run([node, "-e", NODE, str(JS)], input=payload, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    got = json.loads(done.stdout)
    assert got["forms"] == [fill_form(template, v) for v in values]
    assert "%26b%3Dc%20%231%20%3Fx%20100%25%20%2B%2F%20~*'()!" in got["forms"][0]
    assert got["message"].splitlines() == [
        "【小蜜蜂驿站·上报问题】",
        "问题：药品过期（关于驿站）",
        "驿站：卫星（https://bee.example.org/s/weixing/）",
        "说明：两盒过期",
        "时间：2026-11-18 19:06",  # Shanghai time
    ]
