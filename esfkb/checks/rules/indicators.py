"""Indicator sanity: the doorstroom funnel of a pilot can only narrow."""

from __future__ import annotations

from typing import TYPE_CHECKING

from esfkb.checks.diagnostics import Code, Severity
from esfkb.checks.rule import Rule
from esfkb.i18n import N_, _
from esfkb.model.models import Proeftuin
from esfkb.model.vocabulary import Indicator

if TYPE_CHECKING:
    from collections.abc import Iterator

    from esfkb.base.knowledge_base import KnowledgeBase
    from esfkb.checks.diagnostics import Diagnostic
    from esfkb.checks.rule import RuleContext

FUNNEL = Code("ESF321", "indicator-funnel", Severity.ERROR,
              N_("A pilot's doorstroom figures do not narrow."),
              N_("Of the target-group employees involved (DS-01) only some move on (DS-02), and of those only "
                 "some are still at work after 6 and 12 months (DS-03, DS-04). So DS-02 <= DS-01 and DS-03, "
                 "DS-04 <= DS-02, comparing the latest measurement of each code."))

FUNNEL_ORDER: tuple[tuple[Indicator, Indicator], ...] = (
    (Indicator.DS_02, Indicator.DS_01),
    (Indicator.DS_03, Indicator.DS_02),
    (Indicator.DS_04, Indicator.DS_02),
)
"""(narrower, wider) pairs of the doorstroom funnel."""


class IndicatorRule(Rule):
    """Compare the latest value of each funnel indicator of a pilot."""

    codes = (FUNNEL,)

    def check(self, kb: KnowledgeBase, context: RuleContext) -> Iterator[Diagnostic]:
        for pilot in kb.of_kind("proeftuin"):
            if not isinstance(pilot.model, Proeftuin):
                continue
            latest: dict[Indicator, tuple[int, float]] = {}
            for index, meting in enumerate(pilot.model.indicatoren):
                current = latest.get(meting.indicator)
                if current is None or pilot.model.indicatoren[current[0]].peildatum <= meting.peildatum:
                    latest[meting.indicator] = (index, meting.waarde)
            for narrow, wide in FUNNEL_ORDER:
                if narrow in latest and wide in latest and latest[narrow][1] > latest[wide][1]:
                    index = latest[narrow][0]
                    yield self.report(pilot, ("indicatoren", index, "waarde"), FUNNEL,
                                      _("{narrow} ({narrow_label}) is {narrow_value}, more than {wide} "
                                        "({wide_label}) {wide_value}: check both figures").format(
                                          narrow=narrow.value, narrow_label=narrow.label,
                                          narrow_value=f"{latest[narrow][1]:g}", wide=wide.value,
                                          wide_label=wide.label, wide_value=f"{latest[wide][1]:g}"))
