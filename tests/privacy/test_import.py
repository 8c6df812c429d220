"""``esfkb registrations import``: Flemish spreadsheet exports in, public files and private contacts out."""

from __future__ import annotations

import hashlib
import json
import stat
from pathlib import Path

import pytest
import yaml

from esfkb.cli import main

DATA = Path(__file__).parent / "data"
CP1252 = DATA / "export-cp1252.csv"
UTF8_BOM = DATA / "export-utf8-bom.csv"


def snapshot(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture
def contacts(tmp_path: Path) -> Path:
    return tmp_path / "prive" / "contacten.yml"


def run_import(runner, project: Path, export: Path, contacts: Path, *extra: str):
    import os

    cwd = os.getcwd()
    os.chdir(project)
    try:
        return runner.invoke(main, ["registrations", "import", str(export), "--contacts", str(contacts), *extra])
    finally:
        os.chdir(cwd)


def test_cp1252_semicolon_export(runner, project, contacts):
    result = run_import(runner, project, CP1252, contacts)
    assert result.exit_code == 1, result.output  # two rows rejected
    assert "row 3 (line 5): ondernemingsnummer '0123.456.789' is not a valid KBO number (mod 97); row not imported" \
        in result.stderr
    assert "row 4 (line 6): postcode '123' is not a Belgian postcode" in result.stderr
    assert "row 6 (line 8): same KBO number as row 2; the later row is used" in result.stderr
    assert "interesse 'onbestaande vorm' is not a samenwerkingsvorm" in result.stderr
    assert "2 created, 1 updated, 0 unchanged, 2 rejected" in result.stdout
    folder = project / "playbooks/registraties"
    assert not (folder / "foutieve-firma-nv.md").exists() and not (folder / "postloos-bv.md").exists()
    smaak = yaml.safe_load((folder / "brasserie-de-smaak-bv.md").read_text(encoding="utf-8").split("---")[1])
    assert smaak["naam"] == "Brasserie Dé Smaak bv" and smaak["gemeente"] == "Heverlee"
    assert smaak["toestemming"]["doeleinden"] == ["samenstelling_proeftuin", "contact_door_matchmaker"]
    assert smaak["interesse_samenwerkingsvormen"] == ["klant_leverancier"]
    kempen = (folder / "kempenwerk.md").read_text(encoding="utf-8")
    assert "Kempenwerk is een maatwerkbedrijf met een sterke logistieke afdeling." in kempen
    assert yaml.safe_load(kempen.split("---")[1])["aanbod"] == ["verpakken en etiketteren", "sorteren van retouren"]
    assert "vraag:\n  - vaste opdrachten in de logistiek\n" in kempen  # untouched lines stay as they were
    private = yaml.safe_load(contacts.read_text(encoding="utf-8"))
    assert private["kempenwerk"] == {"naam": "Sofie Voorbeeldt", "functie": "zaakvoerder",
                                     "email": "sofie.voorbeeldt@kempenwerk.example", "telefoon": "+3214210001"}
    assert private["brasserie-de-smaak-bv"]["telefoon"] == "+32470990001"
    assert stat.S_IMODE(contacts.stat().st_mode) == 0o600
    for text in (p.read_text(encoding="utf-8") for p in folder.glob("*.md")):
        assert "Voorbeeldt" not in text and "@desmaak" not in text and "99 00 01" not in text
    validated = runner.invoke(main, ["validate", str(project), "--format", "json"])
    assert json.loads(validated.stdout)["errors"] == 0, validated.stdout


def test_utf8_bom_comma_export_with_quoted_newlines(runner, project, contacts):
    result = run_import(runner, project, UTF8_BOM, contacts)
    assert result.exit_code == 0, result.output
    text = (project / "playbooks/registraties/textiel-tweede-kans-cv.md").read_text(encoding="utf-8")
    data = yaml.safe_load(text.split("---")[1])
    assert data["naam"] == "Textiel Tweede Kans, cv"
    assert data["aanbod"] == ['sorteren, herstellen en', '"upcyclen" van textiel']
    assert data["interesse_samenwerkingsvormen"] == ["circulaire_samenwerking", "kennisdeling"]
    private = yaml.safe_load(contacts.read_text(encoding="utf-8"))
    assert private["textiel-tweede-kans-cv"]["telefoon"] == "+32470990002"
    assert private["bouwbedrijf-ficta-nv"] == {}  # registered without a contact person


def test_reimport_is_byte_for_byte_idempotent(runner, project, contacts):
    run_import(runner, project, CP1252, contacts)
    before = snapshot(project) | {"contacts": hashlib.sha256(contacts.read_bytes()).hexdigest()}
    result = run_import(runner, project, CP1252, contacts)
    assert "0 created, 0 updated, 3 unchanged, 2 rejected; contacts: 0 changed" in result.stdout
    assert snapshot(project) | {"contacts": hashlib.sha256(contacts.read_bytes()).hexdigest()} == before


def test_updated_export_changes_only_what_changed_and_keeps_the_body(runner, project, contacts, tmp_path):
    run_import(runner, project, UTF8_BOM, contacts)
    file = project / "playbooks/registraties/textiel-tweede-kans-cv.md"
    edited = file.read_text(encoding="utf-8").replace(
        "Vul hier het publieke organisatieprofiel aan", "Tweede Kans sorteert jaarlijks 300 ton textiel.\n\nVul")
    edited = edited.replace("status: nieuw", "status: in_gesprek  # na het eerste gesprek")
    file.write_text(edited, encoding="utf-8")
    export = tmp_path / "update.csv"
    export.write_bytes(UTF8_BOM.read_bytes().replace(b"9300,Aalst", b"9300,Erembodegem"))
    result = run_import(runner, project, export, contacts)
    assert "update playbooks/registraties/textiel-tweede-kans-cv.md: gemeente" in result.stdout
    after = file.read_text(encoding="utf-8")
    assert after == edited.replace("gemeente: Aalst", "gemeente: Erembodegem")


def test_dry_run_writes_nothing(runner, project, contacts):
    before = snapshot(project)
    result = run_import(runner, project, CP1252, contacts, "--dry-run")
    assert "would create playbooks/registraties/brasserie-de-smaak-bv.md" in result.stdout
    assert snapshot(project) == before and not contacts.exists()


def test_contacts_inside_the_repository_are_refused(runner, project):
    result = run_import(runner, project, CP1252, project / "contacten.yml")
    assert result.exit_code == 2 and "must live outside the repository" in result.stderr
    assert not (project / "contacten.yml").exists()


def test_missing_columns_are_named(runner, project, contacts, tmp_path):
    export = tmp_path / "kapot.csv"
    export.write_text("naam;postcode\nIets;2000\n", encoding="utf-8")
    result = run_import(runner, project, export, contacts)
    assert result.exit_code == 1 and "lacks the columns ondernemingsnaam, ondernemingsnummer" in result.stderr


def test_expired_lists_registrations_with_their_pilots(runner, project, monkeypatch):
    monkeypatch.chdir(project)
    result = runner.invoke(main, ["registrations", "expired", "--today", "2029-12-31"])
    assert "no registration is past" in result.stdout
    result = runner.invoke(main, ["registrations", "expired", "--today", "2030-01-02", "--format", "json"])
    listed = json.loads(result.stdout)
    assert [(e["id"], e["proeftuinen"]) for e in listed] == [
        ("kempenwerk", ["enclave-kempen"]), ("logistiek-olen", ["enclave-kempen"])]


def test_expired_exits_1_while_it_lists_registrations(runner, project, monkeypatch):
    """Like validate: a listed registration must be deleted or renewed, so a CI step that runs this fails."""
    monkeypatch.chdir(project)
    assert runner.invoke(main, ["registrations", "expired", "--today", "2029-12-31"]).exit_code == 0
    for fmt in ("text", "json"):
        result = runner.invoke(main, ["registrations", "expired", "--today", "2030-01-02", "--format", fmt])
        assert result.exit_code == 1 and "kempenwerk" in result.stdout


def test_a_changed_postcode_is_written_as_a_number_like_in_created_files(runner, project, contacts, tmp_path):
    run_import(runner, project, UTF8_BOM, contacts)
    file = project / "playbooks/registraties/textiel-tweede-kans-cv.md"
    before = file.read_text(encoding="utf-8")
    assert "\npostcode: 9300\n" in before
    export = tmp_path / "moved.csv"
    export.write_bytes(UTF8_BOM.read_bytes().replace(b"9300,Aalst", b"9320,Erembodegem"))
    result = run_import(runner, project, export, contacts)
    assert "update playbooks/registraties/textiel-tweede-kans-cv.md: postcode, gemeente" in result.stdout
    assert file.read_text(encoding="utf-8") == before.replace("postcode: 9300", "postcode: 9320").replace(
        "gemeente: Aalst", "gemeente: Erembodegem")
