"""Templates for new documents, generated from the kind's model.

A template holds every required key. What the author must still decide is a placeholder starting
with ``TODO``, which validation reports (ESF111), so an unfilled template never passes CI. Keys
that take a vocabulary value list the choices in a comment; references say which kind of id
they take. Below the frontmatter comes a Dutch skeleton of the sections readers expect.
"""

from __future__ import annotations

import typing
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from esfkb.authoring.editing import create_exclusive, yaml_scalar
from esfkb.authoring.journal import prepare_edit
from esfkb.authoring.skeletons import BODIES, DEFAULT_BODY, instruction
from esfkb.checks.schema_check import PLACEHOLDER_PREFIX, field_at, find_placeholders, format_path
from esfkb.errors import EditError, RequestError
from esfkb.i18n import _
from esfkb.model.fields import SEMVER_PATTERN
from esfkb.model.frontmatter import parse_document
from esfkb.model.vocabulary import Vocabulary
from esfkb.request import check_choice, check_id_format

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence
    from pathlib import Path as FsPath

    from pydantic.fields import FieldInfo

    from esfkb.base.knowledge_base import KnowledgeBase
    from esfkb.model.frontmatter import Path
    from esfkb.model.kinds import Kind

FIRST_VERSION = "0.1.0"
"""A new model or playbook is a concept, below 1.0.0."""

@dataclass(frozen=True, slots=True)
class NewDocument:
    """A document written by :func:`create`."""

    file: FsPath
    placeholders: tuple[str, ...]
    """Where the author still has to fill in a value, as ``fasen[0].fase``."""


def render_template(kind: Kind, values: Mapping[str, str | Sequence[str]] | None = None) -> str:
    """The text of a new document of ``kind``; ``values`` fill top-level keys instead of placeholders."""
    values = values or {}
    lines = ["---"]
    skipped: list[str] = []
    for name, info in kind.model.model_fields.items():
        if name in values:
            lines.extend(_given(name, values[name]))
        elif info.is_required() or info.default not in (None, [], {}):
            lines.extend(_field(kind, (name,), info, 0))
        else:
            skipped.append(name)
    if skipped:
        lines.append(f"# Optioneel: {', '.join(skipped)}")
    lines.append("---")
    title = values.get(kind.title_field)
    if isinstance(title, str):
        lines += ["", f"# {title}"]
    for heading, hint in BODIES.get(kind.name, DEFAULT_BODY):
        lines += ["", f"## {heading}", ""] if heading else [""]
        lines.append(instruction(hint))
    return "\n".join(lines) + "\n"


def prepare_values(kb: KnowledgeBase, kind: Kind, given: Mapping[str, Sequence[str]]) -> dict[str, Any]:
    """Check values given on the command line: known top-level keys, vocabulary choices, existing ids."""
    prepared: dict[str, Any] = {}
    for name, items in given.items():
        info = kind.model.model_fields.get(name)
        if info is None:
            raise RequestError(_("a {kind} has no key '{key}'; its keys: {keys}").format(
                kind=kind.name, key=name, keys=", ".join(kind.model.model_fields)))
        annotation = field_at(kind.model, (name,))[2]
        many = typing.get_origin(annotation) is list
        if not many and len(items) > 1:
            raise RequestError(_("'{key}' takes one value, got {count}").format(key=name, count=len(items)))
        item_type = field_at(kind.model, (name, 0))[2] if many else annotation
        if isinstance(item_type, type) and issubclass(item_type, BaseModel):
            raise RequestError(_("'{key}' holds nested keys: fill it in the file itself").format(key=name))
        target = _reference_target(kind, (name, 0) if many else (name,))
        for value in items:
            if isinstance(item_type, type) and issubclass(item_type, Vocabulary):
                check_choice(item_type, value)
            if target is not None:
                found = kb.get(value)
                if found is None or found.kind.name != target:
                    ids = ", ".join(d.id for d in kb.of_kind(target)[:8])
                    message = _("'{value}' is not the id of a {kind}; e.g. {ids}") if ids else _(
                        "'{value}' is not the id of a {kind}")
                    raise RequestError(message.format(value=value, kind=target, ids=ids))
        prepared[name] = list(items) if many else items[0]
    return prepared


def check_new_id(kb: KnowledgeBase, doc_id: str) -> None:
    """Refuse a malformed id (with a suggestion) or one that a document of any kind already has."""
    check_id_format(doc_id)
    taken = kb.get(doc_id)
    if taken is not None:
        raise EditError(_("id '{id}' is already used by {path}: choose another id").format(
            id=doc_id, path=taken.rel_path))


