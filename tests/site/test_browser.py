"""The built site in headless Debian Chromium: follow model → playbook → pilot, see the charts, stay local.

Every request the browser makes is recorded: none may leave the site's own origin (no web fonts,
no CDN, no analytics). Chromium is the distribution's (/usr/bin/chromium), never a downloaded build.
"""

from __future__ import annotations

import functools
import http.server
import os
import threading
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from collections.abc import Iterator

    from tests.site.helpers import Build

CHROMIUM = Path("/usr/bin/chromium")
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
               "--no-first-run", "--disable-sync"]

pytestmark = pytest.mark.browser


def _require_chromium() -> None:
    if CHROMIUM.exists():
        return
    message = f"{CHROMIUM} is missing (apt-get install chromium)"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        """Keep the test output clean."""


@pytest.fixture(scope="module")
def served(bundled: Build) -> Iterator[str]:
    """The bundled site on an ephemeral 127.0.0.1 port, for as long as the module runs."""
    handler = functools.partial(_QuietHandler, directory=str(bundled.site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


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
    _require_chromium()
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
