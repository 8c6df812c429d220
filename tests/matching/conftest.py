"""Hand-made knowledge bases for the matching tests: only the registrations a test names."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from esfkb.base.knowledge_base import load_knowledge_base
from esfkb.config import load_project

TODAY = date(2026, 5, 1)

MKDOCS = """site_name: Matching
docs_dir: playbooks
theme:
  name: material
  language: nl
  font: false
plugins:
  - esfkb
"""

MATCHMAKER = {"naam": "Werkbrug vzw", "kbo_nummer": "0200.000.142"}

_KBO = iter(range(3_000_000, 4_000_000))


def _kbo() -> str:
    base = next(_KBO)
    digits = f"{base:08d}{97 - base % 97:02d}"
    return f"{digits[:4]}.{digits[4:7]}.{digits[7:]}"


def registration(economie: str = "sociale_economie", **fields: Any) -> dict[str, Any]:
    """A valid registration that may be approached; ``fields`` override or add keys."""
    data: dict[str, Any] = {
        "naam": fields.pop("naam", "Organisatie"),
        "kbo_nummer": _kbo(),
        "economie": economie,
        "postcode": 2200,
        "gemeente": "Herentals",
        "registratiedatum": "2025-01-15",
        "bron": "esf_formulier",
        "toestemming": {"datum": "2025-01-15", "doeleinden": ["samenstelling_proeftuin", "contact_door_matchmaker"]},
        "status": "nieuw",
        "bewaren_tot": "2030-12-31",
    }
    data.update(fields)
    return data


def pilot(deelnemers: list[str] | dict[str, str], **fields: Any) -> dict[str, Any]:
    """A valid pilot in samenstelling; ``deelnemers`` are ids (engagement interesse) or id → engagement."""
    engagements = deelnemers if isinstance(deelnemers, dict) else dict.fromkeys(deelnemers, "interesse")
    data: dict[str, Any] = {
        "titel": fields.pop("titel", "Proeftuin"),
        "matchmaker": "werkbrug",
        "status": "samenstelling",
        "ecosysteem": "regionaal",
        "provincies": ["antwerpen"],
        "startdatum": "2026-01-01",
        "deelnemers": [{"registratie": i, "rol": "partner", "engagement": e} for i, e in engagements.items()],
        "samenwerkingsvormen": ["klant_leverancier"],
        "winwin": {"sociale_partner": ["marktuitbreiding"], "reguliere_partner": ["zichtbaarheid"]},
        "doorstroom": "Doelgroepmedewerkers stromen door naar een job bij de reguliere partner.",
    }
    data.update(fields)
    return data


FOLDERS = {"registratie": "registraties", "proeftuin": "proeftuinen", "businessmodel": "businessmodellen"}


def write_base(root: Path, documents: dict[str, tuple[str, dict[str, Any]]]) -> Path:
    """Write mkdocs.yml, the matchmaker and ``documents`` (id → (kind, frontmatter)) under ``root``."""
    docs = root / "playbooks"
    for folder in ("registraties", "proeftuinen", "businessmodellen", "matchmakers"):
        (docs / folder).mkdir(parents=True, exist_ok=True)
    (root / "mkdocs.yml").write_text(MKDOCS, encoding="utf-8")
    (docs / "index.md").write_text("# Matching\n", encoding="utf-8")
    documents = {"werkbrug": ("matchmaker", MATCHMAKER), **documents}
    for doc_id, (kind, data) in documents.items():
        folder = FOLDERS.get(kind, "matchmakers")
        text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
        (docs / folder / f"{doc_id}.md").write_text(f"---\n{text}---\n\nTekst.\n", encoding="utf-8")
    return root


@pytest.fixture
def build(tmp_path: Path):
    """Build and load a hand-made knowledge base from id → (kind, frontmatter)."""

    def _build(documents: dict[str, tuple[str, dict[str, Any]]]):
        root = write_base(tmp_path / "kb", documents)
        return load_knowledge_base(load_project(root))

    return _build
