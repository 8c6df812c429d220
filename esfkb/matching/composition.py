"""How a pilot is composed: who counts on which side, and whether it is mixed, balanced, workable."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from esfkb.i18n import _, ngettext
from esfkb.model.vocabulary import Economie, Engagement

if TYPE_CHECKING:
    from collections.abc import Iterable

    from esfkb.config import Settings


@dataclass(frozen=True, slots=True)
class Composition:
    """Counts of the participants that have not stopped, by side."""

    social: int = 0
    regular: int = 0
    neutral: int = 0
    """Public-sector and intermediary participants: they count for the size, not for a side."""
    stopped: int = 0

    @property
    def size(self) -> int:
        """How many participants count for the composition rules."""
        return self.social + self.regular + self.neutral


def compose(members: Iterable[tuple[Economie, Engagement]]) -> Composition:
    """Count participants given as (economy, engagement) pairs."""
    social = regular = neutral = stopped = 0
    for economie, engagement in members:
        if engagement == Engagement.GESTOPT:
            stopped += 1
        elif economie == Economie.SOCIALE_ECONOMIE:
            social += 1
        elif economie == Economie.REGULIERE_ECONOMIE:
            regular += 1
        else:
            neutral += 1
    return Composition(social, regular, neutral, stopped)


def missing_mix(composition: Composition) -> list[str]:
    """The sides that have no participant yet (empty when the pilot is mixed)."""
    missing = []
    if composition.social == 0:
        missing.append(Economie.SOCIALE_ECONOMIE.label.lower())
    if composition.regular == 0:
        missing.append(Economie.REGULIERE_ECONOMIE.label.lower())
    return missing


def dominant_share(composition: Composition, settings: Settings) -> float | None:
    """The share of the larger side when it breaks the balance rule, else None."""
    if composition.size < settings.balance_from or composition.size == 0:
        return None
    share = max(composition.social, composition.regular) / composition.size
    return share if share > settings.max_side_share else None


def size_problem(composition: Composition, settings: Settings) -> str | None:
    """Why the size is not workable, or None."""
    if composition.size < settings.min_participants:
        return ngettext("{size} counted participant, fewer than {least}",
                        "{size} counted participants, fewer than {least}", composition.size).format(
            size=composition.size, least=settings.min_participants)
    if composition.size > settings.max_participants:
        return _("{size} counted participants, more than {most}").format(
            size=composition.size, most=settings.max_participants)
    return None