def create(
    kb: KnowledgeBase, kind: Kind, doc_id: str, values: Mapping[str, str | Sequence[str]] | None = None
) -> NewDocument:
    """Write ``<docs_dir>/<folder>/<doc_id>.md`` from the template; refuse a bad or taken id."""
    check_new_id(kb, doc_id)
    prepare_edit(kb)
    folder = kb.project.docs_dir / kind.folder
    file = folder / f"{doc_id}.md"
    text = render_template(kind, values)
    folder.mkdir(parents=True, exist_ok=True)
    try:
        create_exclusive(file, text.encode("utf-8"))
    except FileExistsError:
        raise EditError(_("{path} already exists: choose another id").format(path=file)) from None
    parsed = parse_document(text.encode("utf-8"))
    placeholders = tuple(format_path(p) for p in find_placeholders(parsed.data or {}))
    return NewDocument(file, placeholders)


def _given(name: str, value: str | Sequence[str]) -> list[str]:
    if isinstance(value, str):
        return [f"{name}: {yaml_scalar(value)}"]
    return [f"{name}:", *(f"  - {yaml_scalar(item)}" for item in value)]


def _field(kind: Kind, path: Path, info: FieldInfo | None, indent: int) -> list[str]:
    """Lines of one key with its placeholder value, nested keys and list items indented by two."""
    pad = " " * indent
    key = str(path[-1])
    annotation = field_at(kind.model, path)[2]
    if typing.get_origin(annotation) is list:
        item = field_at(kind.model, (*path, 0))[2]
        if isinstance(item, type) and issubclass(item, BaseModel):
            inner = _mapping(kind, (*path, 0), item, indent + 4)
            return [f"{pad}{key}:", f"{pad}  - {inner[0].lstrip()}", *inner[1:]]
        value, comment = _scalar(kind, (*path, 0), None, item)
        return [f"{pad}{key}:" + _comment(comment), f"{pad}  - {value}"]
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [f"{pad}{key}:", *_mapping(kind, path, annotation, indent + 2)]
    value, comment = _scalar(kind, path, info, annotation)
    return [f"{pad}{key}: {value}" + _comment(comment)]


def _mapping(kind: Kind, path: Path, model: type[BaseModel], indent: int) -> list[str]:
    lines: list[str] = []
    for name, info in model.model_fields.items():
        if info.is_required():
            lines.extend(_field(kind, (*path, name), info, indent))
    return lines


def _scalar(kind: Kind, path: Path, info: FieldInfo | None, annotation: Any) -> tuple[str, str]:
    """The placeholder (or sensible first value) of a scalar and the comment that helps fill it in."""
    if isinstance(annotation, type) and issubclass(annotation, Vocabulary):
        choices = "keuze: " + " | ".join(m.value for m in annotation)
        first = next(iter(annotation)).value
        return (first if path == ("status",) else PLACEHOLDER_PREFIX), choices
    if info is not None and info.default not in (None, [], {}) and not info.is_required():
        return yaml_scalar(str(info.default)), ""
    if info is not None and (info.json_schema_extra or {}).get("pattern") == SEMVER_PATTERN:  # type: ignore[union-attr]
        return yaml_scalar(FIRST_VERSION, '"'), "semantische versie; 1.0.0 of hoger bij publicatie"
    target = _reference_target(kind, path)
    if target is not None:
        return PLACEHOLDER_PREFIX, f"id van een {target} (esfkb list {target})"
    if annotation is date:
        return PLACEHOLDER_PREFIX, "JJJJ-MM-DD"
    description = (info.description or "").rstrip(".") if info is not None else ""
    text = f"{PLACEHOLDER_PREFIX}: {description[:1].lower()}{description[1:]}" if description else PLACEHOLDER_PREFIX
    return yaml_scalar(text), ""


def _comment(comment: str) -> str:
    return f"  # {comment}" if comment else ""


def _reference_target(kind: Kind, path: Path) -> str | None:
    """The kind a reference at ``path`` points to (list indexes match '*' or a many-reference)."""
    shape = tuple("*" if isinstance(p, int) else p for p in path)
    for ref in kind.references:
        if ref.path == shape or (ref.many and shape[-1:] == ("*",) and ref.path == shape[:-1]):
            return ref.target
    return None
