"""Shared fixtures: temporary projects built from the example base, and the CLI runner."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from click.testing import CliRunner

if TYPE_CHECKING:
    from collections.abc import Callable

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = Path(__file__).resolve().parent / "examples"
VALID_BASE = EXAMPLES / "valid"


def make_project(target: Path, overlay: Path | None = None) -> Path:
    """Copy the valid example base to ``target`` and lay the files of ``overlay`` over it."""
    shutil.copytree(VALID_BASE, target)
    if overlay is not None:
        for file in overlay.rglob("*"):
            if file.is_file() and file.name != "expect.yaml":
                destination = target / file.relative_to(overlay)
                destination.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(file, destination)
    return target


os.environ["ESFKB_LANG"] = "en"  # before any fixture: the suite's messages are English unless a test asks for Dutch


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "dutch: the test runs with the tool speaking Dutch (ESFKB_LANG=nl)")


@pytest.fixture(autouse=True)
def language(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """The tool's language for this test: English, Dutch for a test marked ``dutch`` (children inherit it)."""
    from esfkb import i18n

    chosen = "nl" if request.node.get_closest_marker("dutch") else "en"
    monkeypatch.setenv("ESFKB_LANG", chosen)
    return i18n.configure(chosen)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A fresh copy of the valid example base."""
    return make_project(tmp_path / "kb")


@pytest.fixture
def runner() -> CliRunner:
    """A click runner that keeps stderr apart from stdout."""
    return CliRunner()


def failing_in_a_child(function: Callable[..., Any]) -> Callable[..., Any]:
    """``function`` as it is in this process, and failing (out of memory) in a child forked from it."""
    parent = os.getpid()

    def wrapper(*args: Any) -> Any:
        if os.getpid() != parent:
            raise MemoryError("the child ran out of memory")
        return function(*args)

    return wrapper


@pytest.fixture
def files_the_scan_reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The site-relative paths that the leak scan reads in this process, as it reads them."""
    from esfkb.privacy import leak_scan

    read: list[str] = []
    scan_files = leak_scan._scan_files

    def reading(site_dir: Path, files: Any, *args: Any) -> Any:
        files = list(files)
        read.extend(f.relative_to(site_dir).as_posix() for f in files)
        return scan_files(site_dir, files, *args)

    monkeypatch.setattr(leak_scan, "_scan_files", reading)
    return read
