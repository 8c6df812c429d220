"""Split a Markdown file into YAML frontmatter and body, knowing where every key and value stands.

Parsing is the hot path: libyaml (PyYAML's C parser) composes the node tree with no implicit
type resolution, and one Python walk builds plain values while recording positions. Scalars are
typed by YAML 1.2 core rules, except that dates stay text (the models parse them) and numbers with
a leading zero stay text, so that an unquoted KBO number keeps its leading zero. Hostile input
never raises: every problem comes back as a :class:`ParseProblem` with its line and column.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import yaml
from yaml._yaml import CParser
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from esfkb.i18n import _

if TYPE_CHECKING:
    from collections.abc import Iterator

Path = tuple[str | int, ...]
"""Where a value sits in the frontmatter: keys and list indexes from the root."""

DEFAULT_MAX_FILE_SIZE = 1024 * 1024
FRONTMATTER_FIRST_LINE = 2
"""The frontmatter source starts on the line after the opening '---'."""
MAX_DEPTH = 32
MAX_INTEGER = 2**53 - 1
"""The largest number a value may hold: what every JSON reader keeps exact (I-JSON, RFC 7493; JavaScript's
``Number.MAX_SAFE_INTEGER``). Beyond it the site would publish another number; from 4,301 digits Python refuses it."""

_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_TRUES = frozenset({"true", "True", "TRUE"})
_FALSES = frozenset({"false", "False", "FALSE"})
_INT_RE = re.compile(r"[-+]?(?:0|[1-9][0-9]*)")
_FLOAT_RE = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*|[0-9]+)(?:[eE][-+]?[0-9]+)?")
_TAB_INDENT_RE = re.compile(r"^ *\t", re.MULTILINE)
_UNPRINTABLE_RE = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
"""What YAML refuses in a file (its printable set) and an escape in double quotes still writes: NUL, terminal
escapes, surrogates."""
_OUT_OF_RANGE = object()
"""What :func:`_resolve_plain` gives for a number beyond :data:`MAX_INTEGER` or too large for a float."""
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


class ParsedFile:
    """What the parser learned about one file; ``data`` is None when the frontmatter is unusable.

    Positions are not recorded on the hot path: most files have no diagnostic. The first access
    to ``key_positions``, ``value_positions`` or ``raw_scalars`` composes the frontmatter again
    and indexes every node, once.
    """

    __slots__ = ("_index", "body", "body_line", "data", "problems", "source")

    def __init__(
        self,
        data: dict[str, Any] | None = None,
        body: str = "",
        body_line: int = 1,
        problems: list[ParseProblem] | None = None,
        source: str = "",
    ) -> None:
        self.data = data
        self.body = body
        self.body_line = body_line
        self.problems: list[ParseProblem] = problems if problems is not None else []
        self.source = source
        """The frontmatter text between the fences; it starts on line 2 of the file."""
        self._index: _PositionIndex | None = None

    @property
    def key_positions(self) -> dict[Path, Position]:
        """Where each mapping key stands, by the path of its value."""
        return self._positions().keys

    @property
    def value_positions(self) -> dict[Path, Position]:
        """Where each value (scalar, list or mapping) starts."""
        return self._positions().values

    @property
    def raw_scalars(self) -> dict[Path, str]:
        """The source text of plain scalars that YAML typed as something other than text."""
        return self._positions().raw

    def _positions(self) -> _PositionIndex:
        if self._index is None:
            self._index = _index_positions(self.source) if self.data is not None else _PositionIndex()
        return self._index

    def position_of(self, path: Path) -> Position:
        """Where the author should act for ``path``: its key, else its value, else its parent's."""
        while path:
            index = self._positions()
            found = index.keys.get(path) or index.values.get(path)
            if found:
                return found
            path = path[:-1]
        return Position(1, 1)


@dataclass(slots=True)
class _PositionIndex:
    keys: dict[Path, Position] = field(default_factory=dict)
    values: dict[Path, Position] = field(default_factory=dict)
    raw: dict[Path, str] = field(default_factory=dict)


_DEFAULT_TAGS = {
    ScalarNode: "tag:yaml.org,2002:str", SequenceNode: "tag:yaml.org,2002:seq", MappingNode: "tag:yaml.org,2002:map",
}


