"""When each file of ``docs_dir`` last changed: from git, in one pass over the history for the whole base.

One ``git log`` lists, newest commit first, the files each commit touched under ``docs_dir``; a file's first
appearance is its last change (renames count as a change: ``--no-renames``). One process whatever the number of
files; asking git per file (as mkdocs-git-revision-date-localized-plugin does) is what adds up to 70 % to a build.

A file git does not know (outside a repository, not committed yet, git missing or failing) takes the date of its
modification time, in UTC. A file changed but not committed keeps its last commit's date: the date of the
version that was reviewed and merged, and the only one a clean checkout (CI, production) can tell. Dates are the
committer's, in the committer's time zone, so the same history gives the same dates on every machine.
"""

from __future__ import annotations

import shutil
import subprocess
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable
    from pathlib import Path

GIT_LOG = ("log", "--no-renames", "--relative", "--name-only", "-z", "--format=%x00%cs", "--", ".")
"""Per commit, newest first: NUL, its committer date, NUL, then the paths it touched (relative to the folder
git runs in), each ended by NUL."""


def last_changed(docs_dir: Path, rel_paths: Iterable[str]) -> dict[str, date]:
    """The date each file (a ``docs_dir``-relative POSIX path) last changed: its last commit, else its mtime; a file
    that cannot be read has none."""
    wanted = list(rel_paths)
    committed = _committed(docs_dir) if wanted and _in_repository(docs_dir) else {}
    found: dict[str, date] = {}
    for path in wanted:
        day = committed.get(path) or _modified(docs_dir / path)
        if day is not None:
            found[path] = day
    return found


def _in_repository(folder: Path) -> bool:
    """Whether ``folder`` or a folder above it holds a ``.git`` (a repository, or a worktree's pointer to one):
    outside a repository, no process is started at all."""
    return any((parent / ".git").exists() for parent in (folder, *folder.parents))


def _committed(docs_dir: Path) -> dict[str, date]:
    """The date of the newest commit touching each path under ``docs_dir``; empty when git cannot tell."""
    git = shutil.which("git")
    if git is None:
        return {}
    try:
        done = subprocess.run([git, "-c", "log.showSignature=false", *GIT_LOG], cwd=docs_dir,
                              capture_output=True, check=False)
    except OSError:
        return {}
    return parse_log(done.stdout) if done.returncode == 0 else {}


def parse_log(output: bytes) -> dict[str, date]:
    """Each path's first date in the output of :data:`GIT_LOG` (the newest commit comes first)."""
    found: dict[str, date] = {}
    current: date | None = None
    expect_date = True
    first_path = False
    for token in output.split(b"\0"):
        if not token:  # before a commit's date; a path is never empty
            expect_date = True
        elif expect_date:
            current, expect_date, first_path = date.fromisoformat(token.decode("ascii")), False, True
        elif current is not None:
            path = token[1:] if first_path and token.startswith(b"\n") else token  # the line after the header
            first_path = False
            found.setdefault(path.decode("utf-8", "surrogateescape"), current)
    return found


def _modified(path: Path) -> date | None:
    """The day ``path`` was last modified, in UTC; None when it cannot be read."""
    try:
        return datetime.fromtimestamp(path.stat().st_mtime, tz=UTC).date()
    except OSError:
        return None
