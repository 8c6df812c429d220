"""Write an edition's search index with Pagefind, from the core's search records.

Pagefind builds a chunked index: a browser loads a small entry file and the meta index, then only
the index chunks holding the words it searches, the filter chunks, and the fragments of the
results it shows; no page loads the whole index. The language is forced to Dutch so that every
record is stemmed alike ("samenwerkingen" finds "samenwerking").

The records reach Pagefind as one small HTML page each, indexed by one run of the Pagefind binary
(the one the ``pagefind[bin]`` wheel ships): text in ``data-pagefind-body``, meta and filters in
``data-pagefind-ignore`` spans (captured but not searched), the page's address in the ``url`` meta
(:data:`URL_META`). The records come from the knowledge
base, not from the built pages, so the index can be built while MkDocs is still rendering: the
plugin starts a worker process (:mod:`esfkb.site.search.pagefind_worker`) with :func:`start_index` as soon
as the site is planned, :meth:`RunningIndex.send` hands it the records (from a forked child where
there is one, see :mod:`esfkb.site.build.prerender`), and :meth:`RunningIndex.finish` collects the bundle
after the build. The worker turns the records into pages and runs Pagefind on the second core.
The pages live only while Pagefind reads them, so they go to a folder in memory where the system has
one (:data:`MEMORY_ROOT`), else to the working folder on disk. The worker and Pagefind die with the
build (:func:`esfkb.site.build.processes.die_with_parent`); the folders carry the build's process id, and a build
removes those of builds that were killed before they could (:func:`remove_stale_folders`).
(Pagefind's Python client would say the same through ``add_custom_record``, but it reads one
response per 0.1 s, so 10,000 records would take some 17 minutes.) This is the only module that
knows the engine: another engine takes another adapter, not other records.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import weakref
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from esfkb.errors import SearchIndexError
from esfkb.site.build.processes import PARENT_ENV, process_alive
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
MEMORY_HEADROOM = 4
"""The memory folder takes the record pages when its free space is this many times their size: the
rest of the system keeps its room."""
PRESCAN_FILE = "leak-scan.json"
"""The worker's leak scan of the bundle (:func:`esfkb.privacy.leak_scan.prescan`), beside it in the working folder."""
MEMORY_ROOT = Path("/dev/shm")  # noqa: S108 - each build makes a private folder in it (mkdtemp)
"""Linux's folder in memory (tmpfs), for the record pages.

On a disk, creating a thousand files and deleting them again costs more than writing them: a file
system may look past every recently deleted file for each one it creates (ext4 without a journal
does). Measured on such a disk, after a few builds: 0.5-0.7 s to create the record pages of 1,000
documents, 0.02 s in memory; and Pagefind, which waits for them, started 0.8 s sooner."""
URL_META = "url"
"""The meta field that holds a record's page address, site-absolute (``/businessmodellen/x/``).

Pagefind's own convention for a result whose address is not its indexed file's (its sub-results
and interfaces use it). The records are indexed as numbered files in one folder: a folder per page
address would double the files the worker creates, beside a build that writes its own."""
FOLDER_RE = re.compile(r"^esfkb-(?:search|records)-(?P<pid>\d+)-")
"""The name of a build's working folder or memory folder, with the build's process id."""
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
    prescan: dict[str, Any] | None = None
    """The worker's leak scan of the index (:func:`esfkb.privacy.leak_scan.prescan`), when asked for and done."""


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


