"""WCAG 2.1 AA in headless Debian Chromium, both editions: axe-core on every page type, the library by keyboard,
the chrome in Dutch, the confidential banner styled on every page of the matchmakers edition (issue #19).

axe-core comes with the ``axe-playwright-python`` package. It is added to the axe tests' pages as an init script
and run through Playwright's ``evaluate``, both over the DevTools protocol, which the pages'
Content-Security-Policy does not govern: the pages are checked under their real policy, without ``bypass_csp``.
One browser per module; each edition is the session's one build.
"""

from __future__ import annotations

import contextlib
import re
from typing import TYPE_CHECKING

import pytest
import yaml

from tests.conftest import REPO
from tests.site.conftest import MATCHMAKERS_CONTACTS

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from playwright.sync_api import Browser, Page

    from tests.site.helpers import Build

pytestmark = pytest.mark.browser

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
EDITIONS = ["public", "matchmakers"]
QUERY = "schoonmaak"
LIBRARY = "bibliotheek/"
RESULT = ".esfkb-library__result"


def _kind_page(kind: str) -> Callable[[Build], str]:
    def pick(build: Build) -> str:
        return next(r["url"] for r in build.json("api/catalog.json")["documents"] if r["kind"] == kind)
    return pick


def _theme_page(section: str) -> Callable[[Build], str]:
    def pick(build: Build) -> str:
        return f"{section}/{min(p.name for p in (build.site / section).iterdir() if p.is_dir())}/"
    return pick


PAGES: dict[str, str | Callable[[Build], str]] = {
    "home": "",
    "library": LIBRARY,
    "library-query": f"{LIBRARY}?q={QUERY}",
    "library-facet": LIBRARY,
    **{f"overview-{kind}": f"{kind}/" for kind in ("businessmodellen", "draaiboeken", "proeftuinen", "matchmakers",
                                                     "registraties", "samenwerkingsvormen", "winwin")},
    **{kind: _kind_page(kind) for kind in ("businessmodel", "draaiboek", "proeftuin", "matchmaker")},
    "registratie": f"registraties/{min(yaml.safe_load(MATCHMAKERS_CONTACTS))}/",  # with a contact in one edition
    "samenwerkingsvorm": _theme_page("samenwerkingsvormen"),
    "winwin": _theme_page("winwin"),
    "glossary": "woordenlijst/",
    "dashboard": "dashboard/",
    "404": "404.html",
}
"""Every page type, by a name for the test id, with its address in the site (or how to find one)."""


@contextlib.contextmanager
def _new_page(browser: Browser, *, axe: bool) -> Iterator[Page]:
    """A page in a context of its own (with axe-core in every document it loads, if asked); no script may throw."""
    context = browser.new_context()
    if axe:
        from axe_playwright_python.sync_playwright import Axe

        context.add_init_script(script=Axe().axe_script)
    opened = context.new_page()
    errors: list[str] = []
    opened.on("pageerror", lambda error: errors.append(str(error)))
    try:
        yield opened
    finally:
        context.close()
    assert not errors, errors


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A fresh page, as a reader's."""
    with _new_page(browser, axe=False) as opened:
        yield opened


@pytest.fixture
def axe_page(browser: Browser) -> Iterator[Page]:
    """A fresh page with axe-core loaded in each document."""
    with _new_page(browser, axe=True) as opened:
        yield opened


def _axe(page: Page, only: dict) -> list[dict]:
    """axe-core's violations on the page as it stands, for the rules ``only`` selects."""
    return page.evaluate("o => axe.run(document, o).then(r => r.violations)",
                         {"runOnly": only, "resultTypes": ["violations"]})


def _described(violations: list[dict]) -> str:
    """One line per failing node: rule, impact, selector and what axe says to fix."""
    return "\n".join(f"{v['id']} ({v['impact']}) {', '.join(map(str, node['target']))}: "
                     + " ".join(line.strip() for line in node["failureSummary"].splitlines()[1:])
                     for v in violations for node in v["nodes"])


