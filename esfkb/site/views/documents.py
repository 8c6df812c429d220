"""What a reader wants to see per kind, beyond the card: canvas, timeline, composition, funnel, profile.

Each view takes (context, document, page URL) and returns HTML; :mod:`esfkb.site.sections`
decides where on the page each one goes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from esfkb.matching.composition import compose
from esfkb.model.models import Businessmodel, Draaiboek, Matchmaker, Proeftuin, Registratie
from esfkb.model.vocabulary import Economie, Engagement, Indicator, Rol
from esfkb.privacy.disclosure import FUNNEL
from esfkb.site.audience import anonymous_label
from esfkb.site.html.charts import Row, Unit, figure, funnel_chart, unit_chart
from esfkb.site.html.labels import format_date, term
from esfkb.site.html.markup import Html, bullet_list, el, esc, inline, join, link, paragraphs, phone_link
from esfkb.site.html.tables import plain_table
from esfkb.site.views.cards import value_html
from esfkb.site.views.figures import hidden_note, measures, pilot_funnel

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from esfkb.model.documents import Document
    from esfkb.privacy.contacts import Contact
    from esfkb.site.context import SiteContext

SIDE_COLORS = {"social": "#00796b", "regular": "#3949ab", "other": "#8d6e63"}
ENGAGEMENT_COLORS: dict[Engagement, str] = {
    Engagement.INTERESSE: "#90a4ae",
    Engagement.INTENTIEVERKLARING: "#26a69a",
    Engagement.OVEREENKOMST: "#00695c",
    Engagement.GESTOPT: "#9e9e9e",
}
ROLE_LETTERS: dict[Rol, str] = {Rol.TREKKER: "T", Rol.PARTNER: "P", Rol.ONDERSTEUNEND: "O"}
FUNNEL_COLOR = "#00796b"


def _cell(title: str, body: Html, modifier: str) -> Html:
    return el("section", el("h4", title), body, class_=f"esfkb-canvas__cell esfkb-canvas__{modifier}")


def canvas(ctx: SiteContext, document: Document, here: str) -> Html:
    """The two-sided canvas: the value for the social partner, the employee and the regular partner side by side."""
    model = document.model
    assert isinstance(model, Businessmodel)
    c, w = model.canvas, model.canvas.waardepropositie
    impact = bullet_list(_indicator_item(code) for code in c.impact)
    return el("div",
              _cell("Context", paragraphs(c.context), "context"),
              _cell("Waarde voor de sociale partner", paragraphs(w.sociale_partner), "social"),
              _cell("Waarde voor de doelgroepmedewerker", paragraphs(w.doelgroepmedewerker), "employee"),
              _cell("Waarde voor de reguliere partner", paragraphs(w.reguliere_partner), "regular"),
              _cell("Kernactiviteiten", paragraphs(c.kernactiviteiten), "activities"),
              _cell("Kernmiddelen", paragraphs(c.kernmiddelen), "resources"),
              _cell("Partners", paragraphs(c.partners), "partners"),
              _cell("Kosten", paragraphs(c.kosten), "costs"),
              _cell("Inkomsten", paragraphs(c.inkomsten), "revenue"),
              _cell("Impact", impact, "impact") if c.impact else "",
              class_="esfkb-canvas")


def _indicator_item(code: Indicator) -> Html:
    return Html(el("code", code.value) + esc(f" {code.label}") + el("span", f" · {code.description}",
                                                                      class_="esfkb-meta"))


def conditions(ctx: SiteContext, document: Document, here: str) -> Html:
    """Randvoorwaarden and risks of a model, side by side."""
    model = document.model
    assert isinstance(model, Businessmodel)
    return _columns(("Randvoorwaarden", model.randvoorwaarden), ("Risico's", model.risicos))


def _columns(*groups: tuple[str, list[str]]) -> Html:
    return el("div", *(el("div", el("h3", title), bullet_list(inline(i) for i in items))
                       for title, items in groups if items), class_="esfkb-columns")


def playbooks(ctx: SiteContext, document: Document, here: str) -> Html:
    """The playbooks that implement a model."""
    rows = [d for d in ctx.kb.referencing(document.id, "draaiboek") if d.valid and ctx.published(d)]
    if not rows:
        return el("p", "Nog geen draaiboek voert dit model uit.", class_="esfkb-empty")
    return _doc_table(ctx, here, rows, ("Draaiboek", "Status", "Versie", "Doelpubliek"),
                      lambda d: (term(d.model.status), d.model.versie, value_html(ctx, d.model.doelpubliek, here)))


def _doc_table(ctx: SiteContext, here: str, documents: list[Document], headers: tuple[str, ...],
               extra: Callable[[Any], Sequence[object]]) -> Html:
    """A table whose first column links each document and whose other columns ``extra`` renders."""
    rows = [(ctx.ref(d, here), *extra(d)) for d in documents]
    return plain_table(headers, rows)


def timeline(ctx: SiteContext, document: Document, here: str) -> Html:
    """Phases and steps as a numbered timeline with role, duration and result per step."""
    model = document.model
    assert isinstance(model, Draaiboek)
    phases = []
    for number, fase in enumerate(model.fasen, start=1):
        steps = []
        for stap in fase.stappen:
            facts = (("Rol", stap.rol), ("Duur", stap.duur), ("Resultaat", stap.resultaat))
            meta = [Html(el("dt", label) + el("dd", inline(value))) for label, value in facts if value]
            steps.append(el("li", el("p", inline(stap.titel), class_="esfkb-step__title"),
                            el("dl", *meta, class_="esfkb-step__meta") if meta else "", class_="esfkb-step"))
        phases.append(el("li",
                         el("div", el("span", str(number), class_="esfkb-phase__number", aria_hidden="true"),
                            el("h3", term(fase.fase), class_="esfkb-phase__title"),
                            el("p", fase.fase.description, class_="esfkb-meta"), class_="esfkb-phase__head"),
                         el("ol", *steps, class_="esfkb-steps"), class_="esfkb-phase"))
    return el("ol", *phases, class_="esfkb-timeline")


def checklists(ctx: SiteContext, document: Document, here: str) -> Html:
    """The legal checklist, success factors, pitfalls and indicators of a playbook."""
    model = document.model
    assert isinstance(model, Draaiboek)
    parts = [_columns(("Juridische checklist", model.juridische_checklist), ("Succesfactoren", model.succesfactoren),
                      ("Valkuilen", model.valkuilen))]
    if model.indicatoren:
        parts.append(el("div", el("h3", "Indicatoren"), bullet_list(_indicator_item(c) for c in model.indicatoren)))
    return join(parts)


def _side(economie: Economie | None) -> str:
    if economie == Economie.SOCIALE_ECONOMIE:
        return "social"
    return "regular" if economie == Economie.REGULIERE_ECONOMIE else "other"


SIDE_LABELS = {"social": "Sociale economie", "regular": "Reguliere economie", "other": "Andere"}


def composition(ctx: SiteContext, document: Document, here: str) -> Html:
    """Who takes part: a unit chart by side (letter = role, colour = engagement) and the list."""
    model = document.model
    assert isinstance(model, Proeftuin)
    rows: dict[str, list[Unit]] = {"social": [], "regular": [], "other": []}
    table: list[tuple[object, ...]] = []
    members: list[tuple[Economie, Engagement]] = []
    for deelnemer in model.deelnemers:
        registration = ctx.kb.get(deelnemer.registratie)
        reg = registration.model if registration is not None else None
        economie = reg.economie if isinstance(reg, Registratie) else None
        if economie is not None:
            members.append((economie, deelnemer.engagement))
        name = ctx.ref(registration, here, fallback=anonymous_label(None))
        tip = f"{_plain_name(ctx, registration)}: {term(deelnemer.rol).lower()}, {term(deelnemer.engagement).lower()}"
        rows[_side(economie)].append(Unit(ROLE_LETTERS.get(deelnemer.rol, "?"), ENGAGEMENT_COLORS[deelnemer.engagement],
                                          tip, dashed=deelnemer.engagement == Engagement.GESTOPT))
        table.append((name, term(economie) if economie else "onbekend", term(deelnemer.rol),
                      term(deelnemer.engagement)))
    counts = compose(members)
    chart_rows = [(SIDE_LABELS[side], units) for side, units in rows.items() if units or side != "other"]
    legend = [(term(e), c, e == Engagement.GESTOPT) for e, c in ENGAGEMENT_COLORS.items()]
    note = "Letter: " + ", ".join(f"{letter} = {term(rol).lower()}" for rol, letter in ROLE_LETTERS.items())
    chart = unit_chart(f"samenstelling-{document.id}", f"Samenstelling van {document.title}", chart_rows, legend, note)
    caption = (f"{counts.social} uit de sociale economie, {counts.regular} uit de reguliere economie, "
               f"{counts.neutral} andere; {counts.stopped} gestopt.")
    return figure(chart, caption, plain_table(("Deelnemer", "Economie", "Rol", "Engagement"), table))


def _plain_name(ctx: SiteContext, registration: Document | None) -> str:
    if registration is not None and ctx.published(registration):
        return registration.title
    return anonymous_label(registration)


def doorstroom(ctx: SiteContext, document: Document, here: str) -> Html:
    """How the pilot creates durable transitions, and the DS-01 → DS-04 funnel with its figures."""
    model = document.model
    assert isinstance(model, Proeftuin)
    cells = pilot_funnel(ctx, document.id)
    parts = [paragraphs(model.doorstroom)]
    if any(c.text for c in cells):
        stages = [Row(f"{code.value} {code.label}", (cell,)) for code, cell in zip(FUNNEL, cells, strict=True)]
        chart = funnel_chart(f"doorstroom-{document.id}", f"Doorstroom in {document.title}", stages, FUNNEL_COLOR)
        table = plain_table(("Indicator", "Waarde"), [(s.label, s.cells[0].text or "niet gemeten") for s in stages])
        parts.append(figure(chart, _funnel_caption(ctx), table))
    return join(parts)


def _funnel_caption(ctx: SiteContext) -> str:
    return (f"Van betrokken doelgroepmedewerkers naar duurzaam werk buiten de sociale economie. "
            f"{hidden_note(ctx)}")


def indicators(ctx: SiteContext, document: Document, here: str) -> Html:
    """Every measurement of a pilot, as :mod:`esfkb.privacy.disclosure` allows it."""
    rows = [(f"{m.indicator.value} {m.indicator.label}", value.text, n.text or "–", format_date(m.peildatum))
            for m, value, n in measures(ctx, document.id)]
    return plain_table(("Indicator", "Waarde", "n", "Peildatum"), rows)


def profile(ctx: SiteContext, document: Document, here: str) -> Html:
    """What a registration offers and seeks, or a matchmaker's expertise; contacts in the matchmakers edition."""
    model = document.model
    parts: list[Html] = []
    if isinstance(model, Registratie):
        parts.append(_columns(("Aanbod", model.aanbod), ("Vraag", model.vraag)))
        contact = ctx.audience.contact(document)
        if contact is not None:
            parts.append(_contact(contact))
    elif isinstance(model, Matchmaker):
        parts.append(_columns(("Expertise", model.expertise)))
    return join(parts)


