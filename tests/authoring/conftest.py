"""A small, valid knowledge base written into tmp_path, and helpers to load and validate it."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

import pytest

from esfkb.base.knowledge_base import load_knowledge_base
from esfkb.checks.validation import validate
from esfkb.config import load_project

if TYPE_CHECKING:
    from pathlib import Path

    from esfkb.base.knowledge_base import KnowledgeBase
    from esfkb.checks.validation import ValidationResult

TODAY = date(2025, 6, 1)

_CONSENT = """toestemming:
  datum: 2024-01-10
  doeleinden: [samenstelling_proeftuin, publicatie_organisatieprofiel]
status: {status}
bewaren_tot: 2035-12-31
"""

BASE: dict[str, str] = {
    "mkdocs.yml": "site_name: Testbasis\ndocs_dir: playbooks\nplugins:\n  - esfkb:\n      small_cell: 5\n",
    "playbooks/index.md": (
        "# Testbasis\n\nZie het [enclavemodel](businessmodellen/enclave-model.md#canvas) en\n"
        "[het draaiboek](draaiboeken/enclave-draaiboek.md).\n"
    ),
    "playbooks/matchmakers/werkbrug.md": (
        "---\nnaam: Werkbrug vzw\nkbo_nummer: \"0588.843.646\"\nwerkingsgebied: [antwerpen, limburg]\n---\n\n"
        "Werkbrug begeleidt proeftuinen in de Kempen.\n"
    ),
    "playbooks/matchmakers/sociale-schakel.md": (
        "---\nnaam: Sociale Schakel\nkbo_nummer: \"0456.789.034\"\nwerkingsgebied: [oost_vlaanderen]\n---\n"
    ),
    "playbooks/registraties/kempenwerk.md": (
        "---\nnaam: Kempenwerk\nkbo_nummer: \"0412.345.614\"\neconomie: sociale_economie\n"
        "erkenningen: [maatwerkbedrijf]\npostcode: 2440\ngemeente: Geel\nregistratiedatum: 2024-01-10\n"
        "bron: esf_formulier\n" + _CONSENT.format(status="opgenomen_in_proeftuin") + "---\n\nEen maatwerkbedrijf.\n"
    ),
    "playbooks/registraties/logistiek-olen.md": (
        "---\nnaam: Logistiek Olen\nkbo_nummer: \"0678.901.218\"\neconomie: reguliere_economie\n"
        "postcode: 2250\ngemeente: Olen\nregistratiedatum: 2024-01-10\nbron: matchmaker_prospectie\n"
        + _CONSENT.format(status="opgenomen_in_proeftuin") + "---\n"
    ),
    "playbooks/registraties/groendienst-leuven.md": (
        "---\nnaam: Groendienst Leuven\nkbo_nummer: \"0876.543.270\"\neconomie: sociale_economie\n"
        "postcode: 3000\ngemeente: Leuven\nregistratiedatum: 2024-02-01\nbron: doorverwijzing\n"
        + _CONSENT.format(status="in_gesprek") + "---\n"
    ),
    "playbooks/proeftuinen/enclave-kempen.md": """---
titel: Enclave in de Kempen
matchmaker: werkbrug
status: lopend
ecosysteem: regionaal
provincies: [antwerpen]
startdatum: 2024-03-01
deelnemers:
  - registratie: kempenwerk
    rol: trekker
    engagement: overeenkomst
  - registratie: logistiek-olen
    rol: partner
    engagement: overeenkomst
samenwerkingsvormen: [enclave]
winwin:
  sociale_partner: [marktuitbreiding]
  reguliere_partner: [productiviteit_efficientie]
doorstroom: Wie klaar is, stroomt door naar een job bij de klant.
indicatoren:
  - {indicator: DS-01, waarde: 10, n: 10, peildatum: 2025-01-31}
  - {indicator: DS-02, waarde: 4, n: 10, peildatum: 2025-01-31}
  - {indicator: DS-03, waarde: 3, n: 4, peildatum: 2025-05-31}
---

Een enclave van Kempenwerk bij Logistiek Olen.
""",
    "playbooks/businessmodellen/enclave-model.md": """---
titel: Enclave in een distributiecentrum
samenwerkingsvorm: enclave
winwin:
  sociale_partner: [marktuitbreiding]
  reguliere_partner: [productiviteit_efficientie]
proeftuinen:
  - enclave-kempen
canvas:
  context: Veel verloop in distributiecentra.
  waardepropositie:
    sociale_partner: Stabiel werk.
    reguliere_partner: Een vaste ploeg.
    doelgroepmedewerker: Werk in een gewoon bedrijf.
  kernactiviteiten: Orderpicking.
  kernmiddelen: Een begeleider.
  partners: VDAB.
  kosten: Loonkost.
  inkomsten: Prijs per uur.
maturiteit: getest
status: gepubliceerd
versie: "1.0.0"
auteurs: [werkbrug]
---

Het model.
""",
    "playbooks/draaiboeken/enclave-draaiboek.md": """---
titel: Een enclave opstarten
businessmodel: enclave-model
doelpubliek: [se_onderneming]
fasen:
  - fase: verkennen
    stappen:
      - titel: Werkpost bekijken
status: concept
versie: "0.2.0"
auteurs:
  - werkbrug
---

Zie ook [het model](../businessmodellen/enclave-model.md).
""",
}
"""Three matchmaker-side kinds and a chain pilot ← model ← playbook; one registration in no pilot."""


def write_base(root: Path, files: dict[str, str] = BASE) -> Path:
    """Write ``files`` below ``root`` (bytes exactly as given: no newline translation)."""
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8"))
    return root


def load(root: Path) -> KnowledgeBase:
    """The knowledge base of the project at ``root``."""
    return load_knowledge_base(load_project(root))


def check(root: Path) -> ValidationResult:
    """Validate the project at ``root`` on a fixed date."""
    return validate(load(root), today=TODAY)


@pytest.fixture
def base(tmp_path: Path) -> Path:
    """A fresh copy of the small base."""
    return write_base(tmp_path / "kb")


@pytest.fixture
def in_base(base: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The small base as the current folder (the CLI looks for mkdocs.yml there)."""
    monkeypatch.chdir(base)
    return base
