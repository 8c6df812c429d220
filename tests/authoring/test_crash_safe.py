"""A rename killed with SIGKILL at any moment leaves the base as it was, or running it again completes it."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from typing import TYPE_CHECKING

import pytest

from esfkb.authoring.journal import JOURNAL, complete_interrupted
from esfkb.authoring.linking import link
from esfkb.authoring.rename import rename
from esfkb.errors import EditError
from tests.authoring.conftest import check, load

if TYPE_CHECKING:
    from pathlib import Path

SLOW_RENAME = """
import sys, time
import esfkb.authoring.editing as editing, esfkb.authoring.journal as journal

def step(function):
    def slowed(*args, **kwargs):
        result = function(*args, **kwargs)
        print("step", flush=True)
        time.sleep(0.03)
        return result
    return slowed

editing._temporary_copy = step(editing._temporary_copy)  # a temporary file written, not yet in place
journal.write_atomic = step(journal.write_atomic)
journal.move_exclusive = step(journal.move_exclusive)
from esfkb.cli import main
sys.argv = ["esfkb", "rename", "werkbrug", "werkbrug-vzw"]
main()
"""
OLD, NEW = "playbooks/matchmakers/werkbrug.md", "playbooks/matchmakers/werkbrug-vzw.md"


def _mentions(root: Path, word: str) -> int:
    return sum(word in p.read_text(encoding="utf-8") for p in root.rglob("*.md"))


def _temporaries(root: Path) -> list[Path]:
    return [p for p in root.rglob("*") if p.name.endswith(".tmp")]


def _kill_after(root: Path, steps: int, delay: float) -> None:
    """Run the slowed rename and kill it ``delay`` seconds after its ``steps``-th step."""
    with subprocess.Popen([sys.executable, "-c", SLOW_RENAME], cwd=root, stdout=subprocess.PIPE,
                          stderr=subprocess.DEVNULL, text=True) as process:
        assert process.stdout is not None
        for _ in range(steps):
            if not process.stdout.readline():
                break
        time.sleep(delay)
        process.send_signal(signal.SIGKILL)


@pytest.mark.parametrize("steps", range(11))
def test_a_killed_rename_is_old_or_new_or_completed_by_running_it_again(base: Path, steps: int) -> None:
    references = _mentions(base, "werkbrug")
    _kill_after(base, steps, random.uniform(0, 0.03))

    interrupted = (base / JOURNAL).exists()
    if interrupted:
        assert [d.code for d in check(base).diagnostics if d.code.startswith("ESF0")] == ["ESF015"]
    elif (base / OLD).exists():
        assert not (base / NEW).exists() and _mentions(base, "werkbrug-vzw") == 0  # entirely old
        assert check(base).errors == 0
    else:
        assert (base / NEW).exists() and _mentions(base, "werkbrug-vzw") == references  # entirely new
    again = subprocess.run([sys.executable, "-m", "esfkb", "rename", "werkbrug", "werkbrug-vzw"], cwd=base,
                           capture_output=True, text=True, check=False)
    if interrupted:
        assert again.returncode == 0, again.stderr
        assert again.stdout.startswith("completed the interrupted rename werkbrug → werkbrug-vzw")
    assert (base / NEW).exists() and not (base / OLD).exists() and not (base / JOURNAL).exists()
    assert _mentions(base, "werkbrug-vzw") == references
    assert not _temporaries(base)
    result = check(base)
    assert result.errors == 0, result.diagnostics


def test_other_edits_wait_for_an_interrupted_rename(base: Path) -> None:
    _kill_after(base, 4, 0)  # the journal is written, the edits are not all done
    assert (base / JOURNAL).exists()
    message = "a rename was interrupted: run 'esfkb rename werkbrug werkbrug-vzw' to complete it"
    assert [d.message for d in check(base).diagnostics if d.code == "ESF015"] == [message]
    with pytest.raises(EditError, match="before any other edit"):
        link(load(base), "enclave-kempen", "groendienst-leuven")


def test_a_rename_stopped_inside_the_move_is_completed(base: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def half_move(source: Path, target: Path) -> None:
        os.link(source, target)
        raise KeyboardInterrupt  # stopped between the hard link and the removal of the old name

    monkeypatch.setattr("esfkb.authoring.journal.move_exclusive", half_move)
    with pytest.raises(KeyboardInterrupt):
        rename(load(base), "werkbrug", "werkbrug-vzw")
    monkeypatch.undo()
    assert (base / OLD).exists() and (base / NEW).exists()
    assert complete_interrupted(base) is not None
    assert not (base / OLD).exists() and (base / NEW).exists() and not (base / JOURNAL).exists()
    assert check(base).errors == 0
