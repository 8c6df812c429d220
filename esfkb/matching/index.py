"""What the matcher knows of every registration, computed once per knowledge base.

Ranking thousands of registrations for a pilot must be instant, so everything that does not depend
on the pilot — the profile of each registration, its text vectors, and per economy an inverted
index from term to the registrations that offer or seek it — is built once and cached for the
lifetime of the loaded knowledge base.
"""

from __future__ import annotations

import difflib
import weakref
from array import array
from dataclasses import dataclass
from typing import TYPE_CHECKING

from esfkb.errors import MatchingError, UnknownDocumentError
from esfkb.i18n import _
from esfkb.matching.textfit import TextModel, cosine, normalise
from esfkb.model.fields import province_of
from esfkb.model.models import Refusal, Registratie
from esfkb.model.vocabulary import Doeleinde, Economie, Registratiestatus

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence
    from datetime import date

    from esfkb.base.knowledge_base import KnowledgeBase
    from esfkb.config import Settings
    from esfkb.matching.textfit import Vector
    from esfkb.model.vocabulary import Erkenning, Provincie, Samenwerkingsvorm, WinwinNiveau

SIDES = frozenset({Economie.SOCIALE_ECONOMIE, Economie.REGULIERE_ECONOMIE})
"""The two sides a pilot brings together; public sector and intermediaries belong to neither."""


def opposed(one: Economie, other: Economie) -> bool:
    """Whether an offer of one may answer a need of the other: not both on the same side."""
    return one != other or one not in SIDES


@dataclass(frozen=True, slots=True, eq=False)
class Profile:
    """The facts of one registration that matching uses, with its aanbod and vraag as vectors."""

    index: int
    id: str
    naam: str
    economie: Economie
    erkenningen: frozenset[Erkenning]
    postcode: int
    region: int
    """The postcode region: the first two digits of the postcode (3600 → 36)."""
    gemeente: str
    place: str
    """The municipality, normalised for comparison."""
    provincie: Provincie
    nace: tuple[str, ...]
    vormen: frozenset[Samenwerkingsvorm]
    winwin: frozenset[WinwinNiveau]
    aanbod: tuple[str, ...]
    vraag: tuple[str, ...]
    offers: tuple[Vector, ...]
    """One vector per aanbod phrase."""
    needs: tuple[Vector, ...]
    """One vector per vraag phrase."""
    registration: Registratie

    def consent_problem(self, today: date) -> str | None:
        """Why this registration may not be part of a pilot (consent, withdrawal, retention), or None."""
        reg = self.registration
        refusal = reg.refusal(Doeleinde.SAMENSTELLING_PROEFTUIN, today)
        if refusal is Refusal.CONSENT_WITHDRAWN:
            return _("withdrew its consent on {date}").format(date=reg.toestemming.ingetrokken_op)
        if refusal is Refusal.REGISTRATION_WITHDRAWN:
            return _("withdrew its registration")
        if refusal is Refusal.NO_CONSENT:
            return _("gave no consent to the composition of a pilot")
        if refusal is Refusal.EXPIRED:
            return _("may no longer be kept (bewaren_tot {date})").format(date=reg.bewaren_tot)
        return None

    def usable(self, today: date) -> bool:
        """Whether this registration may be part of a pilot on ``today`` (consent, withdrawal, retention)."""
        return self.registration.usable_for(Doeleinde.SAMENSTELLING_PROEFTUIN, today)

    def approachable(self, today: date) -> bool:
        """Whether a matchmaker may propose this organisation for a pilot."""
        return self.registration.status != Registratiestatus.NIET_WEERHOUDEN and self.usable(today)


class _Postings:
    """Per economy, term → (phrase slots, weights): which registrations' phrases hold a term, how strongly.

    Phrase k of registration i sits in slot ``i * width + k``, so that the best phrase of every
    registration is the element-wise maximum of ``width`` strided slices: no Python loop per phrase.
    """

    def __init__(self, profiles: Sequence[Profile], width: int, needs: bool) -> None:
        self.width = width
        self.by_economy: dict[Economie, dict[str, tuple[array[int], array[float]]]] = {e: {} for e in Economie}
        for profile in profiles:
            postings = self.by_economy[profile.economie]
            for k, vector in enumerate(profile.needs if needs else profile.offers):
                slot = profile.index * width + k
                for term, weight in vector.items():
                    entry = postings.get(term)
                    if entry is None:
                        entry = postings[term] = (array("i"), array("d"))
                    entry[0].append(slot)
                    entry[1].append(weight)

    def best(self, best: list[float], query: Vector, economies: Sequence[Economie]) -> list[float]:
        """``best`` raised, per registration, to the cosine of its best phrase with ``query``."""
        if not query:
            return best
        width = self.width
        scores = [0.0] * (len(best) * width)
        for economie in economies:
            by_term = self.by_economy[economie]
            for term, weight in query.items():
                entry = by_term.get(term)
                if entry is not None:
                    for slot, other in zip(*entry, strict=True):
                        scores[slot] += weight * other
        per_registration = scores if width == 1 else list(map(max, *(scores[k::width] for k in range(width))))
        return list(map(max, best, per_registration))


