"""Which registrations are kept past their retention date, and which pilots still name them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from esfkb.model.models import Registratie

if TYPE_CHECKING:
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