def _contact(contact: Contact) -> Html:
    rows = [("Naam", esc(contact.naam)), ("Functie", esc(contact.functie)),
            ("E-mail", link(f"mailto:{contact.email}", contact.email) if contact.email else ""),
            ("Telefoon", phone_link(contact.telefoon) if contact.telefoon else "")]
    shown = [Html(el("dt", k) + el("dd", v)) for k, v in rows if v]
    body = el("dl", *shown) if shown else el("p", "Geen contactgegevens bekend in het contactbestand.")
    return el("div", el("p", "Contactpersoon (vertrouwelijk)", class_="admonition-title"), body,
              class_="admonition danger esfkb-contact")


def pilots(ctx: SiteContext, document: Document, here: str) -> Html:
    """The pilots a registration takes part in (with role and engagement) or a matchmaker guides."""
    found = [d for d in ctx.kb.referencing(document.id, "proeftuin") if d.valid and ctx.published(d)]
    if not found:
        return el("p", "Nog in geen enkele proeftuin.", class_="esfkb-empty")
    if isinstance(document.model, Registratie):
        def extra(pilot: Document) -> tuple[object, ...]:
            model: Proeftuin = pilot.model  # type: ignore[assignment]
            entry = next(d for d in model.deelnemers if d.registratie == document.id)
            return term(entry.rol), term(entry.engagement), term(model.status)
        return _doc_table(ctx, here, found, ("Proeftuin", "Rol", "Engagement", "Status"), extra)
    return _doc_table(ctx, here, found, ("Proeftuin", "Status", "Provincies", "Start"),
                      lambda p: (term(p.model.status), value_html(ctx, p.model.provincies, here),
                                 format_date(p.model.startdatum)))



def suggestions(ctx: SiteContext, document: Document, here: str) -> Html:
    """Matchmakers edition only: the registrations worth approaching for a pilot being composed, and why."""
    from esfkb.matching import site_suggestions

    key = ("suggestions", "")
    if key not in ctx.memo:  # ranked once per build for every pilot being composed
        ctx.memo[key] = site_suggestions(ctx.kb, today=ctx.audience.today, top=5)
    found = ctx.memo[key].get(document.id, ())
    if not found:
        return el("p", "Geen registraties gevonden die de samenstelling verbeteren.", class_="esfkb-empty")
    items = [
        el("li", ctx.ref(ctx.kb.get(s.registratie), here), f" ({term(s.economie).lower()})",
           bullet_list([esc(reason) for reason in s.reasons]))
        for s in found
    ]
    return el("ol", *items, class_="esfkb-suggestions")


def last_updated(ctx: SiteContext, document: Document, here: str) -> Html:
    """When the document last changed: "Laatst bijgewerkt op 3 december 2026"."""
    day = ctx.updated[ctx.src_uri(document)]
    return el("p", "Laatst bijgewerkt op ", el("time", format_date(day), datetime=day.isoformat()),
              class_="esfkb-updated")
