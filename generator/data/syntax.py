"""YAML syntax errors explained where the mistake is, in staff's words.

libyaml reports where it gave up, which is often not where the mistake is: a full-width `：` after a
key is reported on the next line, an unclosed quote where the next quote happens to be (often lines
later). This module finds the mistake itself (a tab, a `：` after a key, a quote that opens and never
closes on its line) and otherwise translates libyaml's message.
"""

from __future__ import annotations

import re

import yaml

from ..errors import DataError
from ..i18n import tr

# A key typed with a full-width colon: `name：卫星` or `- name：卫星` (nothing before it on the line but the dash).
_FULL_WIDTH_KEY = re.compile(r"^(\s*(?:-\s+)?)([^\s:：#'\"\[\]{},][^:：#'\"\[\]{}]*?)\s*：")

# libyaml's messages (the pure-Python parser words a few differently), most specific first.
_PROBLEMS = (
    ("could not find expected ':'", "找不到冒号 ':'"),
    ("did not find expected key", "这里应该是一个字段名（缩进和上面的行对不齐？）"),
    ("expected <block end>", "这里应该是一个字段名（缩进和上面的行对不齐？）"),
    ("mapping values are not allowed", "这里不能出现 ': '"),
    ("did not find expected '-' indicator", "这里应该是以 '- ' 开头的列表项"),
    ("did not find expected ',' or ']'", "方括号 [ ] 里缺少 ',' 或 ']'"),
    ("did not find expected ',' or '}'", "花括号 { } 里缺少 ',' 或 '}'"),
    ("did not find expected node content", "这里缺少内容"),
    ("found unexpected end of stream", "文件在这里意外结束"),
    ("found unknown escape character", "引号里的反斜杠 \\ 用法不对"),
    ("found character that cannot start any token", "这个字符不能出现在这里"),
    ("found undefined alias", "不支持别名（*名称）"),
    ("but found another document", "这里开始了第二份内容"),
    ("found duplicate anchor", "锚点（&名称）重复了"),
    ("found unexpected ':'", "这里不能出现 ':'"),
    ("found a tab character", "这里用了 Tab 键"),
)


def syntax_error(name: str, exc: yaml.MarkedYAMLError, data: bytes) -> DataError:
    """The located error for a file libyaml could not read."""
    lines = data.decode("utf-8", "replace").split("\n")
    mark = exc.problem_mark or exc.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    text = lines[line - 1] if line <= len(lines) else ""
    if "\t" in text[: max(col, 1)]:
        # libyaml's message does not name the tab, which is what staff need to see.
        message = tr("用了 Tab 键缩进", "a tab character is used for indentation")
        hint = tr("缩进只用空格，不要用 Tab 键", "indent with spaces, never with tabs")
        return DataError(name, line, col, _syntax(message), hint)
    found = _full_width_colon(exc, lines, line) or _unclosed_quote(exc, data, line)
    if found:
        line, col, message, hint = found
        return DataError(name, line, col, _syntax(message), hint)
    problem = exc.problem or exc.context or "invalid YAML"
    zh = next((zh for en, zh in _PROBLEMS if en in problem), problem)
    return DataError(name, line, col, _syntax(tr(zh, problem)), _hint(exc))


def _syntax(message: str) -> str:
    return tr(f"YAML 格式错误：{message}", f"YAML syntax error: {message}")


def _hint(exc: yaml.MarkedYAMLError) -> str:
    problem = exc.problem or exc.context or ""
    if "expected a single document" in problem or "but found another document" in str(exc):
        return tr(
            "一个文件只能有一份内容：删掉多出来的 '---' 行", "keep one document per file: remove the extra '---' line"
        )
    if "mapping values are not allowed" in problem:
        return tr("值里有 ': ' 时，给整个值加上英文双引号", "put quotes around a value that contains ': '")
    return tr("检查这一行和上一行的缩进、引号和冒号", "check indentation and quotes on this line and the one above")


def full_width_key(text: str) -> tuple[str, int] | None:
    """`(key, index of '：')` when `text` starts like `key：value`, typed with a Chinese input method."""
    m = _FULL_WIDTH_KEY.match(text)
    return (m.group(2), m.end() - 1) if m else None


def colon_message(key: str) -> str:
    """What is wrong with `key：…`."""
    return tr(f"字段名 {key!r} 后面用了中文冒号 '：'", f"full-width colon '：' after the key {key!r}")


def colon_hint(key: str, value: str) -> str:
    """How to type `key: value` instead."""
    example = f"{key}: {value}".rstrip()
    return tr(
        f"改成英文半角冒号再加一个空格：{example}",
        f"type an ASCII colon followed by a space: {example}",
    )


def _full_width_colon(exc: yaml.MarkedYAMLError, lines: list[str], line: int) -> tuple[int, int, str, str] | None:
    """A `key：value` line between where libyaml started the key (or the line above) and where it gave up."""
    first = exc.context_mark.line + 1 if exc.context_mark else line - 1
    for number in range(min(line, len(lines)), max(min(first, line - 1), 1) - 1, -1):
        found = full_width_key(lines[number - 1])
        if found:
            key, index = found
            value = lines[number - 1][index + 1 :].strip()
            return number, index + 1, colon_message(key), colon_hint(key, value)
    return None


def _unclosed_quote(exc: yaml.MarkedYAMLError, data: bytes, line: int) -> tuple[int, int, str, str] | None:
    """The first quoted value that runs on past its line: staff never mean to write one, so it lacks its end."""
    start = _first_multiline_quote(data)
    if (start is None or start.line + 1 > line) and exc.context == "while scanning a quoted scalar":
        start = exc.context_mark
    if start is None or start.line + 1 > line:
        return None
    quote = data.decode("utf-8", "replace").split("\n")[start.line][start.column : start.column + 1]
    message = tr(
        f"引号 {quote} 没有配对：从这里开始的值没有结尾的 {quote}", f"the quote {quote} that opens here is never closed"
    )
    hint = tr(
        f"在这一行的值末尾补上 {quote}（英文引号），或者删掉开头的 {quote}",
        f"add the closing {quote} at the end of the value on this line, or remove this one",
    )
    return start.line + 1, start.column + 1, message, hint


def _first_multiline_quote(data: bytes) -> yaml.Mark | None:
    # The pure-Python scanner yields tokens up to the error (libyaml's reads ahead and yields none).
    try:
        for token in yaml.scan(data, Loader=yaml.SafeLoader):
            quoted = isinstance(token, yaml.ScalarToken) and token.style in ('"', "'")
            if quoted and token.end_mark.line > token.start_mark.line:
                return token.start_mark
    except yaml.YAMLError:
        pass
    return None
