"""Byte-preserving frontmatter edits against golden files, in LF, CRLF and BOM+CRLF variants.

Each case applies one edit to a golden input and compares the exact bytes with the golden
output; where an edit has a reverse, applying both must give back the original bytes. Set
ESFKB_REGENERATE_GOLDEN=1 to rewrite the outputs (then review the diff before committing).
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from esfkb.authoring.editing import EditableDocument, create_exclusive, write_atomic, yaml_scalar
from esfkb.errors import ConcurrentModificationError, EditError
from esfkb.model.models import Draaiboek, Proeftuin

if TYPE_CHECKING:
    from collections.abc import Callable

GOLDEN = Path(__file__).parent / "golden"
ORDER = list(Draaiboek.model_fields)
BOM = b"\xef\xbb\xbf"

@dataclass(frozen=True)
class Case:
    name: str
    source: str
    edit: Callable[[EditableDocument], object]
    reverse: Callable[[EditableDocument], object] | None = None


CASES = [
    # draaiboek.md: comments, a folded scalar, flow and block lists, quoted and plain values
    Case("flow-add", "draaiboek", lambda d: d.add_item(("proeftuinen",), "circulair-textiel-gent"),
         lambda d: d.remove_item(("proeftuinen",), 2)),
    Case("flow-remove-first", "draaiboek", lambda d: d.remove_item(("proeftuinen",), 0)),
    Case("block-add-unindented", "draaiboek", lambda d: d.add_item(("auteurs",), "sociale-schakel"),
         lambda d: d.remove_item(("auteurs",), 1)),
    Case("block-add-after-comment", "draaiboek", lambda d: d.add_item(("doelpubliek",), "matchmaker"),
         lambda d: d.remove_item(("doelpubliek",), 2)),
    Case("block-remove-commented", "draaiboek", lambda d: d.remove_item(("doelpubliek",), 0)),
    Case("single-quoted-scalar", "draaiboek", lambda d: d.set_scalar(("businessmodel",), "enclave-model"),
         lambda d: d.set_scalar(("businessmodel",), "vaste-leverancier")),
    Case("double-quoted-scalar", "draaiboek", lambda d: d.set_scalar(("titel",), "Samen koken: één leverancier"),
         lambda d: d.set_scalar(("titel",), "Samen koken: een vaste leverancier")),
    Case("nested-plain-scalar", "draaiboek",
         lambda d: d.set_scalar(("fasen", 0, "stappen", 0, "duur"), "2 weken"),
         lambda d: d.set_scalar(("fasen", 0, "stappen", 0, "duur"), "1 week")),
    Case("new-key-in-model-order", "draaiboek",
         lambda d: d.add_item(("juridische_checklist",), "Overeenkomst: getekend?", order=ORDER),
         lambda d: d.remove_item(("juridische_checklist",), 0)),
    # proeftuin.md: a block list of entries with comments and a blank line after it
    Case("entry-add", "proeftuin",
         lambda d: d.add_item(("deelnemers",), {"registratie": "groendienst-leuven", "rol": "partner",
                                                "engagement": "interesse"}),
         lambda d: d.remove_item(("deelnemers",), 2)),
    Case("entry-remove-first", "proeftuin", lambda d: d.remove_item(("deelnemers",), 0)),
    Case("entry-update", "proeftuin",
         lambda d: d.set_scalar(("deelnemers", 1, "engagement"), "overeenkomst"),
         lambda d: d.set_scalar(("deelnemers", 1, "engagement"), "intentieverklaring")),
    Case("scalar-with-comment", "proeftuin", lambda d: d.set_scalar(("matchmaker",), "sociale-schakel"),
         lambda d: d.set_scalar(("matchmaker",), "werkbrug")),
    Case("new-scalar-key-in-model-order", "proeftuin",
         lambda d: d.set_scalar(("einddatum",), "2025-06-30", order=list(Proeftuin.model_fields)),
         lambda d: d.delete_key(("einddatum",))),
    Case("nested-flow-add", "proeftuin", lambda d: d.add_item(("winwin", "reguliere_partner"), "bereik"),
         lambda d: d.remove_item(("winwin", "reguliere_partner"), 2)),
    Case("flow-only-item-remove", "proeftuin", lambda d: d.remove_item(("provincies",), 0),
         lambda d: d.add_item(("provincies",), "vlaams_brabant")),
    # businessmodel.md: empty flow list, flow mappings, null value, no newline at the end
    Case("empty-flow-add", "businessmodel", lambda d: d.add_item(("proeftuinen",), "enclave-kempen"),
         lambda d: d.remove_item(("proeftuinen",), 0)),
    Case("flow-entry-add", "businessmodel",
         lambda d: d.add_item(("deelnemers_flow",), {"registratie": "groendienst-leuven", "rol": "partner",
                                                     "engagement": "interesse"}),
         lambda d: d.remove_item(("deelnemers_flow",), 1)),
    Case("quoted-flow-add", "businessmodel", lambda d: d.add_item(("auteurs",), "brugwerk-brabant"),
         lambda d: d.remove_item(("auteurs",), 2)),
    Case("null-key-add", "businessmodel",
         lambda d: d.add_item(("randvoorwaarden",), "Een erkenning als maatwerkbedrijf")),
]

VARIANTS: dict[str, Callable[[bytes], bytes]] = {
    "lf": lambda data: data,
    "crlf": lambda data: data.replace(b"\n", b"\r\n"),
    "bom-crlf": lambda data: BOM + data.replace(b"\n", b"\r\n"),
}


def _apply(tmp_path: Path, data: bytes, *edits: Callable[[EditableDocument], object]) -> bytes:
    file = tmp_path / "doc.md"
    file.write_bytes(data)
    document = EditableDocument.read(file)
    for edit in edits:
        edit(document)
    document.save()
    return file.read_bytes()


@pytest.mark.parametrize("variant", list(VARIANTS))
@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_golden_edit(case: Case, variant: str, tmp_path: Path) -> None:
    source = (GOLDEN / f"{case.source}.md").read_bytes()
    expected_file = GOLDEN / f"{case.source}.{case.name}.md"
    result = _apply(tmp_path, VARIANTS[variant](source), case.edit)
    if os.environ.get("ESFKB_REGENERATE_GOLDEN") and variant == "lf":
        expected_file.write_bytes(result)
    assert result == VARIANTS[variant](expected_file.read_bytes())


@pytest.mark.parametrize("variant", list(VARIANTS))
@pytest.mark.parametrize("case", [c for c in CASES if c.reverse], ids=[c.name for c in CASES if c.reverse])
def test_edit_then_reverse_restores_every_byte(case: Case, variant: str, tmp_path: Path) -> None:
    source = VARIANTS[variant]((GOLDEN / f"{case.source}.md").read_bytes())
    assert case.reverse is not None
    assert _apply(tmp_path, source, case.edit, case.reverse) == source


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_only_the_lines_of_the_field_change(case: Case, tmp_path: Path) -> None:
    """Everything outside one contiguous block of lines is identical, the body included."""
    source = (GOLDEN / f"{case.source}.md").read_bytes().splitlines(keepends=True)
    result = _apply(tmp_path, b"".join(source), case.edit).splitlines(keepends=True)
    head = next(i for i, (a, b) in enumerate(zip(source, result, strict=False)) if a != b)
    tail = next(i for i, (a, b) in enumerate(zip(reversed(source), reversed(result), strict=False)) if a != b)
    body = source.index(b"---\n", 1)
    assert head > 0
    assert len(source) - tail > head - 1
    assert len(source) - tail <= body + 1, "the edit reached the body"


def test_no_change_writes_nothing(tmp_path: Path) -> None:
    file = tmp_path / "doc.md"
    file.write_bytes((GOLDEN / "draaiboek.md").read_bytes())
    before = file.stat().st_mtime_ns
    document = EditableDocument.read(file)
    assert document.set_scalar(("businessmodel",), "vaste-leverancier") is False
    assert document.save() is False
    assert file.stat().st_mtime_ns == before


def test_concurrent_modification_is_refused(tmp_path: Path) -> None:
    file = tmp_path / "doc.md"
    file.write_bytes((GOLDEN / "draaiboek.md").read_bytes())
    document = EditableDocument.read(file)
    document.add_item(("auteurs",), "sociale-schakel")
    someone_else = file.read_bytes().replace(b"status: concept", b"status: review")
    file.write_bytes(someone_else)
    with pytest.raises(ConcurrentModificationError, match="changed on disk"):
        document.save()
    assert file.read_bytes() == someone_else
    assert sorted(p.name for p in tmp_path.iterdir()) == ["doc.md"], "a temporary file was left behind"


def test_atomic_write_keeps_permissions_and_leaves_no_temp_file(tmp_path: Path) -> None:
    file = tmp_path / "doc.md"
    file.write_bytes(b"old")
    file.chmod(0o640)
    write_atomic(file, b"new", expected=b"old")
    assert file.read_bytes() == b"new"
    assert stat.S_IMODE(file.stat().st_mode) == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["doc.md"]


def test_create_exclusive_refuses_an_existing_file(tmp_path: Path) -> None:
    file = tmp_path / "doc.md"
    create_exclusive(file, b"eerste")
    with pytest.raises(FileExistsError):
        create_exclusive(file, b"tweede")
    assert file.read_bytes() == b"eerste"
    assert [p.name for p in tmp_path.iterdir()] == ["doc.md"]


@pytest.mark.parametrize(("content", "message"), [
    (b"# geen frontmatter\n", "no frontmatter"),
    (b"---\ntitel: [open\n---\n", "ESF003"),
    (b"---\na: &x 1\nb: *x\n---\n", "ESF005"),
    (b"---\ntitel: caf\xe9\n---\n", "not UTF-8"),
])
def test_refuses_files_it_cannot_edit_safely(tmp_path: Path, content: bytes, message: str) -> None:
    file = tmp_path / "doc.md"
    file.write_bytes(content)
    with pytest.raises(EditError, match=message):
        EditableDocument.read(file)


def test_edits_the_right_node_when_values_repeat(tmp_path: Path) -> None:
    data = b"---\na: [x, x]\nb:\n  - x\n  - x\n---\n"
    result = _apply(tmp_path, data, lambda d: d.remove_item(("a",), 1), lambda d: d.remove_item(("b",), 0))
    assert result == b"---\na: [x]\nb:\n  - x\n---\n"


@pytest.mark.parametrize(("value", "expected"), [
    ("werkbrug", "werkbrug"),
    ("2025-01-15", "2025-01-15"),
    ("Kennismaken in Café Ëlise", "Kennismaken in Café Ëlise"),
    ("1.0", '"1.0"'),
    ("0123", '"0123"'),
    ("true", '"true"'),
    ("yes", '"yes"'),
    ("null", '"null"'),
    ("3000", '"3000"'),
    ("Let op: een dubbelpunt", '"Let op: een dubbelpunt"'),
    ("#geen commentaar", '"#geen commentaar"'),
    ("- geen lijst", '"- geen lijst"'),
    ("Koken 🧑\u200d🍳", '"Koken 🧑\u200d🍳"'),
])
def test_yaml_scalar_quotes_only_when_needed(value: str, expected: str) -> None:
    assert yaml_scalar(value) == expected


def test_yaml_scalar_keeps_the_quote_style_and_flow_safety() -> None:
    assert yaml_scalar("it's", "'") == "'it''s'"
    assert yaml_scalar("werkbrug", '"') == '"werkbrug"'
    assert yaml_scalar("a,b") == "a,b"
    assert yaml_scalar("a,b", flow=True) == '"a,b"'


def _round_trips(file: Path) -> list[tuple[str, Callable[[EditableDocument], object],
                                           Callable[[EditableDocument], object]]]:
    """Every list of the file (add an item, remove it) and every one-line text value (change it, set it back)."""
    from yaml.nodes import MappingNode, ScalarNode, SequenceNode

    from esfkb.model.frontmatter import parse_document

    document = EditableDocument.read(file)
    texts = parse_document(file.read_bytes())
    found: list = []

    def walk(node: object, path: tuple) -> None:
        if isinstance(node, MappingNode):
            for key, value in node.value:
                walk(value, (*path, key.value))
        elif isinstance(node, SequenceNode):
            size = len(node.value)
            found.append((f"{path}+", lambda d, p=path: d.add_item(p, "nieuw-item"),
                          lambda d, p=path, n=size: d.remove_item(p, n)))
            for index, item in enumerate(node.value):
                walk(item, (*path, index))
        elif isinstance(node, ScalarNode) and node.start_mark.line == node.end_mark.line and node.value \
                and path not in texts.raw_scalars:  # numbers are not text: set_scalar writes text
            other = "Een andere waarde met € en ë" if yaml_scalar(node.value) == node.value else "Ander: €, ë"
            found.append((f"{path}=", lambda d, p=path, o=other: d.set_scalar(p, o),
                          lambda d, p=path, v=node.value: d.set_scalar(p, v)))

    walk(document._tree(), ())
    return found


def _property_files() -> list[Path]:
    files = sorted(p for p in GOLDEN.glob("*.md") if p.name.count(".") == 1)
    bundled = Path(__file__).resolve().parents[2] / "playbooks"
    return files + sorted(bundled.glob("*/*.md"))[::5]


@pytest.mark.parametrize("file", _property_files(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_field_round_trips(file: Path, tmp_path: Path) -> None:
    """Property over real files: any list add + remove, and any text changed to text of the same kind
    (needing quotes or not) and back, restore every byte."""
    try:
        cases = _round_trips(file)
    except EditError:
        pytest.skip("a file with problems is not edited")
    source = file.read_bytes()
    failures = []
    for name, edit, reverse in cases:
        copy = tmp_path / file.name
        copy.write_bytes(source)
        document = EditableDocument.read(copy)
        edit(document)
        reverse(document)
        if document.to_bytes() != source:
            failures.append(name)
    assert failures == []


@pytest.mark.parametrize(("data", "edit", "expected"), [
    (b"---\nd: [{registratie: a, rol: trekker}]\n---\n", lambda d: d.set_scalar(("d", 0, "engagement"), "interesse"),
     b"---\nd: [{registratie: a, rol: trekker, engagement: interesse}]\n---\n"),
    (b"---\ne: [x, y]\n---\n", lambda d: d.set_scalar(("e", 1), "a,b"), b'---\ne: [x, "a,b"]\n---\n'),
    (b"---\ne:\n---\n", lambda d: d.set_scalar(("e",), "x"), b"---\ne: x\n---\n"),
    (b"---\ne: [\n  x,\n  y\n]\n---\n", lambda d: d.add_item(("e",), "z"), b"---\ne: [\n  x,\n  y,\n  z\n]\n---\n"),
    (b"---\nt: |\n  regel\n\n\nk: 1\n---\n", lambda d: d.add_item(("l",), "x", order=["t", "l", "k"]),
     b"---\nt: |\n  regel\nl:\n  - x\n\n\nk: 1\n---\n"),
    (b"---\na:\n  -\n    x\n  - y\n---\n", lambda d: d.remove_item(("a",), 0), b"---\na:\n  - y\n---\n"),
    (b"---\na:  # blijft\n  - x\nb: 1\n---\n", lambda d: d.remove_item(("a",), 0, drop_empty_key=False),
     b"---\na: []  # blijft\nb: 1\n---\n"),
    (b"---\na:  # weg\n  - x\nb: 1\n---\n", lambda d: d.remove_item(("a",), 0), b"---\nb: 1\n---\n"),
])
def test_edge_cases(tmp_path: Path, data: bytes, edit: Callable[[EditableDocument], object], expected: bytes) -> None:
    assert _apply(tmp_path, data, edit) == expected
