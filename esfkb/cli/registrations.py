"""``esfkb registrations``: import the ESF export, and list registrations past their retention."""

from __future__ import annotations

import json
import pathlib
import sys
from typing import TYPE_CHECKING

import click

from esfkb.cli.common import EXIT_CONTENT, IsoDateType, fail, open_knowledge_base, open_project

if TYPE_CHECKING:
    from datetime import date


@click.group("registrations")
def registrations_command() -> None:
    """Registrations of interest: import the ESF export, follow up retention."""


@registrations_command.command("import")
@click.argument("export", type=click.Path(exists=True, dir_okay=False, path_type=pathlib.Path))
@click.option("--contacts", "contacts_file", required=True, type=click.Path(dir_okay=False, path_type=pathlib.Path),
              help="The private contacts file to merge into (outside the repository).")
@click.option("--dry-run", is_flag=True, help="Show what would change; write nothing.")
def import_command(export: pathlib.Path, contacts_file: pathlib.Path, dry_run: bool) -> None:
    """Import EXPORT.csv of the ESF registration form.

    Writes one registration file per organisation (id from its name) and the contact persons into
    the private contacts file. Rows merge by KBO number: a second import of the same export changes
    nothing; bad rows are reported with their row number and not written. Exit 1 when rows were
    rejected.

    \b
    Example:
      esfkb registrations import export-esf.csv --contacts ~/esf-prive/contacten.yml --dry-run
    """
    from esfkb.authoring.importing import apply_plan, plan_import, read_export
    from esfkb.errors import EsfkbError
    from esfkb.privacy.contacts import load_contacts, outside_project

    project = open_project()
    try:
        outside_project(contacts_file, project.root, project.docs_dir)
    except EsfkbError as error:
        fail(str(error))
    try:
        rows, problems = read_export(export.read_bytes())
        contacts = load_contacts(contacts_file) if contacts_file.exists() else {}
        kb = open_knowledge_base(project)
        plan = plan_import(kb, rows, contacts, retention_years=project.settings.retention_years)
        plan.problems[:0] = problems
        if not dry_run:
            apply_plan(plan, contacts_file)
    except EsfkbError as error:
        fail(str(error), EXIT_CONTENT)
    prefix = "would " if dry_run else ""
    for problem in sorted(plan.problems, key=lambda p: (p.row, p.message)):
        click.echo(f"{export.name}: row {problem.row} (line {problem.line}): {problem.message}", err=True)
    for path, _ in plan.created.values():
        click.echo(f"{prefix}create {path.relative_to(project.root).as_posix()}")
    for document, fields in plan.updated.values():
        click.echo(f"{prefix}update {document.path.relative_to(project.root).as_posix()}: {', '.join(fields)}")
    click.echo(
        f"{len(plan.created)} created, {len(plan.updated)} updated, {len(plan.unchanged)} unchanged, "
        f"{plan.rejected} rejected; contacts: {len(plan.contacts_changed)} {prefix}changed"
        + (" (dry run: nothing written)" if dry_run else "")
    )
    if plan.rejected:
        sys.exit(EXIT_CONTENT)


@registrations_command.command("expired")
@click.option("--today", type=IsoDateType(), default=None, help="The reference date (default: today).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def expired_command(today: date | None, fmt: str) -> None:
    """List registrations past their retention date, with the pilots that reference them.

    Exit 1 when there is one (it must be deleted or renewed), 0 when there is none.

    \b
    Example:
      esfkb registrations expired --today 2027-01-01
    """
    from esfkb.privacy.retention import expired_registrations

    kb = open_knowledge_base()
    found = expired_registrations(kb, today)
    if fmt == "json":
        click.echo(json.dumps([
            {"id": e.document.id, "path": e.document.rel_path, "bewaren_tot": e.until.isoformat(),
             "proeftuinen": [p.id for p in e.pilots]} for e in found
        ], ensure_ascii=False, indent=2))
    elif not found:
        click.echo("no registration is past its retention date")
    else:
        for entry in found:
            pilots = ", ".join(p.id for p in entry.pilots) or "no pilot"
            click.echo(f"{entry.document.id}  bewaren_tot {entry.until}  {entry.document.rel_path}  ({pilots})")
        click.echo(f"{len(found)} registration(s) to delete or renew")
    if found:
        sys.exit(EXIT_CONTENT)
