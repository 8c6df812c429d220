"""No symbolic link in the docs folder is read, and no edit writes through one; other file types are reported."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

import pytest

from esfkb.authoring.editing import write_atomic
from esfkb.authoring.linking import link, unlink
from esfkb.authoring.rename import rename
from esfkb.authoring.scaffold import create
from esfkb.base.docs_files import ASSET_TYPES
from esfkb.checks.diagnostics import CORE_CODES, Severity
from esfkb.config import load_project
from esfkb.errors import ConfigError, EditError, RequestError
from esfkb.model.kinds import load_kinds
from tests.authoring.conftest import check, load

if TYPE_CHECKING:
    from pathlib import Path

SECRET = "SECRET-MARKER-7f3a"
PILOT = "playbooks/proeftuinen/enclave-kempen.md"


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A folder beside the project (outside it) holding a secret."""
    folder = tmp_path / "outside"
    folder.mkdir()
    (folder / "secret.md").write_text(f"# Geheim\n\n{SECRET}\n", encoding="utf-8")
    return folder


def _codes(root: Path) -> dict[str, str]:
    return {d.path: d.code for d in check(root).diagnostics if d.code in ("ESF013", "ESF014")}


def test_links_are_refused_at_any_depth_and_never_read(base: Path, outside: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    (base / "playbooks/passwd.md").symlink_to("/etc/passwd")
    (base / "playbooks/proeftuinen/geheim.md").symlink_to(outside / "secret.md")
    (base / "playbooks/extern").symlink_to(outside, target_is_directory=True)
    (base / "playbooks/keten.md").symlink_to(base / "playbooks/proeftuinen/geheim.md")  # a chain of links
    (base / "playbooks/kopie.md").symlink_to(base / "playbooks/index.md")  # inside the project: refused too
    opened: list[str] = []
    real_open = os.open

    def spy(path: str, *args: int) -> int:
        opened.append(str(path))
        return real_open(path, *args)

    monkeypatch.setattr(os, "open", spy)
    kb = load(base)
    assert _codes(base) == {f"playbooks/{rel}": "ESF013" for rel in
                            ("passwd.md", "proeftuinen/geheim.md", "extern", "keten.md", "kopie.md")}
    assert opened and not [p for p in opened if any(name in p for name in ("passwd", "geheim", "extern", "keten",
                                                                           "kopie"))]
    assert all(SECRET not in page.text for page in kb.pages)
    assert kb.get("geheim") is None
    message = next(d.message for d in check(base).diagnostics if d.path == "playbooks/passwd.md")
    assert "/etc/passwd, outside the project" in message
    assert kb.docs.left_out("extern/secret.md") == "it lies behind a symbolic link"


def test_edits_refuse_a_file_or_folder_that_is_a_link(base: Path, outside: Path) -> None:
    pilot = base / PILOT
    moved = outside / "enclave-kempen.md"
    moved.write_bytes(pilot.read_bytes())
    pilot.unlink()
    pilot.symlink_to(moved)
    before = moved.read_bytes()
    kb = load(base)
    with pytest.raises(RequestError):  # not a document: it is not read
        unlink(kb, "enclave-kempen", "logistiek-olen")
    with pytest.raises(RequestError):
        rename(kb, "enclave-kempen", "enclave-olen")
    with pytest.raises(EditError, match="symbolic link"):
        write_atomic(pilot, b"x")
    assert moved.read_bytes() == before and pilot.is_symlink()

    folder = base / "playbooks/businessmodellen"
    for file in folder.iterdir():
        file.rename(outside / file.name)
    folder.rmdir()
    folder.symlink_to(outside, target_is_directory=True)
    kb = load(base)
    with pytest.raises(EditError, match="businessmodellen is a symbolic link"):
        create(kb, load_kinds().by_name["businessmodel"], "nieuw-model")
    assert not (outside / "nieuw-model.md").exists()


def test_a_link_to_a_folder_inside_the_project_is_not_written_through(base: Path) -> None:
    (base / "playbooks/alias").symlink_to(base / "playbooks/proeftuinen", target_is_directory=True)
    before = (base / PILOT).read_bytes()
    with pytest.raises(EditError, match="alias is a symbolic link"):
        write_atomic(base / "playbooks/alias/enclave-kempen.md", b"---\n---\n")
    assert (base / PILOT).read_bytes() == before
    link(load(base), "enclave-kempen", "groendienst-leuven")  # the file itself is written as ever
    assert b"groendienst-leuven" in (base / PILOT).read_bytes()


def test_other_file_types_are_reported_and_allowed_assets_are_not(base: Path) -> None:
    stray = ["export.csv", "registraties/dump.json", "lijst.xlsx", "notes.md~", "oud.bak", "logo.svg", "eigen.css",
             "contacten.yml"]
    for rel in [*stray, "beeld.png", "foto.JPG", "verslag.pdf"]:
        (base / "playbooks" / rel).write_bytes(b"x")
    (base / "playbooks/.env").write_text("TOKEN=1\n", encoding="utf-8")  # hidden: never published, not reported
    found = {d.path: d for d in check(base).diagnostics if d.code == "ESF014"}
    assert sorted(found) == sorted(f"playbooks/{rel}" for rel in stray)
    assert all(d.severity == Severity.WARNING for d in found.values())
    assert "SVG can carry script" in found["playbooks/logo.svg"].message
    docs = load(base).docs
    assert docs.assets == {"beeld.png", "foto.JPG", "verslag.pdf"}
    assert docs.left_out(".env") == "it is a hidden file"
    assert docs.left_out("beeld.png") is None and docs.left_out("index.md") is None


def test_the_code_explains_the_allowed_types() -> None:
    explanation = next(c.explanation for c in CORE_CODES if c.code == "ESF014")
    assert all(suffix.lstrip(".") in explanation for suffix in ASSET_TYPES)


def test_a_docs_folder_behind_a_link_out_of_the_project_is_refused(base: Path, outside: Path) -> None:
    docs = base / "playbooks"
    docs.rename(outside / "playbooks")
    docs.symlink_to(outside / "playbooks", target_is_directory=True)
    with pytest.raises(ConfigError, match=r"symbolic link to .*outside the project"):
        load_project(base)


def test_validating_a_link_by_name_reports_the_link(base: Path, outside: Path) -> None:
    from click.testing import CliRunner

    from esfkb.cli import main

    link_path = base / "playbooks/proeftuinen/geheim.md"
    link_path.symlink_to(outside / "secret.md")
    result = CliRunner().invoke(main, ["validate", "--format", "json", str(link_path)])
    assert result.exit_code == 1, result.output
    assert "ESF013" in result.output and SECRET not in result.output
