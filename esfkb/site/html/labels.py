"""Dutch labels and formats: field titles from the models, vocabulary labels, numbers and dates.

The labels are declared once, on the pydantic models and vocabularies; this module only reads them.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from esfkb.model.coded import Coded
from esfkb.model.vocabulary import Vocabulary

if TYPE_CHECKING:
    from pydantic import BaseModel

_MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
           "oktober", "november", "december")

def field_label(model: type[BaseModel], name: str) -> str:
    """The Dutch title of a model field (its name when it has none)."""
    info = model.model_fields.get(name)
    return info.title if info is not None and info.title else name


def term(value: Any) -> str:
    """A vocabulary value's Dutch label, a code's name (NACE, licence); other values as text."""
    if isinstance(value, Vocabulary):
        return value.label or value.value
    if isinstance(value, Coded):
        return value.label
    if isinstance(value, date):
        return format_date(value)
    if isinstance(value, float):
        return format_number(value)
    return str(value)


def format_number(value: float) -> str:
    """A number the Flemish way: 2.150 and 9,5."""
    if float(value).is_integer():
        return f"{int(value):,}".replace(",", ".")
    whole, _, fraction = f"{value:,.2f}".rstrip("0").partition(".")
    return whole.replace(",", ".") + ("," + fraction if fraction else "")


def format_date(value: date) -> str:
    """A date as '30 juni 2025'."""
    return f"{value.day} {_MONTHS[value.month - 1]} {value.year}"
