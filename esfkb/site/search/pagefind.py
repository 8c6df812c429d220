"""Write an edition's search index with Pagefind, from the core's search records.

Pagefind builds a chunked index: a browser loads a small entry file and the meta index, then only
the index chunks holding the words it searches, the filter chunks, and the fragments of the
results it shows; no page loads the whole index. The language is forced to Dutch so that every
record is stemmed alike ("samenwerkingen" finds "samenwerking").

The records reach Pagefind as one small HTML page each (:func:`record_html`), written to a working
folder and indexed by one run of the Pagefind binary (the one the ``pagefind[bin]`` wheel ships):
text in ``data-pagefind-body``, meta and filters in ``data-pagefind-ignore`` spans (captured but not
searched), the page's address in the ``url`` meta (:data:`URL_META`). The records come from the
knowledge base, not from the built pages, so the index can be built while MkDocs still renders:
:class:`PagefindRun` starts Pagefind and lets the caller go on; where that caller is the build's
child (:mod:`esfkb.site.build.beside`), all of it runs on the other core. Pagefind dies with the
process that started it (:func:`esfkb.processes.spawn`); the working folder carries the build's
process id, and a build removes those of builds that were killed before they could
(:func:`remove_stale_folders`). (Pagefind's Python client would say the same through
``add_custom_record``, but it reads one response per 0.1 s, so 10,000 records would take some 17
minutes.) This is the only module that knows the engine: another engine takes another adapter, not
other records.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from esfkb.errors import SearchIndexError
from esfkb.i18n import _
from esfkb.processes import process_alive, spawn
from esfkb.site.html.markup import Html, el, esc

if TYPE_CHECKING:
    from collections.abc import Iterable

    from esfkb.site.search.records import SearchRecord

LANGUAGE = "nl"
UNUSED_BUNDLES = ("pagefind-ui.*", "pagefind-component-ui.*", "pagefind-modular-ui.*", "pagefind-highlight.js")
"""Pagefind's ready-made interfaces, which the library does not use (it calls ``pagefind.js``); they are
removed from the site: they weigh some 400 KB and carry their translators' e-mail addresses, which the
leak scan rightly refuses to publish."""
BUNDLE_DIR = "bundle"
RECORDS_DIR = "records"
URL_META = "url"
"""The meta field that holds a record's page address, site-absolute (``/businessmodellen/x/``).

