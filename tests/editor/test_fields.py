"""The generated editor config against the models, field by field, and per type of field."""

from __future__ import annotations

import re
import typing
from typing import Any

import pytest
from pydantic import BaseModel

from esfkb.editor.collections import BODY_FIELD, collections, title_field
from esfkb.editor.fields import DATE_FORMAT
from esfkb.model.fields import ID_PATTERN, SEMVER_PATTERN
from esfkb.model.kinds import load_kinds
from esfkb.model.models import Businessmodel, Draaiboek, Proeftuin, Registratie
from esfkb.model.vocabulary import Doelpubliek, Fase, Provincie, Samenwerkingsvorm, WinwinNiveau


def _collection(kind: str) -> dict[str, Any]:
    return next(c for c in collections(load_kinds(), "playbooks") if c["name"] == kind)


def _fields(kind: str) -> dict[str, dict[str, Any]]:
    return {f["name"]: f for f in _collection(kind)["fields"]}


def _model_pairs() -> list[tuple[str, type[BaseModel], list[dict[str, Any]]]]:
    """Every (path, model, Decap fields) pair, nested models included."""
    found: list[tuple[str, type[BaseModel], list[dict[str, Any]]]] = []

    def walk(path: str, model: type[BaseModel], fields: list[dict[str, Any]]) -> None:
        found.append((path, model, fields))
        by_name = {f["name"]: f for f in fields}
        for name, info in model.model_fields.items():
            annotation = info.annotation
            if typing.get_origin(annotation) is list:
                (annotation,) = typing.get_args(annotation)
            if isinstance(annotation, type) and issubclass(annotation, BaseModel):
                walk(f"{path}.{name}", annotation, by_name[name]["fields"])

    for kind in load_kinds().kinds:
        walk(kind.name, kind.model, _collection(kind.name)["fields"][:-1])
    return found


@pytest.mark.parametrize(("path", "model", "fields"), _model_pairs(), ids=[p for p, _, _ in _model_pairs()])
def test_every_field_has_the_models_label_hint_and_required(path, model, fields):
    assert [f["name"] for f in fields] == list(model.model_fields)
    for spec, (name, info) in zip(fields, model.model_fields.items(), strict=True):
        assert spec["label"] == info.title, f"{path}.{name}"
        assert spec["hint"] == info.description, f"{path}.{name}"
        assert spec["required"] is info.is_required(), f"{path}.{name}"


def test_one_collection_per_kind_in_its_folder_named_by_its_title():
    for kind in load_kinds().kinds:
        collection = _collection(kind.name)
        assert collection["folder"] == f"playbooks/{kind.folder}"
        assert (collection["label"], collection["label_singular"]) == (kind.plural, kind.label)
        assert collection["create"] is True
        assert (collection["extension"], collection["format"]) == ("md", "yaml-frontmatter")
        assert collection["identifier_field"] == title_field(kind) and collection["slug"] == "{{slug}}"
        assert collection["fields"][-1] == BODY_FIELD
    assert title_field(load_kinds().by_name["registratie"]) == "naam"


def test_the_body_is_raw_markdown():
    assert BODY_FIELD["widget"] == "markdown" and BODY_FIELD["modes"] == ["raw"] and BODY_FIELD["required"] is False


def test_free_text_title_and_code():
    fields = _fields("draaiboek")
    assert fields["titel"]["widget"] == "string"  # the title: one line, and the file name is made from it
    assert fields["samenvatting"]["widget"] == "text"
    assert fields["licentie"] == {"label": "Licentie", "name": "licentie", "widget": "string",
                                  "hint": "Licentie van de tekst.", "required": False, "default": "cc-by-4.0"}


def test_vocabulary_is_a_select_showing_the_label_storing_the_value():
    spec = _fields("businessmodel")["samenwerkingsvorm"]
    assert spec["widget"] == "select" and "multiple" not in spec
    assert spec["options"] == [{"label": m.label, "value": m.value} for m in Samenwerkingsvorm]


def test_list_of_a_vocabulary_is_a_multiple_select_with_the_models_minimum():
    doelpubliek = _fields("draaiboek")["doelpubliek"]
    assert (doelpubliek["widget"], doelpubliek["multiple"], doelpubliek["min"]) == ("select", True, 1)
    assert [o["value"] for o in doelpubliek["options"]] == [m.value for m in Doelpubliek]
    provincies = _fields("matchmaker")["werkingsgebied"]
    assert provincies["multiple"] is True and "min" not in provincies and provincies["required"] is False
    assert [o["label"] for o in provincies["options"]] == [m.label for m in Provincie]


def test_reference_is_a_relation_over_the_target_collection_storing_the_id():
    businessmodel = _fields("draaiboek")["businessmodel"]
    assert businessmodel == {
        "label": "Businessmodel", "name": "businessmodel", "widget": "relation",
        "hint": Draaiboek.model_fields["businessmodel"].description, "required": True,
        "collection": "businessmodel", "value_field": "{{slug}}", "search_fields": ["titel"],
        "display_fields": ["titel"]}
    matchmaker = _fields("proeftuin")["matchmaker"]
    assert (matchmaker["collection"], matchmaker["display_fields"]) == ("matchmaker", ["naam"])


