"""The shared vocabularies of the knowledge base, each value with a Dutch label and description.

Values are Dutch snake_case because they are the words the matchmakers write in frontmatter.
The labels and descriptions reach the site, the JSON Schemas and the error messages.
"""

from __future__ import annotations

import difflib
import unicodedata
from enum import StrEnum
from typing import TYPE_CHECKING, Any, ClassVar

if TYPE_CHECKING:
    from pydantic import GetJsonSchemaHandler
    from pydantic_core import CoreSchema


class Vocabulary(StrEnum):
    """A closed list of values; each member is declared as ``NAME = value, label, description``."""

    label: str
    description: str
    __label__: ClassVar[str] = ""

    def __new__(cls, value: str, label: str = "", description: str = "") -> Vocabulary:
        member = str.__new__(cls, value)
        member._value_ = value
        member.label = label
        member.description = description
        return member

    @classmethod
    def __get_pydantic_json_schema__(
        cls, core_schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> dict[str, Any]:
        schema = handler.resolve_ref_schema(handler(core_schema))
        schema.pop("enum", None)
        schema["title"] = cls.__label__ or cls.__name__
        schema["oneOf"] = [
            {"const": m.value, "title": m.label, "description": m.description} for m in cls
        ]
        return schema

    @classmethod
    def choices(cls) -> str:
        """The allowed values with their labels, for error messages and scaffolds."""
        return ", ".join(f"{m.value} ({m.label})" for m in cls)

    @classmethod
    def meant(cls, written: object) -> Vocabulary | None:
        """The value an author meant by ``written``: its Dutch label or its value in other case, spacing or
        accents ("Jobcarving", "Productiviteit en efficiëntie"), else the closest value or label; None when
        none is close."""
        key = _folded(str(written))
        members = {**{_folded(m.label): m for m in cls if m.label}, **{_folded(m.value): m for m in cls}}
        if key in members:
            return members[key]
        close = difflib.get_close_matches(key, list(members), n=1, cutoff=0.75)
        return members[close[0]] if close else None


def _folded(text: str) -> str:
    """``text`` without case, accents, spacing or punctuation, to compare what an author wrote with a value."""
    plain = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in plain if c.isalnum())


class Samenwerkingsvorm(Vocabulary):
    """De vorm van samenwerking tussen een sociale en een reguliere onderneming."""

    __label__ = "Samenwerkingsvorm"
    KLANT_LEVERANCIER = "klant_leverancier", "Klant-leverancier", (
        "De reguliere onderneming koopt structureel producten of diensten bij de sociale onderneming."
    )
    ONDERAANNEMING = "onderaanneming", "Onderaanneming", (
        "De sociale onderneming voert een deel van een opdracht uit als onderaannemer."
    )
    ENCLAVE = "enclave", "Enclave", (
        "Een ploeg van het maatwerkbedrijf werkt onder eigen begeleiding op de site van de klant."
    )
    GROEPSDETACHERING = "groepsdetachering", "Groepsdetachering", (
        "Een groep doelgroepmedewerkers wordt met begeleiding ter beschikking gesteld."
    )
    DOORSTROOMSTAGE = "doorstroomstage", "Doorstroomstage", (
        "Een doelgroepmedewerker loopt stage bij de reguliere onderneming met het oog op aanwerving."
    )
    AANWERVING_MET_ONDERSTEUNING = "aanwerving_met_ondersteuning", "Aanwerving met ondersteuning", (
        "De reguliere onderneming werft aan, met begeleiding en premies voor de doelgroepmedewerker."
    )
    MAATWERKAFDELING = "maatwerkafdeling", "Maatwerkafdeling", (
        "De reguliere onderneming richt een eigen erkende maatwerkafdeling op."
    )
    JOBCARVING = "jobcarving", "Jobcarving", (
        "Taken worden uit bestaande functies gehaald en samengebracht in een haalbare job."
    )
    CO_CREATIE = "co_creatie", "Co-creatie", (
        "Beide partners ontwikkelen samen een nieuw product of een nieuwe dienst."
    )
    CIRCULAIRE_SAMENWERKING = "circulaire_samenwerking", "Circulaire samenwerking", (
        "Reststromen of gebruikte producten van de ene partner worden grondstof voor de andere."
    )
    SOCIAAL_AANKOPEN = "sociaal_aankopen", "Sociaal aankopen", (
        "De reguliere onderneming richt haar aankoopbeleid bewust op de sociale economie."
    )
    SOCIALE_CLAUSULE = "sociale_clausule", "Sociale clausule", (
        "Een opdracht bevat een voorwaarde om doelgroepmedewerkers of sociale partners in te zetten."
    )
    GEDEELDE_AANKOOP = "gedeelde_aankoop", "Gedeelde aankoop", (
        "De partners kopen samen in om schaalvoordeel te halen."
    )
    JOINT_VENTURE = "joint_venture", "Joint venture", (
        "De partners richten samen een nieuwe onderneming of activiteit op."
    )
    KENNISDELING = "kennisdeling", "Kennisdeling", (
        "De partners delen expertise, opleiding of begeleiding op de werkvloer."
    )


