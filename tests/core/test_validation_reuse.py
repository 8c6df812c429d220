"""Validation in ``mkdocs serve`` keeps what each text was found to hold (#21): a save finds again only what changed.

What a rule finds in a text depends on the text and on what it knows across documents (which names are
withheld); a change there must find anew in the texts that did not change.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from esfkb.base.knowledge_base import load_knowledge_base
from esfkb.base.loader import ParseCache
from esfkb.checks.validation import validate
from esfkb.config import Project, Settings
from tests.conftest import make_project

if TYPE_CHECKING:
    from pathlib import Path

REGISTRATION = "playbooks/registraties/kempenwerk.md"
PLAYBOOK = "playbooks/draaiboeken/enclave-opstarten.md"
CONSENT = "doeleinden: [samenstelling_proeftuin, contact_door_matchmaker, publicatie_organisatieprofiel]"


def _codes(project: Project, cache: ParseCache) -> set[tuple[str, str]]:
    return {(d.path, d.code) for d in validate(load_knowledge_base(project, cache=cache)).diagnostics}


def test_a_name_withheld_since_the_last_validation_is_found_in_a_text_that_did_not_change(tmp_path: Path) -> None:
    root = make_project(tmp_path / "kb")
    registration = root / REGISTRATION
    text = registration.read_text(encoding="utf-8")
    assert CONSENT in text
    registration.write_text(text.replace("bewaren_tot:", "naam_bevat_persoonsnaam: true\nbewaren_tot:"),
                            encoding="utf-8")
    playbook = root / PLAYBOOK
    playbook.write_text(playbook.read_text(encoding="utf-8") + "\nSamen met Kempenwerk maatwerkbedrijf.\n",
                        encoding="utf-8")
    project = Project(root=root, docs_dir=root / "playbooks", settings=Settings.from_options({}))
    cache = ParseCache()
    assert (PLAYBOOK, "ESF408") not in _codes(project, cache), "published with consent"
    registration.write_text(registration.read_text(encoding="utf-8").replace(", publicatie_organisatieprofiel", ""),
                            encoding="utf-8")
    assert (PLAYBOOK, "ESF408") in _codes(project, cache), "withheld now: the playbook names it"
    registration.write_text(registration.read_text(encoding="utf-8").replace(
        "contact_door_matchmaker]", "contact_door_matchmaker, publicatie_organisatieprofiel]"), encoding="utf-8")
    assert (PLAYBOOK, "ESF408") not in _codes(project, cache)


def test_a_text_that_changed_is_found_anew_and_one_that_changes_back_as_before(tmp_path: Path) -> None:
    root = make_project(tmp_path / "kb")
    playbook = root / PLAYBOOK
    original = playbook.read_text(encoding="utf-8")
    project = Project(root=root, docs_dir=root / "playbooks", settings=Settings.from_options({}))
    cache = ParseCache()
    before = _codes(project, cache)
    address = "iemand" + "@" + "voorbeeld.org"  # written whole, it would be contact data in a tracked file
    playbook.write_text(original + f"\nMail ons: {address} of <script>alert(1)</script>\n", encoding="utf-8")
    assert _codes(project, cache) - before == {(PLAYBOOK, "ESF401"), (PLAYBOOK, "ESF403")}  # the address, the script
    playbook.write_text(original, encoding="utf-8")
    assert _codes(project, cache) == before
