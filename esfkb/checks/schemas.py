"""JSON Schemas (Draft 2020-12) generated from the kind models: export and drift check."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pathlib import Path

    from esfkb.model.kinds import Kind, KindRegistry

DIALECT = "https://json-schema.org/draft/2020-12/schema"


def schema_for(kind: Kind) -> dict[str, Any]:
    """The JSON Schema of one kind, with its Dutch title and description."""
    schema = kind.model.model_json_schema(mode="validation")
    schema["$schema"] = DIALECT
    schema["$id"] = f"{kind.name}.schema.json"
    schema["title"] = kind.label
    schema["x-esfkb-kind"] = kind.name
    schema["x-esfkb-folder"] = kind.folder
    return schema


def render_schema(kind: Kind) -> str:
    """Serialised deterministically: sorted keys, two-space indent, final newline."""
    return json.dumps(schema_for(kind), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def schema_files(kinds: KindRegistry) -> dict[str, str]:
    """File name to content for every kind."""
    return {f"{kind.name}.schema.json": render_schema(kind) for kind in kinds.kinds}


def drifted_schemas(kinds: KindRegistry, target: Path) -> list[str]:
    """Names of schema files that are missing or differ from the models."""
    drifted = []
    for name, content in schema_files(kinds).items():
        path = target / name
        if not path.exists() or path.read_text(encoding="utf-8") != content:
            drifted.append(name)
    return drifted


def export_schemas(kinds: KindRegistry, target: Path) -> list[str]:
    """Write the schemas that drifted into ``target``; return their names."""
    target.mkdir(parents=True, exist_ok=True)
    files = schema_files(kinds)
    changed = drifted_schemas(kinds, target)
    for name in changed:
        (target / name).write_text(files[name], encoding="utf-8")
    return changed
