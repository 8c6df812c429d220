"""The site holds only content and allow-listed assets of the docs folder: nothing through a link, no stray file."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tests.site.helpers import run_mkdocs

if TYPE_CHECKING:
    from pathlib import Path

SECRET = "SECRET-MARKER-91c2"


def test_links_and_stray_files_stay_out_of_the_site(small_base, tmp_path: Path) -> None:
    root = small_base()
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text(SECRET, encoding="utf-8")
    (outside / "page.md").write_text(f"# Buiten\n\n{SECRET}\n", encoding="utf-8")
    docs = root / "playbooks"
    (docs / "leak.txt").symlink_to(outside / "secret.txt")
    (docs / "environ.png").symlink_to("/proc/self/environ")  # an allowed type, through a link
    (docs / "buiten.md").symlink_to(outside / "page.md")
    (docs / "extern").symlink_to(outside, target_is_directory=True)
    stray = ["export.csv", "dump.json", "lijst.xlsx", "oud.bak", "notes.md~", "logo.svg", "contacten.yml"]
    for rel in stray:
        (docs / rel).write_text(SECRET, encoding="utf-8")
    (docs / ".env").write_text(f"TOKEN={SECRET}\n", encoding="utf-8")
    (docs / "beeld.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (docs / "verslag.pdf").write_bytes(b"%PDF-1.4\n")

    build = run_mkdocs(root / "mkdocs.yml", tmp_path / "site", strict=False)
    assert build.returncode == 0, build.log
    published = {p.relative_to(build.site).as_posix() for p in build.files()}
    assert {"beeld.png", "verslag.pdf"} <= published
    assert not published & {*stray, "leak.txt", "environ.png", ".env"}
    assert not [p for p in published if p.startswith(("buiten", "extern/"))]
    assert not [p for p in build.files() if SECRET.encode() in p.read_bytes()]
    for rel in [*stray, "leak.txt", "environ.png", "buiten.md", "extern/page.md"]:
        assert f"WARNING -  esfkb_mkdocs: {rel}: left out of the site" in build.log  # so --strict fails
    assert "playbooks/extern:1:1: ESF013" in build.log
