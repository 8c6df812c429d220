"""The bundled knowledge base: validates clean, and cannot silently shrink."""

from __future__ import annotations

import json
from collections import Counter

import pytest

from esfkb.base.knowledge_base import load_knowledge_base
from esfkb.cli import main
from esfkb.config import load_project
from esfkb.model.fields import province_of
from esfkb.model.vocabulary import Doeleinde, Economie, Proeftuinstatus, Provincie, Registratiestatus
from tests.conftest import REPO

ALLOWED_WARNINGS = {"ESF501"}
"""Warnings true of the data: a registration not yet in any pilot."""


@pytest.fixture(scope="module")
def kb():
    return load_knowledge_base(load_project(REPO))


def test_bundled_base_validates_without_errors(runner):
    result = runner.invoke(main, ["validate", str(REPO), "--format", "json"])
    report = json.loads(result.stdout)
    assert result.exit_code == 0 and report["errors"] == 0, report["diagnostics"]
    assert {d["code"] for d in report["diagnostics"]} <= ALLOWED_WARNINGS


def test_minimum_counts(kb):
    counts = Counter(d.kind.name for d in kb.documents.values())
    assert counts["matchmaker"] >= 3
    assert counts["registratie"] >= 24
    assert counts["proeftuin"] >= 6
    assert counts["businessmodel"] >= 8
    assert counts["draaiboek"] >= 8


def test_registrations_cover_both_economies_and_all_regions(kb):
    registrations = [d.model for d in kb.of_kind("registratie")]
    economies = Counter(r.economie for r in registrations)
    assert economies[Economie.SOCIALE_ECONOMIE] >= 12 and economies[Economie.REGULIERE_ECONOMIE] >= 12
    provinces = {province_of(r.postcode) for r in registrations}
    assert set(Provincie) - {Provincie.WALLONIE} <= provinces
    assert sum(Doeleinde.PUBLICATIE_ORGANISATIEPROFIEL not in r.toestemming.doeleinden for r in registrations) >= 2
    assert sum(r.status == Registratiestatus.INGETROKKEN for r in registrations) == 1


def test_models_cover_the_cooperation_forms(kb):
    forms = {d.model.samenwerkingsvorm for d in kb.of_kind("businessmodel")}
    assert len(forms) >= 7
    used = forms | {f for d in kb.of_kind("proeftuin") for f in d.model.samenwerkingsvormen}
    assert {"enclave", "onderaanneming", "klant_leverancier", "co_creatie", "doorstroomstage",
            "sociaal_aankopen", "jobcarving"} <= {f.value for f in used}


def test_pilots_have_ecosystems_statuses_and_figures(kb):
    pilots = [d.model for d in kb.of_kind("proeftuin")]
    assert {p.ecosysteem.value for p in pilots} == {"lokaal", "sectoraal", "regionaal"}
    assert len({p.status for p in pilots}) >= 4
    finished = [p for p in pilots if p.status in (Proeftuinstatus.AFGEROND, Proeftuinstatus.GEEVALUEERD)]
    assert finished and all(p.indicatoren for p in finished)
    assert any(m.n is not None and m.n < 5 for p in finished for m in p.indicatoren), "a small-n case"


def test_graph_is_connected_from_every_playbook(kb):
    for playbook in kb.of_kind("draaiboek"):
        (model,) = kb.related(playbook.id, "businessmodel")
        pilots = kb.related(model.id, "proeftuinen")
        assert pilots, model.id
        for pilot in pilots:
            assert kb.related(pilot.id, "matchmaker") and kb.related(pilot.id, "deelnemers")
