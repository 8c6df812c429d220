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

if TYPE_CHECKING:
    from collections.abc import Iterable

_STRONG_RE = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*")
_EM_RE = re.compile(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])")
_CODE_RE = re.compile(r"`([^`]+)`")
_SPECIAL_RE = re.compile(r"[&<>\"']")
_SAFE_SCHEMES = frozenset({"http", "https", "mailto", "tel"})


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


def inline(text: str) -> Html:
    """Escape free text and render the inline Markdown marks it may use (bold, italic, code)."""
    out = esc(text)
    if "`" in out:
        out = _CODE_RE.sub(r"<code>\1</code>", out)
    if "*" in out:
        out = _EM_RE.sub(r"<em>\1</em>", _STRONG_RE.sub(r"<strong>\1</strong>", out))
    return Html(out)


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
