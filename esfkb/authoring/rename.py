"""Rename a document: its file and every reference to it, each file written atomically.

References are the frontmatter fields that name the id, and Markdown links in any body or page
that point to the file. Every edit is planned in memory first, so a file that cannot be edited
stops the rename before anything is written; the plan goes to a journal before the first write, so
a rename killed half-way is completed by running it again (:mod:`esfkb.authoring.journal`).
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from esfkb.authoring.editing import EditableDocument
from esfkb.authoring.journal import Journal, digest, prepare_edit
from esfkb.base.docs_files import read_regular
from esfkb.errors import EditError
from esfkb.i18n import _
from esfkb.request import check_id_format, unknown_document

if TYPE_CHECKING:
    from pathlib import Path as FsPath

    from esfkb.base.knowledge_base import KnowledgeBase

_INLINE_LINK_RE = re.compile(r"(\]\(\s*<?)([^)\s>]+)")
_REFERENCE_DEF_RE = re.compile(r"^(\s{0,3}\[[^\]]+\]:\s*<?)(\S+?)(?=>?(?:\s|$))")


@dataclass(frozen=True, slots=True)
class RenameOutcome:
    """What a rename did: the new file and the other files whose references were rewritten."""

    old: str
    new: str
    file: FsPath
    touched: tuple[str, ...]
    """Project-relative paths of the files that were rewritten, sorted."""


def rename(kb: KnowledgeBase, old: str, new: str, *, dry_run: bool = False) -> RenameOutcome:
    """Rename document ``old`` to ``new`` and rewrite every reference; refuse if ``new`` exists."""
    document = kb.get(old)
    if document is None:
        raise unknown_document(kb, old)
    check_id_format(new)
    prepare_edit(kb)
    target = document.file.with_name(f"{new}.md")
    if kb.get(new) is not None or target.exists():
        where = kb.documents[new].rel_path if new in kb.documents else target
        raise EditError(_("'{id}' already exists ({path}): choose another id").format(id=new, path=where))
    docs_dir = kb.project.docs_dir
    old_rel = document.file.relative_to(docs_dir).as_posix()
    new_rel = posixpath.join(posixpath.dirname(old_rel), f"{new}.md")
    edits: dict[FsPath, EditableDocument] = {}
    for link in kb.links:
        if link.target == old and link.target_kind == document.kind.name:
            source = kb.documents[link.source]
            doc = edits.get(source.file) or EditableDocument.read(source.file)
            if doc.get(link.path) != old:
                raise EditError(_("{path}: changed since it was loaded; run the command again").format(
                    path=source.rel_path))
            doc.set_scalar(link.path, new)
            edits[source.file] = doc
    needle = f"{old}.md".encode()
    for file in sorted({d.file for d in kb.files} | {p.file for p in kb.pages}):
        doc = edits.get(file) or _open_if_mentions(file, needle)
        if doc is None:
            continue
        from_dir = posixpath.dirname(file.relative_to(docs_dir).as_posix())
        for index in range(doc.body_start, len(doc.lines)):
            line = doc.lines[index].rstrip("\r\n")
            rewritten = rewrite_links(line, from_dir, old_rel, new_rel)
            if rewritten != line:
                doc.replace_line(index, rewritten)
        if doc.changed:
            edits[file] = doc
    root = kb.project.root
    touched = tuple(sorted(_relative(f, root) for f in edits))
    if not dry_run:
        journal = Journal(old, new, tuple((_relative(file, root), digest(doc.original), doc.to_bytes())
                                          for file, doc in edits.items()),
                          (_relative(document.file, root), _relative(target, root)))
        journal.save(root)
        journal.apply(root)
    return RenameOutcome(old, new, target, touched)


def rewrite_links(line: str, from_dir: str, old_rel: str, new_rel: str) -> str:
    """``line`` with Markdown links to ``old_rel`` (relative to the docs folder) pointing to ``new_rel``."""
    def fix(match: re.Match[str]) -> str:
        url = match.group(2)
        path, sep, rest = _split_url(url)
        if "://" in path or path.startswith(("/", "mailto:")) or not path.endswith(".md"):
            return match.group(0)
        if posixpath.normpath(posixpath.join(from_dir, path)) != old_rel:
            return match.group(0)
        new_path = path[: -len(posixpath.basename(path))] + posixpath.basename(new_rel)
        return match.group(1) + new_path + sep + rest

    line = _INLINE_LINK_RE.sub(fix, line)
    return _REFERENCE_DEF_RE.sub(fix, line)


def _open_if_mentions(file: FsPath, needle: bytes) -> EditableDocument | None:
    """The file opened for body edits when its bytes mention the old file name (cheap pre-check)."""
    try:
        raw = read_regular(file)
    except OSError:
        return None
    if needle not in raw:
        return None
    try:
        return EditableDocument(file, raw, require_frontmatter=False)
    except EditError:  # not UTF-8: it holds no link this tool could rewrite safely
        return None


def _split_url(url: str) -> tuple[str, str, str]:
    for sep in ("#", "?"):
        if sep in url:
            path, rest = url.split(sep, 1)
            return path, sep, rest
    return url, "", ""


def _relative(file: FsPath, root: FsPath) -> str:
    return file.relative_to(root).as_posix() if file.is_relative_to(root) else file.as_posix()
