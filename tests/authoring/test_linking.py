"""link and unlink: the kinds decide the field; twice is a no-op; link + unlink restores every byte."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from esfkb.authoring.linking import link, link_fields, unlink
from esfkb.errors import RequestError
from esfkb.model.kinds import load_kinds
from tests.authoring.conftest import check, load

if TYPE_CHECKING:
    from pathlib import Path

PB = "playbooks/draaiboeken/enclave-draaiboek.md"
BM = "playbooks/businessmodellen/enclave-model.md"
PT = "playbooks/proeftuinen/enclave-kempen.md"

PAIRS = [
    # (source, target, file of the source, field, the lines that appear)
    ("enclave-draaiboek", "enclave-kempen", PB, "proeftuinen", "proeftuinen:\n  - enclave-kempen\n"),
    ("enclave-kempen", "groendienst-leuven", PT, "deelnemers",
     "  - registratie: groendienst-leuven\n    rol: partner\n    engagement: interesse\n"),
    ("enclave-draaiboek", "sociale-schakel", PB, "auteurs", "  - werkbrug\n  - sociale-schakel\n"),
    ("enclave-model", "sociale-schakel", BM, "auteurs", "auteurs: [werkbrug, sociale-schakel]\n"),
]


def test_fields_are_derived_from_the_models() -> None:
    kinds = load_kinds().by_name
    found = {(source, target): [f.key for f in link_fields(kinds[source], target)]
             for source in kinds for target in kinds if link_fields(kinds[source], target)}
    assert found == {
        ("businessmodel", "matchmaker"): ["auteurs"],
        ("businessmodel", "proeftuin"): ["proeftuinen"],
        ("draaiboek", "businessmodel"): ["businessmodel"],
        ("draaiboek", "matchmaker"): ["auteurs"],
        ("draaiboek", "proeftuin"): ["proeftuinen"],
        ("proeftuin", "matchmaker"): ["matchmaker"],
        ("proeftuin", "registratie"): ["deelnemers"],
    }


@pytest.mark.parametrize(("source", "target", "rel", "field", "added"), PAIRS, ids=[p[3] + "-" + p[2].split("/")[1]
                                                                                   for p in PAIRS])
def test_link_twice_then_unlink(base: Path, source: str, target: str, rel: str, field: str, added: str) -> None:
    original = (base / rel).read_bytes()
    outcome = link(load(base), source, target)
    assert (outcome.action, outcome.field) == ("added", field)
    linked = (base / rel).read_bytes()
    assert added.encode() in linked
    assert link(load(base), source, target).action == "unchanged"
    assert (base / rel).read_bytes() == linked
    assert unlink(load(base), source, target).action == "removed"
    assert (base / rel).read_bytes() == original
    assert unlink(load(base), source, target).action == "absent"


def test_link_keeps_the_base_valid(base: Path) -> None:
    link(load(base), "enclave-kempen", "groendienst-leuven", entry={"rol": "ondersteunend"})
    link(load(base), "enclave-draaiboek", "enclave-kempen")
    result = check(base)
    assert (result.errors, result.warnings) == (0, 0)


def test_single_reference_is_replaced_and_back(base: Path) -> None:
    original = (base / PT).read_bytes()
    assert link(load(base), "enclave-kempen", "sociale-schakel").action == "replaced"
    assert b"matchmaker: sociale-schakel\n" in (base / PT).read_bytes()
    link(load(base), "enclave-kempen", "werkbrug")
    assert (base / PT).read_bytes() == original


def test_participant_entry_is_updated_not_duplicated(base: Path) -> None:
    outcome = link(load(base), "enclave-kempen", "logistiek-olen", entry={"engagement": "gestopt"})
    assert outcome.action == "updated"
    text = (base / PT).read_text(encoding="utf-8")
    assert text.count("logistiek-olen") == 1
    assert "  - registratie: logistiek-olen\n    rol: partner\n    engagement: gestopt\n" in text


def test_link_fills_a_placeholder(base: Path) -> None:
    playbook = base / PB
    playbook.write_text(playbook.read_text(encoding="utf-8").replace("  - werkbrug", "  - TODO"), encoding="utf-8")
    assert link(load(base), "enclave-draaiboek", "sociale-schakel").action == "filled"
    assert "auteurs:\n  - sociale-schakel\n---" in playbook.read_text(encoding="utf-8")


def test_impossible_pair_lists_what_source_can_link_to(base: Path) -> None:
    with pytest.raises(RequestError) as error:
        link(load(base), "enclave-kempen", "enclave-model")
    assert str(error.value) == (
        "a proeftuin cannot link to a businessmodel; a proeftuin links to: matchmaker (in 'matchmaker'), "
        "registratie (in 'deelnemers'); the other direction works: esfkb link enclave-model enclave-kempen"
    )
    with pytest.raises(RequestError, match="a registratie holds no links itself"):
        link(load(base), "kempenwerk", "werkbrug")


@pytest.mark.parametrize(("source", "target", "message"), [
    ("enclave-draaiboek", "werkbrugg", "TARGET 'werkbrugg' is not the id of any document: did you mean 'werkbrug'?"),
    ("enclave-draaiboek", "enclave-draaiboek", "cannot link to itself"),
])
def test_bad_ids_are_refused(base: Path, source: str, target: str, message: str) -> None:
    with pytest.raises(RequestError, match=message):
        link(load(base), source, target)


def test_entry_options_are_checked(base: Path) -> None:
    with pytest.raises(RequestError, match="'baas' is not a rol; choose one of: trekker, partner, ondersteunend"):
        link(load(base), "enclave-kempen", "groendienst-leuven", entry={"rol": "baas"})
    with pytest.raises(RequestError, match="--rol only apply when a link creates an entry"):
        link(load(base), "enclave-draaiboek", "enclave-kempen", entry={"rol": "partner"})


def test_required_references_are_not_unlinked(base: Path) -> None:
    before = (base / PB).read_bytes()
    with pytest.raises(RequestError, match="'businessmodel' is required in a draaiboek"):
        unlink(load(base), "enclave-draaiboek", "enclave-model")
    with pytest.raises(RequestError, match="'auteurs' needs at least one matchmaker"):
        unlink(load(base), "enclave-draaiboek", "werkbrug")
    assert (base / PB).read_bytes() == before


def test_unlink_a_reference_whose_target_is_gone(base: Path) -> None:
    original = (base / BM).read_bytes()
    link(load(base), "enclave-model", "sociale-schakel")
    (base / "playbooks/matchmakers/sociale-schakel.md").unlink()
    assert unlink(load(base), "enclave-model", "sociale-schakel").action == "removed"
    assert (base / BM).read_bytes() == original
