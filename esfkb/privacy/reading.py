"""Text as a reader sees it: the one normalisation behind every privacy check (design §4).

Validate's ESF401/ESF402 and the build's leak scan look for contact data in :func:`read`'s text,
not in the source: tags removed (by :mod:`html.parser`; the text of start tags with attributes, where
``mailto:`` and ``tel:`` links are, follows on lines of its own), HTML entities and percent-encoding
decoded (repeatedly, for what was encoded twice), format characters (soft hyphen, zero-width, bidi
controls) removed, Unicode NFKC (full-width digits and ``@``), and the usual obfuscations of ``@``
and ``.`` written out. A :class:`Reading` maps every offset of its text back to the source, so a
finding keeps its file, line and column.

Each step runs only when the text has what it changes (``<``, ``&``, ``%``, non-ASCII, brackets,
a spelled-out ``at``): plain text costs a few scans at C speed.
"""

from __future__ import annotations

import html
import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import TYPE_CHECKING
from urllib.parse import unquote

if TYPE_CHECKING:
    from collections.abc import Iterable

_BLOCK_TAGS = frozenset({
    "address", "article", "aside", "blockquote", "br", "caption", "dd", "details", "div", "dl", "dt",
    "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main",
    "nav", "ol", "option", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th",
    "thead", "title", "tr", "ul",
})
"""Elements that end a word: their tags read as a space, every other tag as nothing (``jan<b></b>@x.example``)."""
_PLAIN_TAG_RE = re.compile(r"[a-z][a-z0-9]*")
_ENTITY_RE = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});?")
_PERCENT_RE = re.compile(r"(?:%[0-9A-Fa-f]{2})+")
_DECODE_ROUNDS = 3
"""How often entities and percent-encoding are decoded (``&amp;#64;``, ``%2540``) before the text counts as read."""
_INVISIBLE = (
    "\u00ad\u034f\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e\u200b-\u200f\u202a-\u202e"
    "\u2060-\u2064\u2066-\u206f\ufe00-\ufe0f\ufeff\ufff9-\ufffb")
_INVISIBLE_ASTRAL = (
    "\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001"
    "\U000e0020-\U000e007f")
_INVISIBLE_RE = re.compile(f"[{_INVISIBLE}{_INVISIBLE_ASTRAL}]+")
"""Format characters (Unicode category Cf: soft hyphen, zero-width, bidi controls, word joiner, tags)
and the other invisible joiners (combining grapheme joiner, variation selectors): a reader sees nothing."""
_MAYBE_INVISIBLE_RE = re.compile(f"[{_INVISIBLE}\U00010000-\U0010ffff]")
"""A quick first look: ranges beyond the BMP make :data:`_INVISIBLE_RE` several times slower to run."""
_LATIN1_COMPATIBLE = "\xa0\xa8\xaa\xaf\xb2\xb3\xb4\xb5\xb8\xb9\xba\xbc\xbd\xbe"
"""The characters up to U+00FF that NFKC changes (no-break space, superscript digits, fractions...): one
substring search each is faster than :func:`unicodedata.is_normalized`."""
_NON_ASCII_RE = re.compile(r"[^\x00-\x7f]+")
_BRACKETED_RES = tuple(
    re.compile(rf"{re.escape(opening)}\s*(?:(?P<at>at|apenstaartje|aapje|at-teken|@)|dot|punt|period|\.)\s*[\])}}]",
               re.IGNORECASE) for opening in "[({")
