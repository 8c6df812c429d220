"""Codes a reader cannot read, spelled out by the core: NACE-BEL divisions, licences, phone numbers."""

from __future__ import annotations

import csv
from importlib import resources

import pytest
from pydantic import TypeAdapter

from esfkb.base.knowledge_base import load_knowledge_base
from esfkb.browse.cards import build_card
from esfkb.config import load_project
from esfkb.model.fields import LicenceId, NaceCode
from esfkb.model.licences import LICENCES, Licence
from esfkb.model.models import Draaiboek
from esfkb.model.nace import DATA_FILE, Nace, division_names
from esfkb.model.phone import phone_number
from esfkb.site.html.labels import term
from tests.conftest import REPO


def test_the_data_file_holds_the_88_divisions_of_nace_bel_2008_with_its_source():
    text = resources.files("esfkb.model").joinpath("data", DATA_FILE).read_text(encoding="utf-8")
    header = [line for line in text.splitlines() if line.startswith("#")]
    assert any("https://statbel.fgov.be/" in line for line in header)
    assert any("Licence" in line for line in header)
    names = division_names()
    assert len(names) == 88
    assert list(names) == sorted(names) and all(len(code) == 2 and code.isdigit() for code in names)
    assert set(names) >= {"01", "22", "43", "81", "88", "99"} and not set(names) & {"04", "34", "40", "83", "89"}
    rows = list(csv.reader(line for line in text.splitlines() if not line.startswith("#")))
    assert rows[0] == ["code", "naam"] and all(len(row) == 2 and row[1].strip() == row[1] != "" for row in rows)


@pytest.mark.parametrize(("written", "label"), [
    ("22", "22 – Vervaardiging van producten van rubber of kunststof"),
    ("81.21", "81.21 (Diensten in verband met gebouwen; landschapsverzorging)"),
    ("88.991", "88.991 (Maatschappelijke dienstverlening zonder huisvesting)"),
    ("04", "04"),  # no such division: the code as written
    ("34.1", "34.1"),
])
def test_a_nace_code_reads_with_its_divisions_dutch_name(written, label):
    code = TypeAdapter(NaceCode).validate_python(written)
    assert isinstance(code, Nace) and code == written and term(code) == label
    assert code.division == written[:2]


def test_a_nace_code_stays_the_string_written_in_exports():
    codes = TypeAdapter(list[NaceCode]).validate_python(["22.29", "13"])
    assert TypeAdapter(list[NaceCode]).dump_json(codes) == b'["22.29","13"]'
    assert sorted(codes) == ["13", "22.29"] and f"{codes[0]}" == "22.29"


@pytest.mark.parametrize("identifier", sorted(LICENCES))
def test_every_known_licence_reads_by_its_dutch_name_and_links_its_text(identifier):
    licence = TypeAdapter(LicenceId).validate_python(identifier.upper())
    assert isinstance(licence, Licence) and licence == identifier.upper()
    assert licence.label == LICENCES[identifier].name != identifier
    assert licence.url is not None and licence.url.startswith("https://creativecommons.org/")
    assert licence.url.endswith("/deed.nl")


def test_the_default_licence_reads_as_its_name_and_an_unknown_one_as_written():
    assert term(Licence("cc-by-4.0")) == "Creative Commons Naamsvermelding 4.0 Internationaal (CC BY 4.0)"
    assert Draaiboek.model_fields["licentie"].default == "cc-by-4.0"
    own = Licence("eigen-licentie")
    assert term(own) == "eigen-licentie" and own.url is None


def test_esfkb_show_reads_the_licence_and_the_sector_as_the_site_does():
    kb = load_knowledge_base(load_project(REPO))
    for document in kb.documents.values():
        facts = dict(build_card(kb, document).facts)
        model = document.model
        if getattr(model, "licentie", None):
            assert facts["Licentie"] == term(model.licentie)
        if getattr(model, "nace", None):
            shown = facts["Sector (NACE-BEL)"].removesuffix("…")  # a long line is cut
            assert ", ".join(term(code) for code in model.nace).startswith(shown) and "(" in shown


@pytest.mark.parametrize(("stored", "shown"), [
    ("+3214210001", "014 21 00 01"),
    ("+32470123456", "0470 12 34 56"),
    ("+3221234567", "02 123 45 67"),
    ("+3250440101", "050 44 01 01"),
    ("+442079460018", "+44 20 7946 0018"),  # a foreign number (of the UK's range for fiction): international
])
def test_a_phone_number_reads_in_belgian_notation_and_dials_its_e164_form(stored, shown):
    assert phone_number(stored) == (shown, f"tel:{stored}")


def test_a_value_that_is_no_phone_number_reads_as_given_without_a_link():
    assert phone_number("bel het onthaal") == ("bel het onthaal", None)
    assert phone_number("+32123") == ("+32123", None)
