"""Section headings as the site's Markdown renders its own: the same ids, permalinks and table of contents.

The views of a page and their headings are placed once its Markdown is HTML: in the Markdown, a
document page's four section headings made its conversion a fifth slower. So each heading text is
rendered once per build by a Markdown processor with the site's own extensions and settings, and
each page gets it with an id of its own: one the page's own headings and anchors do not use yet.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import markdown
from markdown.extensions.toc import unique
from mkdocs.structure.toc import AnchorLink

from esfkb.site.html.markup import esc
from esfkb.site.sections import title_end

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.pages import Page

LEVEL = 2
"""Section headings are second-level: under the page's title."""
_ID_RE = re.compile(r'\bid="([^"]*)"')


@dataclass(frozen=True, slots=True)
class _Rendered:
    html: str
    anchor: str | None
    """The heading's id, if the site's Markdown gives headings one."""
    toc_title: str | None
    """Its text in the table of contents, if the site's table of contents lists it."""
    level: int


class Headings:
    """Section headings rendered by the site's Markdown settings, each text once per build."""

    def __init__(self, config: MkDocsConfig) -> None:
        self._extensions = config.markdown_extensions
        self._configs = config.mdx_configs or {}
        self._rendered: dict[str, _Rendered] = {}

    def for_page(self, page: Page, html: str) -> PageHeadings:
        """The headings of one page (its ``html`` as Markdown made it), with ids its own anchors leave free."""
        return PageHeadings(self, set(page.present_anchor_ids or ()), titled=title_end(html) > 0)

    def rendered(self, text: str) -> _Rendered:
        """The heading for ``text``, rendered the first time it is asked for."""
        found = self._rendered.get(text)
        if found is None:
            found = self._rendered[text] = self._render(text)
        return found

    def _render(self, text: str) -> _Rendered:
        processor = markdown.Markdown(extensions=self._extensions, extension_configs=self._configs)
        html = processor.convert(f"{'#' * LEVEL} {esc(text)}")
        anchor = _ID_RE.search(html)
        tokens = getattr(processor, "toc_tokens", [])
        token = tokens[0] if tokens else None
        return _Rendered(html, anchor.group(1) if anchor else None,
                         token["name"] if token else None, token["level"] if token else LEVEL)


@dataclass
class PageHeadings:
    """The section headings placed on one page, to be added to its anchors and table of contents."""

    headings: Headings
    taken: set[str]
    """The page's anchor ids, ours included as they are given out."""
    titled: bool
    """Whether the page's HTML starts with its title heading, which the views before the body follow."""
    before: list[AnchorLink] = field(default_factory=list)
    after: list[AnchorLink] = field(default_factory=list)

    def __call__(self, text: str, before_body: bool) -> str:
        """The heading's HTML, under an id that is unique on this page."""
        rendered = self.headings.rendered(text)
        html, anchor = rendered.html, rendered.anchor
        if anchor is None:
            return html
        own = unique(anchor, self.taken)
        if own != anchor:
            html = html.replace(f'"{anchor}"', f'"{own}"').replace(f'"#{anchor}"', f'"#{own}"')
        if rendered.toc_title is not None:
            (self.before if before_body else self.after).append(AnchorLink(rendered.toc_title, own, rendered.level))
        return html

    def apply(self, page: Page) -> None:
        """Make the headings linkable (anchor validation) and list them in the page's table of contents.

        They nest as Markdown would nest them: those before the body under the page's title when
        its HTML starts with one, those after it under its last first-level heading.
        """
        if page.present_anchor_ids is not None:
            page.present_anchor_ids |= self.taken
        if not (self.before or self.after) or page.toc is None:
            return
        items = page.toc.items
        first = items[0].children if self.titled and items and items[0].level < LEVEL else items
        first[:0] = self.before
        last = items[-1].children if items and items[-1].level < LEVEL else items
        last.extend(self.after)
