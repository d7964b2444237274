"""The shared rendering kit: one Jinja environment per build, the generated-file type, URLs, labels.

Every output role (web, print, study) renders through this module and nothing else: it knows the
site's URL scheme (`s/<id>/` is built here and only here), the labels riders see for a station's
status, and how a generated page hands its finished HTML to the engine. It imports no engine.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import BytecodeCache, Environment, FileSystemLoader, StrictUndefined, select_autoescape
from jinja2.bccache import Bucket
from markupsafe import Markup

from . import icons

STATION_DIR = "s"
THEME_COLOR = "#ffc105"  # Material's amber primary (mkdocs.yml palette); the web app manifest and <meta>
KIND_ORDER = ("街道党群服务中心", "商圈党群服务中心", "工作站", "社区党群服务中心", "合作营业厅")
STATUS_LABEL = {"open": "开放", "paused": "暂停开放", "closed": "已关闭"}


@dataclass(frozen=True)
class GeneratedFile:
    """A file the engine should add to the site: a page (in or out of the nav) or an asset.

    For a page, `content` is its Markdown source (front matter only when `body` is set) and `body`
    the finished, escaped body the engine uses as the page's content instead of converting
    Markdown: running a station's markup through Markdown's HTML parser is most of a build's cost.
    `body` may also be a function that renders it, called when the engine writes the page (`html`),
    so that a build does not hold every station's body at once (2 GB at 100,000 stations).
    `origin` says which data produced it, for the guarded writer's collision messages.
    """

    src_uri: str
    content: str | bytes
    in_nav: bool = False
    body: str | Callable[[], str] | None = None
    origin: str = ""

    @property
    def html(self) -> str | None:
        """A page's finished body (a deferred one is rendered at each call), None for an asset."""
        return self.body() if callable(self.body) else self.body

    @property
    def dest_uri(self) -> str:
        """The path of the built file under site/ (directory URLs: `a/b.md` → `a/b/index.html`)."""
        return page_dest(self.src_uri) if self.src_uri.endswith(".md") else self.src_uri


def page_dest(src_uri: str) -> str:
    """Where a page's source ends up in the built site, with directory URLs as in mkdocs.yml."""
    stem = src_uri.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index") + "index.html"
    return f"{stem}/index.html"


def station_url(station_id: str) -> str:
    """The permanent, site-relative URL printed on posters: `s/<id>/`."""
    return f"{STATION_DIR}/{station_id}/"


def report_url(station_id: str | None = None) -> str:
    """The report page (上报问题), site-relative; with a station id it opens with that station filled in."""
    return "report/" + (f"?station={station_id}" if station_id else "")


LARGE_NETWORK = 400
"""Above this many stations, pages that list stations split (by community) so no page grows with the network."""


def is_large(network: Any) -> bool:
    """True when lists are split so that no page grows with the network."""
    return len(network.stations) > LARGE_NETWORK


def community_key(name: str) -> str:
    """A stable path segment for a community (its names are Chinese): the start of its SHA-1, hex."""
    return "c" + hashlib.sha1(name.encode("utf-8"), usedforsecurity=False).hexdigest()[:10]


COMMUNITY_DIR = "stations/c/"


def community_url(name: str, page: int = 1) -> str:
    """The directory page of one community in a large network: `stations/c/<key>/` (`…/<n>/` after the first)."""
    return f"{COMMUNITY_DIR}{community_key(name)}/" + (f"{page}/" if page > 1 else "")


def station_source(station_id: str) -> str:
    """The generated page source behind `station_url`."""
    return f"{STATION_DIR}/{station_id}.md"


def absolute_url(base_url: str, path: str) -> str:
    """`path` (site-relative) under the public base URL, which ends in '/'."""
    return base_url + path


def tel_url(phone: str) -> str:
    """A tel: URL with only the digits (RFC 3966 local number)."""
    return "tel:" + "".join(ch for ch in phone if ch.isdigit())


