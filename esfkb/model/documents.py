"""What the loader produces: documents of a kind, ordinary pages, and load problems."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pathlib import Path as FsPath

    from pydantic import BaseModel

    from esfkb.model.frontmatter import ParsedFile, Path, Position
    from esfkb.model.kinds import Kind


@dataclass(eq=False, slots=True)
class Document:
    """One document of a kind: its id (the file stem), parse result and validated model.

    ``model`` is None when the frontmatter failed the schema; ``parsed.data`` is then still
    available, so references can be resolved and other rules can report what they can.
    """

    id: str
    kind: Kind
    file: FsPath
    rel_path: str
    parsed: ParsedFile
    model: BaseModel | None

    @property
    def data(self) -> dict[str, Any]:
        """The raw frontmatter mapping (empty when unreadable)."""
        return self.parsed.data or {}

    @property
    def title(self) -> str:
        """The document's title (or name), falling back to its id."""
        value = self.data.get(self.kind.title_field)
        return value if isinstance(value, str) and value.strip() else self.id

    @property
    def valid(self) -> bool:
        """Whether the frontmatter passed the schema of its kind."""
        return self.model is not None

    def position(self, path: Path) -> Position:
        """Where ``path`` stands in the file (the key an author must edit)."""
        return self.parsed.position_of(path)


@dataclass(eq=False, slots=True)
class Page:
    """An ordinary Markdown page outside the kind folders (home, guides)."""

    rel_path: str
    """Relative to docs_dir: the page's source URI on the site."""
    file: FsPath
    text: str
    project_path: str
    """Relative to the project root, as diagnostics name it (like a document's ``rel_path``)."""