class WinwinNiveau(Vocabulary):
    """De zes niveaus van win-win uit de ESF-oproep."""

    __label__ = "Win-win niveau"
    MARKTUITBREIDING = "marktuitbreiding", "Marktuitbreiding", (
        "Nieuwe klanten, markten of omzet voor de partner."
    )
    PRODUCT_DIENST_SPECIALISATIE = "product_dienst_specialisatie", "Product-/dienstspecialisatie", (
        "De partner kan zich toeleggen op wat hij het best doet of breidt zijn aanbod uit."
    )
    PRODUCTIVITEIT_EFFICIENTIE = "productiviteit_efficientie", "Productiviteit en efficiëntie", (
        "Minder kosten, minder verspilling of een hogere productiviteit."
    )
    ZICHTBAARHEID = "zichtbaarheid", "Zichtbaarheid", (
        "Meer naambekendheid en een sterker imago bij klanten, personeel en overheid."
    )
    BEREIK = "bereik", "Bereik", (
        "Toegang tot nieuwe doelgroepen, talent of netwerken."
    )
    OPSCHALING_MVO = "opschaling_mvo", "Opschaling van MVO", (
        "Maatschappelijk verantwoord ondernemen wordt structureel en meetbaar."
    )


class Provincie(Vocabulary):
    """Een provincie of gewest."""

    __label__ = "Provincie"
    ANTWERPEN = "antwerpen", "Antwerpen", "Provincie Antwerpen."
    LIMBURG = "limburg", "Limburg", "Provincie Limburg."
    OOST_VLAANDEREN = "oost_vlaanderen", "Oost-Vlaanderen", "Provincie Oost-Vlaanderen."
    VLAAMS_BRABANT = "vlaams_brabant", "Vlaams-Brabant", "Provincie Vlaams-Brabant."
    WEST_VLAANDEREN = "west_vlaanderen", "West-Vlaanderen", "Provincie West-Vlaanderen."
    BRUSSEL = "brussel", "Brussel", "Brussels Hoofdstedelijk Gewest."
    WALLONIE = "wallonie", "Wallonië", "Waals Gewest."


class Doelgroep(Vocabulary):
    """De doelgroep van de doelgroepmedewerkers."""

    __label__ = "Doelgroep"
    ARBEIDSHANDICAP = "arbeidshandicap", "Arbeidshandicap", (
        "Personen met een arbeidshandicap."
    )
    PSYCHOSOCIALE_ARBEIDSBEPERKING = "psychosociale_arbeidsbeperking", "Psychosociale arbeidsbeperking", (
        "Personen met een psychische, medische of sociale problematiek die het werken bemoeilijkt."
    )
    UITERST_KWETSBAAR = "uiterst_kwetsbaar", "Uiterst kwetsbaar", (
        "Personen voor wie werk in een zorgcontext (arbeidszorg) de eerste stap is."
    )
    LANGDURIG_WERKZOEKEND = "langdurig_werkzoekend", "Langdurig werkzoekend", (
        "Personen die lange tijd geen werk vonden."
    )
    ANDERE_KANSENGROEP = "andere_kansengroep", "Andere kansengroep", (
        "Andere groepen met een grote afstand tot de arbeidsmarkt."
    )


