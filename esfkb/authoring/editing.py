"""Byte-preserving edits of a document's frontmatter, written atomically.

A matchmaker's file holds comments, hand-chosen quoting, blank lines and sometimes CRLF line
endings; a tool that round-trips it through a YAML dumper would rewrite all of that. Instead the
file is held as its original lines (UTF-8 decoded, each keeping its own line ending). An edit
finds the nodes it touches in a composed YAML tree (libyaml marks give each node's line and
column) and splices new text into the smallest range of lines that holds the field. Every other
line is carried over as it was, and since UTF-8 decoding is lossless, re-encoding gives back the
original bytes outside the edit, BOM included.

Writing compares the file on disk with the bytes that were read and refuses when they differ, then
replaces it through a temporary file in the same folder (``os.replace`` is atomic there), named after
the writing process (:func:`esfkb.base.docs_files.temporary_prefix`) so that one left by a killed process is
recognised and removed later. Nothing is read or written through a symbolic link (:func:`check_writable`).
"""

from __future__ import annotations

import contextlib
import itertools
import json
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path as FsPath
from typing import TYPE_CHECKING, Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from esfkb.base.docs_files import read_regular, temporary_prefix
from esfkb.checks.schema_check import PLACEHOLDER_PREFIX, format_path
from esfkb.config import CONFIG_FILE
from esfkb.errors import ConcurrentModificationError, EditError
from esfkb.i18n import _
from esfkb.model.frontmatter import parse_document

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from esfkb.model.frontmatter import Path

_BOM = b"\xef\xbb\xbf"
_LINE_RE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")
_EOL_RE = re.compile(r"(\r\n|\r|\n)$")
_UNUSUAL_BREAKS = ("\x85", "\u2028", "\u2029")
_PLAIN_START_RE = re.compile(r"[^\s\-?:,\[\]{}#&*!|>'\"%@`]")
_FLOW_CHARS = frozenset(",[]{}")
_DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}")


def split_lines(text: str) -> list[str]:
    """Lines with their own line ending (\\r\\n, \\r or \\n) kept, so joining them is lossless."""
    return _LINE_RE.findall(text)


def yaml_scalar(value: str, style: str | None = None, *, flow: bool = False) -> str:
    """``value`` as a YAML scalar: plain when it reads back as the same text, else double-quoted.

    Plain means: our parser reads it back as this text (no number, boolean or null) and so does a
    YAML 1.1 reader such as PyYAML in other tools, except for dates, which authors write plain and
    our parser keeps as text. ``style`` (a quote character) keeps an existing quoting; ``flow``
    also refuses the characters that end a value inside ``[...]`` or ``{...}``.
    """
    if style == "'" and value.isprintable():
        return "'" + value.replace("'", "''") + "'"
    if style != '"' and _plain_ok(value, flow):
        return value
    return json.dumps(value, ensure_ascii=False)


def _plain_ok(value: str, flow: bool) -> bool:
    if not value or value != value.strip() or not value.isprintable() or not _PLAIN_START_RE.match(value):
        return False
    if ": " in value or " #" in value or value.endswith(":") or (flow and _FLOW_CHARS.intersection(value)):
        return False
    parsed = parse_document(f"---\nv: {value}\n---\n".encode())
    if parsed.data is None or parsed.data.get("v") != value:
        return False
    return bool(_DATE_RE.fullmatch(value)) or yaml.safe_load(value) == value


def is_placeholder(value: Any) -> bool:
    """Whether a value is a template placeholder that ``esfkb new`` left for the author."""
    return isinstance(value, str) and value.lstrip().startswith(PLACEHOLDER_PREFIX)


@dataclass(frozen=True, slots=True)
class _At:
    """A place in the file: 0-based line index into the whole file and 0-based column."""

    line: int
    column: int


