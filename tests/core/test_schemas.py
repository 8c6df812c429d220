"""The exported JSON Schemas: no drift, valid 2020-12, and in agreement with the models."""

from __future__ import annotations

from pathlib import Path

import jsonschema
import pytest
import yaml

from esfkb.base.knowledge_base import load_knowledge_base
from esfkb.checks.schemas import drifted_schemas, schema_for
from esfkb.checks.validation import validate
from esfkb.cli import main
from esfkb.config import load_project
from esfkb.model.kinds import load_kinds
from tests.conftest import EXAMPLES, REPO, make_project

KINDS = load_kinds().kinds


def test_committed_schemas_match_the_models():
    assert drifted_schemas(load_kinds(), REPO / "schemas") == []


@pytest.mark.parametrize("kind", KINDS, ids=[k.name for k in KINDS])
def test_schema_is_valid_2020_12(kind):
    schema = schema_for(kind)
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["title"] == kind.label
    for name, prop in schema["properties"].items():
        assert prop.get("description"), f"{kind.name}.{name} has no Dutch description"


def _validator(kind_name: str) -> jsonschema.Draft202012Validator:
    schema = schema_for(load_kinds().by_name[kind_name])
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


def test_jsonschema_accepts_every_valid_bundled_document():
    kb = load_knowledge_base(load_project(REPO))
    assert kb.documents
    for document in kb.documents.values():
        assert document.model is not None, document.rel_path
        errors = list(_validator(document.kind.name).iter_errors(document.model.model_dump(mode="json")))
        assert errors == [], (document.rel_path, errors[0].message if errors else "")


BEYOND_JSON_SCHEMA = {"ESF106", "ESF111"}
"""KBO check digits (mod 97) and TODO placeholders are checked by esfkb only; the schema checks shapes."""

SCHEMA_CASES = sorted(
    p for p in (EXAMPLES / "invalid").iterdir()
    if any(e["code"].startswith("ESF1") and e["code"] not in BEYOND_JSON_SCHEMA
           for e in yaml.safe_load((p / "expect.yaml").read_text(encoding="utf-8"))["expect"])
)


@pytest.mark.parametrize("case", SCHEMA_CASES, ids=[p.name for p in SCHEMA_CASES])
def test_jsonschema_rejects_the_invalid_schema_examples(case: Path, tmp_path):
    """What pydantic refuses, the exported schema refuses too (on the same YAML data)."""
    project = make_project(tmp_path / "kb", case)
    kb = load_knowledge_base(load_project(project))
    expected = yaml.safe_load((case / "expect.yaml").read_text(encoding="utf-8"))["expect"]
    for item in expected:
        document = next(d for d in kb.files if d.rel_path == item["path"])
        assert document.model is None
        data = {k: v for k, v in document.data.items()}
        assert list(_validator(document.kind.name).iter_errors(data)), case.name


def test_check_names_a_missing_schema_as_missing(runner, tmp_path):
    target = tmp_path / "schemas"
    assert runner.invoke(main, ["schemas", "export", "--output", str(target)]).exit_code == 0
    (target / "draaiboek.schema.json").unlink()
    (target / "proeftuin.schema.json").write_text("{}", encoding="utf-8")
    result = runner.invoke(main, ["schemas", "export", "--check", "--output", str(target)])
    assert result.exit_code == 1
    assert f"{target / 'draaiboek.schema.json'}: is missing;" in result.stderr
    assert f"{target / 'proeftuin.schema.json'}: differs from the models;" in result.stderr


@pytest.mark.parametrize(("written", "meant"), [
    ("Jobcarving", "jobcarving"), ("Groepsdetachering", "groepsdetachering"), ("enclaves", "enclave"),
])
def test_a_vocabulary_value_written_as_its_label_gets_a_did_you_mean(tmp_path, written, meant):
    root = make_project(tmp_path / "kb")
    model = root / "playbooks/businessmodellen/enclave-distributie.md"
    text = model.read_text(encoding="utf-8")
    model.write_text(text.replace("samenwerkingsvorm: enclave", f"samenwerkingsvorm: {written}", 1), encoding="utf-8")
    found = [d.message for d in validate(load_knowledge_base(load_project(root))).diagnostics if d.code == "ESF104"]
    assert len(found) == 1 and f"did you mean '{meant}'? choose one of:" in found[0]
