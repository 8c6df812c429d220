"""The layout of a page: which views go where, each in a slot under an optional heading.

A document page shows its views around its own text: the card and main views right after its title,
the rest after its body. They are placed once the page's Markdown is HTML, by :func:`place`: our
escaped HTML and SVG never pass through the Markdown processor, and neither do their headings,
which the site generator renders (with the ids, permalinks and table of contents of its own
headings). Measured at 1,000 pages, four headings and five placeholders in each page's Markdown
made its conversion 0.4-0.5 s slower.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from esfkb.model.models import Businessmodel, Draaiboek, Matchmaker, Proeftuin, Registratie
from esfkb.site.audience import anonymous_label
from esfkb.site.html.markup import el
from esfkb.site.views import documents as views
from esfkb.site.views.cards import card, relations

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from esfkb.model.documents import Document
    from esfkb.site.context import SiteContext
    from esfkb.site.html.markup import Html

    View = Callable[[SiteContext, Document, str], Html]
    Heading = Callable[[str, bool], str]
    """The site generator's HTML for a section heading: its text, and whether it comes before the body."""

_LINK_RE = re.compile(r"\[((?:[^\[\]]|\[[^\[\]]*\])*)\]\(\s*<?([^)\s>\[]+)>?(?:\s+\"[^\"]*\")?\s*\)")
"""A Markdown link, one level of brackets in its text. A scan that fails stops at the next ``[``, where the next
link could start, so no text is scanned twice (#17); a target holding ``[`` is no link to a document anyway."""
_TITLE_START = "<h1"
_TITLE_END = "</h1>"


@dataclass(frozen=True, slots=True)
class Slot:
    """Where one view goes on a page: under an optional heading, before or after the page's own text."""

    scope: str
    """``doc`` for a document's section, ``page`` for a generated page's."""
    name: str
    arg: str
    """A document's id, or what a generated page's view is about."""
    heading: str | None = None
    before_body: bool = False

    @property
    def key(self) -> str:
        """The slot's name within its page, for views rendered ahead."""
        return f"{self.scope}:{self.name}:{self.arg}"


def place(html: str, slots: Sequence[Slot], view: Callable[[Slot], str], heading: Heading) -> str:
    """``html`` with each slot's view, under its heading: after the page's title heading, or at its end.

    The title heading is the one the HTML starts with; without one, the views before the body open the page.
    """
    if not slots:
        return html

    def placed(slot: Slot) -> str:
        title = heading(slot.heading, slot.before_body) if slot.heading else ""
        return f"\n{title}{view(slot)}"

    before = "".join(placed(s) for s in slots if s.before_body)
    after = "".join(placed(s) for s in slots if not s.before_body)
    at = title_end(html) if before else 0
    return f"{html[:at]}{before}{html[at:]}{after}"


def title_end(html: str) -> int:
    """Where the title heading that ``html`` starts with ends; 0 when it starts with something else."""
    start = len(html) - len(html.lstrip())
    if html.startswith(_TITLE_START, start):
        end = html.find(_TITLE_END, start)
        if end >= 0:
            return end + len(_TITLE_END)
    return 0


def _always(ctx: SiteContext, document: Document) -> bool:
    return True


@dataclass(frozen=True, slots=True)
class Section:
    """One view on a document page."""

    name: str
    heading: str | None
    view: View
    before_body: bool = False
    when: Callable[[SiteContext, Document], bool] = _always


def _model_has(*fields: str) -> Callable[[SiteContext, Document], bool]:
    return lambda ctx, d: any(getattr(d.model, f, None) for f in fields)


def _profile_shown(ctx: SiteContext, document: Document) -> bool:
    return _model_has("aanbod", "vraag", "expertise")(ctx, document) or ctx.audience.contact(document) is not None


def _being_composed(ctx: SiteContext, document: Document) -> bool:
    """Suggestions name organisations: only the matchmakers edition shows them, on pilots being composed."""
    if not ctx.audience.confidential:
        return False  # and the public build never imports the matcher
    from esfkb.matching import SITE_STATUSES

    model = document.model
    return isinstance(model, Proeftuin) and model.status in SITE_STATUSES


