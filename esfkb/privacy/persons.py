"""Organisations named after a person ("Bakkerij Peeters bv", "Jan Peeters Dakwerken"): the rule of #17.

The import compares an organisation's name with its contact person's name (:func:`person_in_name`) and
records a match in the public registration file (``naam_bevat_persoonsnaam``), so that the rule holds
the same way with or without the private contacts file: such a name is published only with consent
for ``publicatie_organisatieprofiel`` (the public edition withholds every other registration's name
anyway); where content names it without that consent, validate reports it (ESF408), because there
the site cannot withhold it; and the leak scan takes a contact person's name inside a consented,
flagged organisation name for that name, and everywhere else for a leak.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING

from esfkb.model.models import Registratie
from esfkb.model.vocabulary import Doeleinde

if TYPE_CHECKING:
    from collections.abc import Iterator
    from datetime import date

    from esfkb.base.knowledge_base import KnowledgeBase
    from esfkb.model.documents import Document

_WORD_RE = re.compile(r"[^\W\d_]+")
_PARTICLES = frozenset({"van", "von", "der", "den", "de", "het", "ter", "ten", "te", "le", "la", "du", "des", "di",
                        "vander", "vanden", "vande", "op", "in", "t"})
"""Parts of a family name that say nothing by themselves ("Van den Bossche", "De Smet")."""
MIN_WORD = 3
"""Shorter words of a person's name (An, Bo) are too often part of other words' meaning to count."""


def _fold(name: str) -> str:
    """A name's word without case and accents, to compare it with another's."""
    return "".join(c for c in unicodedata.normalize("NFKD", name.casefold()) if not unicodedata.combining(c))


def person_in_name(organisation: str, person: str) -> str | None:
    """The words of ``person``'s name that ``organisation``'s name contains, or None when it names no one.

    A word counts when it is a given or family name of at least :data:`MIN_WORD` letters that is no particle,
    found as a whole word whatever its case or accents: "Jan Peeters" is in "Bakkerij Peeters bv", in
    "JAN PEETERS DAKWERKEN" and in "J. Peeters bvba"; "An Bakker" is not in "Bakkerij Claes".
    """
    words = {_fold(word) for word in _WORD_RE.findall(organisation)}
    found = [w for w in _WORD_RE.findall(person)
             if len(w) >= MIN_WORD and _fold(w) not in _PARTICLES and _fold(w) in words]
    return " ".join(dict.fromkeys(found)) or None


def names_of_persons(kb: KnowledgeBase, today: date) -> list[tuple[Document, str, bool]]:
    """The registrations whose name names a person: each with that name and whether it may be published on ``today``."""
    return [
        (d, d.model.naam, d.model.usable_for(Doeleinde.PUBLICATIE_ORGANISATIEPROFIEL, today))
        for d in kb.of_kind("registratie") if isinstance(d.model, Registratie) and d.model.naam_bevat_persoonsnaam
    ]


def publishable_names(kb: KnowledgeBase, today: date) -> list[str]:
    """The names of persons that the public edition publishes as organisations' names, with their consent."""
    return [name for _, name, published in names_of_persons(kb, today) if published]


@dataclass(frozen=True, slots=True)
class WrittenName:
    """How to find an organisation's name in a text: its words, whole, in any case, with any spacing between."""

    name: str
    key: str
    """Its longest word in lower case: a text without it (a substring search) cannot hold the name."""
    pattern: re.Pattern[str]

    @classmethod
    def of(cls, name: str) -> WrittenName:
        """The name as :func:`esfkb.privacy.reading.read`'s text may hold it."""
        words = _WORD_RE.findall(name) or [name]
        return cls(name, max(words, key=len).lower(),
                   re.compile(r"(?<!\w)" + r"\W+".join(map(re.escape, words)) + r"(?!\w)", re.IGNORECASE))

    def offsets(self, text: str, lowered: str) -> Iterator[int]:
        """Where the name starts in ``text`` (``lowered``: the same in lower case)."""
        if self.key in lowered:
            yield from (match.start() for match in self.pattern.finditer(text))
