"""Every --help speaks the tool's language: descriptions and option help from the catalogue, examples as written.

Click cleans help texts when a command is made and command modules stay imported, so one process shows the same
command's help in Dutch, then in English, then in Dutch again: the texts are translated when shown, never at import.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import click
import pytest
from babel.messages.pofile import read_po

from esfkb import i18n
from esfkb.cli import COMMANDS, main, texts

if TYPE_CHECKING:
    from collections.abc import Iterator

    from click.testing import CliRunner

NEW_EXAMPLES = (
    "    esfkb new draaiboek enclave-in-de-voedingsindustrie --businessmodel enclave-distributiecentrum\n"
    '    esfkb new businessmodel vaste-ploeg-wasserij --titel "Een vaste ploeg in de wasserij" --auteur werkbrug\n'
    "    esfkb new proeftuin wasserij-kortrijk --matchmaker sociale-schakel --set ecosysteem=lokaal\n"
)
HELP = {
    ("new", "nl"): (
        "Usage: esfkb new [OPTIONS] KIND ID\n"
        "\n"
        "  Een nieuw document van soort KIND (registratie, matchmaker, proeftuin,\n"
        "  businessmodel, draaiboek) met id ID aanmaken uit een sjabloon.\n"
        "\n"
        "  Elke verplichte sleutel staat erin; wat je nog moet invullen, begint met TODO,\n"
        "  en 'esfkb validate' meldt het (ESF111) tot je het invult. In een terminal\n"
        "  wordt naar ontbrekende opties gevraagd (laat een antwoord leeg om de\n"
        "  plaatshouder te behouden); nooit wanneer de invoer uit een pipe komt.\n"
        "\n"
        "  Voorbeelden:\n"
        f"{NEW_EXAMPLES}"
        "\n"
        "Options:\n"
        "  --titel TEXT          Titel (de 'naam' van een registratie of matchmaker).\n"
        "  --businessmodel TEXT  Id van het businessmodel dat een draaiboek uitwerkt.\n"
        "  --matchmaker TEXT     Id van de matchmaker van een proeftuin.\n"
        "  --auteur TEXT         Id van een matchmaker die mee auteur is (herhaalbaar).\n"
        "  --proeftuin TEXT      Id van een proeftuin (herhaalbaar).\n"
        "  --set KEY=VALUE       Om het even welke andere sleutel op het hoogste niveau\n"
        "                        invullen (herhaalbaar; herhaal een sleutel voor een\n"
        "                        lijst).\n"
        "  --no-input            Nooit iets vragen, ook niet in een terminal.\n"
        "  -h, --help            Deze hulp tonen en stoppen.\n"
    ),
    ("new", "en"): (
        "Usage: esfkb new [OPTIONS] KIND ID\n"
        "\n"
        "  Create a new document of KIND (registratie, matchmaker, proeftuin,\n"
        "  businessmodel, draaiboek) with id ID from a template.\n"
        "\n"
        "  Every required key is there; what you must still fill in starts with TODO, and\n"
        "  'esfkb validate' reports it (ESF111) until you do. In a terminal, missing\n"
        "  options are asked for (leave an answer empty to keep the placeholder); never\n"
        "  when input is piped.\n"
        "\n"
        "  Examples:\n"
        f"{NEW_EXAMPLES}"
        "\n"
        "Options:\n"
        "  --titel TEXT          Title (the 'naam' of a registratie or matchmaker).\n"
        "  --businessmodel TEXT  Id of the business model a draaiboek implements.\n"
        "  --matchmaker TEXT     Id of the matchmaker of a proeftuin.\n"
        "  --auteur TEXT         Id of an authoring matchmaker (repeatable).\n"
        "  --proeftuin TEXT      Id of a pilot (repeatable).\n"
        "  --set KEY=VALUE       Fill any other top-level key (repeatable; repeat a key\n"
        "                        for a list).\n"
        "  --no-input            Never prompt, even in a terminal.\n"
        "  -h, --help            Show this message and exit.\n"
    ),
    ("validate", "nl"): (
        "Usage: esfkb validate [OPTIONS] [PATHS]...\n"
        "\n"
        "  De kennisbank controleren en elk probleem melden met bestand, regel en kolom.\n"
        "\n"
        "  Zonder PATH: het project van de mkdocs.yml in de huidige map. Een PATH dat een\n"
        "  projectmap is, valideert dat project; voor bestanden of mappen binnen een\n"
        "  kennisbank worden alleen die bestanden gemeld, maar hun verwijzingen worden\n"
        "  opgezocht in de hele kennisbank.\n"
        "\n"
        "  Voorbeelden:\n"
        "    esfkb validate\n"
        "    esfkb validate --format github --strict\n"
        "    esfkb validate playbooks/draaiboeken/enclave-opstarten.md\n"
        "\n"
        "Options:\n"
        "  --format [text|json|github|sarif]\n"
        "                                  Uitvoerformaat.  [default: text]\n"
        "  --strict                        Ook bij waarschuwingen falen.\n"
        "  --today YYYY-MM-DD              De datum die de bewaarregels gebruiken\n"
        "                                  (standaard: vandaag).\n"
        "  -h, --help                      Deze hulp tonen en stoppen.\n"
    ),
    ("validate", "en"): (
        "Usage: esfkb validate [OPTIONS] [PATHS]...\n"
        "\n"
        "  Check the knowledge base and report every problem with file, line and column.\n"
        "\n"
        "  Without PATH, the project of the mkdocs.yml in the current folder. A PATH that\n"
        "  is a project folder validates that project; files or folders inside a\n"
        "  knowledge base report only those files, but resolve references against the\n"
        "  whole base.\n"
        "\n"
        "  Examples:\n"
        "    esfkb validate\n"
        "    esfkb validate --format github --strict\n"
        "    esfkb validate playbooks/draaiboeken/enclave-opstarten.md\n"
        "\n"
        "Options:\n"
        "  --format [text|json|github|sarif]\n"
        "                                  Output format.  [default: text]\n"
        "  --strict                        Fail on warnings too.\n"
        "  --today YYYY-MM-DD              The date the retention rules use (default:\n"
        "                                  today).\n"
        "  -h, --help                      Show this message and exit.\n"
    ),
}


def _help(runner: CliRunner, *args: str) -> str:
    result = runner.invoke(main, [*args, "--help"], prog_name="esfkb", terminal_width=80)
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.mark.parametrize("command", ["new", "validate"])
@pytest.mark.parametrize("order", [("nl", "en", "nl"), ("en", "nl", "en")])
def test_help_in_dutch_and_english_in_one_process(runner: CliRunner, command: str, order: tuple[str, ...]) -> None:
    for language in order:
        assert _help(runner, "--lang", language, command) == HELP[command, language]


@pytest.mark.parametrize(("environment", "language"), [
    ({"ESFKB_LANG": "en"}, "en"), ({"LANG": "en_GB.UTF-8"}, "en"), ({"LANG": "nl_BE.UTF-8"}, "nl"), ({}, "nl"),
])
def test_help_follows_the_environment(runner: CliRunner, monkeypatch: pytest.MonkeyPatch,
                                      environment: dict[str, str], language: str) -> None:
    for name in i18n.ENVIRONMENT:
        monkeypatch.delenv(name, raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    assert _help(runner, "new") == HELP["new", language]


def test_the_top_level_help_and_a_group_in_dutch(runner: CliRunner) -> None:
    top = _help(runner, "--lang", "nl")
    assert "  --version       De versie tonen en stoppen.\n" in top
    assert "  --lang [nl|en]  Taal van de meldingen: nl (standaard) of en; anders ESFKB_LANG\n" in top
    assert "  -h, --help      Deze hulp tonen en stoppen.\n" in top
    assert "  new            Een document aanmaken uit een sjabloon met plaatshouders.\n" in top
    assert _help(runner, "--lang", "nl", "registrations").endswith(
        "Opdrachten:\n"
        "  expired  De registraties oplijsten die voorbij hun bewaartermijn zijn,...\n"
        "  import   EXPORT.csv van het ESF-registratieformulier importeren.\n")
    assert _help(runner, "--lang", "en", "registrations").endswith(
        "Commands:\n"
        "  expired  List registrations past their retention date, with the pilots...\n"
        "  import   Import EXPORT.csv of the ESF registration form.\n")
    one = _help(runner, "--lang", "nl", "registrations", "expired")
    assert "  Voorbeeld:\n    esfkb registrations expired --today 2027-01-01\n" in one


def _commands() -> Iterator[tuple[str, click.Command]]:
    """Every command and subcommand, with its path (``schemas export``)."""
    with click.Context(main) as ctx:
        pending = [(name, main.get_command(ctx, name)) for name in main.list_commands(ctx)]
    while pending:
        path, command = pending.pop(0)
        assert command is not None
        yield path, command
        if isinstance(command, click.Group):
            pending.extend((f"{path} {name}", sub) for name, sub in sorted(command.commands.items()))


def test_every_help_text_is_a_msgid_of_the_catalogue() -> None:
    """Each description and option help is marked for the catalogue, has Dutch, and no example is left in it."""
    with (i18n.LOCALE_DIR / "nl" / "LC_MESSAGES" / f"{i18n.DOMAIN}.po").open("rb") as file:
        dutch = {message.id: message.string for message in read_po(file, locale="nl") if message.id}
    commands = dict(_commands())
    assert len(commands) == len(COMMANDS) + 5  # schemas export, registrations import/expired, editor export/serve
    for path, command in [("", main), *commands.items()]:
        assert isinstance(command, texts.Command), path
        assert dutch.get(command._help_msgid), f"esfkb {path}: its help is not in the catalogue"
        assert "\b" not in command._help_msgid and "Examples" not in command._help_msgid, path
        assert all(example.startswith(f"esfkb {path}") for example in command.examples), path
        if not isinstance(command, click.Group):
            assert command.examples or path == "editor serve", f"esfkb {path} shows no example"
        for param in command.params:
            if isinstance(param, click.Option):
                assert isinstance(param, texts.Option), f"esfkb {path} {param.opts[0]}"
                assert dutch.get(param._msgid), f"esfkb {path} {param.opts[0]}: its help is not in the catalogue"
