"""Small-cell disclosure control: nothing small is published, and no hidden figure follows from what is."""

from __future__ import annotations

import itertools
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from esfkb.checks.rules.indicators import FUNNEL_ORDER
from esfkb.model.models import Meting, Proeftuin
from esfkb.model.vocabulary import Indicator
from esfkb.privacy.disclosure import FUNNEL, PEOPLE, Disclosure, Hidden, disclose

K = 5
CODES = (*FUNNEL, Indicator.DS_05, Indicator.SW_04)
START = date(2025, 1, 1)


def _pilot(*measures: tuple[Indicator, float, int | None]) -> Proeftuin:
    return Proeftuin.model_construct(indicatoren=[
        Meting(indicator=code, waarde=value, n=n, peildatum=START + timedelta(days=i))
        for i, (code, value, n) in enumerate(measures)])


_measure = st.tuples(st.sampled_from(CODES), st.integers(0, 14), st.one_of(st.none(), st.integers(0, 16)))
_pilots = st.lists(st.lists(_measure, max_size=6), min_size=1, max_size=5).map(
    lambda pilots: [(f"p{i}", _pilot(*measures)) for i, measures in enumerate(pilots)])


def _latest_cells(pilots: list[tuple[str, Proeftuin]], shown: Disclosure, code: Indicator,
                  among: set[str] | None = None) -> list[tuple[str, int, Meting]]:
    found = []
    for pilot_id, pilot in pilots:
        latest = shown.latest[pilot_id]
        if code in latest and (among is None or pilot_id in among):
            found.append((pilot_id, latest[code], pilot.indicatoren[latest[code]]))
    return found


def _parts(pilots: list[tuple[str, Proeftuin]], shown: Disclosure, cells: list[tuple[str, int, Meting]],
           measure: str) -> tuple[float, list[float], list[float]]:
    """A total over ``cells`` as a reader sees it: the number, the published parts, the hidden parts."""
    total, published, hidden = 0.0, [], []
    for pilot_id, index, meting in cells:
        own_n = measure == "n" and meting.n is not None
        number = float(meting.n) if own_n and meting.n is not None else meting.waarde
        figure = shown.measures[pilot_id][index].n if own_n else shown.measures[pilot_id][index].value
        total += number
        (published if figure.value is not None else hidden).append(number)
    return total, published, hidden


def _gives_nothing_away(hidden: list[float]) -> bool:
    """What a total minus its published parts leaves is no hidden figure, nor a sum of fewer than K people."""
    rest = sum(hidden)
    return not hidden or (len(hidden) >= 2 and rest >= K and rest not in hidden)


@settings(max_examples=400, deadline=None)
@given(_pilots)
def test_no_hidden_figure_follows_from_the_published_ones(pilots: list[tuple[str, Proeftuin]]) -> None:
    shown = disclose(pilots, K)
    # nothing published about people is below the threshold; a hidden figure is never a published number
    for pilot_id, pilot in pilots:
        secret, public = set(), set()
        for meting, measure in zip(pilot.indicatoren, shown.measures[pilot_id], strict=True):
            small = (meting.n is not None and meting.n < K) or (meting.indicator in PEOPLE and meting.waarde < K)
            assert (measure.value.hidden is Hidden.SMALL) == small
            assert measure.value.value in (None, meting.waarde)
            if meting.n is not None:
                assert (measure.n.hidden is Hidden.SMALL) == (meting.n < K)
            for figure, number, person in ((measure.value, meting.waarde, meting.indicator in PEOPLE),
                                           (measure.n, meting.n, True)):
                if number is not None and person:
                    (public if figure.value is not None else secret).add(number)
                    assert figure.value is None or figure.value >= K
        assert not secret & public, "a published figure of the pilot equals a hidden one"
    # every published total: no hidden figure follows by subtraction, alone or with another total
    published: list[tuple[str, set[str], list[tuple[str, int, Meting]]]] = []
    for stage in shown.stages:
        cells = _latest_cells(pilots, shown, stage.indicator)
        for measure, figure in (("value", stage.value), ("n", stage.n)):
            if figure.value is not None:
                total, _, hidden = _parts(pilots, shown, cells, measure)
                assert figure.value == total and total >= K
                assert _gives_nothing_away(hidden), (stage.indicator, measure, hidden)
                if measure == "value":
                    published.append((stage.indicator.value, {c[0] for c in cells}, cells))
    for narrow, wide in FUNNEL_ORDER:
        stage = shown.stages[FUNNEL.index(narrow)]
        if stage.share.value is not None:
            both = ({c[0] for c in _latest_cells(pilots, shown, narrow)}
                    & {c[0] for c in _latest_cells(pilots, shown, wide)})
            for code in (narrow, wide):
                cells = _latest_cells(pilots, shown, code, both)
                total, _, hidden = _parts(pilots, shown, cells, "value")
                assert total >= K and _gives_nothing_away(hidden)
                published.append((code.value, both, cells))
            part, whole = (sum(c[2].waarde for c in cells) for _, _, cells in published[-2:])
            assert stage.share.value == round(part / whole, 3)
    for (code, wide, wide_cells), (other, narrow, _) in itertools.permutations(published, 2):
        if code == other and narrow < wide:  # one total minus another over fewer pilots of the same stage
            _, _, hidden = _parts(pilots, shown, [c for c in wide_cells if c[0] not in narrow], "value")
            assert _gives_nothing_away(hidden), (code, sorted(wide - narrow), hidden)


