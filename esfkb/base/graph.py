"""The relation graph as Mermaid, Graphviz dot or JSON: whole, or around one document.

Only references that resolve to a document of the right kind become edges (dangling ones are
validation errors, not relations). Nodes and edges are sorted, so the output diffs cleanly.
"""

from __future__ import annotations

import json
from collections import deque
from dataclasses import dataclass
from typing import TYPE_CHECKING

from esfkb.errors import RequestError
from esfkb.i18n import _
from esfkb.request import unknown_document

if TYPE_CHECKING:
    from collections.abc import Callable

    from esfkb.base.knowledge_base import KnowledgeBase


@dataclass(frozen=True, slots=True, order=True)
class GraphNode:
    """A document in the graph."""

    id: str
    kind: str
    title: str


@dataclass(frozen=True, slots=True, order=True)
class GraphEdge:
    """A reference from ``source`` to ``target`` through ``field``."""

    source: str
    target: str
    field: str


@dataclass(frozen=True, slots=True)
class Graph:
    """Sorted nodes and edges."""

    nodes: tuple[GraphNode, ...]
    edges: tuple[GraphEdge, ...]


def build_graph(kb: KnowledgeBase, center: str | None = None, depth: int = 1) -> Graph:
    """Every resolved relation, or those within ``depth`` steps (either direction) of ``center``."""
    edges = sorted({GraphEdge(link.source, link.target, link.field) for link in kb.links if kb.resolved(link)})
    if center is None:
        ids = set(kb.documents)
    else:
        if center not in kb.documents:
            raise unknown_document(kb, center)
        if depth < 0:
            raise RequestError(_("--depth must be 0 or more"))
        neighbours: dict[str, set[str]] = {}
        for edge in edges:
            neighbours.setdefault(edge.source, set()).add(edge.target)
            neighbours.setdefault(edge.target, set()).add(edge.source)
        ids = {center}
        queue = deque([(center, 0)])
        while queue:
            current, distance = queue.popleft()
            if distance == depth:
                continue
            for other in sorted(neighbours.get(current, ())):
                if other not in ids:
                    ids.add(other)
                    queue.append((other, distance + 1))
        edges = [e for e in edges if e.source in ids and e.target in ids]
    nodes = sorted(GraphNode(i, kb.documents[i].kind.name, kb.documents[i].title) for i in ids)
    return Graph(tuple(nodes), tuple(edges))


def _mermaid_id(doc_id: str) -> str:
    """Mermaid ids: prefixed (a bare 'end' breaks a flowchart) and without hyphens."""
    return "n_" + doc_id.replace("-", "_")


def _mermaid_text(text: str) -> str:
    return text.replace('"', "#quot;").replace("<", "#lt;").replace(">", "#gt;")


def to_mermaid(graph: Graph) -> str:
    """A Mermaid flowchart, one class per kind."""
    lines = ["flowchart LR"]
    lines.extend(f'  {_mermaid_id(n.id)}["{_mermaid_text(n.title)}<br/>({n.kind})"]'
                 for n in graph.nodes)
    lines.extend(f"  {_mermaid_id(e.source)} -->|{e.field}| {_mermaid_id(e.target)}" for e in graph.edges)
    by_kind: dict[str, list[str]] = {}
    for node in graph.nodes:
        by_kind.setdefault(node.kind, []).append(_mermaid_id(node.id))
    lines.extend(f"  class {','.join(ids)} {kind}" for kind, ids in sorted(by_kind.items()))
    return "\n".join(lines) + "\n"


def _dot_text(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def to_dot(graph: Graph) -> str:
    """A Graphviz digraph; the node label is the title, the kind is a node attribute."""
    lines = ["digraph esfkb {", "  rankdir=LR;", "  node [shape=box];"]
    lines.extend(f"  {_dot_text(n.id)} [label={_dot_text(n.title)}, kind={_dot_text(n.kind)}];"
                 for n in graph.nodes)
    lines.extend(f"  {_dot_text(e.source)} -> {_dot_text(e.target)} [label={_dot_text(e.field)}];"
                 for e in graph.edges)
    lines.append("}")
    return "\n".join(lines) + "\n"


def to_json(graph: Graph) -> str:
    """``{"nodes": [...], "edges": [...]}``."""
    payload = {
        "nodes": [{"id": n.id, "kind": n.kind, "title": n.title} for n in graph.nodes],
        "edges": [{"source": e.source, "target": e.target, "field": e.field} for e in graph.edges],
    }
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


FORMATS: dict[str, Callable[[Graph], str]] = {"mermaid": to_mermaid, "dot": to_dot, "json": to_json}
"""Exporter by ``--format`` name."""
