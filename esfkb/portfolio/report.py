"""Portfolio figures of the knowledge base, as data and as tables (text, Markdown, JSON).

What ESF and the matchmakers follow up: how many documents of each kind and status, where the
pilots run and at which ecosystem level, which samenwerkingsvormen and win-win levels are used on
each side, and the aggregated doorstroom funnel, with the figures that
:mod:`esfkb.privacy.disclosure` allows: the same as on the public site.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from esfkb.checks.schema_check import field_at
from esfkb.model.models import Businessmodel, Draaiboek, Proeftuin
from esfkb.model.vocabulary import Ecosysteem, Provincie, Samenwerkingsvorm, Vocabulary, WinwinNiveau
from esfkb.privacy.disclosure import WITHHELD_TEXT, Hidden, disclose, hidden_text

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from esfkb.base.knowledge_base import KnowledgeBase

_SIDES = ("sociale_partner", "reguliere_partner")
_SIDE_LABELS = {"sociale_partner": "sociaal", "reguliere_partner": "regulier"}


@dataclass(frozen=True, slots=True)
class Table:
    """One section of the report: a title, column headers and rows of text cells."""

    title: str
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True, slots=True)
class Portfolio:
    """The figures as JSON-ready data and as tables for people."""

    data: dict[str, Any]
    tables: tuple[Table, ...]


def _count(values: Iterable[str], vocabulary: type[Vocabulary]) -> dict[str, int]:
    counts = dict.fromkeys((m.value for m in vocabulary), 0)
    for value in values:
        if value in counts:
            counts[value] += 1
    return counts


def portfolio(kb: KnowledgeBase) -> Portfolio:
    """Compute every figure from the documents that passed their schema."""
    small_cell = kb.project.settings.small_cell
    pilots = [d.model for d in kb.of_kind("proeftuin") if isinstance(d.model, Proeftuin)]
    measured = [(d.id, d.model) for d in kb.of_kind("proeftuin") if isinstance(d.model, Proeftuin)]
    models = [d.model for d in kb.of_kind("businessmodel") if isinstance(d.model, Businessmodel)]
    playbooks = [d.model for d in kb.of_kind("draaiboek") if isinstance(d.model, Draaiboek)]
    model_forms = {d.id: d.model.samenwerkingsvorm.value for d in kb.of_kind("businessmodel")
                   if isinstance(d.model, Businessmodel)}
    documents = {}
    for kind in kb.kinds.kinds:
        found = kb.of_kind(kind.name)
        entry: dict[str, Any] = {"total": len(found), "invalid": sum(not d.valid for d in found)}
        status_type = field_at(kind.model, ("status",))[2] if "status" in kind.model.model_fields else None
        if isinstance(status_type, type) and issubclass(status_type, Vocabulary):
            entry["status"] = _count((str(d.data.get("status")) for d in found if d.valid), status_type)
        documents[kind.name] = entry
    forms = {
        "proeftuinen": _count((f.value for p in pilots for f in p.samenwerkingsvormen), Samenwerkingsvorm),
        "businessmodellen": _count((m.samenwerkingsvorm.value for m in models), Samenwerkingsvorm),
        "draaiboeken": _count((model_forms.get(p.businessmodel, "") for p in playbooks), Samenwerkingsvorm),
    }
    winwin = {
        group: {side: _count((n.value for item in items for n in getattr(item.winwin, side)), WinwinNiveau)
                for side in _SIDES}
        for group, items in (("proeftuinen", pilots), ("businessmodellen", models))
    }
    data = {
        "documents": documents,
        "pilots_per_province": _count((p.value for pilot in pilots for p in pilot.provincies), Provincie),
        "pilots_per_ecosystem": _count((pilot.ecosysteem.value for pilot in pilots), Ecosysteem),
        "samenwerkingsvormen": forms,
        "winwin": winwin,
        "doorstroom": {"small_cell": small_cell, "stages": _stages(measured, small_cell)},
    }
    return Portfolio(data, _tables(data))


def _stages(pilots: list[tuple[str, Proeftuin]], small_cell: int) -> list[dict[str, Any]]:
    """The doorstroom stages as :func:`esfkb.privacy.disclosure.disclose` allows them to be published."""
    return [{
        "indicator": stage.indicator.value, "label": stage.indicator.label, "pilots": stage.pilots,
        "value": _number(stage.value.value), "n": _number(stage.n.value),
        "suppressed": stage.value.hidden is not None, "hidden": stage.value.hidden,
        "share_of": stage.share_of.value if stage.share_of else None, "share": stage.share.value,
    } for stage in disclose(pilots, small_cell).stages]


def _number(value: float | None) -> float | int | None:
    if value is None:
        return None
    return int(value) if float(value).is_integer() else round(value, 2)


def _tables(data: dict[str, Any]) -> tuple[Table, ...]:
    tables = [Table("Documenten per soort en status", ("Soort", "Status", "Aantal"), tuple(
        row for kind, entry in data["documents"].items()
        for row in [(kind, "totaal", str(entry["total"])),
                    *((kind, status, str(n)) for status, n in entry.get("status", {}).items()),
                    *([(kind, "met fouten", str(entry["invalid"]))] if entry["invalid"] else [])]))]
    tables.append(_simple("Proeftuinen per provincie", "Provincie", data["pilots_per_province"]))
    tables.append(_simple("Proeftuinen per ecosysteem", "Ecosysteem", data["pilots_per_ecosystem"]))
    forms = data["samenwerkingsvormen"]
    tables.append(Table("Samenwerkingsvormen", ("Samenwerkingsvorm", *(g.capitalize() for g in forms)), tuple(
        (value, *(str(forms[g][value]) for g in forms)) for value in forms["proeftuinen"])))
    winwin = data["winwin"]
    columns = [(group, side) for group in winwin for side in _SIDES]
    tables.append(Table(
        "Win-win per kant", ("Niveau", *(f"{g.capitalize()} {_SIDE_LABELS[s]}" for g, s in columns)),
        tuple((level, *(str(winwin[g][s][level]) for g, s in columns)) for level in winwin["proeftuinen"][_SIDES[0]])))
    small = data["doorstroom"]["small_cell"]
    rows = []
    for stage in data["doorstroom"]["stages"]:
        hidden = stage["hidden"]
        shown = hidden_text(hidden, small) if hidden else ("-" if stage["value"] is None else str(stage["value"]))
        share = f"{stage['share']:.0%} van {stage['share_of']}" if stage["share"] is not None else ""
        rows.append((stage["indicator"], stage["label"], shown, str(stage["pilots"]), share))
    title = (f"Doorstroomtrechter ({hidden_text(Hidden.SMALL, small)}: over minder dan {small} personen; "
             f"{WITHHELD_TEXT}: zou een verborgen "
             "cijfer prijsgeven; aandeel over de proeftuinen die beide meten)")
    tables.append(Table(title, ("Indicator", "Omschrijving", "Personen", "Proeftuinen", "Aandeel"), tuple(rows)))
    return tuple(tables)


def _simple(title: str, label: str, counts: dict[str, int]) -> Table:
    return Table(title, (label, "Aantal"), tuple((key, str(n)) for key, n in counts.items()))


def _numeric_columns(table: Table) -> list[bool]:
    """Which columns hold only numbers (or suppressed cells): those are right-aligned."""
    def numeric(cell: str) -> bool:
        return cell.replace(".", "", 1).isdigit() or cell.startswith("<") or cell in {"-", WITHHELD_TEXT}

    return [any(r[i] for r in table.rows) and all(numeric(r[i]) for r in table.rows if r[i])
            for i in range(len(table.headers))]


def _text_row(cells: tuple[str, ...], widths: list[int], right: list[bool]) -> str:
    return "  " + "  ".join(c.rjust(w) if r else c.ljust(w) for c, w, r in zip(cells, widths, right, strict=True))


def render_text(report: Portfolio) -> str:
    """Aligned plain-text tables, numbers right-aligned."""
    out: list[str] = []
    for table in report.tables:
        widths = [max(len(r[i]) for r in (table.headers, *table.rows)) for i in range(len(table.headers))]
        right = _numeric_columns(table)
        out += [table.title, *(_text_row(row, widths, right).rstrip() for row in (table.headers, *table.rows)), ""]
    return "\n".join(out)


def render_markdown(report: Portfolio) -> str:
    """GitHub-flavoured Markdown tables under level-2 headings."""
    out = ["# Portefeuille van de kennisbank", ""]
    for table in report.tables:
        align = ["---:" if right else "---" for right in _numeric_columns(table)]
        out += [f"## {table.title}", "", "| " + " | ".join(table.headers) + " |", "| " + " | ".join(align) + " |"]
        out += ["| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |" for row in table.rows]
        out.append("")
    return "\n".join(out)


def render_json(report: Portfolio) -> str:
    """The figures as one JSON object."""
    return json.dumps(report.data, ensure_ascii=False, indent=2) + "\n"


FORMATS: dict[str, Callable[[Portfolio], str]] = {
    "text": render_text, "markdown": render_markdown, "json": render_json,
}
"""Renderer by ``--format`` name."""
