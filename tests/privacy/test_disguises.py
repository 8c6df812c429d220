"""Contact data in disguise (#17 finding 3): validate reports each family with file, line and column; the leak
scan finds it in the page the Markdown became, with and without a contacts file; ordinary Dutch is none of it."""

from __future__ import annotations

import json
import sys
import time
import unicodedata
from pathlib import Path

import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from esfkb.cli import main
from esfkb.config import Settings
from esfkb.privacy.contacts import Contact
from esfkb.privacy.leak_scan import scan_site
from esfkb.privacy.reading import phone_digits, read, skim
from tests.privacy.disguises import CLEAN, EMAIL, EMAIL_FAMILIES, NAME, NAME_FAMILIES, PHONE, PHONE_FAMILIES

PLAYBOOK = "playbooks/draaiboeken/enclave-opstarten.md"
CONTACTS = {"bakkerij-peeters": Contact(naam=NAME, functie="zaakvoerder", email=EMAIL, telefoon=PHONE)}
SETTINGS = Settings(email_allowlist=["*.example"])
FAMILIES = {**{f"email/{k}": v for k, v in EMAIL_FAMILIES.items()},
            **{f"phone/{k}": v for k, v in PHONE_FAMILIES.items()}}


def _validate(runner, root: Path, monkeypatch: pytest.MonkeyPatch) -> set[tuple[str, int, int, str]]:
    monkeypatch.delenv("ESFKB_CONTACTS", raising=False)
    result = runner.invoke(main, ["validate", str(root), "--format", "json"])
    return {(d["path"], d["line"], d["column"], d["code"]) for d in json.loads(result.stdout)["diagnostics"]}


def _with_paragraphs(root: Path, paragraphs: list[str]) -> int:
    """Append ``paragraphs`` to the playbook's body, one per line with a blank line between; the first one's line."""
    path = root / PLAYBOOK
    text = path.read_text(encoding="utf-8").rstrip("\n") + "\n"
    first = text.count("\n") + 2
    path.write_text(text + "".join(f"\n{paragraph}\n" for paragraph in paragraphs), encoding="utf-8")
    return first


def test_validate_reports_every_family_where_it_stands(runner, project, monkeypatch):
    first = _with_paragraphs(project, list(FAMILIES.values()))
    found = _validate(runner, project, monkeypatch)
    for n, (family, text) in enumerate(FAMILIES.items()):
        code = "ESF401" if family.startswith("email/") else "ESF402"
        column = text.index("jan") if code == "ESF401" else text.find("%2B") if "%2B" in text else len("bel ")
        assert (PLAYBOOK, first + 2 * n, column + 1, code) in found, (family, sorted(found))


def test_validate_reads_frontmatter_values_the_same_way(runner, project, monkeypatch):
    path = project / PLAYBOOK
    path.write_text(path.read_text(encoding="utf-8").replace(
        "titel: Een enclave opstarten", f"titel: Een enclave opstarten ({EMAIL_FAMILIES['decimal-entity']})"),
        encoding="utf-8")
    found = _validate(runner, project, monkeypatch)
    assert (PLAYBOOK, 2, len("titel: Een enclave opstarten (") + 1, "ESF401") in found


def test_ordinary_dutch_kbo_numbers_postcodes_dates_and_ibans_are_no_contact_data(runner, project, monkeypatch):
    _with_paragraphs(project, list(CLEAN))
    assert not {d for d in _validate(runner, project, monkeypatch) if d[3] in ("ESF401", "ESF402")}


def _site(tmp_path: Path, bodies: dict[str, str]) -> Path:
    """One page per body, rendered as MkDocs renders Markdown, inside a theme's article."""
    root = tmp_path / "site"
    for name, body in bodies.items():
        page = root / name / "index.html"
        page.parent.mkdir(parents=True)
        html = markdown.markdown(body)
        page.write_text(f'<html><body><nav><a href="/">Start</a></nav><article class="md-content">{html}</article>'
                        "</body></html>", encoding="utf-8")
    return root


@pytest.mark.parametrize("contacts", [{}, CONTACTS], ids=["without-contacts", "with-contacts"])
def test_the_leak_scan_finds_every_family_in_the_rendered_page(tmp_path, contacts):
    found = {(leak.path, leak.kind) for leak in scan_site(_site(tmp_path, FAMILIES), contacts, SETTINGS)}
    kinds = {"email": "e-mail van een contactpersoon", "phone": "telefoon van een contactpersoon"} if contacts else \
        {"email": "e-mailadres", "phone": "telefoonnummer"}
    for family in FAMILIES:
        assert (f"{family}/index.html", kinds[family.split("/")[0]]) in found, (family, sorted(found))


