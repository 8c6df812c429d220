"""Score how much a registration would improve a pilot, with the reasons a matchmaker can check.

A score is a sum of points, each tied to one fact and one sentence (in the tool's language; on the site in
Dutch). What repairs a broken composition rule outweighs everything that only makes a good pilot better:

- composition (esfkb.matching.composition, thresholds from the settings): bringing in the missing side
  (+5), restoring the balance (+3) or improving it (+1), strengthening the smaller side (+0.5),
  making the pilot workable (+0.5); breaking the balance (-3), worsening it (-1) and making the
  pilot too large (-5) count against;
- a recognition a samenwerkingsvorm needs and no participant has (an enclave needs a
  maatwerkbedrijf: +5);
- text fit (esfkb.matching.textfit) between the candidate's aanbod and a participant's vraag, and the
  other way round, each only across sides: +3 × the cosine of the best pair of phrases, from 0.2;
- interest in the pilot's samenwerkingsvormen (+1);
- geography by ecosystem level: lokaal — same municipality or postcode region (first two digits)
  as a participant (+1), else same province (+0.3), else outside the pilot's provinces (-1);
  regionaal — in a province of the pilot (+1), else (-1); sectoraal — same NACE division (+1),
  plus +0.25 in a province of the pilot; a draft without ecosystem — near a participant (+1) or
  in the same province (+0.5);
- interest in the win-win the pilot offers the candidate's side (+0.5);
- a participant that stopped earlier (-1).

Only registrations that may be approached take part; only those with a positive score are
suggested; ties go to the smaller id. The same function computes the score in the fast pass and,
for the suggestions kept, the score with its reasons, so the two cannot drift apart.
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass
from typing import TYPE_CHECKING

from esfkb.i18n import _, ngettext
from esfkb.matching.composition import compose, dominant_share, missing_mix, size_problem
from esfkb.matching.index import SIDES, opposed
from esfkb.matching.textfit import best_pair
from esfkb.model.nace import Nace
from esfkb.model.vocabulary import Economie, Ecosysteem, Engagement, Erkenning, Samenwerkingsvorm

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence
    from datetime import date

    from esfkb.matching.composition import Composition
    from esfkb.matching.index import MatchIndex, Profile
    from esfkb.model.models import Proeftuin, Winwin
    from esfkb.model.vocabulary import Provincie, Vocabulary

MIX = 5.0
BALANCE_RESTORED = 3.0
BALANCE_IMPROVED = 1.0
BALANCE_BROKEN = -3.0
BALANCE_WORSENED = -1.0
SMALLER_SIDE = 0.5
WORKABLE = 0.5
TOO_LARGE = -5.0
RECOGNITION = 5.0
TEXT = 3.0
TEXT_MIN = 0.2
INTEREST = 1.0
NEARBY = 1.0
SAME_PROVINCE = 0.5
LOCAL_SAME_PROVINCE = 0.3
IN_PILOT_PROVINCE = 1.0
SAME_SECTOR = 1.0
SECTOR_IN_PROVINCE = 0.25
WINWIN = 0.5
STOPPED = -1.0
FAR = -1.0

REQUIRED_RECOGNITIONS: dict[Samenwerkingsvorm, Erkenning] = {Samenwerkingsvorm.ENCLAVE: Erkenning.MAATWERKBEDRIJF}
"""Samenwerkingsvormen that need a participant with a recognition (the composition rule ESF305)."""

_QUOTE_LENGTH = 80


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A registration worth approaching for a pilot (or as a partner), and why."""

    registratie: str
    naam: str
    economie: Economie
    score: float
    reasons: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Draft:
    """A composition on the drawing board: registration ids and, optionally, what the pilot will be."""

    deelnemers: tuple[str, ...]
    ecosysteem: Ecosysteem | None = None
    samenwerkingsvormen: tuple[Samenwerkingsvorm, ...] = ()
    provincies: tuple[Provincie, ...] = ()


