"""The portfolio model: every figure ESF and the matchmakers follow up, computed once from a set of documents.

How many documents of each kind and status, where the pilots run (per province and status, per
ecosystem), which samenwerkingsvormen and win-win levels each side uses, and the doorstroom funnel
as :mod:`esfkb.privacy.disclosure` allows it to be published. ``esfkb report`` computes it over
the whole base, the site's dashboard over what its edition publishes; both render this model.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar

from esfkb.checks.schema_check import field_at
from esfkb.model.models import Businessmodel, Draaiboek, Proeftuin, Winwin
from esfkb.model.vocabulary import Ecosysteem, Proeftuinstatus, Provincie, Samenwerkingsvorm, Vocabulary, WinwinNiveau
from esfkb.privacy.disclosure import Disclosure, disclose

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

    from esfkb.model.documents import Document
    from esfkb.model.kinds import Kind, KindRegistry

V = TypeVar("V", bound=Vocabulary)

SIDES: tuple[str, ...] = tuple(Winwin.model_fields)
"""The two sides of a win-win, as the fields of :class:`Winwin` (``sociale_partner``, ``reguliere_partner``)."""


def side_label(side: str) -> str:
    """The Dutch name of a side: 'Sociale partner', 'Reguliere partner'."""
    return Winwin.model_fields[side].title or side


@dataclass(frozen=True, slots=True)
class KindCount:
    """The documents of one kind: how many, how many with schema errors, and the valid ones per status."""

    kind: Kind
    total: int
    invalid: int
    statuses: Mapping[Vocabulary, int] | None
    """Every value of the kind's status vocabulary with its count; None when the kind has no status."""


@dataclass(frozen=True)
class Portfolio:
    """The figures of a set of documents; the valid ones are analysed, the others only counted."""

    documents: tuple[KindCount, ...]
    """Every kind of the registry, in its order, also those without documents."""
    provinces: Mapping[Provincie, Mapping[Proeftuinstatus, int]]
    """Pilots per province and status: a pilot in two provinces counts in both."""
    ecosystems: Mapping[Ecosysteem, int]
    forms: Mapping[str, Mapping[Samenwerkingsvorm, int]]
    """Per kind (proeftuin, businessmodel, draaiboek) its documents per samenwerkingsvorm; a playbook has its
    model's (one whose model is not in the set has none)."""
    winwin: Mapping[str, Mapping[str, Mapping[WinwinNiveau, int]]]
    """Per kind (proeftuin, businessmodel) and side (:data:`SIDES`) its documents that aim at each level."""
    disclosure: Disclosure
    """What may be published of the pilots' indicators, the funnel's stages among them."""

    def plural(self, kind: str) -> str:
        """The Dutch plural of a kind ('Proeftuinen'), its name when the registry has no such kind."""
        return next((c.kind.plural for c in self.documents if c.kind.name == kind), kind)

    def pilots_per_province(self) -> dict[Provincie, int]:
        """Pilots per province, whatever their status."""
        return {province: sum(statuses.values()) for province, statuses in self.provinces.items()}


def _count(values: Iterable[V], vocabulary: type[V]) -> dict[V, int]:
    """Every value of ``vocabulary`` with how often it occurs in ``values``."""
    counts = dict.fromkeys(vocabulary, 0)
    for value in values:
        counts[value] += 1
    return counts


def _status_vocabulary(kind: Kind) -> type[Vocabulary] | None:
    if "status" not in kind.model.model_fields:
        return None
    found = field_at(kind.model, ("status",))[2]
    return found if isinstance(found, type) and issubclass(found, Vocabulary) else None


def _kind_count(kind: Kind, documents: list[Document]) -> KindCount:
    vocabulary = _status_vocabulary(kind)
    valid = [d.model for d in documents if d.valid and d.model is not None]
    statuses = None if vocabulary is None else _count((m.status for m in valid), vocabulary)  # type: ignore[attr-defined]
    return KindCount(kind, len(documents), sum(not d.valid for d in documents), statuses)


def portfolio(documents: Iterable[Document], kinds: KindRegistry, small_cell: int) -> Portfolio:
    """Every figure of ``documents`` (the whole base, or what an edition publishes), funnel cells below
    ``small_cell`` people hidden."""
    by_kind: dict[str, list[Document]] = {kind.name: [] for kind in kinds.kinds}
    for document in sorted(documents, key=lambda d: d.id):
        by_kind.setdefault(document.kind.name, []).append(document)
    pilots = [(d.id, d.model) for d in by_kind.get("proeftuin", []) if d.valid and isinstance(d.model, Proeftuin)]
    models = {d.id: d.model for d in by_kind.get("businessmodel", []) if d.valid and isinstance(d.model, Businessmodel)}
    playbooks = [d.model for d in by_kind.get("draaiboek", []) if d.valid and isinstance(d.model, Draaiboek)]
    pilot_models = [pilot for _, pilot in pilots]
    forms = {
        "proeftuin": _count((f for p in pilot_models for f in dict.fromkeys(p.samenwerkingsvormen)), Samenwerkingsvorm),
        "businessmodel": _count((m.samenwerkingsvorm for m in models.values()), Samenwerkingsvorm),
        "draaiboek": _count((models[p.businessmodel].samenwerkingsvorm for p in playbooks if p.businessmodel in models),
                            Samenwerkingsvorm),
    }
    aims = {"proeftuin": [p.winwin for p in pilot_models], "businessmodel": [m.winwin for m in models.values()]}
    winwin = {kind: {side: _count((level for w in found for level in dict.fromkeys(getattr(w, side))), WinwinNiveau)
                     for side in SIDES} for kind, found in aims.items()}
    provinces = {province: _count((p.status for p in pilot_models if province in p.provincies), Proeftuinstatus)
                 for province in Provincie}
    return Portfolio(
        documents=tuple(_kind_count(kind, by_kind[kind.name]) for kind in kinds.kinds),
        provinces=provinces,
        ecosystems=_count((p.ecosysteem for p in pilot_models), Ecosysteem),
        forms=forms,
        winwin=winwin,
        disclosure=disclose(pilots, small_cell),
    )
