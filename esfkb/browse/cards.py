"""A document as a card: title, kind, key facts and its relations both ways.

The card is plain data, so the terminal (``esfkb show``) and any other face render the same
facts; labels are the Dutch titles of the model fields.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

from esfkb.checks.schema_check import field_at
from esfkb.model.vocabulary import Indicator, Vocabulary

if TYPE_CHECKING:
    from esfkb.base.knowledge_base import KnowledgeBase
    from esfkb.model.documents import Document
    from esfkb.model.frontmatter import Path

MAX_FACT = 76
"""Longer free text is cut to one line of this many characters."""


@dataclass(frozen=True, slots=True)
class Relation:
    """One related document as the card lists it."""

    id: str
    title: str
    kind: str
    detail: str = ""
    missing: bool = False


@dataclass(frozen=True, slots=True)
class RelationGroup:
    """Relations through one field (outgoing) or from one kind and field (incoming)."""

    label: str
    field: str
    relations: tuple[Relation, ...]


@dataclass(frozen=True, slots=True)
class Card:
    """What ``esfkb show`` prints."""

    id: str
    kind: str
    kind_label: str
    title: str
    path: str
    valid: bool
    facts: tuple[tuple[str, str], ...]
    outgoing: tuple[RelationGroup, ...]
    incoming: tuple[RelationGroup, ...]

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        data = asdict(self)
        data["facts"] = [{"label": label, "value": value} for label, value in self.facts]
        return data


def build_card(kb: KnowledgeBase, document: Document) -> Card:
    """The card of ``document`` with relations resolved against ``kb``."""
    model = document.kind.model
    reference_keys = {ref.path[0] for ref in document.kind.references}
    facts: list[tuple[str, str]] = []
    for key, value in document.data.items():
        if key in reference_keys or key == document.kind.title_field:
            continue
        typed = getattr(document.model, key, None) if document.model is not None else None
        facts.extend(_facts(model, (key,), value, typed))
    return Card(
        id=document.id, kind=document.kind.name, kind_label=document.kind.label, title=document.title,
        path=document.rel_path, valid=document.valid, facts=tuple(facts),
        outgoing=tuple(_outgoing(kb, document)), incoming=tuple(_incoming(kb, document)),
    )


def _label(model: Any, path: Path) -> str:
    info = field_at(model, path)[1]
    return info.title if info is not None and info.title else str(path[-1])


def _facts(model: Any, path: Path, value: Any, typed: Any = None) -> list[tuple[str, str]]:
    """The facts of ``value`` as written, shown through ``typed``, its validated counterpart where there is one
    (so a vocabulary value reads as its Dutch label, as on the site)."""
    label = _label(model, path)
    if isinstance(value, dict):
        nested: list[tuple[str, str]] = []
        for key, item in value.items():
            sub = getattr(typed, key, None) if typed is not None else None
            nested.extend((f"{label} › {name}", text) for name, text in _facts(model, (*path, key), item, sub))
        return nested
    typed_items = typed if isinstance(typed, list) and isinstance(value, list) and len(typed) == len(value) else None
    if isinstance(value, list):
        if value and all(isinstance(item, dict) for item in value):
            firsts = [_text(_first(item, typed_items[index] if typed_items else None))
                      for index, item in enumerate(value) if item]
            return [(label, _short(", ".join(firsts)))]
        shown = typed_items or value
        return [(label, _short(", ".join(_text(item) for item in shown)))] if value else []
    return [(label, _short(_text(value if typed is None else typed)))] if value is not None else []


def _first(item: dict[str, Any], typed: Any) -> Any:
    """An entry's first value (a step's fase, a participant's registration), validated where it can be."""
    key, value = next(iter(item.items()))
    shown = getattr(typed, key, None) if typed is not None else None
    return value if shown is None else shown


def _text(value: Any) -> str:
    """A value as the card shows it: a vocabulary value by its Dutch label, an indicator by its code (DS-01),
    which is how reports and playbooks name it (the site writes both)."""
    if isinstance(value, Indicator):
        return value.value
    if isinstance(value, Vocabulary):
        return value.label or value.value
    return str(value).lower() if isinstance(value, bool) else str(value)


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= MAX_FACT else text[: MAX_FACT - 1].rstrip() + "…"


def _outgoing(kb: KnowledgeBase, document: Document) -> list[RelationGroup]:
    groups: dict[str, list[tuple[Path, Relation]]] = {}
    for link in kb.links_from(document.id):
        target = kb.resolved(link)
        detail = ""
        if len(link.path) > 2:  # an entry such as a participant: show its other short values
            entry = document.data.get(link.field, [])[link.path[1]]
            detail = ", ".join(str(v) for k, v in entry.items() if k != link.path[-1] and isinstance(v, str))
        groups.setdefault(link.field, []).append((link.path, Relation(
            link.target, target.title if target else "", link.target_kind, detail, target is None)))
    order = list(document.kind.model.model_fields)
    return [RelationGroup(_label(document.kind.model, (key,)), key,
                          tuple(relation for _, relation in sorted(groups[key], key=lambda pair: pair[0])))
            for key in sorted(groups, key=lambda k: order.index(k) if k in order else len(order))]


def _incoming(kb: KnowledgeBase, document: Document) -> list[RelationGroup]:
    groups: dict[tuple[str, str], dict[str, Relation]] = {}
    for link in kb.links_to(document.id):
        if link.target_kind != document.kind.name:
            continue
        source = kb.documents[link.source]
        groups.setdefault((source.kind.name, link.field), {})[source.id] = Relation(
            source.id, source.title, source.kind.name)
    result = []
    for (kind_name, key), relations in sorted(groups.items()):
        kind = kb.kinds.by_name[kind_name]
        result.append(RelationGroup(f"{kind.plural} ({key})", key, tuple(sorted(relations.values(),
                                                                                key=lambda r: r.id))))
    return result


def render_card(card: Card) -> str:
    """The card as aligned plain text for a terminal."""
    lines = [card.title, f"{card.kind_label} · {card.id} · {card.path}"]
    if not card.valid:
        lines.append(f"! this document has errors: esfkb validate {card.path}")
    rows = list(card.facts)
    width = max((len(label) for label, _ in rows), default=0)
    groups = (*card.outgoing, *card.incoming)
    width = max(width, *(len(g.label) for g in groups)) if groups else width
    id_width = max((len(r.id) for g in groups for r in g.relations), default=0)
    lines.append("")
    lines.extend(f"  {label:<{width}}  {value}" for label, value in rows)
    for heading, section in (("Verwijst naar", card.outgoing), ("Verwezen door", card.incoming)):
        lines += ["", heading]
        if not section:
            lines.append("  (geen)")
        for group in section:
            for index, relation in enumerate(group.relations):
                label = group.label if index == 0 else ""
                title = "(ontbreekt)" if relation.missing else relation.title
                extra = f" [{relation.detail}]" if relation.detail else ""
                lines.append(f"  {label:<{width}}  {relation.id:<{id_width}}  {title}{extra}".rstrip())
    return "\n".join(lines) + "\n"
