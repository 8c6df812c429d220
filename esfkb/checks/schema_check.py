"""Validate parsed frontmatter against a kind's model and turn every failure into a diagnostic.

Pydantic reports all errors of a document at once; each is mapped to a stable code and a message
in plain words that names the Dutch label, the allowed values or the closest known key.
"""

from __future__ import annotations

import difflib
import types
import typing
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic.fields import FieldInfo

from esfkb.authoring.skeletons import INSTRUCTIONS
from esfkb.i18n import N_, _, ngettext
from esfkb.model.frontmatter import ParsedFile, Path, Position, iter_strings
from esfkb.model.vocabulary import Vocabulary

PLACEHOLDER_PREFIX = "TODO"

_TYPE_CODES = {
    "esfkb_id": "ESF105", "esfkb_kbo": "ESF106", "esfkb_postcode": "ESF107", "esfkb_nace": "ESF108",
    "esfkb_date": "ESF109", "esfkb_semver": "ESF110",
}
_WRONG_TYPE = frozenset({
    "string_type", "int_type", "float_type", "bool_type", "list_type", "dict_type", "model_type",
    "model_attributes_type", "int_parsing", "float_parsing", "int_from_float", "date_type",
    "bool_parsing", "finite_number",
})
_EXPECTED_WORDS = {
    "string_type": N_("text"), "int_type": N_("a whole number"), "int_parsing": N_("a whole number"),
    "int_from_float": N_("a whole number"), "float_type": N_("a number"), "float_parsing": N_("a number"),
    "finite_number": N_("a finite number"), "bool_type": N_("true or false"), "bool_parsing": N_("true or false"),
    "list_type": N_("a list"), "dict_type": N_("a mapping of keys"), "model_type": N_("a mapping of keys"),
    "model_attributes_type": N_("a mapping of keys"), "date_type": N_("a date YYYY-MM-DD"),
}


def format_path(path: Path) -> str:
    """``('deelnemers', 2, 'rol')`` as ``deelnemers[2].rol``, the way authors read it."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _unwrap(annotation: Any) -> Any:
    """Strip Annotated and Optional to reach the type a value must have."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            if len(args) != 1:
                return annotation
            annotation = args[0]
        else:
            return annotation


def field_at(model: type[BaseModel], path: Path) -> tuple[type[BaseModel] | None, FieldInfo | None, Any]:
    """The model owning the last key of ``path``, that key's FieldInfo and the type at ``path``."""
    owner: type[BaseModel] | None = None
    info: FieldInfo | None = None
    current: Any = model
    for part in path:
        current = _unwrap(current)
        if isinstance(part, int):
            if typing.get_origin(current) is not list:
                return owner, info, None
            current = typing.get_args(current)[0]
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return owner, info, None
        owner = current
        info = current.model_fields.get(part)
        if info is None:
            return owner, None, None
        current = info.annotation
    return owner, info, _unwrap(current)


def _label(info: FieldInfo | None, key: str) -> str:
    return f"'{key}' ({info.title})" if info is not None and info.title else f"'{key}'"


def find_placeholders(data: dict[str, Any]) -> list[Path]:
    """Every path whose string value starts with TODO: what the author still has to fill in."""
    return [path for path, value in iter_strings(data) if value.lstrip().startswith(PLACEHOLDER_PREFIX)]


def find_instructions(body: str, first_line: int) -> list[tuple[int, str]]:
    """The (line, text) of every line of ``body`` (starting at ``first_line``) that is still an instruction of
    the template (:mod:`esfkb.authoring.skeletons`): what the author has to replace with their own text."""
    if "_" not in body:
        return []
    return [(first_line + number, line.strip()) for number, line in enumerate(body.split("\n"))
            if line.strip() in INSTRUCTIONS]


def instruction_problems(parsed: ParsedFile) -> list[tuple[str, Position, str]]:
    """ESF111 for each instruction line left in the body of ``parsed``."""
    return [("ESF111", Position(line, 1),
             _("the text below the frontmatter still holds an instruction of the template: replace '{text}' with "
               "your own text").format(text=text if len(text) <= 48 else text[:46] + "…_"))
            for line, text in find_instructions(parsed.body, parsed.body_line)]