"""``[at]``, ``(punt)``, ``{dot}``...: in brackets, "at" or "punt" is an obfuscation wherever it is. One
pattern per opening bracket: a pattern that starts with a literal is looked for several times faster."""
_SPELLED_AT_RES = (
    re.compile(r"a(?:[tT](?<=\sa[tT])|penstaartje(?<=\sapenstaartje)|apje(?<=\saapje))(?=\s)"),
    re.compile(r"A(?:[tT](?<=\sA[tT])|(?:penstaartje|PENSTAARTJE)(?<=\sA.{11})|(?:apje|APJE)(?<=\sA.{4}))(?=\s)"),
    re.compile("@"),
)
"""The word "at", "apenstaartje" or "aapje" between spaces (lower case, capitalised, upper case), and every ``@``:
where a spelled-out address may start. Each pattern starts with a literal, to be looked for quickly."""
_LOCAL_END_RE = re.compile(r"[\w.+-]+$")
_SPELLED_HOST_RE = re.compile(r"[\w-]+(?:(?:\s+(?:dot|punt)\s+|\s+\.\s*|\.)[\w-]+)+", re.IGNORECASE)
_SPELLED_DOT_RE = re.compile(r"\s+(?:dot|punt)\s+|\s+\.\s*", re.IGNORECASE)
"""Spelled out (``jan at voorbeeld punt be``, ``jan @ voorbeeld . be``), only where the words are shaped like an
address: "punt" is an ordinary Dutch word, "at" an English one, and "kijk at this. Then" no address."""
_SPACE_CHARS = " \t\r\n"
_ANY_TAG_RE = re.compile(r"<[A-Za-z/!?][^<>]*>")
_UNCLOSED_RE = re.compile(r"<(?=[^<>]*(?:<|\Z))")
_UNCLOSED = "\ufffc"
"""What a ``<`` that :mod:`html.parser` would mishandle is read as: one character for one, no word character."""
_COMMENT_CLOSE_RE = re.compile(r"--\s*>")
_TAG_WITH_ATTRIBUTES_RE = re.compile(r"<[A-Za-z][^<>\s]*\s[^<>]*>")


@dataclass(frozen=True, slots=True)
class _Step:
    """Offsets of one step: segment ``i`` starts at ``starts[i]`` of the output and ``origins[i]`` of the input."""

    starts: list[int]
    origins: list[int]
    copied: list[bool]
    """Copied as it was (offsets map one to one), else a replacement (every offset maps to its start)."""

    def back(self, offset: int) -> int:
        i = bisect_right(self.starts, offset) - 1
        return self.origins[i] + (offset - self.starts[i] if self.copied[i] else 0)


@dataclass(frozen=True, slots=True)
class Reading:
    """The text a reader sees, and the steps that lead back to the source."""

    text: str
    steps: tuple[_Step, ...] = ()

    def source_offset(self, offset: int) -> int:
        """Where the character at ``offset`` of :attr:`text` is in the source."""
        for step in reversed(self.steps):
            offset = step.back(offset)
        return offset


def read(source: str, *, markup: bool = True) -> Reading:
    """``source`` as a reader sees it; ``markup``: it may hold HTML tags (HTML, Markdown), else it is plain text."""
    text, steps = source, []

    def apply(replaced: tuple[str, _Step | None]) -> None:
        nonlocal text
        text, step = replaced
        if step is not None:
            steps.append(step)

    if markup and "<" in text:
        apply(_without_tags(text))
    for _ in range(_DECODE_ROUNDS):
        before = len(steps)
        if "&" in text:
            apply(_substitute(text, _entities(text)))
        if "%" in text:
            apply(_substitute(text, _percent_encoded(text)))
        if len(steps) == before:
            break
    if not text.isascii():
        latin1 = _is_latin1(text)
        if "\u00ad" in text if latin1 else _MAYBE_INVISIBLE_RE.search(text):
            apply(_substitute(text, ((m.start(), m.end(), "") for m in _INVISIBLE_RE.finditer(text))))
        if (any(c in text for c in _LATIN1_COMPATIBLE) if latin1 else not unicodedata.is_normalized("NFKC", text)):
            apply(_substitute(text, _compatibility(text)))
    if any(pattern.search(text) for pattern in _BRACKETED_RES):
        apply(_substitute(text, _bracketed(text)))
    if any(pattern.search(text) for pattern in _SPELLED_AT_RES):
        apply(_substitute(text, _spelled(text)))
    return Reading(text, tuple(steps))


