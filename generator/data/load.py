"""Strict YAML loading with positions.

PyYAML follows YAML 1.1: `0510` becomes 328, `22:30` becomes 1350, `no` becomes False and
duplicate keys silently overwrite each other. Staff cannot see any of that, so this loader
turns implicit typing off (every scalar stays the exact text that was typed), refuses
aliases, tags and duplicate keys, and remembers where every value and key came from so
that later validation can say `stations.yaml:42:7`.
"""

from __future__ import annotations

import gc
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar, NamedTuple

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ..errors import DataError, DataErrors
from ..i18n import tr
from . import limits
from .limits import LongText
from .syntax import syntax_error

Path_ = tuple[str | int, ...]

ALIAS: Any = type("AliasPlaceholder", (), {"__repr__": lambda self: "*alias"})()
"""Stands where an alias was used; its error is reported once, by the loader, so validation skips it."""

_NULLS = {"", "~", "null", "Null", "NULL"}
_STR_TAG = "tag:yaml.org,2002:str"
# Invisible characters that sneak in through copy-and-paste and make ids or keys differ silently.
_INVISIBLE = {
    "\ufeff": ("字节顺序标记 BOM", "byte-order mark"),
    "\u200b": ("零宽空格", "zero-width space"),
    "\u00a0": ("不换行空格", "no-break space"),
}
_INVISIBLE_RE = re.compile("[" + "".join(_INVISIBLE) + "]")


class Mark(NamedTuple):
    """A 1-based position; `quoted` tells whether the scalar had quotes (shifts column offsets).

    A tuple rather than a dataclass: the loader makes one per node, a million for a large network.
    """

    line: int
    col: int
    quoted: bool = False


@dataclass
class Document:
    """Plain Python data (dicts, lists, strings, None) plus where each piece came from."""

    file: str
    data: Any
    values: dict[Path_, Mark] = field(default_factory=dict)
    keys: dict[Path_, Mark] = field(default_factory=dict)
    problems: list[DataError] = field(default_factory=list)
    """Errors that do not stop reading (duplicates, aliases, tags); validation reports them with its own."""

    def mark(self, path: Path_, *, key: bool = False) -> Mark:
        """Position of the value (or key) at `path`, falling back to the nearest ancestor."""
        path = tuple(path)
        while True:
            if key and path in self.keys:
                return self.keys[path]
            if path in self.values:
                return self.values[path]
            if path in self.keys:
                return self.keys[path]
            if not path:
                return Mark(1, 1)
            path = path[:-1]

    def error(
        self,
        path: Path_,
        message: str,
        hint: str = "",
        *,
        key: bool = False,
        offset: int | None = None,
    ) -> DataError:
        """A located error for the value at `path`; `offset` points at a character of a one-line scalar."""
        m = self.mark(path, key=key)
        col = m.col if offset is None else m.col + offset + int(m.quoted)
        return DataError(self.file, m.line, col, message, hint)


# libyaml's C parser composes about ten times faster than the pure-Python one, with the same marks.
_BaseLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_TAGS = {ScalarNode: _STR_TAG, SequenceNode: "tag:yaml.org,2002:seq", MappingNode: "tag:yaml.org,2002:map"}


class _StrictLoader(_BaseLoader):
    """Composes nodes only: with no implicit resolvers, every plain scalar resolves to a string."""

    yaml_implicit_resolvers: ClassVar[dict] = {}

    # The composer asks for every untagged node's tag; with nothing to resolve, skip PyYAML's general lookup.
    def resolve(self, kind: type[Node], value: Any, implicit: Any) -> str:
        return _TAGS[kind]