class EditableDocument:
    """One Markdown file opened for frontmatter edits; nothing touches the disk before :meth:`save`."""

    def __init__(self, path: FsPath, raw: bytes, *, require_frontmatter: bool = True) -> None:
        self.path = path
        self.original = raw
        self.bom = _BOM if raw.startswith(_BOM) else b""
        try:
            text = raw[len(self.bom):].decode("utf-8")
        except UnicodeDecodeError:
            raise EditError(_("{path}: not UTF-8; fix it first (esfkb validate)").format(path=path)) from None
        self.lines = split_lines(text)
        self._close = self._find_frontmatter()
        if require_frontmatter:
            self._check_frontmatter(raw)
        self._root: MappingNode | None = None

    @classmethod
    def read(cls, path: FsPath, *, require_frontmatter: bool = True) -> EditableDocument:
        """Read ``path``; its bytes are kept to detect a concurrent change at :meth:`save`."""
        check_writable(path)
        try:
            raw = read_regular(path)
        except OSError as error:
            raise EditError(_("{path}: cannot read it: {error}").format(path=path, error=error.strerror)) from None
        return cls(path, raw, require_frontmatter=require_frontmatter)

    # ---- whole file -------------------------------------------------------------------------

    def to_bytes(self) -> bytes:
        """The edited file."""
        return self.bom + "".join(self.lines).encode("utf-8")

    @property
    def changed(self) -> bool:
        """Whether the edits changed any byte."""
        return self.to_bytes() != self.original

    def save(self) -> bool:
        """Write the edits atomically; refuse if the file changed on disk. False when nothing changed."""
        data = self.to_bytes()
        if data == self.original:
            return False
        write_atomic(self.path, data, expected=self.original)
        self.original = data
        return True

    @property
    def body_start(self) -> int:
        """Index of the first line after the frontmatter (0 when the file has none)."""
        return self._close + 1 if self._close is not None else 0

    def replace_line(self, index: int, text: str) -> None:
        """Replace the content of one line, keeping its line ending."""
        self.lines[index] = text + _eol_of(self.lines[index])
        self._root = None

    # ---- reading the frontmatter --------------------------------------------------------------

    def get(self, path: Path) -> Any:
        """The plain value at ``path`` (None when absent): what the edit functions compare against."""
        node = self._node(path)
        return _plain(node) if node is not None else None

    # ---- scalar edits -----------------------------------------------------------------------

    def set_scalar(self, path: Path, value: str | int, *, order: Sequence[str] = ()) -> bool:
        """Set the value at ``path``: text keeps its quoting style, a number or boolean is written plain (``3500``,
        ``true``); add the key when it is missing."""
        node = self._node(path)
        parent = self._node(path[:-1]) if path[:-1] else self._tree()
        in_flow = isinstance(parent, SequenceNode | MappingNode) and bool(parent.flow_style)
        plain = None if isinstance(value, str) else str(value).lower()  # bool before int: True reads 'true'
        if node is None:
            if not isinstance(parent, MappingNode) or not isinstance(path[-1], str):
                raise EditError(_("{path}: cannot add '{key}': its parent is missing").format(
                    path=self.path, key=format_path(path)))
            self._insert_key(parent, path[-1], plain or yaml_scalar(str(value), flow=in_flow), [], order)
            return True
        if not isinstance(node, ScalarNode):
            raise EditError(_("{path}: '{key}' holds a list or mapping, not a single value").format(
                path=self.path, key=format_path(path)))
        if plain is not None:
            if node.value == plain and not node.style:
                return False
            text = plain
        elif node.value == value and node.style in (None, "", '"', "'") and node.value != "":
            return False
        else:
            text = yaml_scalar(str(value), _kept_quotes(node, str(value)), flow=in_flow)
        start, end = self._at(node.start_mark), self._content_end(node)
        if start == end and not self.lines[start.line][:start.column].endswith((" ", "\t")):
            text = " " + text
        self._splice(start, end, text)
        return True

    def delete_key(self, path: Path) -> bool:
        """Remove a key of a block mapping with its whole value; False when it is absent."""
        parent = self._node(path[:-1]) if path[:-1] else self._tree()
        if not isinstance(parent, MappingNode):
            return False
        for key_node, value_node in parent.value:
            if key_node.value == path[-1]:
                start = self._at(key_node.start_mark)
                if parent.flow_style or self.lines[start.line][:start.column].strip():
                    raise EditError(_("{path}: cannot remove '{key}' here: edit it by hand").format(
                        path=self.path, key=format_path(path)))
                self._replace_lines(start.line, self._content_end(value_node).line + 1, [])
                return True
        return False

    # ---- list edits -------------------------------------------------------------------------

    def add_item(self, path: Path, value: str | Mapping[str, str], *, order: Sequence[str] = ()) -> bool:
        """Append a scalar or a flat mapping to the list at ``path``, creating the key if needed."""
        node = self._node(path)
        if node is None:
            parent = self._node(path[:-1]) if path[:-1] else self._tree()
            if not isinstance(parent, MappingNode) or not isinstance(path[-1], str):
                raise EditError(_("{path}: cannot add '{key}': its parent is missing").format(
                    path=self.path, key=format_path(path)))
            prefix = self._default_item_prefix()
            self._insert_key(parent, path[-1], None, _block_item(value, prefix, len(prefix)), order)
            return True
        if isinstance(node, ScalarNode) and node.value == "" and not node.style:
            key = self._at(self._key_node(path).start_mark)
            prefix = " " * key.column + self._default_item_prefix()
            eol = _eol_of(self.lines[key.line]) or self._eol()
            self._replace_lines(key.line + 1, key.line + 1,
                                [line + eol for line in _block_item(value, prefix, len(prefix))])
            return True
        if not isinstance(node, SequenceNode):
            raise EditError(_("{path}: '{key}' is not a list").format(path=self.path, key=format_path(path)))
        if node.flow_style or not node.value:
            self._add_flow_item(node, value)
        else:
            self._add_block_item(node, value)
        return True

    def remove_item(self, path: Path, index: int, *, drop_empty_key: bool = True) -> None:
        """Remove item ``index`` of the list at ``path``.

        When it was the only item, a block list goes with its key (adding to a missing key
        writes a block list, so add + remove gives back the file), or becomes ``key: []`` when
        ``drop_empty_key`` is false; a flow list becomes ``[]``.
        """
        node = self._node(path)
        if not isinstance(node, SequenceNode) or not 0 <= index < len(node.value):
            raise EditError(_("{path}: '{key}' has no item {index}").format(
                path=self.path, key=format_path(path), index=index))
        items = node.value
        if node.flow_style:
            if len(items) == 1:
                self._splice(self._at(items[0].start_mark), self._content_end(items[0]), "")
            elif index < len(items) - 1:
                self._splice(self._at(items[index].start_mark), self._at(items[index + 1].start_mark), "")
            else:
                self._splice(self._content_end(items[index - 1]), self._content_end(items[index]), "")
            return
        if len(items) == 1 and drop_empty_key:
            self.delete_key(path)
            return
        if len(items) == 1:
            key_end = self._content_end(self._key_node(path))
            colon = self.lines[key_end.line].index(":", key_end.column) + 1
            self._replace_lines(self._dash_line(items[0]), self._content_end(items[0]).line + 1, [])
            self._splice(_At(key_end.line, colon), _At(key_end.line, colon), " []")
            return
        self._replace_lines(self._dash_line(items[index]), self._content_end(items[index]).line + 1, [])

    def _add_block_item(self, node: SequenceNode, value: str | Mapping[str, str]) -> None:
        last = node.value[-1]
        dash_line = self._dash_line(last)
        line = self.lines[dash_line]
        dash = line.index("-")
        start = self._at(last.start_mark)
        gap = start.column - dash - 1 if start.line == dash_line else 1
        prefix = line[:dash] + "-" + " " * max(gap, 1)
        indent = start.column if isinstance(last, MappingNode) and not last.flow_style else len(prefix)
        style = _kept_quotes(last, value) if isinstance(last, ScalarNode) and isinstance(value, str) else None
        flow = isinstance(last, MappingNode) and bool(last.flow_style)
        after = self._content_end(last).line
        eol = _eol_of(self.lines[after]) or self._eol()
        rendered = _block_item(value, prefix, indent, style=style, flow=flow)
        self._replace_lines(after + 1, after + 1, [line + eol for line in rendered])

    def _add_flow_item(self, node: SequenceNode, value: str | Mapping[str, str]) -> None:
        text = _flow_value(value)
        if not node.value:
            end = self._at(node.end_mark)
            self._splice(_At(end.line, end.column - 1), _At(end.line, end.column - 1), text)
            return
        separator = ", "
        if len(node.value) > 1:
            separator = self._text(self._content_end(node.value[0]), self._at(node.value[1].start_mark))
        at = self._content_end(node.value[-1])
        self._splice(at, at, separator + text)

    # ---- tree and positions -----------------------------------------------------------------

    def _find_frontmatter(self) -> int | None:
        if not self.lines or _strip_eol(self.lines[0]).rstrip(" ") != "---":
            return None
        for index in range(1, len(self.lines)):
            if _strip_eol(self.lines[index]).rstrip(" ") in ("---", "..."):
                return index
        return None

    def _check_frontmatter(self, raw: bytes) -> None:
        if self._close is None:
            raise EditError(_("{path}: no frontmatter to edit; fix it first (esfkb validate)").format(path=self.path))
        parsed = parse_document(raw)
        if parsed.problems or parsed.data is None:
            first = parsed.problems[0] if parsed.problems else None
            why = _("line {line}: {code} {message}").format(
                line=first.position.line, code=first.code, message=first.message) if first else _("unreadable")
            raise EditError(_("{path}: cannot edit a file with problems ({why}); fix it first").format(
                path=self.path, why=why))
        if any(mark in line for line in self.lines[1:self._close] for mark in _UNUSUAL_BREAKS):
            raise EditError(_("{path}: the frontmatter holds unusual line separators (U+2028, U+2029 or U+0085); "
                              "replace them with ordinary line breaks first").format(path=self.path))

    def _tree(self) -> MappingNode:
        if self._root is None:
            if self._close is None:
                raise EditError(_("{path}: no frontmatter to edit").format(path=self.path))
            source = "".join(self.lines[1:self._close])
            try:
                root = yaml.compose(source, Loader=yaml.CSafeLoader)
            except yaml.YAMLError as error:
                raise EditError(_("{path}: the frontmatter is no longer valid YAML: {error}").format(
                    path=self.path, error=error)) from None
            if not isinstance(root, MappingNode) or root.flow_style:
                raise EditError(_("{path}: the frontmatter must be a block mapping of keys to edit it").format(
                    path=self.path))
            self._root = root
        return self._root

    def _node(self, path: Path) -> Node | None:
        node: Node = self._tree()
        for part in path:
            if isinstance(part, int):
                if not isinstance(node, SequenceNode) or not 0 <= part < len(node.value):
                    return None
                node = node.value[part]
            else:
                if not isinstance(node, MappingNode):
                    return None
                found = next((v for k, v in node.value if k.value == part), None)
                if found is None:
                    return None
                node = found
        return node

    def _key_node(self, path: Path) -> Node:
        parent = self._node(path[:-1]) if path[:-1] else self._tree()
        assert isinstance(parent, MappingNode)
        return next(k for k, _ in parent.value if k.value == path[-1])

    def _at(self, mark: Any) -> _At:
        return _At(mark.line + 1, mark.column)

    def _content_end(self, node: Node) -> _At:
        """Where the text of ``node`` ends: block collections end at their last leaf, not the next key."""
        if isinstance(node, SequenceNode | MappingNode) and not node.flow_style and node.value:
            last = node.value[-1]
            return self._content_end(last[1] if isinstance(node, MappingNode) else last)
        end = self._at(node.end_mark)
        if isinstance(node, ScalarNode) and node.style in ("|", ">"):
            header = self.lines[self._at(node.start_mark).line]
            if end.column == 0 and end.line > 0:
                end = _At(end.line - 1, len(_strip_eol(self.lines[end.line - 1])))
            keep = "+" in header[self._at(node.start_mark).column:]
            while not keep and end.line > self._at(node.start_mark).line and not self.lines[end.line].strip():
                end = _At(end.line - 1, len(_strip_eol(self.lines[end.line - 1])))
        return end

    def _dash_line(self, item: Node) -> int:
        """The line of the '-' that opens a block list item."""
        at = self._at(item.start_mark)
        line = at.line
        while "-" not in self.lines[line][: at.column if line == at.line else None] and line > 1:
            line -= 1
        return line

    def _eol(self) -> str:
        return _eol_of(self.lines[0]) or "\n"

    def _default_item_prefix(self) -> str:
        """How this file indents block list items under a top-level key (default two spaces)."""
        for _key, value in self._tree().value:
            if isinstance(value, SequenceNode) and not value.flow_style and value.value:
                first = value.value[0]
                at = self._at(first.start_mark)
                line = self.lines[self._dash_line(first)]
                if self._dash_line(first) == at.line:
                    return line[: at.column]
        return "  - "

    def _insert_key(
        self, mapping: MappingNode, key: str, inline: str | None, block: list[str], order: Sequence[str]
    ) -> None:
        """Insert ``key`` (``inline`` value or ``block`` lines below it) into a block mapping.

        It goes after the last key that precedes it in ``order`` (the model's field order), so a
        new field lands where a reader of the other documents expects it.
        """
        if mapping.flow_style:
            if inline is None:
                raise EditError(_("{path}: cannot add a list to a {{...}} mapping: edit it by hand").format(
                    path=self.path))
            close = self._at(mapping.end_mark)
            close = _At(close.line, close.column - 1)
            self._splice(close, close, (", " if mapping.value else "") + f"{key}: {inline}")
            return
        indent = self._at(mapping.start_mark).column if mapping.value else 0
        existing = {k.value: (k, v) for k, v in mapping.value}
        position = list(order).index(key) if key in order else len(order)
        before = [existing[name] for name in order[:position] if name in existing]
        after = [existing[name] for name in order[position + 1:] if name in existing]
        if before:
            anchor = max(self._content_end(v).line for _, v in before) + 1
        elif after:
            anchor = min(self._at(k.start_mark).line for k, _ in after)
        elif mapping.value:
            anchor = self._content_end(mapping.value[-1][1]).line + 1
        else:
            anchor = self._close if self._close is not None else 1
        head = f"{' ' * indent}{key}:" + (f" {inline}" if inline is not None else "")
        eol = _eol_of(self.lines[anchor - 1]) or self._eol()
        lines = [head, *(" " * indent + text for text in block)]
        self._replace_lines(anchor, anchor, [line + eol for line in lines])

    # ---- splicing ---------------------------------------------------------------------------

    def _text(self, start: _At, end: _At) -> str:
        region = "".join(self.lines[start.line:end.line + 1])
        offset = sum(len(line) for line in self.lines[start.line:end.line])
        return region[start.column: offset + end.column]

    def _splice(self, start: _At, end: _At, text: str) -> None:
        """Replace the text between two places; only the lines they span are rebuilt."""
        region = "".join(self.lines[start.line:end.line + 1])
        offset = sum(len(line) for line in self.lines[start.line:end.line])
        new = region[: start.column] + text + region[offset + end.column:]
        self._replace_lines(start.line, end.line + 1, split_lines(new))

    def _replace_lines(self, start: int, stop: int, new: list[str]) -> None:
        if self._close is not None and not 1 <= start <= stop <= self._close:
            raise EditError(_("{path}: refusing an edit outside the frontmatter").format(
                path=self.path))  # pragma: no cover
        self.lines[start:stop] = new
        if self._close is not None:
            self._close += len(new) - (stop - start)
        self._root = None


