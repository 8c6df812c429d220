"""``esfkb registrations``: import the ESF export, and list registrations past their retention."""

from __future__ import annotations

import pathlib
import sys
from typing import TYPE_CHECKING

import click

from esfkb.cli.common import EXIT_CONTENT, IsoDateType, core_errors, open_knowledge_base, open_project
from esfkb.cli.texts import group, option
from esfkb.i18n import N_

if TYPE_CHECKING:
    from datetime import date


@group("registrations", help=N_("Registrations of interest: import the ESF export, follow up retention."))
def registrations_command() -> None:
    """``esfkb registrations``: its subcommands import the export and list expired registrations."""


@registrations_command.command("import", help=N_(
    "Import EXPORT.csv of the ESF registration form.\n\n"
    "Writes one registration file per organisation (id from its name) and the contact persons into the private "
    "contacts file. Rows merge by KBO number: a second import of the same export changes nothing; bad rows are "
    "reported with their row number and not written. Exit 1 when rows were rejected."), examples=[
    "esfkb registrations import export-esf.csv --contacts ~/esf-prive/contacten.yml --dry-run",
])
@click.argument("export", type=click.Path(exists=True, dir_okay=False, path_type=pathlib.Path))
@option("--contacts", "contacts_file", required=True, type=click.Path(dir_okay=False, path_type=pathlib.Path),
        help=N_("The private contacts file to merge into (outside the repository)."))
@option("--dry-run", is_flag=True, help=N_("Show what would change; write nothing."))
def import_command(export: pathlib.Path, contacts_file: pathlib.Path, dry_run: bool) -> None:
    """``esfkb registrations import``: merge the export into the registrations and the private contacts file."""
    from esfkb.authoring.importing import apply_plan, import_report, plan_import, read_export
    from esfkb.privacy.contacts import load_contacts, outside_project

    project = open_project()
    with core_errors():
        outside_project(contacts_file, project.root, project.docs_dir)
    with core_errors():
        rows, problems = read_export(export.read_bytes())
        contacts = load_contacts(contacts_file) if contacts_file.exists() else {}
        kb = open_knowledge_base(project)
        plan = plan_import(kb, rows, contacts, retention_years=project.settings.retention_years)
        plan.problems[:0] = problems
        if not dry_run:
            apply_plan(plan, contacts_file)
    changes, problems = import_report(plan, project.root, export.name, dry_run=dry_run)
    click.echo(problems, err=True, nl=False)
    click.echo(changes, nl=False)
    if plan.rejected:
        sys.exit(EXIT_CONTENT)


@registrations_command.command("expired", help=N_(
    "List registrations past their retention date, with the pilots that reference them.\n\n"
    "Exit 1 when there is one (it must be deleted or renewed), 0 when there is none."), examples=[
    "esfkb registrations expired --today 2027-01-01",
])
@option("--today", type=IsoDateType(), default=None, help=N_("The reference date (default: today)."))
@option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
        help=N_("Output format."))
def expired_command(today: date | None, fmt: str) -> None:
    """``esfkb registrations expired``: the registrations past retention; exit 1 when there is one."""
    from esfkb.privacy.retention import FORMATS, expired_registrations

    kb = open_knowledge_base()
    found = expired_registrations(kb, today)
    click.echo(FORMATS[fmt](found), nl=False)
    if found:
        sys.exit(EXIT_CONTENT)
