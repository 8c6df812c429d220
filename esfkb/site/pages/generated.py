"""The generated pages: what exists, with its title, its intro as Markdown and the slots of its views.

No hand-written index has to be kept in sync: overviews per kind, a page per samenwerkingsvorm and
per win-win level with their indexes, the glossary and the dashboard all follow from the
knowledge base, beside the accessibility statement. :func:`render_page_section` renders their views.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from esfkb.model.vocabulary import ALL_VOCABULARIES
from esfkb.site import routes
from esfkb.site.html.markup import esc
from esfkb.site.pages import accessibility, dashboard, library
from esfkb.site.pages.overviews import overview
from esfkb.site.pages.vocabularies import (
    USING_KINDS,
    glossary_section,
    value_listing,
    vocabulary_by_name,
    vocabulary_index,
)
from esfkb.site.sections import Slot
from esfkb.site.urls import slug

if TYPE_CHECKING:
    from esfkb.site.context import SiteContext
    from esfkb.site.html.markup import Html

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
    """A page that exists only in the build: its docs-relative path, title, intro (Markdown) and views."""

    src_uri: str
    title: str
    markdown: str
    slots: tuple[Slot, ...]

    @property
    def text(self) -> str:
        """What search indexes of the page: its intro and its headings, as Markdown."""
        headings = "".join(f"\n\n## {esc(slot.heading)}" for slot in self.slots if slot.heading)
        return f"{self.markdown}{headings}"


def _page(src_uri: str, title: str, intro: str, views: list[tuple[str | None, str, str]]) -> GeneratedPage:
    """A generated page whose ``views`` (heading, name, argument) follow its intro."""
    markdown = f"{esc(intro)}\n" if intro else ""
    slots = tuple(Slot("page", name, arg, heading) for heading, name, arg in views)
    return GeneratedPage(src_uri, title, markdown, slots)


def generated_pages(ctx: SiteContext) -> list[GeneratedPage]:
    """Every generated page of this edition, in a stable order."""
    pages: list[GeneratedPage] = []
    for kind in ctx.kb.kinds.kinds:
        directory = kind.name == "registratie" and ctx.audience.confidential
        intro = DIRECTORY_INTRO if directory else INTROS.get(kind.name, "")
        pages.append(_page(routes.overview(kind), kind.plural, intro, [(None, "overview", kind.name)]))
    for vocabulary, folder in routes.VOCABULARY_FOLDERS.items():
        name = vocabulary.__name__.lower()
        title = {"samenwerkingsvormen": "Samenwerkingsvormen", "winwin": "Win-win niveaus"}.get(folder, folder)
        pages.append(_page(f"{folder}/index.md", title, (vocabulary.__doc__ or "").strip(),
                           [(None, "vocabulary-index", name)]))
        for value in vocabulary:
            arg = f"{name}/{slug(value.value)}"
            pages.append(_page(f"{folder}/{slug(value.value)}.md", value.label, value.description,
                               [(label, f"uses-{kind}", arg) for kind, label in USING_KINDS]))
    pages.append(_page(
        routes.GLOSSARY, "Woordenlijst",
        "Alle vaste waarden die je in de frontmatter schrijft, met hun label op de site en hun betekenis.",
        [(v.__label__ or v.__name__, "glossary", v.__name__.lower()) for v in ALL_VOCABULARIES]))
    pages.append(_page(routes.DASHBOARD, "Dashboard", "De portefeuille van de proeftuinen in cijfers.",
                       [(None, "key-figures", ""),
                        ("Proeftuinen per provincie en status", "by-province", ""),
                        ("Proeftuinen per ecosysteem", "by-ecosystem", ""),
                        ("Samenwerkingsvormen", "forms-used", ""),
                        ("Win-win per kant", "winwin-coverage", ""),
                        ("Doorstroom over alle proeftuinen", "funnel", "")]))
    pages.append(_page(routes.LIBRARY, "Bibliotheek", library.INTRO, [(None, "library", "")]))
    pages.append(_page(routes.ACCESSIBILITY, accessibility.TITLE, accessibility.INTRO,
                       [(heading, "accessibility", name) for name, (heading, _) in accessibility.PARTS.items()]))
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
    "by-ecosystem": _without_arg(dashboard.by_ecosystem),
    "forms-used": _without_arg(dashboard.forms_used),
    "winwin-coverage": _without_arg(dashboard.winwin_coverage),
    "funnel": _without_arg(dashboard.funnel),
    "library": _without_arg(library.library),
    "accessibility": lambda ctx, arg, here: accessibility.part(ctx, arg),
    **{f"uses-{kind}": _vocabulary_value(kind) for kind, _ in USING_KINDS},
}
"""Renderers of generated pages' views by name; each gets (context, argument, page URL)."""


def render_page_section(ctx: SiteContext, name: str, arg: str, here: str) -> Html | None:
    """The HTML of a generated page's view, or None when it names nothing we know."""
    render = PAGE_SECTIONS.get(name)
    return render(ctx, arg, here) if render is not None else None