def _open(page: Page, url: str, name: str, build: Build) -> None:
    """Open the page type ``name`` in the state the test checks (the library after a query, with a facet ticked)."""
    address = PAGES[name]
    page.goto(url + (address if isinstance(address, str) else address(build)))
    if name == "library-facet":
        page.locator("input[data-filter]").first.check()
    if name.startswith("library-"):
        page.wait_for_selector(RESULT)


def _schemes() -> list[dict[str, str]]:
    """The colour schemes mkdocs.yml offers (one mapping, or a list for a toggle)."""
    palette = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))["theme"].get("palette") or {}
    return palette if isinstance(palette, list) else [palette]


SCHEMES = _schemes()


def _assert_banner_styled(page: Page, name: str) -> None:
    """The confidential banner: once, in its colours, a block in view as the page opens (not bare text)."""
    banner = page.locator(".esfkb-banner")
    assert banner.count() == 1, name
    assert "Vertrouwelijke editie" in banner.inner_text()
    look = banner.evaluate("b => { const s = getComputedStyle(b); const r = b.getBoundingClientRect(); "
                           "return {colours: [s.backgroundColor, s.color], top: r.top, width: r.width}; }")
    assert look["colours"] == ["rgb(255, 235, 238)", "rgb(127, 0, 0)"], (name, look)
    assert 0 <= look["top"] < page.viewport_size["height"] and look["width"] > 300, (name, look)


@pytest.mark.parametrize("name", PAGES)
@pytest.mark.parametrize("edition", EDITIONS)
def test_every_page_type_passes_axe(sites, axe_page, edition, name):
    """No violation of WCAG 2.1 A and AA in any colour scheme offered; the matchmakers' banner styled."""
    build, url = sites[edition]
    _open(axe_page, url, name, build)
    if edition == "matchmakers":
        _assert_banner_styled(axe_page, name)
    for scheme in SCHEMES:
        axe_page.evaluate("""s => {
            document.body.setAttribute("data-md-color-scheme", s.scheme || "default");
            document.body.setAttribute("data-md-color-primary", s.primary || "indigo");
            document.body.setAttribute("data-md-color-accent", s.accent || "indigo");
        }""", scheme)
        violations = _axe(axe_page, {"type": "tag", "values": AXE_TAGS})
        assert not violations, f"{edition} {name} {scheme}:\n{_described(violations)}"


def _focused(page: Page) -> dict:
    """The focused element: an identifying key, and whether its focus is drawn."""
    return page.evaluate("""() => {
        const el = document.activeElement;
        const style = getComputedStyle(el);
        const drawn = (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0)
            || style.boxShadow !== "none";
        const key = el.matches("input[data-filter]") ? `facet:${el.name}=${el.value}`
            : el.matches("[data-esfkb-query]") ? "query"
            : el.closest(".esfkb-library__result") ? `result:${el.getAttribute("href")}`
            : `${el.tagName.toLowerCase()}:${(el.textContent || "").trim()}`;
        return {key, drawn};
    }""")


def _tab_until(page: Page, key: str, limit: int) -> list[dict]:
    """Press Tab until the element ``key`` has focus (at most ``limit`` times); every stop on the way."""
    stops = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        stops.append(_focused(page))
        if stops[-1]["key"] == key:
            return stops
    pytest.fail(f"{key} not reached in {limit} Tab presses: {[s['key'] for s in stops]}")


def _keys(page: Page, selector: str, template: str) -> list[str]:
    return page.eval_on_selector_all(selector, f"els => els.map(el => {template})")


