"""``esfkb match`` and ``esfkb compose`` through click's runner."""

from __future__ import annotations

import json

import pytest

from esfkb.cli import main
from tests.conftest import REPO
from tests.matching.conftest import pilot, registration, write_base

DAY = ["--today", "2026-05-01"]


@pytest.fixture
def in_repo(monkeypatch):
    monkeypatch.chdir(REPO)


@pytest.fixture
def small(tmp_path, monkeypatch):
    root = write_base(tmp_path / "kb", {
        "maatwerk": ("registratie", registration("sociale_economie", naam="Maatwerk",
                                                 erkenningen=["maatwerkbedrijf"], aanbod=["schoonmaak van kantoren"])),
        "atelier": ("registratie", registration("sociale_economie", naam="Atelier")),
        "staal": ("registratie", registration("reguliere_economie", naam="Staal", vraag=["schoonmaken"])),
        "stil": ("registratie", registration("reguliere_economie", naam="Stil", toestemming={
            "datum": "2025-01-15", "doeleinden": ["contact_door_matchmaker"]})),
        "p": ("proeftuin", pilot(["atelier"])),
    })
    monkeypatch.chdir(root)
    return root


def test_match_a_bundled_pilot(runner, in_repo):
    result = runner.invoke(main, ["match", "jobcarving-bouw-brussel", "--top", "2", *DAY])
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[:3] == [
        "Suggestions for jobcarving-bouw-brussel: Jobcarving op bouwwerven in Brussel en de Vlaamse Rand",
        "status samenstelling, ecosysteem sectoraal", ""]
    assert lines[3].startswith(" 1. dakwerken-kuregem  ")
    assert "    - Is interested in Jobcarving, the samenwerkingsvorm of the pilot." in lines
    assert sum(line[:4].strip().endswith(".") for line in lines) == 2


def test_match_is_deterministic(runner, in_repo):
    first = runner.invoke(main, ["match", "sociaal-aankopen-leuven", *DAY])
    second = runner.invoke(main, ["match", "sociaal-aankopen-leuven", *DAY])
    assert first.exit_code == 0 and first.stdout == second.stdout


def test_match_json(runner, in_repo):
    result = runner.invoke(main, ["match", "sociaal-aankopen-leuven", "--format", "json", "--top", "3", *DAY])
    data = json.loads(result.stdout)
    assert data["pilot"] == "sociaal-aankopen-leuven" and data["today"] == "2026-05-01"
    assert len(data["suggestions"]) == 3
    assert set(data["suggestions"][0]) == {"registratie", "naam", "economie", "score", "reasons"}
    scores = [s["score"] for s in data["suggestions"]]
    assert scores == sorted(scores, reverse=True)
    members = {"groendienst-dijleland", "eettafel-kessel-lo", "softwarehuis-dijlestad", "bouwmaterialen-winksele"}
    assert not members & {s["registratie"] for s in data["suggestions"]}
    assert "groentenverwerking-noorderkempen" not in result.stdout  # withdrawn


def test_match_a_registration(runner, in_repo):
    result = runner.invoke(main, ["match", "--registratie", "houtatelier-meetjesland", *DAY])
    assert result.exit_code == 0
    assert result.stdout.startswith("Matches for houtatelier-meetjesland: Houtatelier Meetjesland vzw "
                                    "(sociale economie)\n\nPilots (verkenning, samenstelling, ontwerp)\n")
    assert "\nPartners\n" in result.stdout and "\nPublished business models\n" in result.stdout
    data = json.loads(runner.invoke(main, ["match", "--registratie", "houtatelier-meetjesland", "--format", "json",
                                           *DAY]).stdout)
    assert data["blocked"] is None
    assert {p["economie"] for p in data["partners"]} == {"reguliere_economie"}


def test_match_a_withdrawn_registration(runner, in_repo):
    result = runner.invoke(main, ["match", "--registratie", "groentenverwerking-noorderkempen", *DAY])
    assert result.exit_code == 0
    assert ("Not proposed for pilots or partners: Groentenverwerking Noorderkempen nv may not be proposed: "
            "withdrew its consent on 2024-11-12.") in result.stdout