def _eol_of(line: str) -> str:
    match = _EOL_RE.search(line)
    return match.group(1) if match else ""


def _strip_eol(line: str) -> str:
    return line[: len(line) - len(_eol_of(line))]


def _kept_quotes(node: ScalarNode, value: str) -> str | None:
    """The quote character to keep for ``value`` replacing ``node``.

    Quotes around text that needs none were the author's choice: keep them. Quotes the old text
    needed say nothing about taste: keep the character only if the new text needs quotes too.
    """
    if node.style not in ('"', "'"):
        return None
    return node.style if _plain_ok(node.value, False) or not _plain_ok(value, False) else None


def _plain(node: Node) -> Any:
    if isinstance(node, ScalarNode):
        return node.value
    if isinstance(node, SequenceNode):
        return [_plain(item) for item in node.value]
    return {key.value: _plain(value) for key, value in node.value}


def _flow_value(value: str | Mapping[str, str]) -> str:
    if isinstance(value, str):
        return yaml_scalar(value, flow=True)
    return "{" + ", ".join(f"{k}: {yaml_scalar(v, flow=True)}" for k, v in value.items()) + "}"


def _block_item(
    value: str | Mapping[str, str], prefix: str, indent: int, *, style: str | None = None, flow: bool = False
) -> list[str]:
    """The lines (without line endings) of one block list item; a mapping puts one key per line."""
    if isinstance(value, str):
        return [prefix + yaml_scalar(value, style)]
    if flow:
        return [prefix + _flow_value(value)]
    lines = [f"{k}: {yaml_scalar(v)}" for k, v in value.items()]
    return [prefix + lines[0], *(" " * indent + line for line in lines[1:])]


