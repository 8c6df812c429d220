"""When a document last changed: one git log for the whole base, the file's mtime where git cannot tell."""

from __future__ import annotations

import os
import subprocess
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING

import pytest

from esfkb.base import history
from esfkb.base.history import last_changed, parse_log

if TYPE_CHECKING:
    from pathlib import Path

MTIME = datetime(2025, 3, 9, 23, 30, tzinfo=UTC).timestamp()
"""A fixed modification time; its day in UTC is 9 March 2025 on every machine."""


def _git(repo: Path, *args: str, when: str | None = None) -> None:
    env = {"PATH": os.environ.get("PATH", ""), "HOME": str(repo), "GIT_CONFIG_NOSYSTEM": "1",
           "GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@kennisbank.example",
           "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@kennisbank.example"}
    if when is not None:
        env |= {"GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}
    subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository whose docs folder has a history: two commits on fixed dates, a rename, work not committed."""
    root = tmp_path / "kb"
    docs = root / "playbooks"
    _write(docs / "draaiboeken/oud.md", "a\n")
    _write(docs / "draaiboeken/vast.md", "b\n")
    _write(docs / "proeftuinen/één proeftuin.md", "c\n")
    _write(root / "README.md", "buiten docs_dir\n")
    _git(root, "init", "-q")
    _git(root, "add", ".")
    _git(root, "commit", "-q", "-m", "eerste", when="2026-11-28T09:00:00+01:00")
    _git(root, "mv", "playbooks/draaiboeken/oud.md", "playbooks/draaiboeken/nieuw.md")
    _write(docs / "proeftuinen/één proeftuin.md", "c, herschreven\n")
    _git(root, "add", ".")
    _git(root, "commit", "-q", "-m", "tweede", when="2026-12-03T23:30:00+01:00")  # 22:30 UTC: still the 3rd
    _write(docs / "draaiboeken/vast.md", "b, niet vastgelegd\n")  # changed, not committed
    _write(docs / "draaiboeken/nog-niet.md", "d\n")  # never committed
    for name in ("vast.md", "nog-niet.md"):
        os.utime(docs / "draaiboeken" / name, (MTIME, MTIME))
    return docs


def test_each_file_takes_the_date_of_its_last_commit_in_one_pass(repo, monkeypatch):
    calls: list[list[str]] = []
    run = subprocess.run

    def counting(command, *args, **kwargs):
        calls.append(command)
        return run(command, *args, **kwargs)

    monkeypatch.setattr(history.subprocess, "run", counting)
    dates = last_changed(repo, ["draaiboeken/nieuw.md", "draaiboeken/vast.md", "proeftuinen/één proeftuin.md",
                                "draaiboeken/nog-niet.md", "draaiboeken/weg.md"])
    assert len(calls) == 1 and "log" in calls[0]
    assert dates == {
        "draaiboeken/nieuw.md": date(2026, 12, 3),  # renamed: a change of its own
        "proeftuinen/één proeftuin.md": date(2026, 12, 3),  # the newest commit wins, in the committer's zone
        "draaiboeken/vast.md": date(2026, 11, 28),  # changed but not committed: its last commit
        "draaiboeken/nog-niet.md": date(2025, 3, 9),  # not committed at all: its mtime
    }  # a file that is not there has no date


def test_outside_a_repository_the_mtime_is_taken_without_starting_git(tmp_path, monkeypatch):
    _write(tmp_path / "docs/a.md", "a\n")
    os.utime(tmp_path / "docs/a.md", (MTIME, MTIME))

    def refused(*args, **kwargs):
        raise AssertionError("git was started outside a repository")

    monkeypatch.setattr(history.subprocess, "run", refused)
    assert last_changed(tmp_path / "docs", ["a.md"]) == {"a.md": date(2025, 3, 9)}


def test_without_git_every_file_takes_its_mtime(repo, monkeypatch):
    monkeypatch.setattr(history.shutil, "which", lambda name: None)
    assert last_changed(repo, ["draaiboeken/vast.md"]) == {"draaiboeken/vast.md": date(2025, 3, 9)}


def test_the_log_is_read_newest_first_merges_without_files_included():
    output = (b"\x002026-12-03\x00\nb.md\x00a \xc3\xa9.md\x00"
              b"\x002026-12-02\x00"  # a merge: no files
              b"\x002026-11-28\x00\nb.md\x00c.md\x00")
    assert parse_log(output) == {"b.md": date(2026, 12, 3), "a é.md": date(2026, 12, 3), "c.md": date(2026, 11, 28)}
