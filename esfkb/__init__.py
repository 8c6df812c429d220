"""esfkb: the knowledge base of ESF Vlaanderen's proeftuinen.

The core loads, validates, links and queries business models, playbooks, pilots, registrations
and matchmakers written as Markdown with YAML frontmatter. It imports neither click nor mkdocs:
the CLI (:mod:`esfkb.cli`) and the MkDocs plugin (``esfkb_mkdocs``) are thin faces over it.

Where things live:

- :mod:`esfkb.model`: frontmatter, field types, vocabularies, the pydantic models, the kind registry;
- :mod:`esfkb.base`: what docs_dir holds, the loader, the knowledge base, queries, the relation graph;
- :mod:`esfkb.checks`: diagnostics and codes, the rules (:mod:`esfkb.checks.rules`), validation, reporters,
  JSON Schemas;
- :mod:`esfkb.authoring`: new documents, links, renames (crash-safe), the registration import;
- :mod:`esfkb.privacy`: reading text as a person does, contact detectors, the leak scan, the contacts file,
  retention, persons' names, small-cell disclosure control;
- :mod:`esfkb.safety`: the content sanitizer, what it removes, the Content-Security-Policy, Markdown limits;
- :mod:`esfkb.matching`: composition and matchmaking; :mod:`esfkb.portfolio`: portfolio figures;
  :mod:`esfkb.browse`: a document's card and lists for the terminal; :mod:`esfkb.site`: the site's pages.

**The plugin API.** A third party adds a kind or a rule without touching the core, through the
entry-point groups the built-ins use themselves (``pyproject.toml``)::

    [project.entry-points."esfkb.kinds"]
    evaluatie = "mijn_pakket:EVALUATIE"      # a Kind(name, folder, model)

    [project.entry-points."esfkb.rules"]
    lage-score = "mijn_pakket:LowScoreRule"  # a Rule subclass

A :class:`Kind` names a pydantic model whose fields carry Dutch titles and descriptions; a field
that points to another document is declared with :func:`Reference` (``Reference("proeftuin")``),
and the knowledge base resolves it and derives the backlinks. A :class:`Rule` lists its
:class:`Code` s (``codes``) and yields :class:`Diagnostic` s from ``check(kb, context)``, where
``context`` (:class:`RuleContext`) holds the settings and the date of the check.

The names below are imported on first use, so that ``import esfkb`` (and ``esfkb --help``) stays cheap.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from esfkb.base.knowledge_base import KnowledgeBase, load_knowledge_base
    from esfkb.checks.diagnostics import Code, Diagnostic, Severity
    from esfkb.checks.rule import Rule, RuleContext
    from esfkb.checks.validation import ValidationResult, validate
    from esfkb.config import Project, Settings, load_project
    from esfkb.errors import ConfigError, EsfkbError
    from esfkb.model.fields import Reference
    from esfkb.model.kinds import Kind, KindRegistry, load_kinds

__version__ = "0.1.0"

_EXPORTS = {
    "Code": "esfkb.checks.diagnostics",
    "ConfigError": "esfkb.errors",
    "Diagnostic": "esfkb.checks.diagnostics",
    "EsfkbError": "esfkb.errors",
    "Kind": "esfkb.model.kinds",
    "KindRegistry": "esfkb.model.kinds",
    "KnowledgeBase": "esfkb.base.knowledge_base",
    "Project": "esfkb.config",
    "Reference": "esfkb.model.fields",
    "Rule": "esfkb.checks.rule",
    "RuleContext": "esfkb.checks.rule",
    "Settings": "esfkb.config",
    "Severity": "esfkb.checks.diagnostics",
    "ValidationResult": "esfkb.checks.validation",
    "load_kinds": "esfkb.model.kinds",
    "load_knowledge_base": "esfkb.base.knowledge_base",
    "load_project": "esfkb.config",
    "validate": "esfkb.checks.validation",
}
__all__ = [
    "Code",
    "ConfigError",
    "Diagnostic",
    "EsfkbError",
    "Kind",
    "KindRegistry",
    "KnowledgeBase",
    "Project",
    "Reference",
    "Rule",
    "RuleContext",
    "Settings",
    "Severity",
    "ValidationResult",
    "__version__",
    "load_kinds",
    "load_knowledge_base",
    "load_project",
    "validate",
]


def __getattr__(name: str) -> Any:
    """Import a public name from the module that defines it, on first use."""
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'esfkb' has no attribute '{name}'")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value
