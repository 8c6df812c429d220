"""The generated pages: what exists, with its title, intro and sections as Markdown with placeholders.

No hand-written index has to be kept in sync: overviews per kind, a page per samenwerkingsvorm and
per win-win level with their indexes, the glossary and the dashboard all follow from the
knowledge base. :func:`render_page_section` fills their placeholders once they are HTML.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from esfkb.site import dashboard, library, routes
from esfkb.site.markup import esc
from esfkb.site.overviews import overview
from esfkb.site.sections import placed, placeholder
from esfkb.site.urls import slug
from esfkb.site.vocabularies import (
    USING_KINDS,
    glossary_section,
    value_listing,
    vocabulary_by_name,
    vocabulary_index,
)
from esfkb.vocabulary import ALL_VOCABULARIES

if TYPE_CHECKING:
    from esfkb.site.context import SiteContext
    from esfkb.site.markup import Html

INTROS: dict[str, str] = {
    "businessmodel": "Herbruikbare samenwerkingsmodellen tussen sociale en reguliere economie, met hun "
                     "tweezijdige canvas. Klik op een kolomtitel om te sorteren of filter hieronder.",
    "draaiboek": "Stappenplannen om een businessmodel zelf uit te voeren, van verkennen tot verduurzamen.",
    "proeftuin": "De proeftuinen waarin de modellen getest worden, met hun samenstelling en resultaten.",
    "registratie": "Organisaties die interesse toonden om deel te nemen aan een proeftuin. Je ziet alleen "
                   "organisaties die toestemming gaven om hun profiel te publiceren.",
    "matchmaker": "De organisaties die proeftuinen samenstellen en begeleiden.",
}
DIRECTORY_INTRO = ("Het adresboek van de geregistreerde organisaties die toestemming gaven voor contact door een "
                   "matchmaker, met hun contactpersoon. Filter op provincie, economie en interesses. "
                   "Vertrouwelijk: enkel voor gebruik binnen de opdracht.")


@dataclass(frozen=True, slots=True)
class GeneratedPage:
    """A page that exists only in the build: its docs-relative path, title and Markdown."""

    src_uri: str
    title: str
    markdown: str


def _markdown(intro: str, sections: list[tuple[str | None, str]]) -> str:
    parts = [esc(intro)] if intro else []
    parts.extend(placed(heading, mark) for heading, mark in sections)
    return "\n\n".join(parts) + "\n"


def generated_pages(ctx: SiteContext) -> list[GeneratedPage]:
    """Every generated page of this edition, in a stable order."""
    pages: list[GeneratedPage] = []
    for kind in ctx.kb.kinds.kinds:
        directory = kind.name == "registratie" and ctx.audience.confidential
        intro = DIRECTORY_INTRO if directory else INTROS.get(kind.name, "")
        pages.append(GeneratedPage(routes.overview(kind), kind.plural,
                                   _markdown(intro, [(None, placeholder("page", "overview", kind.name))])))
    for vocabulary, folder in routes.VOCABULARY_FOLDERS.items():
        name = vocabulary.__name__.lower()
        title = {"samenwerkingsvormen": "Samenwerkingsvormen", "winwin": "Win-win niveaus"}.get(folder, folder)
        pages.append(GeneratedPage(f"{folder}/index.md", title, _markdown(
            (vocabulary.__doc__ or "").strip(), [(None, placeholder("page", "vocabulary-index", name))])))
        for value in vocabulary:
            arg = f"{name}/{slug(value.value)}"
            sections = [(label, placeholder("page", f"uses-{kind}", arg)) for kind, label in USING_KINDS]
            pages.append(GeneratedPage(f"{folder}/{slug(value.value)}.md", value.label,
                                       _markdown(value.description, sections)))
    pages.append(GeneratedPage(routes.GLOSSARY, "Woordenlijst", _markdown(
        "Alle vaste waarden die je in de frontmatter schrijft, met hun label op de site en hun betekenis.",
        [(v.__label__ or v.__name__, placeholder("page", "glossary", v.__name__.lower())) for v in ALL_VOCABULARIES])))
    pages.append(GeneratedPage(routes.DASHBOARD, "Dashboard", _markdown(
        "De portefeuille van de proeftuinen in cijfers.",
        [(None, placeholder("page", "key-figures", "")),
         ("Proeftuinen per provincie en status", placeholder("page", "by-province", "")),
         ("Samenwerkingsvormen", placeholder("page", "forms-used", "")),
         ("Win-win per kant", placeholder("page", "winwin-coverage", "")),
         ("Doorstroom over alle proeftuinen", placeholder("page", "funnel", ""))])))
    pages.append(GeneratedPage(routes.LIBRARY, "Bibliotheek", _markdown(
        library.INTRO, [(None, placeholder("page", "library", ""))])))
    return pages


Renderer = Callable[["SiteContext", str, str], "Html | None"]


def _vocabulary_value(kind: str) -> Renderer:
    def render(ctx: SiteContext, arg: str, here: str) -> Html | None:
        name, _, value_slug = arg.partition("/")
        value = next((v for v in vocabulary_by_name(name) or () if slug(v.value) == value_slug), None)
        return value_listing(ctx, value, kind, here) if value is not None else None
    return render


def _vocabulary_index(ctx: SiteContext, arg: str, here: str) -> Html | None:
    vocabulary = vocabulary_by_name(arg)
    return vocabulary_index(ctx, vocabulary, here) if vocabulary is not None else None


def _glossary(ctx: SiteContext, arg: str, here: str) -> Html | None:
    vocabulary = vocabulary_by_name(arg)
    return glossary_section(vocabulary) if vocabulary is not None else None


def _without_arg(render: Callable[[SiteContext, str], Html]) -> Renderer:
    return lambda ctx, arg, here: render(ctx, here)


PAGE_SECTIONS: dict[str, Renderer] = {
    "overview": overview,
    "vocabulary-index": _vocabulary_index,
    "glossary": _glossary,
    "key-figures": _without_arg(dashboard.key_figures),
    "by-province": _without_arg(dashboard.by_province),
    "forms-used": _without_arg(dashboard.forms_used),
    "winwin-coverage": _without_arg(dashboard.winwin_coverage),
    "funnel": _without_arg(dashboard.funnel),
    "library": _without_arg(library.library),
    **{f"uses-{kind}": _vocabulary_value(kind) for kind, _ in USING_KINDS},
}
"""Renderers of generated-page placeholders by name; each gets (context, argument, page URL)."""


def render_page_section(ctx: SiteContext, name: str, arg: str, here: str) -> Html | None:
    """The HTML for a generated page's placeholder, or None when it names nothing we know."""
    render = PAGE_SECTIONS.get(name)
    return render(ctx, arg, here) if render is not None else None
