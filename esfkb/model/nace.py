"""NACE-BEL 2008 codes with the Dutch names of their divisions, from the data file shipped with the package.

The names are those of the 88 divisions (two-digit codes); a longer code reads with the name of the division it
belongs to. The file (``data/nace_bel_2008_divisions.csv``) names its source and licence.
"""

from __future__ import annotations

import csv
import functools
from importlib import resources

from esfkb.model.coded import Coded

DATA_FILE = "nace_bel_2008_divisions.csv"


@functools.cache
def division_names() -> dict[str, str]:
    """Every division's Dutch name by its two-digit code, read once."""
    text = resources.files("esfkb.model").joinpath("data", DATA_FILE).read_text(encoding="utf-8")
    rows = csv.DictReader(line for line in text.splitlines() if not line.startswith("#"))
    return {row["code"]: row["naam"] for row in rows}


class Nace(Coded):
    """A NACE-BEL code as written ("22", "22.29"): "22 – Vervaardiging van producten van rubber of kunststof",
    a longer code with its division's name in brackets; an unknown code as written."""

    __slots__ = ()

    @property
    def division(self) -> Nace:
        """The division the code belongs to: its first two digits."""
        return Nace(self[:2])

    @property
    def name(self) -> str | None:
        """The Dutch name of the code's division; None for a division NACE-BEL does not have."""
        return division_names().get(self[:2])

    @property
    def label(self) -> str:
        """The code with its division's name, or the code alone when the division is unknown."""
        name = self.name
        if name is None:
            return str(self)
        return f"{self} – {name}" if len(self) == 2 else f"{self} ({name})"
