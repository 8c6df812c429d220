"""The layout of a document page: which views go where, as placeholders in its Markdown.

A page's Markdown gets headings (so the table of contents and search see them) and placeholder
comments; once the Markdown is HTML, :func:`fill` swaps each placeholder for the rendered view.
Rendering after Markdown keeps our escaped HTML and SVG away from the Markdown processor.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from esfkb.models import Businessmodel, Draaiboek, Matchmaker, Proeftuin, Registratie
from esfkb.site import views
from esfkb.site.audience import anonymous_label
from esfkb.site.cards import card, relations
from esfkb.site.markup import el, esc

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from esfkb.documents import Document
    from esfkb.site.context import SiteContext
    from esfkb.site.markup import Html

    View = Callable[[SiteContext, Document, str], Html]

PLACEHOLDER_START = "<!-- esfkb:"
PLACEHOLDER_RE = re.compile(r"(?P<mark><!-- esfkb:(?P<scope>doc|page):(?P<name>[a-z0-9-]+):(?P<arg>[^\s>]*) -->)"
                            r"(?P<heading_end>(?:<a\b[^>]*>[^<]*</a>)?</h[1-6]>)?")
"""A placeholder (``mark``), in Markdown and in HTML. In the HTML, one that ended a heading's line is
followed by the rest of the heading (``heading_end``: a permalink and the closing tag); its view goes after it."""
_H1_RE = re.compile(r"\A\s*(#[ \t]+[^\n]*\n)", re.MULTILINE)
_LINK_RE = re.compile(r"\[((?:[^\[\]]|\[[^\]]*\])*)\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")


def placeholder(scope: str, name: str, arg: str) -> str:
    """The comment that stands for a rendered view until the Markdown is HTML."""
    return f"<!-- esfkb:{scope}:{name}:{arg} -->"


def placed(heading: str | None, mark: str) -> str:
    """The Markdown of a view under a heading: the placeholder ends the heading's line.

    On a line of its own a comment is one more block for the Markdown processor, with an inline
    pass of its own; at 1,000 pages that was a tenth of the build's Markdown time. In a heading it
    is kept as it is, and left out of the heading's anchor and its entry in the table of contents.
    """
    return f"## {esc(heading)} {mark}" if heading else mark


def placeholders(text: str) -> Iterator[re.Match[str]]:
    """Every placeholder in ``text``, in order.

    Each is looked for at its fixed start only: a search for :data:`PLACEHOLDER_RE` would try every
    position of the page (measured at 1,000 pages: 0.09-0.12 s against 0.006-0.01 s).
    """
    at = text.find(PLACEHOLDER_START)
    while at >= 0:
        match = PLACEHOLDER_RE.match(text, at)
        if match is not None:
            yield match
        at = text.find(PLACEHOLDER_START, match.end() if match is not None else at + 1)


def fill(text: str, view: Callable[[re.Match[str]], str]) -> str:
    """``text`` with each placeholder, and a space before it, replaced by its ``view`` (after the heading it ends)."""
    parts: list[str] = []
    done = 0
    for match in placeholders(text):
        start = match.start()
        if start > done and text[start - 1] == " ":  # the space between a heading's text and its placeholder
            start -= 1
        parts += (text[done:start], match.group("heading_end") or "", view(match))
        done = match.end()
    if not parts:
        return text
    parts.append(text[done:])
    return "".join(parts)


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

SECTIONS: dict[type, tuple[Section, ...]] = {
    Businessmodel: (
        CARD,
        Section("canvas", "Canvas", views.canvas, before_body=True),
        Section("conditions", "Randvoorwaarden en risico's", views.conditions,
                when=_model_has("randvoorwaarden", "risicos")),
        Section("playbooks", "Draaiboeken", views.playbooks),
        RELATIONS,
    ),
    Draaiboek: (
        CARD,
        Section("timeline", "Fasen en stappen", views.timeline, before_body=True),
        Section("checklists", "Checklists", views.checklists,
                when=_model_has("juridische_checklist", "succesfactoren", "valkuilen", "indicatoren")),
        RELATIONS,
    ),
    Proeftuin: (
        CARD,
        Section("composition", "Samenstelling", views.composition, before_body=True),
        Section("doorstroom", "Doorstroom", views.doorstroom, before_body=True),
        Section("indicators", "Indicatoren", views.indicators, when=_model_has("indicatoren")),
        Section("suggestions", "Voorstellen voor de samenstelling", views.suggestions, when=_being_composed),
        RELATIONS,
    ),
    Registratie: (
        CARD,
        Section("profile", "Profiel", views.profile, before_body=True, when=_profile_shown),
        Section("pilots", "Proeftuinen", views.pilots),
        RELATIONS,
    ),
    Matchmaker: (
        CARD,
        Section("profile", "Profiel", views.profile, before_body=True, when=_profile_shown),
        Section("pilots", "Begeleide proeftuinen", views.pilots),
        RELATIONS,
    ),
}
"""Sections per kind model; a kind added by a plugin gets the card and its relations."""


def sections_of(document: Document) -> tuple[Section, ...]:
    """The sections of a document's page (just the card for an invalid document)."""
    if document.model is None:
        return (CARD,)
    return SECTIONS.get(type(document.model), (CARD, RELATIONS))


def _section_markdown(section: Section, document: Document) -> str:
    return placed(section.heading, placeholder("doc", section.name, document.id))


def decorate(ctx: SiteContext, document: Document, markdown: str) -> str:
    """The document's Markdown with its views placed: card and main views first, the rest after the body."""
    chosen = [s for s in sections_of(document) if s.when(ctx, document)]
    before = "\n\n".join(_section_markdown(s, document) for s in chosen if s.before_body)
    after = "\n\n".join(_section_markdown(s, document) for s in chosen if not s.before_body)
    heading = _H1_RE.match(markdown)
    head, body = (heading.group(1), markdown[heading.end():]) if heading else ("", markdown)
    return f"{head}\n{before}\n\n{body.strip()}\n\n{after}\n"


def render_section(ctx: SiteContext, name: str, doc_id: str, here: str) -> Html | None:
    """The HTML of one section of a document, or None when the placeholder names nothing we know."""
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
