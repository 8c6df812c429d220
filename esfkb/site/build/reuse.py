"""Which pages a rebuild can take as the previous build wrote them: incremental rebuilds in ``mkdocs serve``.

A page is rendered from its own source and metadata, and from what its views read of the knowledge
base, recorded key by key while it renders (:mod:`esfkb.base.reads`: a document, the references to
one, all documents of a kind, all of them). Between two builds the knowledge base changes in a few
keys (:func:`changed_keys`): a page none of whose keys changed, with the same source and metadata,
under the same site-wide state (the generator's configuration, theme, navigation, the published set
of files, the date: :attr:`Outside`), is the page it was. Anything that cannot be compared key by key
rebuilds everything: duplicate ids, a file added, removed or renamed, another configuration.

The same holds for the site's data files (:meth:`Reuse.content`). The previous build's outputs are
kept by whoever renders them (the plugin); this module only keeps what they were made of.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from esfkb.base.reads import EVERYTHING, Key, Memo, Reads

if TYPE_CHECKING:
    from collections.abc import Callable, Hashable

    from esfkb.base.knowledge_base import KnowledgeBase
    from esfkb.model.frontmatter import ParsedFile
    from esfkb.site.plan import SitePlan


@dataclass(frozen=True, slots=True)
class _Known:
    """What one document was in a build: its parse (the parse cache keeps the same object while the file
    stays the same), its kind and the ids it referenced."""

    parsed: ParsedFile
    kind: str
    targets: frozenset[str]


@dataclass(frozen=True, slots=True)
class Snapshot:
    """The knowledge base as one build saw it, to compare the next build's with."""

    outside: Hashable
    documents: dict[str, _Known]

    @classmethod
    def of(cls, kb: KnowledgeBase, outside: Hashable) -> Snapshot:
        """What ``kb`` holds, by id, under the site-wide state ``outside``."""
        return cls(outside, {d.id: _Known(d.parsed, d.kind.name, frozenset(link.target for link in kb.links_from(d.id)))
                             for d in kb.documents.values()})


def _front(parsed: ParsedFile) -> tuple[Any, ...]:
    """A parse's frontmatter and problems: what other pages may read of a document (its body is its own page's)."""
    return parsed.data, [(p.code, p.position, p.message) for p in parsed.problems]


def changed_keys(before: Snapshot, after: Snapshot) -> frozenset[Key]:
    """The keys (:mod:`esfkb.base.reads`) whose answer differs between two builds' knowledge bases."""
    changed: set[Key] = set()
    for doc_id in before.documents.keys() | after.documents.keys():
        old, new = before.documents.get(doc_id), after.documents.get(doc_id)
        if old is not None and new is not None and (old.parsed is new.parsed
                                                    or _front(old.parsed) == _front(new.parsed)):
            continue
        changed.update({("d", doc_id), EVERYTHING})
        for known in (old, new):
            if known is not None:
                changed.add(("k", known.kind))
                changed.update(("in", target) for target in known.targets)
    return frozenset(changed)


@dataclass(slots=True)
class _Made:
    """What one page or data file of a build was made of."""

    inputs: Hashable
    """Its own source and metadata (pages), or nothing (data files)."""
    keys: frozenset[Key]


@dataclass
class Reuse:
    """The pages and data files of the last build and what each was made of; the plugin keeps their outputs."""

    reads: Reads = field(default_factory=Reads)
    _before: Snapshot | None = None
    _made: dict[str, _Made] = field(default_factory=dict)
    _changed: frozenset[Key] | None = None
    """The keys that changed since the last build; None: everything is built anew."""
    _now: Snapshot | None = None
    _open: dict[str, tuple[Hashable, set[Key]]] = field(default_factory=dict)
    _built: set[str] = field(default_factory=set)

    def begin(self, plan: SitePlan, outside: Hashable) -> None:
        """Start a build of ``plan`` under the site-wide state ``outside``: what changed since the last one."""
        kb = plan.ctx.kb
        self.reads = Reads()
        kb.record(self.reads)
        plan.ctx.memo = Memo(self.reads)  # values worked out from now on know what they were made of
        site_wide = (outside, frozenset(plan.ctx.by_src), plan.ctx.hidden, object() if kb.duplicates else None)
        self._now = Snapshot.of(kb, site_wide)
        before, self._before = self._before, None
        comparable = before is not None and before.outside == self._now.outside
        self._changed = changed_keys(before, self._now) if comparable and before is not None else None
        if self._changed is None:
            self._made.clear()
        self._open.clear()
        self._built = set()

    @property
    def changed(self) -> frozenset[Key] | None:
        """The keys that changed since the last build; None when everything is built anew."""
        return self._changed

    def unchanged(self, name: str, inputs: Hashable) -> bool:
        """Whether the page or data file ``name``, from ``inputs``, is what the last build made of it."""
        made = self._made.get(name)
        if self._changed is None or made is None or made.inputs != inputs or not made.keys.isdisjoint(self._changed):
            return False
        self._built.add(name)
        return True

    def start(self, name: str, inputs: Hashable) -> None:
        """Start recording what ``name`` is made of (until :meth:`finish`)."""
        self._open[name] = (inputs, self.reads.open(name))

    def finish(self, name: str) -> None:
        """``name`` is made: keep what it read, for the next build."""
        inputs, found = self._open.pop(name)
        self.reads.close(found)
        self._made[name] = _Made(inputs, frozenset(found))
        self._built.add(name)

    def content(self, name: str, work: Callable[[], str], previous: str | None) -> str:
        """A data file's content: ``previous`` when nothing it read changed, else worked out (and recorded).

        One that read nothing of the knowledge base comes from elsewhere (a committed JSON Schema): it is read again.
        """
        made = self._made.get(name)
        if previous is not None and made is not None and made.keys and self.unchanged(name, None):
            return previous
        self.start(name, None)
        try:
            return work()
        finally:
            self.finish(name)

    def done(self) -> None:
        """The build succeeded: the next one compares with it; what it did not make is forgotten."""
        for name in set(self._made) - self._built:
            del self._made[name]
        self._before, self._now = self._now, None

    def forget(self) -> None:
        """The build failed: the next one builds everything anew."""
        self._before = self._now = None
        self._made.clear()
