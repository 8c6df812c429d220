"""The plan of one build: which source pages to drop, which pages and files to add, how to fill them.

This is the whole interface a site generator adapter needs: take ``hidden`` out of the build,
add ``pages`` and ``files``, pass each page's Markdown through :meth:`SitePlan.markdown` and its
HTML through :meth:`SitePlan.html`, and set the titles from :meth:`SitePlan.meta`.
:meth:`SitePlan.views` renders a page's views ahead, for :mod:`esfkb.site.prerender`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from esfkb.site import routes
from esfkb.site.catalog import api_files, schema_files
from esfkb.site.context import SiteContext
from esfkb.site.markup import Html, esc
from esfkb.site.pages import GeneratedPage, generated_pages, render_page_section
from esfkb.site.sections import decorate, fill, placeholders, redact_links, render_section

if TYPE_CHECKING:
    from collections.abc import Mapping
    from pathlib import Path

    from esfkb.knowledge_base import KnowledgeBase
    from esfkb.site.audience import Audience
    from esfkb.site.catalog import DataFile

DESCRIPTION_LENGTH = 300
PAGE_META: dict[str, dict[str, Any]] = {routes.LIBRARY: {"hide": ["toc"]}}
"""Extra page metadata of generated pages: the library has no headings to list, and needs the width."""


@dataclass(eq=False)
class SitePlan:
    """Everything one edition adds to, removes from and renders into the site."""

    ctx: SiteContext
    pages: list[GeneratedPage]
    files: dict[str, DataFile]
    """The API files and JSON Schemas, by site path: each content is worked out when it is called."""
    _generated: dict[str, GeneratedPage] = field(init=False)

    def __post_init__(self) -> None:
        self._generated = {p.src_uri: p for p in self.pages}

    @property
    def hidden(self) -> frozenset[str]:
        """Docs-relative paths of document files that this edition must not build at all."""
        return self.ctx.hidden

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
        """A page's Markdown with the views of its document placed and links to hidden pages redacted."""
        markdown = redact_links(self.ctx, src_uri, markdown)
        document = self.ctx.by_src.get(src_uri)
        if document is None or not self.ctx.published(document):
            return markdown
        return decorate(self.ctx, document, markdown)

    def html(self, html: str, page_url: str, rendered: Mapping[str, str] | None = None) -> str:
        """A page's HTML with each placeholder rendered for ``page_url``, and the audience's banner on top.

        ``rendered`` holds views rendered ahead (by :mod:`esfkb.site.prerender`), by placeholder;
        a placeholder it lacks is rendered here.
        """
        ready = rendered or {}

        def view(match: re.Match[str]) -> str:
            found = ready.get(match.group("mark"))
            return found if found is not None else self._render(match, page_url)

        return self.ctx.audience.banner() + fill(html, view)

    def views(self, src_uri: str, page_url: str) -> dict[str, str]:
        """The rendered view of every placeholder that the page at ``src_uri`` will hold, by placeholder."""
        page = self._generated.get(src_uri)
        if page is not None:
            markdown = page.markdown
        else:
            source = self.source(src_uri)
            markdown = self.markdown(src_uri, source) if source is not None else ""
        return {match.group("mark"): str(self._render(match, page_url)) for match in placeholders(markdown)}

    def _render(self, match: re.Match[str], page_url: str) -> Html:
        scope, name, arg = match.group("scope", "name", "arg")
        if scope == "doc":
            rendered = render_section(self.ctx, name, arg, page_url)
        else:
            rendered = render_page_section(self.ctx, name, arg, page_url)
        return rendered if rendered is not None else Html("")


def plan_site(kb: KnowledgeBase, audience: Audience, *, directory_urls: bool = True,
              schemas_dir: Path | None = None) -> SitePlan:
    """Plan the edition of ``kb`` for ``audience``."""
    ctx = SiteContext(kb, audience, directory_urls)
    files = {**api_files(ctx), **schema_files(ctx, schemas_dir)}
    return SitePlan(ctx, generated_pages(ctx), dict(sorted(files.items())))

