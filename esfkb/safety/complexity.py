"""Markdown that Python-Markdown cannot render in bounded time or depth, found before it is rendered.

Python-Markdown (3.x) is quadratic in some constructs and recursive in others, measured here
(``markdown.markdown`` with the site's extensions, 1,000 against 4,000 repetitions):

- unmatched ``[`` in one paragraph (links, images, footnote references): 0.27 s against 4.2 s;
  in separate paragraphs it stays linear (upstream Python-Markdown issues #798 and #1619);
- unclosed raw HTML starts such as ``<a `` over the whole text: 0.16 s against 2.0 s;
- nested containers on one line (``1. 1. 1. …``, ``- - - …``) or by indentation: a
  ``RecursionError`` from about 500 levels on.

A body at the file-size limit (1 MiB) made of such runs would take hours. So a text is refused
when it exceeds limits that no real page comes near: validate reports it (ESF412) and the build
publishes a notice in its place, so the cost of what is rendered is bounded by the limits
(seconds at most) plus time linear in the size. Every check here is one pass over the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from esfkb.i18n import _

MAX_BRACKETS = 4000
"""``[`` in one text: 2,000 links or images is far more than any page holds."""
MAX_BRACKETS_PER_BLOCK = 400
"""``[`` in one paragraph (lines between blank lines), where the link processor is quadratic."""
MAX_TAG_STARTS = 2000
"""``<`` in one text, where the raw-HTML processor is quadratic in the unclosed ones."""
MAX_NESTING = 32
"""List items and block quotes opened on one line."""
MAX_INDENT = 256
"""Columns of leading white space, each four of which may open one more nested level."""

_BLANK_LINE_RE = re.compile(r"\n[ \t]*(?=\n)")
_DIGITS = frozenset("0123456789")


@dataclass(frozen=True, slots=True)
class TooComplex:
    """Where in the text a limit is passed, and which."""

    offset: int
    reason: str


def too_complex(text: str) -> TooComplex | None:
    """The first limit ``text`` passes, or None when Python-Markdown renders it in bounded time and depth."""
    if "[" in text:
        problem = _brackets(text)
        if problem is not None:
            return problem
    if text.count("<") > MAX_TAG_STARTS:
        return TooComplex(_nth(text, "<", MAX_TAG_STARTS),
                          _("more than {count} '<' in one page").format(count=MAX_TAG_STARTS))
    return _nesting(text)


def _brackets(text: str) -> TooComplex | None:
    if text.count("[") > MAX_BRACKETS:
        return TooComplex(_nth(text, "[", MAX_BRACKETS),
                          _("more than {count} '[' in one page").format(count=MAX_BRACKETS))
    start = 0
    for blank in (*_BLANK_LINE_RE.finditer(text), None):
        end = blank.start() if blank is not None else len(text)
        if text.count("[", start, end) > MAX_BRACKETS_PER_BLOCK:
            return TooComplex(_nth(text, "[", MAX_BRACKETS_PER_BLOCK, start),
                              _("more than {count} '[' in one paragraph").format(count=MAX_BRACKETS_PER_BLOCK))
        start = end
    return None


def _nesting(text: str) -> TooComplex | None:
    """Lines that open more nested containers than :data:`MAX_NESTING`, or are indented past :data:`MAX_INDENT`."""
    offset = 0
    for line in text.split("\n"):
        depth = indent = i = 0
        size = len(line)
        while i < size:
            while i < size and line[i] in " \t":
                indent += 4 if line[i] == "\t" else 1
                i += 1
            if i < size and (line[i] == ">" or (i + 1 < size and line[i] in "-*+" and line[i + 1] in " \t")):
                i += 1
            elif i < size and line[i] in _DIGITS:
                j = i
                while j < size and line[j] in _DIGITS:
                    j += 1
                if j + 1 < size and line[j] in ".)" and line[j + 1] in " \t":
                    i = j + 1
                else:
                    break
            else:
                break
            depth += 1
            if depth > MAX_NESTING:
                return TooComplex(offset + i, _("more than {count} lists or quotes nested on one line").format(
                    count=MAX_NESTING))
        if indent > MAX_INDENT:
            return TooComplex(offset, _("more than {count} columns of indentation").format(count=MAX_INDENT))
        offset += size + 1
    return None


def _nth(text: str, character: str, count: int, start: int = 0) -> int:
    """The offset of the ``count + 1``-th ``character`` from ``start``: where the limit is passed."""
    at = start - 1
    for _found in range(count + 1):
        at = text.find(character, at + 1)
    return at


def notice() -> str:
    """What the site shows in place of a page it does not render: Markdown far within the limits."""
    return ("!!! warning \"Deze pagina wordt niet getoond\"\n\n"
            "    Haar tekst is te complex om veilig weer te geven. De auteur vindt de reden met `esfkb validate` "
            "(ESF412).\n")