@dataclass(frozen=True, slots=True)
class Target:
    """What the scorer needs of a pilot, whether it exists as a document or only as a draft."""

    deelnemers: tuple[tuple[str, Engagement], ...]
    ecosysteem: Ecosysteem | None = None
    vormen: tuple[Samenwerkingsvorm, ...] = ()
    provincies: tuple[Provincie, ...] = ()
    nace: tuple[str, ...] = ()
    winwin: Winwin | None = None

    @classmethod
    def of_pilot(cls, pilot: Proeftuin) -> Target:
        """The target of an existing pilot."""
        return cls(tuple((d.registratie, d.engagement) for d in pilot.deelnemers), pilot.ecosysteem,
                   tuple(pilot.samenwerkingsvormen), tuple(pilot.provincies), tuple(pilot.nace), pilot.winwin)

    @classmethod
    def of_draft(cls, draft: Draft) -> Target:
        """The target of a draft: every participant counts as interested."""
        return cls(tuple((i, Engagement.INTERESSE) for i in draft.deelnemers), draft.ecosysteem,
                   tuple(draft.samenwerkingsvormen), tuple(draft.provincies))


class PilotContext:
    """A target prepared for scoring: its participants, composition and places, computed once.

    Only participants that may be part of a pilot on ``today`` count (consent, withdrawal,
    retention): one that withdrew is neither counted nor named in a reason.
    """

    def __init__(self, index: MatchIndex, target: Target, *, today: date) -> None:
        self.index = index
        self.target = target
        self.settings = index.settings
        members: dict[str, tuple[Profile, Engagement]] = {}
        for doc_id, engagement in target.deelnemers:
            profile = index.by_id.get(doc_id)
            if profile is not None and doc_id not in members and profile.usable(today):  # unknown ids: references
                members[doc_id] = (profile, engagement)
        self.members = list(members.values())
        self.active = tuple(p for p, e in self.members if e != Engagement.GESTOPT)
        self.excluded = frozenset(p.id for p in self.active)
        self.stopped = frozenset(p.id for p, e in self.members if e == Engagement.GESTOPT)
        self.composition = compose((p.economie, e) for p, e in self.members)
        self.vormen = tuple(dict.fromkeys(target.vormen))
        self.needed = tuple(dict.fromkeys(
            (vorm, REQUIRED_RECOGNITIONS[vorm]) for vorm in self.vormen
            if vorm in REQUIRED_RECOGNITIONS and not any(REQUIRED_RECOGNITIONS[vorm] in p.erkenningen
                                                         for p in self.active)))
        self.places = _first((p.place, p) for p in self.active)
        self.regions = _first((p.region, p) for p in self.active)
        self.provinces_near = _first((p.provincie, p) for p in self.active)
        self.provinces = tuple(dict.fromkeys(target.provincies or tuple(p.provincie for p in self.active)))
        nace = target.nace or tuple(code for p in self.active for code in p.nace)
        self.divisions = frozenset(code[:2] for code in nace)
        self.sides = {economie: self._side_effect(economie) for economie in Economie}

    # --- what a candidate changes in the composition, per economy (computed once) ---------------

    def _side_effect(self, economie: Economie) -> tuple[float, tuple[str, ...]]:
        settings, current = self.settings, self.composition
        after = compose([*((p.economie, e) for p, e in self.members), (economie, Engagement.INTERESSE)])
        points, reasons = 0.0, []
        label = economie.label.lower()
        brings_missing = label in missing_mix(current)
        if brings_missing:
            points += MIX
            reasons.append(_("Brings in the {side}: the pilot now has {counts}.").format(
                side=label, counts=_counts(current)))
        share_before, share_after = dominant_share(current, settings), dominant_share(after, settings)
        limit = _percent(settings.max_side_share)
        if share_before is not None:
            dominant = _dominant(current)
            text = _("the {side} now holds {share} of the {size} participants (at most {most})").format(
                side=dominant.label.lower(), share=_percent(share_before), size=current.size, most=limit)
            if economie == dominant:
                points += BALANCE_WORSENED
                reasons.append(_("Note: adds to the imbalance: {why}.").format(why=text))
            elif share_after is None:
                points += BALANCE_RESTORED
                reasons.append(_("Restores the balance: {why}.").format(why=text))
            elif share_after < share_before:
                points += BALANCE_IMPROVED
                reasons.append(_("Improves the balance: {why}.").format(why=text))
        elif share_after is not None:
            points += BALANCE_BROKEN
            reasons.append(_("Note: upsets the balance: the {side} would hold {share} of the {size} participants "
                             "(at most {most}).").format(side=_dominant(after).label.lower(),
                                                         share=_percent(share_after), size=after.size, most=limit))
        elif economie in SIDES and not brings_missing and _side(current, economie) < _other_side(current, economie):
            points += SMALLER_SIDE
            reasons.append(_("Strengthens the smaller side: the pilot now has {counts}.").format(
                counts=_counts(current)))
        problem_before, problem_after = size_problem(current, settings), size_problem(after, settings)
        if problem_after is not None and (problem_before is None or current.size > settings.max_participants):
            points += TOO_LARGE
            reasons.append(_("Note: makes the pilot too large: {size} participants, more than {most}.").format(
                size=after.size, most=settings.max_participants))
        elif problem_before is not None and problem_after is None:
            points += WORKABLE
            reasons.append(_("Makes the pilot workable: with this participant it has {size} participants "
                             "(at least {least}).").format(size=after.size, least=settings.min_participants))
        return points, tuple(reasons)

    # --- scoring ------------------------------------------------------------------------------

    def admits(self, profile: Profile) -> bool:
        """Whether ``profile`` is a candidate at all (besides consent and not being a participant)."""
        return True

    def score(self, profile: Profile, offer: float, seek: float, reasons: list[str] | None = None) -> float:
        """The score of ``profile``; with a ``reasons`` list, also the sentence behind each point."""
        total, why = self.sides[profile.economie]
        if reasons is not None:
            reasons.extend(why)
        for vorm, erkenning in self.needed:
            if erkenning in profile.erkenningen:
                total += RECOGNITION
                if reasons is not None:
                    reasons.append(self._recognition_reason(vorm, erkenning))
        if offer >= TEXT_MIN:
            total += TEXT * offer
            if reasons is not None:
                reasons.append(self._text_reason(profile, offering=True))
        if seek >= TEXT_MIN:
            total += TEXT * seek
            if reasons is not None:
                reasons.append(self._text_reason(profile, offering=False))
        if self.vormen and not profile.vormen.isdisjoint(self.vormen):
            total += INTEREST
            if reasons is not None:
                reasons.append(self._interest_reason([v for v in self.vormen if v in profile.vormen]))
        total += self._geography(profile, reasons)
        total += self._winwin(profile, reasons)
        if profile.id in self.stopped:
            total += STOPPED
            if reasons is not None:
                reasons.append(_("Note: stopped taking part in this pilot before."))
        return total

    def suggestion(self, profile: Profile, offer: float, seek: float) -> Suggestion:
        """The suggestion of ``profile`` with its score and reasons."""
        reasons: list[str] = []
        score = self.score(profile, offer, seek, reasons)
        return Suggestion(profile.id, profile.naam, profile.economie, round(score, 3), tuple(reasons))

    # --- geography ----------------------------------------------------------------------------

    def _geography(self, profile: Profile, reasons: list[str] | None) -> float:
        level = self.target.ecosysteem
        if level is Ecosysteem.REGIONAAL:
            if profile.provincie in self.provinces:
                if reasons is not None:
                    reasons.append(_("Is in {province} ({municipality}), where the pilot runs.").format(
                        province=profile.provincie.label, municipality=profile.gemeente))
                return IN_PILOT_PROVINCE
            return self._far(profile, reasons)
        if level is Ecosysteem.SECTORAAL:
            points = 0.0
            shared = [code for code in profile.nace if code[:2] in self.divisions]
            if shared:
                points += SAME_SECTOR
                if reasons is not None:
                    divisions = "; ".join(sorted({Nace(c).division.label for c in shared}))
                    reasons.append(_("Works in the pilot's sector: NACE {codes} (division {divisions}).").format(
                        codes=", ".join(shared), divisions=divisions))
            if profile.provincie in self.provinces:
                points += SECTOR_IN_PROVINCE
                if reasons is not None:
                    reasons.append(_("Is in {province}, a province of the pilot.").format(
                        province=profile.provincie.label))
            return points
        if level is Ecosysteem.LOKAAL:
            return self._nearby(profile, reasons, LOCAL_SAME_PROVINCE) or self._far(profile, reasons)
        return self._nearby(profile, reasons, SAME_PROVINCE)

    def _nearby(self, profile: Profile, reasons: list[str] | None, same_province: float) -> float:
        neighbour = self.places.get(profile.place)
        if neighbour is not None:
            if reasons is not None:
                reasons.append(_("Is in {municipality}, like {name}.").format(
                    municipality=profile.gemeente, name=neighbour.naam))
            return NEARBY
        neighbour = self.regions.get(profile.region)
        if neighbour is not None:
            if reasons is not None:
                reasons.append(_("Is near {name}: {postcode} {municipality} and {their_postcode} {their_municipality} "
                                 "(postcode region {region}xx).").format(
                    name=neighbour.naam, postcode=profile.postcode, municipality=profile.gemeente,
                    their_postcode=neighbour.postcode, their_municipality=neighbour.gemeente, region=profile.region))
            return NEARBY
        neighbour = self.provinces_near.get(profile.provincie)
        if neighbour is not None or profile.provincie in self.provinces:
            if reasons is not None:
                reason = (_("Is in the same province as {name} ({province}), but not nearby.") if neighbour is not None
                          else _("Is in the same province as the pilot ({province}), but not nearby."))
                reasons.append(reason.format(name=neighbour.naam if neighbour else "",
                                             province=profile.provincie.label))
            return same_province
        return 0.0

    def _far(self, profile: Profile, reasons: list[str] | None) -> float:
        """Outside every province of a local or regional pilot: hard to work with day to day."""
        if not self.provinces or profile.provincie in self.provinces:
            return 0.0
        if reasons is not None:
            reasons.append(_("Note: lies outside the pilot's area: {municipality} ({province}).").format(
                municipality=profile.gemeente, province=profile.provincie.label))
        return FAR

    def _winwin(self, profile: Profile, reasons: list[str] | None) -> float:
        winwin = self.target.winwin
        if winwin is None or profile.economie not in SIDES:
            return 0.0
        social = profile.economie is Economie.SOCIALE_ECONOMIE
        offered = winwin.sociale_partner if social else winwin.reguliere_partner
        shared = [level for level in offered if level in profile.winwin]
        if not shared:
            return 0.0
        if reasons is not None:
            reason = (_("Seeks the win-win the pilot offers the social partner: {levels}.") if social
                      else _("Seeks the win-win the pilot offers the regular partner: {levels}."))
            reasons.append(reason.format(levels=join_labels(shared)))
        return WINWIN

    # --- wording that depends on what is being composed -----------------------------------------

    def _recognition_reason(self, vorm: Samenwerkingsvorm, erkenning: Erkenning) -> str:
        return _("Is recognised as {recognition}, which the samenwerkingsvorm {form} needs; the pilot has none "
                 "yet.").format(
            recognition=erkenning.label.lower(), form=vorm.label.lower())

    def _interest_reason(self, shared: Sequence[Samenwerkingsvorm]) -> str:
        return ngettext("Is interested in {forms}, the samenwerkingsvorm of the pilot.",
                        "Is interested in {forms}, samenwerkingsvormen of the pilot.", len(shared)).format(
            forms=join_labels(shared))

    def _text_reason(self, profile: Profile, *, offering: bool) -> str:
        return text_reason(profile, self.active, offering=offering)


