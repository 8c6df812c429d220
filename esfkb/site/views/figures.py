"""Indicator figures on the site, as :mod:`esfkb.privacy.disclosure` allows them for the whole edition.

The doorstroom funnel follows DS-01 (involved) → DS-02 (transition realised) → DS-03 (still at
work after 6 months) → DS-04 (after 12 months). Which figures read '< 5' or 'afgeschermd' is
decided once per build, over every published pilot together, as part of the edition's
portfolio (:mod:`esfkb.portfolio.figures`); this module only turns those figures into chart cells and text.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from esfkb.portfolio.figures import portfolio
from esfkb.privacy.disclosure import WITHHELD_TEXT, Disclosure, Figure, Hidden, Measure, hidden_text
from esfkb.site.html.charts import Cell
from esfkb.site.html.labels import format_number

if TYPE_CHECKING:
    from esfkb.portfolio.figures import Portfolio
    from esfkb.site.context import SiteContext


def edition_portfolio(ctx: SiteContext) -> Portfolio:
    """The portfolio of what the edition publishes (worked out once per build)."""
    key = ("figures", "portfolio")
    if key not in ctx.memo:
        documents = [d for kind in ctx.kb.kinds.kinds for d in ctx.documents(kind.name)]
        ctx.memo[key] = portfolio(documents, ctx.kb.kinds, ctx.audience.small_cell)
    return ctx.memo[key]


def disclosure(ctx: SiteContext) -> Disclosure:
    """What the edition may publish of its pilots' indicators: its portfolio's disclosure."""
    return edition_portfolio(ctx).disclosure


def figure_cell(shown: Disclosure, figure: Figure) -> Cell:
    """A figure as a chart cell: its value, how a hidden one reads, empty when not measured."""
    if figure.value is not None:
        return Cell(figure.value, format_number(figure.value))
    return Cell(None, shown.text(figure) or "")


def pilot_funnel(ctx: SiteContext, pilot_id: str) -> list[Cell]:
    """The funnel cells of one pilot."""
    shown = disclosure(ctx)
    return [figure_cell(shown, m.value) if m is not None else Cell(None, "") for m in shown.funnel(pilot_id)]


def measures(ctx: SiteContext, pilot_id: str) -> list[tuple[Measure, Cell, Cell]]:
    """Every measurement of a pilot with its value and n as they read, by indicator and date."""
    shown = disclosure(ctx)
    found = sorted(shown.measures.get(pilot_id, ()), key=lambda m: (m.indicator.value, m.peildatum))
    return [(m, figure_cell(shown, m.value), figure_cell(shown, m.n)) for m in found]


def hidden_note(ctx: SiteContext) -> str:
    """What a chart's caption says about the figures it does not show."""
    return (f"Cijfers over minder dan {ctx.audience.small_cell} personen tonen we als "
            f"'{hidden_text(Hidden.SMALL, ctx.audience.small_cell)}', cijfers die zo een cijfer zouden prijsgeven "
            f"als '{WITHHELD_TEXT}'.")