class RunningIndex:
    """A Pagefind run in a worker process (:mod:`esfkb.site.search.pagefind_worker`), fed with the records by :meth:`send`."""

    def __init__(self, workdir: Path, memory: Path | None, process: subprocess.Popen[bytes], command: list[str],
                 started: float, *, leak_scan: dict[str, Any] | None = None) -> None:
        self._started = started
        self._workdir = workdir
        self._memory = memory
        self._process = process
        self._command = command
        self._leak_scan = leak_scan
        self._remove_folders = weakref.finalize(self, _remove, workdir, memory)  # at the latest as the build exits

    def send(self, records: Iterable[SearchRecord], *, write_pages: bool = False) -> None:
        """Hand the worker its records (the first record of a URL wins, as the plan's pages do); it starts indexing.

        With ``write_pages``, this process writes the record pages and the worker only runs Pagefind:
        what a forked child does, beside the build. Else the worker writes them (from JSON).
        """
        pages: dict[str, SearchRecord] = {}
        for record in records:
            pages.setdefault(record.url, record)
        job: dict[str, Any] = {"command": self._command, "leak_scan": self._leak_scan}
        if write_pages:
            folder = write_record_pages([record_html(r) for r in pages.values()], self._workdir, self._memory)
            job.update(written=len(pages), folder=str(folder))
        else:
            job.update(pages=[_fields(record) for record in pages.values()])
        data = json.dumps(job, ensure_ascii=False).encode("utf-8")
        if self._process.stdin is not None:
            with contextlib.suppress(BrokenPipeError):  # the worker has stopped; finish() reports why
                self._process.stdin.write(data)
        self.release_input()

    def release_input(self) -> None:
        """Close this process's end of the worker's input (a forked child that sends the records keeps its own)."""
        stdin, self._process.stdin = self._process.stdin, None  # communicate() must not flush it again
        if stdin is not None:
            with contextlib.suppress(BrokenPipeError):
                stdin.close()

    def finish(self, output: Path) -> IndexStats:
        """Wait for the worker, check its bundle and put it at ``output`` (replacing what was there).

        No records, no bundle: ``output`` is left alone and the stats count no page.
        """
        bundle = self._workdir / BUNDLE_DIR
        try:
            self.release_input()
            _, stderr = self._process.communicate()
            if self._process.returncode != 0:
                message = stderr.decode("utf-8", "replace").strip().splitlines()[-5:]
                raise SearchIndexError(f"Pagefind failed (exit {self._process.returncode}): " + " / ".join(message))
            if not bundle.exists():
                return IndexStats(0, 0, 0, time.perf_counter() - self._started)
            pages = page_count(bundle)
            report = self._workdir / PRESCAN_FILE
            prescan = json.loads(report.read_text(encoding="utf-8")) if report.exists() else None
            if output.exists():
                shutil.rmtree(output)  # a rebuild must not keep the fragments of pages that are gone
            output.parent.mkdir(parents=True, exist_ok=True)
            shutil.move(bundle, output)
        finally:
            self.cancel()
        files = [p for p in output.rglob("*") if p.is_file()]
        return IndexStats(pages, len(files), sum(p.stat().st_size for p in files),
                          time.perf_counter() - self._started, prescan)

    def cancel(self) -> None:
        """Stop the worker if it still runs and remove the working files (a failed build calls this)."""
        self.release_input()
        if self._process.poll() is None:
            self._process.kill()
            self._process.communicate()
        self._remove_folders()


def _remove(*folders: Path | None) -> None:
    for folder in folders:
        if folder is not None:
            shutil.rmtree(folder, ignore_errors=True)


def remove_stale_folders() -> None:
    """Remove the working and memory folders of builds that no longer run (killed before they removed them)."""
    for root in (Path(tempfile.gettempdir()), MEMORY_ROOT):
        with contextlib.suppress(OSError):
            for entry in os.scandir(root):
                found = FOLDER_RE.match(entry.name)
                if found is not None and not process_alive(int(found["pid"])) and entry.is_dir(follow_symlinks=False):
                    shutil.rmtree(entry.path, ignore_errors=True)


