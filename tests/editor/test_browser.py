"""The web editor in headless Debian Chromium, over decap-server on 127.0.0.1 and a copy of the bundled base.

One decap-server and one browser for the module: a matchmaker creates a draaiboek through the form
(its businessmodel chosen from the relation list, two phases with a step each, doelpubliek values),
and edits one field of a bundled business model. What the form wrote validates; what it did not show
stays as it was. Every request is recorded, and any to a host other than 127.0.0.1 is refused.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import pytest
import yaml

from esfkb.editor.local import SERVER_SCRIPT
from esfkb.editor.site import BUNDLE_DIR, BUNDLE_ROUTE
from tests.conftest import REPO
from tests.site.helpers import CHROMIUM, LAUNCH_ARGS, require_chromium, run_mkdocs, serve

if TYPE_CHECKING:
    from collections.abc import Iterator

pytestmark = pytest.mark.browser

CONTACTS = "kempenwerk:\n  {naam: An Claes, functie: directeur, email: an.claes@kempen-contact.invalid}\n"
"""A fictitious contact person: the matchmakers' edition needs a contacts file."""
MODEL = "co-creatie-circulaire-werkkledij"
"""The bundled business model whose version the test edits."""


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _split(text: str) -> tuple[dict[str, Any], str]:
    """A document's parsed frontmatter and its body's exact text."""
    _, frontmatter, body = text.split("---\n", 2)
    return yaml.safe_load(frontmatter), body


def _esfkb(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "esfkb", *args], cwd=root, capture_output=True, text=True,
                          timeout=300, check=False)


@dataclass
class Editor:
    """The copy of the base, the editor's address, the browser's page and what it requested."""

    root: Path
    url: str
    page: Any
    foreign: list[str] = field(default_factory=list)
    refused_by_policy: list[str] = field(default_factory=list)

    def open(self, route: str) -> None:
        """Load the editor afresh at ``route`` (a hash change alone keeps the entry that was open)."""
        self.page.goto(f"{self.url}#{route}")
        self.page.reload()

    def field(self, name: str, n: int = 0) -> Any:
        """The ``n``-th input of the fields called ``name`` (Decap numbers their ids: ``titel-field-1``)."""
        return self.page.locator(f"[id^='{name}-field-']").nth(n)

    def choose(self, name: str, typed: str, option: str, n: int = 0) -> None:
        """Pick ``option`` in a select or relation list, after typing ``typed`` to filter it."""
        box = self.field(name, n)
        box.click()
        box.fill(typed)
        self.page.get_by_role("option", name=option, exact=True).click()

    def publish(self) -> None:
        """Save: in decap-server's file-system mode the entry is written at once ('Publiceer nu')."""
        self.page.get_by_role("button", name="Publiceer").click()
        self.page.get_by_text("Publiceer nu", exact=True).click()
        self.page.get_by_text("Item opgeslagen").wait_for()  # once decap-server wrote the file


@pytest.fixture(scope="module")
def editor(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Editor]:
    """The bundled base copied, its matchmakers' edition built and served, decap-server over the copy, a page."""
    if not (REPO / BUNDLE_DIR / "decap-cms.js").is_file() or not (REPO / SERVER_SCRIPT).is_file():
        pytest.skip("node_modules is absent: run 'npm ci' to install decap-cms and decap-server")
    require_chromium()
    from playwright.sync_api import sync_playwright

    folder = tmp_path_factory.mktemp("editor")
    root = folder / "kb"
    root.mkdir()
    shutil.copytree(REPO / "playbooks", root / "playbooks")
    (root / "node_modules").symlink_to(REPO / "node_modules")
    port = _free_port()
    config = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    options = next(p["esfkb"] for p in config["plugins"] if isinstance(p, dict) and "esfkb" in p)
    options["editor"] = {"local_port": port}
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    (folder / "contacts.yml").write_text(CONTACTS, encoding="utf-8")
    build = run_mkdocs(root / "mkdocs.yml", folder / "site",
                       env={"ESFKB_AUDIENCE": "matchmakers", "ESFKB_CONTACTS": str(folder / "contacts.yml")})
    assert build.returncode == 0, build.log
    env = {**os.environ, "PORT": str(port), "BIND_HOST": "127.0.0.1", "MODE": "fs", "GIT_REPO_DIRECTORY": str(root)}
    server = subprocess.Popen(["node", str(REPO / SERVER_SCRIPT)], env=env, cwd=root, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, text=True)
    try:
        assert server.stdout is not None
        for line in server.stdout:  # it says when it listens
            if "listening on 127.0.0.1" in line:
                break
        with serve(folder / "site") as site, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
            try:
                context = browser.new_context(viewport={"width": 1280, "height": 1000})
                editor = Editor(root, f"{site}redactie/", context.new_page())

                def route(route: Any) -> None:
                    if urlsplit(route.request.url).hostname == "127.0.0.1":
                        route.continue_()
                    else:
                        editor.foreign.append(route.request.url)
                        route.abort()

                context.route("**/*", route)
                editor.page.on("console", lambda message: editor.refused_by_policy.append(message.text)
                               if "Content Security Policy" in message.text else None)
                editor.page.goto(editor.url)
                editor.page.get_by_role("button", name="Inloggen").click()
                editor.page.get_by_role("link", name="Draaiboeken").wait_for()
                yield editor
            finally:
                browser.close()
    finally:
        server.terminate()
        server.wait(timeout=30)
        if server.stdout is not None:
            server.stdout.close()