def text_reason(candidate: Profile, participants: Sequence[Profile], *, offering: bool) -> str:
    """The sentence behind a text fit: with whom, and the pair of phrases that fit best."""
    best: tuple[float, Profile, str, str] | None = None
    for participant in participants:
        if not opposed(candidate.economie, participant.economie):
            continue
        if offering:
            found = best_pair(candidate.offers, participant.needs)
            phrases = (candidate.aanbod, participant.vraag)
        else:
            found = best_pair(candidate.needs, participant.offers)
            phrases = (candidate.vraag, participant.aanbod)
        if found is not None and (best is None or found[0] > best[0]):
            best = (found[0], participant, phrases[0][found[1]], phrases[1][found[2]])
    if best is None:  # pragma: no cover - a fit above the threshold always has a pair of phrases
        return _("Fits what the participants seek or offer.")
    _fit, other, mine, theirs = best
    reason = (_("Offers what {name} seeks: '{mine}' ↔ '{theirs}'.") if offering
              else _("Seeks what {name} offers: '{mine}' ↔ '{theirs}'."))
    return reason.format(name=other.naam, mine=_quote(mine), theirs=_quote(theirs))


def rank(index: MatchIndex, context: PilotContext, *, today: date, top: int | None) -> tuple[Suggestion, ...]:
    """The ``top`` registrations that would improve the target most (all with ``top=None``)."""
    offers, seeks = index.text_fits(context.active)
    excluded, approachable = context.excluded, index.approachable(today)
    scored = []
    for profile in index.profiles:
        if not approachable[profile.index] or profile.id in excluded or not context.admits(profile):
            continue
        score = context.score(profile, offers[profile.index], seeks[profile.index])
        if score > 0:
            scored.append((-round(score, 6), profile.id, profile.index))
    chosen = sorted(scored) if top is None else heapq.nsmallest(top, scored)
    return tuple(context.suggestion(index.profiles[i], offers[i], seeks[i]) for _, _, i in chosen)


