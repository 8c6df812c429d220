"""The metadata card of a document and its relations both ways, with Dutch labels.

Both are derived from the validated model and the knowledge base's link index; values go through
:mod:`esfkb.site.html.markup`, so content never reaches the page unescaped.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from esfkb.model.models import Proeftuin, Winwin
from esfkb.model.vocabulary import Vocabulary
from esfkb.site import routes
from esfkb.site.html.labels import field_label, format_date, inverse_label, term
from esfkb.site.html.markup import Html, el, esc, join, link
from esfkb.site.views.facets import FACET_LABELS, facets, model_of

if TYPE_CHECKING:
    from collections.abc import Iterator

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
    """One value: a vocabulary label (linked to its page when it has one, described in a tooltip) or text."""
    if isinstance(value, Vocabulary):
        target = routes.vocabulary_value(value)
        if target is not None:
            return link(ctx.href(ctx.page(target), here), term(value), title=value.description or None)
        return el("span", term(value), title=value.description or None)
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


def _field_rows(ctx: SiteContext, document: Document, names: tuple[str, ...], here: str) -> Iterator[tuple[str, Html]]:
    model = document.model
    assert model is not None
    references = {r.path[0] for r in document.kind.references if len(r.path) == 1}
    found = facets(ctx, document)
    for name in names:
        if name.startswith("@"):
            yield from _derived_rows(ctx, document, name[1:], found, here)
        elif name in references:
            targets = ctx.kb.related(document.id, name)
            if targets:
                yield field_label(type(model), name), join((ctx.ref(t, here) for t in targets), ", ")
        else:
            value = getattr(model, name, None)
            if value in (None, [], ""):
                continue
            if isinstance(value, Winwin):
                yield from _winwin_rows(ctx, value, here)
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
            yield from _winwin_rows(ctx, source.winwin, here)
        return
    values = found.get(name)
    if values:
        derived = document.kind.name != "registratie"  # a registration's province is its own, from its postcode
        label = _DERIVED_NOTE.get(name, FACET_LABELS[name]) if derived else FACET_LABELS[name]
        yield label, value_html(ctx, values, here)


def _winwin_rows(ctx: SiteContext, winwin: Winwin, here: str) -> Iterator[tuple[str, Html]]:
    yield "Win-win sociale partner", value_html(ctx, winwin.sociale_partner, here)
    yield "Win-win reguliere partner", value_html(ctx, winwin.reguliere_partner, here)


def card_rows(ctx: SiteContext, document: Document, here: str) -> Rows:
    """The rows of a document's card, kind first."""
    rows: Rows = [("Soort", esc(document.kind.label))]
    names = CARD_FIELDS.get(document.kind.name) or _generic_fields(document)
    model = type(document.model)
    if ctx.audience.confidential:
        names = (*names, *(n for n in CONFIDENTIAL_FIELDS if n in model.model_fields and n not in names))
    names = tuple(n for n in names if n.startswith("@") or ctx.audience.shows_field(model, n))
    rows.extend(_field_rows(ctx, document, names, here))
    return rows


def _generic_fields(document: Document) -> tuple[str, ...]:
    """Every field but the title and summary, for kinds added by a plugin."""
    assert document.model is not None
    skip = {document.kind.title_field, "samenvatting"}
    return tuple(name for name in type(document.model).model_fields if name not in skip)


def card(ctx: SiteContext, document: Document, here: str) -> Html:
    """The metadata card: a definition list in a box, with the summary on top."""
    if document.model is None:
        return el("div", el("p", "Dit document bevat fouten en wordt daarom niet volledig getoond."),
                  class_="admonition warning")
    summary = getattr(document.model, "samenvatting", None)
    items = [Html(el("dt", label) + el("dd", value)) for label, value in card_rows(ctx, document, here)]
    return el("div", el("p", summary, class_="esfkb-summary") if summary else "", el("dl", *items),
              class_="esfkb-card", aria_label="Kenmerken")


def _status(ctx: SiteContext, document: Document) -> str:
    status = getattr(document.model, "status", None)
    shown = isinstance(status, Vocabulary) and ctx.audience.shows_field(type(document.model), "status")
    return term(status) if shown else ""


def _item(ctx: SiteContext, target: Document, here: str, extra: str = "") -> Html:
    known = [target.kind.label, _status(ctx, target)] if ctx.published(target) else []
    meta = " · ".join(p for p in (*known, extra) if p)
    return Html(ctx.ref(target, here) + (el("span", f" · {meta}", class_="esfkb-meta") if meta else ""))


def relation_groups(ctx: SiteContext, document: Document, here: str) -> tuple[Rows, Rows]:
    """(outgoing, incoming) relations as (label, list) rows; hidden sources never appear."""
    outgoing: dict[str, list[Html]] = {}
    for ref in ctx.kb.links_from(document.id):
        target = ctx.kb.resolved(ref)
        if target is None:
            continue
        label = field_label(document.kind.model, ref.field)
        extra = _participant_note(document, ref.path) if ref.field == "deelnemers" else ""
        outgoing.setdefault(label, []).append(_item(ctx, target, here, extra))
    incoming: dict[str, dict[str, Html]] = {}
    for ref in ctx.kb.links_to(document.id):
        source = ctx.kb.get(ref.source)
        if source is None or not source.valid or not ctx.published(source):
            continue
        label = inverse_label(source.kind.name, source.kind.plural, ref.field,
                              field_label(source.kind.model, ref.field))
        incoming.setdefault(label, {})[source.id] = _item(ctx, source, here)
    out_rows = [(label, Html(el("ul", *(el("li", i) for i in items)))) for label, items in outgoing.items()]
    in_rows = [(label, Html(el("ul", *(el("li", i) for i in items.values())))) for label, items in incoming.items()]
    return out_rows, in_rows


def _participant_note(pilot: Document, path: tuple[Any, ...]) -> str:
    model = pilot.model
    if not isinstance(model, Proeftuin) or len(path) < 2 or not isinstance(path[1], int):
        return ""
    deelnemer = model.deelnemers[path[1]]
    return f"{term(deelnemer.rol).lower()}, {term(deelnemer.engagement).lower()}"


def relations(ctx: SiteContext, document: Document, here: str) -> Html:
    """Both directions side by side: what this document names, and what names it."""
    outgoing, incoming = relation_groups(ctx, document, here)

    def column(title: str, rows: Rows, empty: str) -> Html:
        body = el("dl", *(Html(el("dt", label) + el("dd", value)) for label, value in rows)) if rows else el("p", empty)
        return el("div", el("h3", title), body, class_="esfkb-relations__side")

    return el("div",
              column("Verwijst naar", outgoing, "Dit document verwijst naar geen ander document."),
              column("Wordt vermeld door", incoming, "Nog geen enkel document verwijst hiernaar."),
              class_="esfkb-relations", data_search_exclude=True)  # other pages' titles: noise in search results
