"""Walk a project's docs_dir, parse every Markdown file once and validate it against its kind."""

from __future__ import annotations

from pathlib import Path as FsPath
from typing import TYPE_CHECKING

from esfkb.authoring.journal import interrupted_rename
from esfkb.base.docs_files import DocsFiles, read_regular, scan_docs
from esfkb.checks.diagnostics import Diagnostic
from esfkb.checks.schema_check import check_frontmatter, instruction_problems
from esfkb.i18n import _
from esfkb.model.documents import Document, Page
from esfkb.model.fields import id_problem, suggest_id
from esfkb.model.frontmatter import ParsedFile, ParseProblem, Position, parse_document, too_large

if TYPE_CHECKING:
    from pydantic import BaseModel

    from esfkb.config import Project
    from esfkb.model.kinds import Kind, KindRegistry


class ParseCache:
    """Keeps each file's parse and validation while its size and mtime stay the same.

    ``mkdocs serve`` rebuilds on every save; with a cache only the changed files are re-read.
    """

    def __init__(self) -> None:
        self._entries: dict[FsPath, tuple[tuple[int, int], ParsedFile, BaseModel | None, list]] = {}

    def get(self, file: FsPath, stamp: tuple[int, int]) -> tuple[ParsedFile, BaseModel | None, list] | None:
        entry = self._entries.get(file)
        if entry is None or entry[0] != stamp:
            return None
        return entry[1], entry[2], entry[3]

    def put(self, file: FsPath, stamp: tuple[int, int], parsed: ParsedFile, model: BaseModel | None,
            problems: list) -> None:
        self._entries[file] = (stamp, parsed, model, problems)

    def retain(self, files: set[FsPath]) -> None:
        """Forget files that no longer exist."""
        for file in set(self._entries) - files:
            del self._entries[file]


def load_documents(
    project: Project, kinds: KindRegistry, cache: ParseCache | None = None
) -> tuple[list[Document], list[Page], DocsFiles, list[Diagnostic]]:
    """Parse and validate every Markdown file (:func:`esfkb.base.docs_files.scan_docs` finds them, following no
    link); documents sorted by path; what else the docs folder holds; problems as diagnostics."""
    documents: list[Document] = []
    pages: list[Page] = []
    seen: set[FsPath] = set()
    prefix = project.docs_dir.relative_to(project.root).as_posix() + "/" \
        if project.docs_dir.is_relative_to(project.root) else project.docs_dir.as_posix() + "/"
    docs = scan_docs(project.docs_dir, project.root, prefix)
    problems: list[Diagnostic] = list(docs.problems)
    interrupted = interrupted_rename(project.root)
    if interrupted is not None:
        problems.append(interrupted)
    for rel, file in docs.markdown:
        seen.add(file)
        project_rel = prefix + rel
        folder = rel.split("/", 1)[0] if "/" in rel else ""
        kind = kinds.by_folder.get(folder)
        if kind is None:
            pages.append(_read_page(file, rel, project_rel, project.settings.max_file_size))
            continue
        document, found = _load_document(kind, file, project_rel, project.settings.max_file_size, cache)
        documents.append(document)
        problems.extend(found)
    if cache is not None:
        cache.retain(seen)
    return documents, pages, docs, problems


def _read_page(file: FsPath, rel: str, project_rel: str, max_size: int) -> Page:
    try:
        raw = read_regular(file)
    except OSError:
        raw = b""
    text = raw[:max_size].decode("utf-8", errors="replace")
    return Page(rel_path=rel, file=file, text=text, project_path=project_rel)


def _load_document(
    kind: Kind, file: FsPath, rel: str, max_size: int, cache: ParseCache | None
) -> tuple[Document, list[Diagnostic]]:
    stat = file.lstat()
    stamp = (stat.st_mtime_ns, stat.st_size)
    cached = cache.get(file, stamp) if cache is not None else None
    if cached is not None:
        parsed, model, problems = cached
    else:
        if stat.st_size > max_size:
            parsed = ParsedFile(problems=[too_large(stat.st_size, max_size)])
        else:
            try:
                parsed = parse_document(read_regular(file), max_size=max_size)
            except OSError as error:
                parsed = ParsedFile(problems=[ParseProblem(
                    "ESF012", Position(1, 1),
                    _("cannot read the file: {error}; check its permissions").format(error=error.strerror),
                )])
        problems = [Diagnostic(rel, p.position.line, p.position.column, p.code, p.message)
                    for p in parsed.problems]
        model = None
        # A duplicate key leaves a complete mapping (the first value kept); other parse problems
        # leave holes that would only cause follow-up schema errors.
        if parsed.data is not None and all(p.code == "ESF004" for p in parsed.problems):
            model, found = check_frontmatter(kind.model, parsed)
            problems.extend(Diagnostic(rel, pos.line, pos.column, code, message) for code, pos, message in found)
        problems.extend(Diagnostic(rel, pos.line, pos.column, code, message)
                        for code, pos, message in instruction_problems(parsed))
        if cache is not None:
            cache.put(file, stamp, parsed, model, problems)
    stem = file.name[:-3]
    problem = id_problem(stem)
    if problem is not None:
        problems = [*problems, Diagnostic(
            rel, 1, 1, "ESF011", _("file name '{name}' is not a valid id: {problem}, e.g. '{suggestion}.md'").format(
                name=file.name, problem=problem, suggestion=suggest_id(stem)),
        )]
    return Document(stem, kind, file, rel, parsed, model), problems