def test_a_draaiboek_created_through_the_form_validates_and_builds(editor: Editor, tmp_path: Path):
    editor.open("/collections/draaiboek/new")
    editor.field("titel").fill("Proef met de redactie")
    editor.choose("businessmodel", "Enclave", "Enclave van een maatwerkbedrijf in een distributiecentrum")
    editor.choose("doelpubliek", "Sociale", "Sociale onderneming")
    editor.choose("doelpubliek", "Match", "Matchmaker")
    for n, (phase, step) in enumerate([("Verkennen", "Partners zoeken"), ("Matchen", "Kennismaking plannen")]):
        editor.page.get_by_role("button", name="Voeg fasen toe").click()
        editor.choose("fase", "", phase, n)
        editor.page.get_by_role("button", name="Voeg stappen toe").nth(n).click()
        editor.field("titel", n + 1).fill(step)  # the first is the draaiboek's own title
    editor.choose("status", "", "Concept")
    editor.field("versie").fill("0.1.0")
    editor.choose("auteurs", "Werk", "Werkbrug vzw")
    editor.page.locator(".cms-editor-raw [role=textbox]").click()
    editor.page.keyboard.type("# Proef met de redactie\n\nEen draaiboek dat door het formulier geschreven is.")
    editor.publish()

    written = (editor.root / "playbooks" / "draaiboeken" / "proef-met-de-redactie.md").read_text(encoding="utf-8")
    data, body = _split(written)
    assert data == {
        "titel": "Proef met de redactie", "businessmodel": "enclave-distributiecentrum",
        "doelpubliek": ["se_onderneming", "matchmaker"],
        "fasen": [{"fase": "verkennen", "stappen": [{"titel": "Partners zoeken"}]},
                  {"fase": "matchen", "stappen": [{"titel": "Kennismaking plannen"}]}],
        "status": "concept", "versie": "0.1.0", "auteurs": ["werkbrug"], "licentie": "cc-by-4.0"}
    assert body == "# Proef met de redactie\n\nEen draaiboek dat door het formulier geschreven is.\n"
    report = json.loads(_esfkb(editor.root, "validate", "--format", "json").stdout)
    assert report["errors"] == 0, report["diagnostics"]
    public = run_mkdocs(editor.root / "mkdocs.yml", tmp_path / "site")
    assert public.returncode == 0, public.log
    assert "Proef met de redactie" in public.text("draaiboeken/proef-met-de-redactie/")
    assert not (tmp_path / "site" / "redactie").exists()  # the public edition carries no editor
    assert not (tmp_path / "site" / BUNDLE_ROUTE).exists()
    assert editor.foreign == [] and editor.refused_by_policy == []


def test_editing_one_field_of_a_model_keeps_everything_else(editor: Editor):
    path = editor.root / "playbooks" / "businessmodellen" / f"{MODEL}.md"
    before, body_before = _split(path.read_text(encoding="utf-8"))
    editor.open(f"/collections/businessmodel/entries/{MODEL}")
    from playwright.sync_api import expect

    versie = editor.page.get_by_label("Versie", exact=True)
    expect(versie).to_have_value("0.9.0")  # once the entry is loaded
    versie.fill("0.9.1")
    editor.publish()

    after, body_after = _split(path.read_text(encoding="utf-8"))
    assert after == {**before, "versie": "0.9.1"}
    assert list(after) == list(before)  # the keys in their order
    assert body_after.encode("utf-8") == body_before.encode("utf-8")
    assert _esfkb(editor.root, "link", MODEL, "sociaal-aankopen-leuven").returncode == 0
    assert _esfkb(editor.root, "unlink", MODEL, "sociaal-aankopen-leuven").returncode == 0
    assert _split(path.read_text(encoding="utf-8"))[0] == after
    report = json.loads(_esfkb(editor.root, "validate", "--format", "json").stdout)
    assert report["errors"] == 0, report["diagnostics"]
    assert editor.foreign == [] and editor.refused_by_policy == []
