"""Check a draft composition against the composition rules before it is written into a pilot.

The same judgements as the composition rule (esfkb.checks.rules.composition), from the same functions
(esfkb.matching.composition) and thresholds (the settings), but said as what is missing, in the tool's
language, for a matchmaker weighing who to ask next.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from esfkb.errors import MatchingError, UnknownDocumentError
from esfkb.i18n import _
from esfkb.matching.composition import compose, dominant_share, missing_mix, size_problem
from esfkb.matching.scoring import REQUIRED_RECOGNITIONS, Draft
from esfkb.model.vocabulary import Economie, Engagement

if TYPE_CHECKING:
    from datetime import date

    from esfkb.matching.composition import Composition
    from esfkb.matching.index import MatchIndex, Profile


@dataclass(frozen=True, slots=True)
class DraftCheck:
    """Whether a draft is mixed, balanced and workable; what is missing; whose consent is lacking."""

    deelnemers: tuple[str, ...]
    composition: Composition
    mixed: bool
    balanced: bool
    workable: bool
    missing: tuple[str, ...]
    consent: tuple[str, ...]

    @property
    def ok(self) -> bool:
        """Whether the draft breaks no composition rule."""
        return not self.missing and not self.consent


def resolve(index: MatchIndex, draft: Draft) -> list[Profile]:
    """The profiles of the draft's participants; one error naming every id that is not a usable registration
    (a wrong request, unless one of them is a registration with schema errors: then the content's)."""
    profiles: list[Profile] = []
    errors: list[MatchingError] = []
    for doc_id in draft.deelnemers:
        try:
            profiles.append(index.profile(doc_id))
        except MatchingError as error:
            errors.append(error)
    if errors:
        message = "; ".join(str(error) for error in errors)
        unknown = all(isinstance(error, UnknownDocumentError) for error in errors)
        raise UnknownDocumentError(message) if unknown else MatchingError(message)
    return profiles


def check_draft(index: MatchIndex, draft: Draft, *, today: date) -> DraftCheck:
    """Judge ``draft`` as the composition rule would judge a pilot with these participants."""
    settings = index.settings
    missing: list[str] = []
    members: dict[str, Profile] = {}
    for profile in resolve(index, draft):
        if profile.id in members:
            missing.append(_("{name} ({id}) is in the composition twice.").format(name=profile.naam, id=profile.id))
        members[profile.id] = profile
    counted = [p for p in members.values() if p.usable(today)]  # the others are named under consent
    composition = compose((p.economie, Engagement.INTERESSE) for p in counted)
    sides = missing_mix(composition)
    if sides:
        missing.append(_("Not mixed: a participant from the {sides} is missing.").format(
            sides=_(" and the ").join(sides)))
    share = dominant_share(composition, settings)
    if share is not None:
        dominant, other = ((Economie.SOCIALE_ECONOMIE, Economie.REGULIERE_ECONOMIE)
                           if composition.social > composition.regular
                           else (Economie.REGULIERE_ECONOMIE, Economie.SOCIALE_ECONOMIE))
        missing.append(_("Not balanced: the {dominant} holds {share} of the {size} participants (at most {most}); "
                         "add a participant from the {other}.").format(
            dominant=dominant.label.lower(), share=f"{share * 100:.0f} %", size=composition.size,
            most=f"{settings.max_side_share * 100:.0f} %", other=other.label.lower()))
    problem = size_problem(composition, settings)
    if problem is not None:
        missing.append(_("Not workable: {problem}.").format(problem=problem))
    for vorm in dict.fromkeys(draft.samenwerkingsvormen):
        erkenning = REQUIRED_RECOGNITIONS.get(vorm)
        if erkenning is not None and not any(erkenning in p.erkenningen for p in counted):
            missing.append(_("The samenwerkingsvorm {form} needs a participant recognised as {recognition}; there is "
                             "none.").format(form=vorm.label.lower(), recognition=erkenning.label.lower()))
    consent = tuple(f"{p.naam} ({p.id}) {reason}." for p in members.values()
                    if (reason := p.consent_problem(today)) is not None)
    return DraftCheck(tuple(members), composition, not sides, share is None, problem is None,
                      tuple(missing), consent)
