"""Markup in content that the site's sanitizer removes: reported where the author wrote it, before the build.

Every document's body and every ordinary page is rendered as the site renders it
(:mod:`esfkb.safety.rendering`) and judged by the sanitizer itself (:mod:`esfkb.safety.audit`).
The position is found by looking for the markup in the source (the tag as written, else the
attribute's value or name), from where the previous finding stood; failing that, the body's first line.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from esfkb.checks.by_content import ByContent
from esfkb.checks.diagnostics import Code, Diagnostic, Severity
from esfkb.checks.rule import Rule
from esfkb.config import CONFIG_FILE
from esfkb.i18n import N_, _
from esfkb.privacy.detectors import line_and_column
from esfkb.safety.complexity import too_complex

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

    from esfkb.base.knowledge_base import KnowledgeBase
    from esfkb.checks.rule import RuleContext
    from esfkb.safety.audit import Removal

SCRIPT = Code("ESF403", "script-in-content", Severity.ERROR, N_("Content contains a <script> tag."),
              N_("Content is untrusted input: scripts would run in every visitor's browser. The site removes them."))
HANDLER = Code("ESF404", "event-handler-in-content", Severity.ERROR,
               N_("Content contains an HTML event handler (on...=)."),
               N_("Attributes such as onclick or onerror run scripts; write plain Markdown instead. The site "
                  "removes them, also where attr_list ({: ... }) sets them."))
UNSAFE_URL = Code("ESF405", "javascript-url", Severity.ERROR,
                  N_("Content contains a javascript: URL or another scheme links may not use."),
                  N_("Links and images may use http, https, mailto and relative URLs only: javascript:, vbscript:, "
                     "data: and other schemes run code or hide content, however they are written (entities, tabs, "
                     "&colon;). The site removes them."))
FRAME = Code("ESF406", "embedded-frame", Severity.ERROR, N_("Content embeds an iframe, object or embed."),
             N_("Embedded frames load third-party content and leak visitor data; link to the page instead."))
ELEMENT = Code("ESF410", "disallowed-element", Severity.ERROR, N_("Content contains an HTML element the site removes."),
               N_("Content may use the elements Markdown writes (paragraphs, headings, lists, tables, code, links, "
                  "images, admonitions) and a few more (div, span, details, figure, ...); never forms and their "
                  "controls, style, meta, base, link, svg, math, template or noscript. The README lists them."))
ATTRIBUTE = Code("ESF411", "disallowed-attribute", Severity.ERROR,
                 N_("Content contains an HTML attribute (or part of one) the site removes."),
                 N_("Content may set id, title and lang, a link's href, an image's src, alt and size, table spans and "
                    "alignment, and the classes of admonitions; an id is lowercase letters, digits, - and _ and does "
                    "not start with __. Never style, target, autofocus, tabindex or formaction. The README lists "
                    "them."))
TOO_COMPLEX = Code("ESF412", "markdown-too-complex", Severity.ERROR,
                   N_("Content is too complex for the site's Markdown to render safely."),
                   N_("Python-Markdown takes time quadratic in some constructs and recurses in others (thousands of "
                      "'[' or '<', lists nested on one line hundreds deep), so a page that passes the limits of "
                      "esfkb.safety.complexity is not rendered: the site shows a notice in its place."))

_FRAMES = frozenset({"iframe", "object", "embed", "frame", "frameset", "applet"})
_MAY_CHANGE = (("<", ("<",)), ("{", ("{",)), ("&", ("&",)), ("]", ("](", "]:")), ("!", ("!!!",)), ("_", ("__", "\\_")))
"""What a body needs to contain before its HTML can hold anything the sanitizer removes, by a character of it.

The single character is looked for first: Python finds one character several times faster than
two (0.05 s instead of 0.24 s for the 10,000 bodies of the benchmark, none of which holds any).

