"""The command line on a small base (exact output) and on the bundled base.

show, list, graph and report; link, unlink and rename messages and exit codes; an example in
the --help of every authoring and browsing command.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from esfkb.cli import COMMANDS, main

REPO = Path(__file__).resolve().parents[2]
PT = "playbooks/proeftuinen/enclave-kempen.md"


def run(runner: CliRunner, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(main, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


OURS = sorted(name for name, (module, _) in COMMANDS.items() if module in ("esfkb.cli.authoring", "esfkb.cli.browse"))


def test_commands_are_registered() -> None:
    assert OURS == ["graph", "link", "list", "new", "rename", "report", "show", "unlink"]


@pytest.mark.parametrize("command", OURS)
def test_every_help_shows_an_example(runner: CliRunner, command: str) -> None:
    code, out, _ = run(runner, command, "--help")
    assert code == 0
    assert "Examples:" in out and "esfkb " in out.split("Examples:")[1]


def test_show_card(runner: CliRunner, in_base: Path) -> None:
    assert run(runner, "show", "enclave-kempen") == (0, """\
Enclave in de Kempen
Proeftuin · enclave-kempen · playbooks/proeftuinen/enclave-kempen.md

  Status                       Lopend
  Ecosysteem                   Regionaal
  Provincies                   Antwerpen
  Startdatum                   2024-03-01
  Samenwerkingsvormen          Enclave
  Win-win › Sociale partner    Marktuitbreiding
  Win-win › Reguliere partner  Productiviteit en efficiëntie
  Doorstroom                   Wie klaar is, stroomt door naar een job bij de klant.
  Indicatoren                  DS-01, DS-02, DS-03

Verwijst naar
  Matchmaker                                 werkbrug        Werkbrug vzw
  Deelnemers                                 kempenwerk      Kempenwerk [trekker, overeenkomst]
                                             logistiek-olen  Logistiek Olen [partner, overeenkomst]

Wordt vermeld door
  Businessmodellen getest in deze proeftuin  enclave-model   Enclave in een distributiecentrum
""", "")


def test_show_json_and_unknown_id(runner: CliRunner, in_base: Path) -> None:
    code, out, _ = run(runner, "show", "werkbrug", "--format", "json")
    card = json.loads(out)
    assert (code, card["kind"], card["valid"]) == (0, "matchmaker", True)
    assert [(g["label"], [r["id"] for r in g["relations"]]) for g in card["incoming"]] == [
        ("Auteur van businessmodellen", ["enclave-model"]),
        ("Auteur van draaiboeken", ["enclave-draaiboek"]),
        ("Begeleide proeftuinen", ["enclave-kempen"]),
    ]
    assert run(runner, "show", "werkbrugg") == (
        2, "", "esfkb: 'werkbrugg' is not the id of any document: did you mean 'werkbrug'?\n")


def test_list_table_csv_json(runner: CliRunner, in_base: Path) -> None:
    assert run(runner, "list", "registratie", "--where", "provincie=antwerpen") == (0, """\
id              titel           status                  economie            provincie
kempenwerk      Kempenwerk      opgenomen_in_proeftuin  sociale_economie    antwerpen
logistiek-olen  Logistiek Olen  opgenomen_in_proeftuin  reguliere_economie  antwerpen
2 registraties
""", "")
    assert run(runner, "list", "proeftuinen", "--where", "deelnemers.rol=trekker", "--format", "csv") == (0, """\
