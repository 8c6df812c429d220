"""esfkb new: every kind's template is flagged until filled in, and clean once it is."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pytest

from esfkb.authoring.editing import EditableDocument
from esfkb.authoring.linking import link
from esfkb.authoring.skeletons import BODIES, INSTRUCTIONS
from esfkb.checks.schema_check import find_placeholders
from esfkb.cli import main
from esfkb.model.frontmatter import parse_document
from esfkb.model.kinds import load_kinds
from tests.authoring.conftest import check, load

if TYPE_CHECKING:
    from pathlib import Path

    from click.testing import CliRunner


def kbo(first_eight: str) -> str:
    """A valid KBO number starting with ``first_eight`` digits."""
    check_digits = 97 - int(first_eight) % 97
    digits = f"{first_eight}{check_digits:02d}"
    return f"{digits[:4]}.{digits[4:7]}.{digits[7:]}"


FILL = {
    "titel": "Een nieuw document", "naam": "Nieuwe organisatie", "samenwerkingsvorm": "klant_leverancier",
    "maturiteit": "idee", "sociale_partner": "marktuitbreiding", "reguliere_partner": "zichtbaarheid",
    "doelpubliek": "matchmaker", "fase": "verkennen", "ecosysteem": "lokaal", "provincies": "antwerpen",
    "startdatum": "2025-01-15", "samenwerkingsvormen": "klant_leverancier", "economie": "reguliere_economie",
    "postcode": "2000", "gemeente": "Antwerpen", "registratiedatum": "2025-01-10", "bron": "esf_formulier",
    "datum": "2025-01-10", "doeleinden": "samenstelling_proeftuin", "bewaren_tot": "2035-12-31",
}
"""A value for each placeholder, by its key (or the key of its list)."""

LINKS = {
    "businessmodel": [("werkbrug", {})],
    "draaiboek": [("enclave-model", {}), ("werkbrug", {})],
    "proeftuin": [("werkbrug", {}), ("kempenwerk", {"rol": "trekker"}), ("logistiek-olen", {})],
}
"""The references a new document gets through 'esfkb link', which fills their placeholders."""

KINDS = sorted(load_kinds().by_name)


def _fill(file: Path, kind: str) -> None:
    document = EditableDocument.read(file)
    for path in find_placeholders(parse_document(file.read_bytes()).data or {}):
        key = next(str(part) for part in reversed(path) if isinstance(part, str))
        if key in FILL:
            document.set_scalar(path, FILL[key])
        elif key == "kbo_nummer":
            document.set_scalar(path, kbo("05551234" if kind == "registratie" else "06790123"))
        elif kind == "businessmodel" and path[0] == "canvas":
            document.set_scalar(path, "Zo werkt het in de praktijk.")
        elif key == "doorstroom":
            document.set_scalar(path, "Wie klaar is, krijgt een contract bij de klant.")
    document.save()
    text = file.read_text(encoding="utf-8")
    for instruction in INSTRUCTIONS:
        text = text.replace(instruction, "Eigen tekst van de auteur.")
    file.write_text(text, encoding="utf-8")


@pytest.mark.parametrize("kind", KINDS)
def test_new_is_flagged_until_filled_then_clean(runner: CliRunner, in_base: Path, kind: str) -> None:
    result = runner.invoke(main, ["new", kind, "nieuw-document"])
    assert result.exit_code == 0, result.output
    folder = load_kinds().by_name[kind].folder
    rel = f"playbooks/{folder}/nieuw-document.md"
    assert result.stdout.splitlines()[0] == f"created {rel}"
    announced = int(re.search(r"fill in the (\d+) placeholder", result.stdout).group(1))
    assert "replace the instructions in italics below the frontmatter with your own text" in result.stdout

    found = [d for d in check(in_base).diagnostics if d.path == rel]
    assert {d.code for d in found} == {"ESF111"}
    instructions = [d for d in found if "still holds an instruction of the template" in d.message]
    assert len(instructions) == len(BODIES[kind])  # one per section of the skeleton, at its line
    text = (in_base / rel).read_text(encoding="utf-8").split("\n")
    assert all(text[d.line - 1].startswith("_") and text[d.line - 1].endswith("_") for d in instructions)
    assert len(found) - len(instructions) == announced

    _fill(in_base / rel, kind)
    for target, entry in LINKS.get(kind, []):
        link(load(in_base), "nieuw-document", target, entry=entry)
    result = check(in_base)
    assert [d for d in result.diagnostics if d.severity == "error"] == []
    assert {d.code for d in result.diagnostics} <= {"ESF501", "ESF502"}
    text = (in_base / rel).read_text(encoding="utf-8")
    assert "TODO" not in text.split("\n---\n", 1)[0]


def test_new_fills_given_options(runner: CliRunner, in_base: Path) -> None:
    result = runner.invoke(main, ["new", "draaiboek", "vaste-ploeg", "--titel", "Een vaste ploeg: zo start je",
                                  "--businessmodel", "enclave-model", "--auteur", "werkbrug",
                                  "--set", "doelpubliek=se_onderneming", "--set", "doelpubliek=matchmaker"])
    assert result.exit_code == 0, result.output
    text = (in_base / "playbooks/draaiboeken/vaste-ploeg.md").read_text(encoding="utf-8")
    assert text.startswith(
        '---\ntitel: "Een vaste ploeg: zo start je"\nbusinessmodel: enclave-model\n'
        "doelpubliek:\n  - se_onderneming\n  - matchmaker\nfasen:\n")
    assert "auteurs:\n  - werkbrug\nlicentie: cc-by-4.0\n" in text
    assert "\n# Een vaste ploeg: zo start je\n\n## Context\n" in text
    assert result.stdout.endswith("then check it with: esfkb validate playbooks/draaiboeken/vaste-ploeg.md\n")


def test_new_template_lists_choices_next_to_enum_keys(runner: CliRunner, in_base: Path) -> None:
    runner.invoke(main, ["new", "proeftuin", "nieuwe-proeftuin"])
    text = (in_base / "playbooks/proeftuinen/nieuwe-proeftuin.md").read_text(encoding="utf-8")
    assert "ecosysteem: TODO  # keuze: lokaal | sectoraal | regionaal\n" in text
    assert "status: verkenning  # keuze: verkenning | samenstelling | ontwerp" in text
    assert "  - registratie: TODO  # id van een registratie (esfkb list registratie)\n" in text
    assert "startdatum: TODO  # JJJJ-MM-DD\n" in text


@pytest.mark.parametrize(("args", "code", "message"), [
    (["new", "draaiboek", "Enclave_Nieuw"], 2,
     "esfkb: 'Enclave_Nieuw' is not a valid id: use lowercase letters, digits and single hyphens, "
     "e.g. 'enclave-nieuw'\n"),
    (["new", "draaiboek", "enclave-model"], 1,
     "esfkb: id 'enclave-model' is already used by playbooks/businessmodellen/enclave-model.md: choose another id\n"),
    (["new", "handleiding", "x"], 2,
     "esfkb: unknown kind 'handleiding': choose one of businessmodel, draaiboek, matchmaker, proeftuin, "
     "registratie\n"),
    (["new", "draaiboek", "x", "--matchmaker", "werkbrug"], 2, "esfkb: --matchmaker does not apply to a draaiboek\n"),
    (["new", "draaiboek", "x", "--businessmodel", "werkbrug"], 2,
     "esfkb: 'werkbrug' is not the id of a businessmodel; e.g. enclave-model\n"),
    (["new", "draaiboek", "x", "--set", "status=klaar"], 2,
     "esfkb: 'klaar' is not a status; choose one of: concept, review, gepubliceerd, gearchiveerd\n"),
    (["new", "draaiboek", "x", "--set", "statuss"], 2, "esfkb: --set expects KEY=VALUE, got 'statuss'\n"),
])
def test_new_refuses_with_one_line(runner: CliRunner, in_base: Path, args: list[str], code: int,
                                   message: str) -> None:
    result = runner.invoke(main, args)
    assert (result.exit_code, result.stderr, result.stdout) == (code, message, "")
    assert not (in_base / "playbooks/draaiboeken/x.md").exists()


def test_new_prompts_only_in_a_terminal(runner: CliRunner, in_base: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    result = runner.invoke(main, ["new", "draaiboek", "zonder-vragen"], input="Titel\nenclave-model\n")
    assert "Titel" not in result.stdout and "Businessmodel" not in result.stdout
    monkeypatch.setattr("esfkb.cli.authoring.interactive", lambda: True)
    result = runner.invoke(main, ["new", "draaiboek", "met-vragen"], input="Samen koken\nenclave-model\n\n")
    assert result.exit_code == 0, result.output
    assert "Titel (empty keeps TODO):" in result.stdout
    text = (in_base / "playbooks/draaiboeken/met-vragen.md").read_text(encoding="utf-8")
    assert text.startswith("---\ntitel: Samen koken\nbusinessmodel: enclave-model\n")
    assert "auteurs:  # id van een matchmaker (esfkb list matchmaker)\n  - TODO\n" in text
