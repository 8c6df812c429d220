"""Which editions carry the web editor at ``/redactie/``, and the files it is made of.

The matchmakers' edition and ``mkdocs serve`` (local mode, any edition) carry it: they are where
matchmakers write. The public edition does not: its readers write nothing, and its pages stay under
the site's strict policy (the editor's page needs ``'unsafe-eval'`` and inline styles, see
:data:`esfkb.safety.csp.EDITOR_DIRECTIVES`) without 6 MB of script nobody there runs.

The bundle is copied from the npm package the project pins (``package.json``, ``npm ci``), never
fetched from a CDN; where it is not installed, the editor is left out and the build says how to get it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from esfkb.config import EditorSettings
from esfkb.editor.backend import origins
from esfkb.editor.export import render_config
from esfkb.editor.page import BUNDLE_SCRIPT, CONFIG_FILE, editor_page
from esfkb.i18n import _
from esfkb.model.kinds import load_kinds

if TYPE_CHECKING:
    from esfkb.config import Project

ROUTE = "redactie"
"""The editor's folder in the site: its page and config."""
BUNDLE_ROUTE = "assets/javascripts/decap-cms"
"""Where the bundle goes in the site: beside the theme's code, which it is like (third-party code, which the
public edition's leak scan reads for contact values only, not for every shape of an e-mail address: the
bundle names its packages as ``name@version``)."""
BUNDLE_DIR = Path("node_modules") / "decap-cms" / "dist"
"""Where ``npm ci`` puts Decap's bundle, relative to the project root."""


@dataclass(frozen=True, slots=True)
class EditorFiles:
    """What to place in the site: text by site path, files to copy by site path, and why nothing is, if so."""

    texts: dict[str, str] = field(default_factory=dict)
    copies: dict[str, Path] = field(default_factory=dict)
    missing: str | None = None


def carries_editor(*, confidential: bool, serving: bool) -> bool:
    """Whether a build carries the editor: the matchmakers' edition and ``mkdocs serve`` do."""
    return confidential or serving


def bundle_files(bundle: Path) -> list[Path]:
    """The files of Decap's bundle the page loads: the script, its chunks and WebAssembly, its licence notice."""
    return sorted(p for p in bundle.iterdir() if p.is_file() and (
        p.name in (BUNDLE_SCRIPT, f"{BUNDLE_SCRIPT}.LICENSE.txt") or p.name.endswith((f".{BUNDLE_SCRIPT}", ".wasm"))))


def editor_files(project: Project, site_name: str, *, confidential: bool, serving: bool) -> EditorFiles:
    """The editor's page, config and bundle under :data:`ROUTE`, where this build carries them."""
    if not carries_editor(confidential=confidential, serving=serving):
        return EditorFiles()
    bundle = project.root / BUNDLE_DIR
    if not (bundle / BUNDLE_SCRIPT).is_file():
        return EditorFiles(missing=_("the web editor (/{route}/) is left out: Decap CMS is not installed in {bundle}; "
                                     "run 'npm ci' in {root} to install it").format(route=ROUTE, bundle=bundle,
                                                                                     root=project.root))
    editor = EditorSettings.from_options(project.settings.editor)
    texts = {f"{ROUTE}/index.html": editor_page(site_name, origins(editor), f"../{BUNDLE_ROUTE}/{BUNDLE_SCRIPT}"),
             f"{ROUTE}/{CONFIG_FILE}": render_config(project, load_kinds())}
    return EditorFiles(texts, {f"{BUNDLE_ROUTE}/{p.name}": p for p in bundle_files(bundle)})