def start_index(leak_scan: dict[str, Any] | None = None) -> RunningIndex:
    """Start a worker that waits for the records (:meth:`RunningIndex.send`); :meth:`RunningIndex.finish` collects
    the bundle.

    The worker starts its interpreter while the build works out the records. Given a ``leak_scan``
    (:func:`esfkb.privacy.leak_scan.scan_request`), it scans the bundle too, on its core, before handing it over.
    """
    from esfkb.site.search import pagefind_worker

    started = time.perf_counter()
    executable = _executable()
    remove_stale_folders()
    workdir = Path(tempfile.mkdtemp(prefix=f"esfkb-search-{os.getpid()}-"))
    memory = _memory_folder()
    command = [str(executable), "--output-path", str(workdir / BUNDLE_DIR), "--force-language", LANGUAGE, "--silent"]
    folders = [str(workdir)] if memory is None else [str(workdir), str(memory)]
    try:
        process = subprocess.Popen([sys.executable, "-m", pagefind_worker.__name__, *folders],
                                   stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                   env=_worker_environment(), cwd=workdir)  # "-m" puts the cwd on sys.path
    except OSError as error:
        _remove(workdir, memory)
        raise SearchIndexError(f"could not start Pagefind: {error}") from error
    return RunningIndex(workdir, memory, process, command, started, leak_scan=leak_scan)


def write_record_pages(pages: list[str], workdir: Path, memory: Path | None) -> Path:
    """Write the record pages, numbered, in ``memory`` if it has room to spare, else in ``workdir``; the folder."""
    folder = workdir / RECORDS_DIR
    with contextlib.suppress(OSError):  # no such folder (any more): the disk
        if memory is not None and shutil.disk_usage(memory).free >= MEMORY_HEADROOM * sum(map(len, pages)):
            folder = memory
    folder.mkdir(exist_ok=True)
    for number, page in enumerate(pages):
        (folder / f"{number:06d}.html").write_text(page, encoding="utf-8")
    return folder


def _memory_folder() -> Path | None:
    """A new private folder in :data:`MEMORY_ROOT` for the worker to use if the records fit; None if there is none."""
    try:
        return Path(tempfile.mkdtemp(prefix=f"esfkb-records-{os.getpid()}-", dir=MEMORY_ROOT))
    except OSError:
        return None


def _fields(record: SearchRecord) -> dict[str, object]:
    """A record as JSON fields for the worker (``dataclasses.asdict`` would deep-copy every text)."""
    return {"url": record.url, "title": record.title, "blocks": record.blocks, "summary": record.summary,
            "kind": record.kind, "filters": record.filters, "weight": record.weight}


def write_index(records: Iterable[SearchRecord], output: Path) -> IndexStats:
    """Replace ``output`` with the Pagefind bundle of ``records`` (start, send and finish in one call)."""
    running = start_index()
    running.send(records)
    return running.finish(output)


def _worker_environment() -> dict[str, str]:
    """The worker's environment: the build's import path and process id, and Pagefind may use every core but the
    build's."""
    threads = max(1, (os.cpu_count() or 2) - 1)
    import_path = os.pathsep.join(os.path.abspath(entry) for entry in sys.path if entry)
    return {**os.environ, "PYTHONPATH": import_path, PARENT_ENV: str(os.getpid()),
            "RAYON_NUM_THREADS": os.environ.get("RAYON_NUM_THREADS", str(threads))}


def _executable() -> Path:
    """The Pagefind binary of the ``pagefind[bin]`` wheel (or ``PAGEFIND_BINARY_PATH``)."""
    try:
        from pagefind.service import get_executable
    except ImportError as error:
        raise SearchIndexError("Pagefind is not installed: pip install 'pagefind[bin]'") from error
    executable = get_executable()
    if executable is None or not Path(executable).is_file():
        raise SearchIndexError("the Pagefind binary was not found: pip install 'pagefind[bin]'")
    return Path(executable)


def page_count(bundle: Path) -> int:
    """How many pages the bundle holds, from its entry file (one language: Dutch)."""
    try:
        entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
        return sum(int(language["page_count"]) for language in entry["languages"].values())
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise SearchIndexError(f"Pagefind wrote no usable index: {error}") from error
