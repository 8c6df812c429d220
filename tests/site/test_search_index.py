"""The Pagefind adapter and the search child beside the build: the index holds each page once, nothing is left
behind, a failure says why."""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from mkdocs.exceptions import Abort

from esfkb.errors import SearchIndexError
from esfkb.processes import HELPER_NICENESS
from esfkb.site.search.pagefind import PagefindRun, working_folder, write_index
from esfkb.site.search.records import SearchRecord
from tests.conftest import failing_in_a_child
from tests.site.helpers import built_in_process, pagefind_fragments, run_mkdocs

if TYPE_CHECKING:
    from collections.abc import Iterator

RECORDS = [
    SearchRecord("", "Kennisbank", ("Welkom in de kennisbank.",)),
    SearchRecord("businessmodellen/enclave/", "Enclave in een distributiecentrum", ("Samenwerkingen op de werkvloer.",),
                 summary="Een ploeg van het maatwerkbedrijf werkt bij de klant.", kind="Businessmodel",
                 filters={"soort": ("Businessmodel",), "provincie": ("Limburg",)}),
    SearchRecord("businessmodellen/enclave/", "Tweede record voor dezelfde URL", ("Telt niet.",)),
]


@pytest.fixture
def own_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A temporary directory of the test's own, so that what the adapter leaves behind can be seen."""
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    monkeypatch.setenv("TMPDIR", str(scratch))
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", None)  # read TMPDIR again
    return scratch


def reporting_pagefind(tmp_path: Path, script: str) -> Path:
    """A stand-in for the Pagefind binary that runs ``script`` (``$@`` holds Pagefind's arguments) and fails."""
    binary = tmp_path / "pagefind"
    binary.write_text(f"#!/bin/sh\n{script}\nexit 3\n", encoding="utf-8")
    binary.chmod(0o755)
    return binary


def test_the_index_holds_each_url_once_and_nothing_is_left_behind(own_tmp, tmp_path):
    output = tmp_path / "site" / "pagefind"
    output.mkdir(parents=True)
    (output / "stale.pf_fragment").write_text("from the previous build", encoding="utf-8")
    stats = write_index(RECORDS, output)
    assert stats.pages == 2
    fragments = pagefind_fragments(output)
    assert sorted(fragments) == ["/", "/businessmodellen/enclave/"]
    model = fragments["/businessmodellen/enclave/"]
    assert model["meta"]["title"] == "Enclave in een distributiecentrum"
    assert model["filters"] == {"soort": ["Businessmodel"], "provincie": ["Limburg"]}
    assert not (output / "stale.pf_fragment").exists()
    assert not list(output.glob("pagefind-ui.*")), "the ready-made interfaces are not published"
    assert list(own_tmp.iterdir()) == [], "the working files are removed"


def test_a_cancelled_run_stops_pagefind(own_tmp, tmp_path, monkeypatch):
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(reporting_pagefind(tmp_path, "sleep 60")))
    run = PagefindRun.start(RECORDS, working_folder())
    run.cancel()
    with pytest.raises(SearchIndexError, match="Pagefind failed"):
        run.wait()


def test_no_records_make_no_index(own_tmp, tmp_path):
    stats = write_index([], tmp_path / "out")
    assert stats.pages == 0
    assert not (tmp_path / "out").exists()
    assert list(own_tmp.iterdir()) == []


def test_a_failing_pagefind_is_reported_with_its_exit_status(own_tmp, tmp_path, monkeypatch):
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(reporting_pagefind(tmp_path, "echo 'index kapot' >&2")))
    with pytest.raises(SearchIndexError, match=r"Pagefind failed \(exit 3\): index kapot"):
        write_index(RECORDS, tmp_path / "out")
    assert list(own_tmp.iterdir()) == []


def test_pagefind_reads_one_numbered_page_per_url(own_tmp, tmp_path, monkeypatch):
    """The record pages are numbered files in one folder of the working folder; nothing of them stays."""
    seen = tmp_path / "seen"
    script = f'while [ "$1" != --site ]; do shift; done; ls "$2" > {seen}'
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(reporting_pagefind(tmp_path, script)))
    with pytest.raises(SearchIndexError):
        write_index(RECORDS, tmp_path / "out")
    assert seen.read_text(encoding="utf-8").split() == ["000000.html", "000001.html"]
    assert list(own_tmp.iterdir()) == []


