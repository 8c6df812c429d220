"""Every invalid example yields its code at its file and line; every accepted variant is clean.

Each folder under ``examples/invalid`` (one per rule and per hostile input) lays a few files over
the valid base and names the diagnostics it must produce in ``expect.yaml``.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from esfkb.cli import main
from tests.conftest import EXAMPLES, make_project

INVALID = sorted(p for p in (EXAMPLES / "invalid").iterdir() if p.is_dir())
ACCEPTED = sorted(p for p in (EXAMPLES / "accepted").iterdir() if p.is_dir())


def _run(runner, project: Path) -> tuple[int, dict]:
    result = runner.invoke(main, ["validate", str(project), "--format", "json", "--today", "2026-01-01"])
    assert "Traceback" not in result.output
    return result.exit_code, json.loads(result.stdout)


def test_valid_base_is_clean(runner, project):
    code, report = _run(runner, project)
    assert (code, report["errors"], report["warnings"]) == (0, 0, 0)


@pytest.mark.parametrize("case", INVALID, ids=[p.name for p in INVALID])
def test_invalid_example(case: Path, runner, tmp_path):
    expect = yaml.safe_load((case / "expect.yaml").read_text(encoding="utf-8"))["expect"]
    code, report = _run(runner, make_project(tmp_path / "kb", case))
    found = {(d["code"], d["path"], d["line"]) for d in report["diagnostics"]}
    for item in expect:
        assert (item["code"], item["path"], item["line"]) in found, report
    expected_codes = {item["code"] for item in expect}
    unexpected_errors = {d["code"] for d in report["diagnostics"] if d["severity"] == "error"} - expected_codes
    assert not unexpected_errors, report
    severities = {d["severity"] for d in report["diagnostics"] if d["code"] in expected_codes}
    assert code == (1 if "error" in severities else 0)
    for diagnostic in report["diagnostics"]:
        assert diagnostic["line"] >= 1 and diagnostic["column"] >= 1 and diagnostic["message"]


@pytest.mark.parametrize("case", ACCEPTED, ids=[p.name for p in ACCEPTED])
def test_accepted_variant(case: Path, runner, tmp_path):
    code, report = _run(runner, make_project(tmp_path / "kb", case))
    assert (code, report["errors"]) == (0, 0), report
