"""Matchmaking: which registrations would improve a pilot, and why (issue 9).

The knowledge base holds what a matchmaker needs to compose a pilot that is mixed, balanced and
workable: who registered, on which side, where, in which sector, with which interests, and what
each offers and seeks. This package turns that into ranked, explained suggestions:

- :func:`suggest` — registrations to approach for a pilot or a :class:`Draft`;
- :func:`site_suggestions` — the same for every pilot in verkenning or samenstelling, for the
  matchmakers edition of the site (never the public one: suggestions name organisations);
- :func:`match_registration` — pilots, partners and published business models for a registration;
- :func:`check_draft` — a draft judged against the composition rules, with what is missing.

Every function is deterministic: the date of "today" is an argument, ties go to the smaller id.
The index behind them is built once per loaded knowledge base (see :mod:`esfkb.matching.index`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from esfkb.errors import MatchingError, UnknownDocumentError
from esfkb.i18n import _, speaking
from esfkb.matching.draft import DraftCheck, resolve
from esfkb.matching.draft import check_draft as _check_draft
from esfkb.matching.index import MatchIndex, did_you_mean, match_index
from esfkb.matching.registration import Fit, RegistrationMatches, registration_matches
from esfkb.matching.scoring import Draft, PilotContext, Suggestion, Target, rank
from esfkb.model.models import Proeftuin
from esfkb.model.vocabulary import Proeftuinstatus

if TYPE_CHECKING:
    from datetime import date

    from esfkb.base.knowledge_base import KnowledgeBase

__all__ = [
    "SITE_STATUSES",
    "Draft",
    "DraftCheck",
    "Fit",
    "MatchIndex",
    "MatchingError",
    "RegistrationMatches",
    "Suggestion",
    "UnknownDocumentError",
    "check_draft",
    "match_index",
    "match_registration",
    "site_suggestions",
    "suggest",
]

SITE_STATUSES = (Proeftuinstatus.VERKENNING, Proeftuinstatus.SAMENSTELLING)
"""Pilots whose page in the matchmakers edition shows suggestions: those still being composed."""


def suggest(kb: KnowledgeBase, pilot: str | Draft, *, today: date, top: int | None = 10) -> tuple[Suggestion, ...]:
    """The registrations that would improve ``pilot`` (an id or a draft) most, best first.

    Arguments:
        kb: The loaded knowledge base.
        pilot: The id of a proeftuin, or a draft composition.
        today: The date consent and retention are judged on.
        top: How many suggestions at most (None: all with a positive score).

    Raises:
        UnknownDocumentError: ``pilot`` or a draft's participant is not the id of a pilot or registration.
        MatchingError: it is, but its file has schema errors.
    """
    index = match_index(kb)
    if isinstance(pilot, Draft):
        resolve(index, pilot)
        target = Target.of_draft(pilot)
    else:
        target = Target.of_pilot(_pilot(kb, pilot))
    return rank(index, PilotContext(index, target, today=today), today=today, top=top)


def site_suggestions(kb: KnowledgeBase, *, today: date, top: int = 5) -> dict[str, tuple[Suggestion, ...]]:
    """Pilot id → its top suggestions, for every valid pilot in verkenning or samenstelling.

    For the matchmakers edition only: suggestions name organisations and their reasons quote
    what other organisations offer and seek.
    """
    index = match_index(kb)
    found: dict[str, tuple[Suggestion, ...]] = {}
    with speaking("nl"):  # the site's reasons are Dutch, whatever language the build's log speaks
        for document in kb.of_kind("proeftuin"):
            model = document.model
            if isinstance(model, Proeftuin) and model.status in SITE_STATUSES:
                context = PilotContext(index, Target.of_pilot(model), today=today)
                found[document.id] = rank(index, context, today=today, top=top)
    return found


def match_registration(kb: KnowledgeBase, registratie: str, *, today: date,
                       top: int | None = 10) -> RegistrationMatches:
    """Pilots, partners of the other side and published business models that fit ``registratie``.

    Raises:
        UnknownDocumentError: ``registratie`` is not the id of a registration.
        MatchingError: it is, but its file has schema errors.
    """
    return registration_matches(match_index(kb), registratie, today=today, top=top)


def check_draft(kb: KnowledgeBase, draft: Draft, *, today: date) -> DraftCheck:
    """Whether ``draft`` is mixed, balanced and workable, what is missing and whose consent lacks.

    Raises:
        UnknownDocumentError: the draft names an id that is not a registration.
        MatchingError: it names one whose file has schema errors.
    """
    return _check_draft(match_index(kb), draft, today=today)


def _pilot(kb: KnowledgeBase, pilot_id: str) -> Proeftuin:
    document = kb.get(pilot_id)
    if document is None:
        raise UnknownDocumentError(_("'{id}' is not the id of any pilot{suggestion}").format(
            id=pilot_id, suggestion=did_you_mean(pilot_id, (d.id for d in kb.of_kind("proeftuin")))))
    if document.kind.name != "proeftuin":
        raise UnknownDocumentError(_("'{id}' is a {kind}, not a pilot (proeftuin)").format(
            id=pilot_id, kind=document.kind.name))
    if not isinstance(document.model, Proeftuin):
        raise MatchingError(_("pilot '{id}' has schema errors: run 'esfkb validate {path}'").format(
            id=pilot_id, path=document.rel_path))
    return document.model
