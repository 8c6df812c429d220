"""The API files: ``api/catalog.json`` (every published document) and ``api/<kind>.json`` (public fields).

Public fields only: a registration's administration (KBO number, consent, follow-up status,
retention) stays out, hidden participants appear by economy only, and an indicator value or n
that :mod:`esfkb.privacy.disclosure` hides is null. Output is deterministic (sorted keys and records, no timestamps) and
'<', '>' and '&' are escaped so the JSON is safe to embed in a page too.
"""

from __future__ import annotations

import functools
import json
from typing import TYPE_CHECKING, Any

from esfkb.checks.schemas import render_schema
from esfkb.model.fields import province_of
from esfkb.model.models import Draaiboek, Proeftuin, Registratie
from esfkb.model.vocabulary import Vocabulary
from esfkb.site import routes
from esfkb.site.audience import PRIVATE_FIELDS
from esfkb.site.views.facets import facets, model_of
from esfkb.site.views.figures import disclosure

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from esfkb.model.documents import Document
    from esfkb.model.kinds import Kind
    from esfkb.privacy.disclosure import Measure
    from esfkb.site.context import SiteContext

    DataFile = Callable[[], str]
    """A data file's content, worked out when it is called."""

API_VERSION = 1


def dumps(data: Any) -> str:
    """Deterministic JSON: sorted keys, compact, UTF-8 text, HTML-significant characters escaped.

    Compact, because Python's JSON encoder runs in C only without indentation: the API of 10,000
    documents is written in a fraction of the time (and is smaller on the wire).
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e") + "\n"


def _plain(value: Any) -> Any:
    if isinstance(value, Vocabulary):
        return value.value
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def catalog_record(ctx: SiteContext, document: Document) -> dict[str, Any]:
    """The summary record of a document: id, kind, url, title, summary, facets and relations both ways."""
    relations: dict[str, list[str]] = {}
    for link in ctx.kb.links_from(document.id):
        target = ctx.kb.resolved(link)
        if target is not None and ctx.published(target):
            relations.setdefault(link.field, [])
            if target.id not in relations[link.field]:
                relations[link.field].append(target.id)
    referenced_by: dict[str, list[str]] = {}
    for link in ctx.kb.links_to(document.id):
        source = ctx.kb.get(link.source)
        if source is not None and source.valid and ctx.published(source):
            referenced_by.setdefault(source.kind.name, [])
            if source.id not in referenced_by[source.kind.name]:
                referenced_by[source.kind.name].append(source.id)
    return {
        "id": document.id,
        "kind": document.kind.name,
        "url": ctx.url(document),
        "title": document.title,
        "summary": getattr(document.model, "samenvatting", None),
        "facets": {name: _plain(values) for name, values in facets(ctx, document).items()},
        "relations": relations,
        "referenced_by": {k: sorted(v) for k, v in referenced_by.items()},
    }


def public_record(ctx: SiteContext, document: Document) -> dict[str, Any]:
    """Every public field of a valid document, with the derived ones a reader expects."""
    model = document.model
    assert model is not None
    data: dict[str, Any] = model.model_dump(mode="json", exclude=set(PRIVATE_FIELDS.get(type(model), ())))
    if isinstance(model, Registratie):
        data["provincie"] = province_of(model.postcode).value
    elif isinstance(model, Draaiboek):
        source = model_of(ctx, document)
        data["samenwerkingsvorm"] = source.samenwerkingsvorm.value if source is not None else None
    elif isinstance(model, Proeftuin):
        data["deelnemers"] = [_participant(ctx, d) for d in data["deelnemers"]]
        shown = disclosure(ctx).measures.get(document.id, ())
        data["indicatoren"] = [_measure(entry, m) for entry, m in zip(data["indicatoren"], shown, strict=True)]
    return {"id": document.id, "url": ctx.url(document), **data}


def _participant(ctx: SiteContext, entry: dict[str, Any]) -> dict[str, Any]:
    registration = ctx.kb.get(entry["registratie"])
    reg = registration.model if registration is not None else None
    economie = reg.economie.value if isinstance(reg, Registratie) else None
    shown = entry["registratie"] if ctx.published(registration) else None
    return {**entry, "registratie": shown, "economie": economie}


def _measure(entry: dict[str, Any], shown: Measure) -> dict[str, Any]:
    """A measurement with only the value and n that may be published; 'onderdrukt' when its value is hidden."""
    return {**entry, "waarde": shown.value.value, "n": shown.n.value, "onderdrukt": shown.value.hidden is not None}


def api_files(ctx: SiteContext) -> dict[str, DataFile]:
    """Every API file by its site path (its content is worked out when it is asked for)."""
    files: dict[str, DataFile] = {routes.api_kind(kind): functools.partial(_kind_file, ctx, kind)
                                  for kind in ctx.kb.kinds.kinds}
    files[routes.CATALOG] = functools.partial(_catalog_file, ctx)
    return dict(sorted(files.items()))


def _documents(ctx: SiteContext, kind: Kind) -> list[Document]:
    return sorted(ctx.documents(kind.name), key=lambda d: d.id)


def _kind_file(ctx: SiteContext, kind: Kind) -> str:
    return dumps({
        "version": API_VERSION,
        "kind": kind.name,
        "label": kind.label,
        "schema": f"../{routes.schema(kind)}",
        "documents": [public_record(ctx, d) for d in _documents(ctx, kind)],
    })


def _catalog_file(ctx: SiteContext) -> str:
    records = []
    kinds: dict[str, Any] = {}
    for kind in ctx.kb.kinds.kinds:
        documents = _documents(ctx, kind)
        records.extend(catalog_record(ctx, d) for d in documents)
        kinds[kind.name] = {"label": kind.label, "plural": kind.plural, "api": routes.api_kind(kind),
                            "schema": routes.schema(kind), "count": len(documents)}
    records.sort(key=lambda r: (r["kind"], r["id"]))
    return dumps({"version": API_VERSION, "kinds": kinds, "documents": records})


def schema_files(ctx: SiteContext, schemas_dir: Path | None) -> dict[str, DataFile]:
    """The JSON Schemas to serve: the project's committed files, else generated from the models.

    The committed files equal the generated ones (a test fails on drift); serving the committed
    files publishes exactly what external tools validate against.
    """
    files: dict[str, DataFile] = {}
    for kind in ctx.kb.kinds.kinds:
        committed = schemas_dir / f"{kind.name}.schema.json" if schemas_dir is not None else None
        if committed is not None and committed.is_file():
            files[routes.schema(kind)] = functools.partial(committed.read_text, encoding="utf-8")
        else:
            files[routes.schema(kind)] = functools.partial(render_schema, kind)
    return files
