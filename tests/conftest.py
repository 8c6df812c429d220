"""Shared fixtures: temporary projects built from the example base, and the CLI runner."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

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


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A fresh copy of the valid example base."""
    return make_project(tmp_path / "kb")


@pytest.fixture
def runner() -> CliRunner:
    """A click runner that keeps stderr apart from stdout."""
    return CliRunner()