Without these, Markdown writes only elements and attributes the policy allows: no raw HTML or
autolink (``<``), no attr_list (``{``), no entity or URL that hides a scheme (``&``), no link or
image URL (``](``, reference ``]:``), no admonition with a class of its own choosing (``!!!``), and
no heading whose table-of-contents id starts with ``__`` (``__``, ``\\_``, or ``&#95;``). Code
blocks and spans, emphasis, lists, tables (cells aligned by ``style="text-align: …"``), rules and
headings with ids of letters and digits are all allowed.
"""
_FRONTMATTER_RE = re.compile(r"-{3}[ \t]*\n.*?\n(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)
"""An ordinary page's YAML metadata, which MkDocs takes off before rendering."""
_SNIPPET = 80
MAX_FINDINGS = 100
"""Findings reported per file at most: enough to learn from, and each costs a search of the source."""


class MarkupRule(Rule):
    """Report what the sanitizer would remove from each document's body and each ordinary page."""

    codes = (SCRIPT, HANDLER, UNSAFE_URL, FRAME, ELEMENT, ATTRIBUTE, TOO_COMPLEX)

    def check(self, kb: KnowledgeBase, context: RuleContext) -> Iterator[Diagnostic]:
        root = kb.project.root
        config = root / CONFIG_FILE  # the Markdown that renders a body is the configuration's
        stamp = config.stat().st_mtime_ns if config.is_file() else 0
        _seen.begin((root, stamp))
        for document in kb.files:
            parsed = document.parsed
            yield from _seen.found((document.rel_path, parsed.body, parsed.body_line),
                                   lambda p=parsed, d=document: _check(root, d.rel_path, p.body, p.body_line))
        for page in kb.pages:
            metadata = _FRONTMATTER_RE.match(page.text)
            start = metadata.end() if metadata else 0
            yield from _seen.found((page.project_path, page.text), lambda p=page, s=start: _check(
                root, p.project_path, p.text[s:], 1 + p.text.count("\n", 0, s)))


_seen = ByContent()
"""What the rule found in each body, from one validation to the next (``mkdocs serve``)."""


def may_change(body: str) -> bool:
    """Whether the sanitizer can find anything to remove in the HTML of ``body`` (see :data:`_MAY_CHANGE`)."""
    return any(character in body and any(token in body for token in tokens) for character, tokens in _MAY_CHANGE)


def _check(root: Path, rel_path: str, body: str, first_line: int) -> Iterator[Diagnostic]:
    problem = too_complex(body)
    if problem is not None:
        line, column = line_and_column(body, problem.offset, first_line)
        yield Diagnostic(rel_path, line, column, TOO_COMPLEX.code,
                         _("{reason}: the site does not render this page; simplify it").format(reason=problem.reason),
                         TOO_COMPLEX.severity)
        return
    if not may_change(body):
        return
    from esfkb.safety.audit import removals  # lazy: a base whose bodies cannot change loads neither nh3 nor Markdown
    from esfkb.safety.rendering import render

    source = body.lower()
    cursor = 0
    for removal in removals(render(root, body))[:MAX_FINDINGS]:
        cursor = _locate(source, removal, cursor)
        line, column = line_and_column(body, cursor, first_line)
        code, message = _described(removal)
        yield Diagnostic(rel_path, line, column, code.code, message, code.severity)


def _locate(source: str, removal: Removal, cursor: int) -> int:
    """Where ``removal`` was written in ``source`` (lowercase), looking from ``cursor`` on first; else 0."""
    for needle in _needles(removal):
        at = source.find(needle, cursor)
        if at < 0:
            at = source.find(needle)
        if at >= 0:
            return at
    return 0


def _needles(removal: Removal) -> Iterator[str]:
    yield removal.start_tag.lower()
    if removal.attribute is not None:
        written = re.search(rf"{re.escape(removal.attribute)}\s*=\s*(\"[^\"]*|'[^']*|[^\s>]+)",
                            removal.start_tag, re.IGNORECASE)
        if written:
            yield written.group(1).lstrip("\"'").lower()
        if removal.value:
            yield removal.value.lower()
        yield removal.attribute
    yield f"<{removal.tag}"


def _described(removal: Removal) -> tuple[Code, str]:
    tag = removal.tag
    if removal.attribute is None:
        code = SCRIPT if tag == "script" else FRAME if tag in _FRAMES else ELEMENT
        return code, _("'{markup}' is not allowed in content: the site removes the <{tag}> element; "
                       "remove it").format(markup=_short(removal.start_tag), tag=tag)
    name = removal.attribute
    if removal.handler:
        return HANDLER, _("'{name}' on <{tag}> is an event handler, not allowed in content: the site removes "
                          "it; remove it").format(name=name, tag=tag)
    if removal.url:
        return UNSAFE_URL, _("'{url}' in {name} of <{tag}> is not allowed in content: links and images may use "
                             "http, https, mailto or relative URLs only; remove it").format(
                                 url=_short(removal.value), name=name, tag=tag)
    return ATTRIBUTE, _("'{name}=\"{value}\"' on <{tag}> is not allowed in content: the site removes what the "
                        "policy does not allow of it; remove it").format(
                            name=name, value=_short(removal.value), tag=tag)


def _short(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= _SNIPPET else f"{flat[:_SNIPPET - 1]}…"
