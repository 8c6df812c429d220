"""Matches seen from one registration: which pilots, partners and business models fit it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from esfkb.i18n import _
from esfkb.matching.index import SIDES
from esfkb.matching.scoring import PilotContext, Suggestion, Target, join_labels, rank
from esfkb.model.models import Businessmodel, Proeftuin
from esfkb.model.vocabulary import Economie, Engagement, Maturiteit, Proeftuinstatus, Publicatiestatus

if TYPE_CHECKING:
    from collections.abc import Sequence
    from datetime import date

    from esfkb.matching.index import MatchIndex, Profile
    from esfkb.model.vocabulary import Erkenning, Samenwerkingsvorm

OPEN_STATUSES = (Proeftuinstatus.VERKENNING, Proeftuinstatus.SAMENSTELLING, Proeftuinstatus.ONTWERP)
"""Pilots that may still take a participant on board."""

MODEL_FORM = 2.0
MODEL_WINWIN = 1.0
MODEL_WINWIN_MAX = 2.0
MODEL_PROVEN = 0.25
_PROVEN = (Maturiteit.HERHAALD, Maturiteit.OPGESCHAALD)


@dataclass(frozen=True, slots=True)
class Fit:
    """A pilot or a business model that fits a registration, and why."""

    id: str
    titel: str
    score: float
    reasons: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class RegistrationMatches:
    """Everything that fits one registration; ``blocked`` says why it may not be approached."""

    registratie: str
    naam: str
    economie: Economie
    blocked: str | None
    pilots: tuple[Fit, ...]
    partners: tuple[Suggestion, ...]
    models: tuple[Fit, ...]


class PartnerContext(PilotContext):
    """Partners for one registration: the other side only, judged without a pilot's composition."""

    def __init__(self, index: MatchIndex, me: Profile, *, today: date) -> None:
        self.me = me
        vormen = tuple(me.registration.interesse_samenwerkingsvormen)
        super().__init__(index, Target(((me.id, Engagement.INTERESSE),), None, vormen), today=today)

    def _side_effect(self, economie: Economie) -> tuple[float, tuple[str, ...]]:
        return 0.0, ()

    def admits(self, profile: Profile) -> bool:
        return profile.economie in SIDES and profile.economie != self.me.economie

    def _recognition_reason(self, vorm: Samenwerkingsvorm, erkenning: Erkenning) -> str:
        return _("Is recognised as {recognition}, which the samenwerkingsvorm {form} needs.").format(
            recognition=erkenning.label.lower(), form=vorm.label.lower())

    def _interest_reason(self, shared: Sequence[Samenwerkingsvorm]) -> str:
        return _("Is also interested in {forms}, like {name}.").format(forms=join_labels(shared), name=self.me.naam)


def registration_matches(index: MatchIndex, doc_id: str, *, today: date, top: int | None) -> RegistrationMatches:
    """Pilots (in verkenning, samenstelling or ontwerp), partners and published models for ``doc_id``."""
    me = index.profile(doc_id)
    problem = me.consent_problem(today)
    if problem is None and not me.approachable(today):
        problem = _("was not retained (niet weerhouden)")
    blocked = _("{name} may not be proposed: {problem}.").format(name=me.naam, problem=problem) if problem else None
    pilots: tuple[Fit, ...] = ()
    partners: tuple[Suggestion, ...] = ()
    if blocked is None:
        pilots = _pilots(index, me, today)[:top]
        partners = rank(index, PartnerContext(index, me, today=today), today=today, top=top)
    return RegistrationMatches(me.id, me.naam, me.economie, blocked, pilots, partners, _models(index, me)[:top])


def _pilots(index: MatchIndex, me: Profile, today: date) -> tuple[Fit, ...]:
    fits = []
    for document in index.kb.of_kind("proeftuin"):
        pilot = document.model
        if not isinstance(pilot, Proeftuin) or pilot.status not in OPEN_STATUSES:
            continue
        context = PilotContext(index, Target.of_pilot(pilot), today=today)
        if me.id in context.excluded:
            continue
        offer, seek = index.text_fit(me, context.active)
        reasons: list[str] = []
        score = context.score(me, offer, seek, reasons)
        if score > 0:
            fits.append(Fit(document.id, document.title, round(score, 3), tuple(reasons)))
    return tuple(sorted(fits, key=lambda f: (-f.score, f.id)))


def _models(index: MatchIndex, me: Profile) -> tuple[Fit, ...]:
    fits = []
    for document in index.kb.of_kind("businessmodel"):
        model = document.model
        if not isinstance(model, Businessmodel) or model.status != Publicatiestatus.GEPUBLICEERD:
            continue
        score, reasons = 0.0, []
        if model.samenwerkingsvorm in me.vormen:
            score += MODEL_FORM
            reasons.append(_("Fits the interest in {form}.").format(form=model.samenwerkingsvorm.label))
        if me.economie is Economie.SOCIALE_ECONOMIE:
            offered, reason = model.winwin.sociale_partner, _(
                "Gives the social partner the win-win the organisation seeks: {levels}.")
        elif me.economie is Economie.REGULIERE_ECONOMIE:
            offered, reason = model.winwin.reguliere_partner, _(
                "Gives the regular partner the win-win the organisation seeks: {levels}.")
        else:
            offered, reason = [*model.winwin.sociale_partner, *model.winwin.reguliere_partner], _(
                "Gives the partners the win-win the organisation seeks: {levels}.")
        shared = [level for level in dict.fromkeys(offered) if level in me.winwin]
        if shared:
            score += min(MODEL_WINWIN * len(shared), MODEL_WINWIN_MAX)
            reasons.append(reason.format(levels=join_labels(shared)))
        if score and model.maturiteit in _PROVEN:
            score += MODEL_PROVEN
            reasons.append(_("Proven: maturiteit {maturity}.").format(maturity=model.maturiteit.label.lower()))
        if score > 0:
            fits.append(Fit(document.id, document.title, round(score, 3), tuple(reasons)))
    return tuple(sorted(fits, key=lambda f: (-f.score, f.id)))
