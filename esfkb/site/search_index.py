"""Write an edition's search index with Pagefind, from the core's search records.

Pagefind builds a chunked index: a browser loads a small entry file and the meta index, then only
the index chunks holding the words it searches, the filter chunks, and the fragments of the
results it shows; no page loads the whole index. The language is forced to Dutch so that every
record is stemmed alike ("samenwerkingen" finds "samenwerking").

The records reach Pagefind as one small HTML page each, indexed with one ``add_directory`` call:
text in ``data-pagefind-body``, meta and filters in ``data-pagefind-ignore`` spans (captured but
not searched). ``add_custom_record`` would say the same, but Pagefind's Python client reads one
response per 0.1 s (its reader sleeps between messages), so 10,000 records would take some 17
minutes; a directory is one request. This is the only module that knows the engine: another
engine takes another adapter, not other records.
"""

from __future__ import annotations

import asyncio
import shutil
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from esfkb.errors import EsfkbError
from esfkb.site.markup import Html, el, esc

if TYPE_CHECKING:
    from collections.abc import Iterable

    from esfkb.site.search import SearchRecord

LANGUAGE = "nl"
UNUSED_BUNDLES = ("pagefind-ui.*", "pagefind-component-ui.*", "pagefind-modular-ui.*", "pagefind-highlight.js")
"""Pagefind's ready-made interfaces, which the library does not use (it calls ``pagefind.js``); they are
removed from the site: they weigh some 400 KB and carry their translators' e-mail addresses, which the
leak scan rightly refuses to publish."""
SUMMARY_WEIGHT = 2.0
"""A summary says what a document is about: its words weigh twice those of the body (the title, an h1,
gets Pagefind's heading weight)."""


class SearchIndexError(EsfkbError):
    """The search index could not be written (Pagefind missing or failing)."""


@dataclass(frozen=True, slots=True)
class IndexStats:
    """What one index build produced."""

    pages: int
    files: int
    bytes: int
    seconds: float


def record_html(record: SearchRecord) -> str:
    """The record as the page Pagefind indexes: the text to search, and meta and filters beside it."""
    hidden = [el("span", value, data_pagefind_meta=key) for key, value in record.meta.items()]
    for name, values in record.filters.items():
        hidden.extend(el("span", value, data_pagefind_filter=name) for value in values)
    weight = f"{record.weight:g}" if record.weight != 1 else None
    body = [el("h1", record.title)]
    if record.summary:
        body.append(el("p", record.summary, data_pagefind_weight=f"{SUMMARY_WEIGHT * record.weight:g}"))
    body.extend(el("p", block, data_pagefind_weight=weight) for block in record.blocks)
    return (f'<!DOCTYPE html>\n<html lang="{LANGUAGE}"><head><meta charset="utf-8"><title>{esc(record.title)}'
            f"</title></head><body>{el('div', Html(''.join(hidden)), data_pagefind_ignore=True)}"
            f"{el('main', Html(''.join(body)), data_pagefind_body=True)}</body></html>\n")


def source_path(root: Path, url: str) -> Path:
    """Where the record of ``url`` is written so that Pagefind gives it back that URL."""
    parts = [p for p in url.split("/") if p]
    if any(p in (".", "..") for p in parts):
        raise SearchIndexError(f"unsafe page URL for the search index: {url!r}")
    if not parts or url.endswith("/"):
        parts.append("index.html")
    return root.joinpath(*parts)


def write_index(records: Iterable[SearchRecord], output: Path) -> IndexStats:
    """Replace ``output`` with the Pagefind bundle of ``records``."""
    started = time.perf_counter()
    if output.exists():
        shutil.rmtree(output)  # a rebuild must not keep the fragments of pages that are gone
    with tempfile.TemporaryDirectory(prefix="esfkb-search-") as tmp:
        source = Path(tmp)
        written: set[Path] = set()
        for record in records:
            path = source_path(source, record.url)
            if path in written:
                continue  # the first record of a URL wins, as the plan's pages do
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(record_html(record), encoding="utf-8")
            written.add(path)
        pages = asyncio.run(_index(source, output))
    if pages != len(written):
        raise SearchIndexError(f"Pagefind indexed {pages} of {len(written)} search records")
    for pattern in UNUSED_BUNDLES:
        for unused in output.glob(pattern):
            unused.unlink()
    files = [p for p in output.rglob("*") if p.is_file()]
    return IndexStats(pages, len(files), sum(p.stat().st_size for p in files), time.perf_counter() - started)


async def _index(source: Path, output: Path) -> int:
    """Index ``source`` and write the bundle to ``output`` (when the context closes without error)."""
    try:
        from pagefind.index import IndexConfig, PagefindIndex
    except ImportError as error:
        raise SearchIndexError("Pagefind is not installed: pip install 'pagefind[bin]'") from error
    config = IndexConfig(force_language=LANGUAGE, write_playground=False, output_path=str(output))
    try:
        async with PagefindIndex(config) as index:
            response = await index.add_directory(str(source))
    except FileNotFoundError as error:
        raise SearchIndexError(f"the Pagefind binary was not found: {error}") from error
    except Exception as error:  # the Pagefind service reports its failures as plain exceptions
        raise SearchIndexError(f"Pagefind failed: {error}") from error
    return int(response["page_count"])
