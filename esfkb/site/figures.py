"""Indicator figures as the audience may see them: latest measurement, small cells suppressed.

The doorstroom funnel follows DS-01 (involved) → DS-02 (transition realised) → DS-03 (still at
work after 6 months) → DS-04 (after 12 months). A value over fewer than ``small_cell`` people
reads "< 5". An aggregate is suppressed when its own n is small, and also when the values hidden in
it concern fewer than ``small_cell`` people together: subtracting the published values from the
total would otherwise reveal them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from esfkb.site.charts import Cell
from esfkb.site.labels import format_number
from esfkb.vocabulary import Indicator

if TYPE_CHECKING:
    from collections.abc import Iterable

    from esfkb.models import Meting, Proeftuin
    from esfkb.site.audience import Audience

FUNNEL: tuple[Indicator, ...] = (Indicator.DS_01, Indicator.DS_02, Indicator.DS_03, Indicator.DS_04)


def latest(pilot: Proeftuin) -> dict[Indicator, Meting]:
    """The most recent measurement of each indicator of a pilot."""
    found: dict[Indicator, Meting] = {}
    for meting in sorted(pilot.indicatoren, key=lambda m: m.peildatum):
        found[meting.indicator] = meting
    return found


def measure_cell(audience: Audience, meting: Meting | None) -> Cell:
    """A measurement as a chart cell: its value, '< 5' when suppressed, empty when not measured."""
    if meting is None:
        return Cell(None, "")
    if audience.suppressed(meting.n):
        return Cell(None, audience.small_cell_text)
    return Cell(meting.waarde, format_number(meting.waarde))


def n_text(audience: Audience, meting: Meting) -> str:
    """The n of a measurement as it may be shown."""
    if meting.n is None:
        return "–"
    return audience.small_cell_text if audience.suppressed(meting.n) else format_number(meting.n)


def pilot_funnel(audience: Audience, pilot: Proeftuin) -> list[Cell]:
    """The funnel cells of one pilot."""
    measures = latest(pilot)
    return [measure_cell(audience, measures.get(code)) for code in FUNNEL]


def aggregate_funnel(audience: Audience, pilots: Iterable[Proeftuin]) -> list[tuple[Cell, int]]:
    """The portfolio funnel: per stage the summed value and how many pilots contribute."""
    measures = [latest(p) for p in pilots]
    stages: list[tuple[Cell, int]] = []
    for code in FUNNEL:
        found = [m[code] for m in measures if code in m]
        if not found:
            stages.append((Cell(None, ""), 0))
            continue
        hidden = [m.n or 0 for m in found if audience.suppressed(m.n)]
        total = sum(m.waarde for m in found)
        counted = [m.n for m in found if m.n is not None]
        n_total = sum(counted) if counted else None
        if (hidden and sum(hidden) < audience.small_cell) or audience.suppressed(n_total):
            stages.append((Cell(None, audience.small_cell_text), len(found)))
        else:
            stages.append((Cell(total, format_number(total)), len(found)))
    return stages
