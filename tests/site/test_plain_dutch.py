"""What a reader sees is Dutch, never a code: sectors with their NACE-BEL names, licences spelled out, phone numbers
in Belgian notation; the accessibility statement, linked from every page; when each document last changed.

Read from the two session builds of the bundled base (public and matchmakers) with an HTML parser.
"""

from __future__ import annotations

import dataclasses
import posixpath
import re
import subprocess
from datetime import UTC, date, datetime
from html.parser import HTMLParser
from pathlib import Path

import pytest
from esfkb_mkdocs.config import EsfkbConfig

from esfkb.base.knowledge_base import load_knowledge_base
from esfkb.config import Settings, load_project
from esfkb.site import routes
from esfkb.site.audience import Audience
from esfkb.site.html.labels import format_date
from esfkb.site.pages import accessibility
from esfkb.site.plan import plan_site
from esfkb.site.urls import page_url
from tests.conftest import REPO

VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"})
STATEMENT = page_url(routes.ACCESSIBILITY)
MAILBOX = Settings().toegankelijkheid_email


@dataclasses.dataclass
class Element:
    """An element of a page: its tag, attributes, text (its descendants' too) and the elements it is in."""

    tag: str
    attrs: dict[str, str]
    ancestors: tuple[Element, ...]
    text: str = ""

    @property
    def classes(self) -> set[str]:
        return set((self.attrs.get("class") or "").split())

    @property
    def within(self) -> set[str]:
        """The classes of the elements around it."""
        return {name for element in self.ancestors for name in element.classes}


class _Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[Element] = []
        self._open: list[Element] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, {k: v or "" for k, v in attrs}, tuple(self._open))
        self.found.append(element)
        if tag not in VOID:
            self._open.append(element)

    def handle_endtag(self, tag: str) -> None:
        for index in range(len(self._open) - 1, -1, -1):
            if self._open[index].tag == tag:
                del self._open[index:]
                return

    def handle_data(self, data: str) -> None:
        for element in self._open:
            element.text += data


def elements(html: str) -> list[Element]:
    parser = _Elements()
    parser.feed(html)
    parser.close()
    return parser.found


def card_rows(html: str) -> dict[str, Element]:
    """The rows of a page's card: each label (dt) with its value (dd)."""
    cells = [e for e in elements(html) if e.tag in ("dt", "dd") and "esfkb-card" in e.within]
    return {dt.text.strip(): dd for dt, dd in zip(cells[::2], cells[1::2], strict=True)}


def links(element_list: list[Element]) -> list[tuple[str, str]]:
    return [(e.attrs.get("href", ""), " ".join(e.text.split())) for e in element_list if e.tag == "a"]


def test_a_pilot_card_names_each_sector(bundled):
    rows = card_rows(bundled.text("proeftuinen/enclave-logistiek-kempen/"))
    assert rows["Sector (NACE-BEL)"].text.startswith("52.10 (Opslag en vervoerondersteunende activiteiten), 82.92 (")


def test_a_model_card_names_the_sectors_of_its_pilots_and_its_licence_with_a_link(bundled):
    rows = card_rows(bundled.text("businessmodellen/enclave-distributiecentrum/"))
    assert "52 – Opslag en vervoerondersteunende activiteiten" in rows["Sector (uit proeftuinen)"].text
    licence = [e for e in elements(bundled.text("businessmodellen/enclave-distributiecentrum/"))
               if e.tag == "a" and "esfkb-card" in e.within and e.attrs.get("rel", "").startswith("license")]
    assert links(licence) == [("https://creativecommons.org/licenses/by/4.0/deed.nl",
                               "Creative Commons Naamsvermelding 4.0 Internationaal (CC BY 4.0)")]
    assert "cc-by-4.0" not in rows["Licentie"].text


def _sector_choices(html: str) -> list[str]:
    """The sectors a reader can filter by: the library's checkboxes, an overview's select."""
    found = elements(html)
    library = [e.attrs["value"] for e in found if e.tag == "input" and e.attrs.get("name") == "sector"]
    overview = [" ".join(e.text.split()) for e in found
                if e.tag == "option" and e.attrs.get("value") and any(a.attrs.get("data-facet") == "sector"
                                                                      for a in e.ancestors)]
    return library + overview


@pytest.mark.parametrize("page", ["bibliotheek/", "proeftuinen/", "registraties/"])
def test_the_library_and_the_overviews_filter_by_sector_names(bundled, page):
    choices = _sector_choices(bundled.text(page))
    assert choices and all(re.fullmatch(r"\d\d – [A-Z].+", choice) for choice in choices), choices
    assert choices == sorted(choices)
    if page != "registraties/":  # the registration of that sector is not published
        assert "22 – Vervaardiging van producten van rubber of kunststof" in choices