def test_the_leak_scan_finds_a_contacts_name_in_every_disguise(tmp_path):
    found = {(leak.path, leak.kind) for leak in scan_site(_site(tmp_path, NAME_FAMILIES), CONTACTS, SETTINGS)}
    assert found == {(f"{family}/index.html", "contactpersoon") for family in NAME_FAMILIES}


def test_the_leak_scan_reads_data_files_the_same_way(tmp_path):
    root = tmp_path / "site"
    (root / "api").mkdir(parents=True)
    for family in ("soft-hyphen", "named-entities", "full-width", "at-dot-brackets"):
        text = json.dumps({"tekst": EMAIL_FAMILIES[family]}, ensure_ascii=True)
        (root / "api" / f"{family}.json").write_text(text, encoding="utf-8")
    found = {leak.path for leak in scan_site(root, {}, SETTINGS)}
    assert found == {f"api/{family}.json" for family in ("soft-hyphen", "named-entities", "full-width",
                                                         "at-dot-brackets")}


def test_the_leak_scan_takes_ordinary_dutch_for_what_it_is(tmp_path):
    assert scan_site(_site(tmp_path, {f"clean-{n}": text for n, text in enumerate(CLEAN)}), CONTACTS, SETTINGS) == []


def test_a_reading_maps_every_character_back_to_the_source():
    source = 'Mail <a href="mailto:jan%40x.invalid">jan<b></b>&#64;x&period;invalid</a> of [at]'
    reading = read(source)
    assert "jan@x.invalid" in reading.text
    assert source[reading.source_offset(reading.text.index("jan@x.invalid"))] == "j"
    assert source[reading.source_offset(reading.text.index("@x.invalid"))] == "&"
    at_in_link = reading.text.index("jan@x.invalid", reading.text.index("mailto:"))
    assert source[reading.source_offset(at_in_link):].startswith("jan%40")


def test_phone_numbers_compare_by_their_digits():
    forms = ("+32 (0)470 12 34 56", "0032 470 12 34 56", "0470/12.34.56", "+32470123456", "0470 12 34 56")
    assert {phone_digits(form) for form in forms} == {"32470123456"}


def test_every_format_character_is_read_as_nothing():
    """Unicode category Cf (soft hyphen, zero-width, bidi controls, tags...), whatever the Python's Unicode version."""
    invisible = "".join(c for c in map(chr, range(sys.maxunicode + 1)) if unicodedata.category(c) == "Cf")
    assert read(f"jan{invisible}@x.invalid", markup=False).text == "jan@x.invalid"


PIECES = ("<b>", "</p>", "<a href='mailto:j%40x.invalid'>", "&#64;", "&amp;", "&", "%40", "%", "\u00ad", "\u200b",
          "\uff20", "\uff10", "[at]", "(punt)", " at ", " punt ", "jan", "x", ".", "@", "0470", " ", "\n", "<", ">",
          "\u00e9", "\U000e0041", "<!--", "-->", "<![x[", "<![CDATA[", "]]>", "<!x>", "<?x>")


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=30).map("".join))
def test_any_text_reads_without_error_and_maps_back_into_its_source(source):
    reading = read(source)
    assert all(0 <= reading.source_offset(i) <= len(source) for i in range(len(reading.text) + 1))
    assert "\u00ad" not in reading.text and "\uff20" not in reading.text


HOSTILE = ("<a ", "<a x='", "<!--", "<!-- x >", "<![CDATA[>", "<![x[ ", "</a ", "<!x>", "<b>x", "&#", "%41", "[ ",
           "@ x.", "j at ", "&amp;", "\u00ad")


def test_a_hostile_page_at_the_file_size_limit_reads_in_linear_time():
    """Each of these, repeated up to 1 MiB, made the parser look through the rest of the text for every piece."""
    started = time.perf_counter()
    for piece in HOSTILE:
        text = piece * (1024 * 1024 // len(piece))
        assert read(text).text is not None and skim(text) is not None
    assert time.perf_counter() - started < 60, "quadratic: minutes, not seconds"


def test_a_comment_is_read_apart_from_its_neighbours_and_what_it_holds_is_found(tmp_path):
    assert read("jan <!-- verborgen -->Peeters").text.split() == ["jan", "verborgen", "Peeters"]
    root = _site(tmp_path, {"commentaar": f"<!-- {EMAIL} -->", "leeg": "jan.peeters<!-- -->@bakkerij-peeters.invalid"})
    assert {leak.path for leak in scan_site(root, {}, SETTINGS)} == {"commentaar/index.html", "leeg/index.html"}
