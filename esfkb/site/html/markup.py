"""Small HTML builders that escape every value, so no renderer concatenates raw content.

Content is untrusted input (design §4): text from frontmatter is escaped here, once, and only
the few inline Markdown marks that free-text fields may use are turned into tags afterwards.
"""

from __future__ import annotations

import functools
import html
import re
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from esfkb.model.phone import phone_number

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

_CODE_RE = re.compile(r"`([^`]+)`")
_SPECIAL_RE = re.compile(r"[&<>\"']")
_SAFE_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
_CODE_MARK, _STRONG_MARK = '"', "'"
"""What stands for a code span and for a bold span while the marks around them are paired. :func:`esc` turns
every quote of the text into an entity, so a mark cannot be mistaken for content; like the element it stands
for, it is neither a space, a word character nor a ``*``."""


class Html(str):
    """A string that is already safe HTML; :func:`esc` leaves it as it is."""

    __slots__ = ()


def esc(value: object) -> Html:
    """Escape ``value`` for text and attribute positions (quotes included).

    Most values hold none of the five special characters: one search finds that, where escaping
    would scan the text five times.
    """
    if type(value) is Html:
        return value
    if value is None:
        return _EMPTY
    text = value if type(value) is str else str(value)
    return Html(html.escape(text, quote=True) if _SPECIAL_RE.search(text) else text)


_EMPTY = Html("")


def join(parts: Iterable[object], separator: str = "") -> Html:
    """Concatenate escaped parts."""
    return Html(esc(separator).join([p if type(p) is Html else esc(p) for p in parts]))


@functools.cache
def _attribute_name(name: str) -> str:
    return name.rstrip("_").replace("_", "-")


def el(tag: str, *children: object, **attrs: object) -> Html:
    """An element ``<tag attrs>children</tag>``; attribute names use ``_`` for ``-`` and ``class_``.

    Attributes whose value is None or False are left out; True gives a bare attribute. This runs a
    few hundred times per page, hence the plain loops.
    """
    rendered = ""
    for name, value in attrs.items():
        if value is None or value is False:
            continue
        key = _attribute_name(name)
        rendered += f" {key}" if value is True else f' {key}="{esc(value)}"'
    inner = "".join([c if type(c) is Html else esc(c) for c in children])
    return Html(f"<{tag}{rendered}>{inner}</{tag}>")


def safe_href(url: str) -> str | None:
    """``url`` when it is relative or uses a harmless scheme, else None (never ``javascript:``)."""
    scheme = urlsplit(url.strip()).scheme.lower()
    if scheme and scheme not in _SAFE_SCHEMES:
        return None
    return url.strip()


def link(href: str | None, text: object, **attrs: object) -> Html:
    """A link, or plain escaped text when ``href`` is missing or unsafe."""
    target = safe_href(href) if href is not None else None
    if target is None:
        return esc(text)
    return el("a", text, href=target, **attrs)


def phone_link(value: str) -> Html:
    """A phone number in Belgian notation (014 21 00 01), dialling its E.164 form (:mod:`esfkb.model.phone`)."""
    number = phone_number(value)
    return link(number.tel, number.shown)


def inline(text: str) -> Html:
    """Escape free text and render the inline Markdown marks it may use (bold, italic, code).

    Code spans are cut out first and stay literal; then ``**`` pairs, and ``*`` pairs inside and around the bold
    spans, so the tags always nest. A pair never spans a line break. Time is linear in the length of the text,
    whatever it holds: content is untrusted.
    """
    out = esc(str(text))  # an Html argument is escaped too: every quote left after escaping is a mark
    if "`" not in out and "*" not in out:
        return out
    pieces = _CODE_RE.split(out) if "`" in out else [out]
    out = _CODE_MARK.join(pieces[::2])
    if "*" in out:
        bold: list[str] = []

        def set_aside(content: str) -> str:
            bold.append(f"<strong>{_emphasis(content)}</strong>")
            return _STRONG_MARK

        out = _fill(_emphasis(_pair(out, "**", _strong_opens, _strong_closes, set_aside)), _STRONG_MARK, bold)
    if len(pieces) > 1:
        out = _fill(out, _CODE_MARK, [f"<code>{code}</code>" for code in pieces[1::2]])
    return Html(out)


def _emphasis(text: str) -> str:
    return _pair(text, "*", _em_opens, _em_closes, lambda content: f"<em>{content}</em>") if "*" in text else text


def _fill(text: str, mark: str, parts: list[str]) -> str:
    """``text`` with each ``mark`` replaced by the next of ``parts``."""
    pieces = text.split(mark)
    rendered = [pieces[0]]
    for part, rest in zip(parts, pieces[1:], strict=True):
        rendered += (part, rest)
    return "".join(rendered)


def _pair(text: str, mark: str, opens: Callable[[str, int], bool], closes: Callable[[str, int], bool],
          render: Callable[[str], str]) -> str:
    """``text`` with each span from an opening ``mark`` to the nearest closing one rendered, leftmost first.

    A span holds at least one character and no line break, and is not searched again: what a lazy regex
    substitution does, but every mark is looked at a bounded number of times, so a failed opening costs no
    rescan and the time stays linear.
    """
    width = len(mark)
    marks = []
    at = text.find(mark)
    while at >= 0:
        marks.append(at)
        at = text.find(mark, at + 1)
    closers = [j for j in marks if closes(text, j)]
    parts: list[str] = []
    done = next_closer = 0
    line_end = -1
    for i in marks:
        if i < done or not opens(text, i):
            continue
        while next_closer < len(closers) and closers[next_closer] <= i + width:
            next_closer += 1
        if next_closer == len(closers):
            break
        if line_end < i:
            line_end = text.find("\n", i)
            if line_end < 0:
                line_end = len(text)
        j = closers[next_closer]
        if j > line_end:
            continue
        parts += (text[done:i], render(text[i + width:j]))
        done = j + width
    parts.append(text[done:])
    return "".join(parts)


def _is_word_or_star(text: str, k: int) -> bool:
    """Whether ``text`` has a word character or a ``*`` at ``k`` (regex ``[\\w*]``)."""
    return 0 <= k < len(text) and (text[k].isalnum() or text[k] in "_*")


def _strong_opens(text: str, i: int) -> bool:
    return not text[i + 2:i + 3].isspace()


def _strong_closes(text: str, j: int) -> bool:
    return j > 0 and not text[j - 1].isspace()


def _em_opens(text: str, i: int) -> bool:
    return not _is_word_or_star(text, i - 1) and not text[i + 1:i + 2].isspace()


def _em_closes(text: str, j: int) -> bool:
    return j > 0 and not text[j - 1].isspace() and not _is_word_or_star(text, j + 1)


def paragraphs(text: str | None) -> Html:
    """Free text as paragraphs: blank lines separate them, single newlines are spaces."""
    if not text:
        return Html("")
    blocks = [" ".join(b.split()) for b in re.split(r"\n\s*\n", text.strip())]
    return Html("".join(f"<p>{inline(b)}</p>" for b in blocks if b))


def bullet_list(items: Iterable[object], **attrs: object) -> Html:
    """An unordered list of already rendered or plain items (empty string when there are none)."""
    rendered = [el("li", item) for item in items]
    return el("ul", *rendered, **attrs) if rendered else Html("")
