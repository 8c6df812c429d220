"""The editor config: drift check, the CLI, backends from mkdocs.yml, third-party kinds, which builds carry it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from esfkb.cli import main
from esfkb.config import EditorSettings, Project, Settings, load_project
from esfkb.editor.backend import backend_sections, origins
from esfkb.editor.export import CONFIG_PATH, editor_config, render_config
from esfkb.editor.local import SERVER_SCRIPT, local_mode
from esfkb.editor.page import editor_page
from esfkb.editor.site import BUNDLE_DIR, BUNDLE_ROUTE, ROUTE, carries_editor, editor_files
from esfkb.errors import ConfigError
from esfkb.model.kinds import load_kinds
from esfkb.safety.csp import DIRECTIVES
from tests.conftest import REPO

EVALUATIE = '''
from pydantic import Field
from esfkb.model.fields import Reference
from esfkb.model.kinds import Kind
from esfkb.model.models import KindModel


class Evaluatie(KindModel):
    """Een evaluatie van een proeftuin."""

    titel: str = Field(title="Titel", description="Titel van de evaluatie.")
    proeftuin: Reference("proeftuin") = Field(title="Proeftuin", description="Geevalueerde proeftuin.")
    score: int = Field(title="Score", description="Score op 10.", ge=0, le=10)


EVALUATIE = Kind("evaluatie", "evaluaties", Evaluatie, "Evaluatie", "Evaluaties")
'''


def test_the_committed_config_is_what_the_models_say():
    committed = (REPO / CONFIG_PATH).read_text(encoding="utf-8")
    assert committed == render_config(load_project(REPO), load_kinds())


def test_export_check_fails_on_drift_and_export_mends_it(project, runner, monkeypatch):
    monkeypatch.chdir(project)
    path = project / CONFIG_PATH
    missing = runner.invoke(main, ["editor", "export", "--check"])
    assert missing.exit_code == 1 and missing.stderr == f"{path}: is missing; run 'esfkb editor export'\n"
    written = runner.invoke(main, ["editor", "export"])
    assert written.exit_code == 0 and written.stdout == f"{path} written\n"
    assert runner.invoke(main, ["editor", "export", "--check"]).stdout == f"{path} up to date\n"
    path.write_text(path.read_text(encoding="utf-8").replace("label: Titel", "label: Naam"), encoding="utf-8")
    drifted = runner.invoke(main, ["editor", "export", "--check"])
    assert drifted.exit_code == 1 and drifted.stderr == f"{path}: differs from the models; run 'esfkb editor export'\n"


def test_a_third_party_kind_gets_its_collection(tmp_path, monkeypatch):
    site = tmp_path / "site-packages"
    site.mkdir()
    (site / "esfkb_editor_evaluatie.py").write_text(EVALUATIE, encoding="utf-8")
    info = site / "esfkb_editor_evaluatie-0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: esfkb-editor-evaluatie\nVersion: 0.1\n", "utf-8")
    (info / "entry_points.txt").write_text("[esfkb.kinds]\nevaluatie = esfkb_editor_evaluatie:EVALUATIE\n", "utf-8")
    monkeypatch.syspath_prepend(str(site))
    load_kinds.cache_clear()
    try:
        config = editor_config(load_project(REPO), load_kinds())
    finally:
        load_kinds.cache_clear()
    evaluatie = next(c for c in config["collections"] if c["name"] == "evaluatie")
    assert (evaluatie["folder"], evaluatie["label"], evaluatie["description"]) == (
        "playbooks/evaluaties", "Evaluaties", "Een evaluatie van een proeftuin.")
    fields = {f["name"]: f for f in evaluatie["fields"]}
    assert fields["proeftuin"]["widget"] == "relation" and fields["proeftuin"]["collection"] == "proeftuin"
    assert (fields["score"]["widget"], fields["score"]["min"], fields["score"]["max"]) == ("number", 0, 10)


def _project(editor: dict) -> Project:
    return Project(root=REPO, docs_dir=REPO / "playbooks", settings=Settings(editor=editor))


def test_backend_from_mkdocs_yml_with_the_editorial_workflow_and_the_local_backend():
    config = editor_config(_project({"backend": "gitea", "repo": "esf/kennisbank", "branch": "productie",
                                     "api_root": "https://git.esf.example/api/v1", "app_id": "abc",
                                     "base_url": "https://git.esf.example", "local_port": 8181}), load_kinds())
    assert config["locale"] == "nl"
    assert config["backend"] == {"name": "gitea", "repo": "esf/kennisbank", "branch": "productie",
                                 "base_url": "https://git.esf.example", "api_root": "https://git.esf.example/api/v1",
                                 "app_id": "abc"}
    assert config["publish_mode"] == "editorial_workflow"
    assert config["local_backend"] == {"url": "http://127.0.0.1:8181/api/v1"}
    assert (config["media_folder"], config["public_folder"]) == ("playbooks/afbeeldingen", "../afbeeldingen")


def test_gitlab_signs_in_with_pkce_and_no_host_means_local_mode_only():
    gitlab = backend_sections(EditorSettings(backend="gitlab", repo="esf/kb", app_id="x"))["backend"]
    assert gitlab == {"name": "gitlab", "repo": "esf/kb", "branch": "main", "app_id": "x", "auth_type": "pkce"}
    local = backend_sections(EditorSettings())["backend"]
    assert local == {"name": "proxy", "proxy_url": "http://127.0.0.1:8081/api/v1", "branch": "main"}
    assert origins(EditorSettings(backend="github", repo="esf/kb")) == ["http://127.0.0.1:8081", "https://api.github.com"]


@pytest.mark.parametrize(("options", "message"), [
    ({"backend": "bitbucket", "repo": "a/b"}, "'backend' must be one of github, gitlab, gitea"),
    ({"backend": "github"}, "'repo' (owner/name) is needed with a backend"),
    ({"repository": "a/b"}, "unknown esfkb editor option(s) repository"),
    ({"local_port": "8081"}, "'local_port' must be int"),
])
def test_editor_settings_are_checked_where_mkdocs_yml_is_read(tmp_path, options, message):
    (tmp_path / "mkdocs.yml").write_text(yaml.safe_dump({"plugins": [{"esfkb": {"editor": options}}]}), "utf-8")
    with pytest.raises(ConfigError, match=message.replace("(", r"\(").replace(")", r"\)")):
        load_project(tmp_path)


def test_the_matchmakers_edition_and_serve_carry_the_editor_the_public_edition_does_not():
    assert carries_editor(confidential=True, serving=False)
    assert carries_editor(confidential=False, serving=True)
    assert not carries_editor(confidential=False, serving=False)
    assert editor_files(load_project(REPO), "Kennisbank", confidential=False, serving=False).texts == {}


def test_without_the_bundle_the_editor_is_left_out_saying_how_to_get_it(tmp_path):
    project = Project(root=tmp_path, docs_dir=tmp_path / "playbooks", settings=Settings())
    placed = editor_files(project, "Kennisbank", confidential=True, serving=False)
    assert (placed.texts, placed.copies) == ({}, {})
    assert placed.missing == (f"the web editor (/{ROUTE}/) is left out: Decap CMS is not installed in "
                              f"{tmp_path / BUNDLE_DIR}; run 'npm ci' in {tmp_path} to install it")


def test_the_editor_page_has_a_policy_of_its_own():
    page = editor_page("Kennisbank", ["http://127.0.0.1:8081", "https://api.github.com"], "../b/decap-cms.js")
    policy = page.split('http-equiv="Content-Security-Policy" content="')[1].split('"')[0]
    assert policy == (
        "default-src 'self'; script-src 'self' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; "
        "img-src 'self' data: blob: http://127.0.0.1:8081 https://api.github.com; "
        "connect-src 'self' http://127.0.0.1:8081 https://api.github.com; object-src 'none'; base-uri 'self'; "
        "form-action 'self'")
    assert '<script src="../b/decap-cms.js"></script>' in page and "<script>" not in page
    assert "'unsafe-eval'" not in " ".join(DIRECTIVES)  # every other page keeps the site's policy


def test_the_bundle_is_placed_from_node_modules_when_installed():
    if not (REPO / BUNDLE_DIR).is_dir():
        pytest.skip("node_modules is not installed (npm ci)")
    placed = editor_files(load_project(REPO), "Kennisbank", confidential=True, serving=False)
    assert set(placed.texts) == {f"{ROUTE}/index.html", f"{ROUTE}/config.yml"}
    assert f"{BUNDLE_ROUTE}/decap-cms.js" in placed.copies
    assert not [p for p in placed.copies if p.endswith((".map", "/cms.js"))]
    assert all(path.parent == REPO / BUNDLE_DIR for path in placed.copies.values())


def test_the_served_config_is_the_exported_one():
    if not (REPO / BUNDLE_DIR).is_dir():
        pytest.skip("node_modules is not installed (npm ci)")
    placed = editor_files(load_project(REPO), "Kennisbank", confidential=True, serving=False)
    assert placed.texts[f"{ROUTE}/config.yml"] == Path(REPO / CONFIG_PATH).read_text(encoding="utf-8")


def test_the_bundle_is_read_like_the_themes_code_by_the_leak_scan(tmp_path):
    """Under ``mkdocs serve`` the public edition carries the editor too, and its build ends with the leak scan."""
    if not (REPO / BUNDLE_DIR).is_dir():
        pytest.skip("node_modules is not installed (npm ci)")
    from esfkb.privacy.leak_scan import scan_site

    placed = editor_files(load_project(REPO), "Kennisbank", confidential=False, serving=True)
    for src_uri, source in placed.copies.items():
        (tmp_path / src_uri).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / src_uri).symlink_to(source)
    for src_uri, text in placed.texts.items():
        (tmp_path / src_uri).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / src_uri).write_text(text, encoding="utf-8")
    assert scan_site(tmp_path, {}, load_project(REPO).settings) == []


def test_local_mode_runs_decap_server_over_the_working_tree_and_mkdocs_serve_on_127_0_0_1():
    if not (REPO / SERVER_SCRIPT).is_file() or shutil.which("node") is None:
        pytest.skip("node_modules is not installed (npm ci)")
    mode = local_mode(_project({"local_port": 8181}), site_port=8100)
    assert mode.server[1:] == [str(REPO / SERVER_SCRIPT)]
    assert {k: mode.server_env[k] for k in ("PORT", "BIND_HOST", "MODE", "GIT_REPO_DIRECTORY")} == {
        "PORT": "8181", "BIND_HOST": "127.0.0.1", "MODE": "fs", "GIT_REPO_DIRECTORY": str(REPO)}
    assert mode.site[1:] == ["-m", "mkdocs", "serve", "-f", str(REPO / "mkdocs.yml"), "-a", "127.0.0.1:8100"]
    assert mode.editor_url == "http://127.0.0.1:8100/redactie/"


def test_local_mode_without_node_modules_says_how_to_get_them(tmp_path):
    with pytest.raises(ConfigError, match="run 'npm ci' in"):
        local_mode(Project(root=tmp_path, docs_dir=tmp_path / "playbooks", settings=Settings()))
