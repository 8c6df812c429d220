"""The private contacts file: registration id to contact person, read only for the matchmakers.

The file lives outside the repository (design §4). Only the matchmakers edition reads it, so a
public build can never show what it never loaded.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from esfkb.errors import ConfigError
from esfkb.i18n import _

if TYPE_CHECKING:
    from esfkb.config import Settings

_FIELDS = ("naam", "functie", "email", "telefoon")


@dataclass(frozen=True, slots=True)
class Contact:
    """A registration's contact person; every field may be missing."""

    naam: str | None = None
    functie: str | None = None
    email: str | None = None
    telefoon: str | None = None


def contacts_path(settings: Settings, root: Path | None = None, docs_dir: Path | None = None) -> Path | None:
    """Where the contacts file is (env ESFKB_CONTACTS or the option); relative to mkdocs.yml's folder.

    Given the project's ``root`` (and ``docs_dir``), a contacts file inside it is refused (:func:`outside_project`).
    """
    if not settings.contacts_file:
        return None
    path = Path(settings.contacts_file).expanduser()
    if root is None:
        return path
    return outside_project(root / path if not path.is_absolute() else path, root, docs_dir)


def outside_project(path: Path, root: Path, docs_dir: Path | None = None) -> Path:
    """``path``, or a ConfigError when it is (or a link leads) inside the project: ``root`` or ``docs_dir``.

    The contacts file holds personal data: in the repository it would be committed, in docs_dir published.
    """
    resolved = path.resolve()
    for folder, where in ((docs_dir, "docs_dir"), (root, "the project")):
        if folder is not None and resolved.is_relative_to(folder.resolve()):
            raise ConfigError(
                f"contacts file '{path}' is inside {where} ({folder}): it holds personal data and must live "
                "outside the repository (set contacts_file or ESFKB_CONTACTS to a path outside it)")
    return path


def render_contacts(contacts: dict[str, Contact]) -> bytes:
    """The contacts file as written by esfkb: sorted ids, empty fields left out, a warning header."""
    data = {
        doc_id: {name: getattr(contact, name) for name in _FIELDS if getattr(contact, name)}
        for doc_id, contact in sorted(contacts.items())
    }
    header = "# Private contacts of the esfkb registrations. Never commit this file.\n"
    return (header + yaml.safe_dump(data, sort_keys=True, allow_unicode=True, default_flow_style=False)).encode()


def load_contacts(path: str | Path | None) -> dict[str, Contact]:
    """Read the contacts file; a missing or malformed file is a configuration error that says why."""
    if not path:
        raise ConfigError(_(
            "the matchmakers edition needs the private contacts file: set the esfkb option "
            "'contacts_file' or the environment variable ESFKB_CONTACTS"
        ))
    file = Path(path).expanduser()
    try:
        raw = yaml.safe_load(file.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(_("contacts file '{path}' does not exist (set by contacts_file or ESFKB_CONTACTS)").format(
            path=file)) from None
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        raise ConfigError(_("contacts file '{path}' cannot be read: {error}").format(path=file, error=error)) from None
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        raise ConfigError(_("contacts file '{path}' must map registration ids to contacts").format(path=file))
    contacts: dict[str, Contact] = {}
    for key, entry in raw.items():
        if not isinstance(entry, dict):
            raise ConfigError(_("contacts file '{path}': the entry of '{id}' must be a mapping of {keys}").format(
                path=file, id=key, keys=", ".join(_FIELDS)))
        values = {name: None if entry.get(name) is None else str(entry[name]) for name in _FIELDS}
        contacts[str(key)] = Contact(**values)
    return dict(sorted(contacts.items()))
