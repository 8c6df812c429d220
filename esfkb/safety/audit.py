"""What the sanitizer would remove from rendered content, element by element, with the sanitizer as the judge.

Every start tag of the HTML (read by :mod:`html.parser`) is cleaned on its own by
:func:`esfkb.safety.sanitize.sanitize` (inside a table where it needs one to exist) and compared
with what went in: an element that does not come out, an attribute that is dropped or loses part of
its value, is a :class:`Removal`. The policy is written once, in :mod:`esfkb.safety.sanitize`.

Where the browser's parser (and nh3's) reads markup that :mod:`html.parser` takes for a comment
(``<!-->``, ``--!>``, ``<![CDATA[…>``), the rest is read again as markup, so it is judged too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from html.parser import HTMLParser

from esfkb.safety.sanitize import sanitize

_CONTEXT = {
    "td": ("<table><tr>", ""), "th": ("<table><tr>", ""), "tr": ("<table>", ""), "tbody": ("<table>", ""),
    "thead": ("<table>", ""), "tfoot": ("<table>", ""), "caption": ("<table>", ""),
    "colgroup": ("<table>", ""), "col": ("<table><colgroup>", ""),
}
"""The markup around a start tag that exists only in a table, so that it is judged in its place."""
_SCHEME_RE = re.compile(r"[a-z][a-z0-9+.-]*:", re.IGNORECASE)
_INVISIBLE_RE = re.compile(r"[\x00-\x20\x7f]+")
_PROBE = "x"


@dataclass(frozen=True, slots=True)
class Removal:
    """An element the sanitizer removes (``attribute`` None), or an attribute it removes or cuts."""

    tag: str
    attribute: str | None
    value: str
    """The attribute's value as the browser reads it (entities decoded); "" for an element."""
    start_tag: str
    """The start tag as written in the HTML."""
    url: bool = False
    """Whether the attribute is allowed but its value, a URL with a scheme, is not."""
    handler: bool = False
    """Whether the attribute is an event handler (``on…``)."""


def removals(html: str) -> list[Removal]:
    """Everything in ``html`` that :func:`sanitize` would remove, in the order of the HTML."""
    found: list[Removal] = []
    _Reader(found).read(html)
    return found


class _Reader(HTMLParser):
    def __init__(self, found: list[Removal]) -> None:
        super().__init__(convert_charrefs=True)
        self.found = found

    def read(self, html: str) -> None:
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.extend(_judge(tag, tuple(attrs), self.get_starttag_text() or f"<{tag}>"))

    def handle_comment(self, data: str) -> None:
        """A comment that the browser closes earlier than :mod:`html.parser` does hides markup after it."""
        if data.startswith(">"):
            self._reread(data[1:])
        elif data.startswith("->"):
            self._reread(data[2:])
        elif "--!>" in data:
            self._reread(data.split("--!>", 1)[1])

    def unknown_decl(self, data: str) -> None:
        """``<![CDATA[`` is a comment up to the first ``>`` in HTML: what follows is markup."""
        if ">" in data:
            self._reread(data.split(">", 1)[1])

    def _reread(self, html: str) -> None:
        _Reader(self.found).read(html)


@lru_cache(maxsize=4096)
def _judge(tag: str, attrs: tuple[tuple[str, str | None], ...], start_tag: str) -> tuple[Removal, ...]:
    """What the sanitizer removes of this one start tag: the element, or each attribute it drops or cuts."""
    kept = _cleaned(tag, start_tag)
    if kept is None:
        return (Removal(tag, None, "", start_tag),)
    found: list[Removal] = []
    seen: set[str] = set()
    for name, value in attrs:
        if name in seen:  # a repeated attribute is ignored by the browser, and by nh3
            continue
        seen.add(name)
        given = value or ""
        if name in kept and _same(name, kept[name] or "", given):
            continue
        allowed = name in kept or _allowed(tag, name)
        url = allowed and name not in kept and _SCHEME_RE.match(_INVISIBLE_RE.sub("", given)) is not None
        found.append(Removal(tag, name, given, start_tag, url=url, handler=name.startswith("on")))
    return tuple(found)


def _cleaned(tag: str, start_tag: str) -> dict[str, str | None] | None:
    """The attributes of ``tag`` once the sanitizer has cleaned ``start_tag``; None if the element goes."""
    before, after = _CONTEXT.get(tag, ("", ""))
    start = _StartTag(tag)
    start.feed(sanitize(f"{before}{start_tag}{after}"))
    start.close()
    return start.attrs


def _allowed(tag: str, name: str) -> bool:
    """Whether the sanitizer keeps attribute ``name`` on ``tag`` with a harmless value."""
    kept = _cleaned(tag, f"<{tag} {name}={_PROBE}>")
    return kept is not None and kept.get(name) == _PROBE


def _same(name: str, kept: str, given: str) -> bool:
    """Whether the sanitizer kept the value as it was (CSS and classes it may only rewrite, not cut)."""
    if name == "class":
        return set(kept.split()) == set(given.split())
    if name == "style":
        return _declarations(kept) == _declarations(given)
    return kept == given


def _declarations(style: str) -> dict[str, str]:
    pairs = (item.split(":", 1) for item in style.split(";") if ":" in item)
    return {key.strip().lower(): value.strip() for key, value in pairs}


class _StartTag(HTMLParser):
    """The attributes of the first ``tag`` element in some HTML."""

    def __init__(self, tag: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tag = tag
        self.attrs: dict[str, str | None] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == self.tag and self.attrs is None:
            self.attrs = dict(attrs)
