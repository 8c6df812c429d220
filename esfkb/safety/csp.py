"""The Content-Security-Policy of every page: script only from the site and the theme's inline scripts by hash.

A static site sends no headers of its own, so the policy travels in the page, as a
``<meta http-equiv="Content-Security-Policy">`` that opens its ``<head>`` (before any script).
A server that can send headers may send the same policy as a ``Content-Security-Policy`` header.

- ``script-src 'self'`` and, per page, the SHA-256 of each inline script the theme writes in the
  page's ``<head>`` and after its content (Material's ``__md_scope`` and anchor scripts, whose text
  varies with the page's depth). An inline script inside the content (``<article>``) is never
  allowed, should one get past the sanitizer; nor is an inline event handler or a ``javascript:`` URL.
  ``'wasm-unsafe-eval'``: Pagefind's search runs as WebAssembly.
- ``style-src 'self'`` with ``style-src-attr 'unsafe-inline'``: style sheets only from the site; style
  attributes (table alignment, the theme's own) may stay. No ``<style>`` element applies.
- ``img-src 'self' data:``: the theme's icons are ``data:`` SVGs in its style sheet.
- ``object-src 'none'``, ``base-uri 'self'``, ``form-action 'self'``; everything else (fonts, the
  search index, Pagefind's worker) only from the site itself (``default-src 'self'``).

In the preview of ``mkdocs serve`` (``preview``), MkDocs adds an inline live-reload script to every
page it serves, whose text changes with each request, so no hash can allow it: there script-src also
allows inline scripts (``'unsafe-inline'``, which a browser ignores once a hash is listed, so the
preview lists none). Content is sanitised all the same; a built site never carries this policy.
"""

from __future__ import annotations

import base64
import hashlib
import re
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterator

DIRECTIVES = (
    "default-src 'self'",
    "script-src 'self' 'wasm-unsafe-eval'{hashes}",
    "style-src 'self'",
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
)
"""The policy; ``{hashes}`` stands for the page's inline scripts."""
_HEAD_RE = re.compile(r"<head\b[^>]*>", re.IGNORECASE)
_SCRIPT_START_RE = re.compile(r"<script\b([^>]*)>")
_TYPE_RE = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]+)""", re.IGNORECASE)
_SCRIPT_TYPES = frozenset({"", "text/javascript", "application/javascript", "module"})
"""The ``type`` of a script that runs (others, such as Material's JSON configuration, are data)."""


PREVIEW_SCRIPTS = " 'unsafe-inline'"
"""What script-src adds in ``mkdocs serve``'s preview, for its live-reload script (see above)."""


def policy(html: str, *, preview: bool = False) -> str:
    """The Content-Security-Policy for the page ``html``, its theme's inline scripts allowed by hash.

    No script of the theme's stands in the page's title (text, however it looks) or in its content
    (the ``<article>``, whose SVG charts have titles of their own).
    """
    if preview:
        return "; ".join(DIRECTIVES).format(hashes=PREVIEW_SCRIPTS)
    title = html.find("<title")
    content = html.find("<article")
    regions = ((title, html.find("</title>", title)), (content, html.rfind("</article>")))
    hashes = []
    for script in _scripts(html):
        attributes = script.group(1)
        if any(start <= script.start() < end for start, end in regions) or "src" in attributes.lower():
            continue
        kind = _TYPE_RE.search(attributes)
        if (kind.group(1).lower() if kind else "") in _SCRIPT_TYPES:
            close = html.find("</script>", script.end())
            hashes.append(_hash(html[script.end():close]))
    sources = "".join(f" {h}" for h in dict.fromkeys(hashes))
    return "; ".join(DIRECTIVES).format(hashes=sources)


def with_policy(html: str, *, preview: bool = False) -> str:
    """The page ``html`` with its Content-Security-Policy as the first element of its ``<head>``."""
    head = _HEAD_RE.search(html)
    if head is None:
        return html
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy(html, preview=preview)}">'
    return f"{html[:head.end()]}{meta}{html[head.end():]}"


def _scripts(html: str) -> Iterator[re.Match[str]]:
    """The start tag of each ``<script>`` as the theme writes it (in lowercase: any other is not hashed, so refused)."""
    at = html.find("<script")
    while at >= 0:
        start = _SCRIPT_START_RE.match(html, at)
        if start is not None:
            yield start
        at = html.find("<script", at + 1)


@lru_cache(maxsize=256)
def _hash(code: str) -> str:
    digest = hashlib.sha256(code.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


EDITOR_DIRECTIVES = (
    "default-src 'self'",
    "script-src 'self' 'unsafe-eval'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:{origins}",
    "connect-src 'self'{origins}",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
)
"""The policy of the editor's page (``/redactie/``) only, which runs Decap CMS and no content of the site.

What Decap needs beyond the site's policy, and why: ``'unsafe-eval'``, because Decap checks its
configuration with Ajv, which compiles JSON Schemas into functions (``new Function``); ``'unsafe-inline'``
styles, because its components write their style sheets into the page as they render (emotion), whose
text no hash can know ahead; ``blob:`` images, for the preview of an image being uploaded; and
``connect-src``/``img-src`` for the origins it saves to, ``{origins}``: decap-server on 127.0.0.1 and the
git host's API. Still no inline script, no plugin, no other host. Every other page keeps :data:`DIRECTIVES`.
"""


def editor_policy(origins: list[str]) -> str:
    """The editor page's policy, allowing ``origins`` besides the site (see :data:`EDITOR_DIRECTIVES`)."""
    return "; ".join(EDITOR_DIRECTIVES).format(origins="".join(f" {o}" for o in origins))
