"""The Pagefind adapter: a worker process waits for the records and indexes them while the build renders; nothing is
left behind."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from esfkb.errors import SearchIndexError
from esfkb.site.build.processes import HELPER_NICENESS
from esfkb.site.search import pagefind as search_index
from esfkb.site.search.pagefind import start_index, write_index
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
def memory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The test's own stand-in for the folder in memory, so that what the adapter leaves there can be seen."""
    folder = tmp_path / "memory"
    folder.mkdir()
    monkeypatch.setattr(search_index, "MEMORY_ROOT", folder)
    return folder


@pytest.fixture
def own_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, memory: Path) -> Iterator[Path]:
    """A temporary directory of the test's own, so that what the adapter leaves behind can be seen.

    Whatever a test leaves in the memory folder fails it too.
    """
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    monkeypatch.setenv("TMPDIR", str(scratch))
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", None)  # read TMPDIR again
    yield scratch
    assert list(memory.iterdir()) == [], "the memory folder is removed"


def reporting_pagefind(tmp_path: Path, script: str) -> Path:
    """A stand-in for the Pagefind binary that runs ``script`` (``$@`` holds Pagefind's arguments) and fails."""
    binary = tmp_path / "pagefind"
    binary.write_text(f"#!/bin/sh\n{script}\nexit 3\n", encoding="utf-8")
    binary.chmod(0o755)
    return binary


def test_the_worker_indexes_each_url_once_and_cleans_up(own_tmp, tmp_path):
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


def test_a_cancelled_run_stops_and_leaves_nothing(own_tmp):
    running = start_index()
    running.send(RECORDS)
    running.cancel()
    assert list(own_tmp.iterdir()) == []


def test_a_worker_whose_records_never_came_says_so(own_tmp, tmp_path):
    running = start_index()  # the build stopped before it sent the records
    with pytest.raises(SearchIndexError, match="no search records arrived"):
        running.finish(tmp_path / "out")
    assert list(own_tmp.iterdir()) == []


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


def test_pagefind_yields_to_the_build(own_tmp, tmp_path, monkeypatch):
    """The worker lowers its priority before it starts Pagefind, which runs at that priority too."""
    seen = tmp_path / "niceness"
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(reporting_pagefind(tmp_path, f"nice > {seen}")))
    with pytest.raises(SearchIndexError):
        write_index(RECORDS, tmp_path / "out")
    assert int(seen.read_text()) == min(os.nice(0) + HELPER_NICENESS, 19)


def test_the_record_pages_are_written_in_memory(own_tmp, memory, tmp_path, monkeypatch):
    """Pagefind reads the record pages from the folder in memory, one page per URL; nothing of them stays."""
    seen = tmp_path / "seen"
    script = f'while [ "$1" != --site ]; do shift; done; echo "$2" > {seen}; ls "$2" >> {seen}'
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(reporting_pagefind(tmp_path, script)))
    with pytest.raises(SearchIndexError):
        write_index(RECORDS, tmp_path / "out")
    folder, *pages = seen.read_text(encoding="utf-8").split()
    assert Path(folder).parent == memory
    assert pages == ["000000.html", "000001.html"]


def test_without_a_memory_folder_the_records_go_to_disk(own_tmp, tmp_path, monkeypatch):
    """Where the system has no folder in memory (macOS, Windows), the index is built all the same."""
    monkeypatch.setattr(search_index, "MEMORY_ROOT", tmp_path / "nergens")
    output = tmp_path / "site" / "pagefind"
    assert write_index(RECORDS, output).pages == 2
    assert sorted(pagefind_fragments(output)) == ["/", "/businessmodellen/enclave/"]


