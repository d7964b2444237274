"""Strict YAML loading with positions.

PyYAML follows YAML 1.1: `0510` becomes 328, `22:30` becomes 1350, `no` becomes False and
duplicate keys silently overwrite each other. Staff cannot see any of that, so this loader
turns implicit typing off (every scalar stays the exact text that was typed), refuses
aliases, tags and duplicate keys, and remembers where every value and key came from so
that later validation can say `stations.yaml:42:7`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .errors import DataError, DataErrors

Path_ = tuple[str | int, ...]

_NULLS = {"", "~", "null", "Null", "NULL"}
_STR_TAG = "tag:yaml.org,2002:str"
# Invisible characters that sneak in through copy-and-paste and make ids or keys differ silently.
_INVISIBLE = {
    "\ufeff": "byte-order mark",
    "\u200b": "zero-width space",
    "\u00a0": "no-break space",
}


@dataclass(frozen=True)
class Mark:
    """A 1-based position; `quoted` tells whether the scalar had quotes (shifts column offsets)."""

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


class _StrictLoader(yaml.SafeLoader):
    """Composes nodes only; every plain scalar resolves to a string, aliases are recorded as errors."""

    yaml_implicit_resolvers: ClassVar[dict] = {}

    def __init__(self, stream: bytes):
        super().__init__(stream)
        self.alias_marks: list[yaml.Mark] = []

    def compose_node(self, parent: Node | None, index: Any) -> Node:
        if self.check_event(yaml.AliasEvent):
            event = self.get_event()
            self.alias_marks.append(event.start_mark)
            return ScalarNode("tag:yaml.org,2002:null", "", event.start_mark, event.end_mark)
        return super().compose_node(parent, index)


def load_yaml(path: Path, display_name: str | None = None) -> Document:
    """Read a YAML file strictly. Syntax errors raise DataErrors; other problems land in `doc.problems`."""
    name = display_name or path.name
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise DataErrors([DataError(name, 1, 1, f"cannot read file: {exc.strerror}", "check the path")]) from None
    return load_yaml_text(raw, name)


def load_yaml_text(raw: bytes | str, name: str) -> Document:
    """Like load_yaml, for text already in memory (used by tests and the CLI)."""
    loader = _StrictLoader(raw.encode("utf-8") if isinstance(raw, str) else raw)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        raise DataErrors([_syntax_error(name, exc)]) from None
    except yaml.YAMLError as exc:  # e.g. ReaderError: bytes that are not UTF-8
        raise DataErrors([DataError(name, 1, 1, f"cannot read YAML: {exc}", "save the file as UTF-8")]) from None
    finally:
        loader.dispose()
    if node is None:
        raise DataErrors([DataError(name, 1, 1, "the file is empty", "start from the sample stations.yaml")])
    doc = Document(name, None)
    doc.problems += [
        DataError(name, m.line + 1, m.column + 1, "aliases (*name) are not supported", "write the value out in full")
        for m in loader.alias_marks
    ]
    doc.data = _convert(node, (), doc, doc.problems)
    return doc


def _syntax_error(name: str, exc: yaml.MarkedYAMLError) -> DataError:
    mark = exc.problem_mark or exc.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    problem = exc.problem or exc.context or "invalid YAML"
    if "'\\t'" in problem or "tab" in problem:
        hint = "indent with spaces, never with tabs"
    elif "expected a single document" in problem or "but found another document" in str(exc):
        hint = "keep one document per file: remove the extra '---' line"
    elif "mapping values are not allowed" in problem:
        hint = "put quotes around a value that contains ': '"
    else:
        hint = "check indentation and quotes on this line and the one above"
    return DataError(name, line, col, f"YAML syntax error: {problem}", hint)


def _mark(node: Node) -> Mark:
    quoted = isinstance(node, ScalarNode) and node.style in ("'", '"')
    return Mark(node.start_mark.line + 1, node.start_mark.column + 1, quoted)


def _convert(node: Node, path: Path_, doc: Document, errors: list[DataError]) -> Any:
    doc.values[path] = _mark(node)
    if isinstance(node, ScalarNode):
        return _scalar(node, path, doc, errors)
    if isinstance(node, SequenceNode):
        return [_convert(child, (*path, i), doc, errors) for i, child in enumerate(node.value)]
    assert isinstance(node, MappingNode)
    return _mapping(node, path, doc, errors)


def _scalar(node: ScalarNode, path: Path_, doc: Document, errors: list[DataError]) -> str | None:
    if node.tag not in (_STR_TAG, "tag:yaml.org,2002:null"):
        errors.append(
            doc.error(
                path,
                f"explicit tag {node.tag!r} is not supported",
                "remove the '!!…' tag",
            )
        )
    if node.style is None and node.value in _NULLS:
        return None
    _check_invisible(node.value, path, doc, errors)
    return node.value


def _check_invisible(text: str, path: Path_, doc: Document, errors: list[DataError], *, key: bool = False) -> None:
    for char, what in _INVISIBLE.items():
        if char in text:
            where = doc.mark(path, key=key)
            col = where.col + text.index(char) + int(where.quoted)
            shown = text.replace(char, "")
            message = f"invisible {what} (U+{ord(char):04X}) in {shown!r}"
            errors.append(DataError(doc.file, where.line, col, message, "delete it and retype the text around it"))


def _mapping(node: MappingNode, path: Path_, doc: Document, errors: list[DataError]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key_node, value_node in node.value:
        key_mark = _mark(key_node)
        if not isinstance(key_node, ScalarNode) or key_node.value == "":
            errors.append(
                DataError(
                    doc.file,
                    key_mark.line,
                    key_mark.col,
                    "a key must be a plain name",
                    "write `name: value`",
                )
            )
            continue
        key = key_node.value
        child = (*path, key)
        if key in result:
            first = doc.keys[child]
            errors.append(
                DataError(
                    doc.file,
                    key_mark.line,
                    key_mark.col,
                    f"duplicate key {key!r} (first at line {first.line})",
                    "YAML would silently keep only the last one; delete or merge one of them",
                )
            )
            continue
        doc.keys[child] = key_mark
        _check_invisible(key, child, doc, errors, key=True)
        result[key] = _convert(value_node, child, doc, errors)
    return result