def test_list_of_references_is_a_multiple_relation():
    auteurs = _fields("businessmodel")["auteurs"]
    assert (auteurs["widget"], auteurs["collection"], auteurs["multiple"], auteurs["min"]) == (
        "relation", "matchmaker", True, 1)
    proeftuinen = _fields("businessmodel")["proeftuinen"]
    assert proeftuinen["multiple"] is True and proeftuinen["required"] is False and "min" not in proeftuinen


def test_dates_are_stored_as_year_month_day():
    spec = _fields("proeftuin")["startdatum"]
    assert (spec["widget"], spec["format"], spec["date_format"], spec["time_format"]) == (
        "datetime", DATE_FORMAT, DATE_FORMAT, False)
    assert DATE_FORMAT == "YYYY-MM-DD"
    assert _fields("proeftuin")["einddatum"]["required"] is False


def test_formats_carry_the_models_pattern():
    versie = _fields("businessmodel")["versie"]
    assert versie["widget"] == "string" and versie["pattern"][0] == SEMVER_PATTERN
    assert versie["pattern"][1] == f"Schrijf het zoals gevraagd: {Businessmodel.model_fields['versie'].description}"
    kbo = _fields("registratie")["kbo_nummer"]
    assert re.fullmatch(kbo["pattern"][0], "0123.456.749")
    nace = _fields("registratie")["nace"]
    assert nace["widget"] == "list" and re.fullmatch(nace["field"]["pattern"][0], "81.21")


def test_numbers_and_yes_no():
    fields = _fields("registratie")
    assert (fields["postcode"]["widget"], fields["postcode"]["value_type"]) == ("number", "int")
    assert (fields["postcode"]["min"], fields["postcode"]["max"]) == (1000, 9999)
    assert fields["naam_bevat_persoonsnaam"] == {
        "label": "Naam bevat persoonsnaam", "name": "naam_bevat_persoonsnaam", "widget": "boolean",
        "hint": Registratie.model_fields["naam_bevat_persoonsnaam"].description, "required": False, "default": False}
    meting = {f["name"]: f for f in _fields("proeftuin")["indicatoren"]["fields"]}
    assert (meting["waarde"]["value_type"], meting["n"]["value_type"], meting["n"]["min"]) == ("float", "int", 0)
    assert meting["n"]["required"] is False and meting["peildatum"]["widget"] == "datetime"


def test_list_of_text_is_a_list_of_text_areas():
    spec = _fields("businessmodel")["randvoorwaarden"]
    assert spec["widget"] == "list" and spec["required"] is False and spec["collapsed"] is False  # the texts in view
    assert spec["field"] == {"label": "Randvoorwaarden", "name": "randvoorwaarden", "widget": "text"}


def test_canvas_and_win_win_are_nested_objects():
    canvas = _fields("businessmodel")["canvas"]
    assert canvas["widget"] == "object"
    inner = {f["name"]: f for f in canvas["fields"]}
    assert inner["waardepropositie"]["widget"] == "object"
    assert [f["name"] for f in inner["waardepropositie"]["fields"]] == [
        "sociale_partner", "reguliere_partner", "doelgroepmedewerker"]
    assert inner["impact"]["widget"] == "select" and inner["impact"]["multiple"] is True
    winwin = _fields("proeftuin")["winwin"]
    for side in winwin["fields"]:
        assert side["widget"] == "select" and side["multiple"] is True and side["min"] == 1
        assert [o["value"] for o in side["options"]] == [m.value for m in WinwinNiveau]


def test_phases_with_their_steps_and_participants_are_lists_of_objects():
    fasen = _fields("draaiboek")["fasen"]
    assert (fasen["widget"], fasen["min"], fasen["summary"]) == ("list", 1, "{{fields.fase}}")
    fase, stappen = fasen["fields"]
    assert fase["widget"] == "select" and [o["value"] for o in fase["options"]] == [m.value for m in Fase]
    assert (stappen["widget"], stappen["min"]) == ("list", 1)
    assert [(f["name"], f["required"]) for f in stappen["fields"]] == [
        ("titel", True), ("rol", False), ("duur", False), ("resultaat", False)]
    deelnemers = _fields("proeftuin")["deelnemers"]
    registratie = deelnemers["fields"][0]
    assert deelnemers["widget"] == "list" and registratie["widget"] == "relation"
    assert registratie["collection"] == "registratie" and registratie["display_fields"] == ["naam"]
    assert Proeftuin.model_fields["deelnemers"].is_required()


def test_every_pattern_is_one_the_browser_compiles_like_python():
    """Decap builds a JavaScript RegExp from each pattern: only syntax both languages read alike."""
    patterns: list[str] = []

    def collect(fields: list[dict[str, Any]]) -> None:
        for spec in fields:
            for nested in (spec.get("fields") or [], [spec["field"]] if "field" in spec else []):
                collect(nested)
            if "pattern" in spec:
                patterns.append(spec["pattern"][0])

    for collection in collections(load_kinds(), "playbooks"):
        collect(collection["fields"])
    assert patterns and ID_PATTERN not in patterns  # ids are chosen from a relation, never typed
    for pattern in patterns:
        re.compile(pattern)
        assert not re.search(r"\(\?P|\\[AZz]|\(\?[aiLmsux]", pattern)
