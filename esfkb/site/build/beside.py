"""The one seam between the build and what runs beside it: the search index and the data files.

A build of 1,000 documents spends some 4 s of one core converting Markdown and filling templates,
one page at a time. The search index does not depend on that (the knowledge base is loaded and
the site planned), so one forked child, **the search child**, works out the search records,
starts Pagefind on them, writes the API files and JSON Schemas into the site while Pagefind runs
(and says so through a pipe), waits for Pagefind and scans its bundle for leaks, so that the
build's own scan need not read it again. Its work is some 4 CPU-seconds at 1,000 documents
(Pagefind alone about 2.4), all of which the build would otherwise wait for.

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
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from esfkb.errors import SearchIndexError
from esfkb.processes import Helper
from esfkb.site.search.pagefind import BUNDLE_DIR, IndexStats, PagefindRun, place_bundle, working_folder
from esfkb.site.search.records import search_records

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from esfkb.site.plan import SitePlan

OUTCOME_FILE = "outcome.json"
"""What the search child did, in the working folder: ``{"indexed": bool, "scanned": the bundle's leak scan or
null}``, or ``{"error": message}``."""
_WRITTEN = b"\x01"


@dataclass(frozen=True, slots=True)
class SearchIndex:
    """The search index placed in the site, and the leak scan of it done beside the build (if any)."""

    stats: IndexStats
    scanned: dict[str, Any] | None


class BesideTheBuild:
    """The search child (or Pagefind started here) of one build."""

    def __init__(self, plan: SitePlan, site_dir: Path, workdir: Path, started: float) -> None:
        self._plan = plan
        self._site_dir = site_dir
        self._workdir = workdir
        self._started = started
        self._search: Helper | None = None
        self._written: int | None = None  # the read end of the search child's "data files written"
        self._run: PagefindRun | None = None

    @classmethod
    def start(cls, plan: SitePlan, site_dir: Path,
              scan_index: Callable[[Path], dict[str, Any]] | None = None) -> BesideTheBuild:
        """Start the search index and the data files beside the build, as soon as the site is planned.

        ``scan_index`` scans a bundle for leaks (JSON-ready); the search child runs it on Pagefind's bundle.
        """
        beside = cls(plan, site_dir, working_folder(), time.perf_counter())
        read_end, write_end = os.pipe()
        beside._search = Helper.start(lambda: beside._in_the_search_child(read_end, write_end, scan_index))
        os.close(write_end)
        if beside._search is None:
            os.close(read_end)
            beside._run = PagefindRun.start(search_records(plan.ctx, plan.pages), beside._workdir)
        else:
            beside._written = read_end
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

    def search_index(self, output: Path) -> SearchIndex | None:
        """Wait for the search index and put it at ``output``; None when there was nothing to index.

        Should the search child have failed without a word (no outcome), the index is built here.
        """
        outcome: dict[str, Any] | None = None
        if self._search is not None:
            child, self._search = self._search, None
            outcome = self._outcome() if child.wait() else None
            if outcome is None:  # the child failed: clear what it left, index here
                shutil.rmtree(self._workdir, ignore_errors=True)
                self._workdir.mkdir()
                self._run = PagefindRun.start(search_records(self._plan.ctx, self._plan.pages), self._workdir)
        if outcome is None:
            outcome = {"indexed": self._wait_for_pagefind(), "scanned": None}
        if "error" in outcome:
            raise SearchIndexError(outcome["error"])
        if not outcome["indexed"]:
            return None
        return SearchIndex(place_bundle(self._workdir / BUNDLE_DIR, output, self._started), outcome["scanned"])

    def close(self) -> None:
        """Stop whatever still runs and remove the working folder (after a build, or when it failed)."""
        if self._search is not None:
            self._search.stop()
            self._search = None
        if self._written is not None:
            os.close(self._written)
            self._written = None
        if self._run is not None:
            self._run.cancel()
            self._run = None
        shutil.rmtree(self._workdir, ignore_errors=True)

    def _in_the_search_child(self, read_end: int, write_end: int,
                             scan_index: Callable[[Path], dict[str, Any]] | None) -> None:
        """The search child's work; its outcome goes to :data:`OUTCOME_FILE`, a failure of Pagefind included."""
        os.close(read_end)
        outcome: dict[str, Any]
        try:
            run = PagefindRun.start(search_records(self._plan.ctx, self._plan.pages), self._workdir)
            with os.fdopen(write_end, "wb") as written:
                write_data_files(self._plan, self._site_dir)
                written.write(_WRITTEN)
            indexed = run.wait()
            outcome = {"indexed": indexed, "scanned": scan_index(run.bundle) if indexed and scan_index else None}
        except SearchIndexError as error:
            outcome = {"error": str(error)}
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


def write_data_files(plan: SitePlan, site_dir: Path) -> None:
    """Write the API files and JSON Schemas into the site (what the search child does while Pagefind runs)."""
    for src_uri, content in plan.files.items():
        target = site_dir / src_uri
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content(), encoding="utf-8")
