"""The knowledge base: every document indexed by id, references resolved, backlinks derived.

Each relation is stored on one side only (in the referencing document); the index derives the
other direction once, in one linear pass, and sorts everything it exposes.
"""

from __future__ import annotations

import gc
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from esfkb.base.loader import load_documents
from esfkb.base.reads import RecordedDocuments
from esfkb.model.fields import is_valid_id
from esfkb.model.kinds import ReferenceField, load_kinds

if TYPE_CHECKING:
    from collections.abc import Iterator

    from esfkb.base.docs_files import DocsFiles
    from esfkb.base.loader import ParseCache
    from esfkb.base.reads import Reads
    from esfkb.checks.diagnostics import Diagnostic
    from esfkb.config import Project
    from esfkb.model.documents import Document, Page
    from esfkb.model.frontmatter import Path
    from esfkb.model.kinds import KindRegistry


@dataclass(frozen=True, slots=True, order=True)
class Link:
    """A reference from ``source`` to ``target`` written at ``path`` of the source document."""

    source: str
    target: str
    path: Path
    target_kind: str

    @property
    def field(self) -> str:
        """The top-level key that holds the reference (e.g. ``deelnemers``)."""
        return str(self.path[0])


@dataclass(eq=False)
class KnowledgeBase:
    """Documents by id, pages, links both ways and the problems found while loading."""

    project: Project
    kinds: KindRegistry
    files: list[Document]
    pages: list[Page]
    docs: DocsFiles
    """What the docs folder holds besides the Markdown read into ``files`` and ``pages``: assets, links."""
    load_problems: list[Diagnostic]
    documents: dict[str, Document] = field(init=False)
    duplicates: list[tuple[Document, Document]] = field(init=False)
    links: list[Link] = field(init=False)
    _outgoing: dict[str, list[Link]] = field(init=False)
    _incoming: dict[str, list[Link]] = field(init=False)
    _by_id: dict[str, Document] = field(init=False)
    _reads: Reads | None = field(init=False, default=None)

    def __post_init__(self) -> None:
        self.documents = {}
        self.duplicates = []
        for document in self.files:
            first = self.documents.get(document.id)
            if first is None:
                self.documents[document.id] = document
            else:
                self.duplicates.append((document, first))
        self.documents = self._by_id = dict(sorted(self.documents.items()))
        self.links = sorted(
            link for document in self.documents.values() for link in _references(document)
        )
        self._outgoing = {}
        self._incoming = {}
        for link in self.links:
            self._outgoing.setdefault(link.source, []).append(link)
            self._incoming.setdefault(link.target, []).append(link)

    def record(self, reads: Reads) -> None:
        """From now on note in ``reads`` what is read (:mod:`esfkb.base.reads`), for an incremental rebuild."""
        self._reads = reads
        self.documents = RecordedDocuments(self._by_id, reads)

    def get(self, doc_id: str) -> Document | None:
        """The document with this id, if any."""
        if self._reads is not None:
            self._reads.note(("d", doc_id))
        return self._by_id.get(doc_id)

    def of_kind(self, kind: str) -> list[Document]:
        """The documents of one kind, sorted by id."""
        if self._reads is not None:
            self._reads.note(("k", kind))
        return [d for d in self._by_id.values() if d.kind.name == kind]

    def links_from(self, doc_id: str) -> list[Link]:
        """References written in the document, in path order."""
        found = self._outgoing.get(doc_id, [])
        if self._reads is not None:
            self._reads.note(("d", doc_id), *(("d", link.target) for link in found))
        return found

    def links_to(self, doc_id: str) -> list[Link]:
        """Backlinks: references from other documents to this one, sorted by source."""
        found = self._incoming.get(doc_id, [])
        if self._reads is not None:
            self._reads.note(("in", doc_id), *(("d", link.source) for link in found))
        return found

    def resolved(self, link: Link) -> Document | None:
        """The target of ``link`` when it exists and has the kind the field asks for."""
        if self._reads is not None:
            self._reads.note(("d", link.target))
        target = self._by_id.get(link.target)
        return target if target is not None and target.kind.name == link.target_kind else None

    def related(self, doc_id: str, field_name: str) -> list[Document]:
        """Existing documents referenced from ``field_name`` of the document, in order."""
        found = (self.resolved(link) for link in self.links_from(doc_id) if link.field == field_name)
        return [d for d in found if d is not None]

    def referencing(self, doc_id: str, kind: str) -> list[Document]:
        """Existing documents of ``kind`` that reference the document, sorted by id, once each."""
        sources = dict.fromkeys(link.source for link in self.links_to(doc_id))  # backlinks are sorted
        return [d for d in (self._by_id[s] for s in sources) if d.kind.name == kind]


def _references(document: Document) -> Iterator[Link]:
    for ref in document.kind.references:
        for path, value in _walk(document.data, ref, ()):
            if isinstance(value, str) and is_valid_id(value):  # malformed ids are schema errors
                yield Link(document.id, value, path, ref.target)


def _walk(value: Any, ref: ReferenceField, prefix: Path) -> Iterator[tuple[Path, Any]]:
    """Values at ``ref.path`` in raw data, expanding '*' and the list of a many-reference."""
    current: list[tuple[Path, Any]] = [(prefix, value)]
    for part in ref.path:
        step: list[tuple[Path, Any]] = []
        for path, item in current:
            if part == "*":
                if isinstance(item, list):
                    step.extend(((*path, i), sub) for i, sub in enumerate(item))
            elif isinstance(item, dict) and part in item:
                step.append(((*path, part), item[part]))
        current = step
    if ref.many:
        return iter([((*path, i), sub) for path, items in current if isinstance(items, list)
                     for i, sub in enumerate(items)])
    return iter(current)


def load_knowledge_base(
    project: Project, *, kinds: KindRegistry | None = None, cache: ParseCache | None = None
) -> KnowledgeBase:
    """Load every document of ``project`` and index it."""
    kinds = kinds or load_kinds()
    with _cyclic_gc_paused():
        documents, pages, docs, problems = load_documents(project, kinds, cache)
        return KnowledgeBase(project, kinds, documents, pages, docs, problems)


@contextmanager
def _cyclic_gc_paused() -> Iterator[None]:
    """Loading makes many long-lived objects and next to no garbage: Python's cyclic collector would
    walk the growing heap again and again, a cost that grows faster than the number of documents
    (a fifth of the load time at 10,000). Reference counting still frees everything as usual."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