id,titel,status,provincies,samenwerkingsvormen,deelnemers.rol,pad
enclave-kempen,Enclave in de Kempen,lopend,antwerpen,enclave,"trekker, partner",playbooks/proeftuinen/enclave-kempen.md
""", "")
    out = run(runner, "list", "draaiboek", "--where", "samenwerkingsvorm=enclave", "--format", "json")[1]
    assert [(d["id"], d["derived"]) for d in json.loads(out)] == [
        ("enclave-draaiboek", {"samenwerkingsvorm": ["enclave"]})]
    assert run(runner, "list", "businessmodel", "--where", "titel~=DISTRIBUTIE")[1].startswith("id ")
    assert run(runner, "list", "registratie", "--where", "provincie=limburg") == (
        0, "id  titel  status  economie  provincie\n0 registraties\n", "")


@pytest.mark.parametrize(("args", "message"), [
    (["list", "proeftuin", "--where", "provincie=antwerpen"],
     "esfkb: a proeftuin has no key 'provincie': did you mean 'provincies'?\n"),
    (["list", "proeftuin", "--where", "status=lopnd"],
     "esfkb: 'lopnd' is not a status van de proeftuin; choose one of: verkenning, samenstelling, ontwerp, lopend, "
     "geevalueerd, afgerond, stopgezet\n"),
    (["list", "proeftuin", "--where", "status"], "esfkb: --where expects KEY=VALUE or KEY~=TEXT, got 'status'\n"),
    (["list", "handleiding"], "esfkb: unknown kind 'handleiding': choose one of businessmodel, draaiboek, "
                              "matchmaker, proeftuin, registratie\n"),
])
def test_list_usage_errors(runner: CliRunner, in_base: Path, args: list[str], message: str) -> None:
    assert run(runner, *args) == (2, "", message)


def test_graph_around_one_document(runner: CliRunner, in_base: Path) -> None:
    assert run(runner, "graph", "enclave-draaiboek", "--depth", "1") == (0, """\
flowchart LR
  n_enclave_draaiboek["Een enclave opstarten<br/>(draaiboek)"]
  n_enclave_model["Enclave in een distributiecentrum<br/>(businessmodel)"]
  n_werkbrug["Werkbrug vzw<br/>(matchmaker)"]
  n_enclave_draaiboek -->|businessmodel| n_enclave_model
  n_enclave_draaiboek -->|auteurs| n_werkbrug
  n_enclave_model -->|auteurs| n_werkbrug
  class n_enclave_model businessmodel
  class n_enclave_draaiboek draaiboek
  class n_werkbrug matchmaker
""", "")
    code, out, _ = run(runner, "graph", "--format", "json")
    graph = json.loads(out)
    assert code == 0
    assert len(graph["nodes"]) == 8
    assert {"source": "enclave-kempen", "target": "kempenwerk", "field": "deelnemers"} in graph["edges"]
    out = run(runner, "graph", "kempenwerk", "--depth", "0", "--format", "dot")[1]
    assert out == ('digraph esfkb {\n  rankdir=LR;\n  node [shape=box];\n'
                   '  "kempenwerk" [label="Kempenwerk", kind="registratie"];\n}\n')
    assert run(runner, "graph", "onbekend")[0] == 2


def test_graph_output_file(runner: CliRunner, in_base: Path) -> None:
    code, out, err = run(runner, "graph", "--format", "dot", "--output", "graaf.dot")
    assert (code, out, err) == (0, "", "wrote graaf.dot\n")
    assert (in_base / "graaf.dot").read_text(encoding="utf-8").startswith("digraph esfkb {")


def test_report_suppresses_small_cells(runner: CliRunner, in_base: Path) -> None:
    code, out, _ = run(runner, "report")
    assert code == 0
    assert out.endswith("""\
Doorstroomtrechter (< 5: over minder dan 5 personen; afgeschermd: zou een verborgen cijfer prijsgeven; \
aandeel over de proeftuinen die beide meten)
  Indicator  Omschrijving                    Personen  Proeftuinen  Aandeel
  DS-01      Betrokken doelgroepmedewerkers        10            1
  DS-02      Gerealiseerde doorstroom             < 5            1
  DS-03      Aan het werk na 6 maanden            < 5            1
  DS-04      Aan het werk na 12 maanden             -            0
