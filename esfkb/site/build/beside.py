"""The one seam between the build and what runs beside it: the search index, the data files, the pages' leak scan.

A build of 1,000 documents spends some 4 s of one core converting Markdown and filling templates,
one page at a time. The search index does not depend on that (the knowledge base is loaded and
the site planned), so one forked child, **the search child**, works out the search records,
starts Pagefind on them, writes the API files and JSON Schemas into the site while Pagefind runs
(and says so through a pipe), waits for Pagefind and scans its bundle for leaks, so that the
build's own scan need not read it again. Its work is some 4 CPU-seconds at 1,000 documents
(Pagefind alone about 3), all of which the build would otherwise wait for.

Meanwhile the build tells the child, through a second pipe, each page it has written
(:meth:`~BesideTheBuild.page_written`), and a thread of the child scans those pages for leaks
while the build fills the next templates: by the end of the build the child has scanned nearly
every page, and the build's own scan reads only what the child did not see or what changed since
(:func:`esfkb.privacy.leak_scan.prescan`). That scan took 0.65-0.7 s of the build's core at
1,000 documents, after the last page was written.

A second child that rendered every page's views ahead of the build was dropped: at 1,000
documents, five interleaved builds each against a plain Material build (median wall-clock time on
two cores), the build took 5.58 s with it and 5.66 s without, while it cost 0.4 CPU-s
(forking, and the views sent through a pipe) and competed with Pagefind for the second core.

Where no child can be forked (:func:`esfkb.processes.can_fork`: ``mkdocs serve``, Windows,
``ESFKB_NO_FORK=1``), the build does the same work itself and Pagefind still runs beside it. A
child that fails costs time, never a file: the build then does its work itself. The plugin holds
one :class:`BesideTheBuild` per build: :meth:`~BesideTheBuild.start` once the site is planned,
:meth:`~BesideTheBuild.data_files_written` before MkDocs copies files,
:meth:`~BesideTheBuild.search_index` at the end, :meth:`~BesideTheBuild.close` always.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from esfkb.errors import SearchIndexError
from esfkb.processes import Helper
from esfkb.site.search.pagefind import BUNDLE_DIR, IndexStats, PagefindRun, place_bundle, working_folder
from esfkb.site.search.records import search_records

if TYPE_CHECKING:
    from esfkb.site.plan import SitePlan

OUTCOME_FILE = "outcome.json"
"""What the search child did, in the working folder: ``{"indexed": bool, "scanned": the bundle's leak scan or
null, "pages": the leak scan of the written pages or null}``, or ``{"error": message}``."""
_WRITTEN = b"\x01"

Scan = Callable[..., dict[str, Any]]
"""A leak scan ahead of the build's: ``scan(folder)`` scans a folder, ``scan(folder, files)`` some of its files
(:func:`esfkb.privacy.leak_scan.prescan` with the edition's contacts and settings)."""


@dataclass(frozen=True, slots=True)
class SearchIndex:
    """The search index placed in the site, and the leak scans of it and of the pages done beside the build."""

    stats: IndexStats | None
    """None when there was nothing to index."""
    scanned: dict[str, Any] | None
    pages: dict[str, Any] | None


class BesideTheBuild:
    """The search child (or Pagefind started here) of one build."""

    def __init__(self, plan: SitePlan, site_dir: Path, workdir: Path, started: float) -> None:
        self._plan = plan
        self._site_dir = site_dir
        self._workdir = workdir
        self._started = started
        self._search: Helper | None = None
        self._written: int | None = None  # the read end of the search child's "data files written"
        self._pages: int | None = None  # the write end of "this page is written", to the search child
        self._run: PagefindRun | None = None

    @classmethod
    def start(cls, plan: SitePlan, site_dir: Path, scan: Scan | None = None) -> BesideTheBuild:
        """Start the search index and the data files beside the build, as soon as the site is planned.

        ``scan`` scans for leaks (JSON-ready); the search child runs it on Pagefind's bundle and on the pages
        the build has written. None: nothing is scanned beside the build.
        """
        beside = cls(plan, site_dir, working_folder(), time.perf_counter())
        read_end, write_end = os.pipe()
        pages_read, pages_write = os.pipe() if scan is not None else (-1, -1)
        beside._search = Helper.start(
            lambda: beside._in_the_search_child(read_end, write_end, pages_read, pages_write, scan))
        os.close(write_end)
        if pages_read >= 0:
            os.close(pages_read)
        if beside._search is None:
            os.close(read_end)
            if pages_write >= 0:
                os.close(pages_write)
            beside._run = PagefindRun.start(search_records(plan.ctx, plan.pages), beside._workdir)
        else:
            beside._written = read_end
            if pages_write >= 0:
                os.set_blocking(pages_write, False)  # a child that stopped reading must not hold the build up
                beside._pages = pages_write
        return beside

    @property
    def writes_data_files(self) -> bool:
        """Whether the search child writes the data files into the site (else the build adds their contents)."""
        return self._search is not None

    def data_files_written(self) -> bool:
        """Wait until the search child has written the data files; False if it ended without (then write them)."""
        if self._written is None:
            return False
        fd, self._written = self._written, None
        try:
            return os.read(fd, 1) == _WRITTEN
        finally:
            os.close(fd)

    def page_written(self, path: str) -> None:
        """Tell the search child that the build wrote the page at ``path`` (it scans it for leaks).

        Should the child not take it (it ended, or its pipe is full), it is told nothing more: the build
        scans what the child did not.
        """
        if self._pages is None:
            return
        try:
            os.write(self._pages, f"{path}\n".encode())
        except OSError:  # BlockingIOError, BrokenPipeError
            self._stop_telling()

    def _stop_telling(self) -> None:
        if self._pages is not None:
            os.close(self._pages)
            self._pages = None

    def search_index(self, output: Path) -> SearchIndex:
        """Wait for the search index and put it at ``output`` (no stats when there was nothing to index), with the
        leak scans done beside the build.

        Should the search child have failed without a word (no outcome), the index is built here.
        """
        self._stop_telling()  # the pages are written: the child scans the last ones and ends
        outcome: dict[str, Any] | None = None
        if self._search is not None:
            child, self._search = self._search, None
            outcome = self._outcome() if child.wait() else None
            if outcome is None:  # the child failed: clear what it left, index here
                shutil.rmtree(self._workdir, ignore_errors=True)
                self._workdir.mkdir()
                self._run = PagefindRun.start(search_records(self._plan.ctx, self._plan.pages), self._workdir)
        if outcome is None:
            outcome = {"indexed": self._wait_for_pagefind(), "scanned": None, "pages": None}
        if "error" in outcome:
            raise SearchIndexError(outcome["error"])
        stats = place_bundle(self._workdir / BUNDLE_DIR, output, self._started) if outcome["indexed"] else None
        return SearchIndex(stats, outcome["scanned"], outcome["pages"])

    def close(self) -> None:
        """Stop whatever still runs and remove the working folder (after a build, or when it failed)."""
        if self._search is not None:
            self._search.stop()
            self._search = None
        if self._written is not None:
            os.close(self._written)
            self._written = None
        self._stop_telling()
        if self._run is not None:
            self._run.cancel()
            self._run = None
        shutil.rmtree(self._workdir, ignore_errors=True)

    def _in_the_search_child(self, read_end: int, write_end: int, pages_read: int, pages_write: int,
                             scan: Scan | None) -> None:
        """The search child's work; its outcome goes to :data:`OUTCOME_FILE`, a failure of Pagefind included."""
        os.close(read_end)
        pages = None
        if scan is not None:
            os.close(pages_write)  # else the child would never read the end of the build's list
            pages = _PageScan(pages_read, self._site_dir, scan)
        outcome: dict[str, Any]
        try:
            run = PagefindRun.start(search_records(self._plan.ctx, self._plan.pages), self._workdir)
            with os.fdopen(write_end, "wb") as written:
                write_data_files(self._plan, self._site_dir)
                written.write(_WRITTEN)
            if pages is not None:
                pages.scan([self._site_dir / src_uri for src_uri in self._plan.files])
            indexed = run.wait()
            outcome = {"indexed": indexed, "scanned": scan(run.bundle) if indexed and scan else None}
        except SearchIndexError as error:
            outcome = {"error": str(error)}
        outcome["pages"] = pages.result() if pages is not None else None
        (self._workdir / OUTCOME_FILE).write_text(json.dumps(outcome), encoding="utf-8")

    def _outcome(self) -> dict[str, Any] | None:
        with contextlib.suppress(OSError, ValueError):
            return json.loads((self._workdir / OUTCOME_FILE).read_text(encoding="utf-8"))
        return None

    def _wait_for_pagefind(self) -> bool:
        run, self._run = self._run, None
        assert run is not None
        try:
            return run.wait()
        finally:
            run.cancel()


class _PageScan:
    """The search child's thread that scans each page the build says it wrote (by its path in the site), until the
    build's list ends.

    A batch that cannot be scanned (a page gone again) is left to the build's own scan.
    """

    def __init__(self, fd: int, site_dir: Path, scan: Scan) -> None:
        self._fd = fd
        self._site_dir = site_dir
        self._scan = scan
        self._signatures: dict[str, Any] = {}
        self._leaks: list[Any] = []
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        pending = b""
        with os.fdopen(self._fd, "rb", buffering=0) as pipe:
            while chunk := pipe.read(65536):
                *complete, pending = (pending + chunk).split(b"\n")
                self.scan([self._site_dir / os.fsdecode(line) for line in complete])

    def scan(self, files: list[Path]) -> None:
        """Scan ``files`` of the site now (the thread's pages, and the data files the child wrote)."""
        with contextlib.suppress(OSError):
            scanned = self._scan(self._site_dir, files)
            self._signatures.update(scanned["signatures"])
            self._leaks.extend(scanned["leaks"])

    def result(self) -> dict[str, Any]:
        """The leak scan of every page scanned, once the build's list has ended (JSON-ready)."""
        self._thread.join()
        return {"signatures": self._signatures, "leaks": sorted(self._leaks)}


def write_data_files(plan: SitePlan, site_dir: Path) -> None:
    """Write the API files and JSON Schemas into the site (what the search child does while Pagefind runs)."""
    for src_uri, content in plan.files.items():
        target = site_dir / src_uri
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content(), encoding="utf-8")