def check_frontmatter(
    model: type[BaseModel], parsed: ParsedFile
) -> tuple[BaseModel | None, list[tuple[str, Position, str]]]:
    """Validate ``parsed.data`` against ``model``; return the instance (or None) and the problems."""
    assert parsed.data is not None
    problems: list[tuple[str, Position, str]] = []
    placeholders = find_placeholders(parsed.data) if PLACEHOLDER_PREFIX in parsed.source else []
    for path in placeholders:
        problems.append((
            "ESF111", parsed.position_of(path),
            _("{key} is still a placeholder: replace '{value}' with the real value").format(
                key=format_path(path), value=_lookup(parsed.data, path)),
        ))
    try:
        return model.model_validate(parsed.data), problems
    except ValidationError as error:
        skip = set(placeholders)
        for item in error.errors(include_url=False):
            loc = tuple(item["loc"])
            if any(loc[: len(p)] == p for p in skip):
                continue
            problems.append(_translate(model, parsed, loc, item))
        return None, problems


def _lookup(data: Any, path: Path) -> Any:
    for part in path:
        data = data[part]
    return data


def _translate(
    model: type[BaseModel], parsed: ParsedFile, loc: Path, item: Any
) -> tuple[str, Position, str]:
    kind = item["type"]
    where = format_path(loc)
    key = str(loc[-1]) if loc else ""
    owner, info, annotation = field_at(model, loc)
    if kind == "missing":
        parent = loc[:-1]
        position = parsed.position_of(parent) if parent else Position(1, 1)
        description = f" ({info.description.rstrip('.')})" if info is not None and info.description else ""
        message = (_("missing required key {key} under '{parent}': add it{description}") if parent
                   else _("missing required key {key}: add it{description}"))
        return "ESF101", position, message.format(key=_label(info, key), parent=format_path(parent),
                                                  description=description)
    position = parsed.position_of(loc)
    if kind == "extra_forbidden":
        known = list(owner.model_fields) if owner else []
        close = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
        hint = (_("did you mean '{key}'?").format(key=close[0]) if close
                else _("known keys: {keys}").format(keys=", ".join(known)))
        return "ESF103", position, _("unknown key '{key}': {hint}").format(key=where, hint=hint)
    if kind == "enum" and isinstance(annotation, type) and issubclass(annotation, Vocabulary):
        meant = annotation.meant(item["input"])
        hint = _("did you mean '{value}'? ").format(value=meant.value) if meant is not None else ""
        return "ESF104", position, _("{key}: '{value}' is not allowed for {vocabulary}; {hint}choose one of: "
                                     "{choices}").format(key=where, value=item["input"],
                                                         vocabulary=annotation.__label__.lower(), hint=hint,
                                                         choices=annotation.choices())
    if kind in _TYPE_CODES:
        return _TYPE_CODES[kind], position, f"{where}: {item['msg']}"
    if kind in _WRONG_TYPE:
        expected = _(_EXPECTED_WORDS.get(kind, N_("another type")))
        raw = parsed.raw_scalars.get(loc)
        got = _describe(item["input"])
        hint = _('; write it in quotes: "{raw}"').format(raw=raw) if raw is not None and kind == "string_type" else ""
        return "ESF102", position, _("{key} expects {expected}, got {got}{hint}").format(
            key=where, expected=expected, got=got, hint=hint)
    return "ESF112", position, f"{where}: {_constraint_message(kind, item)}"


def _constraint_message(kind: str, item: Any) -> str:
    ctx = item.get("ctx") or {}
    if kind == "too_short" and "min_length" in ctx:
        return ngettext("needs at least {count} item; add one", "needs at least {count} items; add one",
                        ctx["min_length"]).format(count=ctx["min_length"])
    if kind == "string_too_short":
        return _("must not be empty; write the text or remove the key")
    if kind in ("greater_than_equal", "greater_than") and ("ge" in ctx or "gt" in ctx):
        return _("must be at least {least}, got {value}").format(least=ctx.get("ge", ctx.get("gt")),
                                                                 value=item["input"])
    return str(item["msg"])


def _describe(value: Any) -> str:
    if value is None:
        return _("nothing (empty value)")
    if isinstance(value, bool):
        return _("the boolean {value}").format(value=str(value).lower())
    if isinstance(value, int | float):
        return _("the number {value}").format(value=value)
    if isinstance(value, list):
        return _("a list")
    if isinstance(value, dict):
        return _("a mapping")
    return f"'{value}'"
