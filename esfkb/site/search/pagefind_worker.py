"""Turn the search records into pages and run Pagefind on them, in a process of its own.

The build starts this worker early and goes on; the records arrive later on its input, as one JSON
object (``{"pages": [record, ...], "command": [...]}``), from the build or from the child that
renders the views (:mod:`esfkb.site.build.prerender`). Rendering and writing a thousand small pages from
a thread of the build would not overlap with it: every step waits for the interpreter lock that
page rendering holds. This process has an interpreter of its own (on the second core), and
Pagefind, which it starts, too.

    python -m esfkb.site.search.pagefind_worker WORKDIR [MEMORY_FOLDER] < job.json

The record pages go to ``MEMORY_FOLDER`` (in memory, see :data:`esfkb.site.search.pagefind.MEMORY_ROOT`)
when it has room for them to spare, else to ``WORKDIR``; the build removes both folders. A forked
child of the build writes them itself and sends only their number and folder. The worker dies with
the build, and Pagefind with the worker (:func:`esfkb.site.build.processes.die_with_parent`).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any


def run(workdir: Path, memory: Path | None = None) -> int:
    """Write each record as a numbered page (unless that was done) and run Pagefind on them; the exit status.

    The page's address is in the record's ``url`` meta, so the pages need no folder of their own.
    """
    from esfkb.site.build.processes import PARENT_ENV, die_with_parent, yield_to_the_build

    die_with_parent(int(os.environ.get(PARENT_ENV, os.getppid())))
    yield_to_the_build()  # before the imports below; Pagefind, started later, inherits the lower priority
    from esfkb.errors import EsfkbError
    from esfkb.site.search.pagefind import BUNDLE_DIR, PRESCAN_FILE, UNUSED_BUNDLES, page_count

    raw = sys.stdin.buffer.read()  # the imports above are done by the time the records arrive
    if not raw:
        return _fail("no search records arrived: the build stopped before it sent them")
    try:
        job = json.loads(raw)
    except ValueError as error:
        return _fail(f"the search records arrived incomplete ({error}): the build stopped while it sent them")
    if "written" in job:  # by the forked child that worked them out
        count, source = job["written"], Path(job["folder"])
    else:
        count, source = len(job["pages"]), _write_pages(job["pages"], workdir, memory)
    if not count:
        return 0  # nothing to index, no index
    worker = os.getpid()
    pagefind = subprocess.Popen([*job["command"], "--site", str(source)], stdin=subprocess.DEVNULL,
                                stdout=subprocess.DEVNULL,
                                preexec_fn=lambda: die_with_parent(worker))  # noqa: PLW1509 - this process runs one thread
    if job.get("leak_scan") is not None:
        import esfkb.privacy.leak_scan  # noqa: F401 - while Pagefind runs rather than after it
    status = pagefind.wait()
    shutil.rmtree(source, ignore_errors=True)  # here, on this core, rather than in the build when it collects the index
    if status != 0:
        return status
    bundle = workdir / BUNDLE_DIR
    try:
        indexed = page_count(bundle)
    except EsfkbError as error:
        return _fail(str(error))
    if indexed != count:
        return _fail(f"Pagefind indexed {indexed} of {count} search records")
    for pattern in UNUSED_BUNDLES:
        for unused in bundle.glob(pattern):
            unused.unlink()
    if job.get("leak_scan") is not None:
        _prescan(bundle, job["leak_scan"], workdir / PRESCAN_FILE)
    return 0


def _write_pages(pages: list[dict[str, Any]], workdir: Path, memory: Path | None) -> Path:
    """Write the records that came as JSON (one per page address, checked by the build) as pages; their folder."""
    from esfkb.site.search.pagefind import record_html, write_record_pages
    from esfkb.site.search.records import SearchRecord  # the models: only this path needs them

    records = [SearchRecord(**{**fields, "blocks": tuple(fields["blocks"]),
                               "filters": {name: tuple(values) for name, values in fields["filters"].items()}})
               for fields in pages]
    return write_record_pages([record_html(record) for record in records], workdir, memory)


def _prescan(bundle: Path, request: dict[str, object], report: Path) -> None:
    """Scan the bundle for leaks (:func:`esfkb.privacy.leak_scan.prescan`) and write the report beside it.

    Should the scan fail, there is no report, and the build scans the bundle itself.
    """
    from esfkb.privacy.leak_scan import prescan

    try:
        found = prescan(bundle, request)
    except Exception:  # the build's own scan reports what is wrong
        return
    report.write_text(json.dumps(found), encoding="utf-8")


def _fail(message: str) -> int:
    sys.stderr.write(f"{message}\n")
    return 1


if __name__ == "__main__":
    sys.exit(run(*(Path(argument) for argument in sys.argv[1:3])))
