"""The production configuration allows only what the bundled content needs (#17 finding 6)."""

from __future__ import annotations

import json
import shutil

import yaml

from esfkb.cli import main
from esfkb.config import load_project
from tests.conftest import REPO

RESERVED_DOMAINS = {"*.example", "example.com", "example.org", "example.net"}
PLAYBOOK = "playbooks/draaiboeken/groepsdetachering-organiseren.md"


def test_the_root_configuration_holds_no_test_data():
    settings = load_project(REPO).settings
    assert settings.phone_allowlist == []
    assert set(settings.email_allowlist) <= RESERVED_DOMAINS
    options = next(entry["esfkb"] for entry in yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
                   ["plugins"] if isinstance(entry, dict) and "esfkb" in entry)
    assert ".invalid" not in json.dumps(options)


def test_a_phone_number_in_a_playbook_is_an_error_in_the_real_knowledge_base(runner, tmp_path, monkeypatch):
    root = tmp_path / "kb"
    shutil.copytree(REPO / "playbooks", root / "playbooks")
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    path = root / PLAYBOOK
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines.append("\nBel 0470 12 34 56 of mail jan@voorbeeldmail.invalid.\n")
    path.write_text("".join(lines), encoding="utf-8")
    monkeypatch.delenv("ESFKB_CONTACTS", raising=False)
    result = runner.invoke(main, ["validate", str(root), "--format", "json"])
    assert result.exit_code == 1
    found = {(d["path"], d["line"], d["code"]) for d in json.loads(result.stdout)["diagnostics"]}
    assert {(PLAYBOOK, len(lines) + 1, "ESF402"), (PLAYBOOK, len(lines) + 1, "ESF401")} <= found