class _NodeLoader(CParser, yaml.constructor.BaseConstructor, yaml.resolver.BaseResolver):  # type: ignore[misc]
    """libyaml parser and composer; every untagged node gets the default tag, we type scalars ourselves.

    libyaml calls back into Python to resolve each node's tag: these callbacks are kept trivial.
    """

    def __init__(self, stream: str) -> None:
        CParser.__init__(self, stream)
        yaml.constructor.BaseConstructor.__init__(self)
        yaml.resolver.BaseResolver.__init__(self)

    def resolve(self, kind: type[Node], value: Any, implicit: Any) -> str:
        return _DEFAULT_TAGS[kind]

    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        return None

    def ascend_resolver(self) -> None:
        return None


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
            _("no frontmatter: start the file with a line '---', the YAML keys, and a closing '---'"),
        ))
        return result
    close = next((i for i in range(1, len(lines)) if lines[i].rstrip(" ") in ("---", "...")), None)
    if close is None:
        result.problems.append(ParseProblem(
            "ESF002", Position(1, 1),
            _("frontmatter is not closed: add a line '---' after the last key"),
        ))
        return result
    result.body = "\n".join(lines[close + 1:])
    result.body_line = close + 2
    result.source = "\n".join(lines[1:close])
    _parse_yaml(result.source, result)
    return result


def too_large(size: int, max_size: int) -> ParseProblem:
    """The problem reported for a file above the size limit (checked before reading it)."""
    return ParseProblem(
        "ESF008", Position(1, 1),
        _("file is {size} bytes, above the limit of {limit}: split it or move large material out of the "
          "knowledge base").format(size=f"{size:,}", limit=f"{max_size:,}"),
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
            _("not UTF-8 (byte 0x{byte}): save the file with UTF-8 encoding").format(byte=f"{raw[error.start]:02X}"),
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
                "ESF009", Position(line, 1), _("tab used for indentation: indent with spaces"),
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
            _("frontmatter must be a mapping of keys to values, e.g. 'titel: Mijn model'"),
        ))
        return
    result.data = _build(node, result, 0)


