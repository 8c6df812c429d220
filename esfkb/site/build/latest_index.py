"""The search index of ``mkdocs serve``: rebuilt beside the preview, never holding it back, never pointing to a
gone page.

Each rebuild of the preview cleans the site folder. The index the site serves is taken out of it before
(:meth:`LatestIndex.take_out`) and put back after (:meth:`LatestIndex.put_back`): a rename each way. Once the
author has not saved for :data:`QUIET_SECONDS` after a rebuild, a thread works out the search records of that
build and runs Pagefind on them (at the lowest priority, :func:`esfkb.processes.spawn`), scans the bundle for
leaks and swaps it in; a save in the meantime cancels it, and the next rebuild starts another one, so the
index follows once the author stops saving. An index is put back only while every page it points to still
exists; otherwise the site has none until the new one is in.
"""

from __future__ import annotations

import ctypes
import shutil
import threading
from typing import TYPE_CHECKING, Any

from esfkb.errors import SearchIndexError
from esfkb.i18n import _, ngettext
from esfkb.site.search.pagefind import PagefindRun, working_folder
from esfkb.site.search.records import search_records

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from esfkb.site.plan import SitePlan
    from esfkb.site.search.records import SearchRecord


QUIET_SECONDS = 1.0
"""How long the author must not have saved before the index of the last rebuild is worked out."""


class _Cancelled(Exception):  # noqa: N818 - not an error: the records of a build that is no longer the latest
    """Raised inside the thread that works out the search records, when a rebuild starts."""


