"""``esfkb validate``, ``esfkb rules`` and ``esfkb schemas``: checking what authors wrote."""

from __future__ import annotations

import os
import pathlib
import sys
from typing import TYPE_CHECKING

import click

from esfkb.cli.common import EXIT_CONTENT, IsoDateType, fail, open_knowledge_base, open_project
from esfkb.cli.texts import command, group, option
from esfkb.i18n import N_, _

if TYPE_CHECKING:
    from datetime import date
    from pathlib import Path

    from esfkb.config import Project


@command("validate", help=N_(
    "Check the knowledge base and report every problem with file, line and column.\n\n"
    "Without PATH, the project of the mkdocs.yml in the current folder. A PATH that is a project folder validates "
    "that project; files or folders inside a knowledge base report only those files, but resolve references "
    "against the whole base."), examples=[
    "esfkb validate",
    "esfkb validate --format github --strict",
    "esfkb validate playbooks/draaiboeken/enclave-opstarten.md",
])
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=pathlib.Path))
@option("--format", "fmt", type=click.Choice(["text", "json", "github", "sarif"]), default="text",
        show_default=True, help=N_("Output format."))
@option("--strict", is_flag=True, help=N_("Fail on warnings too."))
@option("--today", type=IsoDateType(), default=None, help=N_("The date the retention rules use (default: today)."))
def validate_command(paths: tuple[Path, ...], fmt: str, strict: bool, today: date | None) -> None:
    """``esfkb validate``: validate the project, or only the files of PATHS against their whole base."""
    from esfkb.checks.reporters import REPORTERS
    from esfkb.checks.rule import catalogue
    from esfkb.checks.validation import validate as run_validation

    project, only = _resolve_targets(paths)
    kb = open_knowledge_base(project)
    result = run_validation(kb, today=today, only=only)
    click.echo(REPORTERS[fmt](result, catalogue()), nl=False)
    if result.errors or (strict and result.warnings):
        sys.exit(EXIT_CONTENT)


def _resolve_targets(paths: tuple[Path, ...]) -> tuple[Project, set[str] | None]:
    """The project to load and, for file arguments, the project-relative files to report."""
    from esfkb.config import find_project_root

    if not paths:
        return open_project(), None
    roots = {find_project_root(_absolute(p).parent if p.is_symlink() else p) for p in paths}
    if None in roots:
        fail(_("a PATH is not inside a knowledge base (no mkdocs.yml at or above it)"))
    if len(roots) > 1:
        fail(_("PATHs belong to different knowledge bases: validate them one project at a time"))
    project = open_project(roots.pop())
    only: set[str] = set()
    for path in paths:
        resolved = _absolute(path)
        if resolved == project.root:
            return project, None
        files = sorted(resolved.rglob("*.md")) if resolved.is_dir() else [resolved]
        for file in files:
            if file.suffix == ".md" and file.is_relative_to(project.docs_dir):
                only.add(file.relative_to(project.root).as_posix())
            elif not resolved.is_dir():  # say so: a silent skip would look like a clean file
                skipped = _("{path} is not a Markdown file of the knowledge base ({docs}/); skipped")
                click.echo("esfkb: " + skipped.format(path=path, docs=os.path.relpath(project.docs_dir, project.root)),
                           err=True)
    return project, only


def _absolute(path: Path) -> Path:
    """``path`` resolved, but a link keeps its own name: it is reported as a link (ESF013), never read as its target."""
    return path.absolute().parent.resolve() / path.name if path.is_symlink() else path.resolve()


@command("rules", help=N_("Explain the diagnostic codes: all of them, or one CODE."),
         examples=["esfkb rules", "esfkb rules ESF301"])
@click.argument("code", required=False)
def rules_command(code: str | None) -> None:
    """``esfkb rules``: the catalogue of codes, or one code's explanation."""
    from esfkb.checks.explain import catalogue_text, code_text
    from esfkb.checks.rule import catalogue

    codes = catalogue()
    if code is not None:
        entry = codes.get(code.upper())
        if entry is None:
            fail(_("unknown code '{code}': 'esfkb rules' lists them all").format(code=code))
        click.echo(code_text(entry), nl=False)
        return
    click.echo(catalogue_text(codes), nl=False)


@group("schemas", help=N_("The JSON Schemas of the kinds, generated from the models."))
def schemas_command() -> None:
    """``esfkb schemas``: its subcommands export or check the schemas."""


@schemas_command.command("export", help=N_("Write schemas/<kind>.schema.json (Draft 2020-12) from the models."),
                         examples=["esfkb schemas export", "esfkb schemas export --check"])
@option("--check", is_flag=True, help=N_("Write nothing; exit 1 when the committed files differ."))
@option("--output", type=click.Path(file_okay=False, path_type=pathlib.Path), default=None,
        help=N_("Target folder (default: schemas/ next to mkdocs.yml)."))
def schemas_export(check: bool, output: Path | None) -> None:
    """``esfkb schemas export``: write the schemas, or (``--check``) say which differ."""
    from esfkb.checks.schemas import drifted_schemas, export_schemas
    from esfkb.model.kinds import load_kinds

    target = output or open_project().root / "schemas"
    kinds = load_kinds()
    if check:
        drifted = drifted_schemas(kinds, target)
        for name in drifted:
            state = (_("{path}: differs from the models; run 'esfkb schemas export'") if (target / name).exists()
                     else _("{path}: is missing; run 'esfkb schemas export'"))
            click.echo(state.format(path=target / name), err=True)
        if drifted:
            sys.exit(EXIT_CONTENT)
        click.echo(_("{count} schemas up to date").format(count=len(kinds.kinds)))
        return
    changed = export_schemas(kinds, target)
    click.echo(_("{written} of {count} schemas written to {target}").format(
        written=len(changed), count=len(kinds.kinds), target=target))