class Publicatiestatus(Vocabulary):
    """De levensloop van een businessmodel of draaiboek."""

    __label__ = "Status"
    CONCEPT = "concept", "Concept", "In opbouw; nog niet ter herlezing aangeboden."
    REVIEW = "review", "Review", "Ter herlezing bij partners en ESF."
    GEPUBLICEERD = "gepubliceerd", "Gepubliceerd", "Goedgekeurd en klaar voor hergebruik."
    GEARCHIVEERD = "gearchiveerd", "Gearchiveerd", "Niet langer aanbevolen; blijft raadpleegbaar."


class Economie(Vocabulary):
    """Tot welke economie een organisatie behoort."""

    __label__ = "Economie"
    SOCIALE_ECONOMIE = "sociale_economie", "Sociale economie", (
        "Maatwerkbedrijven, LDE-ondernemingen, arbeidszorg en andere sociale ondernemingen."
    )
    REGULIERE_ECONOMIE = "reguliere_economie", "Reguliere economie", (
        "Ondernemingen uit de reguliere economie."
    )
    PUBLIEKE_SECTOR = "publieke_sector", "Publieke sector", (
        "Lokale besturen en andere overheden; telt mee voor de grootte, niet voor een kant."
    )
    INTERMEDIAIR = "intermediair", "Intermediair", (
        "Bemiddelaars, sectorfondsen en trajectbegeleiders; telt mee voor de grootte, niet voor een kant."
    )


class Erkenning(Vocabulary):
    """Een erkenning van een organisatie in de sociale economie."""

    __label__ = "Erkenning"
    MAATWERKBEDRIJF = "maatwerkbedrijf", "Maatwerkbedrijf", "Erkend maatwerkbedrijf."
    MAATWERKAFDELING = "maatwerkafdeling", "Maatwerkafdeling", (
        "Erkende maatwerkafdeling binnen een reguliere onderneming."
    )
    LDE_ONDERNEMING = "lde_onderneming", "LDE-onderneming", "Onderneming lokale diensteneconomie."
    ARBEIDSZORG = "arbeidszorg", "Arbeidszorg", "Erkende arbeidszorginitiatief."
    ERKENDE_SOCIALE_ONDERNEMING = "erkende_sociale_onderneming", "Erkende sociale onderneming", (
        "Onderneming erkend als sociale onderneming."
    )
    SOCIALE_COOPERATIE = "sociale_cooperatie", "Sociale coöperatie", (
        "Coöperatieve vennootschap met een sociaal oogmerk."
    )
    ANDERE = "andere", "Andere", "Een andere erkenning."


class Grootteklasse(Vocabulary):
    """Grootte van de organisatie volgens het aantal werknemers."""

    __label__ = "Grootteklasse"
    MICRO = "micro", "Micro", "Minder dan 10 werknemers."
    KLEIN = "klein", "Klein", "10 tot 49 werknemers."
    MIDDELGROOT = "middelgroot", "Middelgroot", "50 tot 249 werknemers."
    GROOT = "groot", "Groot", "250 werknemers of meer."


class Bron(Vocabulary):
    """Hoe de registratie binnenkwam."""

    __label__ = "Bron"
    ESF_FORMULIER = "esf_formulier", "ESF-formulier", "Via het registratieformulier van ESF."
    MATCHMAKER_PROSPECTIE = "matchmaker_prospectie", "Prospectie door matchmaker", (
        "De matchmaker sprak de organisatie zelf aan."
    )
    DOORVERWIJZING = "doorverwijzing", "Doorverwijzing", "Doorverwezen door een partner."
    ANDERE = "andere", "Andere", "Een andere weg."


