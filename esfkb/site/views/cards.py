"""The metadata card of a document and its relations both ways, as HTML with Dutch labels.

The relations, their labels and what the edition's audience may see of them come from the one card model of
:mod:`esfkb.browse.cards`, which ``esfkb show`` prints too; values go through :mod:`esfkb.site.html.markup`, so
content never reaches the page unescaped.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from esfkb.browse.cards import INCOMING, OUTGOING, Reader, build_card, fact_label
from esfkb.checks.diagnostics import Severity
from esfkb.model.coded import Coded
from esfkb.model.models import Winwin
from esfkb.model.vocabulary import Vocabulary
from esfkb.site import routes
from esfkb.site.audience import anonymous_label
from esfkb.site.html.labels import field_label, format_date, term
from esfkb.site.html.markup import Html, bullet_list, el, esc, join, link
from esfkb.site.views.facets import FACET_LABELS, facets, model_of

if TYPE_CHECKING:
    from collections.abc import Iterator

    from esfkb.browse.cards import Card, Relation, RelationGroup
    from esfkb.checks.diagnostics import Diagnostic
    from esfkb.model.documents import Document
    from esfkb.site.context import SiteContext

Rows = list[tuple[str, Html]]

CARD_FIELDS: dict[str, tuple[str, ...]] = {
    "businessmodel": ("status", "versie", "maturiteit", "samenwerkingsvorm", "winwin", "juridische_vorm", "premies",
                      "@provincie", "@sector", "auteurs", "licentie"),
    "draaiboek": ("status", "versie", "@samenwerkingsvorm", "@winwin", "doelpubliek", "@provincie", "@sector",
                  "auteurs", "licentie"),
    "proeftuin": ("status", "ecosysteem", "samenwerkingsvormen", "winwin", "provincies", "nace", "doelgroepen",
                  "startdatum", "einddatum", "matchmaker"),
    "registratie": ("economie", "erkenningen", "gemeente", "@provincie", "nace", "grootteklasse", "website",
                    "interesse_samenwerkingsvormen", "interesse_winwin"),
    "matchmaker": ("website", "email", "werkingsgebied", "opdracht", "kbo_nummer"),
}
"""Card rows per kind: field names, or '@facet' for a value derived through relations."""

CONFIDENTIAL_FIELDS: tuple[str, ...] = (
    "kbo_nummer", "status", "registratiedatum", "bron", "toestemming", "bewaren_tot",
)
"""Rows added in the matchmakers edition when the audience hides them from the public (the follow-up data)."""

_DERIVED_NOTE = {"provincie": "Provincies (uit proeftuinen)", "sector": "Sector (uit proeftuinen)"}


def term_html(ctx: SiteContext, value: Any, here: str) -> Html:
    """One value: a vocabulary label (linked to its page when it has one, described in a tooltip), a code's name
    (linked to its text: a licence), or text."""
    if isinstance(value, Vocabulary):
        target = routes.vocabulary_value(value)
        if target is not None:
            return link(ctx.href(ctx.page(target), here), term(value), title=value.description or None)
        return el("span", term(value), title=value.description or None)
    if isinstance(value, Coded) and value.url:
        return link(value.url, term(value), rel="license noopener")
    return esc(term(value))


def value_html(ctx: SiteContext, value: Any, here: str) -> Html:
    """A field value: lists joined, nested models as 'label: value' pairs, dates the Dutch way."""
    if isinstance(value, list | tuple):
        return join((value_html(ctx, v, here) for v in value), ", ")
    if isinstance(value, BaseModel):
        parts = [
            Html(f"{esc(field_label(type(value), name))}: {value_html(ctx, item, here)}")
            for name, item in value
            if item not in (None, [], "")
        ]
        return join(parts, "; ")
    if isinstance(value, date):
        return esc(format_date(value))
    return term_html(ctx, value, here)


def _field_rows(ctx: SiteContext, document: Document, shown: Card, names: tuple[str, ...],
                here: str) -> Iterator[tuple[str, Html]]:
    model = document.model
    assert model is not None
    references = {r.path[0] for r in document.kind.references if len(r.path) == 1}
    outgoing = {group.field: group for group in shown.outgoing}
    found = facets(ctx, document)
    for name in names:
        if name.startswith("@"):
            yield from _derived_rows(ctx, document, name[1:], found, here)
        elif name in references:
            targets = [r for r in outgoing[name].relations if not r.missing] if name in outgoing else []
            if targets:
                yield outgoing[name].label, join((_name_html(ctx, r, here) for r in targets), ", ")
        else:
            value = getattr(model, name, None)
            if value in (None, [], ""):
                continue
            if isinstance(value, Winwin):
                yield from _winwin_rows(ctx, type(model), value, here)
            elif name == "website":
                yield field_label(type(model), name), link(value, value, rel="nofollow noopener")
            elif name == "email":
                yield field_label(type(model), name), link(f"mailto:{value}", value)
            else:
                yield field_label(type(model), name), value_html(ctx, value, here)


def _derived_rows(ctx: SiteContext, document: Document, name: str, found: dict[str, list[Any]],
                  here: str) -> Iterator[tuple[str, Html]]:
    if name == "winwin":
        source = model_of(ctx, document)
        if source is not None:
            yield from _winwin_rows(ctx, type(source), source.winwin, here)
        return
    values = found.get(name)
    if values:
        derived = document.kind.name != "registratie"  # a registration's province is its own, from its postcode
        label = _DERIVED_NOTE.get(name, FACET_LABELS[name]) if derived else FACET_LABELS[name]
        yield label, value_html(ctx, values, here)


def _winwin_rows(ctx: SiteContext, owner: type, winwin: Winwin, here: str) -> Iterator[tuple[str, Html]]:
    """Both sides of a win-win, labelled as ``esfkb show`` labels them (Win-win › Sociale partner)."""
    for side in ("sociale_partner", "reguliere_partner"):
        yield fact_label(owner, ("winwin", side)), value_html(ctx, getattr(winwin, side), here)


def card_rows(ctx: SiteContext, document: Document, here: str) -> Rows:
    """The rows of a document's card, kind first."""
    shown = card_model(ctx, document)
    rows: Rows = [("Soort", esc(shown.kind_label))]
    names = CARD_FIELDS.get(document.kind.name) or _generic_fields(document)
    model = type(document.model)
    if ctx.audience.confidential:
        names = (*names, *(n for n in CONFIDENTIAL_FIELDS if n in model.model_fields and n not in names))
    names = tuple(n for n in names if n.startswith("@") or ctx.audience.shows_field(model, n))
    rows.extend(_field_rows(ctx, document, shown, names, here))
    return rows