""")
    data = json.loads(run(runner, "report", "--format", "json")[1])
    assert data["documents"]["proeftuin"]["status"]["lopend"] == 1
    assert data["pilots_per_province"]["antwerpen"] == 1
    assert data["winwin"]["proeftuin"]["reguliere_partner"]["productiviteit_efficientie"] == 1
    ds03 = data["doorstroom"]["stages"][2]
    assert (ds03["indicator"], ds03["value"], ds03["n"], ds03["suppressed"]) == ("DS-03", None, None, True)
    markdown = run(runner, "report", "--format", "markdown")[1]
    assert "| DS-03 | Aan het werk na 6 maanden | < 5 | 1 |  |\n" in markdown


def test_link_unlink_messages(runner: CliRunner, in_base: Path) -> None:
    original = (in_base / PT).read_bytes()
    assert run(runner, "link", "enclave-kempen", "groendienst-leuven", "--rol", "ondersteunend") == (
        0, f"enclave-kempen → groendienst-leuven: added 'groendienst-leuven' to deelnemers ({PT})\n", "")
    assert run(runner, "link", "enclave-kempen", "groendienst-leuven") == (
        0, "enclave-kempen → groendienst-leuven: 'groendienst-leuven' is already in deelnemers: nothing to do\n", "")
    assert run(runner, "unlink", "enclave-kempen", "groendienst-leuven") == (
        0, f"enclave-kempen ↛ groendienst-leuven: removed 'groendienst-leuven' from deelnemers ({PT})\n", "")
    assert (in_base / PT).read_bytes() == original
    assert run(runner, "link", "kempenwerk", "enclave-kempen") == (
        2, "", "esfkb: a registratie cannot link to a proeftuin; a registratie holds no links itself; "
               "the other direction works: esfkb link enclave-kempen kempenwerk\n")
    assert run(runner, "link", "enclave-kempen", "groendienst-leuven", "--engagement", "misschien")[0] == 2


def test_link_refuses_a_file_with_problems(runner: CliRunner, in_base: Path) -> None:
    broken = (in_base / PT).read_text(encoding="utf-8").replace("status: lopend", "status: [lopend")
    (in_base / PT).write_text(broken, encoding="utf-8")
    code, out, err = run(runner, "link", "enclave-kempen", "groendienst-leuven")
    assert (code, out) == (1, "")
    assert err.startswith("esfkb: ") and "cannot edit a file with problems" in err and err.count("\n") == 1
    assert (in_base / PT).read_text(encoding="utf-8") == broken


def test_rename_reports_touched_files(runner: CliRunner, in_base: Path) -> None:
    assert run(runner, "rename", "enclave-model", "enclave-dc", "--dry-run") == (0, """\
would rename enclave-model → enclave-dc (playbooks/businessmodellen/enclave-dc.md)
  would rewrite playbooks/draaiboeken/enclave-draaiboek.md
  would rewrite playbooks/index.md
""", "")
    assert (in_base / "playbooks/businessmodellen/enclave-model.md").exists()
    assert run(runner, "rename", "enclave-model", "werkbrug") == (
        1, "", "esfkb: 'werkbrug' already exists (playbooks/matchmakers/werkbrug.md): choose another id\n")
    code, out, _ = run(runner, "rename", "enclave-model", "enclave-dc")
    assert code == 0 and out.startswith("renamed enclave-model → enclave-dc")
    assert run(runner, "validate", "--today", "2025-06-01")[0] == 0


def test_outside_a_project_is_one_line(runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, err = run(runner, "list", "draaiboek")
    assert (code, out) == (2, "")
    assert err.startswith("esfkb: no mkdocs.yml found") and err.count("\n") == 1


@pytest.fixture
def bundled(monkeypatch: pytest.MonkeyPatch) -> Path:
    """The repository's own knowledge base (read only: these tests never write)."""
    if not (REPO / "mkdocs.yml").is_file():
        pytest.skip("no bundled base")
    monkeypatch.chdir(REPO)
    return REPO


def test_bundled_base_browses(runner: CliRunner, bundled: Path) -> None:
    code, out, _ = run(runner, "list", "draaiboek", "--format", "json")
    playbooks = json.loads(out)
    assert code == 0 and playbooks
    first = playbooks[0]["id"]
    code, out, _ = run(runner, "show", first)
    assert code == 0 and f"Draaiboek · {first} ·" in out and "Verwijst naar" in out
    code, out, _ = run(runner, "graph", first, "--format", "json")
    assert code == 0 and first in [n["id"] for n in json.loads(out)["nodes"]]
    code, out, _ = run(runner, "report", "--format", "json")
    data = json.loads(out)
    assert code == 0 and data["documents"]["draaiboek"]["total"] == len(playbooks)
    small = data["doorstroom"]["small_cell"]
    assert all(s[key] is None or s[key] >= small for s in data["doorstroom"]["stages"] for key in ("value", "n"))
    code, out, _ = run(runner, "graph")
    assert code == 0 and out.startswith("flowchart LR\n")
