"""The build's own log lines speak the tool's language: Dutch by default, English when ESFKB_LANG asks."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tests.site.helpers import run_mkdocs

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path


def test_the_build_log_in_dutch_and_english(small_base: Callable[..., Path], tmp_path: Path) -> None:
    root = small_base({"playbooks/logo.svg": "<svg/>"})
    dutch = run_mkdocs(root / "mkdocs.yml", tmp_path / "nl", strict=False, env={"ESFKB_LANG": "nl"})
    english = run_mkdocs(root / "mkdocs.yml", tmp_path / "en", strict=False, env={"ESFKB_LANG": "en"})
    assert (dutch.returncode, english.returncode) == (0, 0), dutch.log + english.log
    assert "INFO    -  esfkb_mkdocs: de publieke editie wordt gebouwd\n" in dutch.log
    assert ("INFO    -  esfkb_mkdocs: playbooks/logo.svg:1:1: ESF014 niet gepubliceerd: SVG kan script bevatten: "
            "publiceer de afbeelding als PNG of WebP; haal het uit de docs-map\n") in dutch.log
    assert ("WARNING -  esfkb_mkdocs: logo.svg: weggelaten uit de site: SVG kan script bevatten: publiceer de "
            "afbeelding als PNG of WebP\n") in dutch.log
    assert "INFO    -  esfkb_mkdocs: zoekindex: 37 pagina's, " in dutch.log
    assert "INFO    -  esfkb_mkdocs: building the public edition\n" in english.log
    assert ("WARNING -  esfkb_mkdocs: logo.svg: left out of the site: SVG can carry script: publish the image as "
            "PNG or WebP\n") in english.log
    assert "INFO    -  esfkb_mkdocs: search index: 37 pages, " in english.log
