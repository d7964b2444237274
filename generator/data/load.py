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
from collections.abc import Iterator, Mapping
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
    """A 1-based position; `quoted` tells whether the scalar had quotes (shifts column offsets)."""

    line: int
    col: int
    quoted: bool = False


@dataclass
class Document:
    """Plain Python data (dicts, lists, strings, None) plus where each piece came from.

    Positions are looked up when an error needs one, by following the path through the composed nodes
    (`root`), rather than recorded for every value: a 100,000-station file has four million of them.
    """

    file: str
    data: Any
    root: Node | None = None
    problems: list[DataError] = field(default_factory=list)
    """Errors that do not stop reading (duplicates, aliases, tags); validation reports them with its own."""

    def mark(self, path: Path_, *, key: bool = False) -> Mark:
        """Position of the value (or key) at `path`, falling back to the nearest ancestor."""
        trail = _trail(self.root, tuple(path))
        for key_node, value_node in reversed(trail):
            if key and key_node is not None:
                return _mark(key_node)
            if value_node is not None:
                return _mark(value_node)
        return Mark(1, 1)

    @property
    def values(self) -> Mapping[Path_, Mark]:
        """Position of each value by path (looked up on demand)."""
        return _Marks(self.root, key=False)

    @property
    def keys(self) -> Mapping[Path_, Mark]:
        """Position of each mapping key by path (looked up on demand)."""
        return _Marks(self.root, key=True)

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


