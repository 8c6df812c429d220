"""The bundled knowledge base, built once with ``--strict``: pages, views, generated pages, API, schemas."""

from __future__ import annotations

import html
import json
import posixpath
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest

from esfkb.base.knowledge_base import load_knowledge_base
from esfkb.config import load_project
from esfkb.model.kinds import load_kinds
from esfkb.model.vocabulary import ALL_VOCABULARIES, Samenwerkingsvorm, WinwinNiveau
from esfkb.site.audience import PRIVATE_FIELDS, Audience
from esfkb.site.catalog import api_files
from esfkb.site.context import SiteContext
from esfkb.site.urls import slug
from tests.conftest import REPO


def _relative(from_url: str, to_url: str) -> str:
    """How a page at ``from_url`` links ``to_url`` (both site-relative, directory URLs)."""
    rel = posixpath.relpath("/" + to_url, "/" + from_url)
    return rel + "/" if to_url.endswith("/") else rel


@pytest.fixture(scope="module")
def catalog(bundled) -> dict:
    return bundled.json("api/catalog.json")


def _records(catalog: dict, kind: str) -> list[dict]:
    return [r for r in catalog["documents"] if r["kind"] == kind]


def test_every_published_document_has_a_page_with_a_card(bundled, catalog):
    assert catalog["documents"], "the bundled base has documents"
    for record in catalog["documents"]:
        page = bundled.text(record["url"])
        assert 'class="esfkb-card"' in page, record["id"]
        assert "<dt>Soort</dt>" in page


def test_model_and_pilot_link_each_other(bundled, catalog):
    model = next(r for r in _records(catalog, "businessmodel") if r["relations"].get("proeftuinen"))
    pilot = next(r for r in catalog["documents"] if r["id"] == model["relations"]["proeftuinen"][0])
    model_page, pilot_page = bundled.text(model["url"]), bundled.text(pilot["url"])
    assert f'href="{_relative(model["url"], pilot["url"])}"' in model_page
    assert "Businessmodellen getest in deze proeftuin" in pilot_page
    assert f'href="{_relative(pilot["url"], model["url"])}"' in pilot_page
    assert model["id"] in pilot["referenced_by"]["businessmodel"]


def test_kind_views(bundled, catalog):
    model = next(r for r in _records(catalog, "businessmodel") if r["referenced_by"].get("draaiboek"))
    page = bundled.text(model["url"])
    for cell in ("esfkb-canvas__social", "esfkb-canvas__employee", "esfkb-canvas__regular"):
        assert cell in page
    playbook = next(r for r in catalog["documents"] if r["id"] == model["referenced_by"]["draaiboek"][0])
    assert f'href="{_relative(model["url"], playbook["url"])}"' in page
    playbook_page = bundled.text(playbook["url"])
    assert 'class="esfkb-timeline"' in playbook_page and "<dt>Rol</dt>" in playbook_page
    pilot = _records(catalog, "proeftuin")[0]
    pilot_page = bundled.text(pilot["url"])
    assert f'id="samenstelling-{pilot["id"]}"' in pilot_page
    assert re.search(r"<svg[^>]*esfkb-chart", pilot_page)
    for kind in ("matchmaker", "registratie"):
        record = next(r for r in _records(catalog, kind) if r["referenced_by"].get("proeftuin"))
        page = bundled.text(record["url"])
        pilot = next(r for r in catalog["documents"] if r["id"] == record["referenced_by"]["proeftuin"][0])
        pilots_view = page[page.index("esfkb-view--pilots"):]
        assert f'href="{_relative(record["url"], pilot["url"])}"' in pilots_view
    registration = next(r for r in _records(catalog, "registratie") if r["referenced_by"].get("proeftuin"))
    assert "<th scope=\"col\">Engagement</th>" in bundled.text(registration["url"])


def test_a_view_follows_its_heading_whose_anchor_and_toc_entry_stay_clean(bundled):
    """In the page, a view comes right after its heading, which the table of contents lists as the site's own."""
    page = bundled.text("businessmodellen/enclave-distributiecentrum/")
    assert re.search(r'<h2 id="canvas">Canvas<a class="headerlink" href="#canvas"[^>]*>[^<]*</a></h2>'
                     r'<div class="esfkb-view esfkb-view--canvas">', page)
    assert re.search(r'<a href="#canvas" class="md-nav__link">\s*<span class="md-ellipsis">\s*Canvas\s*</span>', page)
    assert re.search(r'<h2 id="relaties">Relaties<a [^>]*>[^<]*</a></h2><div class="esfkb-view esfkb-view--relations">',
                     page)
    for path, text in bundled.text_files().items():
        assert "<!-- esfkb:" not in text, path


