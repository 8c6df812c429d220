"""What a renderer read of the knowledge base: the keys an incremental rebuild compares to decide what changed.

A key names one part of the knowledge base:

- ``("d", id)``: the document with this id (its frontmatter, kind and file), or that there is none;
- ``("in", id)``: the references to it (who links to it);
- ``("k", kind)``: every document of a kind;
- :data:`EVERYTHING`: the knowledge base as a whole (an iteration over every document).

:class:`KnowledgeBase` notes every key it answers for while a :class:`Reads` records; :class:`Memo` keeps, with
each value worked out once per build, the keys it was worked out from, and notes them again whenever the value
is taken, so that a page that finds a value ready depends on what it was made of.
"""

from __future__ import annotations

import threading
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Iterator

Key = tuple[str, ...]
EVERYTHING: Key = ("all",)


class Reads(threading.local):
    """A stack of open recordings; a key read is noted in the innermost one, which its opener merges outwards.

    One stack per thread: what a thread beside the build reads (the search records) is no page's.
    """

    def __init__(self) -> None:
        self._frames: list[tuple[object, set[Key]]] = []

    def note(self, *keys: Key) -> None:
        """Note that ``keys`` were read (nothing while nothing records)."""
        if self._frames:
            self._frames[-1][1].update(keys)

    @contextmanager
    def recording(self) -> Iterator[set[Key]]:
        """Record what is read inside the block; the set is complete once the block has ended."""
        found = self.open()
        try:
            yield found
        finally:
            self.close(found)

    def open(self, tag: object = None) -> set[Key]:
        """Start a recording (``tag`` names what it is for, see :meth:`close_for`); it fills until :meth:`close`."""
        found: set[Key] = set()
        self._frames.append((tag, found))
        return found

    def close(self, found: set[Key]) -> None:
        """Close the recording ``found`` and every one opened inside it and left open, merged into the one outside."""
        while self._frames:
            _, frame = self._frames.pop()
            if frame is not found:
                found |= frame
                continue
            if self._frames:
                self._frames[-1][1].update(found)
            return

    def close_for(self, tag: object) -> set[Key] | None:
        """Close the innermost recording opened for ``tag``: what it read; None when none is open."""
        for tag_, frame in reversed(self._frames):
            if tag_ == tag:
                self.close(frame)
                return frame
        return None


class Memo(dict):  # type: ignore[type-arg]
    """Values worked out once per build, each with the keys it read; taking a value notes them again.

    Used as ``if key not in memo: memo[key] = work(); return memo[key]``: a miss opens a recording
    for the key, storing the value closes it. A value stored without a miss first counts as made of
    everything.
    """

    def __init__(self, reads: Reads) -> None:
        super().__init__()
        self._reads = reads
        self._made_of: dict[Any, frozenset[Key]] = {}

    def __contains__(self, key: object) -> bool:
        found = super().__contains__(key)
        if not found:
            self._reads.open(("memo", key))
        return found

    def __setitem__(self, key: Any, value: Any) -> None:
        made_of = self._reads.close_for(("memo", key))
        self._made_of[key] = frozenset(made_of) if made_of is not None else frozenset({EVERYTHING})
        super().__setitem__(key, value)

    def __getitem__(self, key: Any) -> Any:
        value = super().__getitem__(key)
        self._reads.note(*self._made_of.get(key, (EVERYTHING,)))
        return value

    def get(self, key: Any, default: Any = None) -> Any:
        """The value, noting what it is made of, or ``default``."""
        return self[key] if super().__contains__(key) else default


class RecordedDocuments(dict):  # type: ignore[type-arg]
    """The knowledge base's documents by id, noting each one looked up and any walk over all of them."""

    def __init__(self, documents: dict[str, Any], reads: Reads) -> None:
        super().__init__(documents)
        self._reads = reads

    def __getitem__(self, doc_id: str) -> Any:
        self._reads.note(("d", doc_id))
        return super().__getitem__(doc_id)

    def get(self, doc_id: str, default: Any = None) -> Any:
        """The document with this id, or ``default`` (noted either way: its absence was read)."""
        self._reads.note(("d", doc_id))
        return super().get(doc_id, default)

    def __contains__(self, doc_id: object) -> bool:
        self._reads.note(("d", str(doc_id)))
        return super().__contains__(doc_id)

    def __iter__(self) -> Iterator[str]:
        self._reads.note(EVERYTHING)
        return super().__iter__()

    def __len__(self) -> int:
        self._reads.note(EVERYTHING)
        return super().__len__()

    def keys(self) -> Any:
        """Every id (a walk over all documents)."""
        self._reads.note(EVERYTHING)
        return super().keys()

    def values(self) -> Any:
        """Every document (a walk over all of them)."""
        self._reads.note(EVERYTHING)
        return super().values()

    def items(self) -> Any:
        """Every (id, document) (a walk over all of them)."""
        self._reads.note(EVERYTHING)
        return super().items()
