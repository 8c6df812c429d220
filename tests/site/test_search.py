"""The site's one search engine: a Dutch, chunked, faceted Pagefind index built from the core's records."""

from __future__ import annotations

import json
import re
from dataclasses import asdict
from datetime import date

import pytest

from esfkb.base.knowledge_base import load_knowledge_base
from esfkb.config import load_project
from esfkb.model.nace import division_names
from esfkb.privacy.contacts import Contact
from esfkb.privacy.leak_scan import _readable
from esfkb.privacy.reading import read
from esfkb.site.audience import Audience, Edition
from esfkb.site.context import SiteContext
from esfkb.site.pages.generated import generated_pages
from esfkb.site.search.records import FILTER_LABELS, markdown_blocks, search_records
from tests.conftest import REPO
from tests.site.helpers import pagefind_fragments, run_mkdocs

MODEL = "businessmodellen/onderaanneming-industriele-schoonmaak/"
PLAYBOOK = "draaiboeken/schoonmaak-uitbesteden-aan-een-maatwerkbedrijf/"
PRIVATE = "dakwerken-kuregem"  # a registration without consent to publish its profile


@pytest.fixture(scope="module")
def kb():
    return load_knowledge_base(load_project(REPO))


@pytest.fixture(scope="module")
def index_texts(bundled) -> dict[str, str]:
    """Every file of the index, readable: fragments, chunks, filters and meta are gzip-compressed."""
    files = sorted(p for p in (bundled.site / "pagefind").rglob("*") if p.is_file())
    return {p.relative_to(bundled.site).as_posix(): read(_readable(p.read_bytes())[0], markup=False).text
            for p in files}


@pytest.fixture(scope="module")
def fragments(bundled) -> dict[str, dict]:
    """The indexed pages by URL: what a result shows (meta, filters) and the text that was indexed."""
    return pagefind_fragments(bundled.site / "pagefind")


def test_one_chunked_dutch_index_replaces_materials_search(bundled, fragments):
    entry = bundled.json("pagefind/pagefind-entry.json")
    assert list(entry["languages"]) == ["nl"]
    assert entry["languages"]["nl"]["page_count"] == len(fragments)
    assert not (bundled.site / "search").exists(), "Material's search index is still built"
    assert not list((bundled.site / "pagefind").glob("pagefind-*ui.*")), "unused Pagefind UI bundles are published"
    home = bundled.text("")
    assert 'data-md-component="search"' not in home
    assert '<form class="esfkb-header-search" role="search" action="bibliotheek/" method="get">' in home
    assert 'action="../../bibliotheek/"' in bundled.text(MODEL)


def test_every_published_page_is_indexed_once_the_library_not(bundled, fragments):
    catalog = bundled.json("api/catalog.json")["documents"]
    assert {f"/{r['url']}" for r in catalog} <= set(fragments)
    assert {"/", "/bijdragen/", "/businessmodellen/", "/woordenlijst/"} <= set(fragments)
    assert "/bibliotheek/" not in fragments
    assert fragments["/bijdragen/"]["filters"] == {}


def test_filters_and_meta_come_from_the_core(kb, fragments):
    ctx = SiteContext(kb, Audience())
    records = search_records(ctx, generated_pages(ctx))
    assert len(records) == len(fragments)
    for record in records:
        fragment = fragments[f"/{record.url}"]
        assert fragment["meta"] == {**record.meta, "url": f"/{record.url}"}, record.url
        assert {k: tuple(v) for k, v in fragment["filters"].items()} == record.filters, record.url
    model, playbook = fragments[f"/{MODEL}"], fragments[f"/{PLAYBOOK}"]
    assert model["filters"] == {"soort": ["Businessmodel"], "samenwerkingsvorm": ["Onderaanneming"],
                                "winwin": ["Marktuitbreiding", "Productiviteit en efficiëntie", "Bereik",
                                           "Opschaling van MVO"],
                                "provincie": ["Limburg"],
                                "sector": [f"25 – {division_names()['25']}", f"81 – {division_names()['81']}"],
                                "maturiteit": ["Getest"],
                                "status": ["Gepubliceerd"]}
    assert playbook["filters"]["samenwerkingsvorm"] == ["Onderaanneming"]  # its model's, never stored twice
    assert set(playbook["filters"]) <= set(FILTER_LABELS)
    assert model["meta"]["soort"] == "Businessmodel" and model["meta"]["samenvatting"].startswith("Een regulier")