def _trail(root: Node | None, path: Path_) -> list[tuple[Node | None, Node | None]]:
    """(key node, value node) for the root and each step of `path` that exists, as far as it goes.

    A mapping key is found where the loader kept it: its first plain occurrence (later duplicates are errors).
    """
    if root is None:
        return []
    trail: list[tuple[Node | None, Node | None]] = [(None, root)]
    node: Node = root
    for part in path:
        if isinstance(node, MappingNode) and isinstance(part, str):
            found = next((kv for kv in node.value if _plain_key(kv[0]) and kv[0].value == part), None)
            if found is None:
                break
            trail.append(found)
            node = found[1]
        elif isinstance(node, SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
            node = node.value[part]
            trail.append((None, node))
        else:
            break
    return trail


class _Marks(Mapping[Path_, Mark]):
    """`doc.values` / `doc.keys`: a read-only view that looks each position up in the nodes."""

    def __init__(self, root: Node | None, *, key: bool):
        self.root, self.key = root, key

    def __getitem__(self, path: Path_) -> Mark:
        trail = _trail(self.root, tuple(path))
        if len(trail) != len(path) + 1:
            raise KeyError(path)
        node = trail[-1][0] if self.key else trail[-1][1]
        if node is None:
            raise KeyError(path)
        return _mark(node)

    def __iter__(self) -> Iterator[Path_]:
        raise TypeError("positions are looked up by path, not listed")

    def __len__(self) -> int:
        raise TypeError("positions are looked up by path, not counted")


# libyaml's C parser composes about ten times faster than the pure-Python one, with the same marks.
_BaseLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_TAGS = {ScalarNode: _STR_TAG, SequenceNode: "tag:yaml.org,2002:seq", MappingNode: "tag:yaml.org,2002:map"}


class _StrictLoader(_BaseLoader):
    """Composes nodes only: with no implicit resolvers, every plain scalar resolves to a string."""

    yaml_implicit_resolvers: ClassVar[dict] = {}

    # The composer asks for every untagged node's tag, and tracks its place for path resolvers; with nothing
    # to resolve and no path resolvers, skip PyYAML's general machinery (4 million calls in a large file).
    def resolve(self, kind: type[Node], value: Any, implicit: Any) -> str:
        return _TAGS[kind]

    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        return None

    def ascend_resolver(self) -> None:
        return None


def load_yaml(
    path: Path, display_name: str | None = None, *, max_bytes: int = limits.STATIONS_FILE, size_hint: str | None = None
) -> Document:
    """Read a YAML file strictly. Syntax errors raise DataErrors; other problems land in `doc.problems`.

    A file larger than `max_bytes` is refused from its size alone, before it is read (`size_hint` is added to
    that message's hint).
    """
    name = display_name or path.name
    try:
        too_large = limits.check_file_size(path, name, max_bytes, size_hint)
        if too_large is not None:
            raise DataErrors([too_large])
        raw = path.read_bytes()
    except OSError as exc:
        message = tr(f"无法读取这个文件（{exc.strerror}）", f"cannot read file: {exc.strerror}")
        raise DataErrors([DataError(name, 1, 1, message, tr("检查文件的路径和名称", "check the path"))]) from None
    return load_yaml_text(raw, name)


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector off inside the block (and back as it was after it).

    Loading and validating a large file makes millions of small objects and no cycles; the collector,
    which walks every live object again and again as they pile up, was most of the time. Memory is still
    freed as usual (by reference counting) when the document is dropped.
    """
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
    with collector_paused():
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
    doc = Document(name, None, node)
    # Without an anchor (&name) there can be no alias, so no need to watch for a node met twice.
    walker = _Walker(doc, watch=b"&" in data)
    doc.data = walker.convert(node)
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
    """Turns composed nodes into plain data; a node met twice is an alias (watched for only if the file has anchors)."""

    def __init__(self, doc: Document, *, watch: bool = True):
        self.doc = doc
        self.seen: set[int] | None = set() if watch else None
        self.aliased = False

    def convert(self, node: Node) -> Any:
        if self.seen is not None:
            if id(node) in self.seen:
                # Not descending again also defuses "billion laughs" files made of nested aliases.
                self.aliased = True
                return ALIAS
            self.seen.add(id(node))
        kind = type(node)
        if kind is ScalarNode:
            return _scalar(node, self.doc)  # type: ignore[arg-type]
        if kind is SequenceNode:
            return [self.convert(child) for child in node.value]
        return self._mapping(node)  # type: ignore[arg-type]

    def _mapping(self, node: MappingNode) -> dict[str, Any]:
        doc, result = self.doc, {}
        for key_node, value_node in node.value:
            if not _plain_key(key_node):
                doc.problems.append(_key_error(key_node, doc.file))
                continue
            key = key_node.value
            if key in result:
                doc.problems.append(_duplicate(key, key_node, node, doc.file))
                continue
            _check_invisible(key, key_node, doc)
            result[key] = self.convert(value_node)
        return result


def _plain_key(node: Node) -> bool:
    """A key the loader keeps: plain text, not empty, not too long."""
    return type(node) is ScalarNode and 0 < len(node.value) <= limits.KEY


def _key_error(node: Node, file: str) -> DataError:
    m = _mark(node)
    if type(node) is ScalarNode and node.value:
        length = len(node.value)
        message = tr(
            f"字段名太长：{length:,} 个字，最多 {limits.KEY} 个字",
            f"key too long: {length:,} characters, at most {limits.KEY}",
        )
        hint = tr("字段名是 name、address 这样的英文名称；文字写在冒号后面", "keys are names like name or address")
        return DataError(file, m.line, m.col, message, hint)
    message = tr("字段名必须是普通的名称", "a key must be a plain name")
    return DataError(file, m.line, m.col, message, tr("写成 `字段名: 值`", "write `name: value`"))


def _duplicate(key: str, key_node: Node, mapping: MappingNode, file: str) -> DataError:
    first = next(k for k, _ in mapping.value if _plain_key(k) and k.value == key)
    m, line = _mark(key_node), _mark(first).line
    return DataError(
        file,
        m.line,
        m.col,
        tr(f"字段 {key!r} 重复了（第一次出现在第 {line} 行）", f"duplicate key {key!r} (first at line {line})"),
        tr(
            "YAML 只会悄悄保留最后一个：删掉其中一个，或者合并成一个",
            "YAML would silently keep only the last one; delete or merge one of them",
        ),
    )


def _scalar(node: ScalarNode, doc: Document) -> str | LongText | None:
    if node.tag not in (_STR_TAG, "tag:yaml.org,2002:null"):
        m = _mark(node)
        message = tr(f"不支持标签 {node.tag!r}", f"explicit tag {node.tag!r} is not supported")
        doc.problems.append(DataError(doc.file, m.line, m.col, message, tr("删掉 '!!…' 标签", "remove the '!!…' tag")))
    value = node.value
    if not node.style and value in _NULLS:  # plain style is None in PyYAML, "" in libyaml
        return None
    if len(value) > limits.TEXT_MAX:
        # Longer than any field allows: its field reports the length; nothing else ever reads the text.
        return LongText(len(value), value[:12])
    _check_invisible(value, node, doc)
    return value


def _check_invisible(text: str, node: Node, doc: Document) -> None:
    if _INVISIBLE_RE.search(text) is None:
        return
    where = _mark(node)
    for char, (zh, en) in _INVISIBLE.items():
        if char in text:
            col = where.col + text.index(char) + int(where.quoted)
            shown = text.replace(char, "")
            code = f"U+{ord(char):04X}"
            message = tr(f"{shown!r} 里有看不见的{zh}（{code}）", f"invisible {en} ({code}) in {shown!r}")
            hint = tr("删掉它：把这段文字前后重新输入一遍", "delete it and retype the text around it")
            doc.problems.append(DataError(doc.file, where.line, col, message, hint))