def test_the_matchmakers_edition_writes_phone_numbers_the_belgian_way(matchmakers):
    page = elements(matchmakers.text("registraties/logistiek-olen/"))
    contact = [e for e in page if "esfkb-contact" in e.within]
    assert ("tel:+3214210001", "014 21 00 01") in links(contact)
    assert "+3214210001" not in " ".join(e.text for e in contact)
    directory = links(elements(matchmakers.text("registraties/")))
    assert ("tel:+3214210001", "014 21 00 01") in directory and ("tel:+32470990002", "0470 99 00 02") in directory


@pytest.mark.parametrize("edition", ["bundled", "matchmakers"])
def test_the_accessibility_statement_states_level_tests_limits_date_and_contact(edition, request):
    build = request.getfixturevalue(edition)
    page = elements(build.text(STATEMENT))
    text = " ".join(" ".join(e.text.split()) for e in page if e.tag == "article")
    headings = [" ".join(e.text.split()).rstrip("¶ ") for e in page if e.tag in ("h1", "h2")]
    assert headings[0] == "Toegankelijkheidsverklaring"
    assert headings[1:] == [heading for heading, _ in accessibility.PARTS.values()]
    assert "gedeeltelijk conform" in text and "WCAG) 2.1, niveau AA" in text
    assert "axe-core" in text and "pdf" in text and "leesniveau" in text
    assert f"opgesteld op {format_date(accessibility.DRAWN_UP)}" in text
    assert (f"mailto:{MAILBOX}", MAILBOX) in links(page)
    assert (accessibility.OMBUDSDIENST, "www.vlaamseombudsdienst.be") in links(page)


def test_the_statement_gives_the_configured_mailbox():
    settings = Settings.from_options({"toegankelijkheid_email": "toegankelijk@esf.example"})
    assert "toegankelijkheid_email" in dict(EsfkbConfig._schema)  # a plugin option
    project = dataclasses.replace(load_project(REPO), settings=settings)
    plan = plan_site(load_knowledge_base(project), Audience())
    html = plan.view(routes.ACCESSIBILITY, STATEMENT, "page:accessibility:contact")
    assert ("mailto:toegankelijk@esf.example", "toegankelijk@esf.example") in links(elements(html))


def _resolve(site: Path, page: Path, href: str) -> Path:
    base = "" if href.startswith("/") else page.parent.relative_to(site).as_posix()
    target = posixpath.normpath(posixpath.join(base, href.lstrip("/")))
    return site / target / "index.html" if href.endswith("/") else site / target


@pytest.mark.parametrize("edition", ["bundled", "matchmakers"])
def test_every_page_links_the_statement_from_its_footer(edition, request):
    build = request.getfixturevalue(edition)
    pages = {page: elements(page.read_text(encoding="utf-8")) for page in sorted(build.site.rglob("*.html"))}
    themed = [page for page, found in pages.items() if any(e.tag == "footer" and "md-footer" in e.classes
                                                           for e in found)]  # not the editor's own page
    assert build.site / "404.html" in themed and len(themed) > 50
    for page in themed:
        footer = [e for e in pages[page] if "md-copyright" in e.within]
        hrefs = [href for href, text in links(footer) if text == "Toegankelijkheidsverklaring"]
        assert len(hrefs) == 1, page
        assert _resolve(build.site, page, hrefs[0]) == build.site / STATEMENT / "index.html", page


def _expected_date(file: Path) -> date:
    """The oracle, asked per file: the file's last commit, else its mtime in UTC."""
    shown = subprocess.run(["git", "log", "-1", "--format=%cs", "--", file.name], cwd=file.parent,
                           capture_output=True, text=True, check=True).stdout.strip()
    if shown:
        return date.fromisoformat(shown)
    return datetime.fromtimestamp(file.stat().st_mtime, tz=UTC).date()


def test_every_document_page_says_when_it_last_changed(bundled, matchmakers):
    kb = load_knowledge_base(load_project(REPO))
    catalog = bundled.json("api/catalog.json")["documents"]
    assert catalog
    for entry in catalog:
        expected = _expected_date(kb.documents[entry["id"]].file)
        page = elements(bundled.text(entry["url"]))
        found = [e for e in page if e.tag == "p" and "esfkb-updated" in e.classes]
        assert [" ".join(e.text.split()) for e in found] == [f"Laatst bijgewerkt op {format_date(expected)}"]
        times = [e for e in page if e.tag == "time" and "esfkb-view--updated" in e.within]
        assert [e.attrs["datetime"] for e in times] == [expected.isoformat()], entry["url"]
    assert "Laatst bijgewerkt op" in matchmakers.text("registraties/logistiek-olen/")
    assert "Laatst bijgewerkt op" not in bundled.text(STATEMENT)  # generated pages have no history
