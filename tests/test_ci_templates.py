"""The CI templates and the pre-commit hook run only commands that exist: make targets in the Makefile,
and `python -m generator` subcommands and flags that the CLI's own parser accepts."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from generator.cli import build_parser

ROOT = Path(__file__).resolve().parent.parent
GITHUB = ROOT / ".github" / "workflows" / "publish.yml"
GITLAB = ROOT / ".gitlab-ci.yml"
PRE_COMMIT = ROOT / ".pre-commit-config.yaml"
KEYS = {"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"}


def make_targets() -> set[str]:
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    return set(re.findall(r"^([A-Za-z][\w-]*):(?!=)", text, flags=re.M))


def commands(script: str) -> list[list[str]]:
    """Each simple command of a shell snippet, as argv, with $VARIABLES replaced by a placeholder."""
    out = []
    for line in script.splitlines():
        for part in re.split(r"&&|;", line):
            argv = shlex.split(re.sub(r"\$\{?\w+\}?", "value", part))
            if argv:
                out.append(argv)
    return out


def github_steps() -> list[dict]:
    workflow = yaml.safe_load(GITHUB.read_text(encoding="utf-8"))
    return workflow["jobs"]["publish"]["steps"]


def github_commands() -> list[list[str]]:
    return [argv for step in github_steps() if "run" in step for argv in commands(step["run"])]


def gitlab_commands(job: str) -> list[list[str]]:
    ci = yaml.safe_load(GITLAB.read_text(encoding="utf-8"))
    lines = ci["default"]["before_script"] + ci[job]["script"]
    return [argv for line in lines for argv in commands(line)]


def _checked(argvs: list[list[str]]) -> list[str]:
    """Check every make target and generator command; return them in order, e.g. ['make check', 'deploy']."""
    seen = []
    for argv in argvs:
        if argv[0] == "make":
            targets = [a for a in argv[1:] if "=" not in a and not a.startswith("-")]
            assert set(targets) <= make_targets(), f"unknown make target in {argv}"
            seen += [f"make {t}" for t in targets]
        elif argv[1:3] == ["-m", "generator"]:
            assert argv[0] in (".venv/bin/python", "python"), argv
            try:
                args = build_parser().parse_args(argv[3:])
            except SystemExit:
                pytest.fail(f"the CLI does not accept {shlex.join(argv)}")
            seen.append(args.command)
    return seen


@pytest.mark.parametrize("source", ["github", "gitlab"])
def test_templates_run_check_build_deploy_with_existing_commands(source: str) -> None:
    argvs = github_commands() if source == "github" else gitlab_commands("publish")
    assert _checked(argvs) == ["make check", "make site", "deploy"]


def test_gitlab_checks_other_branches() -> None:
    assert _checked(gitlab_commands("check")) == ["make check"]


def test_github_publishes_on_push_to_main_with_secrets_and_caches() -> None:
    workflow = yaml.safe_load(GITHUB.read_text(encoding="utf-8"))
    assert workflow[True]["push"]["branches"] == ["main"]  # YAML 1.1 reads the key `on` as true
    deploy = next(s for s in github_steps() if "generator deploy" in s.get("run", ""))
    assert {k: v for k, v in deploy["env"].items() if k in KEYS} == {k: f"${{{{ secrets.{k} }}}}" for k in KEYS}
    used = set(re.findall(r"\$(\w+)", deploy["run"]))
    assert used <= set(deploy["env"]), "the deploy step uses a variable it does not set"
    cached = {s["with"]["path"] for s in github_steps() if s.get("uses", "").startswith("actions/cache@")}
    assert cached == {"~/.cache/pip", ".cache"}


def test_gitlab_publishes_main_only_with_caches() -> None:
    ci = yaml.safe_load(GITLAB.read_text(encoding="utf-8"))
    assert ci["publish"]["rules"] == [{"if": '$CI_COMMIT_BRANCH == "main"'}]
    assert ci["variables"]["PIP_CACHE_DIR"] == "$CI_PROJECT_DIR/.pip-cache"
    assert {p for c in ci["default"]["cache"] for p in c["paths"]} == {".pip-cache", ".cache"}
    text = GITLAB.read_text(encoding="utf-8")
    assert "AWS_SECRET_ACCESS_KEY:" not in text  # keys live in the CI's variables, never in the file


def test_pre_commit_hook_runs_make_check() -> None:
    config = yaml.safe_load(PRE_COMMIT.read_text(encoding="utf-8"))
    (hook,) = [h for r in config["repos"] if r["repo"] == "local" for h in r["hooks"]]
    assert (hook["entry"], hook["language"], hook["pass_filenames"]) == ("make check", "system", False)
    assert _checked([shlex.split(hook["entry"])]) == ["make check"]
    dry = subprocess.run(["make", "-n", "hooks"], cwd=ROOT, capture_output=True, text=True)
    assert "pre-commit install" in dry.stdout, dry.stderr


@pytest.mark.parametrize(("check", "committed"), [("touch checked", True), ("exit 1", False)])
@pytest.mark.process
def test_installed_hook_runs_check_before_a_commit(tmp_path: Path, check: str, committed: bool) -> None:
    """What `make hooks` does (pre-commit install), in a scratch repository whose `make check` is a stub."""
    pre_commit = Path(sys.executable).with_name("pre-commit")
    if not pre_commit.exists() or not shutil.which("git"):
        pytest.fail("pre-commit (requirements.txt) and git are needed")
    repo = tmp_path / "repo"
    repo.mkdir()
    shutil.copy(PRE_COMMIT, repo / PRE_COMMIT.name)
    (repo / "Makefile").write_text(f"check:\n\t{check}\n", encoding="utf-8")
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache"), "GIT_CONFIG_GLOBAL": os.devnull}
    git = ["git", "-c", "user.name=staff", "-c", "user.email=staff@example.org"]
    subprocess.run([*git, "init", "-q"], cwd=repo, check=True, env=env)
    subprocess.run([str(pre_commit), "install"], cwd=repo, check=True, env=env, capture_output=True)
    subprocess.run([*git, "add", "."], cwd=repo, check=True, env=env)
    done = subprocess.run([*git, "commit", "-qm", "edit"], cwd=repo, env=env, capture_output=True, text=True)
    assert (done.returncode == 0) is committed, done.stdout + done.stderr
    assert (repo / "checked").exists() is committed


def test_make_deploy_builds_then_publishes() -> None:
    dry = subprocess.run(
        ["make", "-n", "deploy", "ENDPOINT=https://oss-cn-hangzhou.aliyuncs.com", "BUCKET=bee-site"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    generator = [shlex.split(line) for line in dry.stdout.splitlines() if "-m generator" in line]
    assert _checked(generator) == ["build", "deploy"], dry.stdout + dry.stderr
    assert generator[-1][4:8] == ["--endpoint", "https://oss-cn-hangzhou.aliyuncs.com", "--bucket", "bee-site"]
