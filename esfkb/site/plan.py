"""The plan of one build: which source pages to drop, which pages and files to add, how to fill them.

This is the whole interface a site generator adapter needs: take ``hidden`` out of the build,
add ``pages`` and ``files``, pass each page's Markdown through :meth:`SitePlan.markdown` and its
HTML through :meth:`SitePlan.html` (with its own rendering of section headings), and set the titles
from :meth:`SitePlan.meta`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from esfkb.site import routes
from esfkb.site.catalog import api_files, schema_files
from esfkb.site.context import SiteContext
from esfkb.site.html.markup import Html, esc
from esfkb.site.pages.generated import GeneratedPage, generated_pages, render_page_section
from esfkb.site.sections import Slot, place, redact_links, render_section, slots_of

if TYPE_CHECKING:
    from pathlib import Path

    from esfkb.base.knowledge_base import KnowledgeBase
    from esfkb.site.audience import Audience
    from esfkb.site.catalog import DataFile
    from esfkb.site.sections import Heading

DESCRIPTION_LENGTH = 300
PAGE_META: dict[str, dict[str, Any]] = {routes.LIBRARY: {"hide": ["toc"]}}
"""Extra page metadata of generated pages: the library has no headings to list, and needs the width."""


@dataclass(eq=False)
class SitePlan:
    """Everything one edition adds to, removes from and renders into the site."""

    ctx: SiteContext
    pages: list[GeneratedPage]
    """The generated pages to add: every one that no page by hand replaces."""
    files: dict[str, DataFile]
    """The API files and JSON Schemas, by site path: each content is worked out when it is called."""
    replaced: tuple[str, ...] = ()
    """Generated pages left out because the docs hold a page by hand at their path, which takes their place whole."""
    _generated: dict[str, GeneratedPage] = field(init=False)

    def __post_init__(self) -> None:
        self._generated = {p.src_uri: p for p in self.pages}

    @property
    def hidden(self) -> frozenset[str]:
        """Docs-relative paths of document files that this edition must not build at all."""
        return self.ctx.hidden

    def left_out(self, src_uri: str) -> str | None:
        """Why the file of the docs folder at ``src_uri`` must not be published; None when it may be
        (:meth:`esfkb.base.docs_files.DocsFiles.left_out`). A generator drops every other file it found there."""
        return self.ctx.kb.docs.left_out(src_uri)

    def meta(self, src_uri: str) -> dict[str, Any] | None:
        """The page metadata for a document or generated page (escaped, as themes print it raw); None otherwise."""
        document = self.ctx.by_src.get(src_uri)
        if document is not None:
            meta: dict[str, Any] = {"title": esc(document.title)}
            summary = getattr(document.model, "samenvatting", None)
            if summary:
                meta["description"] = esc(" ".join(summary.split())[:DESCRIPTION_LENGTH])
            return meta
        page = self._generated.get(src_uri)
        return {"title": esc(page.title), **PAGE_META.get(src_uri, {})} if page is not None else None

    def source(self, src_uri: str) -> str | None:
        """A document's Markdown body, as the core parsed it; None for other pages and unreadable frontmatter.

        The body starts with an empty line, so that a generator looking for a frontmatter or
        ``Key: value`` metadata at the top finds none in a body that happens to start like one.
        """
        document = self.ctx.by_src.get(src_uri)
        if document is None or document.parsed.data is None:
            return None
        return "\n" + document.parsed.body

    def markdown(self, src_uri: str, markdown: str) -> str:
        """A page's Markdown with links to hidden pages redacted."""
        return redact_links(self.ctx, src_uri, markdown)

    def slots(self, src_uri: str) -> tuple[Slot, ...]:
        """The views that the page at ``src_uri`` holds, in order; none for pages by hand."""
        page = self._generated.get(src_uri)
        if page is not None:
            return page.slots
        document = self.ctx.by_src.get(src_uri)
        if document is None or not self.ctx.published(document):
            return ()
        return slots_of(self.ctx, document)

    def html(self, src_uri: str, html: str, page_url: str, heading: Heading) -> str:
        """A page's HTML with its views placed, rendered for ``page_url``, and the audience's banner on top.

        ``heading`` renders a section heading as the site's own.
        """
        return self.ctx.audience.banner() + place(html, self.slots(src_uri), lambda slot: self._render(slot, page_url),
                                                  heading)

    def view(self, src_uri: str, page_url: str, key: str) -> Html:
        """The rendered view of the slot ``key`` of the page at ``src_uri`` (as :meth:`html` places it)."""
        return self._render(next(slot for slot in self.slots(src_uri) if slot.key == key), page_url)

    def _render(self, slot: Slot, page_url: str) -> Html:
        if slot.scope == "doc":
            rendered = render_section(self.ctx, slot.name, slot.arg, page_url)
        else:
            rendered = render_page_section(self.ctx, slot.name, slot.arg, page_url)
        return rendered if rendered is not None else Html("")


def plan_site(kb: KnowledgeBase, audience: Audience, *, directory_urls: bool = True,
              schemas_dir: Path | None = None) -> SitePlan:
    """Plan the edition of ``kb`` for ``audience``."""
    ctx = SiteContext(kb, audience, directory_urls)
    files = {**api_files(ctx), **schema_files(ctx, schemas_dir)}
    by_hand = {page.rel_path for page in kb.pages}
    generated = generated_pages(ctx)
    return SitePlan(ctx, [p for p in generated if p.src_uri not in by_hand], dict(sorted(files.items())),
                    tuple(p.src_uri for p in generated if p.src_uri in by_hand))

