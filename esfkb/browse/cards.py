"""A document as a card: title, kind, key facts and its relations both ways, computed once for every face.

The card is plain data: the terminal (``esfkb show``, :func:`render_card`) and the site
(:mod:`esfkb.site.views.cards`) render the same object, so both name a relation alike. Labels are the
Dutch titles of the model fields and vocabulary values. A :class:`Reader` says what the card may tell:
the site passes its edition's audience, the terminal reads everything.
"""

from __future__ import annotations

import functools
import json
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

from esfkb.checks.schema_check import field_at
from esfkb.model.coded import Coded
from esfkb.model.vocabulary import Indicator, Vocabulary

if TYPE_CHECKING:
    from collections.abc import Callable

    from esfkb.base.knowledge_base import KnowledgeBase
    from esfkb.model.documents import Document
    from esfkb.model.frontmatter import Path
    from esfkb.model.kinds import Kind

MAX_FACT = 76
"""Longer free text is cut to one line of this many characters."""

OUTGOING = "Verwijst naar"
INCOMING = "Wordt vermeld door"
"""The headings of the two directions, in every face."""

BACKLINK_LABELS: dict[tuple[str, str], str] = {
    ("proeftuin", "matchmaker"): "Begeleide proeftuinen",
    ("proeftuin", "deelnemers"): "Neemt deel aan",
    ("businessmodel", "proeftuinen"): "Businessmodellen getest in deze proeftuin",
    ("businessmodel", "auteurs"): "Auteur van businessmodellen",
    ("draaiboek", "businessmodel"): "Draaiboeken die dit model uitvoeren",
    ("draaiboek", "proeftuinen"): "Draaiboeken gebruikt in deze proeftuin",
    ("draaiboek", "auteurs"): "Auteur van draaiboeken",
}
"""How a backlink group reads on the target's card, by (source kind, source field)."""


def _everything(_document: Document) -> bool:
    return True


def _every_field(_model: type, _name: str) -> bool:
    return True


def _unnamed(_document: Document) -> str:
    return ""


@dataclass(frozen=True, slots=True)
class Reader:
    """Who reads the card: the documents they may know by name, the fields they may see, and how a document they
    may not know by name reads instead (the site's audience; the terminal's reader knows everything)."""

    publishes: Callable[[Document], bool] = _everything
    shows_field: Callable[[type, str], bool] = _every_field
    anonymous: Callable[[Document], str] = _unnamed


@dataclass(frozen=True, slots=True)
class Relation:
    """One related document as the card lists it.

    ``missing``: no document of the asked kind has this id. ``hidden``: the reader may not know it by name, so it
    carries no id, only how it reads (``title``).
    """

    id: str
    title: str
    kind: str
    kind_label: str = ""
    status: str = ""
    """The Dutch label of the document's status, where the reader may see it."""
    detail: str = ""
    missing: bool = False
    hidden: bool = False


@dataclass(frozen=True, slots=True)
class RelationGroup:
    """Relations through one field (outgoing) or from one kind and field (incoming)."""

    label: str
    field: str
    relations: tuple[Relation, ...]


@dataclass(frozen=True, slots=True)
class Card:
    """A document's card: what ``esfkb show`` prints and what the site's card and relations show."""

    id: str
    kind: str
    kind_label: str
    title: str
    path: str
    valid: bool
    facts: tuple[tuple[str, str], ...]
    """The key facts as text (label, value), as ``esfkb show`` prints them; none where they were not asked for."""
    outgoing: tuple[RelationGroup, ...]
    incoming: tuple[RelationGroup, ...]

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        data = asdict(self)
        data["facts"] = [{"label": label, "value": value} for label, value in self.facts]
        return data


def build_card(kb: KnowledgeBase, document: Document, reader: Reader = Reader(), *, with_facts: bool = True) -> Card:
    """The card of ``document`` with relations resolved against ``kb``, as ``reader`` may read it.

    ``with_facts=False``: without the facts as text, for a face that shows the fields itself (the site's card links
    each value to its page): the site's 1,000 cards then take 0.14 s instead of 0.21.
    """
    facts: list[tuple[str, str]] = []
    if with_facts:
        model = document.kind.model
        reference_keys = {ref.path[0] for ref in document.kind.references}
        for key, value in document.data.items():
            if key in reference_keys or key == document.kind.title_field:
                continue
            typed = getattr(document.model, key, None) if document.model is not None else None
            facts.extend(_facts(model, (key,), value, typed))
    return Card(
        id=document.id, kind=document.kind.name, kind_label=document.kind.label, title=document.title,
        path=document.rel_path, valid=document.valid, facts=tuple(facts),
        outgoing=tuple(_outgoing(kb, document, reader)), incoming=tuple(_incoming(kb, document, reader)),
    )


def fact_label(model: type, path: Path) -> str:
    """A fact's Dutch label: the titles of the fields along ``path`` (Win-win › Sociale partner)."""
    return " › ".join(_label(model, path[:depth]) for depth in range(1, len(path) + 1))


@functools.cache  # a field's title is the model's: looked up once per model and path, not once per document
def _label(model: Any, path: Path) -> str:
    info = field_at(model, path)[1]
    return info.title if info is not None and info.title else str(path[-1])


