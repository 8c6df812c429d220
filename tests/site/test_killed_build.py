"""A killed build leaves nothing behind: its helpers die with it, its folders go at the next start.

Pagefind is replaced by a stand-in that only waits (``PAGEFIND_BINARY_PATH``), so the build is
killed while its helpers run: the search child and "Pagefind" (and the views' child if not done yet).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from collections.abc import Callable

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the parent-death signal is Linux's")


def _processes_mentioning(marker: str) -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                cmdline = Path(f"/proc/{entry}/cmdline").read_bytes()
            except OSError:
                continue
            if marker.encode() in cmdline:
                found.append(int(entry))
    return found


def _folders_of(pid: int) -> list[Path]:
    return [folder for folder in Path(tempfile.gettempdir()).glob(f"esfkb-*-{pid}-*")]


def _until(condition: Callable[[], object], seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.02)
    return bool(condition())


def _start_build(root: Path, site: Path, stand_in: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PAGEFIND_BINARY_PATH": str(stand_in)}
    return subprocess.Popen([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(root / "mkdocs.yml"),
                             "-d", str(site)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM])
def test_a_killed_build_leaves_no_helper_and_the_next_build_removes_its_folders(small_base, tmp_path, sig):
    root = small_base()
    stand_in = tmp_path / "pagefind-stand-in"
    stand_in.write_text(f"#!{sys.executable}\nimport time\ntime.sleep(60)\n", encoding="utf-8")
    stand_in.chmod(0o755)
    build = _start_build(root, tmp_path / "site", stand_in)
    try:
        assert _until(lambda: _processes_mentioning(str(stand_in)), 30), "Pagefind's stand-in never started"
        helpers = {*_processes_mentioning(str(stand_in)),
                   *_processes_mentioning(str(tmp_path / "site"))} - {build.pid}  # the build's forked children too
        assert len(helpers) >= 2
        folders = _folders_of(build.pid)
        assert folders, "the build made no working folder"
        build.send_signal(sig)
        build.wait(10)
    finally:
        if build.poll() is None:
            build.kill()
    assert _until(lambda: not any(Path(f"/proc/{pid}").exists() for pid in helpers), 5), "a helper outlived the build"
    assert not _processes_mentioning(str(stand_in))

    stand_in.write_text("#!/bin/sh\nexit 3\n", encoding="utf-8")  # the next build starts and fails fast
    again = _start_build(root, tmp_path / "site", stand_in)
    again.wait(60)
    assert not [folder for folder in folders if folder.exists()], "the next build left the killed one's folders"
    assert not _folders_of(again.pid)
