"""The overview of each kind: one sortable, filterable table row per published document.

In the matchmakers edition the registrations overview doubles as the directory: contacts and
follow-up status are added as columns, and province, economy and interests are filters.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from esfkb.model.fields import semver_key
from esfkb.model.vocabulary import Vocabulary
from esfkb.site.html.labels import term
from esfkb.site.html.markup import Html, esc, link, phone_link
from esfkb.site.html.tables import Filter, TableCell, TableRow, sortable_table
from esfkb.site.views.cards import value_html
from esfkb.site.views.facets import FACET_LABELS, facets, pilots_of

if TYPE_CHECKING:
    from collections.abc import Callable

    from esfkb.model.documents import Document
    from esfkb.site.context import SiteContext

    CellFn = Callable[[SiteContext, Document, str], TableCell]


@dataclass(frozen=True, slots=True)
class Column:
    """A column of an overview: its header and how a document fills it."""

    header: str
    cell: CellFn


def _title(ctx: SiteContext, d: Document, here: str) -> TableCell:
    return TableCell(ctx.ref(d, here), d.title.casefold())


def _field(name: str) -> CellFn:
    def cell(ctx: SiteContext, d: Document, here: str) -> TableCell:
        value = getattr(d.model, name, None)
        if value in (None, []):
            return TableCell(Html(""), "")
        if name == "versie":
            return TableCell(esc(value), "{:015d}.{:015d}.{:015d}".format(*semver_key(value)))
        if isinstance(value, Vocabulary):
            return TableCell(value_html(ctx, value, here), f"{list(type(value)).index(value):03d}")
        if hasattr(value, "isoformat"):
            return TableCell(value_html(ctx, value, here), value.isoformat())
        return TableCell(value_html(ctx, value, here))
    return cell


def _facet(name: str) -> CellFn:
    def cell(ctx: SiteContext, d: Document, here: str) -> TableCell:
        return TableCell(value_html(ctx, facets(ctx, d).get(name, []), here))
    return cell


def _count(counter: Callable[[SiteContext, Document], int]) -> CellFn:
    def cell(ctx: SiteContext, d: Document, here: str) -> TableCell:
        n = counter(ctx, d)
        return TableCell(esc(n), f"{n:06d}")
    return cell


def _related(field: str) -> CellFn:
    def cell(ctx: SiteContext, d: Document, here: str) -> TableCell:
        targets = ctx.kb.related(d.id, field)
        return TableCell(Html(", ".join(ctx.ref(t, here) for t in targets)), ", ".join(t.title for t in targets))
    return cell


def _referencing(kind: str) -> Callable[[SiteContext, Document], int]:
    return lambda ctx, d: sum(ctx.published(s) for s in ctx.kb.referencing(d.id, kind))


def _contact(attr: str) -> CellFn:
    def cell(ctx: SiteContext, d: Document, here: str) -> TableCell:
        contact = ctx.audience.contact(d)
        value = getattr(contact, attr, None) if contact is not None else None
        if not value:
            return TableCell(Html(""), "")
        if attr == "telefoon":
            return TableCell(phone_link(value), value)
        return TableCell(link(f"mailto:{value}", value) if attr == "email" else esc(value), value)
    return cell


COLUMNS: dict[str, tuple[Column, ...]] = {
    "businessmodel": (
        Column("Titel", _title), Column("Samenwerkingsvorm", _field("samenwerkingsvorm")),
        Column("Maturiteit", _field("maturiteit")), Column("Status", _field("status")),
        Column("Versie", _field("versie")),
        Column("Proeftuinen", _count(lambda ctx, d: len(pilots_of(ctx, d)))),
        Column("Draaiboeken", _count(_referencing("draaiboek"))),
    ),
    "draaiboek": (
        Column("Titel", _title), Column("Businessmodel", _related("businessmodel")),
        Column("Samenwerkingsvorm", _facet("samenwerkingsvorm")), Column("Doelpubliek", _field("doelpubliek")),
        Column("Status", _field("status")), Column("Versie", _field("versie")),
    ),
    "proeftuin": (
        Column("Titel", _title), Column("Status", _field("status")), Column("Provincies", _field("provincies")),
        Column("Samenwerkingsvormen", _field("samenwerkingsvormen")), Column("Matchmaker", _related("matchmaker")),
        Column("Start", _field("startdatum")),
    ),
    "registratie": (
        Column("Naam", _title), Column("Economie", _field("economie")), Column("Gemeente", _field("gemeente")),
        Column("Provincie", _facet("provincie")),
        Column("Interesse", _field("interesse_samenwerkingsvormen")),
    ),
    "matchmaker": (
        Column("Naam", _title), Column("Werkingsgebied", _field("werkingsgebied")),
        Column("Proeftuinen", _count(_referencing("proeftuin"))),
    ),
}
"""Columns per kind; kinds added by a plugin get a title column."""

DIRECTORY_COLUMNS: tuple[Column, ...] = (
    Column("Status", _field("status")), Column("Contactpersoon", _contact("naam")),
    Column("E-mail", _contact("email")), Column("Telefoon", _contact("telefoon")),
)
"""Extra registration columns of the matchmakers edition."""

FILTERS: dict[str, tuple[str, ...]] = {
    "businessmodel": ("samenwerkingsvorm", "winwin", "maturiteit", "status", "provincie"),
    "draaiboek": ("samenwerkingsvorm", "doelpubliek", "status", "provincie"),
    "proeftuin": ("status", "provincie", "samenwerkingsvorm", "winwin", "sector"),
    "registratie": ("provincie", "economie", "samenwerkingsvorm", "winwin", "sector"),
    "matchmaker": ("provincie",),
}
_INTEREST_LABELS = {"samenwerkingsvorm": "Interesse in samenwerkingsvorm", "winwin": "Interesse in win-win"}


def overview(ctx: SiteContext, kind_name: str, here: str) -> Html:
    """The overview table of one kind as seen from the page at ``here``."""
    columns = COLUMNS.get(kind_name, (Column("Titel", _title),))
    if kind_name == "registratie" and ctx.audience.confidential:
        columns = (*columns, *DIRECTORY_COLUMNS)
    documents = ctx.documents(kind_name)
    rows = []
    found_facets: dict[str, dict[str, str]] = {}
    for d in documents:
        values = facets(ctx, d)
        encoded = {name: tuple(_code(v) for v in vs) for name, vs in values.items()}
        for name, vs in values.items():
            found_facets.setdefault(name, {}).update({_code(v): term(v) for v in vs})
        rows.append(TableRow(tuple(c.cell(ctx, d, here) for c in columns), encoded))
    filters = []
    for name in FILTERS.get(kind_name, ()):
        options = found_facets.get(name)
        if options:
            label = _INTEREST_LABELS.get(name, FACET_LABELS[name]) if kind_name == "registratie" else FACET_LABELS[name]
            filters.append(Filter(name, label, tuple(_ordered(options))))
    return sortable_table(f"overzicht-{kind_name}", [c.header for c in columns], rows, filters)


def _code(value: Any) -> str:
    return value.value if isinstance(value, Vocabulary) else str(value)


def _ordered(options: dict[str, str]) -> list[tuple[str, str]]:
    return sorted(options.items(), key=lambda item: item[1].casefold())