class Doeleinde(Vocabulary):
    """Waarvoor de organisatie toestemming gaf."""

    __label__ = "Doeleinde van de toestemming"
    SAMENSTELLING_PROEFTUIN = "samenstelling_proeftuin", "Samenstelling van een proeftuin", (
        "De registratie mag gebruikt worden om een proeftuin samen te stellen."
    )
    CONTACT_DOOR_MATCHMAKER = "contact_door_matchmaker", "Contact door een matchmaker", (
        "Een matchmaker mag de organisatie contacteren binnen de opdracht."
    )
    PUBLICATIE_ORGANISATIEPROFIEL = "publicatie_organisatieprofiel", "Publicatie van het profiel", (
        "Het organisatieprofiel mag op de publieke site verschijnen."
    )
    ONDERZOEK_EVALUATIE = "onderzoek_evaluatie", "Onderzoek en evaluatie", (
        "De gegevens mogen gebruikt worden voor onderzoek en evaluatie van de oproep."
    )


class Registratiestatus(Vocabulary):
    """Waar de registratie staat in de opvolging."""

    __label__ = "Status van de registratie"
    NIEUW = "nieuw", "Nieuw", "Nog niet opgevolgd."
    GECONTACTEERD = "gecontacteerd", "Gecontacteerd", "Een matchmaker nam contact op."
    IN_GESPREK = "in_gesprek", "In gesprek", "Er loopt een gesprek over deelname."
    OPGENOMEN_IN_PROEFTUIN = "opgenomen_in_proeftuin", "Opgenomen in een proeftuin", (
        "De organisatie neemt deel aan een proeftuin."
    )
    NIET_WEERHOUDEN = "niet_weerhouden", "Niet weerhouden", "Geen passende proeftuin gevonden."
    INGETROKKEN = "ingetrokken", "Ingetrokken", "De organisatie trok haar registratie in."


class Proeftuinstatus(Vocabulary):
    """De fase waarin een proeftuin zich bevindt."""

    __label__ = "Status van de proeftuin"
    VERKENNING = "verkenning", "Verkenning", "De matchmaker verkent kansen en partners."
    SAMENSTELLING = "samenstelling", "Samenstelling", "De deelnemers worden samengebracht."
    ONTWERP = "ontwerp", "Ontwerp", "De partners ontwerpen samen de samenwerking."
    LOPEND = "lopend", "Lopend", "De samenwerking draait."
    GEEVALUEERD = "geevalueerd", "Geëvalueerd", "De proeftuin is geëvalueerd."
    AFGEROND = "afgerond", "Afgerond", "De proeftuin is afgerond en opgeleverd."
    STOPGEZET = "stopgezet", "Stopgezet", "De proeftuin werd vroegtijdig gestopt."


class Ecosysteem(Vocabulary):
    """Het niveau waarop een proeftuin partners samenbrengt."""

    __label__ = "Ecosysteem"
    LOKAAL = "lokaal", "Lokaal", "Partners uit dezelfde gemeente of regio."
    SECTORAAL = "sectoraal", "Sectoraal", "Partners uit dezelfde sector."
    REGIONAAL = "regionaal", "Regionaal", "Partners uit dezelfde provincie."


class Rol(Vocabulary):
    """De rol van een deelnemer in een proeftuin."""

    __label__ = "Rol"
    TREKKER = "trekker", "Trekker", "Trekt de samenwerking."
    PARTNER = "partner", "Partner", "Volwaardige partner."
    ONDERSTEUNEND = "ondersteunend", "Ondersteunend", "Ondersteunt zonder zelf samen te werken."


class Engagement(Vocabulary):
    """Hoe ver het engagement van een deelnemer reikt."""

    __label__ = "Engagement"
    INTERESSE = "interesse", "Interesse", "Toonde interesse."
    INTENTIEVERKLARING = "intentieverklaring", "Intentieverklaring", "Tekende een intentieverklaring."
    OVEREENKOMST = "overeenkomst", "Overeenkomst", "Tekende een samenwerkingsovereenkomst."
    GESTOPT = "gestopt", "Gestopt", "Stapte uit de proeftuin; telt niet mee voor de samenstelling."


