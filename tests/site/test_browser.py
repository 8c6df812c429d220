"""The built site in headless Debian Chromium: follow model → playbook → pilot, see the charts, stay local.

Every request the browser makes is recorded: none may leave the site's own origin (no web fonts,
no CDN, no analytics). Chromium is the distribution's (/usr/bin/chromium), never a downloaded build.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from tests.site.helpers import CHROMIUM, LAUNCH_ARGS, require_chromium

if TYPE_CHECKING:
    from tests.site.helpers import Build

pytestmark = pytest.mark.browser


def _chain(bundled: Build) -> tuple[dict, dict, dict]:
    """A model with a playbook that names a pilot, from the published catalogue."""
    records = {r["id"]: r for r in bundled.json("api/catalog.json")["documents"]}
    for record in records.values():
        if record["kind"] != "businessmodel":
            continue
        for playbook_id in record["referenced_by"].get("draaiboek", []):
            pilots = records[playbook_id]["relations"].get("proeftuinen", [])
            if pilots:
                return record, records[playbook_id], records[pilots[0]]
    pytest.fail("the bundled base has no model → playbook → pilot chain")


def test_follow_model_playbook_pilot_without_leaving_the_site(bundled, served):
    require_chromium()
    from playwright.sync_api import sync_playwright

    model, playbook, pilot = _chain(bundled)
    requests: list[str] = []
    failures: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        try:
            page = browser.new_page()
            page.on("request", lambda request: requests.append(request.url))
            page.on("response", lambda response: failures.append(response.url) if response.status >= 400 else None)
            page.goto(served)
            page.get_by_role("link", name="Businessmodellen", exact=True).first.click()
            page.wait_for_url(f"{served}businessmodellen/")
            sort = page.locator("#overzicht-businessmodel th").first
            sort.locator("button").click()
            assert sort.get_attribute("aria-sort") == "ascending"
            page.locator("#overzicht-businessmodel").get_by_role("link", name=model["title"], exact=True).click()
            page.wait_for_url(f"{served}{model['url']}")
            assert page.locator(".esfkb-canvas").is_visible()
            page.locator(".esfkb-view--playbooks").get_by_role("link", name=playbook["title"], exact=True).click()
            page.wait_for_url(f"{served}{playbook['url']}")
            assert page.locator(".esfkb-timeline").is_visible()
            page.locator(".esfkb-relations").get_by_role("link", name=pilot["title"], exact=True).first.click()
            page.wait_for_url(f"{served}{pilot['url']}")
            charts = page.locator("svg.esfkb-chart")
            assert charts.count() >= 1
            for index in range(charts.count()):
                assert charts.nth(index).is_visible()
            assert page.locator(f"#samenstelling-{pilot['id']}").is_visible()
            page.goto(f"{served}dashboard/")
            assert page.locator("#dashboard-doorstroom").is_visible()
        finally:
            browser.close()
    foreign = [url for url in requests if not url.startswith(served)]
    assert not foreign, foreign
    assert not failures, failures
    assert len(requests) > 5
