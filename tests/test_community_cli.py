"""`check` and `build` cover content/community.yaml: a personal value stops both with a located Chinese
message, nothing is built, and editors find the committed JSON Schema through the modeline."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import copy_project, run_cli

pytestmark = pytest.mark.process  # the real command line in a subprocess: `make test`, not test-fast


@pytest.fixture()
def leaky(sample: Path, tmp_path: Path) -> Path:
    """The sample's data with a mobile number in a team's description and a route under a post."""
    shutil.copy(sample / "stations.yaml", tmp_path / "stations.yaml")
    shutil.copytree(sample / "content", tmp_path / "content")
    roll = tmp_path / "content" / "community.yaml"
    text = roll.read_text(encoding="utf-8")
    text = text.replace("利用送单间隙为独居老人代办缴费", "队长电话 139 1234 5678，利用送单间隙为独居老人代办缴费")
    text = text.replace("    vehicles: 8\n", "    vehicles: 8\n    route: [长江路, 锡兴路]\n")
    roll.write_text(text, encoding="utf-8")
    return tmp_path


def test_check_reports_the_honour_roll(sample: Path) -> None:
    result = run_cli(sample, "--lang", "zh", "check")
    assert result.returncode == 0, result.stderr
    assert "content/community.yaml：检查通过，3 支队伍，4 个岗位，5 项表彰" in result.stdout


def test_check_refuses_personal_data_with_located_chinese_messages(leaky: Path) -> None:
    result = run_cli(leaky, "--lang", "zh", "check")
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert lines[-1] == "共 2 处错误，什么都没有生成。"
    phone = next(line for line in lines if "手机号" in line)
    assert phone.startswith("content/community.yaml:24:40:") and "'139 1234 5678' 像是手机号" in phone
    route = next(line for line in lines if "'route'" in line)
    assert route.startswith("content/community.yaml:") and "路线、轨迹和定位" in route
    assert "Traceback" not in result.stderr


def test_check_with_a_named_community_file(leaky: Path) -> None:
    missing = run_cli(leaky, "--lang", "zh", "check", "--community", "content/none.yaml")
    assert missing.returncode == 1 and "content/none.yaml：没有这个文件" in missing.stderr
    shutil.copy(leaky / "content" / "community.yaml", leaky / "content" / "roll.yaml")
    (leaky / "content" / "community.yaml").unlink()
    assert run_cli(leaky, "check").returncode == 0  # the default file is optional
    named = run_cli(leaky, "--lang", "zh", "check", "--community", "content/roll.yaml")
    assert named.returncode == 1 and "content/roll.yaml:24:40:" in named.stderr


@pytest.mark.build
def test_build_refuses_personal_data_and_leaves_the_site(sample: Path, tmp_path: Path, leaky: Path) -> None:
    project = copy_project(sample, tmp_path / "project", posters=False)
    shutil.copy(leaky / "content" / "community.yaml", project / "content" / "community.yaml")
    site = tmp_path / "site"
    site.mkdir()
    (site / "keep.txt").write_text("previous build", encoding="utf-8")
    result = run_cli(project, "--lang", "zh", "build", "-f", str(project / "mkdocs.yml"), "-d", str(site))
    assert result.returncode == 1
    assert "content/community.yaml:24:40:" in result.stderr and "像是手机号" in result.stderr
    assert [p.name for p in site.iterdir()] == ["keep.txt"]


def test_the_honour_roll_points_editors_at_its_schema(root: Path, sample: Path) -> None:
    first = (sample / "content" / "community.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../schema/community.schema.json"
    assert (root / "schema" / "community.schema.json").is_file()
