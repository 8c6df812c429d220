"""The five built-in kinds, registered as ``esfkb.kinds`` entry points in pyproject.toml."""

from __future__ import annotations

from esfkb.model.kinds import Kind
from esfkb.model.models import Businessmodel, Draaiboek, Matchmaker, Proeftuin, Registratie

REGISTRATIE = Kind("registratie", "registraties", Registratie, "Registratie", "Registraties", "naam")
MATCHMAKER = Kind("matchmaker", "matchmakers", Matchmaker, "Matchmaker", "Matchmakers", "naam")
PROEFTUIN = Kind("proeftuin", "proeftuinen", Proeftuin, "Proeftuin", "Proeftuinen")
BUSINESSMODEL = Kind("businessmodel", "businessmodellen", Businessmodel, "Businessmodel", "Businessmodellen")
DRAAIBOEK = Kind("draaiboek", "draaiboeken", Draaiboek, "Draaiboek", "Draaiboeken")
