"""Settings of the knowledge base, read from the ``esfkb`` plugin entry in ``mkdocs.yml``.

One place for both faces: the CLI reads the file itself (without importing mkdocs), the MkDocs
plugin builds its config schema from :class:`Settings` and hands the values back.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

import yaml

from esfkb.errors import ConfigError
from esfkb.i18n import _
from esfkb.model.frontmatter import DEFAULT_MAX_FILE_SIZE

PLUGIN_NAME = "esfkb"
CONFIG_FILE = "mkdocs.yml"


@dataclass(frozen=True, slots=True)
class Settings:
    """Thresholds and privacy options; every field is a plugin option of the same name."""

    max_file_size: int = DEFAULT_MAX_FILE_SIZE
    """Files above this many bytes are refused (ESF008)."""
    min_participants: int = 2
    """A workable pilot has at least this many counted participants."""
    max_participants: int = 15
    """A workable pilot has at most this many counted participants."""
    max_side_share: float = 0.75
    """A balanced pilot has no side above this share of its counted participants."""
    balance_from: int = 4
    """Balance is checked from this many counted participants on."""
    small_cell: int = 5
    """Indicator values computed over fewer people than this are shown as '< N'."""
    email_allowlist: list[str] = field(default_factory=lambda: [
        "*.example", "example.com", "example.org", "example.net",
    ])
    """E-mail domains (shell patterns) that content may contain; all others are errors."""
    phone_allowlist: list[str] = field(default_factory=list)
    """Phone numbers (E.164, e.g. +3220000000) that content may contain."""
    retention_years: int = 3
    """'esfkb registrations import' sets bewaren_tot this many years after the registration date."""
    contacts_file: str | None = None
    """Path of the private contacts file, outside the repository (env ESFKB_CONTACTS wins)."""
    audience: str = "public"
    """Which edition to build: 'public' or 'matchmakers' (env ESFKB_AUDIENCE wins)."""
    editor: dict[str, Any] = field(default_factory=dict)
    """Where the web editor at /redactie/ saves (:class:`EditorSettings`: backend, repo, branch, ...)."""
    toegankelijkheid_email: str = "toegankelijkheid@esf-proeftuinen.example"
    """The functional mailbox the accessibility statement gives as its contact route (never a person's address).
    It is published, so the leak scan checks it against email_allowlist like any address on the site."""

    @classmethod
    def from_options(cls, options: dict[str, Any], *, source: str = CONFIG_FILE) -> Settings:
        """Build settings from plugin options, refusing unknown keys and wrong types."""
        known = {f.name: f for f in fields(cls)}
        unknown = sorted(set(options) - set(known))
        if unknown:
            raise ConfigError(_("{source}: unknown esfkb option(s) {options}; known: {known}").format(
                source=source, options=", ".join(unknown), known=", ".join(sorted(known))))
        defaults = cls()
        values: dict[str, Any] = {}
        for name, given in options.items():
            default = getattr(defaults, name)
            if given is None and default is None:
                continue
            expected = str if name == "contacts_file" else type(default)
            value = float(given) if expected is float and type(given) is int else given
            if not isinstance(value, expected) or isinstance(value, bool) != (expected is bool):
                raise ConfigError(_("{source}: esfkb option '{name}' must be {type}, got {value}").format(
                    source=source, name=name, type=expected.__name__, value=repr(given)))
            values[name] = value
        settings = replace(defaults, **values)
        EditorSettings.from_options(settings.editor, source=source)
        if settings.audience not in ("public", "matchmakers"):
            raise ConfigError(_("{source}: esfkb option 'audience' must be 'public' or 'matchmakers'").format(
                source=source))
        return settings

    def with_environment(self, environ: dict[str, str] | os._Environ[str] = os.environ) -> Settings:
        """Apply the environment overrides ``ESFKB_CONTACTS`` and ``ESFKB_AUDIENCE``."""
        changes: dict[str, Any] = {}
        if environ.get("ESFKB_CONTACTS"):
            changes["contacts_file"] = environ["ESFKB_CONTACTS"]
        if environ.get("ESFKB_AUDIENCE"):
            audience = environ["ESFKB_AUDIENCE"]
            if audience not in ("public", "matchmakers"):
                raise ConfigError(_("ESFKB_AUDIENCE must be 'public' or 'matchmakers'"))
            changes["audience"] = audience
        return replace(self, **changes) if changes else self


EDITOR_BACKENDS = ("github", "gitlab", "gitea")
"""The git hosts the web editor saves to, each change a pull (merge) request."""


@dataclass(frozen=True, slots=True)
class EditorSettings:
    """The ``editor`` option: the git host the web editor saves to, and the port of its local mode.

    Without a ``backend`` the editor works in local mode only (decap-server on 127.0.0.1).
    """

    backend: str | None = None
    """github, gitlab or gitea."""
    repo: str | None = None
    """The repository on the git host, as owner/name."""
    branch: str = "main"
    """The branch that pull requests go to."""
    base_url: str | None = None
    """The OAuth server that signs matchmakers in (the git host's own when not set)."""
    api_root: str | None = None
    """The git host's API, for a self-hosted GitLab or Gitea (e.g. https://git.example/api/v1)."""
    app_id: str | None = None
    """The OAuth application's id, where the git host asks for one (GitLab PKCE, Gitea)."""
    local_port: int = 8081
    """The port decap-server listens on in local mode (on 127.0.0.1)."""

    @classmethod
    def from_options(cls, options: dict[str, Any], *, source: str = CONFIG_FILE) -> EditorSettings:
        """Read the ``editor`` option, refusing unknown keys, wrong types and an unknown backend."""
        known = {f.name: f for f in fields(cls)}
        unknown = sorted(set(options) - set(known))
        if unknown:
            raise ConfigError(_("{source}: unknown esfkb editor option(s) {options}; known: {known}").format(
                source=source, options=", ".join(unknown), known=", ".join(sorted(known))))
        for name, given in options.items():
            expected = int if name == "local_port" else str
            if not isinstance(given, expected) or isinstance(given, bool):
                raise ConfigError(_("{source}: esfkb editor option '{name}' must be {type}, got {value}").format(
                    source=source, name=name, type=expected.__name__, value=repr(given)))
        editor = cls(**options)
        if editor.backend is not None and editor.backend not in EDITOR_BACKENDS:
            raise ConfigError(_("{source}: esfkb editor option 'backend' must be one of {choices}").format(
                source=source, choices=", ".join(EDITOR_BACKENDS)))
        if editor.backend is not None and not editor.repo:
            raise ConfigError(_("{source}: esfkb editor option 'repo' (owner/name) is needed with a backend").format(
                source=source))
        return editor


@dataclass(frozen=True, slots=True)
class Project:
    """A knowledge-base project: its root (where mkdocs.yml is), docs_dir and settings."""

    root: Path
    docs_dir: Path
    settings: Settings


class _LenientLoader(yaml.SafeLoader):
    """Reads mkdocs.yml although it may hold tags like ``!!python/name:`` for other plugins."""


def _ignore_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> None:
    return None


_LenientLoader.add_multi_constructor("", _ignore_tag)


def _read_config(root: Path) -> dict[str, Any]:
    """The settings in ``root/mkdocs.yml``."""
    config_path = root / CONFIG_FILE
    try:
        raw = yaml.load(config_path.read_text(encoding="utf-8"), Loader=_LenientLoader)  # noqa: S506
    except FileNotFoundError:
        raise ConfigError(_("no {file} in {folder}: run esfkb in a project folder or pass one").format(
            file=CONFIG_FILE, folder=root)) from None
    except (yaml.YAMLError, UnicodeDecodeError) as error:
        raise ConfigError(_("{path}: cannot read it: {error}").format(path=config_path, error=error)) from None
    if not isinstance(raw, dict):
        raise ConfigError(_("{path}: expected a mapping of settings").format(path=config_path))
    return raw


def load_project(root: Path) -> Project:
    """Read ``root/mkdocs.yml``: the docs_dir and the options of the ``esfkb`` plugin entry."""
    config_path = root / CONFIG_FILE
    raw = _read_config(root)
    docs_dir = root / str(raw.get("docs_dir") or "docs")
    options: dict[str, Any] = {}
    for entry in raw.get("plugins") or []:
        if isinstance(entry, dict) and PLUGIN_NAME in entry:
            options = entry[PLUGIN_NAME] or {}
    if not isinstance(options, dict):
        raise ConfigError(_("{path}: the '{plugin}' plugin options must be a mapping").format(
            path=config_path, plugin=PLUGIN_NAME))
    options = {k: v for k, v in options.items() if k != "enabled"}
    settings = Settings.from_options(options, source=str(config_path)).with_environment()
    return Project(root=root.resolve(), docs_dir=resolve_docs_dir(root, docs_dir), settings=settings)


def resolve_docs_dir(root: Path, docs_dir: Path) -> Path:
    """``docs_dir`` without links; ConfigError when it lies in the project but a link takes it out of it.

    A docs_dir configured outside the project is taken as it is; a link within the project is followed.
    """
    resolved = docs_dir.resolve()
    written_inside = Path(os.path.abspath(docs_dir)).is_relative_to(os.path.abspath(root))
    if written_inside and not resolved.is_relative_to(root.resolve()):
        raise ConfigError(_("docs_dir {docs_dir} is, or lies behind, a symbolic link to {target}, outside the project: "
                            "esfkb follows no link out of the project; put the docs folder itself there").format(
            docs_dir=docs_dir, target=resolved))
    return resolved


MKDOCS_EXTENSIONS = ("toc", "tables", "fenced_code")
"""The Markdown extensions MkDocs always adds to those a site names."""


def markdown_extensions(root: Path) -> tuple[list[str], dict[str, dict[str, Any]]]:
    """The Markdown extensions that ``root/mkdocs.yml`` renders content with, and their settings, as MkDocs has them.

    Without a ``mkdocs.yml`` (a build from a configuration of another name), MkDocs' own.
    """
    names: list[str] = list(MKDOCS_EXTENSIONS)
    configs: dict[str, dict[str, Any]] = {}
    if not (root / CONFIG_FILE).is_file():
        return names, configs
    entries = _read_config(root).get("markdown_extensions") or []
    for entry in entries if isinstance(entries, list) else []:
        for name, options in (entry.items() if isinstance(entry, dict) else [(entry, None)]):
            if name not in names:
                names.append(str(name))
            if isinstance(options, dict):
                configs[str(name)] = options
    return names, configs


def find_project_root(start: Path) -> Path | None:
    """The nearest folder at or above ``start`` that holds a mkdocs.yml."""
    start = start.resolve()
    for folder in (start, *start.parents) if start.is_dir() else start.parents:
        if (folder / CONFIG_FILE).is_file():
            return folder
    return None
