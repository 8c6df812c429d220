"""A third-party kind and rule register through the entry points, without touching the core."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest

from esfkb.checks.rule import catalogue, load_rules
from esfkb.cli import main
from esfkb.model.kinds import load_kinds

PLUGIN = '''
from pydantic import Field
from esfkb.checks.diagnostics import Code, Severity
from esfkb.model.fields import Reference
from esfkb.model.kinds import Kind
from esfkb.model.models import KindModel
from esfkb.checks.rule import Rule


class Evaluatie(KindModel):
    titel: str = Field(title="Titel", description="Titel van de evaluatie.")
    proeftuin: Reference("proeftuin") = Field(title="Proeftuin", description="Geevalueerde proeftuin.")
    score: int = Field(title="Score", description="Score op 10.", ge=0, le=10)


EVALUATIE = Kind("evaluatie", "evaluaties", Evaluatie, "Evaluatie", "Evaluaties")

LOW = Code("XEV001", "low-score", Severity.WARNING, "A low evaluation score.", "Scores below 5 need a follow-up.")


class LowScoreRule(Rule):
    codes = (LOW,)

    def check(self, kb, context):
        for doc in kb.of_kind("evaluatie"):
            if doc.model is not None and doc.model.score < 5:
                yield self.report(doc, ("score",), LOW, f"score {doc.model.score} is low: plan a follow-up")
'''


@pytest.fixture
def third_party(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Install a tiny distribution on sys.path that declares one kind and one rule."""
    site = tmp_path / "site-packages"
    site.mkdir()
    (site / "esfkb_evaluatie.py").write_text(PLUGIN, encoding="utf-8")
    info = site / "esfkb_evaluatie-0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: esfkb-evaluatie\nVersion: 0.1\n", encoding="utf-8")
    (info / "entry_points.txt").write_text(textwrap.dedent("""
        [esfkb.kinds]
        evaluatie = esfkb_evaluatie:EVALUATIE

        [esfkb.rules]
        low-score = esfkb_evaluatie:LowScoreRule
    """), encoding="utf-8")
    monkeypatch.syspath_prepend(str(site))
    load_kinds.cache_clear()
    load_rules.cache_clear()
    yield
    load_kinds.cache_clear()
    load_rules.cache_clear()


def test_builtin_kinds_and_rules_come_from_entry_points():
    assert [k.name for k in load_kinds().kinds] == [
        "businessmodel", "draaiboek", "matchmaker", "proeftuin", "registratie"]
    assert {"ESF201", "ESF301", "ESF401", "ESF501"} <= set(catalogue())


def test_third_party_kind_and_rule_are_picked_up(third_party, project, runner):
    assert "evaluatie" in load_kinds().by_name
    assert "XEV001" in catalogue()
    folder = project / "playbooks" / "evaluaties"
    folder.mkdir()
    (folder / "eval-kempen.md").write_text(
        "---\ntitel: Evaluatie\nproeftuin: enclave-kempen\nscore: 3\n---\n", encoding="utf-8")
    (folder / "eval-fout.md").write_text(
        "---\ntitel: Evaluatie\nproeftuin: enclave-kempn\nscore: 11\n---\n", encoding="utf-8")
    result = runner.invoke(main, ["validate", str(project), "--format", "json"])
    found = {(d["code"], d["path"], d["line"]) for d in json.loads(result.stdout)["diagnostics"]}
    assert ("XEV001", "playbooks/evaluaties/eval-kempen.md", 4) in found
    assert ("ESF201", "playbooks/evaluaties/eval-fout.md", 3) in found
    assert ("ESF112", "playbooks/evaluaties/eval-fout.md", 4) in found
    assert result.exit_code == 1


def test_the_facade_exports_what_a_third_party_uses():
    import esfkb

    assert set(esfkb.__all__) == {"__version__", *esfkb._EXPORTS}
    for name in esfkb.__all__:
        assert getattr(esfkb, name) is not None
    assert esfkb.Kind is load_kinds().by_name["draaiboek"].__class__