class MatchIndex:
    """Profiles of every valid registration, and the text model and postings built from them."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.settings: Settings = kb.project.settings
        registrations = [(d.id, d.model) for d in kb.of_kind("registratie") if isinstance(d.model, Registratie)]
        self.text = TextModel([reg.aanbod for _, reg in registrations] + [reg.vraag for _, reg in registrations])
        self.profiles: tuple[Profile, ...] = tuple(
            Profile(
                index=i, id=doc_id, naam=reg.naam, economie=reg.economie, erkenningen=frozenset(reg.erkenningen),
                postcode=reg.postcode, region=reg.postcode // 100, gemeente=reg.gemeente,
                place=normalise(reg.gemeente.strip()), provincie=province_of(reg.postcode),
                nace=tuple(reg.nace), vormen=frozenset(reg.interesse_samenwerkingsvormen),
                winwin=frozenset(reg.interesse_winwin), aanbod=tuple(reg.aanbod), vraag=tuple(reg.vraag),
                offers=tuple(self.text.vector([a]) for a in reg.aanbod),
                needs=tuple(self.text.vector([v]) for v in reg.vraag), registration=reg,
            )
            for i, (doc_id, reg) in enumerate(registrations)
        )
        self.by_id = {p.id: p for p in self.profiles}
        width = max((max(len(p.offers), len(p.needs)) for p in self.profiles), default=1) or 1
        self._offers = _Postings(self.profiles, width, needs=False)
        self._needs = _Postings(self.profiles, width, needs=True)
        self._approachable: dict[date, tuple[bool, ...]] = {}

    def profile(self, doc_id: str) -> Profile:
        """The profile of registration ``doc_id``; a clear error when there is none."""
        found = self.by_id.get(doc_id)
        if found is not None:
            return found
        document = self.kb.get(doc_id)
        if document is None:
            suggestion = did_you_mean(doc_id, self.by_id)
            raise UnknownDocumentError(_("'{id}' is not the id of any registration{suggestion}").format(
                id=doc_id, suggestion=suggestion))
        if document.kind.name != "registratie":
            raise UnknownDocumentError(_("'{id}' is a {kind}, not a registration").format(
                id=doc_id, kind=document.kind.name))
        raise MatchingError(_("registration '{id}' has schema errors: run 'esfkb validate {path}'").format(
            id=doc_id, path=document.rel_path))

    def approachable(self, today: date) -> tuple[bool, ...]:
        """Per registration index, whether it may be proposed on ``today`` (kept per date)."""
        flags = self._approachable.get(today)
        if flags is None:
            flags = self._approachable[today] = tuple(p.approachable(today) for p in self.profiles)
        return flags

    def text_fits(self, participants: Sequence[Profile]) -> tuple[list[float], list[float]]:
        """Per registration index, its best text fit with any participant of the other side.

        Returns (offers, seeks): the cosine of the best pair of one of the registration's aanbod
        phrases with a participant's vraag phrase, and of its vraag with a participant's aanbod.
        Walks the inverted index from the participants' terms, so the cost grows with the
        registrations that share a term, not with the size of the base.
        """
        offers = seeks = [0.0] * len(self.profiles)
        for participant in participants:
            economies = [e for e in Economie if opposed(e, participant.economie)]
            for need in participant.needs:
                offers = self._offers.best(offers, need, economies)
            for offer in participant.offers:
                seeks = self._needs.best(seeks, offer, economies)
        return offers, seeks

    @staticmethod
    def text_fit(candidate: Profile, participants: Sequence[Profile]) -> tuple[float, float]:
        """The same fits as :meth:`text_fits`, for one registration."""
        offer = seek = 0.0
        for participant in participants:
            if opposed(candidate.economie, participant.economie):
                offer = max(offer, *(cosine(a, v) for a in candidate.offers for v in participant.needs), 0.0)
                seek = max(seek, *(cosine(v, a) for v in candidate.needs for a in participant.offers), 0.0)
        return offer, seek


def did_you_mean(value: str, known: Iterable[str]) -> str:
    """': did you mean 'x'?' for the closest known id, or nothing."""
    close = difflib.get_close_matches(value, list(known), n=1)
    return _(": did you mean '{id}'?").format(id=close[0]) if close else ""


_INDEXES: weakref.WeakKeyDictionary[KnowledgeBase, MatchIndex] = weakref.WeakKeyDictionary()


def match_index(kb: KnowledgeBase) -> MatchIndex:
    """The match index of ``kb``, built on first use and kept as long as ``kb`` lives."""
    index = _INDEXES.get(kb)
    if index is None:
        index = _INDEXES[kb] = MatchIndex(kb)
    return index
