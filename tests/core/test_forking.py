"""Forked helpers: a job runs in a child beside the build, at the lowest priority, and is always reaped."""

from __future__ import annotations

import os
import sys
import threading
import time

import pytest

from esfkb.processes import HELPER_NICENESS, NO_FORK_ENV, Helper, process_alive, spawn


def test_a_job_runs_in_a_child_at_the_lowest_priority(tmp_path):
    seen = tmp_path / "seen"
    helper = Helper.start(lambda: seen.write_text(f"{os.getpid()} {os.nice(0)}"))
    assert helper is not None
    assert helper.wait() is True
    pid, niceness = map(int, seen.read_text().split())
    assert pid == helper.pid != os.getpid()
    assert niceness == min(os.nice(0) + HELPER_NICENESS, 19)


def test_a_job_on_the_critical_path_keeps_the_builds_priority(tmp_path):
    seen = tmp_path / "seen"
    helper = Helper.start(lambda: seen.write_text(str(os.nice(0))), yields=False)
    assert helper is not None and helper.wait()
    assert int(seen.read_text()) == os.nice(0)


def test_a_failing_job_is_reported_with_its_traceback(capfd):
    def job() -> None:
        raise ValueError("kapot")

    helper = Helper.start(job)
    assert helper is not None
    assert helper.wait() is False
    assert helper.wait() is False, "asking again is harmless"
    assert "ValueError: kapot" in capfd.readouterr().err


def test_a_stopped_child_is_reaped():
    helper = Helper.start(lambda: time.sleep(60))
    assert helper is not None
    helper.stop()
    helper.stop()  # twice is harmless
    assert helper.wait() is False
    with pytest.raises(ChildProcessError):
        os.waitpid(helper.pid, os.WNOHANG)


def test_no_child_is_forked_beside_other_threads():
    release = threading.Event()
    thread = threading.Thread(target=release.wait)
    thread.start()
    try:
        assert Helper.start(lambda: None) is None
    finally:
        release.set()
        thread.join()


def test_no_child_is_forked_when_the_environment_asks_for_none(monkeypatch):
    monkeypatch.setenv(NO_FORK_ENV, "1")
    assert Helper.start(lambda: None) is None
    monkeypatch.setenv(NO_FORK_ENV, "0")
    helper = Helper.start(lambda: None)
    assert helper is not None and helper.wait()


def test_a_spawned_program_dies_with_its_parent(tmp_path):
    """The program a helper starts is killed with that helper, even by SIGKILL (Linux's parent-death signal)."""
    if not sys.platform.startswith("linux"):
        pytest.skip("the parent-death signal is Linux's")
    pid_file = tmp_path / "pid"

    def start_and_wait() -> None:
        program = spawn(["/bin/sh", "-c", f"echo $$ > {pid_file}; exec sleep 60"])
        program.wait()

    helper = Helper.start(start_and_wait, yields=False)
    assert helper is not None
    deadline = time.monotonic() + 10
    while not pid_file.exists() or not pid_file.read_text().strip():
        assert time.monotonic() < deadline, "the program never started"
        time.sleep(0.02)
    program = int(pid_file.read_text())
    helper.stop()
    while process_alive(program):
        assert time.monotonic() < deadline + 5, "the program outlived its parent"
        time.sleep(0.02)
