"""Phone and paper in headless Debian Chromium, both editions (issue #19).

On a phone (360 and 390 px wide) no page type scrolls sideways and no element sticks out past the right edge:
a wide overview scrolls inside its own focusable region, small tables and the card reflow. Printed with
Chromium's ``page.pdf`` and read back with ``pdftotext`` (poppler-utils), a playbook holds its title, every phase
and step, none of the site's chrome; a collapsed section prints open, also without a script.
"""

from __future__ import annotations

import shutil
import subprocess
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from playwright.sync_api import Page

    from tests.site.helpers import Build

pytestmark = pytest.mark.browser

EDITIONS = ["public", "matchmakers"]
WIDTHS = [360, 390]
LIBRARY = "bibliotheek/"


def _first_of(kind: str) -> Callable[[Build], list[str]]:
    def pick(build: Build) -> list[str]:
        return [next(r["url"] for r in build.json("api/catalog.json")["documents"] if r["kind"] == kind)]
    return pick


def _every(kind: str) -> Callable[[Build], list[str]]:
    """Every document of ``kind``: models and playbooks differ most in how wide their cards and canvases grow."""
    def pick(build: Build) -> list[str]:
        return [r["url"] for r in build.json("api/catalog.json")["documents"] if r["kind"] == kind]
    return pick


def _theme_page(section: str) -> Callable[[Build], list[str]]:
    def pick(build: Build) -> list[str]:
        return [f"{section}/{min(p.name for p in (build.site / section).iterdir() if p.is_dir())}/"]
    return pick


PAGES: dict[str, str | Callable[[Build], list[str]]] = {
    "home": "",
    "library": LIBRARY,
    "library-query": f"{LIBRARY}?q=schoonmaak",
    "library-facet": f"{LIBRARY}?q=schoonmaak",
    **{f"overview-{section}": f"{section}/" for section in ("businessmodellen", "draaiboeken", "proeftuinen",
                                                             "matchmakers", "registraties", "samenwerkingsvormen",
                                                             "winwin")},
    "businessmodel": _every("businessmodel"),
    "draaiboek": _every("draaiboek"),
    **{kind: _first_of(kind) for kind in ("proeftuin", "registratie", "matchmaker")},
    "samenwerkingsvorm": _theme_page("samenwerkingsvormen"),
    "winwin": _theme_page("winwin"),
    "glossary": "woordenlijst/",
    "dashboard": "dashboard/",
    "404": "404.html",
}
"""Every page type, by a name for the test id, with its address in the site (or how to find one)."""

STICKING_OUT = """() => {
  const width = document.documentElement.clientWidth;
  const scrollsItself = e => ['auto', 'scroll', 'hidden', 'clip'].includes(getComputedStyle(e).overflowX);
  const out = [];
  for (const element of document.body.querySelectorAll('*')) {
    const box = element.getBoundingClientRect();
    if (box.width === 0 || box.right <= width + 0.5) continue;
    let parent = element.parentElement;
    while (parent && parent !== document.body && !scrollsItself(parent)) parent = parent.parentElement;
    if (parent && parent !== document.body && parent.getBoundingClientRect().right <= width + 0.5) continue;
    out.push(`${element.tagName.toLowerCase()}.${[...element.classList].join('.')} ends at ${Math.round(box.right)}`);
  }
  return {overflow: document.documentElement.scrollWidth - width, out: out.slice(0, 10)};
}"""
"""How far the page scrolls sideways, and the elements past the right edge that no scrolling region holds."""


def _addresses(name: str, build: Build) -> list[str]:
    address = PAGES[name]
    return [address] if isinstance(address, str) else address(build)


def _open(page: Page, url: str, name: str, address: str) -> None:
    """Open page type ``name``: the library after a query (with a facet ticked), every collapsed section opened."""
    page.goto(url + address)
    if name.startswith("library-"):
        page.wait_for_selector(".esfkb-library__result")
    if name == "library-facet":
        page.locator(".esfkb-library__facet input[type=checkbox]").first.check()
        page.wait_for_function("() => new URLSearchParams(location.search).size > 1")  # the facet is applied
        page.wait_for_selector(".esfkb-library__result")
    page.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true; })")


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("edition", EDITIONS)
def test_no_page_type_scrolls_sideways_on_a_phone(sites, browser, edition, width):
    build, url = sites[edition]
    page = browser.new_page(viewport={"width": width, "height": 800})
    found = {}
    try:
        for name in PAGES:
            for address in _addresses(name, build):
                _open(page, url, name, address)
                measured = page.evaluate(STICKING_OUT)
                if measured["overflow"] > 0 or measured["out"]:
                    found[f"{name} {address}"] = measured
    finally:
        page.close()
    assert not found, found


