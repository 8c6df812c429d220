"""The Dutch skeleton below a new document's frontmatter: the sections readers expect, each with an instruction.

An instruction is a line of its own in emphasis (``_Beschrijf ..._``); validation reports one left in a
body (ESF111), as it reports a ``TODO`` left in the frontmatter, so an unfilled skeleton is never published.
"""

from __future__ import annotations

BODIES: dict[str, tuple[tuple[str, str], ...]] = {
    "draaiboek": (
        ("Context", "Voor wie is dit draaiboek, welk probleem lost het op en uit welke proeftuin komt het?"),
        ("Rollen", "Wie doet wat: de sociale onderneming, de reguliere onderneming, de matchmaker en wie de "
                   "doelgroepmedewerkers begeleidt."),
        ("De fasen", "Licht de fasen en stappen uit de gegevens hierboven toe: wat moet een collega weten dat "
                     "niet in één regel past?"),
        ("Juridische checklist", "Welke overeenkomsten, meldingen en verzekeringen moeten in orde zijn, en "
                                 "tegen wanneer?"),
        ("Risico's", "Wat kan mislopen, hoe merk je het op tijd en hoe vang je het op?"),
        ("Resultaten om te verwachten", "Wat levert het op voor beide partners en voor de "
                                        "doelgroepmedewerkers, en hoe volg je de doorstroom op?"),
    ),
    "businessmodel": (
        ("Wat is het model", "Beschrijf de samenwerking in gewone woorden: wie levert wat aan wie, en "
                             "waarom winnen beide kanten?"),
        ("Wanneer past het", "In welke situatie werkt dit model: sector, grootte, regio, soort werk?"),
        ("Wanneer niet", "Wanneer kies je beter een ander model?"),
        ("Rekenvoorbeeld", "Een fictief maar realistisch voorbeeld van kosten, inkomsten en premies."),
        ("Valkuilen", "Wat liep mis in de proeftuinen en hoe voorkom je het?"),
    ),
    "proeftuin": (
        ("Context", "Welke vraag of kans bracht de partners samen?"),
        ("Aanpak", "Hoe is de samenwerking opgezet: afspraken, begeleiding, ritme van overleg?"),
        ("Wat werkte", "Wat zou je zeker opnieuw doen?"),
        ("Wat niet werkte", "Wat liep anders dan gepland, en hoe is dat opgevangen?"),
        ("Lessen", "Wat neemt een volgende proeftuin hieruit mee?"),
    ),
    "matchmaker": (
        ("Hoe we werken", "Hoe stellen jullie een proeftuin samen en begeleiden jullie hem?"),
        ("Regio", "Waar werken jullie, en met welke sectoren en partners?"),
    ),
    "registratie": (
        ("", "Beschrijf de organisatie in een paar zinnen: activiteiten, aanbod en wat ze zoekt. Geen namen, "
             "e-mailadressen of telefoonnummers van personen: die horen in het privé contactenbestand."),
    ),
}
"""Body sections per kind: (heading, hint for the author); an empty heading is a plain paragraph."""
DEFAULT_BODY = (("Inhoud", "Beschrijf het document."),)


def instruction(hint: str) -> str:
    """The line the template writes for ``hint``."""
    return f"_{hint}_"


INSTRUCTIONS = frozenset(
    instruction(hint) for sections in (*BODIES.values(), DEFAULT_BODY) for _heading, hint in sections)
"""Every instruction line a template writes."""
