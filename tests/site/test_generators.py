"""The site builds with MkDocs 1.x and with ProperDocs, its maintained continuation: the same pages, the same search.

ProperDocs runs the plugin through its ``mkdocs.plugins`` entry point and reads ``mkdocs.yml`` as it is. The
bundled base is built once more here, with ProperDocs, and compared with the session's MkDocs build. Neither
build's log lists the pages outside the nav or prints a generator's end-of-life notice.
"""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
import time
from html.parser import HTMLParser

import pytest

from esfkb.site.routes import SEARCH_INDEX
from tests.conftest import REPO
from tests.site.helpers import Build, pagefind_fragments

PRIVATE_AND_BANNER_VARIABLES = {"ESFKB_AUDIENCE", "ESFKB_CONTACTS", "NO_MKDOCS_2_WARNING", "DISABLE_MKDOCS_2_WARNING"}
"""Left out of the generators' environment: the public edition, and no notice silenced beforehand."""
BANNERS = ("reaches end of life", "Zensical", "MkDocs may break support", "MKDOCS_2_WARNING")
"""What Material's and ProperDocs' notices about MkDocs' future print."""
OMITTED_FILES = 'not included in the "nav" configuration'


def _environment(**extra: str) -> dict[str, str]:
    environ = {k: v for k, v in os.environ.items() if k not in PRIVATE_AND_BANNER_VARIABLES}
    return {**environ, **extra}


def _run(generator: str, *arguments: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """``python -m GENERATOR ARGUMENTS``, as its own command runs it."""
    return subprocess.run([sys.executable, "-m", generator, *arguments], capture_output=True, text=True, env=env,
                          timeout=600, check=False)


@pytest.fixture(scope="module")
def properdocs(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The bundled knowledge base built with ``properdocs build --strict``, nothing silenced."""
    site = tmp_path_factory.mktemp("properdocs") / "site"
    start = time.perf_counter()
    done = _run("properdocs", "build", "--strict", "-f", str(REPO / "mkdocs.yml"), "-d", str(site),
                env=_environment())
    return Build(done.returncode, done.stdout + done.stderr, site, time.perf_counter() - start)


class _Page(HTMLParser):
    """What a built page says: its generator, title and the text of its article."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.generator = ""
        self.title: list[str] = []
        self.article: list[str] = []
        self._in: list[str] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "meta" and found.get("name") == "generator":
            self.generator = found.get("content") or ""
        if tag in {"title", "article"}:
            self._in.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if self._in and self._in[-1] == tag:
            self._in.pop()

    def handle_data(self, data: str) -> None:
        if "article" in self._in:
            self.article.append(data)
        elif "title" in self._in:
            self.title.append(data)

    def said(self) -> tuple[str, str]:
        """The page's title and article text, whitespace normalised."""
        return " ".join("".join(self.title).split()), " ".join("".join(self.article).split())


def _pages(build: Build) -> dict[str, _Page]:
    return {path: _Page(text) for path, text in build.text_files().items() if path.endswith(".html")}


def _page_count(build: Build) -> int:
    entry = json.loads((build.site / SEARCH_INDEX / "pagefind-entry.json").read_text(encoding="utf-8"))
    return entry["languages"]["nl"]["page_count"]


def test_properdocs_builds_the_bundled_base_strict_and_quietly(properdocs):
    assert properdocs.returncode == 0, properdocs.log
    assert not [banner for banner in BANNERS if banner in properdocs.log], properdocs.log
    assert OMITTED_FILES not in properdocs.log


def test_the_mkdocs_build_lists_no_page_outside_the_nav(bundled):
    assert OMITTED_FILES not in bundled.log
    assert "Documentation built in" in bundled.log  # the log is read at INFO


def test_properdocs_writes_the_same_pages(bundled, properdocs):
    by_mkdocs, by_properdocs = _pages(bundled), _pages(properdocs)
    assert sorted(by_properdocs) == sorted(by_mkdocs)
    assert len(by_mkdocs) > 70
    # Each build is really its generator's: the theme names it on every page.
    assert all(page.generator.startswith("mkdocs-1.") for page in by_mkdocs.values())
    assert all(page.generator.startswith("mkdocs-ProperDocs 1.") for page in by_properdocs.values())
    for path, page in by_mkdocs.items():
        assert by_properdocs[path].said() == page.said(), path
    assert "Bibliotheek" in by_properdocs["bibliotheek/index.html"].said()[0]


def test_properdocs_indexes_the_same_pages_for_search(bundled, properdocs):
    assert _page_count(properdocs) == _page_count(bundled) == len(pagefind_fragments(bundled.site / SEARCH_INDEX))
    by_mkdocs = pagefind_fragments(bundled.site / SEARCH_INDEX)
    by_properdocs = pagefind_fragments(properdocs.site / SEARCH_INDEX)
    assert by_properdocs == by_mkdocs  # the same addresses, results and indexed text


def test_the_validation_settings_keep_strict_for_real_problems():
    from mkdocs.config import load_config

    validation = load_config(str(REPO / "mkdocs.yml")).validation
    assert validation.nav.omitted_files < logging.INFO  # shown with -v only
    assert validation.nav.not_found == logging.WARNING
    assert validation.links.not_found == logging.WARNING
    assert validation.links.anchors == logging.WARNING


def test_materials_notice_is_silenced_by_its_variable_and_never_printed_by_properdocs(tmp_path):
    """Material prints its end-of-life notice when the ``mkdocs`` command loads the theme, unless
    ``NO_MKDOCS_2_WARNING`` is set; under ``properdocs`` it never does. (A configuration without plugins and
    with a missing docs folder: the theme is loaded, then the command stops.)"""
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: x\ndocs_dir: ontbreekt\ntheme:\n  name: material\nplugins: []\n", encoding="utf-8")
    loud = _run("mkdocs", "build", "-f", str(config), env=_environment())
    quiet = _run("mkdocs", "build", "-f", str(config), env=_environment(NO_MKDOCS_2_WARNING="1"))
    proper = _run("properdocs", "build", "-f", str(config), env=_environment())
    assert "reaches end of life" in loud.stderr and "NO_MKDOCS_2_WARNING=1" in loud.stderr  # it names its switch
    for done in (quiet, proper):
        assert "docs_dir" in done.stderr and done.returncode != 0  # it got as far as the theme and beyond
        assert not [banner for banner in BANNERS if banner in done.stderr], done.stderr

