"""Who reads the edition, and therefore what it may show (design §4, issue 5).

``public`` (default): a registration is published only with consent for
publicatie_organisatieprofiel, not withdrawn and within its retention; elsewhere it reads as "een
deelnemer uit de sociale economie". Indicator figures are shown as :mod:`esfkb.privacy.disclosure`
decides for ``small_cell``. ``matchmakers``: registrations that allow contact by a matchmaker are shown with their
contact person from the private contacts file, and every page carries a confidentiality banner.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from esfkb.model.models import Registratie
from esfkb.model.vocabulary import Doeleinde, Economie
from esfkb.privacy.contacts import Contact, contacts_path, load_contacts
from esfkb.site.html.markup import Html, el

if TYPE_CHECKING:
    from collections.abc import Mapping

    from esfkb.config import Settings
    from esfkb.model.documents import Document

ANONYMOUS: dict[Economie, str] = {
    Economie.SOCIALE_ECONOMIE: "een deelnemer uit de sociale economie",
    Economie.REGULIERE_ECONOMIE: "een deelnemer uit de reguliere economie",
    Economie.PUBLIEKE_SECTOR: "een deelnemer uit de publieke sector",
    Economie.INTERMEDIAIR: "een intermediaire deelnemer",
}
ANONYMOUS_UNKNOWN = "een deelnemer"

BANNER_TEXT = (
    "Deze editie bevat contactgegevens van geregistreerde organisaties en is "
    "uitsluitend bestemd voor de matchmakers, binnen de ESF-opdracht. Niet doorsturen of publiceren."
)


PRIVATE_FIELDS: dict[type, frozenset[str]] = {
    Registratie: frozenset({"kbo_nummer", "registratiedatum", "bron", "toestemming", "status", "bewaren_tot",
                            "naam_bevat_persoonsnaam"}),
}
"""Fields that only the matchmakers edition shows and that never reach the API: a registration's administration."""


class Edition(StrEnum):
    """The two editions of the site."""

    PUBLIC = "public"
    MATCHMAKERS = "matchmakers"


_SHOWN_WITH: dict[Edition, frozenset[Doeleinde]] = {
    Edition.PUBLIC: frozenset({Doeleinde.PUBLICATIE_ORGANISATIEPROFIEL}),
    Edition.MATCHMAKERS: frozenset({Doeleinde.PUBLICATIE_ORGANISATIEPROFIEL, Doeleinde.CONTACT_DOOR_MATCHMAKER}),
}


@dataclass(frozen=True)
class Audience:
    """The edition being built and the decisions that follow from it."""

    edition: Edition = Edition.PUBLIC
    small_cell: int = 5
    today: date = field(default_factory=date.today)
    contacts: Mapping[str, Contact] = field(default_factory=dict)

    @classmethod
    def from_settings(cls, settings: Settings, *, root: Path | None = None, docs_dir: Path | None = None,
                      today: date | None = None) -> Audience:
        """The audience of ``settings``; only the matchmakers edition reads the contacts file.

        A relative contacts path is taken from ``root`` (the folder of mkdocs.yml), like every other path;
        in either edition, a contacts file inside the project or ``docs_dir`` is a ConfigError.
        """
        edition = Edition(settings.audience)
        path = contacts_path(settings, root, docs_dir)
        contacts: Mapping[str, Contact] = {}
        if edition is Edition.MATCHMAKERS:
            contacts = load_contacts(path)
        return cls(edition, settings.small_cell, today or date.today(), contacts)

    @property
    def confidential(self) -> bool:
        """Whether pages must carry the confidentiality banner."""
        return self.edition is Edition.MATCHMAKERS

    def publishes(self, document: Document) -> bool:
        """Whether the document gets a page, a card, an API record and links."""
        if document.kind.model is not Registratie:
            return True
        return self.consents(document, *_SHOWN_WITH[self.edition])

    def consents(self, document: Document, *purposes: Doeleinde) -> bool:
        """A valid, current registration that consented to one of ``purposes`` and did not withdraw."""
        reg = document.model
        if not isinstance(reg, Registratie):
            return False  # unreadable consent is no consent
        return any(reg.usable_for(purpose, self.today) for purpose in purposes)

    def contact(self, document: Document) -> Contact | None:
        """The contact person of a registration, only in the matchmakers edition and with consent."""
        if self.edition is not Edition.MATCHMAKERS or not self.consents(document, Doeleinde.CONTACT_DOOR_MATCHMAKER):
            return None
        return self.contacts.get(document.id, Contact())

    def shows_field(self, model: type, name: str) -> bool:
        """Whether a field of a model may appear on a page of this edition."""
        return self.confidential or name not in PRIVATE_FIELDS.get(model, frozenset())

    def banner(self) -> Html:
        """The confidentiality banner, or nothing in the public edition."""
        if not self.confidential:
            return Html("")
        return el("div", el("strong", "Vertrouwelijke editie. "), BANNER_TEXT, class_="esfkb-banner", role="note",
                  data_search_exclude=True)  # on every page: it would open every search result


def anonymous_label(document: Document | None) -> str:
    """How an unpublished participant reads: its economy, never its name."""
    reg = document.model if document is not None else None
    return ANONYMOUS.get(reg.economie, ANONYMOUS_UNKNOWN) if isinstance(reg, Registratie) else ANONYMOUS_UNKNOWN