def test_the_bundled_case_of_issue_17():
    """DS-02 = 3 with n 7 next to a hidden DS-03 with n 3, and a total that gave the hidden 3 away."""
    pilots = [
        ("enclave", _pilot((Indicator.DS_01, 14, 14), (Indicator.DS_02, 5, 14), (Indicator.DS_03, 4, 5),
                           (Indicator.DS_04, 4, 5))),
        ("schoonmaak", _pilot((Indicator.DS_01, 7, 7), (Indicator.DS_02, 3, 7), (Indicator.DS_03, 3, 3),
                              (Indicator.DS_04, 2, 3))),
        ("zorg", _pilot((Indicator.DS_01, 12, 12), (Indicator.DS_02, 7, 12), (Indicator.DS_03, 6, 7),
                        (Indicator.DS_04, 5, 7))),
        ("textiel", _pilot((Indicator.DS_01, 9, 9))),
    ]
    shown = disclose(pilots, K)
    schoonmaak = [(m.value.value, m.n.value) for m in shown.measures["schoonmaak"]]
    assert schoonmaak == [(7, 7), (None, 7), (None, None), (None, None)]
    assert [(m.value.value, m.n.value) for m in shown.measures["enclave"]] == [(14, 14), (5, 14), (None, 5), (None, 5)]
    assert [(s.value.value, s.value.hidden, s.n.value) for s in shown.stages] == [
        (42, None, 42),
        (None, Hidden.WITHHELD, 33),  # 15 - 5 - 7 would be schoonmaak's hidden 3
        (13, None, None),  # 13 - 6 leaves 4 + 3: two hidden cells of 7 people; the n 15 - 5 - 7 = 3 is withheld
        (11, None, None),
    ]
    assert [s.share.value for s in shown.stages] == [None, None, None, None]  # each divides by the withheld DS-02


def test_a_withheld_pilot_figure_reads_afgeschermd_and_a_linked_n_is_hidden():
    # DS-01 9 over n 3: a small cell whose value (9) is also DS-02's n: that n would give it away
    shown = disclose([("p", _pilot((Indicator.DS_01, 9, 3), (Indicator.DS_02, 6, 9)))], K)
    ds01, ds02 = shown.measures["p"]
    assert ds01.value.hidden is Hidden.SMALL and ds02.n.hidden is Hidden.WITHHELD
    assert ds02.value.value == 6
    assert [shown.text(f) for f in (ds01.value, ds02.n, ds02.value)] == ["< 5", "afgeschermd", None]


def test_nested_totals_do_not_give_a_cell_away_by_their_difference():
    # DS-01 over a, b, c, d; the share DS-02/DS-01 over a, b and d only: the difference would be c's 3
    pilots = [
        ("a", _pilot((Indicator.DS_01, 10, 10), (Indicator.DS_02, 6, 10))),
        ("b", _pilot((Indicator.DS_01, 4, 4), (Indicator.DS_02, 3, 4))),
        ("c", _pilot((Indicator.DS_01, 3, 3))),
        ("d", _pilot((Indicator.DS_01, 3, 3), (Indicator.DS_02, 2, 3))),
    ]
    shown = disclose(pilots, K)
    assert shown.stages[0].value.value == 20  # hidden 4 + 3 + 3: 10 people in three cells
    assert shown.stages[1].value.value == 11  # hidden 3 + 2: 5 people in two cells
    assert shown.stages[1].share.hidden is Hidden.WITHHELD  # its denominator 17 is 20 minus c's 3