def test_the_library_by_keyboard(sites, page):
    """Tab reaches the query box, then every facet and every result, in that order; Space ticks a facet; focus is
    drawn at every stop; the status, a polite live region, says how many results there are."""
    _, url = sites["public"]
    page.goto(url + LIBRARY)
    status = page.locator("[data-esfkb-status]")
    assert status.get_attribute("role") == "status" and status.get_attribute("aria-live") == "polite"
    legends = page.eval_on_selector_all(".esfkb-library__facet", "fs => fs.map(f => [f.tagName, f.firstChild.tagName])")
    assert legends and {tuple(pair) for pair in legends} == {("FIELDSET", "LEGEND")}

    stops = _tab_until(page, "query", 60)
    page.keyboard.type(QUERY)
    page.keyboard.press("Enter")
    page.wait_for_selector(RESULT)
    found = int(re.fullmatch(rf"(\d+) resultaten? voor ‘{QUERY}’", status.inner_text()).group(1))
    assert page.locator(RESULT).count() == min(found, 10)

    page.keyboard.press("Tab")  # the search button
    stops.append(_focused(page))
    page.keyboard.press("Tab")
    first_facet = _focused(page)
    assert first_facet["key"].startswith("facet:"), first_facet
    page.keyboard.press("Space")
    box = page.locator("input[data-filter]:focus")
    assert box.is_checked()
    page.wait_for_function(f"""() => !/Zoeken/.test(document.querySelector("[data-esfkb-status]").textContent)
        && document.querySelector("{RESULT}")""")
    ticked = int(re.fullmatch(rf"(\d+) resultaten? voor ‘{QUERY}’", status.inner_text()).group(1))
    assert 0 < ticked <= found

    facets = _keys(page, "input[data-filter]:not(:disabled)", "`facet:${el.name}=${el.value}`")
    results = _keys(page, f"{RESULT} a", '`result:${el.getAttribute("href")}`')
    journey = [first_facet, *_tab_until(page, results[-1], len(facets) + len(results) + 10)]
    order = [s["key"] for s in journey if s["key"].startswith(("facet:", "result:"))]
    assert order == facets + results
    undrawn = [s["key"] for s in [*stops, *journey] if not s["drawn"]]
    assert not undrawn, f"focus not visible on {undrawn}"


def test_more_results_by_keyboard_keep_the_focus_in_the_list(sites, page):
    _, url = sites["public"]
    page.goto(f"{url}{LIBRARY}?soort=Registratie")
    page.wait_for_selector(RESULT)
    assert page.locator(RESULT).count() == 10
    page.locator("[data-esfkb-more]").focus()
    page.keyboard.press("Enter")
    page.wait_for_function(f"() => document.activeElement.closest('{RESULT}') !== null")
    assert page.evaluate(f"[...document.querySelectorAll('{RESULT}')].indexOf("
                         f"document.activeElement.closest('{RESULT}'))") == 10


@pytest.mark.parametrize("edition", EDITIONS)
def test_the_chrome_speaks_dutch(sites, page, edition):
    _, url = sites[edition]
    page.goto(url + "dashboard/")
    footer = page.locator("footer").inner_text()
    assert "Material" not in footer and "Made with" not in footer
    assert "Kennisbank proeftuinen ESF Vlaanderen" in footer
    page.goto(url + "404.html")
    assert page.locator("h1").inner_text() == "Pagina niet gevonden"
    assert "Not found" not in page.locator("body").inner_text()
    page.get_by_role("link", name="Zoek in de bibliotheek", exact=True).last.click()
    page.wait_for_url(f"{url}{LIBRARY}")


@pytest.mark.parametrize("name", ["dashboard", "proeftuin"])
def test_a_chart_is_an_image_with_its_figures_a_table_one_key_away(sites, page, name):
    from playwright.sync_api import expect

    build, url = sites["public"]
    _open(page, url, name, build)
    figures = page.locator("figure.esfkb-figure")
    assert figures.count() >= 1
    for index in range(figures.count()):
        figure = figures.nth(index)
        chart = figure.locator("svg.esfkb-chart")
        image = page.get_by_role("img", name=chart.locator("title").first.text_content(), exact=True)
        expect(image).to_have_accessible_description(chart.locator("desc").text_content())
        figure.locator("summary").focus()
        page.keyboard.press("Enter")
        expect(figure.get_by_role("table")).to_be_visible()
