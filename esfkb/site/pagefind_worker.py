"""Turn the search records into pages and run Pagefind on them, in a process of its own.

The build hands over one JSON file (``{"pages": {path: record}, "command": [...]}``) and goes on
rendering. Rendering and writing a thousand small pages from a thread of the build would not
overlap with it: every step waits for the interpreter lock that page rendering holds. This process
has an interpreter of its own (on the second core), and Pagefind, which it starts, too.

    python -m esfkb.site.pagefind_worker WORKDIR
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

JOB_FILE = "job.json"
RECORDS_DIR = "records"


def run(workdir: Path) -> int:
    """Write each record as a page under ``workdir/records``, run the job's Pagefind command; its exit status."""
    from esfkb.site.search import SearchRecord
    from esfkb.site.search_index import record_html

    job = json.loads((workdir / JOB_FILE).read_text(encoding="utf-8"))
    source = workdir / RECORDS_DIR
    source.mkdir(exist_ok=True)
    made: set[Path] = {source}
    for rel_path, fields in job["pages"].items():  # one record per page path, checked by the build
        record = SearchRecord(**{**fields, "blocks": tuple(fields["blocks"]),
                                 "filters": {name: tuple(values) for name, values in fields["filters"].items()}})
        path = source / rel_path
        if path.parent not in made:
            path.parent.mkdir(parents=True, exist_ok=True)
            made.add(path.parent)
        path.write_text(record_html(record), encoding="utf-8")
    return subprocess.run(job["command"], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, check=False).returncode


if __name__ == "__main__":
    sys.exit(run(Path(sys.argv[1])))
