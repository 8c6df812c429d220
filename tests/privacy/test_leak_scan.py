"""The post-build leak scan: contact values in any form, and stray e-mail addresses or phone numbers."""

from __future__ import annotations

import gzip
import json
import subprocess
from pathlib import Path

from esfkb.config import Settings, load_project
from esfkb.privacy import leak_scan
from esfkb.privacy.contacts import Contact
from esfkb.privacy.detectors import email_allowed, find_emails, find_phones
from esfkb.privacy.leak_scan import scan_site
from tests.conftest import REPO

CONTACTS = {
    "kempenwerk": Contact(naam="Sofie Voorbeeldt", functie="zaakvoerder",
                          email="sofie.voorbeeldt@kempenwerk.example", telefoon="+3214210001"),
}


def site(tmp_path: Path, files: dict[str, bytes | str]) -> Path:
    root = tmp_path / "site"
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return root


def test_clean_site_has_no_leaks(tmp_path):
    root = site(tmp_path, {"index.html": "<p>Mail info@werkbrug.example, KBO 0300.000.214, 2200 Herentals</p>"})
    assert scan_site(root, CONTACTS, Settings()) == []


def test_contact_values_are_found_in_every_disguise(tmp_path):
    root = site(tmp_path, {
        "a/index.html": "<p>Contact: SOFIE&nbsp;Voorbeeldt</p>",
        "api/catalog.json": json.dumps({"x": "sofie.voorbeeldt\u0040kempenwerk.example"}, ensure_ascii=True)
        .replace("@", "\\u0040"),
        "b/index.html": "<p>Bel 014/21.00.01</p>",
        "pagefind/fragment/x.pf_fragment": gzip.compress(b'{"content": "bel 0032 14 21 00 01"}'),
        "sitemap.xml": "<url>+32 14 21 00 01</url>",
        "assets/javascripts/bundle.js": "var c='Sofie  Voorbeeldt'",
    })
    found = {(leak.path, leak.kind) for leak in scan_site(root, CONTACTS, Settings())}
    assert found >= {
        ("a/index.html", "contactpersoon"),
        ("api/catalog.json", "e-mail van een contactpersoon"),
        ("b/index.html", "telefoon van een contactpersoon"),
        ("pagefind/fragment/x.pf_fragment", "telefoon van een contactpersoon"),
        ("sitemap.xml", "telefoon van een contactpersoon"),
        ("assets/javascripts/bundle.js", "contactpersoon"),
    }


def test_a_folder_scanned_before_it_was_moved_in_is_not_read_again_unless_it_changed(tmp_path, files_the_scan_reads):
    """The search child scans the index it wrote; the build takes those findings for the files that did not change."""
    index = site(tmp_path / "worker", {"a.json": '{"t": "Sofie  Voorbeeldt"}', "b.json": "{}", "c.json": "{}"})
    found = leak_scan.prescan(index, CONTACTS, Settings())
    scanned = leak_scan.Scanned.from_json(json.loads(json.dumps(found)), under="pagefind")
    assert {(leak.path, leak.kind) for leak in scanned.leaks} == {("pagefind/a.json", "contactpersoon")}

    root = site(tmp_path, {"index.html": "<p>Welkom</p>"})
    index.rename(root / "pagefind")
    (root / "pagefind" / "b.json").write_text('{"t": "bel 014 21 00 01"}', encoding="utf-8")  # changed on the way
    files_the_scan_reads.clear()  # the child's scan above is not the build's
    found = {(leak.path, leak.kind) for leak in scan_site(root, CONTACTS, Settings(), scanned)}
    assert sorted(files_the_scan_reads) == ["index.html", "pagefind/b.json"]
    assert found == {("pagefind/a.json", "contactpersoon"), ("pagefind/b.json", "telefoon van een contactpersoon")}
    (root / "pagefind" / "a.json").unlink()
    assert scan_site(root, CONTACTS, Settings(), scanned) == scan_site(root, CONTACTS, Settings())


def test_words_run_together_never_hide_an_address_behind_an_allowed_domain():
    def found(text):
        return [f.value for f in find_emails(text)]

    assert found("Mail info@werkbrug.exampleWerkingsgebied: Kempen") == ["info@werkbrug.example"]
    assert found("Mail info@werkbrug.exampleVolgende.Meer") == ["info@werkbrug.example"]
    assert found("x@evil.exampleCorp.invalid") == ["x@evil.example", "x@evil.exampleCorp.invalid"]
    allowed = Settings(email_allowlist=("*.example",))
    assert not all(email_allowed(address, allowed.email_allowlist) for address in found("x@evil.exampleCorp.invalid"))


def test_stray_addresses_and_numbers_outside_the_allow_list(tmp_path):
    root = site(tmp_path, {"p/index.html": "<p>jan@voorbeeldmail.invalid of 0470 12 34 56</p>"})
    kinds = {leak.kind for leak in scan_site(root, {}, Settings())}
    assert kinds == {"e-mailadres", "telefoonnummer"}
    allowed = Settings(email_allowlist=["*.invalid"], phone_allowlist=["+32470123456"])
    assert scan_site(root, {}, allowed) == []


FIXTURES = REPO / "tests" / "privacy" / "data"
"""Where the tests' own allow-lists are (its mkdocs.yml): the production configuration has none of their data."""


def test_no_tracked_file_holds_contact_data_outside_the_allow_list():
    """Personal data never enters the repository (its history is forever): only the tests' fictitious data is there."""
    settings = load_project(FIXTURES).settings
    tracked = subprocess.run(["git", "ls-files", "-z"], cwd=REPO, capture_output=True, check=True).stdout
    found = []
    for rel in filter(None, tracked.decode().split("\0")):
        path = REPO / rel
        if not path.is_file():
            continue
        text = path.read_bytes().decode("utf-8", errors="replace")
        if path.suffix == ".csv" or "cp1252" in rel:
            text = path.read_bytes().decode("cp1252", errors="replace")
        found += [(rel, f.value) for f in find_emails(text) if not email_allowed(f.value, settings.email_allowlist)]
        found += [(rel, f.value) for f in find_phones(text) if f.value not in settings.phone_allowlist]
    assert found == []
