"""Organisations named after a person (#17 finding 8), and formula-looking values in the export (finding 9).

The import says so per row and records ``naam_bevat_persoonsnaam``; validate reports such a name where it is
written without consent to publish it (ESF408), the same with or without a contacts file; the leak scan takes a
contact's name inside a consented, flagged name for that name, and everywhere else for a leak.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from esfkb.cli import main
from esfkb.config import Settings
from esfkb.model.models import Registratie
from esfkb.privacy.contacts import Contact
from esfkb.privacy.leak_scan import scan_site
from esfkb.privacy.persons import person_in_name
from esfkb.site.audience import Audience, Edition
from tests.privacy.test_import import run_import

EXPORT = """\
ondernemingsnaam;ondernemingsnummer;economie;postcode;gemeente;registratiedatum;contactpersoon;telefoon;\
toestemming_publicatie;toestemming_contact;aanbod;vraag
Bakkerij Peeters bv;0401.234.560;regulier;2440;Geel;2025-03-05;Jan Peeters;+32 470 12 34 56;nee;ja;=HYPERLINK("x");-3
JAN PEETÉRS DAKWERKEN;0401.234.659;regulier;2440;Geel;2025-03-05;jan peeters;;ja;ja;\t@SUM(1);+cmd|' /C calc'!A0
Houthandel Verbeke nv;0401.234.758;regulier;2440;Geel;2025-03-05;An Bakker;;ja;ja;-2+3;@x
"""
FOLDER = "playbooks/registraties"
PLAYBOOK = "playbooks/draaiboeken/enclave-opstarten.md"


@pytest.mark.parametrize(("organisation", "person", "found"), [
    ("Bakkerij Peeters bv", "Jan Peeters", "Peeters"),
    ("Jan Peeters Dakwerken", "Jan Peeters", "Jan Peeters"),
    ("JAN PEETERS DAKWERKEN", "jan peetérs", "jan peetérs"),
    ("J. Peeters bvba", "Jan Peeters", "Peeters"),
    ("Peeters Jan en Zonen", "Peeters Jan", "Peeters Jan"),
    ("Van den Bossche nv", "Els Van den Bossche", "Bossche"),
    ("Brasserie De Smaak bv", "Jan De Smet", None),
    ("Bakkerij Claes", "An Bakker", None),
    ("Kempenwerk maatwerkbedrijf", "Sofie Voorbeeldt", None),
])
def test_a_persons_name_in_an_organisations_name(organisation, person, found):
    assert person_in_name(organisation, person) == found


@pytest.fixture
def imported(runner, project: Path, tmp_path: Path) -> tuple[Path, Path, str]:
    """The example base after importing :data:`EXPORT`: its root, the contacts file (outside it) and stderr."""
    export = tmp_path / "export.csv"
    export.write_text(EXPORT, encoding="utf-8")
    contacts = tmp_path / "prive" / "contacten.yml"
    result = run_import(runner, project, export, contacts)
    assert result.exit_code == 0, result.output
    return project, contacts, result.stderr


def _frontmatter(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---")[1])


def test_the_import_says_which_names_name_a_person_and_records_it(imported):
    root, _, report = imported
    assert ("row 1 (line 2): ondernemingsnaam 'Bakkerij Peeters bv' contains the name of its contact person "
            "('Peeters'): recorded as naam_bevat_persoonsnaam; the public site shows it only with consent to "
            "publish the profile, which this row does not give") in report
    assert "row 2 (line 3): ondernemingsnaam 'JAN PEETÉRS DAKWERKEN' contains the name of its contact person" in report
    assert "row 3 (line 4): ondernemingsnaam" not in report
    assert _frontmatter(root / FOLDER / "bakkerij-peeters-bv.md")["naam_bevat_persoonsnaam"] is True
    assert "naam_bevat_persoonsnaam" not in _frontmatter(root / FOLDER / "houthandel-verbeke-nv.md")


def test_the_import_keeps_formula_looking_values_and_flags_them_per_row(imported):
    root, _, report = imported
    for row, column, value in ((1, "aanbod", '=HYPERLINK("x")'), (2, "aanbod", "\t@SUM(1)"),
                               (2, "vraag", "+cmd|' /C calc'!A0"), (3, "aanbod", "-2+3"), (3, "vraag", "@x")):
        assert f"row {row} (line {row + 1}): {column} {value!r} starts like a spreadsheet formula" in report
    assert "'-3' starts like" not in report and "'+32 470 12 34 56' starts like" not in report
    assert _frontmatter(root / FOLDER / "bakkerij-peeters-bv.md")["aanbod"] == ['=HYPERLINK("x")']


def test_a_second_import_changes_nothing(runner, imported, tmp_path):
    root, contacts, _ = imported
    result = run_import(runner, root, tmp_path / "export.csv", contacts)
    assert "0 created, 0 updated, 3 unchanged" in result.stdout


def _person_names(runner, root: Path) -> set[tuple[str, int, str]]:
    result = runner.invoke(main, ["validate", str(root), "--format", "json"])
    return {(d["path"], d["line"], d["message"]) for d in json.loads(result.stdout)["diagnostics"]
            if d["code"] == "ESF408"}


def test_validate_reports_an_unconsented_persons_name_where_it_is_written(runner, imported, monkeypatch):
    root, contacts, _ = imported
    path = root / PLAYBOOK
    text = path.read_text(encoding="utf-8")
    line = text.count("\n") + 2
    path.write_text(text + "\nMet dank aan bakkerij  PEETERS bv en Jan Peeters Dakwerken.\n", encoding="utf-8")
    monkeypatch.delenv("ESFKB_CONTACTS", raising=False)
    without = _person_names(runner, root)
    assert without == {(PLAYBOOK, line, "'Bakkerij Peeters bv' (playbooks/registraties/bakkerij-peeters-bv.md) is "
                        "named after a person and may not be published: write 'een deelnemer uit ...' instead, or "
                        "record consent for publicatie_organisatieprofiel")}  # the other one consented
    monkeypatch.setenv("ESFKB_CONTACTS", str(contacts))
    assert _person_names(runner, root) == without, "the rule does not depend on the contacts file"


def test_the_leak_scan_takes_a_contacts_name_in_a_published_persons_name_for_that_name(tmp_path):
    root = tmp_path / "site"
    for name, text in (("registratie", "<h1>Jan Peeters Dakwerken</h1>"), ("draaiboek", "<p>Bel Jan Peeters.</p>")):
        (root / name).mkdir(parents=True)
        (root / name / "index.html").write_text(text, encoding="utf-8")
    contacts = {"jan-peeters-dakwerken": Contact(naam="Jan Peeters")}
    assert {leak.path for leak in scan_site(root, contacts, Settings())} == {"registratie/index.html",
                                                                             "draaiboek/index.html"}
    published = ["JAN PEETERS  Dakwerken"]
    assert {leak.path for leak in scan_site(root, contacts, Settings(), published=published)} == {
        "draaiboek/index.html"}


def test_the_flag_is_administration_only_the_matchmakers_see():
    assert not Audience().shows_field(Registratie, "naam_bevat_persoonsnaam")
    assert Audience(Edition.MATCHMAKERS).shows_field(Registratie, "naam_bevat_persoonsnaam")
