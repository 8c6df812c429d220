"""The ``esfkb`` command line: a thin Click face over the core.

Callbacks parse options, call the core and hand the result to a reporter; the core is imported
inside each command so that ``esfkb --help`` stays fast. Exit codes: 0 clean, 1 content errors,
2 usage or configuration errors.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import click

if TYPE_CHECKING:
    from esfkb.config import Project
    from esfkb.knowledge_base import KnowledgeBase

EXIT_OK, EXIT_CONTENT, EXIT_USAGE = 0, 1, 2


class IsoDateType(click.ParamType):
    """A ``YYYY-MM-DD`` option value."""

    name = "YYYY-MM-DD"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> date:
        if isinstance(value, date):
            return value
        try:
            return date.fromisoformat(value)
        except ValueError:
            self.fail(f"'{value}' is not a date: write it as YYYY-MM-DD", param, ctx)


def fail(message: str, code: int = EXIT_USAGE) -> NoReturn:
    """Print one clear line on stderr and exit."""
    click.echo(f"esfkb: {message}", err=True)
    sys.exit(code)


def open_project(start: Path | None = None) -> Project:
    """The project of the mkdocs.yml at or above ``start`` (default: the current folder)."""
    from esfkb.config import find_project_root, load_project
    from esfkb.errors import ConfigError

    root = find_project_root(start or Path.cwd())
    if root is None:
        fail(f"no mkdocs.yml found in {start or Path.cwd()} or above: run esfkb inside a knowledge base")
    try:
        return load_project(root)
    except ConfigError as error:
        fail(str(error))


def open_knowledge_base(project: Project | None = None) -> KnowledgeBase:
    """Load the knowledge base of ``project`` (default: the current one)."""
    from esfkb.errors import EsfkbError
    from esfkb.knowledge_base import load_knowledge_base

    try:
        return load_knowledge_base(project or open_project())
    except EsfkbError as error:
        fail(str(error))


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(package_name="esfkb")
def main() -> None:
    """Validate, link and publish the knowledge base of ESF Vlaanderen's proeftuinen.

    Run the commands inside a project (the folder holding mkdocs.yml).
    """


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "json", "github", "sarif"]), default="text",
              show_default=True, help="Output format.")
@click.option("--strict", is_flag=True, help="Fail on warnings too.")
@click.option("--today", type=IsoDateType(), default=None,
              help="The date the retention rules use (default: today).")
def validate(paths: tuple[Path, ...], fmt: str, strict: bool, today: date | None) -> None:
    """Check the knowledge base and report every problem with file, line and column.

    Without PATH, the project of the mkdocs.yml in the current folder. A PATH that is a project
    folder validates that project; files or folders inside a knowledge base report only those
    files, but resolve references against the whole base.

    \b
    Examples:
      esfkb validate
      esfkb validate --format github --strict
      esfkb validate playbooks/draaiboeken/enclave-opstarten.md
    """
    from esfkb.reporting import REPORTERS
    from esfkb.rule import catalogue
    from esfkb.validation import validate as run_validation

    project, only = _resolve_targets(paths)
    kb = open_knowledge_base(project)
    result = run_validation(kb, today=today, only=only)
    click.echo(REPORTERS[fmt](result, catalogue()), nl=False)
    if result.errors or (strict and result.warnings):
        sys.exit(EXIT_CONTENT)


def _resolve_targets(paths: tuple[Path, ...]) -> tuple[Project, set[str] | None]:
    """The project to load and, for file arguments, the project-relative files to report."""
    from esfkb.config import CONFIG_FILE, find_project_root

    if not paths:
        return open_project(), None
    roots = {find_project_root(p if p.is_dir() and (p / CONFIG_FILE).is_file() else p) for p in paths}
    if None in roots:
        fail("a PATH is not inside a knowledge base (no mkdocs.yml at or above it)")
    if len(roots) > 1:
        fail("PATHs belong to different knowledge bases: validate them one project at a time")
    project = open_project(roots.pop())
    only: set[str] = set()
    for path in paths:
        resolved = path.resolve()
        if resolved == project.root:
            return project, None
        files = sorted(resolved.rglob("*.md")) if resolved.is_dir() else [resolved]
        only.update(f.relative_to(project.root).as_posix() for f in files
                    if f.suffix == ".md" and f.is_relative_to(project.docs_dir))
    return project, only


@main.command()
@click.argument("code", required=False)
def rules(code: str | None) -> None:
    """Explain the diagnostic codes: all of them, or one CODE.

    \b
    Examples:
      esfkb rules
      esfkb rules ESF301
    """
    from esfkb.rule import catalogue

    codes = catalogue()
    if code is not None:
        entry = codes.get(code.upper())
        if entry is None:
            fail(f"unknown code '{code}': 'esfkb rules' lists them all")
        click.echo(f"{entry.code} {entry.name} ({entry.severity.value})\n{entry.summary}\n\n{entry.explanation}")
        return
    for entry in codes.values():
        click.echo(f"{entry.code}  {entry.severity.value:<7}  {entry.name:<34} {entry.summary}")


@main.group()
def schemas() -> None:
    """The JSON Schemas of the kinds, generated from the models."""


@schemas.command("export")
@click.option("--check", is_flag=True, help="Write nothing; exit 1 when the committed files differ.")
@click.option("--output", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Target folder (default: schemas/ next to mkdocs.yml).")
def schemas_export(check: bool, output: Path | None) -> None:
    """Write schemas/<kind>.schema.json (Draft 2020-12) from the models.

    \b
    Examples:
      esfkb schemas export
      esfkb schemas export --check
    """
    from esfkb.kinds import load_kinds
    from esfkb.schemas import drifted_schemas, export_schemas

    target = output or open_project().root / "schemas"
    kinds = load_kinds()
    if check:
        drifted = drifted_schemas(kinds, target)
        for name in drifted:
            click.echo(f"{target / name}: differs from the models; run 'esfkb schemas export'", err=True)
        if drifted:
            sys.exit(EXIT_CONTENT)
        click.echo(f"{len(kinds.kinds)} schemas up to date")
        return
    changed = export_schemas(kinds, target)
    click.echo(f"{len(changed)} of {len(kinds.kinds)} schemas written to {target}")
