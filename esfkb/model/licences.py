"""The licences a business model or playbook is published under, by the identifier authors write (``cc-by-4.0``).

An identifier is written as in SPDX, in any case; a licence this module does not know reads as written.
"""

from __future__ import annotations

from typing import NamedTuple

from esfkb.model.coded import Coded


class KnownLicence(NamedTuple):
    """A licence's Dutch name and the page with its text."""

    name: str
    url: str


_CC = "https://creativecommons.org/licenses"
LICENCES: dict[str, KnownLicence] = {
    "cc-by-4.0": KnownLicence("Creative Commons Naamsvermelding 4.0 Internationaal (CC BY 4.0)",
                              f"{_CC}/by/4.0/deed.nl"),
    "cc-by-sa-4.0": KnownLicence("Creative Commons Naamsvermelding-GelijkDelen 4.0 Internationaal (CC BY-SA 4.0)",
                                 f"{_CC}/by-sa/4.0/deed.nl"),
    "cc-by-nc-4.0": KnownLicence("Creative Commons Naamsvermelding-NietCommercieel 4.0 Internationaal (CC BY-NC 4.0)",
                                 f"{_CC}/by-nc/4.0/deed.nl"),
    "cc-by-nc-sa-4.0": KnownLicence(
        "Creative Commons Naamsvermelding-NietCommercieel-GelijkDelen 4.0 Internationaal (CC BY-NC-SA 4.0)",
        f"{_CC}/by-nc-sa/4.0/deed.nl"),
    "cc-by-nd-4.0": KnownLicence(
        "Creative Commons Naamsvermelding-GeenAfgeleideWerken 4.0 Internationaal (CC BY-ND 4.0)",
        f"{_CC}/by-nd/4.0/deed.nl"),
    "cc-by-nc-nd-4.0": KnownLicence(
        "Creative Commons Naamsvermelding-NietCommercieel-GeenAfgeleideWerken 4.0 Internationaal (CC BY-NC-ND 4.0)",
        f"{_CC}/by-nc-nd/4.0/deed.nl"),
    "cc0-1.0": KnownLicence("Creative Commons CC0 1.0 Universeel (publiek domein)",
                            "https://creativecommons.org/publicdomain/zero/1.0/deed.nl"),
}
"""Known licences by their lower-case identifier."""

DEFAULT = "cc-by-4.0"
"""What a model or playbook is published under when it names no licence."""


class Licence(Coded):
    """A licence identifier as written, reading as the licence's Dutch name and linking to its text."""

    __slots__ = ()

    @property
    def known(self) -> KnownLicence | None:
        """The licence this identifier names, in any case; None when unknown."""
        return LICENCES.get(self.casefold())

    @property
    def label(self) -> str:
        """The licence's Dutch name, or the identifier as written."""
        known = self.known
        return known.name if known is not None else str(self)

    @property
    def url(self) -> str | None:
        """The licence's text (its Dutch summary at Creative Commons)."""
        known = self.known
        return known.url if known is not None else None
