"""The hostile pages and the bundled site in headless Chromium, with the pages' Content-Security-Policy enforced.

No payload opens a dialog, navigates away or makes a request beyond 127.0.0.1, whatever the
visitor hovers or focuses; and the site's own scripts (Material's, the library's, Pagefind's
WebAssembly) run under the policy without one violation.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from tests.security.corpus import PAYLOADS
from tests.site.helpers import CHROMIUM, LAUNCH_ARGS, require_chromium

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

pytestmark = pytest.mark.browser

_TOUCH_EVERYTHING = """elements => { for (const element of elements) {
  for (const type of ["mouseover", "focus", "focusin", "animationstart", "toggle"]) {
    element.dispatchEvent(new Event(type, {bubbles: true}));
  }
} }"""
"""Hover and focus every element of the content, as a visitor might (handlers would fire on these)."""


class _Watch:
    """What a browser context did: dialogs, requests, console messages about the policy, script errors."""

    def __init__(self, browser: Browser) -> None:
        self.dialogs: list[str] = []
        self.requests: list[str] = []
        self.violations: list[str] = []
        self.context = browser.new_context()
        self.context.on("request", lambda request: self.requests.append(request.url))
        self.page = self.context.new_page()
        self.page.on("dialog", self._dialog)
        self.page.on("console", lambda message: self.violations.append(message.text)
                     if "Content Security Policy" in message.text or "Refused to" in message.text else None)
        self.page.on("pageerror", lambda error: self.violations.append(f"script error: {error}"))

    def _dialog(self, dialog) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def foreign(self, origin: str) -> list[str]:
        """Requests that left ``origin``."""
        return [url for url in self.requests if not url.startswith(origin)]


def test_no_payload_runs_navigates_or_calls_out(hostile_served):
    require_chromium()
    from playwright.sync_api import sync_playwright

    urls = [f"{hostile_served}{folder}{payload.name}/" for payload in PAYLOADS
            for folder in ("aanval/", "draaiboeken/aanval-")]
    moved: list[tuple[str, str]] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        try:
            watch = _Watch(browser)
            page = watch.page
            for url in urls:
                page.goto(url, wait_until="load")
                page.locator("article *").evaluate_all(_TOUCH_EVERYTHING)
                page.keyboard.press("Tab")
                if page.url != url:
                    moved.append((url, page.url))
        finally:
            browser.close()
    assert not watch.dialogs, watch.dialogs
    assert not moved, moved
    assert not watch.foreign(hostile_served), watch.foreign(hostile_served)
    assert not watch.violations, watch.violations  # the sanitizer left nothing for the policy to block


def _search_and_facets(page: Page, served: str) -> None:
    from playwright.sync_api import expect

    page.goto(f"{served}bibliotheek/")
    page.locator("#esfkb-library-q").fill("enclaves")
    expect(page.locator(".esfkb-library__result").first).to_be_visible()
    found = page.locator("[data-esfkb-status]").text_content()
    page.locator('input[data-filter="soort"][value="Businessmodel"]').check()
    expect(page.locator("[data-esfkb-status]")).not_to_have_text(found or "")
    kinds = page.locator(".esfkb-library__kind")
    expect(kinds.filter(has_not_text="Businessmodel")).to_have_count(0)  # waits until the list is filtered
    expect(kinds.first).to_have_text("Businessmodel")
    page.locator(".esfkb-header-search__input").fill("doorstroom")
    page.locator(".esfkb-header-search__input").press("Enter")
    page.wait_for_url(f"{served}bibliotheek/?q=doorstroom")
    expect(page.locator(".esfkb-library__result").first).to_be_visible()


def test_the_site_works_under_its_policy(bundled, served):
    require_chromium()
    from playwright.sync_api import expect, sync_playwright

    model = next(r["url"] for r in bundled.json("api/catalog.json")["documents"] if r["kind"] == "businessmodel")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        try:
            watch = _Watch(browser)
            page = watch.page
            policy = page.goto(served).text()
            assert '<meta http-equiv="Content-Security-Policy"' in policy
            assert page.evaluate("typeof __md_get") == "function"  # the theme's inline script ran, by its hash
            _search_and_facets(page, served)
            assert "js" in page.evaluate("document.documentElement.className").split()  # Material's bundle ran
            page.goto(f"{served}{model}")
            expect(page.locator(".esfkb-canvas")).to_be_visible()
            page.goto(f"{served}dashboard/")
            expect(page.locator("article svg").first).to_be_visible()
            page.goto(f"{served}404.html")
            expect(page.locator("h1")).to_be_visible()
        finally:
            browser.close()
    assert not watch.violations, watch.violations
    assert not watch.foreign(served), watch.foreign(served)
