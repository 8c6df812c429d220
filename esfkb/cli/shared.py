"""What the authoring and browsing commands share: core errors as exit codes, kinds by name."""

from __future__ import annotations

from contextlib import contextmanager
from typing import TYPE_CHECKING

from esfkb.cli.common import EXIT_CONTENT, EXIT_USAGE, fail

if TYPE_CHECKING:
    from collections.abc import Iterator

    from esfkb.base.knowledge_base import KnowledgeBase
    from esfkb.model.kinds import Kind


@contextmanager
def core_errors() -> Iterator[None]:
    """Turn the core's errors into one line on stderr: 2 for a wrong request, 1 for the files' state."""
    from esfkb.errors import EsfkbError
    from esfkb.request import RequestError

    try:
        yield
    except RequestError as error:
        fail(str(error), EXIT_USAGE)
    except EsfkbError as error:
        fail(str(error), EXIT_CONTENT)
    except OSError as error:
        fail(f"{error.filename or ''}: {error.strerror}".lstrip(": "), EXIT_CONTENT)


def resolve_kind(kb: KnowledgeBase, name: str) -> Kind:
    """A kind by its name or folder (``draaiboek`` or ``draaiboeken``); a usage error otherwise."""
    kind = kb.kinds.by_name.get(name) or kb.kinds.by_folder.get(name)
    if kind is None:
        fail(f"unknown kind '{name}': choose one of {', '.join(sorted(kb.kinds.by_name))}")
    return kind