def test_a_builds_pagefind_yields_to_the_build(small_base, tmp_path):
    """The search child lowers its priority before it starts Pagefind, which runs at that priority too."""
    seen = tmp_path / "niceness"
    root = small_base()
    build = run_mkdocs(root / "mkdocs.yml", tmp_path / "site", strict=False,
                       env={"PAGEFIND_BINARY_PATH": str(reporting_pagefind(tmp_path, f"nice > {seen}"))})
    assert build.returncode != 0
    assert int(seen.read_text()) == min(os.nice(0) + HELPER_NICENESS, 19)


def test_a_missing_binary_is_named(monkeypatch, tmp_path):
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(tmp_path / "nergens"))
    with pytest.raises(SearchIndexError, match="Pagefind binary was not found"):
        PagefindRun.start(RECORDS, tmp_path)


def test_a_page_address_is_data_never_a_file_name(own_tmp, tmp_path):
    """Records are numbered files in one folder; an address, however odd, is only the text of a meta field."""
    odd = SearchRecord("../../buiten/<x>/", "Vreemd adres", ("Tekst.",))
    output = tmp_path / "site" / "pagefind"
    stats = write_index([*RECORDS, odd], output)
    assert stats.pages == 3
    assert "/../../buiten/<x>/" in pagefind_fragments(output)
    assert not (tmp_path / "buiten").exists() and list(own_tmp.iterdir()) == []


def test_a_build_whose_index_fails_fails_and_says_why(small_base, tmp_path):
    failing = tmp_path / "pagefind"
    failing.write_text("#!/bin/sh\necho 'schijf vol' >&2\nexit 2\n", encoding="utf-8")
    failing.chmod(0o755)
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    root = small_base()
    build = run_mkdocs(root / "mkdocs.yml", tmp_path / "site", strict=False,
                       env={"PAGEFIND_BINARY_PATH": str(failing), "TMPDIR": str(scratch)})
    assert build.returncode != 0
    assert "esfkb: Pagefind failed (exit 2): schijf vol" in build.log
    assert list(scratch.iterdir()) == [], "no working files are left behind"


def test_mkdocs_gets_a_documents_body_without_parsing_its_frontmatter_again(small_base, tmp_path):
    """The core parsed the frontmatter; a body that starts like metadata stays text."""
    playbook = "playbooks/draaiboeken/enclave-opstarten.md"
    root = small_base()
    text = (root / playbook).read_text(encoding="utf-8")
    body = text.replace("---\n\nHet draaiboek.", "---\nDoel: een enclave opstarten\n\nHet draaiboek.")
    (root / playbook).write_text(body, encoding="utf-8")
    build = run_mkdocs(root / "mkdocs.yml", tmp_path / "site")
    assert build.returncode == 0, build.log
    page = build.text("draaiboeken/enclave-opstarten/")
    assert "<p>Doel: een enclave opstarten</p>" in page
    assert "<title>Een enclave opstarten - Testbasis</title>" in page, "the title still comes from the frontmatter"


