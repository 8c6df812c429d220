"""Small-cell disclosure control: one decision over every indicator figure that is published.

**The published cells.** Every measurement of a pilot (its value and its n) is published on the
pilot's page and in the API. The portfolio (dashboard and ``esfkb report``) publishes per
doorstroom stage (DS-01 … DS-04, the latest measurement of each pilot) the summed value, the summed
n (a measurement without n counts for its value) and the stage's share of the wider stage, computed
over the pilots that measure both. :func:`disclose` decides for all of them together what may be
shown; every face (pilot pages, dashboard, API, search records, ``esfkb report``) shows that and
nothing else, so they agree figure by figure.

**Primary suppression.** A measurement is a small cell when its n is below ``small_cell``, or when
its indicator counts people (DS-01 … DS-08) and its value is below ``small_cell``. Its value is
hidden; its n is hidden when it is below ``small_cell`` itself (an n of at least ``small_cell``
says how many people a figure covers, not who). Nothing published about people is below
``small_cell``. A small cell reads '< 5'.

**Figures of one pilot are linked.** The funnel counts the same people several times: the n of
DS-02 is the DS-01 count, the n of DS-03 … DS-08 the DS-02 count. A reader who sees a number may
take it for a hidden one of the same pilot, so a person figure (a value that counts people, or an
n) equal to a hidden person figure of the same pilot is withheld too, until none is left.

**Secondary suppression of totals.** A total gives away the sum of the hidden cells in it (the
total minus the published cells), and totals over overlapping sets of pilots give away their
differences. The totals are taken one at a time (per stage the value, then the n; then each
share's numerator and denominator) and one is withheld when it is itself a small cell, or when,
with the totals published before it, some sum of hidden figures follows that

- is a single hidden figure (one hidden cell in a total, or one isolated by combining totals,
  or one whose companions in the sum are all 0),
- concerns fewer than ``small_cell`` people, or
- pins a hidden figure down within the bounds a reader knows (a '< 5' is at most 4, a value at
  most its published n; a withheld figure at least ``small_cell``).

This is checked twice: with every hidden figure unknown on its own, and with equal hidden person
figures of one pilot taken for one. Withholding a total never hides a figure of a pilot page. A
share is shown only when both totals it divides could be published. A withheld figure reads
'afgeschermd'.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from enum import StrEnum
from fractions import Fraction
from typing import TYPE_CHECKING

from esfkb.checks.rules.indicators import FUNNEL_ORDER
from esfkb.model.vocabulary import Indicator

if TYPE_CHECKING:
    from collections.abc import Callable, Hashable, Iterable, Mapping
    from datetime import date

    from esfkb.model.models import Meting, Proeftuin

FUNNEL: tuple[Indicator, ...] = (Indicator.DS_01, Indicator.DS_02, Indicator.DS_03, Indicator.DS_04)
"""The doorstroom funnel, widest first."""

PEOPLE: frozenset[Indicator] = frozenset({
    Indicator.DS_01, Indicator.DS_02, Indicator.DS_03, Indicator.DS_04,
    Indicator.DS_05, Indicator.DS_06, Indicator.DS_07, Indicator.DS_08,
})
"""Indicators whose value counts people (DS-05 counts contracts, one per person)."""

WITHHELD_TEXT = "afgeschermd"
"""What a figure withheld to protect another reads."""


class Hidden(StrEnum):
    """Why a figure is not shown."""

    SMALL = "small"
    """Primary: it concerns fewer than ``small_cell`` people."""
    WITHHELD = "withheld"
    """Secondary: it would give a hidden figure away."""


@dataclass(frozen=True, slots=True)
class Figure:
    """One published number: its value when shown, or why it is hidden; neither when not measured."""

    value: float | None = None
    hidden: Hidden | None = None

    @property
    def shown(self) -> bool:
        """Whether the number may be published."""
        return self.value is not None


NOT_MEASURED = Figure()


def hidden_text(hidden: Hidden, small_cell: int) -> str:
    """How a hidden figure reads: '< 5' when small, 'afgeschermd' when withheld."""
    return f"< {small_cell}" if hidden is Hidden.SMALL else WITHHELD_TEXT


@dataclass(frozen=True, slots=True)
class Measure:
    """A pilot's measurement as it may be published."""

    indicator: Indicator
    peildatum: date
    value: Figure
    n: Figure
    """Not measured (value None, not hidden) when the measurement has no n."""


