"""The accessibility statement (toegankelijkheidsverklaring), as Flemish public websites publish one.

It states the conformance level honestly: the automated checks that run on every change cannot see everything,
so the site claims partial conformance with WCAG 2.1 AA. The contact route is the functional mailbox of the
settings (``toegankelijkheid_email``); the complaint route is the Vlaamse Ombudsdienst.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from esfkb.site.html.labels import format_date
from esfkb.site.html.markup import Html, bullet_list, el, join, link

if TYPE_CHECKING:
    from collections.abc import Callable

    from esfkb.site.context import SiteContext

TITLE = "Toegankelijkheidsverklaring"
DRAWN_UP = date(2026, 12, 4)
"""When the statement was drawn up (or last reviewed): change it with the statement."""
OMBUDSDIENST = "https://www.vlaamseombudsdienst.be/"

INTRO = ("ESF Vlaanderen wil dat iedereen deze kennisbank kan gebruiken, ook wie met een schermlezer, alleen met "
         "het toetsenbord, op een smartphone of op papier werkt. Dat vraagt het Bestuursdecreet van 7 december 2018 "
         "van elke website van de Vlaamse overheid, volgens de Europese richtlijn (EU) 2016/2102 en de norm "
         "EN 301 549. Deze verklaring geldt voor alle pagina's van de kennisbank, in beide edities.")


def _status(ctx: SiteContext) -> Html:
    return join([
        el("p", "Deze website is ", el("strong", "gedeeltelijk conform"), " met de Web Content Accessibility "
           "Guidelines (WCAG) 2.1, niveau AA. De pagina's die de kennisbank zelf opbouwt, doorstaan elke "
           "automatische controle hieronder; wat een automatische controle niet kan beoordelen, werd nog niet "
           "door mensen met een beperking of door een externe audit nagekeken. Daarom claimen we geen volledige "
           "conformiteit."),
        el("p", f"Deze verklaring werd opgesteld op {format_date(DRAWN_UP)}, op basis van een zelfevaluatie met de "
                "tests die hieronder staan."),
    ])


def _tests(ctx: SiteContext) -> Html:
    return join([
        el("p", "Bij elke wijziging bouwt de CI de site opnieuw en test ze in een browser (Chromium):"),
        bullet_list([
            "axe-core, met de regels van WCAG 2.0 en 2.1 op niveau A en AA, op elk soort pagina van beide "
            "edities: de startpagina, de bibliotheek (ook na een zoekvraag en met een filter aangevinkt), de "
            "overzichten, een pagina van elk soort document, de samenwerkingsvormen, de win-win niveaus, de "
            "woordenlijst, het dashboard en de foutpagina;",
            "het toetsenbord in de bibliotheek: Tab bereikt het zoekvak, de filters en elk resultaat in een "
            "logische volgorde, de spatiebalk vinkt een filter aan, de focus is altijd zichtbaar en het aantal "
            "resultaten wordt voorgelezen;",
            "de breedte van een smartphone (360 en 390 pixels): geen enkele pagina schuift zijwaarts;",
            "het afdrukken: een gedrukt draaiboek of businessmodel toont geen navigatie, kop of zoekvak, en alle "
            "ingeklapte delen staan open.",
        ]),
        el("p", "Grafieken hebben een titel en een beschrijving, en hun cijfers staan ook in een tabel."),
    ])


def _unseen(ctx: SiteContext) -> Html:
    return join([
        el("p", "Een automatische test ziet niet alles. Hij controleert niet:"),
        bullet_list([
            "of de alternatieve tekst bij een afbeelding beschrijft wat erop staat;",
            "of de teksten die matchmakers schrijven (businessmodellen, draaiboeken, proeftuinen) eenvoudig genoeg "
            "zijn: hun leesniveau wordt niet gemeten;",
            "documenten van derden waarnaar de kennisbank verwijst, zoals pdf-bestanden;",
            "hoe de site werkt met elke schermlezer en elke vergroting.",
        ]),
    ])


def _limitations(ctx: SiteContext) -> Html:
    return bullet_list([
        "Teksten van auteurs kunnen vaktaal bevatten (bijvoorbeeld over premies en erkenningen).",
        "Alternatieve teksten bij afbeeldingen in de inhoud zijn niet nagekeken op hun betekenis.",
        "Pdf-bestanden en websites van derden waarnaar we verwijzen, vallen buiten deze verklaring en zijn niet "
        "altijd toegankelijk.",
        "Er is nog geen test met gebruikers van hulptechnologie of een externe audit gebeurd.",
    ])


def _contact(ctx: SiteContext) -> Html:
    mailbox = ctx.kb.project.settings.toegankelijkheid_email
    return join([
        el("p", "Kun je iets op deze site niet gebruiken, of heb je informatie in een andere vorm nodig? Laat het "
                "ons weten via ", link(f"mailto:{mailbox}", mailbox), ". Vermeld de pagina en wat er misloopt; we "
                "laten je weten wat we eraan doen."),
    ])


def _complaints(ctx: SiteContext) -> Html:
    return el("p", "Ben je niet tevreden met ons antwoord, of krijg je geen antwoord? Dan kun je gratis klacht "
                   "indienen bij de Vlaamse Ombudsdienst: ", link(OMBUDSDIENST, "www.vlaamseombudsdienst.be"), ".")


PARTS: dict[str, tuple[str, Callable[[SiteContext], Html]]] = {
    "status": ("Nalevingsstatus", _status),
    "tests": ("Hoe we de site testen", _tests),
    "unseen": ("Wat automatische tests niet zien", _unseen),
    "limitations": ("Bekende beperkingen", _limitations),
    "contact": ("Feedback en contact", _contact),
    "complaints": ("Klachten", _complaints),
}
"""The statement's parts in order: a heading and what it says."""


def part(ctx: SiteContext, name: str) -> Html | None:
    """One part of the statement; None for a name it does not have."""
    found = PARTS.get(name)
    return found[1](ctx) if found is not None else None