class JuridischeVorm(Vocabulary):
    """De juridische vorm van de samenwerking."""

    __label__ = "Juridische vorm"
    AANNEMING_VAN_DIENSTEN = "aanneming_van_diensten", "Aanneming van diensten", (
        "Een overeenkomst waarbij de sociale onderneming een dienst levert."
    )
    ENCLAVEOVEREENKOMST = "enclaveovereenkomst", "Enclaveovereenkomst", (
        "Schriftelijke overeenkomst voor een enclave, gemeld aan het Departement WSE."
    )
    LEVERINGSOVEREENKOMST = "leveringsovereenkomst", "Leveringsovereenkomst", (
        "Een raamovereenkomst voor levering van producten."
    )
    SAMENWERKINGSOVEREENKOMST = "samenwerkingsovereenkomst", "Samenwerkingsovereenkomst", (
        "Een overeenkomst die rollen, inbreng en opbrengst regelt."
    )
    ARBEIDSOVEREENKOMST_MET_PREMIE = "arbeidsovereenkomst_met_premie", "Arbeidsovereenkomst met premie", (
        "Aanwerving door de reguliere onderneming met een loonpremie."
    )
    STAGEOVEREENKOMST = "stageovereenkomst", "Stageovereenkomst", (
        "Een overeenkomst voor een stage of werkplekleren."
    )
    VENNOOTSCHAP = "vennootschap", "Vennootschap", "Een gezamenlijke vennootschap."
    VOORBEHOUDEN_OPDRACHT = "voorbehouden_opdracht", "Voorbehouden opdracht", (
        "Een overheidsopdracht voorbehouden aan sociale ondernemingen."
    )
    ANDERE = "andere", "Andere", "Een andere vorm."


class Premie(Vocabulary):
    """Ondersteuning of subsidie die het model gebruikt."""

    __label__ = "Premie"
    VOP = "vop", "VOP", "Vlaamse ondersteuningspremie."
    INDIVIDUEEL_MAATWERK = "individueel_maatwerk", "Individueel maatwerk", (
        "Ondersteuning voor individueel maatwerk bij een reguliere werkgever."
    )
    COLLECTIEF_MAATWERK = "collectief_maatwerk", "Collectief maatwerk", (
        "Ondersteuning voor collectief maatwerk in een maatwerkbedrijf of -afdeling."
    )
    ESF = "esf", "ESF", "Middelen van het Europees Sociaal Fonds."
    PROVINCIALE_SUBSIDIE = "provinciale_subsidie", "Provinciale subsidie", "Een provinciale subsidie."
    GEEN = "geen", "Geen", "Het model draait zonder premie."


class Maturiteit(Vocabulary):
    """Hoe beproefd een businessmodel is."""

    __label__ = "Maturiteit"
    IDEE = "idee", "Idee", "Nog niet uitgetest."
    GETEST = "getest", "Getest", "In één proeftuin uitgetest."
    HERHAALD = "herhaald", "Herhaald", "In meerdere proeftuinen herhaald."
    OPGESCHAALD = "opgeschaald", "Opgeschaald", "Op grote schaal toegepast."


class Doelpubliek(Vocabulary):
    """Voor wie een draaiboek geschreven is."""

    __label__ = "Doelpubliek"
    SE_ONDERNEMING = "se_onderneming", "Sociale onderneming", "Ondernemingen uit de sociale economie."
    REGULIERE_ONDERNEMING = "reguliere_onderneming", "Reguliere onderneming", (
        "Ondernemingen uit de reguliere economie."
    )
    MATCHMAKER = "matchmaker", "Matchmaker", "Facilitatoren die proeftuinen samenstellen."
    LOKAAL_BESTUUR = "lokaal_bestuur", "Lokaal bestuur", "Gemeenten, OCMW's en intercommunales."
    INTERMEDIAIR = "intermediair", "Intermediair", "Bemiddelaars en trajectbegeleiders."