def _temporary_copy(path: FsPath, data: bytes) -> str:
    """``data`` in a temporary file next to ``path``, with ``path``'s permissions (or the umask's for a new file)."""
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=temporary_prefix(path.name), suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        try:
            mode = path.stat().st_mode & 0o7777
        except OSError:  # a new file: what open() would have given it, not mkstemp's 0600
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
        os.chmod(temp, mode)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    return temp


def write_atomic(path: FsPath, data: bytes, *, expected: bytes | None = None) -> None:
    """Replace ``path`` by ``data`` through a temporary file in the same folder.

    With ``expected``, refuse (ConcurrentModificationError) when the file no longer holds those
    bytes: someone saved it in an editor since it was read, and their work must not be lost.
    """
    check_writable(path)
    temp = _temporary_copy(path, data)
    try:
        if expected is not None:
            try:
                current = read_regular(path)
            except OSError as error:
                raise EditError(_("{path}: cannot read it back before writing: {error}").format(
                    path=path, error=error.strerror)) from None
            if current != expected:
                raise ConcurrentModificationError(_(
                    "{path}: the file changed on disk since it was read; nothing written, run the command again"
                ).format(path=path))
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise


def check_writable(path: FsPath) -> None:
    """Refuse (EditError) to write ``path`` if it, or a folder between it and its project's root, is a symbolic link.

    The project is the nearest folder above ``path`` that holds a mkdocs.yml. Outside any project (the
    contacts file), only a link in place of the file itself is refused.
    """
    path = FsPath(os.path.abspath(path))
    between = list(itertools.takewhile(lambda folder: not (folder / CONFIG_FILE).is_file(), path.parents))
    for part in (path, *between) if len(between) < len(path.parents) else (path,):
        if part.is_symlink():
            message = (_("{path}: it is a symbolic link; esfkb writes through no link: put the file itself there")
                       if part == path else _("{path}: {folder} is a symbolic link; esfkb writes through no link: put "
                                              "the file itself there"))
            raise EditError(message.format(path=path, folder=part))


def create_exclusive(path: FsPath, data: bytes) -> None:
    """Create ``path`` with ``data`` atomically, refusing (FileExistsError) if it already exists."""
    check_writable(path)
    temp = _temporary_copy(path, data)
    try:
        move_exclusive(temp, path)
    finally:
        with contextlib.suppress(OSError):
            os.unlink(temp)


def move_exclusive(source: FsPath | str, target: FsPath) -> None:
    """Move a file, refusing (FileExistsError) to overwrite: a hard link fails if the target exists."""
    try:
        os.link(source, target)
    except FileExistsError:
        raise
    except OSError:  # file systems without hard links: check, then rename
        if os.path.lexists(target):
            raise FileExistsError(str(target)) from None
        os.rename(source, target)
        return
    os.unlink(source)
