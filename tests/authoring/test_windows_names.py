"""Ids that Windows cannot store as a file (con, nul, com1, ...) are refused by validate, new and rename.

The files are made in the tests: a ``nul.md`` in the repository would break its own checkout on Windows.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from esfkb.cli import main
from esfkb.model.fields import WINDOWS_RESERVED_NAMES, is_valid_id, suggest_id
from tests.authoring.conftest import BASE, check

if TYPE_CHECKING:
    from pathlib import Path

    from click.testing import CliRunner

RESERVED = ["con", "prn", "aux", "nul", "com0", "com1", "com9", "lpt0", "lpt1", "lpt9"]


@pytest.mark.parametrize("name", RESERVED)
def test_device_names_are_no_ids_in_any_case(name):
    assert name in WINDOWS_RESERVED_NAMES
    assert not is_valid_id(name) and not is_valid_id(name.upper()) and not is_valid_id(name.title())
    assert is_valid_id(suggest_id(name)) and is_valid_id(suggest_id(name.upper()))
    assert is_valid_id(f"{name}-2") and is_valid_id(f"{name}x") and is_valid_id(f"de-{name}")


def test_an_id_is_the_whole_name():
    assert not is_valid_id("con.txt") and not is_valid_id("kempenwerk\n") and not is_valid_id("kempenwerk.")
    assert not is_valid_id("kempenwerk ") and not is_valid_id("")


def test_validate_refuses_a_document_named_after_a_device(base: Path):
    (base / "playbooks/draaiboeken/nul.md").write_text(BASE["playbooks/draaiboeken/enclave-draaiboek.md"],
                                                        encoding="utf-8")
    (base / "playbooks/draaiboeken/enclave-draaiboek.md").unlink()
    found = [d for d in check(base).diagnostics if d.code == "ESF011"]
    assert [(d.path, d.line, d.column) for d in found] == [("playbooks/draaiboeken/nul.md", 1, 1)]
    assert "Windows reserves 'nul' for a device" in found[0].message and "e.g. 'nul-2.md'" in found[0].message


def test_validate_refuses_a_reference_to_a_device_name(base: Path):
    pilot = base / "playbooks/proeftuinen/enclave-kempen.md"
    pilot.write_text(pilot.read_text(encoding="utf-8").replace("matchmaker: werkbrug", "matchmaker: aux"),
                     encoding="utf-8")
    found = [d for d in check(base).diagnostics if d.path == "playbooks/proeftuinen/enclave-kempen.md"]
    assert [(d.code, d.line) for d in found] == [("ESF105", 3)]
    assert "Windows reserves 'aux'" in found[0].message


@pytest.mark.parametrize("args", [["new", "draaiboek", "con"], ["new", "matchmaker", "lpt1"],
                                  ["rename", "sociale-schakel", "com1"], ["rename", "sociale-schakel", "PRN"]])
def test_new_and_rename_refuse_a_device_name(runner: CliRunner, in_base: Path, args: list[str]):
    before = sorted(p.relative_to(in_base) for p in in_base.rglob("*"))
    result = runner.invoke(main, args)
    assert result.exit_code == 2, result.output
    assert f"'{args[-1]}' is not a valid id" in result.stderr
    assert f"e.g. '{args[-1].lower()}-2'" in result.stderr
    assert sorted(p.relative_to(in_base) for p in in_base.rglob("*")) == before
