"""The five built-in kinds as pydantic models: the single source of truth for fields and schemas.

Keys are Dutch snake_case (the authors' vocabulary); every field carries a Dutch title and
description, which the site, the JSON Schemas and the error messages show.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field

from esfkb.model.fields import IsoDate, KboNumber, LicenceId, NaceCode, Postcode, Reference, Semver
from esfkb.model.licences import DEFAULT
from esfkb.model.vocabulary import (
    Bron,
    Doeleinde,
    Doelgroep,
    Doelpubliek,
    Economie,
    Ecosysteem,
    Engagement,
    Erkenning,
    Fase,
    Grootteklasse,
    Indicator,
    JuridischeVorm,
    Maturiteit,
    Premie,
    Proeftuinstatus,
    Provincie,
    Publicatiestatus,
    Registratiestatus,
    Rol,
    Samenwerkingsvorm,
    WinwinNiveau,
)

Tekst = Annotated[str, Field(min_length=1)]
"""Free text: Markdown allowed, no HTML."""


def field(title: str, description: str, default: Any = ..., **kwargs: Any) -> Any:
    """A pydantic ``Field`` with its Dutch label (title) and description."""
    return Field(default, title=title, description=description, **kwargs)


class KindModel(BaseModel):
    """Base of every frontmatter model: unknown keys are errors, never silently dropped; NaN and infinity are no
    numbers (JSON has none: the API files and reports would not be JSON)."""

    model_config = ConfigDict(extra="forbid", frozen=True, use_enum_values=False, allow_inf_nan=False)


class Toestemming(KindModel):
    """De toestemming die de organisatie gaf bij haar registratie."""

    datum: IsoDate = field("Datum", "Wanneer de toestemming gegeven werd.")
    doeleinden: list[Doeleinde] = field(
        "Doeleinden", "Waarvoor de gegevens gebruikt mogen worden.", min_length=1
    )
    ingetrokken_op: IsoDate | None = field(
        "Ingetrokken op", "Wanneer de organisatie haar toestemming introk.", None
    )


class Refusal(StrEnum):
    """Why a registration may not be used for a purpose (see :meth:`Registratie.refusal`)."""

    CONSENT_WITHDRAWN = "consent_withdrawn"
    REGISTRATION_WITHDRAWN = "registration_withdrawn"
    NO_CONSENT = "no_consent"
    EXPIRED = "expired"


class Registratie(KindModel):
    """De registratie van interesse van een organisatie (enkel het publieke profiel)."""

    naam: Tekst = field("Naam", "Naam van de organisatie.")
    naam_bevat_persoonsnaam: bool = field(
        "Naam bevat persoonsnaam",
        "De naam van de organisatie bevat de naam van haar contactpersoon (gezet door de import): de publieke "
        "site toont hem enkel met toestemming voor publicatie_organisatieprofiel.", False)
    kbo_nummer: KboNumber = field("KBO-nummer", "Ondernemingsnummer, bv. 0123.456.749.")
    economie: Economie = field("Economie", "Tot welke economie de organisatie behoort.")
    erkenningen: list[Erkenning] = field("Erkenningen", "Erkenningen in de sociale economie.", [])
    nace: list[NaceCode] = field("Sector (NACE-BEL)", "Activiteitscodes, bv. \"81.21\".", [])
    grootteklasse: Grootteklasse | None = field("Grootteklasse", "Grootte van de organisatie.", None)
    postcode: Postcode = field("Postcode", "Postcode van de vestiging; bepaalt de provincie.")
    gemeente: Tekst = field("Gemeente", "Gemeente van de vestiging.")
    website: Tekst | None = field("Website", "Publieke website van de organisatie.", None)
    aanbod: list[Tekst] = field("Aanbod", "Wat de organisatie aanbiedt.", [])
    vraag: list[Tekst] = field("Vraag", "Wat de organisatie zoekt.", [])
    interesse_samenwerkingsvormen: list[Samenwerkingsvorm] = field(
        "Interesse in samenwerkingsvormen", "Welke samenwerkingsvormen de organisatie wil verkennen.", []
    )
    interesse_winwin: list[WinwinNiveau] = field(
        "Interesse in win-win", "Welke win-win de organisatie zoekt.", []
    )
    registratiedatum: IsoDate = field("Registratiedatum", "Wanneer de registratie binnenkwam.")
    bron: Bron = field("Bron", "Langs welke weg de registratie binnenkwam.")
    toestemming: Toestemming = field("Toestemming", "De gegeven toestemming.")
    status: Registratiestatus = field("Status", "De stand van de opvolging van deze registratie.")
    bewaren_tot: IsoDate = field(
        "Bewaren tot", "Tot wanneer de registratie bewaard mag worden; daarna verwijderen."
    )

    @property
    def withdrawn(self) -> bool:
        """Whether the organisation withdrew its consent or its registration."""
        return self.toestemming.ingetrokken_op is not None or self.status == Registratiestatus.INGETROKKEN

    def expired(self, today: date) -> bool:
        """Whether the registration is kept past ``bewaren_tot`` on ``today``."""
        return self.bewaren_tot < today

    def refusal(self, purpose: Doeleinde, today: date) -> Refusal | None:
        """Why the registration may not be used for ``purpose`` on ``today``, or None when it may.

        The one place that decides consent: withdrawal first, then the purpose, then retention.
        """
        if self.toestemming.ingetrokken_op is not None:
            return Refusal.CONSENT_WITHDRAWN
        if self.status == Registratiestatus.INGETROKKEN:
            return Refusal.REGISTRATION_WITHDRAWN
        if purpose not in self.toestemming.doeleinden:
            return Refusal.NO_CONSENT
        if self.expired(today):
            return Refusal.EXPIRED
        return None

    def usable_for(self, purpose: Doeleinde, today: date) -> bool:
        """Whether the registration may be used for ``purpose`` on ``today``."""
        return self.refusal(purpose, today) is None


class Matchmaker(KindModel):
    """Een facilitator die proeftuinen samenstelt en begeleidt."""

    naam: Tekst = field("Naam", "Naam van de organisatie.")
    kbo_nummer: KboNumber = field("KBO-nummer", "Ondernemingsnummer, bv. 0123.456.749.")
    website: Tekst | None = field("Website", "Publieke website.", None)
    email: Tekst | None = field("E-mail", "Functionele mailbox (gepubliceerd), nooit een persoonlijk adres.", None)
    expertise: list[Tekst] = field("Expertise", "Waar de matchmaker sterk in is.", [])
    werkingsgebied: list[Provincie] = field("Werkingsgebied", "Provincies waarin de matchmaker werkt.", [])
    opdracht: Tekst | None = field("Opdracht", "Referentie van de ESF-opdracht.", None)


class Winwin(KindModel):
    """Wat beide partners winnen: elke kant minstens één niveau."""

    sociale_partner: list[WinwinNiveau] = field(
        "Sociale partner", "Win-win voor de partner uit de sociale economie.", min_length=1
    )
    reguliere_partner: list[WinwinNiveau] = field(
        "Reguliere partner", "Win-win voor de partner uit de reguliere economie.", min_length=1
    )


class Deelnemer(KindModel):
    """Een deelnemende organisatie in een proeftuin."""

    registratie: Reference("registratie") = field("Registratie", "Id van de registratie.")
    rol: Rol = field("Rol", "Rol in de proeftuin.")
    engagement: Engagement = field("Engagement", "Hoe ver het engagement reikt.")


class Meting(KindModel):
    """Een gemeten indicatorwaarde."""

    indicator: Indicator = field("Indicator", "Indicatorcode, bv. DS-02.")
    waarde: float = field("Waarde", "De gemeten waarde.")
    n: int | None = field(
        "n", "Aantal personen waarover de waarde berekend is (voor de bescherming van kleine aantallen).",
        None, ge=0,
    )
    peildatum: IsoDate = field("Peildatum", "Datum van de meting.")


class Proeftuin(KindModel):
    """Een proeftuin: een samenwerking tussen sociale en reguliere economie."""

    titel: Tekst = field("Titel", "Titel van de proeftuin.")
    samenvatting: Tekst | None = field("Samenvatting", "Korte samenvatting.", None)
    matchmaker: Reference("matchmaker") = field("Matchmaker", "Id van de begeleidende matchmaker.")
    status: Proeftuinstatus = field("Status", "Fase van de proeftuin.")
    ecosysteem: Ecosysteem = field("Ecosysteem", "Niveau waarop partners samengebracht worden.")
    provincies: list[Provincie] = field("Provincies", "Waar de proeftuin loopt.", min_length=1)
    nace: list[NaceCode] = field("Sector (NACE-BEL)", "Sectoren van de proeftuin.", [])
    startdatum: IsoDate = field("Startdatum", "Start van de proeftuin.")
    einddatum: IsoDate | None = field("Einddatum", "Einde van de proeftuin.", None)
    deelnemers: list[Deelnemer] = field("Deelnemers", "De deelnemende organisaties.", min_length=1)
    samenwerkingsvormen: list[Samenwerkingsvorm] = field(
        "Samenwerkingsvormen", "Welke samenwerkingsvormen uitgetest worden.", min_length=1
    )
    winwin: Winwin = field("Win-win", "Wat beide kanten winnen.")
    doelgroepen: list[Doelgroep] = field("Doelgroepen", "Doelgroepen van de doelgroepmedewerkers.", [])
    doorstroom: Tekst = field("Doorstroom", "Hoe de proeftuin duurzame doorstroom realiseert.")
    indicatoren: list[Meting] = field("Indicatoren", "Gemeten resultaten.", [])


class Waardepropositie(KindModel):
    """Wat het model oplevert voor elk van de drie betrokkenen."""

    sociale_partner: Tekst = field("Sociale partner", "Waarde voor de partner uit de sociale economie.")
    reguliere_partner: Tekst = field("Reguliere partner", "Waarde voor de reguliere onderneming.")
    doelgroepmedewerker: Tekst = field("Doelgroepmedewerker", "Waarde voor de doelgroepmedewerker.")


class Canvas(KindModel):
    """Het tweezijdige businessmodelcanvas."""

    context: Tekst = field("Context", "Welk probleem of welke kans het model aanpakt.")
    waardepropositie: Waardepropositie = field("Waardepropositie", "Waarde voor elke betrokkene.")
    kernactiviteiten: Tekst = field("Kernactiviteiten", "Wat de partners samen doen.")
    kernmiddelen: Tekst = field("Kernmiddelen", "Mensen, infrastructuur en kennis die nodig zijn.")
    partners: Tekst = field("Partners", "Wie nog meewerkt en waarom.")
    kosten: Tekst = field("Kosten", "De belangrijkste kosten en wie ze draagt.")
    inkomsten: Tekst = field("Inkomsten", "Inkomsten, prijzen en premies.")
    impact: list[Indicator] = field("Impact", "Indicatoren waarmee de impact gemeten wordt.", [])


class Businessmodel(KindModel):
    """Een herbruikbaar businessmodel voor samenwerking."""

    titel: Tekst = field("Titel", "Titel van het businessmodel.")
    samenvatting: Tekst | None = field("Samenvatting", "Korte samenvatting.", None)
    samenwerkingsvorm: Samenwerkingsvorm = field("Samenwerkingsvorm", "De vorm van samenwerking.")
    winwin: Winwin = field("Win-win", "Wat beide kanten winnen.")
    proeftuinen: list[Reference("proeftuin")] = field(
        "Proeftuinen", "Proeftuinen waarin het model getest werd.", []
    )
    canvas: Canvas = field("Canvas", "Het tweezijdige canvas.")
    juridische_vorm: JuridischeVorm | None = field("Juridische vorm", "Juridische vorm.", None)
    premies: list[Premie] = field("Premies", "Gebruikte premies en ondersteuning.", [])
    randvoorwaarden: list[Tekst] = field("Randvoorwaarden", "Wat vooraf in orde moet zijn.", [])
    risicos: list[Tekst] = field("Risico's", "Wat kan mislopen.", [])
    maturiteit: Maturiteit = field("Maturiteit", "Hoe beproefd het model is.")
    status: Publicatiestatus = field("Status", "Levensloop van het model.")
    versie: Semver = field("Versie", "Semantische versie, bv. \"1.0.0\".")
    auteurs: list[Reference("matchmaker")] = field("Auteurs", "Matchmakers die het model schreven.", min_length=1)
    licentie: LicenceId = field("Licentie", "Licentie van de tekst.", DEFAULT, validate_default=True)


class Stap(KindModel):
    """Een stap binnen een fase van een draaiboek."""

    titel: Tekst = field("Titel", "Wat er gebeurt.")
    rol: Tekst | None = field("Rol", "Wie het doet.", None)
    duur: Tekst | None = field("Duur", "Hoe lang het duurt.", None)
    resultaat: Tekst | None = field("Resultaat", "Wat het oplevert.", None)


class DraaiboekFase(KindModel):
    """Een fase van een draaiboek met haar stappen."""

    fase: Fase = field("Fase", "Welke fase.")
    stappen: list[Stap] = field("Stappen", "De stappen in deze fase.", min_length=1)


class Draaiboek(KindModel):
    """Een herbruikbaar stappenplan dat een businessmodel uitvoert."""

    titel: Tekst = field("Titel", "Titel van het draaiboek.")
    samenvatting: Tekst | None = field("Samenvatting", "Korte samenvatting.", None)
    businessmodel: Reference("businessmodel") = field(
        "Businessmodel", "Id van het businessmodel dat dit draaiboek uitvoert."
    )
    proeftuinen: list[Reference("proeftuin")] = field(
        "Proeftuinen", "Proeftuinen waarin het draaiboek gebruikt werd.", []
    )
    doelpubliek: list[Doelpubliek] = field("Doelpubliek", "Voor wie het draaiboek is.", min_length=1)
    fasen: list[DraaiboekFase] = field("Fasen", "Fasen en stappen.", min_length=1)
    juridische_checklist: list[Tekst] = field("Juridische checklist", "Wat juridisch in orde moet zijn.", [])
    succesfactoren: list[Tekst] = field("Succesfactoren", "Wat het doet slagen.", [])
    valkuilen: list[Tekst] = field("Valkuilen", "Wat je best vermijdt.", [])
    indicatoren: list[Indicator] = field("Indicatoren", "Indicatoren om op te volgen.", [])
    status: Publicatiestatus = field("Status", "Levensloop van het draaiboek.")
    versie: Semver = field("Versie", "Semantische versie, bv. \"1.0.0\".")
    auteurs: list[Reference("matchmaker")] = field("Auteurs", "Matchmakers die het draaiboek schreven.", min_length=1)
    licentie: LicenceId = field("Licentie", "Licentie van de tekst.", DEFAULT, validate_default=True)