# --- small helpers -----------------------------------------------------------------------------

def _first(pairs: Iterable[tuple[object, Profile]]) -> dict[object, Profile]:
    """Key → the first participant with that key (participants in the order of the pilot)."""
    found: dict[object, Profile] = {}
    for key, profile in pairs:
        found.setdefault(key, profile)
    return found


def _counts(composition: Composition) -> str:
    text = ngettext("{social} social and {regular} regular participant",
                    "{social} social and {regular} regular participants", composition.regular).format(
        social=composition.social, regular=composition.regular)
    if composition.neutral:
        text += _(", and {neutral} from the public sector or intermediary").format(neutral=composition.neutral)
    return text


def _dominant(composition: Composition) -> Economie:
    return Economie.SOCIALE_ECONOMIE if composition.social > composition.regular else Economie.REGULIERE_ECONOMIE


def _side(composition: Composition, economie: Economie) -> int:
    return composition.social if economie is Economie.SOCIALE_ECONOMIE else composition.regular


def _other_side(composition: Composition, economie: Economie) -> int:
    return composition.regular if economie is Economie.SOCIALE_ECONOMIE else composition.social


def _percent(share: float) -> str:
    return f"{share * 100:.0f} %"


def join_labels(values: Sequence[Vocabulary]) -> str:
    """Labels joined in a sentence ('A', 'A and B', 'A, B and C'); with commas only when a (Dutch) label holds 'en'."""
    labels = [v.label for v in values]
    if len(labels) == 1:
        return labels[0]
    if any(" en " in label for label in labels):
        return ", ".join(labels)
    return ", ".join(labels[:-1]) + _(" and ") + labels[-1]


def _quote(text: str) -> str:
    """A phrase as quoted in a reason: on one line, cut at a word boundary when long."""
    text = " ".join(text.split())
    if len(text) <= _QUOTE_LENGTH:
        return text
    cut = text[: _QUOTE_LENGTH - 1]
    return (cut.rsplit(" ", 1)[0] if " " in cut else cut).rstrip(" ,;:") + "…"
