"""What the commands share: exit codes, one-line failures and core errors as exit codes, the project, kinds."""

from __future__ import annotations

import gc
import sys
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import click

from esfkb.i18n import _

if TYPE_CHECKING:
    from collections.abc import Iterator

    from esfkb.base.knowledge_base import KnowledgeBase
    from esfkb.config import Project
    from esfkb.model.kinds import Kind

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
            self.fail(_("'{value}' is not a date: write it as YYYY-MM-DD").format(value=value), param, ctx)


def fail(message: str, code: int = EXIT_USAGE) -> NoReturn:
    """Print one clear line on stderr and exit."""
    click.echo(f"esfkb: {message}", err=True)
    sys.exit(code)


def open_project(start: Path | None = None) -> Project:
    """The project of the mkdocs.yml at or above ``start`` (default: the current folder)."""
    from esfkb.config import find_project_root, load_project

    root = find_project_root(start or Path.cwd())
    if root is None:
        fail(_("no mkdocs.yml found in {folder} or above: run esfkb inside a knowledge base").format(
            folder=start or Path.cwd()))
    with core_errors():
        return load_project(root)


def open_knowledge_base(project: Project | None = None) -> KnowledgeBase:
    """Load the knowledge base of ``project`` (default: the current one)."""
    from esfkb.base.knowledge_base import load_knowledge_base

    with core_errors():
        kb = load_knowledge_base(project or open_project())
    gc.freeze()  # a command is a short process: what it loaded lives until exit, the collector need not walk it
    return kb


@contextmanager
def core_errors() -> Iterator[None]:
    """Turn the core's errors into one line on stderr: 2 for a wrong request or configuration, 1 for the files' state.

    Every command's exit code for a core error is decided here, and only here.
    """
    from esfkb.errors import ConfigError, EsfkbError, RequestError

    try:
        yield
    except (RequestError, ConfigError) as error:
        fail(str(error), EXIT_USAGE)
    except EsfkbError as error:
        fail(str(error), EXIT_CONTENT)
    except OSError as error:
        fail(f"{error.filename or ''}: {error.strerror}".lstrip(": "), EXIT_CONTENT)


def resolve_kind(kb: KnowledgeBase, name: str) -> Kind:
    """A kind by its name or folder (``draaiboek`` or ``draaiboeken``); a usage error otherwise."""
    kind = kb.kinds.by_name.get(name) or kb.kinds.by_folder.get(name)
    if kind is None:
        fail(_("unknown kind '{kind}': choose one of {kinds}").format(
            kind=name, kinds=", ".join(sorted(kb.kinds.by_name))))
    return kind
