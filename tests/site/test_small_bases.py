"""Small temporary bases: escaping, validation inside the build, and the two audiences."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import EXAMPLES
from tests.site.helpers import run_mkdocs

PILOT = "playbooks/proeftuinen/enclave-kempen.md"
QUIET_PILOT = """\
---
titel: Enclave in de Kempen
samenvatting: Een ploeg van Kempenwerk verpakt op de site van een logistiek bedrijf.
matchmaker: werkbrug
status: afgerond
ecosysteem: regionaal
provincies: [antwerpen]
nace: ["52.10"]
startdatum: 2024-04-01
einddatum: 2025-03-31
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
doelgroepen: [arbeidshandicap]
doorstroom: Twee medewerkers stroomden door naar een vast contract bij de klant.
indicatoren:
  - indicator: DS-01
    waarde: 8
    n: 8
    peildatum: 2025-03-31
  - indicator: DS-02
    waarde: 2
    n: 8
    peildatum: 2025-03-31
  - indicator: DS-03
    waarde: 2
    n: 2
    peildatum: 2025-09-30
---

Verslag van de proeftuin; de klant was een [distributiecentrum](../registraties/logistiek-olen.md).
"""
SILENT_REGISTRATION = """\
---
naam: Stille Partner bv
kbo_nummer: "0400.000.383"
economie: reguliere_economie
postcode: 2440
gemeente: Geel
registratiedatum: 2024-03-05
bron: esf_formulier
toestemming:
  datum: 2024-03-05
  doeleinden: [onderzoek_evaluatie]
status: nieuw
bewaren_tot: 2029-12-31
---

Geen toestemming om te publiceren of te contacteren.
"""
CONTACTS = """\
logistiek-olen:
  {naam: Jan Peeters, functie: HR-manager, email: jan.peeters@olen-contact.invalid, telefoon: "+32470990001"}
kempenwerk:
  {naam: An Claes, functie: directeur, email: an.claes@kempen-contact.invalid, telefoon: "+32470990002"}
stille-partner:
  {naam: Piet Stil, functie: zaakvoerder, email: piet@stil-contact.invalid, telefoon: "+32470123456"}
"""
SECRETS = ("Jan Peeters", "jan.peeters@olen-contact.invalid", "+32470990001", "An Claes", "Piet Stil",
           "piet@stil-contact.invalid", "+32470123456")


def test_script_in_a_title_is_escaped_everywhere(small_base, tmp_path):
    model = EXAMPLES / "valid/playbooks/businessmodellen/enclave-distributie.md"
    text = model.read_text(encoding="utf-8").replace(
        "titel: Enclave in een distributiecentrum", 'titel: "<script>alert(1)</script> Enclave"')
    root = small_base({"playbooks/businessmodellen/enclave-distributie.md": text})
    build = run_mkdocs(root / "mkdocs.yml", tmp_path / "site", strict=False)
    assert build.returncode == 0, build.log
    assert "ESF407" in build.log  # the core still reports HTML in frontmatter: strict builds refuse it
    page = build.text("businessmodellen/enclave-distributie/")
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Enclave" in page
    for path, content in build.text_files().items():
        assert "<script>alert(1)" not in content, path


def test_an_invalid_base_fails_the_strict_build_with_its_diagnostic(small_base, tmp_path):
    broken = EXAMPLES / "invalid/unknown-reference/playbooks/draaiboeken/enclave-opstarten.md"
    root = small_base({"playbooks/draaiboeken/enclave-opstarten.md": broken.read_text(encoding="utf-8")})
    build = run_mkdocs(root / "mkdocs.yml", tmp_path / "site")
    assert build.returncode != 0
    assert "playbooks/draaiboeken/enclave-opstarten.md:3:" in build.log
    assert "ESF201" in build.log


@pytest.fixture
def private_base(small_base, tmp_path) -> tuple[Path, Path]:
    """A base with a non-consenting participant and a silent registration, and a contacts file outside it."""
    root = small_base({PILOT: QUIET_PILOT, "playbooks/registraties/stille-partner.md": SILENT_REGISTRATION})
    contacts = tmp_path / "private" / "contacts.yml"
    contacts.parent.mkdir()
    contacts.write_text(CONTACTS, encoding="utf-8")
    return root, contacts


def test_public_edition_hides_what_was_not_consented(private_base, tmp_path):
    root, contacts = private_base
    build = run_mkdocs(root / "mkdocs.yml", tmp_path / "public", env={"ESFKB_CONTACTS": str(contacts)})
    assert build.returncode == 0, build.log
    assert (build.site / "registraties/kempenwerk/index.html").exists()
    for hidden in ("logistiek-olen", "stille-partner"):
        assert not (build.site / "registraties" / hidden).exists()
    pilot = build.text("proeftuinen/enclave-kempen/")
    assert "een deelnemer uit de reguliere economie" in pilot
    assert "< 5" in pilot.replace("&lt;", "<")
    assert "esfkb-banner" not in pilot
    records = build.json("api/proeftuin.json")["documents"][0]
    assert {d["registratie"] for d in records["deelnemers"]} == {"kempenwerk", None}
    assert next(m for m in records["indicatoren"] if m["indicator"] == "DS-03")["waarde"] is None
    for path, text in build.text_files().items():
        for needle in (*SECRETS, "Logistiek Olen", "logistiek-olen", "Stille Partner", "stille-partner"):
            assert needle not in text, (path, needle)


def test_matchmakers_edition_joins_contacts_behind_a_banner(private_base, tmp_path):
    root, contacts = private_base
    env = {"ESFKB_AUDIENCE": "matchmakers", "ESFKB_CONTACTS": str(contacts)}
    build = run_mkdocs(root / "mkdocs.yml", tmp_path / "matchmakers", env=env)
    assert build.returncode == 0, build.log
    page = build.text("registraties/logistiek-olen/")
    assert "Jan Peeters" in page and 'href="mailto:jan.peeters@olen-contact.invalid"' in page
    assert "Logistiek Olen nv" in build.text("proeftuinen/enclave-kempen/")
    directory = build.text("registraties/")
    assert "Jan Peeters" in directory and 'data-facet="economie"' in directory
    assert not (build.site / "registraties/stille-partner").exists()
    for path, text in build.text_files().items():
        assert "Piet Stil" not in text and "piet@stil-contact.invalid" not in text, path
        if path.endswith(".html"):
            assert text.count("esfkb-banner") == 1, path
    for path in ("api/catalog.json", "api/registratie.json"):
        assert "Jan Peeters" not in build.text(path)


def test_matchmakers_edition_without_contacts_file_fails_clearly(small_base, tmp_path):
    root = small_base()
    build = run_mkdocs(root / "mkdocs.yml", tmp_path / "site", env={"ESFKB_AUDIENCE": "matchmakers"})
    assert build.returncode != 0
    assert "contacts file" in build.log and "ESFKB_CONTACTS" in build.log
