"""Overview tables that a reader can sort and filter in the browser, and that read fine without script.

The table is plain HTML: a tiny local script (shipped with the site, never from a CDN) sorts on a
header click using each cell's ``data-sort`` and filters rows on their ``data-f-*`` facet values.
On a phone an overview scrolls sideways inside its own focusable region; a small table reflows, each
cell under its column's name (``data-label``, read by ``layout.css``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from esfkb.site.html.markup import Html, el, esc

if TYPE_CHECKING:
    from collections.abc import Sequence


@dataclass(frozen=True, slots=True)
class TableCell:
    """A rendered cell and, when the text would sort wrongly (dates, numbers), its sort key."""

    html: Html
    sort: str | None = None


@dataclass(frozen=True, slots=True)
class TableRow:
    """A row: its cells and its facet values (for the filters)."""

    cells: tuple[TableCell, ...]
    facets: dict[str, tuple[str, ...]] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Filter:
    """A drop-down filter on one facet, with (value, label) options."""

    facet: str
    label: str
    options: tuple[tuple[str, str], ...]


def sortable_table(table_id: str, headers: Sequence[str], rows: Sequence[TableRow],
                   filters: Sequence[Filter] = (), *, empty: str = "Nog geen documenten.") -> Html:
    """The table with its filter bar and a live count; an empty table becomes a sentence.

    The table sits in a region that keyboard users can focus (and scroll) when it is wider than the screen.
    """
    if not rows:
        return el("p", empty, class_="esfkb-empty")
    head = el("thead", el("tr", *(
        el("th", el("button", h, type="button", class_="esfkb-sort"), scope="col") for h in headers
    )))
    body = el("tbody", *(
        el("tr", *(el("td", c.html, data_sort=c.sort) for c in row.cells),
           **{f"data_f_{name}": " ".join(values) for name, values in sorted(row.facets.items())})
        for row in rows
    ))
    table = el("table", head, body, id=table_id, data_esfkb_sortable=True)
    count = el("p", f"{len(rows)} van {len(rows)}", class_="esfkb-count", data_esfkb_count=table_id,
               aria_live="polite")
    bar = _filters(table_id, filters) if filters else Html("")
    region = el("div", table, class_="esfkb-scroll", tabindex="0", role="region", aria_label="Overzichtstabel")
    return el("div", bar, count, region, class_="esfkb-overview")


def _filters(table_id: str, filters: Sequence[Filter]) -> Html:
    selects = []
    for f in filters:
        options = [el("option", "alle", value="")] + [el("option", label, value=value) for value, label in f.options]
        select_id = f"{table_id}-{f.facet}"
        selects.append(el("span", el("label", f.label, for_=select_id),
                          el("select", *options, id=select_id, data_facet=f.facet), class_="esfkb-filter"))
    return el("form", *selects, class_="esfkb-filters", data_esfkb_filters=table_id, aria_label="Filters")


def plain_table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> Html:
    """A small static table (figures behind a chart, lists on a page); cells are text or :class:`Html`.

    Each cell carries its column's name, which a narrow screen shows before it when the rows reflow.
    """
    head = el("thead", el("tr", *(el("th", h, scope="col") for h in headers)))
    body = el("tbody", *(el("tr", *(el("td", esc(c), data_label=h) for h, c in zip(headers, row, strict=True)))
                         for row in rows))
    return el("table", head, body, data_esfkb_reflow=True)
