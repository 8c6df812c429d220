"""The ``esfkb`` command line: a thin Click face over the core.

Each command lives in its own module and is imported only when it runs, so ``esfkb --help``
stays fast. Callbacks parse options, call the core and hand the result to a reporter. Exit codes:
0 clean, 1 content errors, 2 usage or configuration errors.
"""

from __future__ import annotations

import importlib
from typing import Any

import click

from esfkb.cli.texts import Group, Option
from esfkb.i18n import LANGUAGES, N_, _, configure

COMMANDS: dict[str, tuple[str, str]] = {
    "validate": ("esfkb.cli.validate", N_("Check the knowledge base and report every problem.")),
    "registrations": ("esfkb.cli.registrations", N_("Import the ESF export; list registrations past retention.")),
    "rules": ("esfkb.cli.validate", N_("Explain the diagnostic codes.")),
    "schemas": ("esfkb.cli.validate", N_("Export or check the JSON Schemas of the kinds.")),
    "match": ("esfkb.cli.match", N_("Suggest registrations for a pilot, or what fits a registration.")),
    "compose": ("esfkb.cli.match", N_("Check a draft composition and say what is missing.")),
    "new": ("esfkb.cli.authoring", N_("Create a document from a template with placeholders.")),
    "link": ("esfkb.cli.authoring", N_("Write a relation into the right field of a document.")),
    "unlink": ("esfkb.cli.authoring", N_("Remove a relation, keeping every other byte.")),
    "rename": ("esfkb.cli.authoring", N_("Rename a document and rewrite every reference to it.")),
    "show": ("esfkb.cli.browse", N_("Show a document as a card with its relations both ways.")),
    "list": ("esfkb.cli.browse", N_("List the documents of a kind, filtered on any field.")),
    "graph": ("esfkb.cli.browse", N_("Export the relation graph (mermaid, dot, json).")),
    "report": ("esfkb.cli.browse", N_("Portfolio figures: counts, coverage, doorstroom funnel.")),
    "editor": ("esfkb.cli.editor", N_("Export the web editor's config; run the editor locally.")),
}
"""Command name to (module, one-line help marked for the catalogue); the module defines a click command of that name."""


class LazyGroup(Group):
    """A group that imports a command's module only when that command is invoked or shown."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in COMMANDS:
            return None
        module = importlib.import_module(COMMANDS[cmd_name][0])
        command: click.Command = getattr(module, cmd_name.replace("-", "_") + "_command")
        return command

    def format_commands(self, ctx: click.Context, formatter: Any) -> None:
        rows = [(name, _(COMMANDS[name][1])) for name in self.list_commands(ctx)]
        with formatter.section(_("Commands")):
            formatter.write_dl(rows)


def _choose_language(ctx: click.Context, param: click.Parameter, value: str | None) -> str:
    """Decide the language before anything is said: ``--lang``, else ESFKB_LANG, else the locale."""
    return configure(value)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
             help=N_("Validate, link and publish the knowledge base of ESF Vlaanderen's proeftuinen.\n\n"
                     "Run the commands inside a project (the folder holding mkdocs.yml)."))
@click.version_option(package_name="esfkb", cls=Option, help=N_("Show the version and exit."))
@click.option("--lang", type=click.Choice(LANGUAGES), default=None, is_eager=True, expose_value=False,
              callback=_choose_language, cls=Option,
              help=N_("Language of the messages: nl (default) or en; else ESFKB_LANG or the locale (LANG, LC_ALL)."))
def main() -> None:
    """``esfkb``: the group; each command's module is imported when it runs (:class:`LazyGroup`)."""
