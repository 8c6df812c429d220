"""Where a source file is published and how one page links to another.

Mirrors the URL rules of static site generators with "directory URLs" (``a/b.md`` becomes
``a/b/``, ``a/index.md`` becomes ``a/``), so the core can link pages before any generator runs.
"""

from __future__ import annotations

import posixpath


def page_url(src_uri: str, *, directory_urls: bool = True) -> str:
    """The site-relative URL of the page built from ``src_uri`` (a docs-relative path)."""
    stem, _, ext = src_uri.rpartition(".")
    if ext != "md":
        return src_uri
    folder, _, name = stem.rpartition("/")
    prefix = f"{folder}/" if folder else ""
    if name in ("index", "README"):
        return prefix if directory_urls else f"{prefix}index.html"
    return f"{prefix}{name}/" if directory_urls else f"{prefix}{name}.html"


def relative_url(target: str, from_page: str) -> str:
    """``target`` (site-relative) as seen from the page at ``from_page`` (site-relative).

    Both are URLs the site itself made (no ``.`` or ``..`` segments), so this is plain segment
    arithmetic; it runs for every link of every page.
    """
    base = from_page if from_page.endswith("/") or not from_page else posixpath.dirname(from_page)
    base_parts = [part for part in base.split("/") if part]
    target_parts = [part for part in target.split("/") if part]
    common = 0
    for mine, theirs in zip(base_parts, target_parts, strict=False):
        if mine != theirs:
            break
        common += 1
    rel = "/".join([".."] * (len(base_parts) - common) + target_parts[common:]) or "."
    if target.endswith("/") or not target:
        rel = "./" if rel == "." else rel + "/"
    return rel


def slug(value: str) -> str:
    """A vocabulary value as a URL segment (``klant_leverancier`` becomes ``klant-leverancier``)."""
    return value.replace("_", "-").lower()