def load_yaml(path: Path, display_name: str | None = None, *, max_bytes: int = limits.STATIONS_FILE) -> Document:
    """Read a YAML file strictly. Syntax errors raise DataErrors; other problems land in `doc.problems`.

    A file larger than `max_bytes` is refused from its size alone, before it is read.
    """
    name = display_name or path.name
    try:
        too_large = limits.check_file_size(path, name, max_bytes)
        if too_large is not None:
            raise DataErrors([too_large])
        raw = path.read_bytes()
    except OSError as exc:
        message = tr(f"无法读取这个文件（{exc.strerror}）", f"cannot read file: {exc.strerror}")
        raise DataErrors([DataError(name, 1, 1, message, tr("检查文件的路径和名称", "check the path"))]) from None
    return load_yaml_text(raw, name)


@contextmanager
def _no_gc() -> Iterator[None]:
    """Composing a large file makes a million small objects and no cycles; the cyclic collector,
    which would walk them again and again, was three quarters of the loading time."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def load_yaml_text(raw: bytes | str, name: str) -> Document:
    """Like load_yaml, for text already in memory (used by tests and the CLI)."""
    data = raw.encode("utf-8") if isinstance(raw, str) else raw
    with _no_gc():
        return _compose(data, name)


def _compose(data: bytes, name: str) -> Document:
    loader = _StrictLoader(data)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        raise DataErrors([syntax_error(name, exc, data)]) from None
    except yaml.YAMLError as exc:  # ReaderError: bytes that are not UTF-8 (or UTF-16 with its mark)
        raise DataErrors([_not_utf8(data, name) or _unreadable(exc, name)]) from None
    finally:
        loader.dispose()
    if node is None:
        hint = tr("可以从示例 stations.yaml 复制开头几部分", "start from the sample stations.yaml")
        raise DataErrors([DataError(name, 1, 1, tr("文件是空的", "the file is empty"), hint)])
    doc = Document(name, None)
    walker = _Walker(doc)
    doc.data = walker.convert(node, ())
    if walker.aliased:
        doc.problems += _alias_errors(data, name)
    return doc


def _not_utf8(data: bytes, name: str) -> DataError | None:
    """The first byte that is not UTF-8, located: Chinese Windows editors save as GBK ("ANSI") by default."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        start = data.rfind(b"\n", 0, exc.start) + 1
        line = data.count(b"\n", 0, exc.start) + 1
        col = len(data[start : exc.start].decode("utf-8", "replace")) + 1
        byte = f"0x{data[exc.start]:02X}"
        message = tr(
            f"文件不是 UTF-8 编码：这里的字节 {byte} 读不出来（多半是用 GBK/ANSI 编码保存的）",
            f"the file is not UTF-8: byte {byte} cannot be read (probably saved as GBK/ANSI)",
        )
        hint = tr(
            "用记事本或 VS Code 把文件“另存为”，编码选 UTF-8，再检查这一行的中文有没有变成乱码",
            "save the file again as UTF-8 and check this line's Chinese text",
        )
        return DataError(name, line, col, message, hint)
    return None


def _unreadable(exc: yaml.YAMLError, name: str) -> DataError:
    reason = getattr(exc, "reason", None) or str(exc).splitlines()[0]
    message = tr(f"无法读取：{reason}", f"cannot read YAML: {reason}")
    return DataError(name, 1, 1, message, tr("把文件另存为 UTF-8 编码", "save the file as UTF-8"))


def _mark(node: Node) -> Mark:
    start = node.start_mark
    return Mark(start.line + 1, start.column + 1, node.style in _QUOTES if type(node) is ScalarNode else False)


_QUOTES = ("'", '"')


def _alias_errors(data: bytes, name: str) -> list[DataError]:
    """Aliases compose into shared nodes that carry no position of their own, so find them in the events."""
    return [
        DataError(
            name,
            e.start_mark.line + 1,
            e.start_mark.column + 1,
            tr("不支持别名（*名称）", "aliases (*name) are not supported"),
            tr("把值完整地写出来", "write the value out in full"),
        )
        for e in yaml.parse(data, Loader=_StrictLoader)
        if isinstance(e, yaml.AliasEvent)
    ]