def test_pilot_with_doorstroom_figures_has_a_funnel(bundled):
    pilots = bundled.json("api/proeftuin.json")["documents"]
    pilot = next(p for p in pilots if any(m["indicator"] == "DS-01" for m in p["indicatoren"]))
    page = bundled.text(pilot["url"])
    assert f'id="doorstroom-{pilot["id"]}"' in page
    assert "DS-04 Aan het werk na 12 maanden" in page


def test_generated_pages(bundled, catalog):
    kinds = load_kinds()
    for kind, info in catalog["kinds"].items():
        page = bundled.text(f"{kinds.by_name[kind].folder}/")
        if info["count"]:
            assert f'id="overzicht-{kind}"' in page and "data-esfkb-sortable" in page
            assert f"{info['count']} van {info['count']}" in page
    for form in Samenwerkingsvorm:
        assert form.label in bundled.text(f"samenwerkingsvormen/{slug(form.value)}/")
    enclave = bundled.text("samenwerkingsvormen/enclave/")
    for record in catalog["documents"]:
        if "enclave" in record["facets"].get("samenwerkingsvorm", []) and record["kind"] != "registratie":
            assert html.escape(record["title"]) in enclave
    for level in WinwinNiveau:
        assert level.description in bundled.text(f"winwin/{slug(level.value)}/")
    glossary = bundled.text("woordenlijst/")
    for vocabulary in ALL_VOCABULARIES:
        for value in vocabulary:
            assert f">{value.value}</code>" in glossary
    dashboard = bundled.text("dashboard/")
    for chart in ("dashboard-provincies", "dashboard-vormen", "dashboard-winwin", "dashboard-doorstroom"):
        assert f'id="{chart}"' in dashboard


def test_api_is_public_deterministic_and_matches_the_core(bundled, catalog):
    project = load_project(REPO)
    kb = load_knowledge_base(project)
    ctx = SiteContext(kb, Audience(small_cell=project.settings.small_cell))
    first = {path: content() for path, content in api_files(ctx).items()}
    again = SiteContext(kb, Audience(small_cell=project.settings.small_cell))
    assert first == {path: content() for path, content in api_files(again).items()}
    for path, content in first.items():
        assert (bundled.site / path).read_text(encoding="utf-8") == content, path
        assert content == json.dumps(json.loads(content), ensure_ascii=False, separators=(",", ":"), sort_keys=True) \
            .replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e") + "\n"
    ids = [(r["kind"], r["id"]) for r in catalog["documents"]]
    assert ids == sorted(ids)
    private = {name for names in PRIVATE_FIELDS.values() for name in names}
    for record in bundled.json("api/registratie.json")["documents"]:
        assert not private & set(record), record["id"]


def test_hidden_registrations_are_nowhere(bundled, catalog):
    kb = load_knowledge_base(load_project(REPO))
    ctx = SiteContext(kb, Audience())
    hidden = [d for d in kb.of_kind("registratie") if not ctx.published(d)]
    assert hidden, "the bundled base has registrations without consent to publish"
    published_ids = {r["id"] for r in catalog["documents"]}
    sitemap = bundled.text("sitemap.xml")
    for document in hidden:
        assert not (bundled.site / "registraties" / document.id).exists()
        assert document.id not in published_ids
        assert f"registraties/{document.id}/" not in sitemap
    for path, text in bundled.text_files().items():
        for document in hidden:
            assert f"registraties/{document.id}" not in text, (path, document.id)


def test_schemas_are_served_as_committed(bundled):
    committed = sorted((REPO / "schemas").glob("*.schema.json"))
    assert committed
    for schema in committed:
        assert (bundled.site / "schemas" / schema.name).read_bytes() == schema.read_bytes()


def test_nav_lists_sections_not_documents(bundled, catalog):
    home = bundled.text("")
    nav = home[home.index('<nav class="md-nav md-nav--primary"'):home.index("</nav>", home.index("md-nav--primary"))]
    for record in catalog["documents"]:
        assert f'href="{record["url"]}"' not in nav


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.urls.append(value)


def test_every_local_link_resolves_and_nothing_is_remote(bundled):
    for page in bundled.site.rglob("*.html"):
        parser = _Links()
        parser.feed(page.read_text(encoding="utf-8"))
        base = "/" + page.relative_to(bundled.site).as_posix()
        for url in parser.urls:
            parts = urlsplit(url)
            if parts.scheme in ("mailto", "tel") or url.startswith("#"):
                continue
            if parts.scheme or parts.netloc:
                continue  # an outgoing link a reader may follow; nothing is fetched from it
            target = Path(unquote(urlsplit(urljoin(base, url)).path))
            local = bundled.site / target.relative_to("/")
            if url.endswith("/") or local.is_dir():
                local = local / "index.html"
            assert local.exists(), f"{base}: {url}"
        html = page.read_text(encoding="utf-8")
        assert not re.search(r'<(?:script|link|img|iframe)[^>]+(?:src|href)="(?:https?:)?//', html), page