def test_a_wide_overview_scrolls_in_a_region_the_keyboard_reaches(sites, browser):
    url = sites["public"][1]
    page = browser.new_page(viewport={"width": 360, "height": 800})
    try:
        page.goto(f"{url}businessmodellen/")
        region = page.get_by_role("region", name="Overzichtstabel")
        assert region.locator("table#overzicht-businessmodel").count() == 1
        assert region.evaluate("r => r.scrollWidth > r.clientWidth"), "the overview fits: nothing to check"
        page.locator(".esfkb-filters select").last.focus()
        page.keyboard.press("Tab")
        assert region.evaluate("r => document.activeElement === r")
        page.keyboard.press("ArrowRight")
        page.wait_for_function("r => r.scrollLeft > 0", arg=region.element_handle())
        assert page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth") == 0
    finally:
        page.close()


def test_a_small_table_reflows_each_value_after_its_column_name(sites, browser):
    url = sites["public"][1]
    page = browser.new_page(viewport={"width": 360, "height": 800})
    try:
        page.goto(f"{url}dashboard/")
        page.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true; })")
        table = page.locator("table[data-esfkb-reflow]").filter(has=page.locator("th", has_text="Provincie")).first
        headers = table.locator("th").all_inner_texts()
        cells = table.locator("tbody tr").first.locator("td")
        assert [cells.nth(i).get_attribute("data-label") for i in range(cells.count())] == headers
        assert headers[1] in cells.nth(1).evaluate("c => getComputedStyle(c, '::before').content")
        assert table.locator("thead").evaluate("h => h.getBoundingClientRect().height") <= 1
        assert table.evaluate("t => t.getBoundingClientRect().right") <= 360
    finally:
        page.close()


def _pdf_text(pdf: Path, *pages: int) -> str:
    """The text ``pdftotext`` reads from the PDF (only ``pages``, first and last, if given), whitespace folded."""
    command = ["pdftotext", *(["-f", str(pages[0]), "-l", str(pages[-1])] if pages else []), str(pdf), "-"]
    return " ".join(subprocess.run(command, capture_output=True, text=True, check=True).stdout.split())


def _folded(texts: list[str]) -> list[str]:
    return [" ".join(t.split()) for t in texts if t.strip()]


def _require_poppler() -> None:
    if shutil.which("pdftotext"):
        return
    pytest.fail("pdftotext is missing (apt-get install poppler-utils)")


@pytest.mark.parametrize("edition", EDITIONS)
def test_a_printed_playbook_is_a_checklist_without_the_site_around_it(sites, browser, edition, tmp_path):
    _require_poppler()
    build, url = sites[edition]
    page = browser.new_page()
    pdf = tmp_path / "draaiboek.pdf"
    try:
        page.goto(url + _first_of("draaiboek")(build)[0])
        title = page.locator("article h1").inner_text().strip("¶ \n")
        phases = _folded(page.locator(".esfkb-phase__title").all_inner_texts())
        steps = _folded(page.locator(".esfkb-step__title").all_inner_texts())
        article = " ".join(page.locator("article").inner_text().split())
        chrome = _folded([line for selector in (".md-header", ".md-tabs", ".md-sidebar", ".md-footer")
                          for box in page.locator(selector).all() for line in box.inner_text().splitlines()])
        banner = _folded(page.locator(".esfkb-banner").all_inner_texts())
        box = page.locator(".esfkb-step__title").first.evaluate("t => getComputedStyle(t, '::before').borderTopStyle")
        page.emulate_media(media="print")
        printed_box = page.locator(".esfkb-step__title").first.evaluate(
            "t => { const s = getComputedStyle(t, '::before'); return [s.borderTopStyle, s.width]; }")
        page.pdf(path=str(pdf), format="A4")
    finally:
        page.close()
    text, first_page = _pdf_text(pdf), _pdf_text(pdf, 1)
    assert len(phases) >= 3 and len(steps) >= len(phases)
    for expected in [title, *phases, *steps]:
        assert expected in text, expected
    assert title in first_page
    leaked = [line for line in chrome if line not in article and line in text]
    assert chrome and not leaked, leaked
    assert (box, printed_box[0]) == ("none", "solid") and printed_box[1] != "auto", "a box before each step on paper"
    if edition == "matchmakers":
        assert banner and banner[0] in first_page, "the confidential notice is printed on page 1"


def test_a_collapsed_section_prints_open_without_a_script(sites, browser, tmp_path):
    """The figures behind a pilot's charts sit in closed ``<details>``; printed, they are there (no script runs)."""
    _require_poppler()
    build, url = sites["public"]
    context = browser.new_context(java_script_enabled=False)
    pdf = tmp_path / "proeftuin.pdf"
    try:
        page = context.new_page()
        page.goto(url + _first_of("proeftuin")(build)[0])
        closed = page.locator("details:not([open])")
        assert closed.count() >= 1
        hidden = _folded(closed.first.locator("tbody tr").first.locator("td").all_text_contents())
        assert not closed.first.locator("table").is_visible()
        page.pdf(path=str(pdf), format="A4")
    finally:
        context.close()
    assert hidden and " ".join(hidden) in _pdf_text(pdf), hidden
