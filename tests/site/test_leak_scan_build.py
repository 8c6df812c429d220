"""The leak scan after a public build: contact data pasted into content fails the build."""

from __future__ import annotations

import re

from tests.conftest import EXAMPLES
from tests.privacy.disguises import EMAIL, EMAIL_FAMILIES, NAME, NAME_FAMILIES, PHONE, PHONE_FAMILIES
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


DISGUISED_CONTACT = f"""\
kempenwerk:
  naam: {NAME}
  email: {EMAIL}
  telefoon: "{PHONE}"
"""


def _disguised_pages(families: dict[str, str]) -> dict[str, str]:
    """An ordinary page per family (published as any page is), under playbooks/lek/."""
    return {f"playbooks/lek/{family}.md": f"# Lek\n\nVragen? {text}\n" for family, text in families.items()}


def test_every_disguise_fails_the_build_with_and_without_a_contacts_file(small_base, tmp_path):
    families = {**{f"email-{k}": v for k, v in EMAIL_FAMILIES.items()},
                **{f"phone-{k}": v for k, v in PHONE_FAMILIES.items()}}
    root = small_base(_disguised_pages(families))
    contacts = tmp_path / "private" / "contacts.yml"
    contacts.parent.mkdir()
    contacts.write_text(DISGUISED_CONTACT, encoding="utf-8")
    for env, kinds in (({}, {"email": "e-mailadres", "phone": "telefoonnummer"}),
                       ({"ESFKB_CONTACTS": str(contacts)},
                        {"email": "e-mail van een contactpersoon", "phone": "telefoon van een contactpersoon"})):
        build = run_mkdocs(root / "mkdocs.yml", tmp_path / f"site-{len(env)}", strict=False, env=env)
        assert build.returncode != 0
        for family in families:
            if family == "phone-tel-link" and "tel:" not in build.text(f"lek/{family}/"):
                continue  # the sanitizer removes tel: links (validate reports the number); kept, it must be found
            assert f"lek/{family}/index.html: {kinds[family.split('-')[0]]} " in build.log, (family, build.log[-3000:])


def test_a_contacts_name_in_disguise_fails_the_build(small_base, tmp_path):
    root = small_base(_disguised_pages({f"name-{k}": v for k, v in NAME_FAMILIES.items()}))
    contacts = tmp_path / "private" / "contacts.yml"
    contacts.parent.mkdir()
    contacts.write_text(DISGUISED_CONTACT, encoding="utf-8")
    build = run_mkdocs(root / "mkdocs.yml", tmp_path / "site", env={"ESFKB_CONTACTS": str(contacts)})
    assert build.returncode != 0
    for family in NAME_FAMILIES:
        assert f"lek/name-{family}/index.html: contactpersoon 'jan peeters' published" in build.log, family


def test_an_organisation_named_after_its_contact_builds_alike_with_and_without_the_contacts_file(small_base, tmp_path):
    """Published with consent under its name (naam_bevat_persoonsnaam); the contact's name anywhere else leaks."""
    registration = EXAMPLES / "valid/playbooks/registraties/kempenwerk.md"
    named = registration.read_text(encoding="utf-8").replace(
        "naam: Kempenwerk maatwerkbedrijf", "naam: An Claes Kempenwerk bv\nnaam_bevat_persoonsnaam: true")
    root = small_base({"playbooks/registraties/kempenwerk.md": named})
    contacts = _contacts(tmp_path)
    for env in ({}, {"ESFKB_CONTACTS": str(contacts)}):
        build = run_mkdocs(root / "mkdocs.yml", tmp_path / f"site-{len(env)}", env=env)
        assert build.returncode == 0, build.log
        assert "An Claes Kempenwerk bv" in build.text("registraties/kempenwerk/")
    (root / PLAYBOOK).write_text(_with_body("Vraag het An Claes."), encoding="utf-8")
    build = run_mkdocs(root / "mkdocs.yml", tmp_path / "site-leak", env={"ESFKB_CONTACTS": str(contacts)})
    assert build.returncode != 0
    assert "draaiboeken/enclave-opstarten/index.html: contactpersoon 'an claes' published" in build.log
    assert "registraties/kempenwerk/index.html: contactpersoon" not in build.log
