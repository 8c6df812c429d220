"""The portfolio dashboard: the edition's portfolio (:mod:`esfkb.portfolio.figures`) as charts and tables.

It renders the same model as ``esfkb report``, computed over what the edition publishes: documents
per kind and status, pilots per province and status and per ecosystem, samenwerkingsvormen and
win-win levels per side, and the doorstroom funnel with the figures :mod:`esfkb.privacy.disclosure`
allows. Every chart comes with its figures, folded under "Cijfers".
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from esfkb.model.vocabulary import Proeftuinstatus, Provincie
from esfkb.portfolio.figures import SIDES, side_label
from esfkb.site.html.charts import Cell, Row, Series, bar_chart, figure, funnel_chart
from esfkb.site.html.labels import format_number, term
from esfkb.site.html.markup import Html, el, join
from esfkb.site.html.tables import plain_table
from esfkb.site.views.documents import FUNNEL_COLOR, SIDE_COLORS
from esfkb.site.views.figures import edition_portfolio, figure_cell, hidden_note

if TYPE_CHECKING:
    from esfkb.site.context import SiteContext

STATUS_COLORS: dict[Proeftuinstatus, str] = {
    Proeftuinstatus.VERKENNING: "#b0bec5",
    Proeftuinstatus.SAMENSTELLING: "#80cbc4",
    Proeftuinstatus.ONTWERP: "#4db6ac",
    Proeftuinstatus.LOPEND: "#00897b",
    Proeftuinstatus.GEEVALUEERD: "#3949ab",
    Proeftuinstatus.AFGEROND: "#283593",
    Proeftuinstatus.STOPGEZET: "#e57373",
}
KIND_COLORS = {"proeftuin": "#00796b", "businessmodel": "#f9a825", "draaiboek": "#8d6e63"}
TILES = ("proeftuin", "businessmodel", "draaiboek", "matchmaker", "registratie")
"""The kinds with a tile, in this order."""
TOTAL = "Totaal"
_SIDE_COLORS = (SIDE_COLORS["social"], SIDE_COLORS["regular"])
"""The colour of each of :data:`SIDES`."""


def _count(n: int) -> Cell:
    return Cell(n, format_number(n))


def key_figures(ctx: SiteContext, here: str) -> Html:
    """Tiles with the size of the portfolio, and its documents per kind and status.

    A status the edition keeps private (a registration's) is not counted.
    """
    shown = edition_portfolio(ctx)
    counts = {c.kind.name: c for c in shown.documents}
    tiles = el("div", *(el("div", el("span", format_number(counts[kind].total), class_="esfkb-tile__number"),
                           el("span", counts[kind].kind.plural, class_="esfkb-tile__label"), class_="esfkb-tile")
                        for kind in TILES if kind in counts), class_="esfkb-tiles")
    rows = []
    for count in shown.documents:
        rows.append((count.kind.plural, TOTAL, format_number(count.total)))
        if count.statuses is not None and ctx.audience.shows_field(count.kind.model, "status"):
            rows += [(count.kind.plural, term(status), format_number(n)) for status, n in count.statuses.items()]
    table = plain_table(["Soort", "Status", "Aantal"], rows)
    note = el("p", "Wat deze editie publiceert: registraties alleen met hun toestemming.")
    return join([tiles, el("details", el("summary", "Cijfers"), note, table)])


def by_province(ctx: SiteContext, here: str) -> Html:
    """Pilots per province, stacked by status (a pilot in two provinces counts in both)."""
    provinces = edition_portfolio(ctx).provinces
    statuses = [s for s in Proeftuinstatus if any(counts[s] for counts in provinces.values())]
    rows = [Row(term(province), tuple(_count(counts[s]) for s in statuses)) for province, counts in provinces.items()
            if sum(counts.values()) or province is not Provincie.WALLONIE]
    series = [Series(term(s), STATUS_COLORS.get(s, "#777")) for s in statuses]
    chart = bar_chart("dashboard-provincies", "Proeftuinen per provincie en status", rows, series, stacked=True)
    table = plain_table(["Provincie", *(s.name for s in series), TOTAL],
                        [(r.label, *(c.text for c in r.cells), format_number(sum(c.value or 0 for c in r.cells)))
                         for r in rows])
    return figure(chart, "Aantal proeftuinen per provincie, volgens hun status.", table)


def by_ecosystem(ctx: SiteContext, here: str) -> Html:
    """Pilots per ecosystem level."""
    rows = [Row(term(level), (_count(n),)) for level, n in edition_portfolio(ctx).ecosystems.items()]
    chart = bar_chart("dashboard-ecosystemen", "Proeftuinen per ecosysteem", rows,
                      [Series("Proeftuinen", KIND_COLORS["proeftuin"])])
    table = plain_table(["Ecosysteem", "Proeftuinen"], [(r.label, r.cells[0].text) for r in rows])
    return figure(chart, "Aantal proeftuinen per niveau waarop ze partners samenbrengen.", table)


def forms_used(ctx: SiteContext, here: str) -> Html:
    """How many pilots, models and playbooks use each samenwerkingsvorm; the unused ones are named."""
    shown = edition_portfolio(ctx)
    kinds = list(shown.forms)
    rows, unused = [], []
    for form in next(iter(shown.forms.values())):
        counts = [shown.forms[kind][form] for kind in kinds]
        if any(counts):
            rows.append(Row(term(form), tuple(_count(n) for n in counts)))
        else:
            unused.append(term(form))
    series = [Series(shown.plural(kind), KIND_COLORS.get(kind, "#777")) for kind in kinds]
    chart = bar_chart("dashboard-vormen", "Gebruikte samenwerkingsvormen", rows, series)
    table = plain_table(["Samenwerkingsvorm", *(s.name for s in series)],
                        [(r.label, *(c.text for c in r.cells)) for r in rows])
    gap = el("p", "Nog niet uitgetest: " + ", ".join(unused) + ".") if unused else Html("")
    caption = "Aantal proeftuinen, businessmodellen en draaiboeken (volgens hun model) per samenwerkingsvorm."
    return join([figure(chart, caption, table), gap])


def winwin_coverage(ctx: SiteContext, here: str) -> Html:
    """Per win-win level, how many pilots expect it for the social and for the regular partner; in the table the
    models too."""
    shown = edition_portfolio(ctx)
    pilots = shown.winwin["proeftuin"]
    levels = list(pilots[SIDES[0]])
    rows = [Row(term(level), tuple(_count(pilots[side][level]) for side in SIDES)) for level in levels]
    series = [Series(side_label(side), color) for side, color in zip(SIDES, _SIDE_COLORS, strict=True)]
    chart = bar_chart("dashboard-winwin", "Win-win per kant in de proeftuinen", rows, series)
    columns = [(kind, side) for kind in shown.winwin for side in SIDES]
    figures = plain_table(["Win-win niveau", *(f"{shown.plural(k)}: {side_label(s).lower()}" for k, s in columns)],
                          [(term(level), *(format_number(shown.winwin[k][s][level]) for k, s in columns))
                           for level in levels])
    return figure(chart, "Aantal proeftuinen dat elk win-win niveau nastreeft, per kant.", figures)


def funnel(ctx: SiteContext, here: str) -> Html:
    """The doorstroom funnel summed over all pilots."""
    shown = edition_portfolio(ctx).disclosure
    if not any(stage.pilots for stage in shown.stages):
        return el("p", "Nog geen proeftuin rapporteerde doorstroomcijfers.", class_="esfkb-empty")
    rows = [Row(f"{s.indicator.value} {s.indicator.label}", (figure_cell(shown, s.value),)) for s in shown.stages]
    chart = funnel_chart("dashboard-doorstroom", "Doorstroom over alle proeftuinen", rows, FUNNEL_COLOR)
    figures = [(r.label, r.cells[0].text or "niet gemeten", s.pilots) for r, s in zip(rows, shown.stages, strict=True)]
    table = plain_table(["Indicator", "Totaal", "Proeftuinen met een meting"], figures)
    caption = f"Som van de laatste meting per proeftuin. {hidden_note(ctx)}"
    return figure(chart, caption, table)