def test_a_build_freezes_what_it_loaded_and_the_next_one_lets_it_go(small_base, tmp_path, monkeypatch):
    """The collector skips the loaded knowledge base during a build; serve collects after each build (what lives on
    is frozen again, #21) and lets go of it at its end."""
    import gc

    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    root = small_base()
    monkeypatch.chdir(root)
    config = load_config(str(root / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    plugin = config.plugins["esfkb"]
    gc.unfreeze()
    try:
        config.plugins.on_startup(command="serve", dirty=False)
        build(config)
        assert gc.get_freeze_count() > 0
        index = tmp_path / "site" / "pagefind" / "pagefind-entry.json"
        deadline = time.monotonic() + 120  # serve's index follows beside the preview (#21)
        while not index.exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert index.exists()
        plugin.on_config(config)  # what serve's next build does first: the collection after the last one has run
        plugin.on_shutdown()
        assert gc.get_freeze_count() == 0
    finally:
        gc.unfreeze()


def test_what_mkdocs_build_froze_stays_frozen_until_the_next_build_lets_it_go(small_base, tmp_path, monkeypatch):
    """``mkdocs build`` ends after on_shutdown: nothing to free, nothing for the last collection to walk."""
    import gc

    from mkdocs.config import load_config

    root = small_base()
    monkeypatch.chdir(root)
    gc.unfreeze()
    try:
        with built_in_process(root, tmp_path / "site"):
            pass
        assert gc.get_freeze_count() > 0, "after on_shutdown of a build"
        config = load_config(str(root / "mkdocs.yml"))
        config.plugins["esfkb"].on_config(config)
        assert gc.get_freeze_count() == 0, "the next build lets it go"
    finally:
        gc.unfreeze()


def test_a_build_leaves_no_process_behind(small_base, tmp_path, monkeypatch):
    """The search child, the views' child and Pagefind are all reaped by the end of a build."""
    root = small_base()
    monkeypatch.chdir(root)
    with built_in_process(root, tmp_path / "site"):
        assert (tmp_path / "site" / "pagefind" / "pagefind-entry.json").exists()
        with pytest.raises(ChildProcessError):
            os.waitpid(-1, os.WNOHANG)


def test_data_files_whose_child_failed_are_written_by_the_build(small_base, tmp_path, monkeypatch):
    """The API files are written by the search child; should it fail, the build writes them itself, the same,
    and indexes the site itself too."""
    from esfkb.site import catalog

    root = small_base()
    monkeypatch.chdir(root)
    with built_in_process(root, tmp_path / "site"):
        expected = (tmp_path / "site" / "api" / "catalog.json").read_text(encoding="utf-8")
    monkeypatch.setattr(catalog, "_catalog_file", failing_in_a_child(catalog._catalog_file))
    with built_in_process(root, tmp_path / "again"):
        assert (tmp_path / "again" / "api" / "catalog.json").read_text(encoding="utf-8") == expected
        assert sorted(pagefind_fragments(tmp_path / "again" / "pagefind")) \
            == sorted(pagefind_fragments(tmp_path / "site" / "pagefind"))


def test_the_builds_leak_scan_reads_only_what_the_search_child_did_not(small_base, tmp_path, monkeypatch,
                                                                    files_the_scan_reads):
    """The search child scans the bundle, the data files it wrote and every page the build wrote, on its core; the
    build's own scan reads the other files (the theme's 404 page, the sitemap, the assets), each file read once."""
    from esfkb.site.build.beside import BesideTheBuild

    beside: list[set[str]] = []
    search_index = BesideTheBuild.search_index

    def keeping(self: BesideTheBuild, output: Path) -> object:
        index = search_index(self, output)
        beside.append(set(index.pages["signatures"]) | {f"pagefind/{rel}" for rel in index.scanned["signatures"]})
        return index

    monkeypatch.setattr(BesideTheBuild, "search_index", keeping)
    root = small_base()
    monkeypatch.chdir(root)
    site = tmp_path / "site"
    with built_in_process(root, site):
        assert (site / "pagefind" / "pagefind-entry.json").exists()
    every_file = {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}
    pages = {rel for rel in every_file if rel.endswith("index.html")}
    assert pages <= beside[0], "every page the build wrote, scanned beside it"
    assert "api/catalog.json" in beside[0]
    assert "404.html" in files_the_scan_reads and "sitemap.xml" in files_the_scan_reads
    assert not set(files_the_scan_reads) & beside[0], "none read again"
    assert sorted(files_the_scan_reads) == sorted(every_file - beside[0]), "every other file, once"


def test_a_page_changed_after_the_search_child_scanned_it_is_scanned_again(small_base, tmp_path, monkeypatch,
                                                                          caplog):
    """What writes a page after the search child scanned it (another plugin, late) cannot slip a leak past the scan:
    the page's size and time changed, so the build reads it itself."""
    from esfkb.site.build.beside import BesideTheBuild

    search_index = BesideTheBuild.search_index

    def then_changing_the_home_page(self: BesideTheBuild, output: Path) -> object:
        index = search_index(self, output)
        home = output.parent / "index.html"
        assert "index.html" in index.pages["signatures"]
        home.write_text(home.read_text(encoding="utf-8") + "<p>Mail jan.peeters@voorbeeld.invalid</p>",
                        encoding="utf-8")
        return index

    monkeypatch.setattr(BesideTheBuild, "search_index", then_changing_the_home_page)
    root = small_base()
    monkeypatch.chdir(root)
    with pytest.raises(Abort), built_in_process(root, tmp_path / "site"):
        pass
    assert "index.html: e-mailadres 'jan.peeters@voorbeeld.invalid' published" in caplog.text
