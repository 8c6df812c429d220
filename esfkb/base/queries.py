"""Select documents with ``key=value`` conditions on any field, nested, listed or derived.

A condition names a key with dots for nesting (``winwin.sociale_partner=bereik``,
``deelnemers.rol=trekker``); lists match when any item matches. Some useful facts are not
stored but derived, such as the province of a registration (from its postcode) or the
samenwerkingsvorm of a playbook (from its business model): they can be queried the same way.
``key~=text`` matches text case-insensitively anywhere in the value.
"""

from __future__ import annotations

import difflib
import typing
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from esfkb.checks.schema_check import field_at
from esfkb.errors import RequestError
from esfkb.i18n import _
from esfkb.model.fields import postcode_from_text, province_of
from esfkb.model.vocabulary import Provincie, Samenwerkingsvorm, Vocabulary
from esfkb.request import check_choice

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from esfkb.base.knowledge_base import KnowledgeBase
    from esfkb.model.documents import Document
    from esfkb.model.frontmatter import Path
    from esfkb.model.kinds import Kind


def _provincie(kb: KnowledgeBase, document: Document) -> list[str]:
    postcode = postcode_from_text(document.data.get("postcode"))
    return [province_of(postcode).value] if isinstance(postcode, int) and not isinstance(postcode, bool) else []


def _samenwerkingsvorm(kb: KnowledgeBase, document: Document) -> list[str]:
    model = kb.get(str(document.data.get("businessmodel")))
    value = model.data.get("samenwerkingsvorm") if model is not None else None
    return [value] if isinstance(value, str) else []


@dataclass(frozen=True, slots=True)
class Derived:
    """A fact computed from a document instead of stored in it."""

    compute: Callable[[KnowledgeBase, Document], list[str]]
    vocabulary: type[Vocabulary] | None


DERIVED: dict[str, dict[str, Derived]] = {
    "registratie": {"provincie": Derived(_provincie, Provincie)},
    "draaiboek": {"samenwerkingsvorm": Derived(_samenwerkingsvorm, Samenwerkingsvorm)},
}
"""Derived keys per kind name."""


SUMMARY_KEYS: dict[str, tuple[str, ...]] = {
    "registratie": ("economie", "provincie"),
    "matchmaker": ("werkingsgebied",),
    "proeftuin": ("provincies", "samenwerkingsvormen"),
    "businessmodel": ("samenwerkingsvorm", "maturiteit"),
    "draaiboek": ("businessmodel", "samenwerkingsvorm"),
}
"""The keys worth a column when listing a kind, besides id, title and status."""


@dataclass(frozen=True, slots=True)
class Condition:
    """One ``key=value`` (or ``key~=text``) filter."""

    key: str
    value: str
    contains: bool = False

    def __str__(self) -> str:
        return f"{self.key}{'~=' if self.contains else '='}{self.value}"


def parse_condition(text: str) -> Condition:
    """Read ``key=value`` or ``key~=text``; a RequestError explains the expected form."""
    key, sep, value = text.partition("=")
    contains = key.endswith("~")
    key = key.removesuffix("~").strip()
    if not sep or not key:
        raise RequestError(_("--where expects KEY=VALUE or KEY~=TEXT, got '{text}'").format(text=text))
    return Condition(key, value.strip(), contains)


def known_keys(kind: Kind) -> list[str]:
    """Every key a condition on ``kind`` may name: fields, nested fields (dotted), derived keys and id."""
    keys = ["id", *_model_keys(kind.model, "")]
    keys.extend(DERIVED.get(kind.name, {}))
    return keys


def _model_keys(model: type[BaseModel], prefix: str) -> Iterable[str]:
    for name in model.model_fields:
        key = f"{prefix}{name}"
        yield key
        annotation = field_at(model, (name,))[2]
        if typing.get_origin(annotation) is list:
            annotation = field_at(model, (name, 0))[2]
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            yield from _model_keys(annotation, f"{key}.")


def check_condition(kind: Kind, condition: Condition) -> None:
    """Refuse an unknown key (with a did-you-mean) or a value outside the key's vocabulary."""
    keys = known_keys(kind)
    if condition.key not in keys:
        close = difflib.get_close_matches(condition.key, keys, n=1, cutoff=0.6)
        hint = (_("did you mean '{key}'?").format(key=close[0]) if close
                else _("known keys: {keys}").format(keys=", ".join(keys)))
        raise RequestError(_("a {kind} has no key '{key}': {hint}").format(
            kind=kind.name, key=condition.key, hint=hint))
    vocabulary = _vocabulary(kind, condition.key)
    if vocabulary is not None and not condition.contains:
        check_choice(vocabulary, condition.value)


def _vocabulary(kind: Kind, key: str) -> type[Vocabulary] | None:
    derived = DERIVED.get(kind.name, {}).get(key)
    if derived is not None:
        return derived.vocabulary
    path: Path = ()
    annotation: Any = kind.model
    for part in key.split("."):
        path = (*path, part)
        annotation = field_at(kind.model, path)[2]
        if typing.get_origin(annotation) is list:
            path = (*path, 0)
            annotation = field_at(kind.model, path)[2]
    return annotation if isinstance(annotation, type) and issubclass(annotation, Vocabulary) else None


def values_of(kb: KnowledgeBase, document: Document, key: str) -> list[str]:
    """The values of ``key`` in a document as text, lists flattened (empty when absent)."""
    if key == "id":
        return [document.id]
    derived = DERIVED.get(document.kind.name, {}).get(key)
    if derived is not None:
        return derived.compute(kb, document)
    current: list[Any] = [document.data]
    for part in key.split("."):
        step: list[Any] = []
        for value in current:
            for item in value if isinstance(value, list) else [value]:
                if isinstance(item, dict) and part in item:
                    step.append(item[part])
        current = step
    flat: list[str] = []
    for value in current:
        for item in value if isinstance(value, list) else [value]:
            if item is not None and not isinstance(item, dict | list):
                flat.append(str(item).lower() if isinstance(item, bool) else str(item))
    return flat


def matches(kb: KnowledgeBase, document: Document, condition: Condition) -> bool:
    """Whether any value of the condition's key matches."""
    values = values_of(kb, document, condition.key)
    if condition.contains:
        needle = condition.value.casefold()
        return any(needle in value.casefold() for value in values)
    return condition.value in values


def select(kb: KnowledgeBase, kind: Kind, conditions: Iterable[Condition] = ()) -> list[Document]:
    """The documents of ``kind`` meeting every condition, sorted by id."""
    conditions = list(conditions)
    for condition in conditions:
        check_condition(kind, condition)
    return [d for d in kb.of_kind(kind.name) if all(matches(kb, d, c) for c in conditions)]
