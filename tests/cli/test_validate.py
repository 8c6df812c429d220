"""``esfkb validate``: exact output per format, exit codes, path selection."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from esfkb.base.knowledge_base import load_knowledge_base
from esfkb.checks.validation import validate
from esfkb.cli import main
from esfkb.config import load_project
from tests.conftest import REPO, make_project

PB = "playbooks/draaiboeken/enclave-opstarten.md"
RL = "playbooks/registraties/logistiek-olen.md"


@pytest.fixture
def broken(project: Path) -> Path:
    """The valid base with one error (a typo in a reference) and one warning (an unused registration)."""
    playbook = project / PB
    playbook.write_text(playbook.read_text(encoding="utf-8").replace(
        "auteurs: [werkbrug]", "auteurs: [werkbrugg]"), encoding="utf-8")
    extra = project / "playbooks/registraties/atelier-een.md"
    extra.write_text((project / RL).read_text(encoding="utf-8").replace(
        '"0400.000.383"', '"0500.000.455"'), encoding="utf-8")
    return project


ERROR_MESSAGE = "'werkbrugg' is not the id of any matchmaker: did you mean 'werkbrug'?"
WARNING_MESSAGE = "'atelier-een' is in no pilot yet"


def test_text_format(runner, broken, monkeypatch):
    monkeypatch.chdir(broken)
    result = runner.invoke(main, ["validate"])
    assert result.exit_code == 1
    assert result.stdout == (
        f"{PB}:21:11: ESF201 {ERROR_MESSAGE}\n"
        f"playbooks/registraties/atelier-een.md:1:1: ESF501 {WARNING_MESSAGE}\n"
        "7 documents checked: 1 error, 1 warning\n"
    )


def test_json_format(runner, broken):
    result = runner.invoke(main, ["validate", str(broken), "--format", "json"])
    assert result.exit_code == 1
    assert json.loads(result.stdout) == {
        "documents": 7, "errors": 1, "warnings": 1,
        "diagnostics": [
            {"code": "ESF201", "severity": "error", "path": PB, "line": 21, "column": 11, "message": ERROR_MESSAGE},
            {"code": "ESF501", "severity": "warning", "path": "playbooks/registraties/atelier-een.md",
             "line": 1, "column": 1, "message": WARNING_MESSAGE},
        ],
    }


def test_github_format(runner, broken):
    result = runner.invoke(main, ["validate", str(broken), "--format", "github"])
    assert result.stdout.splitlines() == [
        f"::error file={PB},line=21,col=11,title=ESF201::{ERROR_MESSAGE}",
        f"::warning file=playbooks/registraties/atelier-een.md,line=1,col=1,title=ESF501::{WARNING_MESSAGE}",
        "esfkb: 7 documents checked: 1 error, 1 warning",
    ]


def test_sarif_format(runner, broken):
    result = runner.invoke(main, ["validate", str(broken), "--format", "sarif"])
    sarif = json.loads(result.stdout)
    assert sarif["version"] == "2.1.0"
    run = sarif["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == sorted(r["id"] for r in rules)
    first = run["results"][0]
    assert first["ruleId"] == "ESF201" and first["level"] == "error"
    assert rules[first["ruleIndex"]]["id"] == "ESF201"
    assert first["locations"][0]["physicalLocation"] == {
        "artifactLocation": {"uri": PB, "uriBaseId": "%SRCROOT%"},
        "region": {"startLine": 21, "startColumn": 11},
    }
    assert run["results"][1]["level"] == "warning"


def test_strict_fails_on_warnings(runner, project):
    extra = project / "playbooks/registraties/atelier-een.md"
    extra.write_text((project / RL).read_text(encoding="utf-8").replace('"0400.000.383"', '"0500.000.455"'),
                     encoding="utf-8")
    assert runner.invoke(main, ["validate", str(project)]).exit_code == 0
    assert runner.invoke(main, ["validate", str(project), "--strict"]).exit_code == 1


def test_file_paths_report_only_those_files_but_resolve_against_the_base(runner, broken):
    result = runner.invoke(main, ["validate", str(broken / RL), "--format", "json"])
    assert result.exit_code == 0
    assert json.loads(result.stdout) == {"documents": 1, "errors": 0, "warnings": 0, "diagnostics": []}
    result = runner.invoke(main, ["validate", str(broken / PB), "--format", "json"])
    assert result.exit_code == 1 and json.loads(result.stdout)["errors"] == 1


def test_today_drives_retention(runner, project):
    assert runner.invoke(main, ["validate", str(project), "--today", "2029-12-31"]).exit_code == 0
    result = runner.invoke(main, ["validate", str(project), "--today", "2030-01-01"])
    assert result.exit_code == 1 and "ESF331" in result.stdout


@pytest.mark.parametrize("args", [["--format", "xml"], ["--today", "gisteren"], ["/does/not/exist"]])
def test_usage_errors_exit_2(runner, project, args):
    result = runner.invoke(main, ["validate", str(project), *args])
    assert result.exit_code == 2 and "Traceback" not in result.output


def test_no_project_exits_2(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(main, ["validate"])
    assert result.exit_code == 2 and "no mkdocs.yml" in result.stderr


def test_bad_configuration_exits_2(runner, project):
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "  - esfkb\n", "  - esfkb:\n      max_side_shar: 0.5\n"), encoding="utf-8")
    result = runner.invoke(main, ["validate", str(project)])
    assert result.exit_code == 2 and "unknown esfkb option(s) max_side_shar" in result.stderr


def test_rules_catalogue(runner):
    result = runner.invoke(main, ["rules"])
    assert result.exit_code == 0 and "ESF301" in result.stdout
    result = runner.invoke(main, ["rules", "esf005"])
    assert result.stdout.startswith("ESF005 yaml-anchor (error)\n")
    assert runner.invoke(main, ["rules", "ESF999"]).exit_code == 2


def test_a_pilot_that_cannot_be_read_gives_no_in_no_pilot_warnings(tmp_path):
    """A YAML error in a pilot is one error; its participants are not also 'in no pilot yet' (ESF501)."""
    root = make_project(tmp_path / "kb")
    pilot = root / "playbooks/proeftuinen/enclave-kempen.md"
    pilot.write_text(pilot.read_text(encoding="utf-8").replace("\n---\n", "\nkapot: [\n---\n", 1), encoding="utf-8")
    codes = [d.code for d in validate(load_knowledge_base(load_project(root))).diagnostics]
    assert "ESF002" in codes or "ESF003" in codes
    assert "ESF501" not in codes


def test_validating_every_file_by_name_counts_documents_as_a_whole_validate_does(runner, monkeypatch):
    """As pre-commit calls it (every staged .md): ordinary pages are checked but are not documents."""
    monkeypatch.chdir(REPO)
    files = sorted(str(p.relative_to(REPO)) for p in (REPO / "playbooks").rglob("*.md"))
    whole = runner.invoke(main, ["validate"]).stdout.splitlines()[-1]
    named = runner.invoke(main, ["validate", *files]).stdout.splitlines()[-1]
    assert named == whole and " documents checked" in whole
