"""Write the search records as pages and run Pagefind on them, in a process of its own.

The build hands over one JSON file (``{"pages": {relative path: html}, "command": [...]}``) and
goes on rendering. Writing a thousand small files from a thread of the build would not overlap
with it: every file operation waits for the interpreter lock that page rendering holds. This
process has an interpreter of its own (on the second core), and Pagefind, which it starts, too.

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
    """Write the pages under ``workdir/records`` and run the job's Pagefind command; its exit status."""
    job = json.loads((workdir / JOB_FILE).read_text(encoding="utf-8"))
    source = workdir / RECORDS_DIR
    source.mkdir(exist_ok=True)
    made: set[Path] = {source}
    for rel_path, html in job["pages"].items():
        path = source / rel_path
        if path.parent not in made:
            path.parent.mkdir(parents=True, exist_ok=True)
            made.add(path.parent)
        path.write_text(html, encoding="utf-8")
    return subprocess.run(job["command"], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, check=False).returncode


if __name__ == "__main__":
    sys.exit(run(Path(sys.argv[1])))
