"""Local mode: decap-server and ``mkdocs serve`` side by side on 127.0.0.1, stopped together.

decap-server (file-system mode) reads and writes the working tree of the project, so a save in the
editor is a changed file that ``mkdocs serve`` shows at once and ``esfkb validate`` checks. It listens
on 127.0.0.1 only (``BIND_HOST``) and answers only pages from 127.0.0.1 or localhost (its CORS default).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from esfkb.config import CONFIG_FILE, EditorSettings
from esfkb.editor.backend import LOCAL_HOST
from esfkb.editor.site import ROUTE
from esfkb.errors import ConfigError
from esfkb.processes import spawn

if TYPE_CHECKING:
    from collections.abc import Callable

    from esfkb.config import Project

SERVER_SCRIPT = Path("node_modules") / "decap-server" / "dist" / "index.js"
"""decap-server as ``npm ci`` installs it, relative to the project root."""
SITE_PORT = 8000
STOP_GRACE = 10.0
"""Seconds a server gets to end after it is asked to, before it is killed."""


@dataclass(frozen=True, slots=True)
class LocalMode:
    """The two commands of local mode and where they listen."""

    server: list[str]
    server_env: dict[str, str]
    site: list[str]
    editor_url: str


def local_mode(project: Project, *, site_port: int = SITE_PORT) -> LocalMode:
    """decap-server over ``project``'s working tree and ``mkdocs serve`` of its ``mkdocs.yml``, on 127.0.0.1.

    Raises:
        ConfigError: node or decap-server is not installed.
    """
    node = shutil.which("node")
    script = project.root / SERVER_SCRIPT
    if node is None or not script.is_file():
        raise ConfigError(f"local mode needs Node.js and decap-server: run 'npm ci' in {project.root}")
    editor = EditorSettings.from_options(project.settings.editor)
    env = {**os.environ, "PORT": str(editor.local_port), "BIND_HOST": LOCAL_HOST, "MODE": "fs",
           "GIT_REPO_DIRECTORY": str(project.root)}
    site = [sys.executable, "-m", "mkdocs", "serve", "-f", str(project.root / CONFIG_FILE),
            "-a", f"{LOCAL_HOST}:{site_port}"]
    return LocalMode([node, str(script)], env, site, f"http://{LOCAL_HOST}:{site_port}/{ROUTE}/")


def run_local(mode: LocalMode, announce: Callable[[str], None]) -> int:
    """Start both servers, announce the editor's address, wait until one ends or Ctrl-C; stop both.

    Returns:
        0 after Ctrl-C, else the exit status of the server that ended first.
    """
    processes = [spawn(mode.server, env=mode.server_env), spawn(mode.site)]
    announce(mode.editor_url)
    try:
        _, status = os.wait()  # the first of the two to end (this process has no other child)
        return os.waitstatus_to_exitcode(status)
    except KeyboardInterrupt:
        return 0
    finally:
        _stop(processes)


def _stop(processes: list[subprocess.Popen[bytes]]) -> None:
    """Ask each process to end, then kill what has not after :data:`STOP_GRACE` seconds."""
    for process in processes:
        if process.poll() is None:
            process.terminate()
    for process in processes:
        try:
            process.wait(STOP_GRACE)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