@pytest.mark.parametrize(("args", "message"), [
    (["match", "jobcarving-bouw-brusel"],
     "esfkb: 'jobcarving-bouw-brusel' is not the id of any pilot: did you mean 'jobcarving-bouw-brussel'?\n"),
    (["match", "kempenwerk"], "esfkb: 'kempenwerk' is a registratie, not a pilot (proeftuin)\n"),
    (["match", "--registratie", "werkbrug"], "esfkb: 'werkbrug' is a matchmaker, not a registration\n"),
    (["compose", "--deelnemer", "kempenwerk", "--deelnemer", "nergens"],
     "esfkb: 'nergens' is not the id of any registration\n"),
])
def test_unknown_ids_are_usage_errors_on_one_line(runner, in_repo, args, message):
    result = runner.invoke(main, args)
    assert result.exit_code == 2
    assert result.stderr == message and result.stdout == ""


@pytest.mark.parametrize("args", [["match"], ["match", "p", "--registratie", "x"], ["compose"],
                                  ["match", "p", "--top", "0"]])
def test_bad_usage_exits_2_without_traceback(runner, in_repo, args):
    result = runner.invoke(main, args)
    assert result.exit_code == 2 and "Traceback" not in result.output


@pytest.mark.parametrize("command", ["match", "compose"])
def test_help_shows_examples(runner, command):
    result = runner.invoke(main, [command, "--help"])
    assert result.exit_code == 0 and "Examples:" in result.stdout and f"esfkb {command} --" in result.stdout


def test_compose_a_draft_that_holds(runner, small):
    result = runner.invoke(main, ["compose", "--deelnemer", "maatwerk", "--deelnemer", "staal",
                                  "--samenwerkingsvorm", "enclave", *DAY])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(
        "Draft of 2 participants: 1 social, 1 regular, 0 neutral\n"
        "  mixed     yes\n  balanced  yes\n  workable  yes\n"
        "The draft breaks no composition rule.\n")


def test_compose_a_draft_that_breaks_rules(runner, small):
    result = runner.invoke(main, ["compose", "--deelnemer", "atelier", "--deelnemer", "stil",
                                  "--samenwerkingsvorm", "enclave", "--ecosysteem", "regionaal", *DAY])
    assert result.exit_code == 1
    assert result.stdout.startswith("Draft of 1 participant: 1 social, 0 regular, 0 neutral (1 not counted: see "
                                    "Consent)\n")  # #17: a registration without consent does not count
    assert ("Missing\n"
            "  - Not mixed: a participant from the reguliere economie is missing.\n"
            "  - Not workable: 1 counted participant, fewer than 2.\n"
            "  - The samenwerkingsvorm enclave needs a participant recognised as maatwerkbedrijf; there is none.\n"
            "Consent\n"
            "  - Stil (stil) gave no consent to the composition of a pilot.\n"
            "The draft breaks a composition rule.\n\nSuggestions\n 1. maatwerk  ") in result.stdout
    assert ("Is recognised as maatwerkbedrijf, which the samenwerkingsvorm enclave needs; the pilot has none yet."
            in result.stdout)


def test_compose_json(runner, small):
    result = runner.invoke(main, ["compose", "--deelnemer", "atelier", "--format", "json", "--top", "1", *DAY])
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["composition"] == {"social": 1, "regular": 0, "neutral": 0, "size": 1}
    assert (data["mixed"], data["balanced"], data["workable"], data["ok"]) == (False, True, False, False)
    assert [s["registratie"] for s in data["suggestions"]] == ["staal"]
    assert data["suggestions"][0]["reasons"][0] == (
        "Brings in the reguliere economie: the pilot now has 1 social and 0 regular participants.")


def test_match_on_a_small_base_quotes_the_text_fit(runner, small):
    result = runner.invoke(main, ["match", "p", *DAY])
    assert result.exit_code == 0
    assert " 1. staal  " in result.stdout
    assert "Stil" not in result.stdout
    result = runner.invoke(main, ["match", "--registratie", "staal", *DAY])
    assert "    - Seeks what Staal offers" not in result.stdout
    assert "Offers what Staal seeks: 'schoonmaak van kantoren' ↔ 'schoonmaken'." in result.stdout


@pytest.mark.parametrize("args", [["match", "p"], ["compose", "--deelnemer", "atelier", "--deelnemer", "staal"]])
def test_a_document_with_schema_errors_is_a_content_error(runner, small, args):
    """Exit 1 as every command does for the files' state (2 is for a wrong request: an unknown id)."""
    broken = "playbooks/proeftuinen/p.md" if args[0] == "match" else "playbooks/registraties/atelier.md"
    path = small / broken
    path.write_text(path.read_text(encoding="utf-8").replace("\n---\n", "\nonbekend_veld: 1\n---\n", 1),
                    encoding="utf-8")
    result = runner.invoke(main, [*args, *DAY])
    assert result.exit_code == 1, result.output
    assert "has schema errors: run 'esfkb validate" in result.stderr