@dataclass(frozen=True, slots=True)
class Stage:
    """A doorstroom stage of the portfolio: its totals over the pilots that measure it."""

    indicator: Indicator
    pilots: int
    value: Figure
    n: Figure
    share_of: Indicator | None
    """The wider stage the share is of (None for DS-01)."""
    share: Figure
    """This stage over the wider one, as a fraction, over the pilots that measure both."""


@dataclass(frozen=True)
class Disclosure:
    """What may be published of every indicator figure, for every face."""

    small_cell: int
    measures: Mapping[str, tuple[Measure, ...]]
    """Per pilot id, its measurements in the order of the document."""
    stages: tuple[Stage, ...]
    latest: Mapping[str, Mapping[Indicator, int]] = field(repr=False)
    """Per pilot id, the position of the latest measurement of each indicator."""

    def text(self, figure: Figure) -> str | None:
        """How a hidden figure reads ('< 5', 'afgeschermd'); None when it is shown or not measured."""
        return None if figure.hidden is None else hidden_text(figure.hidden, self.small_cell)

    def funnel(self, pilot_id: str) -> tuple[Measure | None, ...]:
        """The latest measurement of each funnel stage of a pilot (None where it is not measured)."""
        measures, latest = self.measures.get(pilot_id, ()), self.latest.get(pilot_id, {})
        return tuple(measures[latest[code]] if code in latest else None for code in FUNNEL)


# --- the cells of a pilot ------------------------------------------------------------------------


def _latest(indicatoren: list[Meting]) -> dict[Indicator, int]:
    """Position of the latest measurement per indicator (the later one on the same date)."""
    found: dict[Indicator, int] = {}
    for index, meting in enumerate(indicatoren):
        current = found.get(meting.indicator)
        if current is None or indicatoren[current].peildatum <= meting.peildatum:
            found[meting.indicator] = index
    return found


def _pilot_measures(indicatoren: list[Meting], k: int) -> tuple[Measure, ...]:
    """Primary suppression, then the person figures linked to a hidden one withheld, until stable."""
    value_hidden = [Hidden.SMALL if (m.n is not None and m.n < k) or (m.indicator in PEOPLE and m.waarde < k)
                    else None for m in indicatoren]
    n_hidden = [Hidden.SMALL if m.n is not None and m.n < k else None for m in indicatoren]
    changed = True
    while changed:
        secret = {m.waarde for m, h in zip(indicatoren, value_hidden, strict=True) if h and m.indicator in PEOPLE}
        secret |= {m.n for m, h in zip(indicatoren, n_hidden, strict=True) if h}
        changed = False
        for i, m in enumerate(indicatoren):
            if value_hidden[i] is None and m.indicator in PEOPLE and m.waarde in secret:
                value_hidden[i], changed = Hidden.WITHHELD, True
            if n_hidden[i] is None and m.n is not None and m.n in secret:
                n_hidden[i], changed = Hidden.WITHHELD, True
    return tuple(
        Measure(m.indicator, m.peildatum, Figure(None if vh else m.waarde, vh),
                NOT_MEASURED if m.n is None else Figure(None if nh else m.n, nh))
        for m, vh, nh in zip(indicatoren, value_hidden, n_hidden, strict=True))


# --- totals ----------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Unknown:
    """A hidden figure as a reader of the published totals sees it: an unknown within bounds."""

    key: tuple[str, int, str]
    """(pilot id, measurement position, 'value' or 'n')."""
    pilot: str
    number: float
    low: float
    high: float


