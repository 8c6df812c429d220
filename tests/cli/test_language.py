"""The CLI speaks Dutch by default and English when asked (--lang, ESFKB_LANG, the locale): exact output of both."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import pytest

from esfkb.cli import main

if TYPE_CHECKING:
    from pathlib import Path

    from click.testing import CliRunner

PB = "playbooks/draaiboeken/enclave-opstarten.md"
BM = "playbooks/businessmodellen/enclave-distributie.md"
CHOICES = ("klant_leverancier (Klant-leverancier), onderaanneming (Onderaanneming), enclave (Enclave), "
           "groepsdetachering (Groepsdetachering), doorstroomstage (Doorstroomstage), aanwerving_met_ondersteuning "
           "(Aanwerving met ondersteuning), maatwerkafdeling (Maatwerkafdeling), jobcarving (Jobcarving), co_creatie "
           "(Co-creatie), circulaire_samenwerking (Circulaire samenwerking), sociaal_aankopen (Sociaal aankopen), "
           "sociale_clausule (Sociale clausule), gedeelde_aankoop (Gedeelde aankoop), joint_venture (Joint venture), "
           "kennisdeling (Kennisdeling)")


@pytest.fixture
def broken(project: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The valid base with a Dutch label for a vocabulary value, a typo in a reference and an instruction left in."""
    model = project / BM
    text = model.read_text(encoding="utf-8").replace("samenwerkingsvorm: enclave", "samenwerkingsvorm: Enclave")
    model.write_text(text + "\n_Wanneer kies je beter een ander model?_\n", encoding="utf-8")
    playbook = project / PB
    playbook.write_text(playbook.read_text(encoding="utf-8").replace("auteurs: [werkbrug]", "auteurs: [werkbrugg]"),
                        encoding="utf-8")
    monkeypatch.chdir(project)
    return project


def _last_line(project: Path, rel: str) -> int:
    return len((project / rel).read_text(encoding="utf-8").splitlines())