def test_records_too_large_for_the_memory_folder_go_to_disk(tmp_path, monkeypatch):
    """The memory folder is used only with room to spare; a folder that is gone counts as no room."""
    memory = tmp_path / "memory"
    memory.mkdir()
    on_disk = tmp_path / search_index.RECORDS_DIR
    assert search_index.write_record_pages(["<p>a</p>", "<p>b</p>"], tmp_path, memory) == memory
    assert sorted(p.name for p in memory.iterdir()) == ["000000.html", "000001.html"]
    page = "<p>a</p>"
    monkeypatch.setattr(search_index, "MEMORY_HEADROOM", shutil.disk_usage(memory).free // len(page) + 1)
    assert search_index.write_record_pages([page], tmp_path, memory) == on_disk
    monkeypatch.undo()
    shutil.rmtree(memory)
    assert search_index.write_record_pages(["<p>a</p>"], tmp_path, memory) == on_disk
    assert search_index.write_record_pages(["<p>a</p>"], tmp_path, None) == on_disk
    assert (on_disk / "000000.html").read_text(encoding="utf-8") == "<p>a</p>"


def test_a_forked_child_writes_the_record_pages_and_the_worker_indexes_them(own_tmp, memory, tmp_path):
    running = start_index()
    running.send(RECORDS, write_pages=True)
    assert len(list(next(memory.iterdir()).iterdir())) == 2, "written here, in memory, one page per URL"
    output = tmp_path / "site" / "pagefind"
    assert running.finish(output).pages == 2
    assert sorted(pagefind_fragments(output)) == ["/", "/businessmodellen/enclave/"]



def test_a_missing_binary_is_named(monkeypatch, tmp_path):
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(tmp_path / "nergens"))
    with pytest.raises(SearchIndexError, match="Pagefind binary was not found"):
        start_index()


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
    in_memory = _memory_folders()
    build = run_mkdocs(root / "mkdocs.yml", tmp_path / "site", strict=False,
                       env={"PAGEFIND_BINARY_PATH": str(failing), "TMPDIR": str(scratch)})
    assert build.returncode != 0
    assert "esfkb: Pagefind failed (exit 2): schijf vol" in build.log
    assert list(scratch.iterdir()) == [], "no working files are left behind"
    assert not _memory_folders() - in_memory, "nor in memory"  # (a build removes those of killed builds)


def _memory_folders() -> set[Path]:
    return set(search_index.MEMORY_ROOT.glob("esfkb-records-*"))


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
    """The collector skips the loaded knowledge base during a build; serve's next build (or its end) frees it."""
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
        assert (tmp_path / "site" / "pagefind" / "pagefind-entry.json").exists()
        plugin.on_config(config)  # what serve's next build does first
        assert gc.get_freeze_count() == 0
        plugin.on_shutdown()
    finally:
        gc.unfreeze()


def test_the_worker_imports_what_the_build_imports(tmp_path, monkeypatch):
    """A package the build finds through a relative path entry is found by the worker too (it runs elsewhere)."""
    import subprocess
    import sys

    from esfkb.site.search.pagefind import _worker_environment

    (tmp_path / "pakketten").mkdir()
    (tmp_path / "pakketten" / "probe_module.py").write_text("", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(sys, "path", [*sys.path, "pakketten"])
    elsewhere = tmp_path / "elders"
    elsewhere.mkdir()
    done = subprocess.run([sys.executable, "-c", "import probe_module"], cwd=elsewhere, env=_worker_environment(),
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr


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
    """The data files', records' and views' children and the search worker are all reaped by the end of a build."""
    root = small_base()
    monkeypatch.chdir(root)
    with built_in_process(root, tmp_path / "site"):
        assert (tmp_path / "site" / "pagefind" / "pagefind-entry.json").exists()
        with pytest.raises(ChildProcessError):
            os.waitpid(-1, os.WNOHANG)


def test_data_files_whose_child_failed_are_written_by_the_build(small_base, tmp_path, monkeypatch):
    """The API files are written by a forked child; should it fail, the build writes them itself, the same."""
    from esfkb.site import catalog

    root = small_base()
    monkeypatch.chdir(root)
    with built_in_process(root, tmp_path / "site"):
        expected = (tmp_path / "site" / "api" / "catalog.json").read_text(encoding="utf-8")
    monkeypatch.setattr(catalog, "_catalog_file", failing_in_a_child(catalog._catalog_file))
    with built_in_process(root, tmp_path / "again"):
        assert (tmp_path / "again" / "api" / "catalog.json").read_text(encoding="utf-8") == expected


def test_the_builds_leak_scan_takes_the_index_as_its_worker_scanned_it(small_base, tmp_path, monkeypatch,
                                                                         files_the_scan_reads):
    """The worker scans the bundle on its core; the build reads none of those files again (they did not change)."""
    from esfkb.privacy import leak_scan

    monkeypatch.setattr(leak_scan, "PARALLEL_FROM", 10**9)  # all of the build's share in this process
    root = small_base()
    monkeypatch.chdir(root)
    with built_in_process(root, tmp_path / "site"):
        assert (tmp_path / "site" / "pagefind" / "pagefind-entry.json").exists()
    assert "index.html" in files_the_scan_reads
    assert not [path for path in files_the_scan_reads if path.startswith("pagefind/")]