@dataclass(frozen=True, slots=True)
class _Total:
    """A sum over cells: its number, and the hidden figures in it."""

    number: float
    unknowns: tuple[_Unknown, ...]


def _bounds(hidden: Hidden, k: int, cap: float | None) -> tuple[float, float]:
    """What a reader knows of a hidden figure: '< k' is at most k - 1, a withheld one at least k."""
    if hidden is Hidden.SMALL:
        return 0.0, float(k - 1) if cap is None else min(float(k - 1), cap)
    return float(k), math.inf if cap is None else cap


def _total(cells: Iterable[tuple[str, int, Meting, Measure]], measure: str, k: int) -> _Total:
    """The value (or n) total of ``cells``; a measurement without n counts for its value in the n."""
    number, unknowns = 0.0, []
    for pilot, index, meting, shown in cells:
        own_n = measure == "n" and meting.n is not None
        figure = shown.n if own_n else shown.value
        number += meting.n if own_n and meting.n is not None else meting.waarde
        if figure.hidden is not None:
            cap = None if own_n or shown.n.value is None else shown.n.value
            low, high = _bounds(figure.hidden, k, cap)
            part = "n" if own_n else "value"
            unknowns.append(_Unknown((pilot, index, part), pilot, meting.n if own_n else meting.waarde, low, high))
    return _Total(number, tuple(unknowns))


def _unit_columns(rows: list[list[Fraction]]) -> set[int]:
    """Columns whose unit vector lies in the span of ``rows`` (the rows of the reduced echelon form)."""
    rows = [list(r) for r in rows]
    width = len(rows[0]) if rows else 0
    top = 0
    for col in range(width):
        pivot = next((r for r in range(top, len(rows)) if rows[r][col]), None)
        if pivot is None:
            continue
        rows[top], rows[pivot] = rows[pivot], rows[top]
        lead = rows[top][col]
        rows[top] = [x / lead for x in rows[top]]
        for r, row in enumerate(rows):
            if r != top and row[col]:
                factor = row[col]
                rows[r] = [a - factor * b for a, b in zip(row, rows[top], strict=True)]
        top += 1
    return {next(j for j, x in enumerate(row) if x) for row in rows if sum(1 for x in row if x) == 1}


def _revealed(totals: list[_Total], identity: Callable[[_Unknown], Hashable]) -> list[list[_Unknown]]:
    """Groups of hidden figures whose sum the totals give away: each total's, and each group that a
    combination of totals isolates (figures that appear in exactly the same totals form one group).

    ``identity`` says which hidden figures a reader takes for one; they are merged, within the
    bounds of each.
    """
    merged: dict[Hashable, _Unknown] = {}
    patterns: dict[Hashable, list[int]] = {}
    for i, total in enumerate(totals):
        for u in total.unknowns:
            key = identity(u)
            seen = merged.get(key)
            merged[key] = u if seen is None else _Unknown(
                seen.key, seen.pilot, seen.number, max(seen.low, u.low), min(seen.high, u.high))
            pattern = patterns.setdefault(key, [])
            if i not in pattern:
                pattern.append(i)
    classes: dict[tuple[int, ...], list[Hashable]] = {}
    for key, pattern in patterns.items():
        classes.setdefault(tuple(pattern), []).append(key)
    columns = list(classes)
    rows = [[Fraction(int(i in column)) for column in columns] for i in range(len(totals))]
    found = [[merged[key] for key in dict.fromkeys(identity(u) for u in t.unknowns)] for t in totals]
    found += [[merged[key] for key in classes[columns[j]]] for j in sorted(_unit_columns(rows))]
    return [group for group in found if group]


def _pinned(group: list[_Unknown], number: float) -> bool:
    """Whether knowing the sum of ``group`` fixes one of its figures, given the bounds a reader knows."""
    low_sum = sum(u.low for u in group)
    finite = sum(u.high for u in group if u.high != math.inf)
    unbounded = sum(1 for u in group if u.high == math.inf)
    for u in group:
        others_high = math.inf if unbounded - (u.high == math.inf) else finite - (u.high if u.high != math.inf else 0)
        lowest = max(u.low, number - others_high)
        highest = min(u.high, number - (low_sum - u.low))
        if lowest >= highest:
            return True
    return False