def test_validate_in_dutch_by_default(runner: CliRunner, broken: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ESFKB_LANG")
    monkeypatch.setenv("LANG", "C.UTF-8")
    result = runner.invoke(main, ["validate"])
    assert result.exit_code == 1
    assert result.stdout == (
        f"{BM}:3:1: ESF104 samenwerkingsvorm: 'Enclave' is niet toegestaan voor samenwerkingsvorm; "
        f"bedoel je 'enclave'? kies uit: {CHOICES}\n"
        f"{BM}:{_last_line(broken, BM)}:1: ESF111 de tekst onder de frontmatter bevat nog een instructie van het "
        "sjabloon: vervang '_Wanneer kies je beter een ander model?_' door je eigen tekst\n"
        f"{PB}:21:11: ESF201 'werkbrugg' is de id van geen enkele matchmaker: bedoel je 'werkbrug'?\n"
        "6 documenten gecontroleerd: 3 fouten, 0 waarschuwingen\n"
    )


def test_validate_in_english_from_the_locale(runner: CliRunner, broken: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ESFKB_LANG")
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    result = runner.invoke(main, ["validate"])
    assert result.exit_code == 1
    assert result.stdout == (
        f"{BM}:3:1: ESF104 samenwerkingsvorm: 'Enclave' is not allowed for samenwerkingsvorm; "
        f"did you mean 'enclave'? choose one of: {CHOICES}\n"
        f"{BM}:{_last_line(broken, BM)}:1: ESF111 the text below the frontmatter still holds an instruction of the "
        "template: replace '_Wanneer kies je beter een ander model?_' with your own text\n"
        f"{PB}:21:11: ESF201 'werkbrugg' is not the id of any matchmaker: did you mean 'werkbrug'?\n"
        "6 documents checked: 3 errors, 0 warnings\n"
    )


def test_json_and_sarif_keep_their_keys_and_codes_in_dutch(runner: CliRunner, broken: Path) -> None:
    english = json.loads(runner.invoke(main, ["--lang", "en", "validate", "--format", "json"]).stdout)
    dutch = json.loads(runner.invoke(main, ["--lang", "nl", "validate", "--format", "json"]).stdout)
    strip = [{k: v for k, v in d.items() if k != "message"} for d in english["diagnostics"]]
    assert strip == [{k: v for k, v in d.items() if k != "message"} for d in dutch["diagnostics"]]
    assert dutch["diagnostics"][2]["message"] == (
        "'werkbrugg' is de id van geen enkele matchmaker: bedoel je 'werkbrug'?")
    sarif = json.loads(runner.invoke(main, ["--lang", "nl", "validate", "--format", "sarif"]).stdout)["runs"][0]
    assert sarif["language"] == "nl"
    assert [r["ruleId"] for r in sarif["results"]] == ["ESF104", "ESF111", "ESF201"]
    rule = sarif["tool"]["driver"]["rules"][0]
    assert (rule["id"], rule["name"], rule["shortDescription"]["text"]) == (
        "ESF001", "no-frontmatter", "Het bestand heeft geen YAML-frontmatter.")


PLACEHOLDERS = ("titel, matchmaker, provincies[0], startdatum, deelnemers[0].registratie, deelnemers[0].rol, "
                "deelnemers[0].engagement, winwin.sociale_partner[0], winwin.reguliere_partner[0], doorstroom")


@pytest.mark.dutch
def test_new_in_dutch(runner: CliRunner, project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(project)
    result = runner.invoke(main, ["new", "proeftuin", "wasserij-kortrijk", "--set", "ecosysteem=lokaal",
                                  "--set", "samenwerkingsvormen=enclave", "--no-input"])
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "playbooks/proeftuinen/wasserij-kortrijk.md aangemaakt\n"
        f"vul de 10 plaatshouders in die met TODO gemarkeerd zijn: {PLACEHOLDERS}\n"
        "vervang de instructies in cursief onder de frontmatter door je eigen tekst\n"
        "controleer het daarna met: esfkb validate playbooks/proeftuinen/wasserij-kortrijk.md\n"
    )


def test_new_in_english(runner: CliRunner, project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(project)
    result = runner.invoke(main, ["--lang", "en", "new", "proeftuin", "wasserij-kortrijk", "--set", "ecosysteem=lokaal",
                                  "--set", "samenwerkingsvormen=enclave", "--no-input"])
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "created playbooks/proeftuinen/wasserij-kortrijk.md\n"
        f"fill in the 10 placeholders marked TODO: {PLACEHOLDERS}\n"
        "replace the instructions in italics below the frontmatter with your own text\n"
        "then check it with: esfkb validate playbooks/proeftuinen/wasserij-kortrijk.md\n"
    )


COMPOSE = ["compose", "--deelnemer", "kempenwerk", "--top", "0", "--today", "2025-06-01"]


def test_compose_in_dutch_and_english(runner: CliRunner, project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(project)
    dutch = runner.invoke(main, ["--lang", "nl", *COMPOSE])
    assert dutch.exit_code == 1
    assert dutch.stdout == (
        "Voorlopige samenstelling van 1 deelnemer: 1 sociaal, 0 regulier, 0 neutraal\n"
        "  gemengd      nee\n"
        "  evenwichtig  ja\n"
        "  werkbaar     nee\n"
        "Ontbreekt\n"
        "  - Niet gemengd: er ontbreekt een deelnemer uit de reguliere economie.\n"
        "  - Niet werkbaar: 1 meegetelde deelnemer, minder dan 2.\n"
        "De voorlopige samenstelling overtreedt een samenstellingsregel.\n"
    )
    english = runner.invoke(main, ["--lang", "en", *COMPOSE])
    assert english.exit_code == 1
    assert english.stdout == (
        "Draft of 1 participant: 1 social, 0 regular, 0 neutral\n"
        "  mixed     no\n"
        "  balanced  yes\n"
        "  workable  no\n"
        "Missing\n"
        "  - Not mixed: a participant from the reguliere economie is missing.\n"
        "  - Not workable: 1 counted participant, fewer than 2.\n"
        "The draft breaks a composition rule.\n"
    )


EXPIRED = ("kempenwerk  bewaren_tot 2029-12-31  playbooks/registraties/kempenwerk.md  (enclave-kempen)\n"
           "logistiek-olen  bewaren_tot 2029-12-31  playbooks/registraties/logistiek-olen.md  (enclave-kempen)\n")


def test_registrations_expired_in_dutch_and_english(runner: CliRunner, project: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(project)
    monkeypatch.setenv("ESFKB_LANG", "nl")
    dutch = runner.invoke(main, ["registrations", "expired", "--today", "2030-01-01"])
    assert (dutch.exit_code, dutch.stdout) == (1, EXPIRED + "2 registraties te verwijderen of te vernieuwen\n")
    none = runner.invoke(main, ["registrations", "expired", "--today", "2025-01-01"])
    assert (none.exit_code, none.stdout) == (0, "geen enkele registratie is voorbij haar bewaartermijn\n")
    monkeypatch.setenv("ESFKB_LANG", "en")
    english = runner.invoke(main, ["registrations", "expired", "--today", "2030-01-01"])
    assert (english.exit_code, english.stdout) == (1, EXPIRED + "2 registrations to delete or renew\n")


def test_usage_errors_and_help_in_dutch(runner: CliRunner, project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(project)
    result = runner.invoke(main, ["--lang", "nl", "show", "werkbrugg"])
    assert (result.exit_code, result.stderr) == (
        2, "esfkb: 'werkbrugg' is de id van geen enkel document: bedoel je 'werkbrug'?\n")
    result = runner.invoke(main, ["--lang", "nl", "rules", "ESF999"])
    assert (result.exit_code, result.stderr) == (
        2, "esfkb: onbekende code 'ESF999': 'esfkb rules' somt ze allemaal op\n")
    rules = runner.invoke(main, ["--lang", "nl", "rules", "ESF301"]).stdout
    assert rules.startswith("ESF301 composition-not-mixed (fout)\n"
                            "Een proeftuin mist een deelnemer uit de sociale of de reguliere economie.\n\n")
    listing = runner.invoke(main, ["--lang", "nl", "--help"]).stdout
    assert "  validate       De kennisbank controleren en elk probleem melden.\n" in listing
    assert "De kennisbank van de proeftuinen van ESF Vlaanderen valideren, koppelen en publiceren." in " ".join(
        listing.split())


@pytest.mark.parametrize(("args", "dutch", "english"), [
    (["link", "enclave-opstarten", "kempenwerk"],
     "een draaiboek kan niet naar een registratie verwijzen; een draaiboek verwijst naar: businessmodel (in "
     "'businessmodel'), matchmaker (in 'auteurs'), proeftuin (in 'proeftuinen')",
     "a draaiboek cannot link to a registratie; a draaiboek links to: businessmodel (in 'businessmodel'), "
     "matchmaker (in 'auteurs'), proeftuin (in 'proeftuinen')"),
    (["rename", "werkbrug", "kempenwerk"],
     "'kempenwerk' bestaat al (playbooks/registraties/kempenwerk.md): kies een andere id",
     "'kempenwerk' already exists (playbooks/registraties/kempenwerk.md): choose another id"),
    (["list", "registratie", "--where", "provincie"],
     "--where verwacht SLEUTEL=WAARDE of SLEUTEL~=TEKST, niet 'provincie'",
     "--where expects KEY=VALUE or KEY~=TEXT, got 'provincie'"),
    (["list", "registratie", "--where", "provincei=antwerpen"],
     "een registratie heeft geen sleutel 'provincei': bedoel je 'provincie'?",
     "a registratie has no key 'provincei': did you mean 'provincie'?"),
    (["match", "--registratie", "kempenwerkk"],
     "'kempenwerkk' is de id van geen enkele registratie: bedoel je 'kempenwerk'?",
     "'kempenwerkk' is not the id of any registration: did you mean 'kempenwerk'?"),
])
def test_core_errors_in_dutch_and_english(runner: CliRunner, project: Path, monkeypatch: pytest.MonkeyPatch,
                                          args: list[str], dutch: str, english: str) -> None:
    monkeypatch.chdir(project)
    before = {path: path.read_bytes() for path in project.rglob("*.md")}
    for language, expected in (("nl", dutch), ("en", english)):
        result = runner.invoke(main, ["--lang", language, *args])
        assert (result.exit_code, result.stderr) == (1 if args[0] == "rename" else 2, f"esfkb: {expected}\n")
    assert {path: path.read_bytes() for path in project.rglob("*.md")} == before


def test_match_reasons_and_consent_in_dutch_and_english(runner: CliRunner, project: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(project)
    draft = ["compose", "--deelnemer", "kempenwerk", "--top", "1", "--today", "2030-01-01"]
    assert runner.invoke(main, ["--lang", "nl", *draft]).stdout.splitlines()[-3:-1] == [
        "Toestemming",
        "  - Kempenwerk maatwerkbedrijf (kempenwerk) mag niet langer bewaard worden (bewaren tot 2029-12-31)."]
    assert runner.invoke(main, ["--lang", "en", *draft]).stdout.splitlines()[-3:-1] == [
        "Consent", "  - Kempenwerk maatwerkbedrijf (kempenwerk) may no longer be kept (bewaren_tot 2029-12-31)."]
