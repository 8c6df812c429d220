"""The leak scan after a public build: contact data pasted into content fails the build."""

from __future__ import annotations

import re

from tests.conftest import EXAMPLES
from tests.site.helpers import run_mkdocs
from tests.site.test_small_bases import CONTACTS

PLAYBOOK = "playbooks/draaiboeken/enclave-opstarten.md"


def _with_body(extra: str) -> str:
    text = (EXAMPLES / "valid" / PLAYBOOK).read_text(encoding="utf-8")
    return text.replace("Het draaiboek.", f"Het draaiboek.\n\n{extra}")


def _contacts(tmp_path):
    path = tmp_path / "private" / "contacts.yml"
    path.parent.mkdir()
    path.write_text(CONTACTS, encoding="utf-8")
    return path


def test_public_build_without_leak_passes(small_base, tmp_path):
    root = small_base()
    build = run_mkdocs(root / "mkdocs.yml", tmp_path / "site", env={"ESFKB_CONTACTS": str(_contacts(tmp_path))})
    assert build.returncode == 0, build.log


def test_contact_email_pasted_into_a_playbook_fails_the_build(small_base, tmp_path):
    root = small_base({PLAYBOOK: _with_body("Vragen? Mail an.claes@kempen-contact.invalid.")})
    env = {"ESFKB_CONTACTS": str(_contacts(tmp_path))}
    build = run_mkdocs(root / "mkdocs.yml", tmp_path / "site", strict=False, env=env)
    assert build.returncode != 0
    assert "the public site contains personal contact data" in build.log
    assert "draaiboeken/enclave-opstarten/index.html: e-mail van een contactpersoon " \
           "'an.claes@kempen-contact.invalid' published" in build.log
    assert "search/search_index.json: e-mail van een contactpersoon" in build.log
    fragment = re.search(r"pagefind/fragment/\S+\.pf_fragment: e-mail van een contactpersoon "
                         r"'an\.claes@kempen-contact\.invalid' published", build.log)
    assert fragment, "the search index is scanned too (by its worker, before it is moved into the site)"


def test_contact_name_is_caught_even_where_validation_cannot_see_it(small_base, tmp_path):
    """A name is not contact data by its shape; only the contacts file tells, so only the scan can."""
    root = small_base({PLAYBOOK: _with_body("Met dank aan An  Claes voor de begeleiding.")})
    env = {"ESFKB_CONTACTS": str(_contacts(tmp_path))}
    build = run_mkdocs(root / "mkdocs.yml", tmp_path / "site", env=env)
    assert build.returncode != 0
    assert "draaiboeken/enclave-opstarten/index.html: contactpersoon 'an claes' published" in build.log