class Fase(Vocabulary):
    """Een fase van een draaiboek."""

    __label__ = "Fase"
    VERKENNEN = "verkennen", "Verkennen", "Kansen en partners verkennen."
    MATCHEN = "matchen", "Matchen", "De juiste partners samenbrengen."
    ONTWERPEN = "ontwerpen", "Ontwerpen", "De samenwerking samen uittekenen."
    CONTRACTEREN = "contracteren", "Contracteren", "Afspraken vastleggen."
    OPSTARTEN = "opstarten", "Opstarten", "De samenwerking opstarten."
    UITVOEREN = "uitvoeren", "Uitvoeren", "De samenwerking uitvoeren en bijsturen."
    EVALUEREN = "evalueren", "Evalueren", "Resultaten meten en bespreken."
    VERDUURZAMEN = "verduurzamen", "Verduurzamen", "De samenwerking verankeren en doorstroom borgen."


class Indicator(Vocabulary):
    """Een indicatorcode voor doorstroom (DS) of samenwerking (SW)."""

    __label__ = "Indicator"
    DS_01 = "DS-01", "Betrokken doelgroepmedewerkers", "Aantal personen; bij de start."
    DS_02 = "DS-02", "Gerealiseerde doorstroom", (
        "Aantal personen dat doorstroomde naar een job buiten de sociale economie; bij het einde."
    )
    DS_03 = "DS-03", "Aan het werk na 6 maanden", (
        "Aantal doorgestroomde personen nog aan het werk buiten de sociale economie; 6 maanden na doorstroom."
    )
    DS_04 = "DS-04", "Aan het werk na 12 maanden", (
        "Aantal doorgestroomde personen nog aan het werk buiten de sociale economie; 12 maanden na doorstroom."
    )
    DS_05 = "DS-05", "Contracttype na doorstroom", "Aantal contracten van onbepaalde duur; bij doorstroom."
    DS_06 = "DS-06", "Gebruikte ondersteuningsmaatregel", "Aantal personen met VOP of maatwerk; bij doorstroom."
    DS_07 = "DS-07", "Verbeterde arbeidsmarktsituatie", (
        "Aantal personen met een betere arbeidsmarktsituatie (ESF-indicator); 6 maanden na afloop."
    )
    DS_08 = "DS-08", "Terugval naar de sociale economie", "Aantal personen; 12 maanden na doorstroom."
    DS_09 = "DS-09", "Werkplekleerplaatsen", "Aantal plaatsen voor werkplekleren; tijdens de proeftuin."
    SW_01 = "SW-01", "Ondertekende samenwerkingsovereenkomsten", "Aantal; bij het einde."
    SW_02 = "SW-02", "Samenwerking loopt na 6 maanden", "0 of 1; 6 maanden na het einde."
    SW_03 = "SW-03", "Samenwerking loopt na 12 maanden", "0 of 1; 12 maanden na het einde."
    SW_04 = "SW-04", "Extra omzet sociale partner", "Euro per jaar; bij het einde."
    SW_05 = "SW-05", "Productiviteitswinst reguliere partner", "Procent; bij het einde."
    SW_06 = "SW-06", "Sociale aankoopuitgaven", "Euro per jaar; bij het einde."
    SW_07 = "SW-07", "Co-gecreëerde producten of diensten", "Aantal; bij het einde."
    SW_08 = "SW-08", "Replicaties van het draaiboek", "Aantal; 12 maanden na publicatie."
    SW_09 = "SW-09", "Nieuwe klanten van de sociale partner", "Aantal; bij het einde."
    SW_10 = "SW-10", "Uren werkplekbegeleiding", "Uren; tijdens de proeftuin."
    SW_11 = "SW-11", "Tevredenheid van de partners", "Score op 10; bij het einde."
    SW_12 = "SW-12", "Hergebruikt materiaal", "Ton; per jaar."


ALL_VOCABULARIES: tuple[type[Vocabulary], ...] = (
    Samenwerkingsvorm, WinwinNiveau, Provincie, Doelgroep, Publicatiestatus, Economie, Erkenning,
    Grootteklasse, Bron, Doeleinde, Registratiestatus, Proeftuinstatus, Ecosysteem, Rol,
    Engagement, JuridischeVorm, Premie, Maturiteit, Doelpubliek, Fase, Indicator,
)
"""Every vocabulary, for the glossary and the scaffolds."""
