"""Split a Markdown file into YAML frontmatter and body, knowing where every key and value stands.

Parsing is the hot path: libyaml (PyYAML's C parser) composes the node tree with no implicit
type resolution, and one Python walk builds plain values while recording positions. Scalars are
typed by YAML 1.2 core rules, except that dates stay text (the models parse them) and numbers with
a leading zero stay text, so that an unquoted KBO number keeps its leading zero. Hostile input
never raises: every problem comes back as a :class:`ParseProblem` with its line and column.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import yaml
from yaml._yaml import CParser
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

if TYPE_CHECKING:
    from collections.abc import Iterator

Path = tuple[str | int, ...]
"""Where a value sits in the frontmatter: keys and list indexes from the root."""

DEFAULT_MAX_FILE_SIZE = 1024 * 1024
MAX_DEPTH = 32

_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_TRUES = frozenset({"true", "True", "TRUE"})
_FALSES = frozenset({"false", "False", "FALSE"})
_INT_RE = re.compile(r"[-+]?(?:0|[1-9][0-9]*)")
_FLOAT_RE = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*|[0-9]+)(?:[eE][-+]?[0-9]+)?")
_TAB_INDENT_RE = re.compile(r"^ *\t", re.MULTILINE)
_STANDARD_TAGS = frozenset({
    "tag:yaml.org,2002:str", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq",
})
_BOM = b"\xef\xbb\xbf"


@dataclass(frozen=True, slots=True)
class Position:
    """A 1-based line and column in the source file."""

    line: int
    column: int


@dataclass(frozen=True, slots=True)
class ParseProblem:
    """Why a file could not be (fully) read, with the stable code that names the problem."""

    code: str
    position: Position
    message: str


@dataclass(slots=True)
class ParsedFile:
    """What the parser learned about one file; ``data`` is None when the frontmatter is unusable."""

    data: dict[str, Any] | None = None
    body: str = ""
    body_line: int = 1
    key_positions: dict[Path, Position] = field(default_factory=dict)
    value_positions: dict[Path, Position] = field(default_factory=dict)
    raw_scalars: dict[Path, str] = field(default_factory=dict)
    problems: list[ParseProblem] = field(default_factory=list)

    def position_of(self, path: Path) -> Position:
        """Where the author should act for ``path``: its key, else its value, else its parent's."""
        while path:
            found = self.key_positions.get(path) or self.value_positions.get(path)
            if found:
                return found
            path = path[:-1]
        return Position(1, 1)


class _NodeLoader(CParser, yaml.constructor.BaseConstructor, yaml.resolver.BaseResolver):  # type: ignore[misc]
    """libyaml parser and composer with no implicit resolvers: we type scalars ourselves."""

    def __init__(self, stream: str) -> None:
        CParser.__init__(self, stream)
        yaml.constructor.BaseConstructor.__init__(self)
        yaml.resolver.BaseResolver.__init__(self)


def parse_document(raw: bytes, *, max_size: int = DEFAULT_MAX_FILE_SIZE) -> ParsedFile:
    """Parse the bytes of one Markdown file; never raises on bad content."""
    result = ParsedFile()
    if len(raw) > max_size:
        result.problems.append(too_large(len(raw), max_size))
        return result
    text = _decode(raw, result)
    if text is None:
        return result
    lines = text.split("\n")
    if lines[0].rstrip(" ") != "---":
        result.problems.append(ParseProblem(
            "ESF001", Position(1, 1),
            "no frontmatter: start the file with a line '---', the YAML keys, and a closing '---'",
        ))
        return result
    close = next((i for i in range(1, len(lines)) if lines[i].rstrip(" ") in ("---", "...")), None)
    if close is None:
        result.problems.append(ParseProblem(
            "ESF002", Position(1, 1),
            "frontmatter is not closed: add a line '---' after the last key",
        ))
        return result
    result.body = "\n".join(lines[close + 1:])
    result.body_line = close + 2
    _parse_yaml("\n".join(lines[1:close]), result)
    return result


def too_large(size: int, max_size: int) -> ParseProblem:
    """The problem reported for a file above the size limit (checked before reading it)."""
    return ParseProblem(
        "ESF008", Position(1, 1),
        f"file is {size:,} bytes, above the limit of {max_size:,}: split it or move large "
        "material out of the knowledge base",
    )