CARD = Section("card", None, card, before_body=True)
RELATIONS = Section("relations", "Relaties", relations)
UPDATED = Section("updated", None, views.last_updated, when=lambda ctx, d: ctx.src_uri(d) in ctx.updated)

SECTIONS: dict[type, tuple[Section, ...]] = {
    Businessmodel: (
        CARD,
        Section("canvas", "Canvas", views.canvas, before_body=True),
        Section("conditions", "Randvoorwaarden en risico's", views.conditions,
                when=_model_has("randvoorwaarden", "risicos")),
        Section("playbooks", "Draaiboeken", views.playbooks),
        RELATIONS,
        UPDATED,
    ),
    Draaiboek: (
        CARD,
        Section("timeline", "Fasen en stappen", views.timeline, before_body=True),
        Section("checklists", "Checklists", views.checklists,
                when=_model_has("juridische_checklist", "succesfactoren", "valkuilen", "indicatoren")),
        RELATIONS,
        UPDATED,
    ),
    Proeftuin: (
        CARD,
        Section("composition", "Samenstelling", views.composition, before_body=True),
        Section("doorstroom", "Doorstroom", views.doorstroom, before_body=True),
        Section("indicators", "Indicatoren", views.indicators, when=_model_has("indicatoren")),
        Section("suggestions", "Voorstellen voor de samenstelling", views.suggestions, when=_being_composed),
        RELATIONS,
        UPDATED,
    ),
    Registratie: (
        CARD,
        Section("profile", "Profiel", views.profile, before_body=True, when=_profile_shown),
        Section("pilots", "Proeftuinen", views.pilots),
        RELATIONS,
        UPDATED,
    ),
    Matchmaker: (
        CARD,
        Section("profile", "Profiel", views.profile, before_body=True, when=_profile_shown),
        Section("pilots", "Begeleide proeftuinen", views.pilots),
        RELATIONS,
        UPDATED,
    ),
}
"""Sections per kind model, each ending with when the document last changed; a kind added by a plugin gets the
card, its relations and that date."""


def sections_of(document: Document) -> tuple[Section, ...]:
    """The sections of a document's page (just the card for an invalid document)."""
    if document.model is None:
        return (CARD,)
    return SECTIONS.get(type(document.model), (CARD, RELATIONS, UPDATED))


def slots_of(ctx: SiteContext, document: Document) -> tuple[Slot, ...]:
    """The slots of a document's page: the sections its kind shows, where they apply."""
    return tuple(Slot("doc", s.name, document.id, s.heading, s.before_body)
                 for s in sections_of(document) if s.when(ctx, document))


def render_section(ctx: SiteContext, name: str, doc_id: str, here: str) -> Html | None:
    """The HTML of one section of a document, or None when its slot names nothing we know."""
    document = ctx.kb.get(doc_id)
    if document is None or not ctx.published(document):
        return None
    section = next((s for s in sections_of(document) if s.name == name), None)
    if section is None:
        return None
    return el("div", section.view(ctx, document, here), class_=f"esfkb-view esfkb-view--{section.name}")


def redact_links(ctx: SiteContext, src_uri: str, markdown: str) -> str:
    """Replace Markdown links to unpublished documents: a registration by its anonymous label, others by their text.

    A body that links a registration without consent would otherwise name it and break the build
    with a link to a page that does not exist.
    """
    hidden = ctx.hidden
    if not hidden or "](" not in markdown:
        return markdown
    folder = posixpath.dirname(src_uri)

    def replace(match: re.Match[str]) -> str:
        target = match.group(2).split("#", 1)[0]
        if not target or "://" in target:
            return match.group(0)
        resolved = posixpath.normpath(posixpath.join(folder, target))
        if resolved not in hidden:
            return match.group(0)
        document = ctx.by_src[resolved]
        return anonymous_label(document) if document.kind.model is Registratie else match.group(1)

    return _LINK_RE.sub(replace, markdown)
