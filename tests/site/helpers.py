"""Helpers for the site tests: build a project with ``mkdocs build`` and read what it wrote.

Builds run in a subprocess, as a user and CI run them: the plugin is found through its entry
point, and MkDocs' own warnings stay out of pytest's warnings-as-errors.
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import http.server
import json
import os
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from collections.abc import Iterator

CHROMIUM = Path("/usr/bin/chromium")
"""The distribution's Chromium, which the browser tests drive (never a downloaded build)."""
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
               "--no-first-run", "--disable-sync"]


def require_chromium() -> None:
    """Skip a browser test where Chromium is missing; in CI, fail it."""
    if CHROMIUM.exists():
        return
    message = f"{CHROMIUM} is missing (apt-get install chromium)"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


SMALL_CONFIG = """\
site_name: Testbasis
docs_dir: playbooks
theme:
  name: material
  language: nl
  font: false
plugins:
  - search:
      lang: nl
  - esfkb:
      email_allowlist: ["*.example"]
"""


@dataclass
class Build:
    """The outcome of one ``mkdocs build``: exit code, log, and the site directory."""

    returncode: int
    log: str
    site: Path
    seconds: float

    def text(self, path: str) -> str:
        """A built file as text (``path`` relative to the site root; a folder means its index.html)."""
        target = self.site / path
        if path.endswith("/") or not path:
            target = target / "index.html"
        return target.read_text(encoding="utf-8")

    def json(self, path: str) -> Any:
        """A built JSON file."""
        return json.loads(self.text(path))

    def files(self) -> list[Path]:
        """Every file written to the site directory, sorted."""
        return sorted(p for p in self.site.rglob("*") if p.is_file())

    def text_files(self) -> dict[str, str]:
        """Every text file of the site (HTML, JSON, XML, JS, CSS) by relative path."""
        return {p.relative_to(self.site).as_posix(): p.read_text(encoding="utf-8", errors="replace")
                for p in self.files() if p.suffix in {".html", ".json", ".xml", ".js", ".css", ".txt"}}


@contextlib.contextmanager
def built_in_process(root: Path, site: Path) -> Iterator[None]:
    """Build ``root``'s project into ``site`` in this process, where a test can patch the core; shut down after."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(str(root / "mkdocs.yml"), site_dir=str(site))
    try:
        config.plugins.on_startup(command="build", dirty=False)
        build(config)
        yield
    finally:
        config.plugins.on_shutdown()


def run_mkdocs(config: Path, site: Path, *, strict: bool = True, env: dict[str, str] | None = None) -> Build:
    """Build the project of ``config`` into ``site``; the private-data variables come only from ``env``."""
    environ = {k: v for k, v in os.environ.items() if k not in {"ESFKB_AUDIENCE", "ESFKB_CONTACTS"}}
    environ.update({"NO_MKDOCS_2_WARNING": "1", **(env or {})})
    command = [sys.executable, "-m", "mkdocs", "build", "-f", str(config), "-d", str(site)]
    if strict:
        command.append("--strict")
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, env=environ, timeout=600, check=False)
    return Build(done.returncode, done.stdout + done.stderr, site, time.perf_counter() - start)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        """Keep the test output clean."""


@contextlib.contextmanager
def serve(site: Path) -> Iterator[str]:
    """``site`` on an ephemeral 127.0.0.1 port (its URL, with a final slash) while the block runs."""
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def pagefind_fragments(bundle: Path) -> dict[str, dict[str, Any]]:
    """The pages of a Pagefind bundle by their address (the ``url`` meta): what a result shows and the indexed text."""
    found: dict[str, dict[str, Any]] = {}
    for path in sorted((bundle / "fragment").iterdir()):
        record = json.loads(gzip.decompress(path.read_bytes()).decode("utf-8").removeprefix("pagefind_dcd"))
        url = record["meta"]["url"]
        assert url not in found, f"{url} is indexed twice"
        found[url] = record
    return found
