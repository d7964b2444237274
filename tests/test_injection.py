"""No injection through any field: hostile config values are refused with their place in mkdocs.yml, and
a site built from data full of payloads that validation lets through runs no script on any page."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from conftest import SAMPLE, build_project, copy_project

from generator.data.siteconfig import check_site_config

SCRIPT = "<img src=x onerror=alert(1)>"
QUOTES = 'x" onmouseover="alert(1)" y=\''
SHORT = '"onmouseover=alert()'  # fits a service name's 20 characters (generator/data/limits.py)


@pytest.mark.parametrize(
    ("field", "snippet"),
    [
        ("site_name", 'site_name: "驿站\\"><script>alert(1)</script>"'),
        ("site_description", "site_description: '说明\" onload=\"alert(1)'"),
        ("site_author", "site_author: <b>staff</b>"),
        ("copyright", "copyright: '<img src=x onerror=alert(1)>'"),
        ("repo_url", "repo_url: 'https://example.org/\"><svg onload=alert(1)>'"),
        ("nav", "nav:\n  - '首页\"><script>alert(1)</script>': index.md"),
        ("extra", "extra:\n  homepage: 'javascript:alert(\"x\")'"),
        ("theme", "theme:\n  name: material\n  palette:\n    primary: 'amber\" onload=\"alert(1)'"),
        ("extra_css", "extra_css:\n  - 'x.css\"><script>alert(1)</script>'"),
    ],
)
def test_hostile_config_values_are_refused_where_they_are(tmp_path: Path, field: str, snippet: str) -> None:
    config = tmp_path / "mkdocs.yml"
    config.write_text(f"docs_dir: content\n{snippet}\n", encoding="utf-8")
    errors = check_site_config(config)
    assert errors and all(e.file == "mkdocs.yml" for e in errors)
    first = errors[0]
    assert first.line >= 2 and first.message.startswith(field), first
    line = config.read_text(encoding="utf-8").splitlines()[first.line - 1]
    assert line[first.col - 1] in "<>\"'\\`", (line, first.col)


def test_the_sample_config_and_plugin_regexes_pass() -> None:
    assert check_site_config(SAMPLE / "mkdocs.yml") == []


def _hostile_project(dest: Path) -> Path:
    """The sample with a payload in every free-text field that validation accepts."""
    project = copy_project(SAMPLE, dest, posters=False)
    path = project / "stations.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["site"]["name"] = "小蜜蜂&驿站" + QUOTES
    data["site"]["district"] = "区" + QUOTES
    for i, st in enumerate(data["stations"]):
        st["notes"] = SCRIPT + "</script><script>alert(1)</script>"
        st["address"] = st["address"] + QUOTES + "{{7*7}}"
        st["name"] = st["name"] + ("'\"" if i % 2 else "&lt;b&gt;")
        st["community"] = st["community"] + QUOTES
        if st.get("wifi"):
            st["wifi"]["ssid"] = "bee" + QUOTES
            st["wifi"]["password"] = SCRIPT
        st.setdefault("extra_services", []).append({"name": SHORT, "description": SCRIPT})
        if st.get("status", "open") != "open":
            st["status_note"] = SCRIPT
    for svc in data["services"]:
        svc["description"] = svc["description"] + QUOTES
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    library = project / "content" / "study" / "library.yaml"
    lib = yaml.safe_load(library.read_text(encoding="utf-8"))
    for item in lib["items"]:
        item["title"] = item["title"] + QUOTES
        item["summary"] = item["summary"] + QUOTES
    library.write_text(yaml.safe_dump(lib, allow_unicode=True, sort_keys=False), encoding="utf-8")
    activities = project / "content" / "study" / "activities.yaml"
    acts = yaml.safe_load(activities.read_text(encoding="utf-8"))
    for act in acts["activities"]:
        act["description"] = act["description"] + QUOTES
        act["title"] = act["title"] + "'\""
    activities.write_text(yaml.safe_dump(acts, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return project


@pytest.mark.browser
def test_no_script_runs_on_any_page_of_a_hostile_build(tmp_path: Path, chromium) -> None:
    from browser import PHONE, Outside, guard, serve

    site = build_project(_hostile_project(tmp_path / "p"), tmp_path / "site")
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
    context = chromium.new_context(**PHONE)
    guard(context, Outside())
    context.add_init_script("window.__hits = 0; window.alert = function () { window.__hits++; };")
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    hits = {}
    with serve(site) as base:
        for rel in pages:
            page.goto(base + rel, wait_until="load")
            page.mouse.move(180, 300)  # hover payloads (onmouseover) would fire here
            count = page.evaluate("window.__hits")
            if count:
                hits[rel] = count
    context.close()
    assert len(pages) > 50
    assert not hits and not dialogs


@pytest.mark.parametrize(
    "url",
    [
        'https://example.org/"><svg onload=alert(1)>/',
        'https://example.org/x",alert(1),"/',
        "https://example.org/a b/",
        "https://example.org/\\x/",
        "https://user:pw@example.org/",
        "https://example.org/?q=1/",
        "https://example.org/#top/",
        "https://Example.org/",
        "https://example.org/bee",
        "javascript:alert(1)//",
        "https://example.org/\x07/",
    ],
)
def test_site_url_must_be_a_plain_canonical_address(url: str) -> None:
    from pydantic import ValidationError

    from generator.data.model import Site

    region = {"west": "120.3", "east": "120.4", "south": "31.4", "north": "31.6"}
    with pytest.raises(ValidationError):
        Site.model_validate(
            {"name": "驿站", "district": "区", "province": "省", "city": "市", "site_url": url, "region": region}
        )
    ok = Site.model_validate(
        {
            "name": "驿站",
            "district": "区",
            "province": "省",
            "city": "市",
            "site_url": "https://bee.example.org/b-1/",
            "region": region,
        }
    )
    assert ok.site_url == "https://bee.example.org/b-1/"