class _Interruptible:
    """A thread's stretch of Python work (the search records and their pages for Pagefind) that a rebuild ends at once.

    At 10,000 documents the records take seconds and writing their pages as long again; left to finish, they
    would share the interpreter with the rebuild the save started and slow it down by as much (measured on a
    body edit: 2-4 s of such a thread's CPU inside a 3 s rebuild). :meth:`interrupt` raises :class:`_Cancelled`
    in the thread while it is inside the stretch (the interpreter's asynchronous exception), never after it.
    The stretch ends with Pagefind's start: should the exception land inside it once the program runs, that
    Pagefind, at the lowest priority, indexes a folder that is then removed, and dies with ``mkdocs serve``.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._thread: int | None = None

    def run(self, work: Callable[[], Any]) -> Any:
        """``work()``, in this thread, unless interrupted (then :class:`_Cancelled`)."""
        with self._lock:
            self._thread = threading.get_ident()
        try:
            return work()
        finally:
            with self._lock:
                self._thread = None

    def interrupt(self) -> None:
        """End the stretch that runs, if one does."""
        with self._lock:
            if self._thread is not None:
                ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(self._thread), ctypes.py_object(_Cancelled))
                self._thread = None


class LatestIndex:
    """The newest search index of a serve session, outside the site between rebuilds, in it otherwise."""

    def __init__(self, site_index: Callable[[], Path], log: Callable[[str], None]) -> None:
        self._site_index = site_index
        """Where the site serves the index (the site folder is known once the configuration is read)."""
        self._log = log
        self._lock = threading.Lock()
        self._workdir = working_folder()
        self._held: tuple[Path, frozenset[str]] | None = None  # the newest good bundle, outside the site
        self._served: frozenset[str] | None = None  # the pages of the bundle in the site
        self._building = False
        self._job: tuple[threading.Thread, threading.Event] | None = None
        self._records = _Interruptible()
        self._number = 0

    def take_out(self) -> None:
        """A rebuild starts: cancel the index on its way and keep the one served out of the site's cleaning."""
        self._cancel()
        with self._lock:
            self._building = True
            served, self._served = self._served, None
            if served is None or not self._site_index().is_dir():
                return
            if self._held is None:
                self._held = (self.folder("index") / "bundle", served)
                self._site_index().rename(self._held[0])
            else:  # a newer one waits already
                shutil.rmtree(self._site_index(), ignore_errors=True)

    def put_back(self, pages: frozenset[str]) -> None:
        """The rebuild is done (``pages``: the URLs it has): serve the kept index if it points to none that is gone."""
        with self._lock:
            self._building = False
            self._place(pages)

    def start(self, plan: SitePlan, pages: frozenset[str], scan: Callable[[Path], dict[str, Any]] | None) -> None:
        """Work out the index of the build of ``plan`` beside the preview; ``scan`` checks a bundle for leaks."""
        self._cancel()
        cancelled = threading.Event()
        thread = threading.Thread(target=self._index, args=(plan, pages, scan, cancelled), daemon=True,
                                  name="esfkb-search-index")
        self._job = (thread, cancelled)
        thread.start()

    def close(self) -> None:
        """Stop indexing and remove what is kept outside the site."""
        self._cancel(wait=True)
        shutil.rmtree(self._workdir, ignore_errors=True)

    def _cancel(self, *, wait: bool = False) -> None:
        """Cancel the index on its way (a thread working out records ends there; ``wait``: it is waited for)."""
        if self._job is not None:
            thread, cancelled = self._job
            cancelled.set()
            self._records.interrupt()
            if wait:
                thread.join()
            self._job = None

    def folder(self, name: str) -> Path:
        """A new folder of this session's own, outside the site (removed at its end)."""
        self._number += 1
        folder = self._workdir / f"{name}-{self._number}"
        folder.mkdir()
        return folder

    def _place(self, pages: frozenset[str]) -> None:
        """Serve the held bundle if every page it points to exists (under the lock, not while building)."""
        if self._held is None:
            return
        folder, urls = self._held
        if not urls <= pages:
            return  # keep it back: a newer index is on its way
        self._held = None
        target = self._site_index()
        if target.exists():
            shutil.rmtree(target)
        target.parent.mkdir(parents=True, exist_ok=True)
        folder.rename(target)
        self._served = urls

    @staticmethod
    def _prepare(plan: SitePlan, folder: Path, cancelled: threading.Event) -> tuple[list[SearchRecord], PagefindRun]:
        """The search records of ``plan`` and Pagefind started on their pages (written into ``folder``).

        A cancel that came before the stretch began (so that it interrupted nothing) ends it here.
        """
        if cancelled.is_set():
            raise _Cancelled
        records = search_records(plan.ctx, plan.pages)
        return records, PagefindRun.start(records, folder)

    def _index(self, plan: SitePlan, pages: frozenset[str], scan: Callable[[Path], dict[str, Any]] | None,
               cancelled: threading.Event) -> None:
        folder = self.folder("index")
        try:
            if cancelled.wait(QUIET_SECONDS):
                return
            records, run = self._records.run(lambda: self._prepare(plan, folder, cancelled))
            try:
                while not cancelled.is_set() and run.running():
                    cancelled.wait(0.05)
                if cancelled.is_set() or not run.wait():
                    return
            finally:
                run.cancel()
            urls = frozenset(r.url for r in records)
            leaks = scan(run.bundle)["leaks"] if scan is not None else []
            if leaks:
                self._log(ngettext("search index not updated: it would publish personal contact data ({count} find)",
                                   "search index not updated: it would publish personal contact data ({count} finds)",
                                   len(leaks)).format(count=len(leaks)))
                return
            with self._lock:
                if cancelled.is_set():
                    return
                if self._held is not None:
                    shutil.rmtree(self._held[0], ignore_errors=True)
                self._held = (run.bundle, urls)
                if not self._building:
                    self._place(pages)
            self._log(ngettext("search index: {count} page, up to date", "search index: {count} pages, up to date",
                               len(urls)).format(count=len(urls)))
        except SearchIndexError as error:
            self._log(_("search index not updated: {error}").format(error=error))
        except _Cancelled:
            pass
        finally:
            with self._lock:
                if self._held is None or self._held[0].parent != folder:
                    shutil.rmtree(folder, ignore_errors=True)