def _generic_fields(document: Document) -> tuple[str, ...]:
    """Every field but the title and summary, for kinds added by a plugin."""
    assert document.model is not None
    skip = {document.kind.title_field, "samenvatting"}
    return tuple(name for name in type(document.model).model_fields if name not in skip)


def card(ctx: SiteContext, document: Document, here: str) -> Html:
    """The metadata card: a definition list in a box, with the summary on top."""
    if document.model is None:
        return el("div", el("p", "Dit document bevat fouten en wordt daarom niet volledig getoond:"),
                  bullet_list(_problem(d) for d in ctx.kb.load_problems
                              if d.path == document.rel_path and d.severity == Severity.ERROR),
                  class_="admonition warning")
    summary = getattr(document.model, "samenvatting", None)
    items = [Html(el("dt", label) + el("dd", value)) for label, value in card_rows(ctx, document, here)]
    return el("div", el("p", summary, class_="esfkb-summary") if summary else "", el("dl", *items),
              class_="esfkb-card", aria_label="Kenmerken")


def _problem(diagnostic: Diagnostic) -> Html:
    """One error of a document, as ``esfkb validate`` names it: where, what, and its code."""
    return Html(el("span", f"regel {diagnostic.line}: ", class_="esfkb-meta") + esc(diagnostic.message)
                + " " + el("code", diagnostic.code))


def card_model(ctx: SiteContext, document: Document) -> Card:
    """The document's card as this edition's audience may read it (worked out once per build: the card and the
    relations view both show it)."""
    key = ("card", document.id)
    if key not in ctx.memo:
        ctx.memo[key] = build_card(ctx.kb, document, Reader(ctx.published, ctx.audience.shows_field, anonymous_label),
                                   with_facts=False)  # the card's rows show the fields, linked
    return ctx.memo[key]


def _relation_html(ctx: SiteContext, relation: Relation, here: str) -> Html:
    """One relation: a link to its page (or the anonymous label of a document this edition does not publish),
    then its kind, status and detail."""
    meta = " · ".join(p for p in (relation.kind_label, relation.status, relation.detail) if p)
    return Html(_name_html(ctx, relation, here) + (el("span", f" · {meta}", class_="esfkb-meta") if meta else ""))


def _name_html(ctx: SiteContext, relation: Relation, here: str) -> Html:
    """A related document by its title, linked to its page; one this edition does not publish by how it reads."""
    if relation.hidden:
        return el("span", relation.title, class_="esfkb-anonymous")
    return ctx.ref(ctx.kb.documents[relation.id], here)


def _group_rows(ctx: SiteContext, groups: tuple[RelationGroup, ...], here: str) -> Rows:
    """(label, list) rows; a reference to no document has no page to link to and is left out."""
    rows: Rows = []
    for group in groups:
        items = [el("li", _relation_html(ctx, r, here)) for r in group.relations if not r.missing]
        if items:
            rows.append((group.label, el("ul", *items)))
    return rows


def relations(ctx: SiteContext, document: Document, here: str) -> Html:
    """Both directions side by side: what this document names, and what names it."""
    shown = card_model(ctx, document)

    def column(title: str, rows: Rows, empty: str) -> Html:
        body = el("dl", *(Html(el("dt", label) + el("dd", value)) for label, value in rows)) if rows else el("p", empty)
        return el("div", el("h3", title), body, class_="esfkb-relations__side")

    outgoing, incoming = _group_rows(ctx, shown.outgoing, here), _group_rows(ctx, shown.incoming, here)
    return el("div",
              column(OUTGOING, outgoing, "Dit document verwijst naar geen ander document."),
              column(INCOMING, incoming, "Nog geen enkel document verwijst hiernaar."),
              class_="esfkb-relations", data_search_exclude=True)  # other pages' titles: noise in search results
