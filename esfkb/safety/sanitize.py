"""The allow-list that the rendered HTML of content goes through before it is published (nh3, i.e. ammonia).

Content is every ``.md`` in ``docs_dir``: its Markdown, rendered with the site's extensions
(admonition, attr_list, md_in_html, tables, toc with permalinks), may produce only what the
policy below allows. Whatever else it holds is removed by :func:`sanitize` in the build, and
reported by ``esfkb validate`` (:mod:`esfkb.safety.audit`, which asks this same policy).

- Elements: text structure (paragraphs, headings, lists, quotes, tables, code, ``div``/``span``
  for ``md_in_html``, ``details``/``summary``, ``figure``, images, links). Never ``script``,
  ``style``, ``iframe``, ``object``, ``embed``, ``base``, ``form`` and its controls, ``meta``,
  ``link``, ``template``, ``noscript``, ``svg`` or ``math`` (no safe subset is worth its risk:
  SVG animation and MathML links run script). Those whose content is no text for a reader
  (:data:`DROPPED_WITH_CONTENT`) go with their content; others leave their text behind.
- Attributes: ``id``, ``title`` and ``lang`` everywhere; ``href`` on links; ``src``, ``alt``,
  ``width``, ``height`` on images; table spans, ``align`` and, on table cells, a ``style`` holding
  only ``text-align`` (what the tables extension writes for ``:---:``); ``start`` on ordered
  lists, ``open`` on details, ``datetime`` on ``time``/``ins``/``del``. Never an ``on…``
  handler, ``style`` elsewhere, ``target``, ``formaction``, ``srcdoc``, ``autofocus``,
  ``tabindex`` or ``ping``. Classes: only those of admonitions, of the permalink (``headerlink``)
  and a code block's language (``language-…``); no class of the theme's (``md-…``).
- URLs: ``http``, ``https``, ``mailto`` and relative ones (``#anchor``, ``../page/``). Never
  ``javascript:``, ``vbscript:``, ``data:`` or any other scheme; nh3 reads a URL as the browser
  does, so entities, tabs or ``&colon;`` do not hide a scheme.
- ``attr_list`` may set what the list above allows, nothing more: an ``id`` (``{: #name }``), a
  title, an allowed class. An ``id`` is lowercase ASCII letters, digits, ``-`` and ``_`` and does
  not start with ``__``: the theme's own ids and globals (``__drawer``, ``__md_scope``,
  ``document$``, ``applyFocusVisiblePolyfill``) can then not be clobbered, while every id the
  table of contents gives a heading (its default slugs) keeps working.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import nh3

from esfkb.site.html.markup import esc

if TYPE_CHECKING:
    from collections.abc import Mapping

TAGS = frozenset({
    "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "col", "colgroup", "dd", "del",
    "details", "dfn", "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5",
    "h6", "hr", "i", "img", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "samp", "small",
    "span", "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "time",
    "tr", "u", "ul", "var", "wbr",
})
"""Elements content may use."""
DROPPED_WITH_CONTENT = frozenset({
    "script", "style", "template", "iframe", "object", "embed", "noscript", "noembed", "noframes",
    "svg", "math", "xmp", "plaintext", "title",
})
"""Disallowed elements removed with everything inside them (code, markup or a fallback nobody reads)."""
_CELL = frozenset({"align", "colspan", "rowspan", "style"})
ATTRIBUTES: dict[str, set[str]] = {
    "*": {"id", "title", "lang"},
    "a": {"href", "class"},
    "img": {"src", "alt", "width", "height"},
    "td": set(_CELL),
    "th": {*_CELL, "scope"},
    "col": {"span"},
    "colgroup": {"span"},
    "ol": {"start"},
    "details": {"open"},
    "time": {"datetime"},
    "ins": {"datetime"},
    "del": {"datetime"},
    "div": {"class"},
    "p": {"class"},
    "code": {"class"},
}
"""Attributes content may use, by element (``*``: on every allowed element); ``class`` holds only :data:`CLASSES`."""
STYLE_PROPERTIES = frozenset({"text-align"})
"""The only CSS a ``style`` attribute (on table cells only) may keep."""
_ADMONITION_TYPES = (
    "note", "abstract", "summary", "tldr", "info", "todo", "tip", "hint", "important", "success", "check",
    "done", "question", "help", "faq", "warning", "caution", "attention", "failure", "fail", "missing",
    "danger", "error", "bug", "example", "quote", "cite",
)
CLASSES: dict[str, frozenset[str]] = {
    "div": frozenset({"admonition", *_ADMONITION_TYPES}),
    "p": frozenset({"admonition-title"}),
    "a": frozenset({"headerlink"}),
}
"""Classes content may use: an admonition's (``!!! note``) and the headings' permalinks; see also :data:`CODE_CLASS`."""
CODE_CLASS = re.compile(r"language-[\w#.+-]+\Z")
"""A code block's language (```` ```python ````), the one class a ``code`` element may have."""
URL_SCHEMES = frozenset({"http", "https", "mailto"})
"""URL schemes content may link to; relative URLs are allowed too."""
_ID_RE = re.compile(r"(?!__)[a-z0-9_-]+\Z")


def _attribute_filter(tag: str, attribute: str, value: str) -> str | None:
    """An ``id`` in the shape that cannot clobber the theme's ids and globals; of a class, the allowed names."""
    if attribute == "id":
        return value if _ID_RE.match(value) else None
    if attribute == "class":
        allowed = CLASSES.get(tag, frozenset())
        kept = [name for name in value.split() if name in allowed or (tag == "code" and CODE_CLASS.match(name))]
        return " ".join(kept) or None
    return value


_CLEANER = nh3.Cleaner(
    tags=set(TAGS),
    clean_content_tags=set(DROPPED_WITH_CONTENT),
    attributes={tag: set(names) for tag, names in ATTRIBUTES.items()},
    attribute_filter=_attribute_filter,
    filter_style_properties=set(STYLE_PROPERTIES),
    url_schemes=set(URL_SCHEMES),
    link_rel=None,  # no rel on every link: content has no target=_blank to guard, and rel is not allowed
    strip_comments=True,
)


def sanitize(html: str) -> str:
    """``html`` of content with everything the policy does not allow removed."""
    return _CLEANER.clean(html)


def escaped_meta(meta: Mapping[str, object]) -> dict[str, object]:
    """An ordinary page's own metadata with its texts escaped: the theme prints title and description as HTML."""
    return {key: esc(value) if isinstance(value, str) else value for key, value in meta.items()}
