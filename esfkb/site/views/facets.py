"""Facets of a document: the values a reader filters by, partly derived through relations.

A business model has no province of its own: it takes those of the pilots it was tested in; a
playbook takes its samenwerkingsvorm from its model (design §2: never stored twice). Cards,
overview tables, vocabulary pages and the API all read these, so they agree.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from esfkb.model.fields import province_of
from esfkb.model.models import Businessmodel, Draaiboek, Matchmaker, Proeftuin, Registratie
from esfkb.model.nace import Nace

if TYPE_CHECKING:
    from esfkb.model.documents import Document
    from esfkb.site.context import SiteContext

FACET_LABELS: dict[str, str] = {
    "samenwerkingsvorm": "Samenwerkingsvorm",
    "winwin": "Win-win",
    "provincie": "Provincie",
    "sector": "Sector (NACE)",
    "doelpubliek": "Doelpubliek",
    "maturiteit": "Maturiteit",
    "status": "Status",
    "economie": "Economie",
}
"""The facets in display order, with their Dutch labels."""

Facets = dict[str, list[Any]]


def pilots_of(ctx: SiteContext, document: Document) -> list[Document]:
    """Published pilots a model or playbook was tested or used in (a playbook also through its model)."""
    found = {d.id: d for d in ctx.kb.related(document.id, "proeftuinen")}
    if isinstance(document.model, Draaiboek):
        for model in ctx.kb.related(document.id, "businessmodel"):
            found.update({d.id: d for d in ctx.kb.related(model.id, "proeftuinen")})
    return [d for _, d in sorted(found.items()) if d.valid and ctx.published(d)]


def model_of(ctx: SiteContext, document: Document) -> Businessmodel | None:
    """The business model a playbook implements, when it exists and is valid."""
    models = ctx.kb.related(document.id, "businessmodel")
    return models[0].model if models and isinstance(models[0].model, Businessmodel) else None


def facets(ctx: SiteContext, document: Document) -> Facets:
    """The facets of a valid document; values are vocabulary members or NACE divisions (:class:`Nace`, reading with
    their Dutch names), unique, ordered."""
    key = ("facets", document.id)
    if key not in ctx.memo:
        ctx.memo[key] = _facets(ctx, document)
    return ctx.memo[key]


def _facets(ctx: SiteContext, document: Document) -> Facets:
    model = document.model
    found: Facets = {}
    if isinstance(model, Businessmodel | Draaiboek):
        source = model if isinstance(model, Businessmodel) else model_of(ctx, document)
        pilots = [p.model for p in pilots_of(ctx, document) if isinstance(p.model, Proeftuin)]
        if source is not None:
            found["samenwerkingsvorm"] = [source.samenwerkingsvorm]
            found["winwin"] = [*source.winwin.sociale_partner, *source.winwin.reguliere_partner]
        found["provincie"] = [p for pilot in pilots for p in pilot.provincies]
        found["sector"] = [_division(c) for pilot in pilots for c in pilot.nace]
        if isinstance(model, Draaiboek):
            found["doelpubliek"] = list(model.doelpubliek)
        else:
            found["maturiteit"] = [model.maturiteit]
        found["status"] = [model.status]
    elif isinstance(model, Proeftuin):
        found["samenwerkingsvorm"] = list(model.samenwerkingsvormen)
        found["winwin"] = [*model.winwin.sociale_partner, *model.winwin.reguliere_partner]
        found["provincie"] = list(model.provincies)
        found["sector"] = [_division(c) for c in model.nace]
        found["status"] = [model.status]
    elif isinstance(model, Registratie):
        found["economie"] = [model.economie]
        found["provincie"] = [province_of(model.postcode)]
        found["sector"] = [_division(c) for c in model.nace]
        found["samenwerkingsvorm"] = list(model.interesse_samenwerkingsvormen)
        found["winwin"] = list(model.interesse_winwin)
    elif isinstance(model, Matchmaker):
        found["provincie"] = list(model.werkingsgebied)
    return {name: _unique(found[name]) for name in FACET_LABELS if found.get(name)}


def _division(nace: str) -> Nace:
    return Nace(nace).division


def _unique(values: list[Any]) -> list[Any]:
    """Each value once; vocabulary members in vocabulary order, other values sorted."""
    seen = list(dict.fromkeys(values))
    members = [v for v in seen if hasattr(type(v), "__members__")]
    if len(members) == len(seen) and seen:
        order = list(type(seen[0]))
        return sorted(seen, key=order.index)
    return sorted(seen, key=str)
