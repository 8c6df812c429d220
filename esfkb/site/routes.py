"""Where the generated pages and files live (docs-relative paths), in one place.

Renderers link to these and the plan creates them; neither hard-codes a path of its own.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from esfkb.model.vocabulary import Samenwerkingsvorm, Vocabulary, WinwinNiveau
from esfkb.site.urls import slug

if TYPE_CHECKING:
    from esfkb.model.kinds import Kind

DASHBOARD = "dashboard.md"
GLOSSARY = "woordenlijst.md"
CATALOG = "api/catalog.json"
LIBRARY = "bibliotheek/index.md"
"""The library: full-text and faceted search over everything the edition publishes."""
ACCESSIBILITY = "toegankelijkheid.md"
"""The accessibility statement, linked from every page's footer."""
SEARCH_INDEX = "pagefind"
"""The folder of the search index (Pagefind's bundle), relative to the site root."""

VOCABULARY_FOLDERS: dict[type[Vocabulary], str] = {
    Samenwerkingsvorm: "samenwerkingsvormen",
    WinwinNiveau: "winwin",
}
"""Vocabularies that get a page per value, and the folder of those pages."""


def overview(kind: Kind) -> str:
    """The overview page of a kind, at the index of its folder."""
    return f"{kind.folder}/index.md"


def vocabulary_index(vocabulary: type[Vocabulary]) -> str | None:
    """The index page of a vocabulary that has pages per value."""
    folder = VOCABULARY_FOLDERS.get(vocabulary)
    return f"{folder}/index.md" if folder else None


def vocabulary_value(value: Vocabulary) -> str | None:
    """The page of one vocabulary value, when its vocabulary has pages."""
    folder = VOCABULARY_FOLDERS.get(type(value))
    return f"{folder}/{slug(value.value)}.md" if folder else None


def glossary_anchor(value: Vocabulary) -> str:
    """The anchor of a value in the glossary."""
    return f"{type(value).__name__.lower()}-{slug(value.value)}"


def api_kind(kind: Kind) -> str:
    """The API file with every public record of a kind."""
    return f"api/{kind.name}.json"


def schema(kind: Kind) -> str:
    """Where the JSON Schema of a kind is served."""
    return f"schemas/{kind.name}.schema.json"
