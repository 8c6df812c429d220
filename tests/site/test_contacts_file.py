"""The private contacts file lives outside the project for every face, and the matchmakers edition shows per
registration what its consent allows (#17 finding 4)."""

from __future__ import annotations

from pathlib import Path

import pytest
from mkdocs.config import load_config
from mkdocs.exceptions import PluginError

from tests.conftest import EXAMPLES
from tests.privacy.test_import import CP1252, run_import
from tests.site.helpers import run_mkdocs
from tests.site.test_small_bases import CONTACTS

REGISTRATIONS = EXAMPLES / "valid/playbooks/registraties"


def _places(root: Path, tmp_path: Path) -> dict[str, Path]:
    """Contacts files in the project, in docs_dir, and outside it behind a link that leads into docs_dir."""
    inside = root / "playbooks" / "contacten.yml"
    inside.write_text(CONTACTS, encoding="utf-8")
    (root / "prive.yml").write_text(CONTACTS, encoding="utf-8")
    link = tmp_path / "elders" / "contacten.yml"
    link.parent.mkdir()
    link.symlink_to(inside)
    return {"project": root / "prive.yml", "docs_dir": inside, "link into docs_dir": link}


@pytest.mark.parametrize("audience", ["public", "matchmakers"])
def test_the_build_refuses_a_contacts_file_inside_the_project(small_base, tmp_path, audience):
    root = small_base()
    for where, path in _places(root, tmp_path).items():
        env = {"ESFKB_AUDIENCE": audience, "ESFKB_CONTACTS": str(path)}
        build = run_mkdocs(root / "mkdocs.yml", tmp_path / f"site-{audience}", env=env)
        assert build.returncode != 0, where
        assert "holds personal data and must live outside the repository" in build.log, (where, build.log[-2000:])
        assert not (tmp_path / f"site-{audience}" / "contacten.yml").exists()


def test_serve_refuses_it_too(small_base, tmp_path, monkeypatch):
    """``mkdocs serve`` reads its configuration through the same hook on every rebuild."""
    root = small_base()
    monkeypatch.setenv("ESFKB_CONTACTS", str(_places(root, tmp_path)["link into docs_dir"]))
    config = load_config(str(root / "mkdocs.yml"))
    config.plugins.on_startup(command="serve", dirty=False)
    try:
        with pytest.raises(PluginError, match="inside docs_dir"):
            config.plugins.on_config(config)
    finally:
        config.plugins.on_shutdown()


def test_the_import_refuses_it_inside_docs_dir_and_behind_a_link(runner, small_base, tmp_path):
    root = small_base()
    places = _places(root, tmp_path)
    for where in ("docs_dir", "link into docs_dir"):
        result = run_import(runner, root, CP1252, places[where])
        assert result.exit_code == 2, where
        assert "holds personal data and must live outside the repository" in result.stderr, where


def test_the_matchmakers_edition_shows_only_consented_contacts(small_base, tmp_path):
    """Kempenwerk withdrew its consent, Logistiek Olen is past its retention: neither contact is shown."""
    kempenwerk = (REGISTRATIONS / "kempenwerk.md").read_text(encoding="utf-8").replace(
        "  doeleinden:", "  ingetrokken_op: 2025-01-10\n  doeleinden:")
    olen = (REGISTRATIONS / "logistiek-olen.md").read_text(encoding="utf-8").replace(
        "bewaren_tot: 2029-12-31", "bewaren_tot: 2025-01-01")
    root = small_base({"playbooks/registraties/kempenwerk.md": kempenwerk,
                       "playbooks/registraties/logistiek-olen.md": olen})
    contacts = tmp_path / "prive" / "contacten.yml"
    contacts.parent.mkdir()
    contacts.write_text(CONTACTS, encoding="utf-8")
    build = run_mkdocs(root / "mkdocs.yml", tmp_path / "site", strict=False,
                       env={"ESFKB_AUDIENCE": "matchmakers", "ESFKB_CONTACTS": str(contacts)})
    assert build.returncode == 0, build.log
    for path, text in build.text_files().items():
        for value in ("An Claes", "an.claes@kempen-contact.invalid", "Jan Peeters", "jan.peeters@olen-contact.invalid",
                      "Piet Stil", "HR-manager"):
            assert value not in text, (path, value)
    assert not [p for p in build.files() if p.suffix in (".yml", ".yaml")], "no contacts file is published"