def to_json(value: Any) -> str:
    """Compact JSON that is also safe inside HTML (`<`, `>` and `&` escaped as \\u00XX)."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


@cache
def environment(theme_dir: Path) -> Environment:
    """The Jinja environment for fragments and print templates, built once per theme folder.

    Autoescape everywhere (MkDocs' own environment has it off), and an undefined name is an error.
    """
    env = Environment(
        loader=FileSystemLoader(theme_dir),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )
    env.globals.update(icon=icons.use, station_url=station_url, status_label=STATUS_LABEL, tel_url=tel_url)
    env.globals["inline_icon"] = lambda name, fill="": icons.inline(theme_dir / "icons", name, fill)
    env.filters["json"] = to_json
    return env


def sprite(theme_dir: Path, names: set[str]) -> Markup:
    """The page's icon sprite for the given icon names."""
    return icons.sprite(theme_dir / "icons", names)


def generated_page(
    uri: str,
    title: str,
    description: str,
    body: str | Callable[[], str],
    *,
    hide_nav: bool,
    in_nav: bool = False,
    search: bool = True,
    origin: str = "",
    compacted: bool = False,
) -> GeneratedFile:
    """A generated page: front matter (title, hidden sidebars, search exclusion) plus its finished HTML body
    (`compacted`: already passed through `compact_html`), or a function that renders it, compacted, when the
    engine writes the page."""
    meta: dict[str, object] = {"title": title, "hide": ["navigation", "toc"] if hide_nav else ["toc"]}
    if description:
        # Material writes page.meta.description into an attribute without escaping it.
        meta["description"] = str(Markup.escape(description))
    if not search:
        meta["search"] = {"exclude": True}
    if hide_nav and not in_nav:
        # Nothing in the sidebar depends on this page (not a nav entry, no TOC): the theme may reuse it,
        # and the whole shell around its content is the same as its siblings' (theme/bee-shell.html).
        meta["bee_shared_nav"] = True
        meta["template"] = "bee-shell.html"
    # JSON is valid YAML flow syntax and far faster to emit than yaml.safe_dump.
    front = "".join(f"{k}: {json.dumps(v, ensure_ascii=False)}\n" for k, v in meta.items())
    html = body if compacted or callable(body) else compact_html(body)
    return GeneratedFile(uri, f"---\n{front}---\n", in_nav, body=html, origin=origin)


def compact_html(body: str) -> str:
    """A rendered body without its blank lines (templates leave many), as pages carry it."""
    return "\n".join(line for line in body.splitlines() if line.strip())


def render_once() -> Callable[..., Any]:
    """A Jinja `{% call %}` helper that renders its body once per key and reuses the result.

    Material renders the whole navigation into every page; for pages that are not nav entries
    the result is the same at a given folder depth, so one rendering serves them all.
    """
    cache_: dict[str, Any] = {}

    def once(key: str, caller: Callable[[], Any]) -> Any:
        if key not in cache_:
            cache_[key] = caller()
        return cache_[key]

    return once


class CompiledTemplates(BytecodeCache):
    """Compiled templates kept in memory for a live preview's next builds.

    The engine makes a new Jinja environment for every build, which parsed and compiled the theme's templates
    again after every save (about 0.2 s). Jinja checks each template's source against the checksum it was
    compiled from; the key here adds the environment's settings that shape the compiled code, so an
    environment set up differently never gets another one's code.
    """

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def get_bucket(self, environment: Environment, name: str, filename: str | None, source: str) -> Bucket:
        """The bucket for `name`, filled when the same template was compiled the same way before."""
        key = self.get_cache_key(f"{compile_settings(environment, name)}|{name}", filename)
        bucket = Bucket(environment, key, self.get_source_checksum(source))
        self.load_bytecode(bucket)
        return bucket

    def load_bytecode(self, bucket: Bucket) -> None:
        """Fill `bucket` from memory (Jinja drops it when the source's checksum differs)."""
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        """Keep a freshly compiled template."""
        self._code[bucket.key] = bucket.bytecode_to_string()

    def clear(self) -> None:
        """Forget every compiled template."""
        self._code.clear()


def compile_settings(env: Environment, name: str) -> str:
    """What of `env` goes into the code Jinja compiles for template `name`: syntax, whitespace handling,
    extensions, autoescaping, finalize and i18n style (filters, tests and globals are looked up when it runs)."""
    autoescape = env.autoescape(name) if callable(env.autoescape) else env.autoescape
    finalize = getattr(env.finalize, "__qualname__", repr(env.finalize))
    return repr(
        (
            env.block_start_string, env.block_end_string, env.variable_start_string, env.variable_end_string,
            env.comment_start_string, env.comment_end_string, env.line_statement_prefix, env.line_comment_prefix,
            env.trim_blocks, env.lstrip_blocks, env.newline_sequence, env.keep_trailing_newline,
            sorted(env.extensions), env.optimized, autoescape, finalize, env.is_async,
            getattr(env, "newstyle_gettext", None), env.code_generator_class.__qualname__,
        )
    )  # fmt: skip
