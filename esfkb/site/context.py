"""What every renderer needs: the knowledge base, the audience, and where each document is published.

A document is published when the audience allows it (see :mod:`esfkb.site.audience`); every link
and listing goes through :meth:`SiteContext.published`, so a hidden registration cannot leak
through a relation, an overview or the API.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from esfkb.base.history import last_changed
from esfkb.site.audience import Audience, anonymous_label
from esfkb.site.html.markup import Html, el, esc, link
from esfkb.site.urls import page_url, relative_url

if TYPE_CHECKING:
    from datetime import date

    from esfkb.base.knowledge_base import KnowledgeBase
    from esfkb.model.documents import Document


UNREADABLE = frozenset({"ESF007", "ESF008", "ESF012"})
"""Parse problems that leave no text to publish (not UTF-8, too large, unreadable): such files get no page."""


def _readable(document: Document) -> bool:
    return not any(p.code in UNREADABLE for p in document.parsed.problems)


@dataclass(eq=False)
class SiteContext:
    """The knowledge base as one edition of the site sees it."""

    kb: KnowledgeBase
    audience: Audience = field(default_factory=Audience)
    directory_urls: bool = True
    by_src: dict[str, Document] = field(init=False)
    """Every document file by its docs-relative path (duplicates included)."""
    hidden: frozenset[str] = field(init=False)
    """Docs-relative paths of document files this edition must not build."""
    memo: dict[tuple[str, str], Any] = field(init=False)
    """Derived values computed once per build (facets, sorted listings), keyed by (what, id)."""
    updated: dict[str, date] = field(init=False)
    """When each document file last changed (:mod:`esfkb.base.history`: one git log for the whole base), by its
    docs-relative path; computed with the plan, before the build forks its helpers, which inherit it."""
    _src: dict[int, str] = field(init=False)
    _published: set[int] = field(init=False)

    def __post_init__(self) -> None:
        docs_dir = self.kb.project.docs_dir
        self.by_src = {}
        self.memo = {}
        for document in self.kb.files:
            try:
                src = document.file.relative_to(docs_dir).as_posix()
            except ValueError:
                continue
            self.by_src[src] = document
        self._src = {id(d): s for s, d in self.by_src.items()}
        self._published = {id(d) for d in self.kb.files if self.audience.publishes(d) and _readable(d)}
        self.hidden = frozenset(s for s, d in self.by_src.items() if id(d) not in self._published)
        self.updated = last_changed(docs_dir, self.by_src)

    def published(self, document: Document | None) -> bool:
        """Whether the document has a page in this edition."""
        return document is not None and id(document) in self._published

    def documents(self, kind: str) -> list[Document]:
        """Published, valid documents of ``kind``, sorted by title then id."""
        key = ("documents", kind)
        if key not in self.memo:
            found = [d for d in self.kb.of_kind(kind) if d.valid and self.published(d)]
            self.memo[key] = sorted(found, key=lambda d: (d.title.casefold(), d.id))
        return list(self.memo[key])

    def src_uri(self, document: Document) -> str:
        """The docs-relative path of the document's file."""
        return self._src[id(document)]

    def url(self, document: Document) -> str:
        """The site-relative URL of the document's page."""
        return page_url(self.src_uri(document), directory_urls=self.directory_urls)

    def page(self, src_uri: str) -> str:
        """The site-relative URL of any page by its docs-relative path."""
        return page_url(src_uri, directory_urls=self.directory_urls)

    def href(self, target_url: str, here: str) -> str:
        """``target_url`` (site-relative) relative to the page at ``here``."""
        return relative_url(target_url, here)

    def ref(self, document: Document | None, here: str, *, fallback: str = "") -> Html:
        """A link to the document with its title, or the anonymous label of a hidden registration."""
        if document is None:
            return esc(fallback)
        if not self.published(document):
            return el("span", anonymous_label(document), class_="esfkb-anonymous")
        return link(self.href(self.url(document), here), document.title)
