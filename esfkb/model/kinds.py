"""Kinds of document and the registry that loads them from the ``esfkb.kinds`` entry points.

The built-in kinds register through the same entry-point group a third party would use, so a
new kind (with its folder, model and references) needs no change to the core.
"""

from __future__ import annotations

import typing
from dataclasses import dataclass, field
from functools import cache
from importlib.metadata import entry_points
from typing import Any

from pydantic import BaseModel

from esfkb.errors import RegistryError
from esfkb.model.fields import RefTo

KINDS_GROUP = "esfkb.kinds"

ReferencePath = tuple[str, ...]
"""Keys from the root of a document to a reference; '*' stands for every item of a list."""


@dataclass(frozen=True, slots=True)
class ReferenceField:
    """A field of a kind that names documents of ``target`` kind."""

    path: ReferencePath
    target: str
    many: bool


@dataclass(frozen=True)
class Kind:
    """A kind of document: its name, folder, model and Dutch labels."""

    name: str
    folder: str
    model: type[BaseModel]
    label: str
    plural: str
    title_field: str = "titel"
    references: tuple[ReferenceField, ...] = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "references", tuple(_reference_fields(self.model, ())))


def _reference_fields(model: type[BaseModel], prefix: ReferencePath) -> list[ReferenceField]:
    found: list[ReferenceField] = []
    for name, info in model.model_fields.items():
        target = _ref_target(info.metadata)
        annotation = info.annotation
        many = False
        if typing.get_origin(annotation) is list:
            (annotation,) = typing.get_args(annotation)
            many = True
            if typing.get_origin(annotation) is typing.Annotated:
                target = target or _ref_target(annotation.__metadata__)
        path = (*prefix, name)
        if target:
            found.append(ReferenceField(path, target, many))
        elif isinstance(annotation, type) and issubclass(annotation, BaseModel):
            found.extend(_reference_fields(annotation, (*path, "*") if many else path))
    return found


def _ref_target(metadata: Any) -> str | None:
    return next((m.kind for m in metadata if isinstance(m, RefTo)), None)


@dataclass(frozen=True)
class KindRegistry:
    """The kinds in use, by name and by folder."""

    kinds: tuple[Kind, ...]
    by_name: dict[str, Kind] = field(init=False)
    by_folder: dict[str, Kind] = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "by_name", {k.name: k for k in self.kinds})
        object.__setattr__(self, "by_folder", {k.folder: k for k in self.kinds})
        if len(self.by_name) != len(self.kinds) or len(self.by_folder) != len(self.kinds):
            raise RegistryError("two kinds share a name or a folder")


@cache
def load_kinds() -> KindRegistry:
    """Every kind registered under ``esfkb.kinds``, sorted by name."""
    kinds: list[Kind] = []
    for point in entry_points(group=KINDS_GROUP):
        try:
            kind = point.load()
        except Exception as error:  # a broken third-party plugin must not hide the others' errors
            raise RegistryError(f"kind plugin '{point.name}' ({point.value}) failed to load: {error}") from error
        if not isinstance(kind, Kind):
            raise RegistryError(f"kind plugin '{point.name}' ({point.value}) is not an esfkb.model.kinds.Kind")
        kinds.append(kind)
    return KindRegistry(tuple(sorted(kinds, key=lambda k: k.name)))
