"""Helpers shared by the commands: exit codes, one-line failures, opening the project."""

from __future__ import annotations

import gc
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import click

if TYPE_CHECKING:
    from esfkb.base.knowledge_base import KnowledgeBase
    from esfkb.config import Project

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
    from esfkb.base.knowledge_base import load_knowledge_base
    from esfkb.errors import EsfkbError

    try:
        kb = load_knowledge_base(project or open_project())
    except EsfkbError as error:
        fail(str(error))
    gc.freeze()  # a command is a short process: what it loaded lives until exit, the collector need not walk it
    return kb
