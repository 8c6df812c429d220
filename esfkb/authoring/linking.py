"""Link and unlink documents: the kinds decide the field, the edit keeps every other byte.

Which field a SOURCE→TARGET pair goes into is derived from ``Kind.references`` (themselves
derived from the models), so a kind added by a plugin links without a table to maintain. Three
shapes of reference field are edited: a single id (``businessmodel``), a list of ids
(``proeftuinen``) and a list of entries holding the id (``deelnemers[].registratie``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from esfkb.authoring.editing import EditableDocument, is_placeholder
from esfkb.authoring.journal import prepare_edit
from esfkb.checks.schema_check import field_at
from esfkb.errors import RequestError
from esfkb.i18n import _
from esfkb.model.vocabulary import Vocabulary
from esfkb.request import check_choice, unknown_document

if TYPE_CHECKING:
    from collections.abc import Mapping
    from pathlib import Path as FsPath

    from esfkb.base.knowledge_base import KnowledgeBase
    from esfkb.model.documents import Document
    from esfkb.model.kinds import Kind, ReferenceField

ENTRY_DEFAULTS: dict[str, str] = {"rol": "partner", "engagement": "interesse"}
"""Values for the other required keys of a new entry (a participant) when none is given."""


@dataclass(frozen=True, slots=True)
class LinkField:
    """A reference field of a kind, seen as something to edit."""

    reference: ReferenceField

    @property
    def key(self) -> str:
        """The top-level key that holds the references."""
        return self.reference.path[0]

    @property
    def shape(self) -> str:
        """'single' (one id), 'list' (list of ids) or 'entries' (list of mappings holding the id)."""
        path = self.reference.path
        if len(path) == 1:
            return "list" if self.reference.many else "single"
        if len(path) == 3 and path[1] == "*" and not self.reference.many:
            return "entries"
        return "unsupported"

    @property
    def entry_key(self) -> str:
        """The key inside an entry that holds the id (``registratie``)."""
        return self.reference.path[-1]


@dataclass(frozen=True, slots=True)
class LinkOutcome:
    """What a link or unlink did to the source file."""

    source: str
    target: str
    field: str
    action: str
    """added, filled (a placeholder), set, replaced, updated, unchanged, removed or absent."""
    file: FsPath

    @property
    def changed(self) -> bool:
        """Whether the file was written."""
        return self.action not in ("unchanged", "absent")


def link_fields(source: Kind, target_kind: str) -> list[LinkField]:
    """The fields of ``source`` that hold references to ``target_kind``."""
    return [LinkField(ref) for ref in source.references if ref.target == target_kind]


def link(
    kb: KnowledgeBase, source_id: str, target_id: str, *,
    field: str | None = None, entry: Mapping[str, str] | None = None,
) -> LinkOutcome:
    """Write a reference to ``target_id`` into ``source_id``; linking twice changes nothing."""
    prepare_edit(kb)
    source = _document(kb, source_id, "SOURCE")
    target = _document(kb, target_id, "TARGET")
    if source.id == target.id:
        raise RequestError(_("'{id}' cannot link to itself").format(id=source.id))
    chosen = _choose_field(kb, source, target, field)
    extras = _entry_values(source.kind, chosen, dict(entry or {}))
    doc = EditableDocument.read(source.file)
    order = list(source.kind.model.model_fields)
    key = chosen.key
    current = doc.get((key,))
    if chosen.shape == "single":
        action = "unchanged" if current == target.id else (
            "set" if current in (None, "") else "filled" if is_placeholder(current) else "replaced")
        doc.set_scalar((key,), target.id, order=order)
    elif chosen.shape == "list":
        items = current if isinstance(current, list) else []
        placeholder = next((i for i, item in enumerate(items) if is_placeholder(item)), None)
        if target.id in items:
            action = "unchanged"
        elif placeholder is not None:
            action = "filled"
            doc.set_scalar((key, placeholder), target.id)
        else:
            action = "added"
            doc.add_item((key,), target.id, order=order)
    else:
        action = _link_entry(doc, chosen, target.id, extras=extras, explicit=set(entry or {}), order=order)
    doc.save()
    return LinkOutcome(source.id, target.id, key, action, source.file)


def unlink(kb: KnowledgeBase, source_id: str, target_id: str, *, field: str | None = None) -> LinkOutcome:
    """Remove every reference to ``target_id`` from ``source_id`` (the target may be gone already)."""
    prepare_edit(kb)
    source = _document(kb, source_id, "SOURCE")
    target = kb.get(target_id)
    doc = EditableDocument.read(source.file)
    if target is not None:
        candidates = [_choose_field(kb, source, target, field)]
    else:
        candidates = [LinkField(ref) for ref in source.kind.references
                      if field in (None, ref.path[0]) and target_id in _ids_in(doc, LinkField(ref))]
    for chosen in candidates:
        positions = [i for i, value in enumerate(_ids_in(doc, chosen)) if value == target_id]
        if not positions:
            continue
        key = chosen.key
        info = source.kind.model.model_fields.get(key)
        required = info is not None and info.is_required()
        if chosen.shape == "single":
            if required:
                raise RequestError(_("'{key}' is required in a {kind}: link another {target} instead, "
                                     "that replaces '{id}'").format(
                    key=key, kind=source.kind.name, target=chosen.reference.target, id=target_id))
            doc.delete_key((key,))
        else:
            if required and len(positions) == len(doc.get((key,)) or []):
                raise RequestError(_("'{key}' needs at least one {target}: link another one first, "
                                     "then unlink '{id}'").format(
                                         key=key, target=chosen.reference.target, id=target_id))
            for index in reversed(positions):
                doc.remove_item((key,), index)
        doc.save()
        return LinkOutcome(source.id, target_id, key, "removed", source.file)
    key = candidates[0].key if candidates else (field or "-")
    return LinkOutcome(source.id, target_id, key, "absent", source.file)


def _link_entry(
    doc: EditableDocument, chosen: LinkField, target: str, *,
    extras: dict[str, str], explicit: set[str], order: list[str],
) -> str:
    """Add an entry for ``target``, fill a placeholder entry, or update the given keys of its entry."""
    key, sub = chosen.key, chosen.entry_key
    current = doc.get((key,))
    entries = current if isinstance(current, list) else []
    for index, item in enumerate(entries):
        if isinstance(item, dict) and item.get(sub) == target:
            changed = False
            for name in sorted(explicit):
                if item.get(name) != extras[name]:
                    changed |= doc.set_scalar((key, index, name), extras[name], order=[sub, *extras])
            return "updated" if changed else "unchanged"
    for index, item in enumerate(entries):
        if isinstance(item, dict) and is_placeholder(item.get(sub)):
            for name, value in {sub: target, **extras}.items():
                doc.set_scalar((key, index, name), value, order=[sub, *extras])
            return "filled"
    doc.add_item((key,), {sub: target, **extras}, order=order)
    return "added"


def _ids_in(doc: EditableDocument, chosen: LinkField) -> list[Any]:
    """The ids currently in a field, one per list position (None where an entry has none)."""
    value = doc.get((chosen.key,))
    if chosen.shape == "single":
        return [value] if value is not None else []
    if not isinstance(value, list):
        return []
    if chosen.shape == "entries":
        return [item.get(chosen.entry_key) if isinstance(item, dict) else None for item in value]
    return value


def _document(kb: KnowledgeBase, doc_id: str, role: str) -> Document:
    document = kb.get(doc_id)
    if document is None:
        raise unknown_document(kb, doc_id, role)
    return document


def _choose_field(kb: KnowledgeBase, source: Document, target: Document, field: str | None) -> LinkField:
    fields = [f for f in link_fields(source.kind, target.kind.name) if field in (None, f.key)]
    if not fields:
        raise RequestError(_impossible(kb, source, target, field))
    if len(fields) > 1:
        raise RequestError(_("a {kind} can link to a {target} in {fields}: choose one with --field").format(
            kind=source.kind.name, target=target.kind.name, fields=", ".join(f.key for f in fields)))
    if fields[0].shape == "unsupported":
        raise RequestError(_("'{field}' cannot be edited by link: edit it by hand").format(
            field=".".join(fields[0].reference.path)))
    return fields[0]


def _impossible(kb: KnowledgeBase, source: Document, target: Document, field: str | None) -> str:
    """Why the pair cannot be linked, what SOURCE can link to, and the reverse when it works."""
    kind = source.kind.name
    message = (_("a {kind} cannot link to a {target} in '{field}'") if field
               else _("a {kind} cannot link to a {target}")).format(kind=kind, target=target.kind.name, field=field)
    options = sorted({_("{target} (in '{field}')").format(target=ref.target, field=ref.path[0])
                      for ref in source.kind.references})
    if options:
        message += _("; a {kind} links to: {targets}").format(kind=kind, targets=", ".join(options))
    else:
        message += _("; a {kind} holds no links itself").format(kind=kind)
    if not field and link_fields(target.kind, source.kind.name):
        message += _("; the other direction works: esfkb link {target} {source}").format(
            target=target.id, source=source.id)
    return message


def _entry_values(source: Kind, chosen: LinkField, given: dict[str, str]) -> dict[str, str]:
    """The other keys of a new entry: given values, checked against their vocabulary, or defaults."""
    if chosen.shape != "entries":
        if given:
            names = ", ".join(f"--{name}" for name in sorted(given))
            raise RequestError(_("{options} only apply when a link creates an entry (e.g. a proeftuin's "
                                 "deelnemers)").format(options=names))
        return {}
    item_model = field_at(source.model, (chosen.key, 0))[2]
    fields = getattr(item_model, "model_fields", {})
    values: dict[str, str] = {}
    for name, info in fields.items():
        if name == chosen.entry_key or not info.is_required():
            continue
        value = given.pop(name, None) or ENTRY_DEFAULTS.get(name)
        if value is None:
            raise RequestError(_("a new entry in '{field}' needs a value for '{key}'").format(
                field=chosen.key, key=name))
        annotation = field_at(item_model, (name,))[2]
        if isinstance(annotation, type) and issubclass(annotation, Vocabulary):
            check_choice(annotation, value)
        values[name] = value
    if given:
        raise RequestError(_("'{field}' entries have no key {keys}").format(
            field=chosen.key, keys=", ".join(sorted(given))))
    return values
