"""The Decap CMS field of each model field: its widget from the field's type, its label and hint from the model.

One shape of type, one widget: free text (``text``, ``string`` for a document's title), a format with a
pattern (``string`` with that pattern), a reference (``relation`` over the target kind's collection,
storing the id, which is the file name: ``{{slug}}``), a vocabulary (``select`` showing the Dutch
label, storing the value), a date (``datetime`` stored as ``YYYY-MM-DD``), a number, a yes/no, a
nested model (``object``), and a list of any of these (``multiple`` for a vocabulary or a reference,
``list`` otherwise). The label is the field's Dutch title, the hint its description, ``required`` as
the model has it (Decap requires every field it is not told otherwise about).
"""

from __future__ import annotations

import types
import typing
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

import annotated_types
from pydantic import BaseModel
from pydantic.fields import FieldInfo
from pydantic_core import PydanticUndefined

from esfkb.model.fields import RefTo
from esfkb.model.vocabulary import Vocabulary

if TYPE_CHECKING:
    from collections.abc import Callable

DATE_FORMAT = "YYYY-MM-DD"
"""How a date is stored (in dayjs' notation, which Decap uses): the frontmatter's date, without a time."""


@dataclass(frozen=True, slots=True)
class _Typed:
    """A field's type with what ``Annotated`` and ``Field`` said about it: constraints, markers, JSON Schema extras."""

    annotation: Any
    metadata: tuple[Any, ...]
    extra: dict[str, Any]

    def marker(self, kind: type) -> Any:
        return next((m for m in self.metadata if isinstance(m, kind)), None)


def _typed(annotation: Any, metadata: tuple[Any, ...] = (), extra: dict[str, Any] | None = None) -> _Typed:
    """``annotation`` without ``Optional`` and ``Annotated``, their metadata gathered."""
    extra = dict(extra or {})
    metadata = tuple(metadata)
    while True:
        if typing.get_origin(annotation) is typing.Annotated:
            for item in annotation.__metadata__:
                if isinstance(item, FieldInfo):
                    metadata += tuple(item.metadata)
                    extra.update(item.json_schema_extra if isinstance(item.json_schema_extra, dict) else {})
                else:
                    metadata += (item,)
            annotation = annotation.__origin__
        elif typing.get_origin(annotation) in (typing.Union, types.UnionType):
            (annotation,) = [a for a in typing.get_args(annotation) if a is not type(None)]
        else:
            return _Typed(annotation, metadata, extra)


def decap_field(name: str, info: FieldInfo, title_of: Callable[[str], str], *,
                single_line: bool = False) -> dict[str, Any]:
    """The Decap field of the model field ``name``.

    Arguments:
        name: the frontmatter key.
        info: the model's field.
        title_of: the title field of a kind, which a relation shows and searches.
        single_line: free text in one line (a document's title) rather than a text area; so is a text
            with a default, which is a code.
    """
    spec: dict[str, Any] = {"label": info.title or name, "name": name}
    typed = _typed(info.annotation, tuple(info.metadata),
                   info.json_schema_extra if isinstance(info.json_schema_extra, dict) else None)
    code = isinstance(info.default, str)  # a text with a default is a code (a licence), written on one line
    widget = _widget(name, spec["label"], info.description, typed, title_of, single_line=single_line or code)
    spec["widget"] = widget.pop("widget")
    if info.description:
        spec["hint"] = info.description
    spec["required"] = info.is_required()
    default = info.default
    if default is not PydanticUndefined and isinstance(default, str | bool | int | float) and default != "":
        spec["default"] = default
    spec.update(widget)
    return spec


def model_fields(model: type[BaseModel], title_of: Callable[[str], str], *, title_field: str | None = None,
                 ) -> list[dict[str, Any]]:
    """The Decap fields of every field of ``model``, in the model's order."""
    return [decap_field(name, info, title_of, single_line=name == title_field)
            for name, info in model.model_fields.items()]


def _widget(name: str, label: str, hint: str | None, typed: _Typed, title_of: Callable[[str], str], *,
            single_line: bool = False) -> dict[str, Any]:
    """The widget and its options for a value of type ``typed``."""
    annotation = typed.annotation
    reference = typed.marker(RefTo)
    if reference is not None:
        title = title_of(reference.kind)
        return {"widget": "relation", "collection": reference.kind, "value_field": "{{slug}}",
                "search_fields": [title], "display_fields": [title]}
    if typing.get_origin(annotation) is list:
        return _list(name, label, hint, typed, title_of)
    if isinstance(annotation, type) and issubclass(annotation, Vocabulary):
        return {"widget": "select", "options": [{"label": m.label or m.value, "value": m.value} for m in annotation]}
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return {"widget": "object", "collapsed": False, "fields": model_fields(annotation, title_of)}
    if annotation is bool:
        return {"widget": "boolean"}
    if annotation in (int, float):
        return {"widget": "number", "value_type": annotation.__name__, **_bounds(typed)}
    if annotation is date:
        return {"widget": "datetime", "format": DATE_FORMAT, "date_format": DATE_FORMAT, "time_format": False}
    if "pattern" in typed.extra:
        message = f"Schrijf het zoals gevraagd: {hint}" if hint else "Schrijf het zoals gevraagd."
        return {"widget": "string", "pattern": [typed.extra["pattern"], message]}
    return {"widget": "string" if single_line else "text"}


def _list(name: str, label: str, hint: str | None, typed: _Typed, title_of: Callable[[str], str]) -> dict[str, Any]:
    """A list: several values of a vocabulary or references in one widget, a ``list`` of anything else."""
    (item_type,) = typing.get_args(typed.annotation)
    item = _typed(item_type)
    least = typed.marker(annotated_types.MinLen)
    bounds = {"min": least.min_length} if least is not None else {}
    widget = _widget(name, label, hint, item, title_of)
    if widget["widget"] in ("select", "relation"):
        return {**widget, "multiple": True, **bounds}
    if widget["widget"] == "object":
        fields = widget["fields"]
        return {"widget": "list", "collapsed": False, "summary": f"{{{{fields.{fields[0]['name']}}}}}",
                "fields": fields, **bounds}
    return {"widget": "list", "collapsed": False, **bounds, "field": {"label": label, "name": name, **widget}}


def _bounds(typed: _Typed) -> dict[str, Any]:
    """A number's least and greatest value, from its constraints or its JSON Schema."""
    bounds: dict[str, Any] = {}
    for marker in typed.metadata:
        if isinstance(marker, annotated_types.Ge):
            bounds["min"] = marker.ge
        elif isinstance(marker, annotated_types.Le):
            bounds["max"] = marker.le
    for key, option in (("minimum", "min"), ("maximum", "max")):
        if key in typed.extra:
            bounds[option] = typed.extra[key]
    return bounds