def test_indexed_text_is_the_document_not_the_page_around_it(fragments):
    model = fragments[f"/{MODEL}"]["content"]
    assert "¶" not in model
    assert "VCA-attest" in model and "Verschillende paritaire comités op één site" in model  # canvas and body
    assert "Kennisbank proeftuinen ESF Vlaanderen" not in model  # header and navigation
    assert "Industriële schoonmaak in onderaanneming in Genk" not in model  # relation lists
    assert "Werkbrug" not in model  # the authors, a relation too
    assert all("¶" not in f["content"] for f in fragments.values())


def test_the_library_page_lists_every_facet_with_counts(bundled, fragments):
    page = bundled.text("bibliotheek/")
    assert 'data-esfkb-library data-index="../pagefind/pagefind.js"' in page
    for name, label in FILTER_LABELS.items():
        assert f'data-filter="{name}" data-label="{label}"' in page, name
    models = sum(f["filters"].get("soort") == ["Businessmodel"] for f in fragments.values())
    assert (f'value="Businessmodel" data-filter="soort"> <span class="esfkb-library__value">Businessmodel</span> '
            f'<span class="esfkb-library__count" data-total="{models}">{models}</span>') in page
    assert 'href="bibliotheek/"' in bundled.text("")  # in the navigation


def test_a_private_document_never_reaches_the_public_index(kb, index_texts, fragments):
    ctx = SiteContext(kb, Audience())
    hidden = [d for d in kb.of_kind("registratie") if not ctx.published(d)]
    assert PRIVATE in {d.id for d in hidden}
    needles = {d.id for d in hidden} | {d.title for d in hidden}
    needles |= {d.model.kbo_nummer for d in kb.of_kind("registratie") if d.model is not None}  # private field
    for path, text in index_texts.items():
        for needle in needles:
            assert needle not in text, (path, needle)
    assert not [url for url in fragments if PRIVATE in url]


def test_records_never_carry_contact_data_not_even_for_the_matchmakers(kb):
    registrations = kb.of_kind("registratie")
    contacts = {d.id: Contact(f"Contactpersoon Nummer{i}", "zaakvoerder", f"persoon{i}@contact.invalid",
                              f"+32470{i:06d}") for i, d in enumerate(registrations)}
    audience = Audience(Edition.MATCHMAKERS, today=date.today(), contacts=contacts)
    ctx = SiteContext(kb, audience)
    assert sum(ctx.published(d) for d in registrations) > sum(SiteContext(kb).published(d) for d in registrations)
    dumped = json.dumps([asdict(r) for r in search_records(ctx, generated_pages(ctx))], ensure_ascii=False)
    for contact in contacts.values():
        for value in (contact.naam, contact.email, contact.telefoon, contact.telefoon[3:]):
            assert value not in dumped


def test_markdown_becomes_plain_paragraphs():
    markdown = ("# Titel { #anker }\n\n<!-- esfkb:doc:card:x -->\nEen [link](../a.md) met **vet** en `code`.\n"
                "Nog een regel.\n\n| Post | Bedrag |\n| --- | --- |\n| Loon | 5 &amp; 6 |\n\n"
                '!!! tip "Goed om te weten"\n    - Een punt\n    - Een _tweede_ punt\n')
    assert markdown_blocks(markdown) == [
        "Titel", "Een link met vet en code. Nog een regel.", "Post Bedrag", "Loon 5 & 6", "Goed om te weten",
        "Een punt", "Een tweede punt",
    ]


def test_the_leak_scan_reads_the_index(small_base, tmp_path):
    """Contact data pasted into a playbook is caught in the index's compressed fragments too."""
    playbook = "playbooks/draaiboeken/enclave-opstarten.md"
    root = small_base()
    text = (root / playbook).read_text(encoding="utf-8")
    (root / playbook).write_text(text.replace("Het draaiboek.", "Het draaiboek. Bel 0470 12 34 56."), encoding="utf-8")
    build = run_mkdocs(root / "mkdocs.yml", tmp_path / "site", strict=False)
    assert build.returncode != 0
    assert re.search(r"pagefind/fragment/nl_\w+\.pf_fragment: telefoonnummer '\+32470123456' published", build.log)