def skim(page: str) -> str:
    """More than :func:`read` finds in an HTML ``page``, at the speed of a few patterns: whether to read it at all.

    The page with its tags cut out by pattern (so that what a tag split, ``jan<b></b>@voorbeeld.example``, is
    joined), then its start tags with attributes, as :func:`read` has them. Words that a block
    element keeps apart run together here: compare names without their spaces. A pattern misreads
    some markup, so what it finds is no finding yet: only :func:`read`'s text, which parses the tags, is.
    """
    tags = "\n".join(_TAG_WITH_ATTRIBUTES_RE.findall(page))
    cut = _ANY_TAG_RE.sub("", _COMMENT_CLOSE_RE.sub("", page.replace("<!--", "")))  # a comment's text stays
    return read(f"{cut}\n{tags}", markup=False).text


def _is_latin1(text: str) -> bool:
    """Whether ``text`` has no character beyond U+00FF (then U+00AD is its only possible format character)."""
    try:
        text.encode("latin-1")
    except UnicodeEncodeError:
        return False
    return True


def _substitute(text: str, replacements: Iterable[tuple[int, int, str]],
                appended: Iterable[tuple[int, int]] = ()) -> tuple[str, _Step | None]:
    """``text`` with each ``(start, end, new)`` (in order, not overlapping) replaced, then each ``appended``
    span of ``text`` on a line of its own; and the step that maps the result back."""
    pieces: list[str] = []
    starts, origins, copied = [0], [0], [True]
    done = out = 0

    def segment(origin: int, piece: str, *, copy: bool) -> None:
        nonlocal out
        starts.append(out)
        origins.append(origin)
        copied.append(copy)
        pieces.append(piece)
        out += len(piece)

    for start, end, new in replacements:
        if start < done:
            continue
        pieces.append(text[done:start])
        out += start - done
        segment(start, new, copy=False)
        segment(end, "", copy=True)
        done = end
    pieces.append(text[done:])
    out += len(text) - done
    for start, end in appended:
        segment(start, "\n", copy=False)
        segment(start, text[start:end], copy=True)
    if len(starts) == 1:
        return text, None
    return "".join(pieces), _Step(starts, origins, copied)


class _Markup(HTMLParser):
    """Where the text of an HTML source is, where word-ending tags are, and which start tags say more than a name."""

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=False)  # entities come apart, so that text keeps its offsets
        self._source = source
        self._lines = [0, *(m.end() for m in re.finditer("\n", source))]
        self.text: list[tuple[int, int]] = []
        self.breaks: list[int] = []
        self.tags: list[tuple[int, int]] = []

    def _offset(self) -> int:
        line, column = self.getpos()
        return self._lines[line - 1] + column

    def handle_data(self, data: str) -> None:
        start = self._offset()
        self.text.append((start, start + len(data)))

    def handle_entityref(self, name: str) -> None:
        self._reference(len(name) + 1)

    def handle_charref(self, name: str) -> None:
        self._reference(len(name) + 2)

    def _reference(self, length: int) -> None:
        start = self._offset()
        end = start + length
        self.text.append((start, end + 1 if self._source.startswith(";", end) else end))

    def handle_comment(self, data: str) -> None:
        """A comment is no text on the page, but it is in the file: it is read, apart from the words around it."""
        start = self._offset() + len("<!--")
        self.breaks.append(start)
        self.text.append((start, start + len(data)))
        self.breaks.append(start + len(data))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        start = self._offset()
        if attrs or not _PLAIN_TAG_RE.fullmatch(tag):  # href="mailto:...", or an autolink <jan@voorbeeld.example>
            self.tags.append((start, start + len(self.get_starttag_text() or "")))
        if tag in _BLOCK_TAGS:
            self.breaks.append(start)

    def handle_endtag(self, tag: str) -> None:
        if tag in _BLOCK_TAGS:
            self.breaks.append(self._offset())


