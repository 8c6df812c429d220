"""The portfolio as people and scripts read it (``esfkb report``): text tables, Markdown tables, JSON.

Tables show the Dutch labels of kinds and vocabulary values; the JSON keeps the machine values as
keys (kind names, vocabulary values), as written in the frontmatter. Hidden funnel cells read as
:mod:`esfkb.privacy.disclosure` says, the same as on the site.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from esfkb.model.vocabulary import Proeftuinstatus, WinwinNiveau
from esfkb.portfolio.figures import SIDES, side_label
from esfkb.privacy.disclosure import WITHHELD_TEXT, Hidden, hidden_text

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from esfkb.model.vocabulary import Vocabulary
    from esfkb.portfolio.figures import Portfolio
    from esfkb.privacy.disclosure import Figure, Stage

TOTAL_LABEL = "Totaal"
INVALID_LABEL = "Met fouten"
NOT_MEASURED_TEXT = "-"


@dataclass(frozen=True, slots=True)
class Table:
    """One section of the report: a title, column headers and rows of text cells."""

    title: str
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


def _counts(title: str, header: str, counts: Mapping[Vocabulary, int]) -> Table:
    return Table(title, (header, "Aantal"), tuple((value.label, str(n)) for value, n in counts.items()))


def _documents(report: Portfolio) -> Table:
    rows: list[tuple[str, ...]] = []
    for count in report.documents:
        rows.append((count.kind.plural, TOTAL_LABEL, str(count.total)))
        rows += [(count.kind.plural, status.label, str(n)) for status, n in (count.statuses or {}).items()]
        if count.invalid:
            rows.append((count.kind.plural, INVALID_LABEL, str(count.invalid)))
    return Table("Documenten per soort en status", ("Soort", "Status", "Aantal"), tuple(rows))


def _provinces(report: Portfolio) -> Table:
    headers = ("Provincie", *(s.label for s in Proeftuinstatus), TOTAL_LABEL)
    rows = tuple((province.label, *(str(n) for n in statuses.values()), str(sum(statuses.values())))
                 for province, statuses in report.provinces.items())
    return Table("Proeftuinen per provincie en status", headers, rows)


def _forms(report: Portfolio) -> Table:
    kinds = list(report.forms)
    first = report.forms[kinds[0]]
    rows = tuple((form.label, *(str(report.forms[k][form]) for k in kinds)) for form in first)
    return Table("Samenwerkingsvormen", ("Samenwerkingsvorm", *(report.plural(k) for k in kinds)), rows)


def _winwin(report: Portfolio, kind: str) -> Table:
    sides = report.winwin[kind]
    rows = tuple((level.label, *(str(sides[s][level]) for s in SIDES)) for level in WinwinNiveau)
    return Table(f"Win-win per kant in de {report.plural(kind).lower()}",
                 ("Win-win niveau", *(side_label(s) for s in SIDES)), rows)


def _number(value: float | None) -> float | int | None:
    if value is None:
        return None
    return int(value) if float(value).is_integer() else round(value, 2)


def _reads(report: Portfolio, figure: Figure) -> str:
    """A funnel figure as it reads: its number, '< 5' or 'afgeschermd', or '-' when not measured."""
    if figure.hidden is not None:
        return hidden_text(figure.hidden, report.disclosure.small_cell)
    return NOT_MEASURED_TEXT if figure.value is None else str(_number(figure.value))


def _share(stage: Stage) -> str:
    if stage.share.value is None or stage.share_of is None:
        return ""
    return f"{stage.share.value:.0%} van {stage.share_of.value}"


def _funnel(report: Portfolio) -> Table:
    small = report.disclosure.small_cell
    title = (f"Doorstroomtrechter ({hidden_text(Hidden.SMALL, small)}: over minder dan {small} personen; "
             f"{WITHHELD_TEXT}: zou een verborgen cijfer prijsgeven; aandeel over de proeftuinen die beide meten)")
    rows = tuple((s.indicator.value, s.indicator.label, _reads(report, s.value), str(s.pilots), _share(s))
                 for s in report.disclosure.stages)
    return Table(title, ("Indicator", "Omschrijving", "Personen", "Proeftuinen", "Aandeel"), rows)


def tables(report: Portfolio) -> tuple[Table, ...]:
    """The portfolio as the tables a person reads, in the order of the dashboard."""
    return (_documents(report), _provinces(report),
            _counts("Proeftuinen per ecosysteem", "Ecosysteem", report.ecosystems),
            _forms(report), *(_winwin(report, kind) for kind in report.winwin), _funnel(report))


def as_data(report: Portfolio) -> dict[str, Any]:
    """The portfolio as JSON-ready data, keyed by kind names and vocabulary values."""
    def values(counts: Mapping[Vocabulary, int]) -> dict[str, int]:
        return {value.value: n for value, n in counts.items()}

    documents: dict[str, Any] = {}
    for count in report.documents:
        entry: dict[str, Any] = {"total": count.total, "invalid": count.invalid}
        if count.statuses is not None:
            entry["status"] = values(count.statuses)
        documents[count.kind.name] = entry
    return {
        "documents": documents,
        "pilots_per_province": values(report.pilots_per_province()),
        "pilots_per_province_and_status": {p.value: values(s) for p, s in report.provinces.items()},
        "pilots_per_ecosystem": values(report.ecosystems),
        "samenwerkingsvormen": {kind: values(counts) for kind, counts in report.forms.items()},
        "winwin": {kind: {side: values(c) for side, c in sides.items()} for kind, sides in report.winwin.items()},
        "doorstroom": {"small_cell": report.disclosure.small_cell, "stages": [{
            "indicator": s.indicator.value, "label": s.indicator.label, "pilots": s.pilots,
            "value": _number(s.value.value), "n": _number(s.n.value),
            "suppressed": s.value.hidden is not None, "hidden": s.value.hidden,
            "share_of": s.share_of.value if s.share_of else None, "share": s.share.value,
        } for s in report.disclosure.stages]},
    }


def _numeric_columns(table: Table) -> list[bool]:
    """Which columns hold only numbers (or hidden cells): those are right-aligned."""
    def numeric(cell: str) -> bool:
        return cell.replace(".", "", 1).isdigit() or cell.startswith("<") or cell in {NOT_MEASURED_TEXT, WITHHELD_TEXT}

    return [any(r[i] for r in table.rows) and all(numeric(r[i]) for r in table.rows if r[i])
            for i in range(len(table.headers))]


def _text_row(cells: tuple[str, ...], widths: list[int], right: list[bool]) -> str:
    return "  " + "  ".join(c.rjust(w) if r else c.ljust(w) for c, w, r in zip(cells, widths, right, strict=True))


def render_text(report: Portfolio) -> str:
    """Aligned plain-text tables, numbers right-aligned."""
    out: list[str] = []
    for table in tables(report):
        widths = [max(len(r[i]) for r in (table.headers, *table.rows)) for i in range(len(table.headers))]
        right = _numeric_columns(table)
        out += [table.title, *(_text_row(row, widths, right).rstrip() for row in (table.headers, *table.rows)), ""]
    return "\n".join(out)


def render_markdown(report: Portfolio) -> str:
    """GitHub-flavoured Markdown tables under level-2 headings."""
    out = ["# Portefeuille van de kennisbank", ""]
    for table in tables(report):
        align = ["---:" if right else "---" for right in _numeric_columns(table)]
        out += [f"## {table.title}", "", "| " + " | ".join(table.headers) + " |", "| " + " | ".join(align) + " |"]
        out += ["| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |" for row in table.rows]
        out.append("")
    return "\n".join(out)


def render_json(report: Portfolio) -> str:
    """The figures as one JSON object."""
    return json.dumps(as_data(report), ensure_ascii=False, indent=2) + "\n"


FORMATS: dict[str, Callable[[Portfolio], str]] = {
    "text": render_text, "markdown": render_markdown, "json": render_json,
}
"""Renderer by ``--format`` name."""
