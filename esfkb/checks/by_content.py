"""Diagnostics of one text kept from one validation to the next while the text is the same.

``mkdocs serve`` validates the whole knowledge base on every save, and a save changes one file: a rule
that reads each document's text on its own (what the sanitizer would remove, contact data in it) finds
in every other one what it found before. :class:`ByContent` keeps, per rule, what the last validation
found by a key that holds the text; what the findings depend on across documents (which names are
withheld, the allow-lists, the Markdown configuration) is given for the whole validation, and a change
there finds everything anew.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from esfkb.i18n import _

if TYPE_CHECKING:
    from collections.abc import Callable, Hashable, Iterable

    from esfkb.checks.diagnostics import Diagnostic

_MISSING: Any = object()  # not (): the empty tuple is what most texts yield


class ByContent:
    """One rule's findings by key, for the validation that runs and the one before it (older ones are let go of)."""

    def __init__(self) -> None:
        self._depends_on: Hashable = None
        self._before: dict[Hashable, tuple[Diagnostic, ...]] = {}
        self._now: dict[Hashable, tuple[Diagnostic, ...]] = {}

    def begin(self, depends_on: Hashable) -> None:
        """A validation starts, whose findings depend on ``depends_on`` besides each text.

        What the last one found is kept for it if that was the same (and the messages' language too: the
        catalogue's header names it); what it does not use is let go of after it.
        """
        depends_on = (_(""), depends_on)
        self._before = self._now if depends_on == self._depends_on else {}
        self._depends_on, self._now = depends_on, {}

    def found(self, key: Hashable, work: Callable[[], Iterable[Diagnostic]]) -> tuple[Diagnostic, ...]:
        """What ``work`` finds for ``key`` (the text and where it is), found again only when the last validation
        did not find it."""
        found = self._now.get(key, _MISSING)
        if found is _MISSING:
            found = self._before.get(key, _MISSING)
        if found is _MISSING:
            found = tuple(work())
        self._now[key] = found
        return found