def _without_tags(source: str) -> tuple[str, _Step | None]:
    """The text of ``source`` without its markup, then the text of its telling start tags, a line each.

    :mod:`html.parser` reads :func:`_parseable` text.
    """
    parser = _Markup(source)
    parser.feed(_parseable(source))
    parser.close()

    def gaps() -> Iterable[tuple[int, int, str]]:
        done = 0
        for start, end in (*parser.text, (len(source), len(source))):
            if start > done:
                first = bisect_right(parser.breaks, done - 1)
                ends_word = first < len(parser.breaks) and parser.breaks[first] < start
                yield done, start, " " if ends_word else ""
            done = max(done, end)

    return _substitute(source, gaps(), parser.tags)


def _parseable(source: str) -> str:
    """``source`` with what :mod:`html.parser` mishandles read as text, one character for one.

    A ``<`` that no ``>`` closes before the next ``<``, and a comment opened after the last ``-->``: for
    each, the parser looks through the rest of the text (minutes for 150 KB of ``<a ``). And ``<![``,
    which HTML shows as nothing, and on which the parser raises for an unknown keyword (``<![x[``).
    """
    text = _UNCLOSED_RE.sub(_UNCLOSED, source).replace("<![", _UNCLOSED + "![")
    last_close = max((m.end() for m in _COMMENT_CLOSE_RE.finditer(text)), default=0)
    if "<!--" in text[last_close:]:
        text = text[:last_close] + text[last_close:].replace("<!--", _UNCLOSED + "!--")
    return text


def _entities(text: str) -> Iterable[tuple[int, int, str]]:
    for match in _ENTITY_RE.finditer(text):
        decoded = html.unescape(match.group())
        if decoded != match.group():
            yield match.start(), match.end(), decoded


def _percent_encoded(text: str) -> Iterable[tuple[int, int, str]]:
    for match in _PERCENT_RE.finditer(text):
        try:
            yield match.start(), match.end(), unquote(match.group(), errors="strict")
        except UnicodeDecodeError:  # not UTF-8: not text a browser would show
            continue


def _compatibility(text: str) -> Iterable[tuple[int, int, str]]:
    for match in _NON_ASCII_RE.finditer(text):
        normal = unicodedata.normalize("NFKC", match.group())
        if normal != match.group():
            yield match.start(), match.end(), normal


def _widened(text: str, start: int, end: int) -> tuple[int, int]:
    """``start`` and ``end`` moved out over the spaces around an obfuscated '@' or '.', which read as nothing."""
    while start > 0 and text[start - 1] in _SPACE_CHARS:
        start -= 1
    while end < len(text) and text[end] in _SPACE_CHARS:
        end += 1
    return start, end


def _bracketed(text: str) -> Iterable[tuple[int, int, str]]:
    matches = sorted((m for pattern in _BRACKETED_RES for m in pattern.finditer(text)), key=lambda m: m.start())
    for match in matches:
        start, end = _widened(text, *match.span())
        yield start, end, "@" if match.group("at") else "."


def _spelled(text: str) -> Iterable[tuple[int, int, str]]:
    matches = sorted((m for pattern in _SPELLED_AT_RES for m in pattern.finditer(text)), key=lambda m: m.start())
    for match in matches:
        start, end = _widened(text, *match.span())
        host = _SPELLED_HOST_RE.match(text, end)
        if not host or not _LOCAL_END_RE.search(text, max(0, start - 64), start):
            continue
        if text[start:end] != "@":
            yield start, end, "@"
        for dot in _SPELLED_DOT_RE.finditer(text, host.start(), host.end()):
            yield dot.start(), dot.end(), "."


_TRUNK_ZERO_RE = re.compile(r"^(\+\d{1,3})\s*\(\s*0\s*\)")


def phone_digits(number: str, country: str = "32") -> str:
    """The digits of a phone number in international form, however it is written.

    ``+32 (0)470 12 34 56``, ``0032 470 12 34 56``, ``0470/12.34.56`` and ``+32470123456`` all give
    ``32470123456``; a national number (one leading 0) is taken as one of ``country``.
    """
    number = _TRUNK_ZERO_RE.sub(r"\1", number.strip())
    digits = re.sub(r"\D", "", number)
    if number.startswith("+"):
        return digits
    if digits.startswith("00"):
        return digits[2:]
    if digits.startswith("0"):
        return country + digits[1:]
    return digits
