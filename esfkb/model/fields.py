"""Value formats shared by the kinds: ids, references, dates, KBO numbers, postcodes, NACE, licences, semver.

Each format is an ``Annotated`` type whose validator raises a ``PydanticCustomError`` with its own
error type, so that the diagnostics can map it to a stable code and a message that says what to do.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from typing import Annotated, Any

from pydantic import AfterValidator, BeforeValidator, Field
from pydantic_core import PydanticCustomError

from esfkb.i18n import _
from esfkb.model.licences import Licence
from esfkb.model.nace import Nace
from esfkb.model.vocabulary import Provincie

WINDOWS_RESERVED_NAMES = frozenset(
    {"con", "prn", "aux", "nul", *(f"{port}{n}" for port in ("com", "lpt") for n in range(10))})
"""Device names that Windows keeps for itself, whatever the extension and case: no checkout there can hold ``nul.md``.
An id has no dot, no capital, no trailing dot or space and no character Windows refuses: these names are all it can
still hit (its length is another matter: Windows paths stop at 260 characters unless long paths are enabled)."""
_ID_SHAPE = r"[a-z0-9]+(-[a-z0-9]+)*"
_ID_SHAPE_RE = re.compile(_ID_SHAPE)
ID_PATTERN = rf"^(?!(?:{'|'.join(sorted(WINDOWS_RESERVED_NAMES))})$){_ID_SHAPE}$"
"""An id as the JSON Schemas check it: the shape, and none of the Windows device names."""
_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_KBO_RE = re.compile(r"^[01]\d{3}\.?\d{3}\.?\d{3}$")
_NACE_RE = re.compile(r"^\d{2}(\.\d{1,3})?$")
SEMVER_PATTERN = (
    r"^(0|[1-9][0-9]{0,14})\.(0|[1-9][0-9]{0,14})\.(0|[1-9][0-9]{0,14})"
    r"(?:-[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?$"
)
_SEMVER_RE = re.compile(SEMVER_PATTERN)


def id_problem(value: str) -> str | None:
    """What to do about ``value`` to make it a document id, or None when it is one."""
    if not _ID_SHAPE_RE.fullmatch(value):
        return _("use lowercase letters, digits and single hyphens")
    if value in WINDOWS_RESERVED_NAMES:
        return _("Windows reserves '{value}' for a device and can store no file of that name; add a word").format(
            value=value)
    return None


def is_valid_id(value: str) -> bool:
    """Whether ``value`` is a document id: lowercase words joined by hyphens, not a Windows device name."""
    return id_problem(value) is None


def slugify(text: str) -> str:
    """Lowercase ASCII words joined by hyphens: how a name or a file name becomes an id."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def suggest_id(text: str) -> str:
    """A valid id close to ``text``, to suggest when a name or a file name is not one."""
    candidate = slugify(text) or "document"
    return candidate if is_valid_id(candidate) else f"{candidate}-2"


def _check_id(value: str) -> str:
    problem = id_problem(value)
    if problem is not None:
        raise PydanticCustomError(
            "esfkb_id", _("'{value}' is not a valid id: {problem}"), {"value": value, "problem": problem},
        )
    return value


def _parse_date(value: Any) -> Any:
    if isinstance(value, date):
        return value
    if not isinstance(value, str) or not _DATE_RE.fullmatch(value):
        raise PydanticCustomError(
            "esfkb_date", _("'{value}' is not a date: write it as YYYY-MM-DD"), {"value": value}
        )
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise PydanticCustomError(
            "esfkb_date", _("'{value}' is not an existing calendar date"), {"value": value}
        ) from None


def kbo_is_valid(value: str) -> bool:
    """Check a Belgian enterprise number: ten digits whose last two are 97 - (first eight mod 97)."""
    if not _KBO_RE.fullmatch(value):
        return False
    digits = value.replace(".", "")
    return 97 - int(digits[:8]) % 97 == int(digits[8:])


def _check_kbo(value: str) -> str:
    if not kbo_is_valid(value):
        raise PydanticCustomError(
            "esfkb_kbo",
            _("'{value}' is not a valid KBO number: write ten digits as 0123.456.749, "
              "the last two being 97 minus the first eight modulo 97"),
            {"value": value},
        )
    return value