Pagefind's own convention for a result whose address is not its indexed file's (its sub-results
and interfaces use it). The records are indexed as numbered files in one folder: a folder per page
address would double the files written, beside a build that writes its own."""
FOLDER_PREFIX = "esfkb-search"
FOLDER_RE = re.compile(rf"^{FOLDER_PREFIX}-(?P<pid>\d+)-")
"""The name of a build's working folder, with the build's process id."""
SUMMARY_WEIGHT = 2.0
"""A summary says what a document is about: its words weigh twice those of the body (the title, an h1,
gets Pagefind's heading weight)."""


@dataclass(frozen=True, slots=True)
class IndexStats:
    """What one index build produced."""

    pages: int
    files: int
    bytes: int
    seconds: float


def record_html(record: SearchRecord) -> str:
    """The record as the page Pagefind indexes: the text to search, and meta and filters beside it."""
    hidden = [el("span", f"/{record.url}", data_pagefind_meta=URL_META)]
    hidden.extend(el("span", value, data_pagefind_meta=key) for key, value in record.meta.items())
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


def working_folder() -> Path:
    """A new private folder for one index build, named after this process (:func:`remove_stale_folders`)."""
    remove_stale_folders()
    return Path(tempfile.mkdtemp(prefix=f"{FOLDER_PREFIX}-{os.getpid()}-"))


def remove_stale_folders() -> None:
    """Remove the working folders of builds that no longer run (killed before they removed them)."""
    with contextlib.suppress(OSError):
        for entry in os.scandir(tempfile.gettempdir()):
            found = FOLDER_RE.match(entry.name)
            if found is not None and not process_alive(int(found["pid"])) and entry.is_dir(follow_symlinks=False):
                shutil.rmtree(entry.path, ignore_errors=True)


class PagefindRun:
    """Pagefind indexing the records' pages in ``workdir``; :meth:`wait` checks what it wrote.

    No records, no run: :meth:`wait` then says there is no bundle.
    """

    def __init__(self, workdir: Path, expected: int, process: subprocess.Popen[bytes] | None) -> None:
        self.workdir = workdir
        self.bundle = workdir / BUNDLE_DIR
        self._expected = expected
        self._process = process
        self._stderr: bytes | None = None

    @classmethod
    def start(cls, records: Iterable[SearchRecord], workdir: Path) -> PagefindRun:
        """Write one page per URL (the first record of a URL wins, as the plan's pages do) and start Pagefind."""
        pages: dict[str, SearchRecord] = {}
        for record in records:
            pages.setdefault(record.url, record)
        if not pages:
            return cls(workdir, 0, None)
        folder = workdir / RECORDS_DIR
        folder.mkdir()
        for number, record in enumerate(pages.values()):
            (folder / f"{number:06d}.html").write_text(record_html(record), encoding="utf-8")
        command = [str(_executable()), "--site", str(folder), "--output-path", str(workdir / BUNDLE_DIR),
                   "--force-language", LANGUAGE, "--silent"]
        try:
            process = spawn(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            env={**os.environ, "RAYON_NUM_THREADS": os.environ.get("RAYON_NUM_THREADS", _threads())})
        except OSError as error:
            raise SearchIndexError(_("could not start Pagefind: {error}").format(error=error)) from error
        return cls(workdir, len(pages), process)

    def wait(self) -> bool:
        """Wait for Pagefind and check its bundle; whether there is one (there are no records otherwise).

        The record pages and the ready-made interfaces are removed; a failure raises SearchIndexError.
        """
        if self._process is None:
            return False
        stderr = self._ended()
        shutil.rmtree(self.workdir / RECORDS_DIR, ignore_errors=True)
        if self._process.returncode != 0:
            message = stderr.decode("utf-8", "replace").strip().splitlines()[-5:]
            raise SearchIndexError(_("Pagefind failed (exit {code}): {message}").format(
                code=self._process.returncode, message=" / ".join(message)))
        indexed = page_count(self.bundle)
        if indexed != self._expected:
            raise SearchIndexError(_("Pagefind indexed {indexed} of {count} search records").format(
                indexed=indexed, count=self._expected))
        for pattern in UNUSED_BUNDLES:
            for unused in self.bundle.glob(pattern):
                unused.unlink()
        return True

    def running(self) -> bool:
        """Whether Pagefind still runs."""
        return self._process is not None and self._process.poll() is None

    def cancel(self) -> None:
        """Stop Pagefind if it still runs."""
        if self._process is not None and self._process.poll() is None:
            self._process.kill()
        self._ended()

    def _ended(self) -> bytes:
        """Wait for Pagefind to end (once); what it wrote on stderr."""
        if self._stderr is None and self._process is not None:
            self._stderr = self._process.communicate()[1]
        return self._stderr or b""


def place_bundle(bundle: Path, output: Path, started: float) -> IndexStats:
    """Put the checked ``bundle`` at ``output``, replacing what was there; what it holds."""
    if output.exists():
        shutil.rmtree(output)  # a rebuild must not keep the fragments of pages that are gone
    output.parent.mkdir(parents=True, exist_ok=True)
    shutil.move(bundle, output)
    files = [p for p in output.rglob("*") if p.is_file()]
    return IndexStats(page_count(output), len(files), sum(p.stat().st_size for p in files),
                      time.perf_counter() - started)


def write_index(records: Iterable[SearchRecord], output: Path) -> IndexStats:
    """Replace ``output`` with the Pagefind bundle of ``records``, here and now; no records leave it alone."""
    started = time.perf_counter()
    workdir = working_folder()
    try:
        run = PagefindRun.start(records, workdir)
        try:
            if not run.wait():
                return IndexStats(0, 0, 0, time.perf_counter() - started)
        finally:
            run.cancel()
        return place_bundle(run.bundle, output, started)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def _threads() -> str:
    """Pagefind may use every core but the build's."""
    return str(max(1, (os.cpu_count() or 2) - 1))


def _executable() -> Path:
    """The Pagefind binary of the ``pagefind[bin]`` wheel (or ``PAGEFIND_BINARY_PATH``)."""
    try:
        from pagefind.service import get_executable
    except ImportError as error:
        raise SearchIndexError(_("Pagefind is not installed: pip install 'pagefind[bin]'")) from error
    executable = get_executable()
    if executable is None or not Path(executable).is_file():
        raise SearchIndexError(_("the Pagefind binary was not found: pip install 'pagefind[bin]'"))
    return Path(executable)


def page_count(bundle: Path) -> int:
    """How many pages the bundle holds, from its entry file (one language: Dutch)."""
    try:
        entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
        return sum(int(language["page_count"]) for language in entry["languages"].values())
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise SearchIndexError(_("Pagefind wrote no usable index: {error}").format(error=error)) from error