def _facts(model: Any, path: Path, value: Any, typed: Any = None) -> list[tuple[str, str]]:
    """The facts of ``value`` as written, shown through ``typed``, its validated counterpart where there is one
    (so a vocabulary value reads as its Dutch label, as on the site)."""
    label = fact_label(model, path)
    if isinstance(value, dict):
        nested: list[tuple[str, str]] = []
        for key, item in value.items():
            sub = getattr(typed, key, None) if typed is not None else None
            nested.extend(_facts(model, (*path, key), item, sub))
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
    which is how reports and playbooks name it (the site writes both), a NACE code or licence by its name."""
    if isinstance(value, Indicator):
        return value.value
    if isinstance(value, Vocabulary):
        return value.label or value.value
    if isinstance(value, Coded):
        return value.label
    return str(value).lower() if isinstance(value, bool) else str(value)


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= MAX_FACT else text[: MAX_FACT - 1].rstrip() + "…"


def _outgoing(kb: KnowledgeBase, document: Document, reader: Reader) -> list[RelationGroup]:
    """What the document names, per field in the order of its model, each field's references in path order."""
    groups: dict[str, list[tuple[Path, Relation]]] = {}
    for link in kb.links_from(document.id):
        target = kb.resolved(link)
        detail = _detail(document, link.path)
        if target is None:
            relation = Relation(link.target, "", link.target_kind, detail=detail, missing=True)
        elif not reader.publishes(target):
            relation = Relation("", reader.anonymous(target), target.kind.name, detail=detail, hidden=True)
        else:
            relation = _relation(target, reader, detail)
        groups.setdefault(link.field, []).append((link.path, relation))
    order = list(document.kind.model.model_fields)
    return [RelationGroup(_label(document.kind.model, (key,)), key,
                          tuple(relation for _, relation in sorted(groups[key], key=lambda pair: pair[0])))
            for key in sorted(groups, key=lambda k: order.index(k) if k in order else len(order))]


def _incoming(kb: KnowledgeBase, document: Document, reader: Reader) -> list[RelationGroup]:
    """What names the document, per kind and field of the source, sources by id; the reader sees only the sources
    they may know by name, and only those without errors."""
    groups: dict[tuple[str, str], dict[str, Relation]] = {}
    for link in kb.links_to(document.id):
        source = kb.documents[link.source]
        if kb.resolved(link) is not document or not source.valid or not reader.publishes(source):
            continue
        groups.setdefault((source.kind.name, link.field), {})[source.id] = _relation(source, reader)
    return [RelationGroup(_backlink_label(kb.kinds.by_name[kind_name], key), key,
                          tuple(sorted(relations.values(), key=lambda r: r.id)))
            for (kind_name, key), relations in sorted(groups.items())]


def _backlink_label(source_kind: Kind, field: str) -> str:
    """How a backlink group reads on the target's card, with a generic fallback for third-party kinds."""
    generic = f"{source_kind.plural} ({_label(source_kind.model, (field,)).lower()})"
    return BACKLINK_LABELS.get((source_kind.name, field), generic)


def _relation(target: Document, reader: Reader, detail: str = "") -> Relation:
    status = getattr(target.model, "status", None)
    shown = isinstance(status, Vocabulary) and reader.shows_field(type(target.model), "status")
    return Relation(target.id, target.title, target.kind.name, target.kind.label, _text(status) if shown else "",
                    detail)


def _detail(document: Document, path: Path) -> str:
    """The other values of the entry a reference sits in (a participant's rol and engagement), as labels."""
    if len(path) < 3:
        return ""
    entry: Any = document.data if document.model is None else document.model
    for key in path[:-1]:
        entry = entry[key] if isinstance(key, int) or isinstance(entry, dict) else getattr(entry, key)
    items = entry.items() if isinstance(entry, dict) else iter(entry)
    values = [_text(value).lower() if isinstance(value, Vocabulary) else value
              for key, value in items if key != path[-1] and isinstance(value, str)]
    return ", ".join(values)


def render_card(card: Card) -> str:
    """The card as plain text for a terminal: facts aligned, then the relations aligned."""
    lines = [card.title, f"{card.kind_label} · {card.id} · {card.path}"]
    if not card.valid:
        lines.append(f"! this document has errors: esfkb validate {card.path}")
    width = max((len(label) for label, _ in card.facts), default=0)
    lines.append("")
    lines.extend(f"  {label:<{width}}  {value}" for label, value in card.facts)
    groups = (*card.outgoing, *card.incoming)
    width = max((len(g.label) for g in groups), default=0)
    id_width = max((len(r.id) for g in groups for r in g.relations), default=0)
    for heading, section in ((OUTGOING, card.outgoing), (INCOMING, card.incoming)):
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


def card_json(card: Card) -> str:
    """The card as JSON, for scripts (``esfkb show --format json``)."""
    return json.dumps(card.as_dict(), ensure_ascii=False, indent=2) + "\n"


FORMATS: dict[str, Callable[[Card], str]] = {"text": render_card, "json": card_json}
"""How ``esfkb show`` prints a card, by ``--format``."""