def _check_nace(value: str) -> Nace:
    if not _NACE_RE.fullmatch(value):
        raise PydanticCustomError(
            "esfkb_nace", _("'{value}' is not a NACE-BEL code: use NN, NN.N, NN.NN or NN.NNN"),
            {"value": value},
        )
    return Nace(value)


def _check_semver(value: str) -> str:
    if not _SEMVER_RE.fullmatch(value):
        raise PydanticCustomError(
            "esfkb_semver",
            _("'{value}' is not a semantic version: write MAJOR.MINOR.PATCH, e.g. \"1.0.0\" (at most 15 digits each)"),
            {"value": value},
        )
    return value


def _check_postcode(value: int) -> int:
    if not 1000 <= value <= 9999:
        raise PydanticCustomError(
            "esfkb_postcode", _("{value} is not a Belgian postcode: use four digits from 1000 to 9999"),
            {"value": value},
        )
    return value


def postcode_from_text(value: Any) -> Any:
    """Accept ``"3600"`` as well as ``3600``: both are how a person writes a postcode."""
    if isinstance(value, str) and value.isascii() and value.isdigit() and len(value) <= 4:
        return int(value)
    return value  # pydantic parses longer digits without the int() limit of 4,301 digits, and refuses other text


def semver_key(version: str) -> tuple[int, int, int]:
    """The numeric (major, minor, patch) of a version for comparisons; pre-release tags ignored."""
    match = _SEMVER_RE.fullmatch(version)
    if not match:
        return (0, 0, 0)
    return (int(match[1]), int(match[2]), int(match[3]))  # at most 15 digits each: int() refuses 4,301


_PROVINCE_RANGES: tuple[tuple[int, int, Provincie], ...] = (
    (1000, 1299, Provincie.BRUSSEL),
    (1500, 1999, Provincie.VLAAMS_BRABANT),
    (2000, 2999, Provincie.ANTWERPEN),
    (3000, 3499, Provincie.VLAAMS_BRABANT),
    (3500, 3999, Provincie.LIMBURG),
    (8000, 8999, Provincie.WEST_VLAANDEREN),
    (9000, 9999, Provincie.OOST_VLAANDEREN),
)


def province_of(postcode: int) -> Provincie:
    """The province derived from a Belgian postcode; ranges not listed are Walloon."""
    for low, high, province in _PROVINCE_RANGES:
        if low <= postcode <= high:
            return province
    return Provincie.WALLONIE


@dataclass(frozen=True, slots=True)
class RefTo:
    """Marks a field as a reference to a document of ``kind``; the knowledge base resolves it."""

    kind: str


Id = Annotated[str, AfterValidator(_check_id)]
IsoDate = Annotated[date, BeforeValidator(_parse_date), Field(json_schema_extra={"format": "date"})]
KboNumber = Annotated[str, AfterValidator(_check_kbo), Field(json_schema_extra={"pattern": _KBO_RE.pattern})]
NaceCode = Annotated[str, AfterValidator(_check_nace), Field(json_schema_extra={"pattern": _NACE_RE.pattern})]
LicenceId = Annotated[str, Field(min_length=1), AfterValidator(Licence)]
"""A licence identifier (``cc-by-4.0``), read as the licence's Dutch name (:mod:`esfkb.model.licences`)."""
Semver = Annotated[str, AfterValidator(_check_semver), Field(json_schema_extra={"pattern": SEMVER_PATTERN})]
Postcode = Annotated[int, BeforeValidator(postcode_from_text), AfterValidator(_check_postcode),
                     Field(json_schema_extra={"minimum": 1000, "maximum": 9999})]


def Reference(kind: str) -> Any:  # noqa: N802 - reads as a type in model declarations
    """A field holding the id of a document of ``kind``."""
    return Annotated[
        str, AfterValidator(_check_id), RefTo(kind),
        Field(json_schema_extra={"pattern": ID_PATTERN, "x-esfkb-reference": kind}),
    ]
