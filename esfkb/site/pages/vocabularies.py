"""Pages about the vocabularies: one per samenwerkingsvorm and win-win level, their indexes, a glossary.

A value page lists what uses the value: models, their playbooks and pilots. For a win-win level it
also says on which side (social or regular partner) the gain is expected.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from esfkb.model.models import Businessmodel, Proeftuin
from esfkb.model.vocabulary import ALL_VOCABULARIES, Vocabulary, WinwinNiveau
from esfkb.site import routes
from esfkb.site.html.labels import term
from esfkb.site.html.markup import Html, el, esc, join, link
from esfkb.site.html.tables import plain_table
from esfkb.site.views.cards import value_html
from esfkb.site.views.facets import facets, model_of

if TYPE_CHECKING:
    from esfkb.model.documents import Document
    from esfkb.model.models import Winwin
    from esfkb.site.context import SiteContext

USING_KINDS: tuple[tuple[str, str], ...] = (
    ("businessmodel", "Businessmodellen"), ("draaiboek", "Draaiboeken"), ("proeftuin", "Proeftuinen"),
)
_FACET_OF: dict[type[Vocabulary], str] = {WinwinNiveau: "winwin"}


def _facet_name(vocabulary: type[Vocabulary]) -> str:
    return _FACET_OF.get(vocabulary, "samenwerkingsvorm")


def users(ctx: SiteContext, value: Vocabulary, kind: str) -> list[Document]:
    """Published documents of ``kind`` that use ``value`` (playbooks through their model)."""
    name = _facet_name(type(value))
    return [d for d in ctx.documents(kind) if value in facets(ctx, d).get(name, [])]


def _winwin_of(ctx: SiteContext, document: Document) -> Winwin | None:
    model = document.model
    if isinstance(model, Businessmodel | Proeftuin):
        return model.winwin
    source = model_of(ctx, document)
    return source.winwin if source is not None else None


def _sides(ctx: SiteContext, document: Document, value: Vocabulary) -> str:
    winwin = _winwin_of(ctx, document)
    if winwin is None:
        return ""
    sides = [label for label, levels in (("sociale partner", winwin.sociale_partner),
                                         ("reguliere partner", winwin.reguliere_partner)) if value in levels]
    return " en ".join(sides)


def value_listing(ctx: SiteContext, value: Vocabulary, kind: str, here: str) -> Html:
    """The documents of one kind that use a value, as a table."""
    found = users(ctx, value, kind)
    if not found:
        return el("p", "Nog geen.", class_="esfkb-empty")
    with_side = isinstance(value, WinwinNiveau)
    headers = ["Titel", "Status", *(["Win-win voor"] if with_side else [])]
    rows = [(ctx.ref(d, here), value_html(ctx, getattr(d.model, "status", ""), here),
             *([_sides(ctx, d, value)] if with_side else [])) for d in found]
    return plain_table(headers, rows)


def vocabulary_index(ctx: SiteContext, vocabulary: type[Vocabulary], here: str) -> Html:
    """Every value of a vocabulary with its description and how often it is used."""
    rows = []
    for value in vocabulary:
        target = routes.vocabulary_value(value)
        name = link(ctx.href(ctx.page(target), here), term(value)) if target else esc(term(value))
        rows.append((name, value.description, *(len(users(ctx, value, kind)) for kind, _ in USING_KINDS)))
    return plain_table(["Waarde", "Omschrijving", *(label for _, label in USING_KINDS)], rows)


def glossary_section(vocabulary: type[Vocabulary]) -> Html:
    """One vocabulary in the glossary: the value authors write, its label and its description."""
    rows = [(el("code", value.value, id=routes.glossary_anchor(value)), term(value), value.description)
            for value in vocabulary]
    intro = el("p", (vocabulary.__doc__ or "").strip())
    return join([intro, plain_table(["Waarde in de frontmatter", "Label", "Omschrijving"], rows)])


def vocabulary_by_name(name: str) -> type[Vocabulary] | None:
    """A vocabulary by its class name in lower case (how generated pages name their views)."""
    return next((v for v in ALL_VOCABULARIES if v.__name__.lower() == name), None)