class _Walker:
    """Turns composed nodes into plain data, recording positions; a node met twice is an alias."""

    def __init__(self, doc: Document):
        self.doc = doc
        self.seen: set[int] = set()
        self.aliased = False

    def convert(self, node: Node, path: Path_) -> Any:
        self.doc.values[path] = _mark(node)
        if id(node) in self.seen:
            # Not descending again also defuses "billion laughs" files made of nested aliases.
            self.aliased = True
            return ALIAS
        self.seen.add(id(node))
        if isinstance(node, ScalarNode):
            return _scalar(node, path, self.doc, self.doc.problems)
        if isinstance(node, SequenceNode):
            return [self.convert(child, (*path, i)) for i, child in enumerate(node.value)]
        assert isinstance(node, MappingNode)
        return _mapping(node, path, self.doc, self.doc.problems, self)


def _scalar(node: ScalarNode, path: Path_, doc: Document, errors: list[DataError]) -> str | LongText | None:
    if node.tag not in (_STR_TAG, "tag:yaml.org,2002:null"):
        errors.append(
            doc.error(
                path,
                tr(f"不支持标签 {node.tag!r}", f"explicit tag {node.tag!r} is not supported"),
                tr("删掉 '!!…' 标签", "remove the '!!…' tag"),
            )
        )
    if not node.style and node.value in _NULLS:  # plain style is None in PyYAML, "" in libyaml
        return None
    if len(node.value) > limits.TEXT_MAX:
        # Longer than any field allows: its field reports the length; nothing else ever reads the text.
        return LongText(len(node.value), node.value[:12])
    _check_invisible(node.value, path, doc, errors)
    return node.value


def _check_invisible(text: str, path: Path_, doc: Document, errors: list[DataError], *, key: bool = False) -> None:
    if _INVISIBLE_RE.search(text) is None:
        return
    for char, (zh, en) in _INVISIBLE.items():
        if char in text:
            where = doc.mark(path, key=key)
            col = where.col + text.index(char) + int(where.quoted)
            shown = text.replace(char, "")
            code = f"U+{ord(char):04X}"
            message = tr(f"{shown!r} 里有看不见的{zh}（{code}）", f"invisible {en} ({code}) in {shown!r}")
            hint = tr("删掉它：把这段文字前后重新输入一遍", "delete it and retype the text around it")
            errors.append(DataError(doc.file, where.line, col, message, hint))


def _mapping(node: MappingNode, path: Path_, doc: Document, errors: list[DataError], walker: _Walker) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key_node, value_node in node.value:
        key_mark = _mark(key_node)
        if not isinstance(key_node, ScalarNode) or key_node.value == "":
            errors.append(
                DataError(
                    doc.file,
                    key_mark.line,
                    key_mark.col,
                    tr("字段名必须是普通的名称", "a key must be a plain name"),
                    tr("写成 `字段名: 值`", "write `name: value`"),
                )
            )
            continue
        key = key_node.value
        if len(key) > limits.KEY:
            message = tr(
                f"字段名太长：{len(key):,} 个字，最多 {limits.KEY} 个字",
                f"key too long: {len(key):,} characters, at most {limits.KEY}",
            )
            hint = tr("字段名是 name、address 这样的英文名称；文字写在冒号后面", "keys are names like name or address")
            errors.append(DataError(doc.file, key_mark.line, key_mark.col, message, hint))
            continue
        child = (*path, key)
        if key in result:
            first = doc.keys[child]
            errors.append(
                DataError(
                    doc.file,
                    key_mark.line,
                    key_mark.col,
                    tr(
                        f"字段 {key!r} 重复了（第一次出现在第 {first.line} 行）",
                        f"duplicate key {key!r} (first at line {first.line})",
                    ),
                    tr(
                        "YAML 只会悄悄保留最后一个：删掉其中一个，或者合并成一个",
                        "YAML would silently keep only the last one; delete or merge one of them",
                    ),
                )
            )
            continue
        doc.keys[child] = key_mark
        _check_invisible(key, child, doc, errors, key=True)
        result[key] = walker.convert(value_node, child)
    return result
