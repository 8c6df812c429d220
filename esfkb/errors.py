"""Every exception of the core, in one place; content problems are never exceptions but diagnostics.

A face maps them to its own terms once (the CLI: :func:`esfkb.cli.common.core_errors`, a wrong request exits 2,
the state of the files 1).
"""

from __future__ import annotations


class EsfkbError(Exception):
    """Base of every error the core raises for a problem a user can fix."""


class ConfigError(EsfkbError):
    """The project's configuration (mkdocs.yml, environment) is unusable."""


class RegistryError(EsfkbError):
    """A kind or rule plugin could not be loaded or is inconsistent."""


class RequestError(EsfkbError):
    """What was asked does not make sense (unknown id, impossible pair): the command line is at fault."""


class MatchingError(EsfkbError):
    """A pilot or registration asked for cannot be matched: its file has schema errors (the content's state)."""


class UnknownDocumentError(RequestError, MatchingError):
    """An id that names no pilot or registration of the kind asked for: a wrong request (the CLI exits 2)."""


class EditError(EsfkbError):
    """The file cannot be edited safely as it stands (problems in it, or changed on disk)."""


class ConcurrentModificationError(EditError):
    """The file changed on disk between reading it and writing it back."""


class ExportError(EsfkbError):
    """The export as a whole cannot be read (not a row problem)."""


class SearchIndexError(EsfkbError):
    """The search index could not be written (Pagefind missing or failing)."""