def _decode(raw: bytes, result: ParsedFile) -> str | None:
    if raw.startswith(_BOM):
        raw = raw[len(_BOM):]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line_start = raw.rfind(b"\n", 0, error.start) + 1
        line = raw.count(b"\n", 0, error.start) + 1
        result.problems.append(ParseProblem(
            "ESF007", Position(line, error.start - line_start + 1),
            f"not UTF-8 (byte 0x{raw[error.start]:02X}): save the file with UTF-8 encoding",
        ))
        return None
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def _parse_yaml(source: str, result: ParsedFile) -> None:
    tabs = [m.start() for m in _TAB_INDENT_RE.finditer(source)]
    if tabs:
        for offset in tabs:
            line = source.count("\n", 0, offset) + 2
            result.problems.append(ParseProblem(
                "ESF009", Position(line, 1), "tab used for indentation: indent with spaces",
            ))
        return
    if ("&" in source or "*" in source) and _refuse_anchors(source, result):
        return
    loader = _NodeLoader(source)
    try:
        node = loader.get_single_node()
    except yaml.YAMLError as error:
        result.problems.append(_syntax_problem(error, source))
        return
    finally:
        loader.dispose()
    if not isinstance(node, MappingNode):
        where = _position(node) if node is not None else Position(2, 1)
        result.problems.append(ParseProblem(
            "ESF006", where,
            "frontmatter must be a mapping of keys to values, e.g. 'titel: Mijn model'",
        ))
        return
    result.data = _build(node, (), result, 0)


def _refuse_anchors(source: str, result: ParsedFile) -> bool:
    """Report the first anchor or alias; events are linear, so a billion laughs stays cheap."""
    try:
        for event in yaml.parse(source, Loader=yaml.CSafeLoader):
            anchor = getattr(event, "anchor", None)
            if anchor is not None:
                result.problems.append(ParseProblem(
                    "ESF005", _mark(event.start_mark),
                    f"YAML anchor or alias '{anchor}' is not allowed: write the value out in full",
                ))
                return True
    except yaml.YAMLError as error:
        result.problems.append(_syntax_problem(error, source))
        return True
    return False


def _syntax_problem(error: yaml.YAMLError, source: str) -> ParseProblem:
    if isinstance(error, yaml.reader.ReaderError):
        offset = min(error.position, len(source))
        line = source.count("\n", 0, offset) + 2
        column = offset - source.rfind("\n", 0, offset)
        return ParseProblem(
            "ESF003", Position(line, column),
            f"control character U+{error.character:04X} is not allowed in YAML: remove it",
        )
    if not isinstance(error, yaml.MarkedYAMLError):  # pragma: no cover - libyaml marks its errors
        return ParseProblem("ESF003", Position(2, 1), f"YAML error: {error}")
    mark = error.problem_mark or error.context_mark
    where = _mark(mark) if mark is not None else Position(2, 1)
    what = error.problem or "invalid YAML"
    context = f" {error.context}" if error.context else ""
    return ParseProblem(
        "ESF003", where,
        f"YAML syntax error: {what}{context}; check indentation, colons and quotes on this line",
    )


def _mark(mark: Any) -> Position:
    return Position(mark.line + 2, mark.column + 1)


def _position(node: Node) -> Position:
    return _mark(node.start_mark)


def _build(node: Node, path: Path, result: ParsedFile, depth: int) -> Any:
    result.value_positions[path] = _position(node)
    if depth > MAX_DEPTH:
        result.problems.append(ParseProblem(
            "ESF003", _position(node), f"nested deeper than {MAX_DEPTH} levels: flatten the structure",
        ))
        return None
    if node.tag not in _STANDARD_TAGS:
        result.problems.append(ParseProblem(
            "ESF010", _position(node),
            f"YAML tag '{node.tag}' is not allowed: remove it and write a plain value",
        ))
        return None
    if isinstance(node, ScalarNode):
        if node.style:
            return node.value
        value = _resolve_plain(node.value)
        if not isinstance(value, str):
            result.raw_scalars[path] = node.value
        return value
    if isinstance(node, SequenceNode):
        return [_build(item, (*path, i), result, depth + 1) for i, item in enumerate(node.value)]
    mapping: dict[str, Any] = {}
    for key_node, value_node in node.value:
        if not isinstance(key_node, ScalarNode):
            result.problems.append(ParseProblem(
                "ESF003", _position(key_node), "a key must be plain text, not a list or mapping",
            ))
            continue
        key = key_node.value
        key_path = (*path, key)
        if key in mapping:
            first = result.key_positions[key_path]
            result.problems.append(ParseProblem(
                "ESF004", _position(key_node),
                f"duplicate key '{key}' (first at line {first.line}): keep one of the two",
            ))
            continue
        result.key_positions[key_path] = _position(key_node)
        mapping[key] = _build(value_node, key_path, result, depth + 1)
    return mapping


def _resolve_plain(text: str) -> Any:
    """Type a plain scalar: null, booleans and decimal numbers; everything else stays text."""
    if text in _NULLS:
        return None
    if text in _TRUES:
        return True
    if text in _FALSES:
        return False
    if _INT_RE.fullmatch(text):
        return int(text)
    if _FLOAT_RE.fullmatch(text) and not (text.lstrip("+-").startswith("0") and text.lstrip("+-")[1:2].isdigit()):
        return float(text)
    return text


def iter_strings(value: Any, path: Path = ()) -> Iterator[tuple[Path, str]]:
    """Every string in a parsed frontmatter value, with its path, in document order."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from iter_strings(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from iter_strings(item, (*path, index))
