"""rename: the file and every reference (frontmatter and Markdown links), refused when NEW exists."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from esfkb.authoring.rename import rename, rewrite_links
from esfkb.errors import EditError, RequestError
from tests.authoring.conftest import check, load

if TYPE_CHECKING:
    from pathlib import Path


def _snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_rename_rewrites_every_reference_and_back(base: Path) -> None:
    original = _snapshot(base)
    outcome = rename(load(base), "enclave-model", "enclave-in-een-distributiecentrum")
    assert outcome.touched == (
        "playbooks/draaiboeken/enclave-draaiboek.md",
        "playbooks/index.md",
    )
    after = _snapshot(base)
    assert "playbooks/businessmodellen/enclave-model.md" not in after
    assert after["playbooks/businessmodellen/enclave-in-een-distributiecentrum.md"] == \
        original["playbooks/businessmodellen/enclave-model.md"]
    assert after["playbooks/draaiboeken/enclave-draaiboek.md"] == original[
        "playbooks/draaiboeken/enclave-draaiboek.md"].replace(
        b"businessmodel: enclave-model\n", b"businessmodel: enclave-in-een-distributiecentrum\n").replace(
        b"../businessmodellen/enclave-model.md", b"../businessmodellen/enclave-in-een-distributiecentrum.md")
    assert after["playbooks/index.md"] == original["playbooks/index.md"].replace(
        b"businessmodellen/enclave-model.md#canvas", b"businessmodellen/enclave-in-een-distributiecentrum.md#canvas")
    assert check(base).errors == 0
    rename(load(base), "enclave-in-een-distributiecentrum", "enclave-model")
    assert _snapshot(base) == original


def test_rename_a_participant_rewrites_the_entry(base: Path) -> None:
    rename(load(base), "kempenwerk", "kempenwerk-geel")
    pilot = (base / "playbooks/proeftuinen/enclave-kempen.md").read_text(encoding="utf-8")
    assert "  - registratie: kempenwerk-geel\n    rol: trekker\n" in pilot
    assert check(base).errors == 0


def test_rename_refuses_an_existing_id(base: Path) -> None:
    before = _snapshot(base)
    with pytest.raises(EditError, match="'werkbrug' already exists"):
        rename(load(base), "sociale-schakel", "werkbrug")
    with pytest.raises(RequestError, match="not a valid id"):
        rename(load(base), "sociale-schakel", "Sociale_Schakel")
    with pytest.raises(RequestError, match="'onbekend' is not the id of any document"):
        rename(load(base), "onbekend", "iets")
    assert _snapshot(base) == before


def test_dry_run_writes_nothing(base: Path) -> None:
    before = _snapshot(base)
    outcome = rename(load(base), "werkbrug", "werkbrug-vzw", dry_run=True)
    assert outcome.touched == (
        "playbooks/businessmodellen/enclave-model.md",
        "playbooks/draaiboeken/enclave-draaiboek.md",
        "playbooks/proeftuinen/enclave-kempen.md",
    )
    assert _snapshot(base) == before


@pytest.mark.parametrize(("line", "expected"), [
    ("[a](../proeftuinen/oud.md)", "[a](../proeftuinen/nieuw.md)"),
    ("[a](../proeftuinen/oud.md#aanpak) en [b](oud.md)", "[a](../proeftuinen/nieuw.md#aanpak) en [b](oud.md)"),
    ("[ref]: ../proeftuinen/oud.md", "[ref]: ../proeftuinen/nieuw.md"),
    ("[a](https://example.org/proeftuinen/oud.md)", "[a](https://example.org/proeftuinen/oud.md)"),
    ("[a](../proeftuinen/oud.mdx)", "[a](../proeftuinen/oud.mdx)"),
])
def test_rewrite_links_only_touches_links_to_the_file(line: str, expected: str) -> None:
    assert rewrite_links(line, "draaiboeken", "proeftuinen/oud.md", "proeftuinen/nieuw.md") == expected
