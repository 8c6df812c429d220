"""What runs beside the build changes where the work is done, never what is published."""

from __future__ import annotations

import os

import pytest

from esfkb.processes import NO_FORK_ENV
from tests.conftest import REPO
from tests.site.helpers import Build, pagefind_fragments, run_mkdocs

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="without fork there is only one way to build")

SEARCH_INDEX = "pagefind/"
FILTERS = f"{SEARCH_INDEX}filter/"
HASH_NAMED = (".pf_meta", "pagefind-entry.json")
"""Files that name the filter files by their hashes."""


def _files(build: Build) -> dict[str, bytes]:
    return {path.relative_to(build.site).as_posix(): path.read_bytes()
            for path in sorted(build.site.rglob("*")) if path.is_file()}


def test_a_build_without_helper_processes_publishes_the_same_files_byte_for_byte(bundled, tmp_path):
    """Forking off changes no byte outside the search index, and the index holds the same pages.

    Pagefind names its filter files by a hash of contents it orders differently from run to run
    (two forked builds differ there too), so the index is compared by its file names (the filter
    files and those that name them aside) and by what it holds: every fragment (page, text, meta,
    filters).
    """
    inline = run_mkdocs(REPO / "mkdocs.yml", tmp_path / "site", env={NO_FORK_ENV: "1"})
    assert inline.returncode == 0, inline.log
    forked, alone = _files(bundled), _files(inline)
    assert _without_filters(forked) == _without_filters(alone)
    differing = [path for path in forked if not path.startswith(SEARCH_INDEX) and forked[path] != alone.get(path)]
    assert differing == [], f"files that differ: {differing[:10]}"
    assert pagefind_fragments(bundled.site / "pagefind") == pagefind_fragments(inline.site / "pagefind")


def _without_filters(files: dict[str, bytes]) -> list[str]:
    return sorted(path for path in files if not path.startswith(FILTERS) and not path.endswith(HASH_NAMED))
