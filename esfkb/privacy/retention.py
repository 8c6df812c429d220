"""Which registrations are kept past their retention date, and which pilots still name them."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from esfkb.i18n import _, ngettext
from esfkb.model.models import Registratie

if TYPE_CHECKING:
    from collections.abc import Callable

    from esfkb.base.knowledge_base import KnowledgeBase
    from esfkb.model.documents import Document


@dataclass(frozen=True, slots=True)
class Expired:
    """A registration past ``bewaren_tot`` and the pilots that reference it."""

    document: Document
    until: date
    pilots: tuple[Document, ...]


def expired_registrations(kb: KnowledgeBase, today: date | None = None) -> list[Expired]:
    """Registrations whose ``bewaren_tot`` lies before ``today``, oldest first."""
    today = today or date.today()
    found = [
        Expired(d, d.model.bewaren_tot, tuple(kb.referencing(d.id, "proeftuin")))
        for d in kb.of_kind("registratie")
        if isinstance(d.model, Registratie) and d.model.expired(today)
    ]
    return sorted(found, key=lambda e: (e.until, e.document.id))


def expired_json(found: list[Expired]) -> str:
    """The expired registrations as JSON: id, path, retention date and the pilots that name them."""
    return json.dumps([{"id": e.document.id, "path": e.document.rel_path, "bewaren_tot": e.until.isoformat(),
                        "proeftuinen": [p.id for p in e.pilots]} for e in found], ensure_ascii=False, indent=2) + "\n"


def expired_text(found: list[Expired]) -> str:
    """One line per expired registration, with the pilots that name it, and how many to delete or renew."""
    if not found:
        return _("no registration is past its retention date") + "\n"
    lines = [f"{e.document.id}  bewaren_tot {e.until}  {e.document.rel_path}  ({_pilots(e)})" for e in found]
    total = ngettext("{count} registration to delete or renew", "{count} registrations to delete or renew",
                     len(found)).format(count=len(found))
    return "\n".join([*lines, total]) + "\n"


def _pilots(entry: Expired) -> str:
    return ", ".join(p.id for p in entry.pilots) or _("no pilot")


FORMATS: dict[str, Callable[[list[Expired]], str]] = {"text": expired_text, "json": expired_json}
"""How ``esfkb registrations expired`` prints its list, by ``--format``."""