def _by_figure(u: _Unknown) -> Hashable:
    return u.key


def _by_number(u: _Unknown) -> Hashable:
    return u.pilot, u.number


def _safe(published: list[_Total], candidate: _Total, k: int) -> bool:
    """Whether ``candidate`` may be published besides ``published`` without giving a hidden figure away."""
    if not candidate.unknowns:
        return True
    totals = [*published, candidate]
    for identity in (_by_figure, _by_number):
        for group in _revealed(totals, identity):
            number = sum(u.number for u in group)
            if len(group) < 2 or number < k or any(u.number == number for u in group) or _pinned(group, number):
                return False
    return True


class _Publisher:
    """Decides the portfolio's totals one after the other, remembering those already published."""

    def __init__(self, k: int) -> None:
        self.k = k
        self.published: list[_Total] = []

    def decide(self, *totals: tuple[_Total, _Total]) -> Hidden | None:
        """Publish every (value, n) pair, a total of people over n people, or none of them.

        None when they are published; else why not: one is a small cell, or they give a figure away.
        """
        if any(value.number < self.k or n.number < self.k for value, n in totals):
            return Hidden.SMALL
        published = list(self.published)
        for value, _ in totals:
            if not _safe(published, value, self.k):
                return Hidden.WITHHELD
            published.append(value)
        self.published = published
        return None


def _figure(number: float, hidden: Hidden | None) -> Figure:
    return Figure(None if hidden else number, hidden)


def disclose(pilots: Iterable[tuple[str, Proeftuin]], small_cell: int) -> Disclosure:
    """What may be published of the indicators of ``pilots`` (id, model) with threshold ``small_cell``."""
    k = small_cell
    pilots = list(pilots)
    measures = {pilot_id: _pilot_measures(pilot.indicatoren, k) for pilot_id, pilot in pilots}
    latest = {pilot_id: _latest(pilot.indicatoren) for pilot_id, pilot in pilots}

    def cells(code: Indicator, among: set[str] | None = None) -> list[tuple[str, int, Meting, Measure]]:
        return [(pilot_id, latest[pilot_id][code], pilot.indicatoren[latest[pilot_id][code]],
                 measures[pilot_id][latest[pilot_id][code]])
                for pilot_id, pilot in pilots if code in latest[pilot_id] and (among is None or pilot_id in among)]

    publisher = _Publisher(k)
    totals: dict[Indicator, tuple[int, Figure, Figure]] = {}
    for code in FUNNEL:
        found = cells(code)
        if not found:
            totals[code] = (0, NOT_MEASURED, NOT_MEASURED)
            continue
        value, n = _total(found, "value", k), _total(found, "n", k)
        value_hidden = publisher.decide((value, n))
        n_hidden = publisher.decide((n, n))
        totals[code] = (len(found), _figure(value.number, value_hidden), _figure(n.number, n_hidden))
    shares: dict[Indicator, tuple[Indicator, Figure]] = {}
    for narrow, wide in FUNNEL_ORDER:
        both = {pilot_id for pilot_id, _ in pilots if narrow in latest[pilot_id] and wide in latest[pilot_id]}
        if not both:
            shares[narrow] = (wide, NOT_MEASURED)
            continue
        part, whole = (_total(cells(code, both), "value", k) for code in (narrow, wide))
        part_n, whole_n = (_total(cells(code, both), "n", k) for code in (narrow, wide))
        hidden = publisher.decide((part, part_n), (whole, whole_n))
        ratio = round(part.number / whole.number, 3) if whole.number else None
        shares[narrow] = (wide, Figure(None if hidden else ratio, hidden))
    stages = tuple(Stage(code, *totals[code], *shares.get(code, (None, NOT_MEASURED))) for code in FUNNEL)
    return Disclosure(k, measures, stages, latest)