def _refuse_anchors(source: str, result: ParsedFile) -> bool:
    """Report the first anchor or alias; events are linear, so a billion laughs stays cheap."""
    try:
        for event in yaml.parse(source, Loader=yaml.CSafeLoader):
            anchor = getattr(event, "anchor", None)
            if anchor is not None:
                result.problems.append(ParseProblem(
                    "ESF005", _mark(event.start_mark),
                    _("YAML anchor or alias '{anchor}' is not allowed: write the value out in full").format(
                        anchor=anchor),
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
            _("control character U+{code} is not allowed in YAML: remove it").format(code=f"{error.character:04X}"),
        )
    if not isinstance(error, yaml.MarkedYAMLError):  # pragma: no cover - libyaml marks its errors
        return ParseProblem("ESF003", Position(2, 1), _("YAML error: {error}").format(error=error))
    mark = error.problem_mark or error.context_mark
    where = _mark(mark) if mark is not None else Position(2, 1)
    what = error.problem or _("invalid YAML")
    context = f" {error.context}" if error.context else ""
    return ParseProblem(
        "ESF003", where,
        _("YAML syntax error: {problem}; check indentation, colons and quotes on this line").format(
            problem=what + context),
    )


def _mark(mark: Any) -> Position:
    return Position(mark.line + FRONTMATTER_FIRST_LINE, mark.column + 1)


def _position(node: Node) -> Position:
    return _mark(node.start_mark)


def _build(node: Node, result: ParsedFile, depth: int) -> Any:
    """The hot path: plain values from the node tree, no positions (see :func:`_index_positions`)."""
    if node.tag not in _STANDARD_TAGS or depth > MAX_DEPTH:
        result.problems.append(_node_problem(node, depth))
        return None
    if node.__class__ is ScalarNode:
        value = _resolve_plain(node.value) if not node.style else node.value
        if value is _OUT_OF_RANGE or (node.style == '"' and _UNPRINTABLE_RE.search(value)):
            result.problems.append(_unrepresentable(node))
            return None
        return value
    if node.__class__ is SequenceNode:
        return [_build(item, result, depth + 1) for item in node.value]
    mapping: dict[str, Any] = {}
    for key_node, value_node in node.value:
        if key_node.__class__ is not ScalarNode:
            result.problems.append(ParseProblem(
                "ESF003", _position(key_node), _("a key must be plain text, not a list or mapping"),
            ))
            continue
        key = key_node.value
        if key_node.style == '"' and _UNPRINTABLE_RE.search(key):
            result.problems.append(_unrepresentable(key_node))
            continue
        if key in mapping:
            first = next(k for k, _value in node.value if k.__class__ is ScalarNode and k.value == key)
            result.problems.append(ParseProblem(
                "ESF004", _position(key_node),
                _("duplicate key '{key}' (first at line {line}): keep one of the two").format(
                    key=key, line=_position(first).line),
            ))
            continue
        mapping[key] = _build(value_node, result, depth + 1)
    return mapping


def _node_problem(node: Node, depth: int) -> ParseProblem:
    if depth > MAX_DEPTH:
        return ParseProblem("ESF003", _position(node),
                            _("nested deeper than {depth} levels: flatten the structure").format(depth=MAX_DEPTH))
    return ParseProblem(
        "ESF010", _position(node),
        _("YAML tag '{tag}' is not allowed: remove it and write a plain value").format(tag=node.tag),
    )


def _unrepresentable(node: ScalarNode) -> ParseProblem:
    """ESF016 for a number out of range or a string holding a character that YAML refuses in a file."""
    found = _UNPRINTABLE_RE.search(node.value) if node.style else None
    if found:
        return ParseProblem("ESF016", _position(node), _(
            "the text holds U+{code}, a character that YAML allows in no file (written here as an escape): remove it"
        ).format(code=f"{ord(found[0]):04X}"))
    shown = node.value if len(node.value) <= 24 else _("{start}… ({count} characters)").format(
        start=node.value[:12], count=f"{len(node.value):,}")
    return ParseProblem("ESF016", _position(node), _(
        "the number {number} is out of range: numbers go from -{most} to {most}; put quotes around it if it is text"
    ).format(number=shown, most=f"{MAX_INTEGER:,}"))


def _index_positions(source: str) -> _PositionIndex:
    """Compose ``source`` again and record where every key and value stands (diagnostics only)."""
    index = _PositionIndex()
    loader = _NodeLoader(source)
    try:
        node = loader.get_single_node()
    except yaml.YAMLError:
        return index
    finally:
        loader.dispose()
    if node is not None:
        _index_node(node, (), index, 0)
    return index


def _index_node(node: Node, path: Path, index: _PositionIndex, depth: int) -> None:
    index.values[path] = _position(node)
    if depth > MAX_DEPTH:
        return
    if isinstance(node, ScalarNode):
        if not node.style and not isinstance(_resolve_plain(node.value), str):
            index.raw[path] = node.value
    elif isinstance(node, SequenceNode):
        for i, item in enumerate(node.value):
            _index_node(item, (*path, i), index, depth + 1)
    elif isinstance(node, MappingNode):
        for key_node, value_node in node.value:
            if isinstance(key_node, ScalarNode):
                key_path = (*path, key_node.value)
                if key_path not in index.keys:  # a duplicate key keeps the first value, as the data does
                    index.keys[key_path] = _position(key_node)
                    _index_node(value_node, key_path, index, depth + 1)


def _resolve_plain(text: str) -> Any:
    """Type a plain scalar: null, booleans and decimal numbers; everything else stays text."""
    first = text[:1]
    if first.isalpha() and first not in "nNtTfF":  # most values are words: no regex needed
        return text
    if text in _NULLS:
        return None
    if text in _TRUES:
        return True
    if text in _FALSES:
        return False
    if _INT_RE.fullmatch(text):
        # A sign and the 16 digits of MAX_INTEGER: longer is out of range, and int() refuses 4,301 digits.
        if len(text) > 17 or abs(number := int(text)) > MAX_INTEGER:
            return _OUT_OF_RANGE
        return number
    if _FLOAT_RE.fullmatch(text) and not (text.lstrip("+-").startswith("0") and text.lstrip("+-")[1:2].isdigit()):
        number = float(text)
        return number if math.isfinite(number) else _OUT_OF_RANGE
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
