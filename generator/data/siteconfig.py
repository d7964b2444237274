"""The site configuration (mkdocs.yml) as data: the values the theme prints must be plain text.

Material's templates print `site_name`, `site_description`, `copyright`, nav titles, `repo_url`,
`extra` values and palette names into HTML and attributes, many of them without escaping (MkDocs'
Jinja environment has autoescape off). A quote or an angle bracket in any of them would break out
of an attribute on every page, so every string the theme may print is checked here, with its
position in mkdocs.yml. Plugin options and Markdown extensions are code-like settings (a search
separator is a regular expression) and are not printed: they are left alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ..errors import DataError
from ..i18n import tr

_NOT_PRINTED = {"plugins", "markdown_extensions", "hooks", "validation", "watch", "exclude_docs", "not_in_nav"}
_UNSAFE = re.compile(r"[<>\"'`\\\x00-\x1f\x7f]")
MAX_TEXT = 200


class _Composer(yaml.SafeLoader):
    """Composes any tag (MkDocs configs use !ENV and !relative): only positions and text are read."""


def check_site_config(path: Path, display_name: str = "mkdocs.yml") -> list[DataError]:
    """Located errors for every printed string of mkdocs.yml that could break out of its HTML context."""
    try:
        root = yaml.compose(path.read_text(encoding="utf-8"), Loader=_Composer)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return []  # MkDocs reports an unreadable config itself
    if not isinstance(root, MappingNode):
        return []
    errors = []
    for key, value in root.value:
        if isinstance(key, ScalarNode) and key.value not in _NOT_PRINTED:
            errors += [_error(display_name, node, key.value) for node in _scalars(value) if _bad(node.value)]
    return errors


def plugin_option_position(path: Path, *keys: str) -> tuple[int, int]:
    """Line and column of `plugins: - station-guide: <keys…>`'s value in mkdocs.yml, (1, 1) when not found."""
    found = _plugin_option(path, keys)
    if found is None:
        return 1, 1
    return found.start_mark.line + 1, found.start_mark.column + 1


def plugin_option_text(path: Path, *keys: str) -> str | None:
    """The text of a scalar `plugins: - station-guide: <keys…>` in mkdocs.yml, None when absent (for `check`,
    which reads no MkDocs configuration)."""
    found = _plugin_option(path, keys)
    return found.value if isinstance(found, ScalarNode) else None


def _plugin_option(path: Path, keys: tuple[str, ...]) -> Node | None:
    try:
        root = yaml.compose(path.read_text(encoding="utf-8"), Loader=_Composer)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return None
    node = _get(root, "plugins")
    entries = node.value if isinstance(node, SequenceNode) else []
    found = next((_get(e, "station-guide") for e in entries if _get(e, "station-guide") is not None), None)
    for key in keys:
        found = _get(found, key)
    return found


def _get(node: Node | None, key: str) -> Node | None:
    if not isinstance(node, MappingNode):
        return None
    return next((v for k, v in node.value if isinstance(k, ScalarNode) and k.value == key), None)


def _scalars(node: Node) -> Iterator[ScalarNode]:
    if isinstance(node, ScalarNode):
        yield node
    elif isinstance(node, SequenceNode):
        for child in node.value:
            yield from _scalars(child)
    elif isinstance(node, MappingNode):
        for key, value in node.value:
            yield from _scalars(key)
            yield from _scalars(value)


def _bad(text: str) -> bool:
    return bool(_UNSAFE.search(text)) or len(text) > MAX_TEXT


def _error(file: str, node: ScalarNode, section: str) -> DataError:
    text = node.value
    match = _UNSAFE.search(text)
    line, col = node.start_mark.line + 1, node.start_mark.column + 1
    if match is None:
        message = tr(
            f"{section}：这段文字有 {len(text)} 个字，超过 {MAX_TEXT} 个字",
            f"{section}: {len(text)} characters, more than {MAX_TEXT}",
        )
        return DataError(file, line, col, message, tr("网站标题、说明、导航名称要简短", "keep titles and names short"))
    message = tr(
        f"{section}：{text!r} 含有字符 {match.group()!r}，网页会出错",
        f"{section}: {text!r} contains {match.group()!r}",
    )
    hint = tr(
        "网站标题、说明、导航名称只写普通文字：不用引号、尖括号、反斜杠；书名用《》",
        "titles, descriptions and nav names are plain text: no quotes, angle brackets or backslashes; use 《》",
    )
    return DataError(file, line, col + int(node.style in ("'", '"')) + match.start(), message, hint)
