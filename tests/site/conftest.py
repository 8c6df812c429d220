"""Site builds for the tests: the bundled base built once per session (and served for the browser), small bases
built on demand."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from tests.conftest import REPO, make_project
from tests.site.helpers import CHROMIUM, LAUNCH_ARGS, SMALL_CONFIG, Build, require_chromium, run_mkdocs, serve

if TYPE_CHECKING:
    from collections.abc import Iterator

    from playwright.sync_api import Browser


@pytest.fixture(scope="session")
def bundled(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The bundled knowledge base built once with ``--strict``, shared by every test that reads it."""
    build = run_mkdocs(REPO / "mkdocs.yml", tmp_path_factory.mktemp("bundled") / "site")
    assert build.returncode == 0, build.log
    return build


MATCHMAKERS_CONTACTS = """\
logistiek-olen:
  {naam: Jan Peeters, functie: HR-manager, email: jan.peeters@olen-contact.invalid, telefoon: "+3214210001"}
kempenwerk:
  {naam: An Claes, functie: directeur, email: an.claes@kempen-contact.invalid, telefoon: "+32470990002"}
"""
"""Fictitious contact persons for two bundled registrations (mail on the reserved .invalid domain)."""


@pytest.fixture(scope="session")
def matchmakers(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The bundled knowledge base's matchmakers edition, built once with ``--strict`` and a contacts file."""
    folder = tmp_path_factory.mktemp("matchmakers")
    contacts = folder / "contacts.yml"
    contacts.write_text(MATCHMAKERS_CONTACTS, encoding="utf-8")
    env = {"ESFKB_AUDIENCE": "matchmakers", "ESFKB_CONTACTS": str(contacts)}
    build = run_mkdocs(REPO / "mkdocs.yml", folder / "site", env=env)
    assert build.returncode == 0, build.log
    return build


@pytest.fixture
def small_base(tmp_path: Path):
    """A factory: the valid example base with files replaced or added, and a test-friendly mkdocs.yml."""

    def make(files: dict[str, str] | None = None) -> Path:
        root = make_project(tmp_path / "kb")
        (root / "mkdocs.yml").write_text(SMALL_CONFIG, encoding="utf-8")
        for rel, text in (files or {}).items():
            target = root / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        return root

    return make


@pytest.fixture(scope="module")
def served(bundled: Build) -> Iterator[str]:
    """The bundled site on an ephemeral 127.0.0.1 port, for as long as the module runs."""
    with serve(bundled.site) as url:
        yield url


@pytest.fixture(scope="module")
def sites(bundled: Build, matchmakers: Build) -> Iterator[dict[str, tuple[Build, str]]]:
    """Both editions, served for as long as the module that asks runs: edition -> (build, URL)."""
    with serve(bundled.site) as public_url, serve(matchmakers.site) as matchmakers_url:
        yield {"public": (bundled, public_url), "matchmakers": (matchmakers, matchmakers_url)}


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """One headless Chromium for the module that asks (Debian's, never a download)."""
    require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        try:
            yield launched
        finally:
            launched.close()
