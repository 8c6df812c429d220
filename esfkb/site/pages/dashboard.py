"""The portfolio dashboard: key figures, pilots by province and status, forms, win-win, doorstroom.

Every chart comes with its figures; the doorstroom funnel is summed over pilots with the figures
that :mod:`esfkb.privacy.disclosure` allows, the same as ``esfkb report``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from esfkb.model.models import Businessmodel, Proeftuin, Registratie
from esfkb.model.vocabulary import Proeftuinstatus, Provincie, Samenwerkingsvorm, WinwinNiveau
from esfkb.privacy.disclosure import FUNNEL
from esfkb.site.html.charts import Cell, Row, Series, bar_chart, figure, funnel_chart
from esfkb.site.html.labels import format_number, term
from esfkb.site.html.markup import Html, el, join
from esfkb.site.html.tables import plain_table
from esfkb.site.views.documents import FUNNEL_COLOR, SIDE_COLORS
from esfkb.site.views.figures import aggregate_funnel, hidden_note

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
KIND_COLORS = {"proeftuin": "#00796b", "businessmodel": "#f9a825"}


def _pilots(ctx: SiteContext) -> list[Proeftuin]:
    return [d.model for d in ctx.documents("proeftuin") if isinstance(d.model, Proeftuin)]


def _models(ctx: SiteContext) -> list[Businessmodel]:
    return [d.model for d in ctx.documents("businessmodel") if isinstance(d.model, Businessmodel)]


def _count(n: int) -> Cell:
    return Cell(n, format_number(n))


def key_figures(ctx: SiteContext, here: str) -> Html:
    """Tiles with the size of the portfolio."""
    registrations = [d for d in ctx.kb.of_kind("registratie") if isinstance(d.model, Registratie)]
    shown = sum(ctx.published(d) for d in registrations)
    tiles = [(len(ctx.documents(kind)), ctx.kb.kinds.by_name[kind].plural)
             for kind in ("proeftuin", "businessmodel", "draaiboek", "matchmaker") if kind in ctx.kb.kinds.by_name]
    tiles.append((len(registrations), f"Registraties ({shown} met profiel in deze editie)"))
    return el("div", *(el("div", el("span", format_number(n), class_="esfkb-tile__number"),
                             el("span", label, class_="esfkb-tile__label"), class_="esfkb-tile")
                       for n, label in tiles), class_="esfkb-tiles")


def by_province(ctx: SiteContext, here: str) -> Html:
    """Pilots per province, stacked by status (a pilot in two provinces counts in both)."""
    pilots = _pilots(ctx)
    statuses = [s for s in Proeftuinstatus if any(p.status == s for p in pilots)]
    rows = []
    for province in Provincie:
        counts = [sum(1 for p in pilots if province in p.provincies and p.status == s) for s in statuses]
        if sum(counts) or province is not Provincie.WALLONIE:
            rows.append(Row(term(province), tuple(_count(c) for c in counts)))
    series = [Series(term(s), STATUS_COLORS.get(s, "#777")) for s in statuses]
    chart = bar_chart("dashboard-provincies", "Proeftuinen per provincie en status", rows, series, stacked=True)
    table = plain_table(["Provincie", *(s.name for s in series), "Totaal"],
                        [(r.label, *(c.text for c in r.cells), format_number(sum(c.value or 0 for c in r.cells)))
                         for r in rows])
    return figure(chart, "Aantal proeftuinen per provincie, volgens hun status.", table)


def forms_used(ctx: SiteContext, here: str) -> Html:
    """How many pilots and models use each samenwerkingsvorm; the unused ones are named."""
    pilots, models = _pilots(ctx), _models(ctx)
    rows, unused = [], []
    for form in Samenwerkingsvorm:
        n_pilots = sum(form in p.samenwerkingsvormen for p in pilots)
        n_models = sum(form == m.samenwerkingsvorm for m in models)
        if n_pilots or n_models:
            rows.append(Row(term(form), (_count(n_pilots), _count(n_models))))
        else:
            unused.append(term(form))
    series = [Series("Proeftuinen", KIND_COLORS["proeftuin"]), Series("Businessmodellen", KIND_COLORS["businessmodel"])]
    chart = bar_chart("dashboard-vormen", "Gebruikte samenwerkingsvormen", rows, series)
    table = plain_table(["Samenwerkingsvorm", "Proeftuinen", "Businessmodellen"],
                        [(r.label, *(c.text for c in r.cells)) for r in rows])
    gap = el("p", "Nog niet uitgetest: " + ", ".join(unused) + ".") if unused else Html("")
    return join([figure(chart, "Aantal proeftuinen en businessmodellen per samenwerkingsvorm.", table), gap])


def winwin_coverage(ctx: SiteContext, here: str) -> Html:
    """Per win-win level, how many pilots expect it for the social and for the regular partner."""
    pilots, models = _pilots(ctx), _models(ctx)
    rows, table = [], []
    for level in WinwinNiveau:
        social = sum(level in p.winwin.sociale_partner for p in pilots)
        regular = sum(level in p.winwin.reguliere_partner for p in pilots)
        rows.append(Row(term(level), (_count(social), _count(regular))))
        table.append((term(level), social, regular, sum(level in m.winwin.sociale_partner for m in models),
                      sum(level in m.winwin.reguliere_partner for m in models)))
    series = [Series("Sociale partner", SIDE_COLORS["social"]), Series("Reguliere partner", SIDE_COLORS["regular"])]
    chart = bar_chart("dashboard-winwin", "Win-win per kant in de proeftuinen", rows, series)
    figures = plain_table(["Win-win niveau", "Proeftuinen: sociale partner", "Proeftuinen: reguliere partner",
                           "Modellen: sociale partner", "Modellen: reguliere partner"], table)
    return figure(chart, "Aantal proeftuinen dat elk win-win niveau nastreeft, per kant.", figures)


def funnel(ctx: SiteContext, here: str) -> Html:
    """The doorstroom funnel summed over all pilots."""
    stages = aggregate_funnel(ctx)
    if not any(n for _, n in stages):
        return el("p", "Nog geen proeftuin rapporteerde doorstroomcijfers.", class_="esfkb-empty")
    rows = [Row(f"{code.value} {code.label}", (cell,)) for code, (cell, _) in zip(FUNNEL, stages, strict=True)]
    chart = funnel_chart("dashboard-doorstroom", "Doorstroom over alle proeftuinen", rows, FUNNEL_COLOR)
    figures = [(r.label, r.cells[0].text or "niet gemeten", n) for r, (_, n) in zip(rows, stages, strict=True)]
    table = plain_table(["Indicator", "Totaal", "Proeftuinen met een meting"], figures)
    caption = f"Som van de laatste meting per proeftuin. {hidden_note(ctx)}"
    return figure(chart, caption, table)
