"""Detectors for contact data in untrusted text.

Used by the safety rule on content and by the post-build leak scan on the published site, both on
the text as a reader sees it (:func:`esfkb.privacy.reading.read`), never on the raw source. A
phone number is recognised by shape and confirmed with ``phonenumbers``; KBO numbers, postcodes
and dates are not phone numbers.
"""

from __future__ import annotations

import bisect
import fnmatch
import functools
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from esfkb.model.fields import kbo_is_valid

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

_LOCAL_PART_RE = re.compile(r"[\w.+-]+$")
_DOMAIN_RE = re.compile(r"[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
_CAMEL_RE = re.compile(r"[a-z][A-Z]")
_TLD_END_RE = re.compile(r"\.[a-z]{2,24}$")
_PHONE_RES = tuple(re.compile(prefix + r"[1-9][\d .()/-]{5,18}\d") for prefix in (r"\+", "00", "0"))
"""Phone-shaped runs: international (+32, 0032) and national (0...); one pattern per literal
prefix, because a literal lets the regex engine skip through long texts several times faster."""
_NEWLINE_RE = re.compile("\n")
_KBO_SHAPE_RE = re.compile(r"^[01]\d{3}[. ]?\d{3}[. ]?\d{3}$")
_DATE_SHAPE_RE = re.compile(r"^\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}$")
HTML_TAG_RE = re.compile(r"<\s*/?\s*[a-zA-Z][a-zA-Z0-9-]*(?:\s[^<>]*)?/?>")


@dataclass(frozen=True, slots=True)
class Finding:
    """Something sensitive at ``offset`` in a text: its kind and the matched value."""

    offset: int
    kind: str
    value: str


def email_allowed(address: str, allowlist: Iterable[str]) -> bool:
    """Whether the domain of ``address`` matches one of the allowed domain patterns."""
    domain = address.rsplit("@", 1)[-1].lower()
    return any(fnmatch.fnmatchcase(domain, pattern.lower()) for pattern in allowlist)


def find_emails(text: str) -> Iterator[Finding]:
    """Every e-mail address in ``text``.

    Scans from each '@' outwards instead of running one regex over the whole text: pages are long
    and addresses rare, so this is many times faster than a pattern that starts with a class.
    """
    at = text.find("@")
    while at != -1:
        local = _LOCAL_PART_RE.search(text, max(0, at - 64), at)
        domain = _DOMAIN_RE.match(text, at + 1)
        if local and domain:
            start = local.start()
            name, host = local.group(), domain.group()
            if start == 0 or (text[start - 1] not in "._+-" and not text[start - 1].isalnum()):
                for candidate in _hosts(host):
                    yield Finding(start, "email", f"{name}@{candidate}".rstrip("."))
        at = text.find("@", at + 1)


def _hosts(host: str) -> tuple[str, ...]:
    """The domain(s) an address may have, for text whose words may run together.

    Text extracted from HTML runs words together ("info@x.exampleWerkingsgebied"): a domain is cut
    where a lowercase letter is followed by an uppercase one. When the rest still ends in a dot and a
    lowercase top-level domain ("x@evil.exampleCorp.invalid"), the whole is a real domain too: both are
    reported, so the cut can never hide an address behind an allowed domain.
    """
    boundary = _CAMEL_RE.search(host)
    if not boundary:
        return (host,)
    cut = host[: boundary.start() + 1]
    rest = host[boundary.start() + 1:].rstrip(".")
    return (cut, host) if _TLD_END_RE.search(rest) else (cut,)


def normalise_phone(candidate: str) -> str | None:
    """The E.164 form of ``candidate`` when it is a valid phone number (Belgian by default)."""
    digits = re.sub(r"\D", "", candidate)
    if not 8 <= len(digits) <= 15:
        return None
    plain = candidate.strip()
    if _DATE_SHAPE_RE.match(plain) or (_KBO_SHAPE_RE.match(plain) and kbo_is_valid(plain.replace(" ", "."))):
        return None
    import phonenumbers  # lazy: only text with a phone-shaped number pays for the import

    try:
        number = phonenumbers.parse(plain, "BE")
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def find_phones(text: str) -> Iterator[Finding]:
    """Every valid phone number in ``text``, as its E.164 form."""
    matches = sorted((m for pattern in _PHONE_RES for m in pattern.finditer(text)), key=lambda m: m.start())
    for match in matches:
        start, end = match.span()
        before = text[start - 1] if start else " "
        after = text[end] if end < len(text) else " "
        if before.isalnum() or before in "_.+/-" or after.isalnum() or after == "_":
            continue
        e164 = normalise_phone(match.group())
        if e164:
            yield Finding(start, "phone", e164)


def line_and_column(text: str, offset: int, first_line: int = 1) -> tuple[int, int]:
    """1-based line and column of ``offset`` in ``text`` that starts at line ``first_line``.

    The line starts of a text are found once (the last few texts are remembered), so a text with
    many findings costs one pass and a binary search per finding, not a count from its start each.
    """
    starts = _line_starts(text)
    index = bisect.bisect_right(starts, offset) - 1
    return first_line + index, offset - starts[index] + 1


@functools.lru_cache(maxsize=8)
def _line_starts(text: str) -> list[int]:
    """Offsets at which the lines of ``text`` start (a string caches its hash: a repeated look-up is cheap)."""
    return [0, *(match.end() for match in _NEWLINE_RE.finditer(text))]
