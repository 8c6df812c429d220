"""What ``esfkb list`` prints: the documents of a kind with a few telling columns, as a table, JSON or CSV.

A CSV file is opened in a spreadsheet, and its values are content: a value that the spreadsheet would run as a
formula is defused (the OWASP rule, by defusedcsv: a quote before a leading = + - @ | % tab or line break, but a
plain number such as -3 stays a number), and a value holding a line break is quoted, so it cannot start a row.
"""

from __future__ import annotations

import io
import json
from dataclasses import dataclass
from typing import TYPE_CHECKING

from defusedcsv import csv

from esfkb.base.queries import DERIVED, SUMMARY_KEYS, select, values_of

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from esfkb.base.knowledge_base import KnowledgeBase
    from esfkb.base.queries import Condition
    from esfkb.model.documents import Document
    from esfkb.model.kinds import Kind

TITLE_WIDTH = 60
"""Characters of a title a table shows."""
_BLANK_PREFIXES = ("\t", "\n")
"""Formula prefixes of the OWASP rule (tab, and CR as a line break) that defusedcsv leaves; it covers = + - @ | %."""


@dataclass(frozen=True, slots=True)
class Listing:
    """The documents of ``kind`` that met the conditions, and the rows shown for them."""

    kind: Kind
    columns: list[str]
    rows: list[list[str]]
    documents: list[Document]
    derived: list[dict[str, list[str]]]
    """Per document, the derived keys of its kind (such as a registration's provincie) with their values."""


def list_documents(kb: KnowledgeBase, kind: Kind, conditions: Iterable[Condition] = ()) -> Listing:
    """The documents of ``kind`` meeting every condition, with id, title, status, the kind's summary keys and the
    condition keys as columns."""
    conditions = list(conditions)
    documents = select(kb, kind, conditions)
    columns = ["id", "titel"]
    if "status" in kind.model.model_fields:
        columns.append("status")
    for key in (*SUMMARY_KEYS.get(kind.name, ()), *(c.key for c in conditions)):
        if key not in columns and key != kind.title_field:
            columns.append(key)
    rows = [[d.title if c == "titel" else ", ".join(values_of(kb, d, c)) for c in columns] for d in documents]
    derived = [{k: values_of(kb, d, k) for k in sorted(DERIVED.get(kind.name, {}))} for d in documents]
    return Listing(kind, columns, rows, documents, derived)


def list_table(listing: Listing) -> str:
    """Aligned columns (long titles cut) and a count."""
    shown = [[row[0], _truncate(row[1]), *row[2:]] for row in listing.rows]
    widths = [max([len(c), *(len(r[i]) for r in shown)]) for i, c in enumerate(listing.columns)]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
             for row in [listing.columns, *shown]]
    count = len(listing.documents)
    lines.append(f"{count} {listing.kind.plural.lower() if count != 1 else listing.kind.label.lower()}")
    return "\n".join(lines) + "\n"


def list_json(listing: Listing) -> str:
    """One JSON array: per document its id, kind, title, path, validity, frontmatter and derived keys."""
    payload = [{"id": d.id, "kind": d.kind.name, "title": d.title, "path": d.rel_path, "valid": d.valid,
                "data": d.data, "derived": derived}
               for d, derived in zip(listing.documents, listing.derived, strict=True)]
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


def list_csv(listing: Listing) -> str:
    """The table's columns and the file's path as CSV (RFC 4180), safe to open in a spreadsheet."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([*listing.columns, "pad"])
    writer.writerows([*map(_cell, row), d.rel_path] for row, d in zip(listing.rows, listing.documents, strict=True))
    return buffer.getvalue()


def _cell(value: str) -> str:
    """Line breaks as LF, which the writer quotes (it would write a lone CR bare); a leading blank defused."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    return f"'{value}" if value.startswith(_BLANK_PREFIXES) else value


def _truncate(text: str) -> str:
    return text if len(text) <= TITLE_WIDTH else text[: TITLE_WIDTH - 1] + "…"


FORMATS: dict[str, Callable[[Listing], str]] = {"table": list_table, "json": list_json, "csv": list_csv}
"""Renderer by ``--format`` name."""
