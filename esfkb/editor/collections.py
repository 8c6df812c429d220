"""One Decap CMS collection per kind: its folder under docs_dir, its fields from the model, the body as Markdown."""

from __future__ import annotations

import inspect
from typing import TYPE_CHECKING, Any

from esfkb.editor.fields import model_fields

if TYPE_CHECKING:
    from esfkb.model.kinds import Kind, KindRegistry

BODY_FIELD: dict[str, Any] = {
    "label": "Tekst",
    "name": "body",
    "widget": "markdown",
    "hint": "De tekst van de pagina, in Markdown: koppen met #, lijsten met -, tabellen met |.",
    "required": False,
    # Raw Markdown only: the rich-text editor rewrites what it does not model (tables, admonitions,
    # attribute lists) as soon as a page is opened, and editing must keep the body's bytes.
    "modes": ["raw"],
}
"""The body under the frontmatter."""

SLUG: dict[str, Any] = {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"}
"""How a new document's file name (its id) is made from its title: lowercase ASCII words joined by hyphens."""


def title_field(kind: Kind) -> str:
    """The field that names a document of ``kind``: what a relation shows and a new file name is made from."""
    names = list(kind.model.model_fields)
    return kind.title_field if kind.title_field in names else names[0]


def collection(kind: Kind, docs_folder: str, kinds: KindRegistry) -> dict[str, Any]:
    """The collection of ``kind``: the folder ``docs_folder/<kind folder>``, one Markdown file per document.

    A new document's file name is its id, made from its title (``identifier_field``) as :data:`SLUG` says;
    the form has no preview pane, the site (``mkdocs serve``) is the preview.
    """
    title = title_field(kind)
    description = inspect.getdoc(kind.model) or ""
    return {
        "name": kind.name,
        "label": kind.plural,
        "label_singular": kind.label,
        **({"description": description.splitlines()[0]} if description else {}),
        "folder": f"{docs_folder}/{kind.folder}" if docs_folder else kind.folder,
        "create": True,
        "extension": "md",
        "format": "yaml-frontmatter",
        "identifier_field": title,
        "slug": "{{slug}}",
        "summary": f"{{{{{title}}}}}",
        "editor": {"preview": False},
        "fields": [*model_fields(kind.model, lambda name: title_field(kinds.by_name[name]), title_field=title),
                   BODY_FIELD],
    }


def collections(kinds: KindRegistry, docs_folder: str) -> list[dict[str, Any]]:
    """A collection for every registered kind, third parties' included, by kind name."""
    return [collection(kind, docs_folder, kinds) for kind in kinds.kinds]
