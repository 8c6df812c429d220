"""A rename that survives being killed: its whole plan in a journal first, then the edits, then no journal.

``esfkb rename`` edits many files and moves one; killed half-way, it would leave references to an id
that no file has yet. So it first writes a journal (:data:`JOURNAL`, at the project root, outside the
docs folder): every file it will write with a digest of its bytes before and its whole content after,
and the move. The journal is written atomically, so it is either there and complete, or absent. Then
the edits are applied, then the journal is removed. A journal found later means a rename was
interrupted: :meth:`Journal.apply` completes it (what was done already is recognised by its bytes and
skipped), the loader reports it (ESF015), and the other edits refuse to start until it is done.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from esfkb.authoring.editing import move_exclusive, write_atomic
from esfkb.base.docs_files import read_regular, stale_temporary
from esfkb.checks.diagnostics import Diagnostic
from esfkb.errors import EditError
from esfkb.i18n import _

if TYPE_CHECKING:
    from esfkb.base.knowledge_base import KnowledgeBase

JOURNAL = ".esfkb-rename.json"
"""The journal's file name, in the project root."""


@dataclass(frozen=True, slots=True)
class Journal:
    """The plan of one rename: the files to write (project-relative path, digest before, bytes after) and the move."""

    old: str
    new: str
    writes: tuple[tuple[str, str, bytes], ...]
    move: tuple[str, str]

    @classmethod
    def load(cls, root: Path) -> Journal | None:
        """The journal of an interrupted rename in the project at ``root``; None when there is none."""
        try:
            raw = read_regular(root / JOURNAL)
        except FileNotFoundError:
            return None
        except OSError as error:
            raise EditError(_("{path}: cannot read the journal of an interrupted rename: {error}").format(
                path=root / JOURNAL, error=error.strerror)) from None
        try:
            data = json.loads(raw)
            return cls(data["old"], data["new"],
                       tuple((rel, before, base64.b64decode(after)) for rel, before, after in data["writes"]),
                       (data["move"][0], data["move"][1]))
        except (ValueError, KeyError, TypeError, IndexError):
            raise EditError(_("{path}: the journal of an interrupted rename is damaged: check the files it names by "
                              "hand (esfkb validate), then delete it").format(path=root / JOURNAL)) from None

    def save(self, root: Path) -> None:
        """Write the journal atomically (before any file is edited)."""
        writes = [[rel, before, base64.b64encode(after).decode("ascii")] for rel, before, after in self.writes]
        data = {"old": self.old, "new": self.new, "move": list(self.move), "writes": writes}
        write_atomic(root / JOURNAL, json.dumps(data, ensure_ascii=False).encode("utf-8"))

    def apply(self, root: Path) -> None:
        """Make every write and the move that is not done yet, then remove the journal.

        Run again after being killed, it goes on where it stopped. A file that holds neither its bytes
        before nor after the rename was changed by someone else: EditError, and the journal stays.
        """
        source, target = root / self.move[0], root / self.move[1]
        for rel, before, after in self.writes:
            path = root / rel
            if path == source and not os.path.lexists(source) and os.path.lexists(target):
                path = target  # moved already, after its own links were rewritten
            try:
                current = read_regular(path)
            except OSError as error:
                raise EditError(_("{path}: cannot read it to complete the rename: {error}").format(
                    path=path, error=error.strerror)) from None
            if current == after:
                continue
            if digest(current) != before:
                raise EditError(_("{path}: changed since the rename {old} → {new} began; edit it by hand, then "
                                  "delete {journal}").format(
                                      path=path, old=self.old, new=self.new, journal=root / JOURNAL))
            write_atomic(path, after, expected=current)
        if os.path.lexists(source) and os.path.lexists(target) and os.path.samefile(source, target):
            source.unlink()  # the move stopped between its hard link and the removal of the old name
        elif os.path.lexists(source):
            try:
                move_exclusive(source, target)
            except FileExistsError:
                raise EditError(_("both {source} and {target} exist: keep one, then delete {journal}").format(
                    source=source, target=target, journal=root / JOURNAL)) from None
        (root / JOURNAL).unlink()


def digest(data: bytes) -> str:
    """The digest that a journal keeps of a file's bytes before the rename."""
    return hashlib.sha256(data).hexdigest()


def interrupted_rename(root: Path) -> Diagnostic | None:
    """ESF015 when a rename was interrupted in the project at ``root`` (its journal is there)."""
    if not os.path.lexists(root / JOURNAL):
        return None
    try:
        journal = Journal.load(root)
    except EditError as error:
        return Diagnostic(JOURNAL, 1, 1, "ESF015", str(error))
    assert journal is not None
    return Diagnostic(JOURNAL, 1, 1, "ESF015", _("a rename was interrupted: run 'esfkb rename {old} {new}' to "
                                                 "complete it").format(old=journal.old, new=journal.new))


def complete_interrupted(root: Path) -> Journal | None:
    """Complete the rename that was interrupted in the project at ``root``, if any, and remove what it left; its
    journal."""
    remove_stale_temporaries(root)
    journal = Journal.load(root)
    if journal is not None:
        journal.apply(root)
        for folder in sorted({(root / rel).parent for rel in (*(w[0] for w in journal.writes), *journal.move)}):
            remove_stale_temporaries(folder)
    return journal


def prepare_edit(kb: KnowledgeBase) -> None:
    """Before any edit: refuse while an interrupted rename waits; remove what killed edits left behind."""
    root = kb.project.root
    pending = interrupted_rename(root)
    if pending is not None:
        raise EditError(_("{problem}, before any other edit").format(problem=pending.message))
    remove_stale_temporaries(root)
    for temporary in kb.docs.temporaries:
        with contextlib.suppress(OSError):
            temporary.unlink()


def remove_stale_temporaries(folder: Path) -> None:
    """Remove the temporary files in ``folder`` whose writer is gone (:func:`esfkb.base.docs_files.stale_temporary`)."""
    with contextlib.suppress(OSError):
        for entry in os.scandir(folder):
            if stale_temporary(entry.name):
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)
