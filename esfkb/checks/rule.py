"""Rules: cross-document checks registered through the ``esfkb.rules`` entry points.

A rule declares the codes it emits (for the catalogue, ``esfkb rules`` and SARIF) and yields
diagnostics for a loaded knowledge base. Built-in rules use the same entry points as a third
party would.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib.metadata import entry_points
from typing import TYPE_CHECKING

from esfkb.checks.diagnostics import CORE_CODES, Code, Diagnostic, Severity
from esfkb.errors import RegistryError

if TYPE_CHECKING:
    from collections.abc import Iterable

    from esfkb.base.knowledge_base import KnowledgeBase
    from esfkb.config import Settings
    from esfkb.model.documents import Document
    from esfkb.model.frontmatter import Path

RULES_GROUP = "esfkb.rules"


@dataclass(frozen=True, slots=True)
class RuleContext:
    """What rules may depend on besides the documents: the settings and the date of 'today'."""

    settings: Settings
    today: date


class Rule:
    """Base class of a rule; subclasses set ``codes`` and implement :meth:`check`."""

    codes: tuple[Code, ...] = ()

    def check(self, kb: KnowledgeBase, context: RuleContext) -> Iterable[Diagnostic]:
        """Yield the diagnostics this rule finds in ``kb``."""
        raise NotImplementedError

    @staticmethod
    def report(
        document: Document, path: Path, code: Code, message: str, severity: Severity | None = None
    ) -> Diagnostic:
        """A diagnostic at the place of ``path`` in ``document``."""
        position = document.position(path)
        return Diagnostic(
            document.rel_path, position.line, position.column, code.code, message,
            severity or code.severity,
        )


@cache
def load_rules() -> tuple[Rule, ...]:
    """Every rule registered under ``esfkb.rules``, in entry-point name order."""
    rules: list[Rule] = []
    for point in sorted(entry_points(group=RULES_GROUP), key=lambda p: p.name):
        try:
            loaded = point.load()
        except Exception as error:  # name the broken plugin instead of a bare traceback
            raise RegistryError(f"rule plugin '{point.name}' ({point.value}) failed to load: {error}") from error
        rule = loaded() if isinstance(loaded, type) else loaded
        if not isinstance(rule, Rule):
            raise RegistryError(f"rule plugin '{point.name}' ({point.value}) is not an esfkb.checks.rule.Rule")
        rules.append(rule)
    return tuple(rules)


def catalogue(rules: Iterable[Rule] | None = None) -> dict[str, Code]:
    """Every code, core and rules, sorted; a code claimed twice is a plugin error."""
    codes: dict[str, Code] = {}
    for code in (*CORE_CODES, *(c for r in (load_rules() if rules is None else rules) for c in r.codes)):
        if code.code in codes:
            raise RegistryError(f"diagnostic code {code.code} is declared twice")
        codes[code.code] = code
    return dict(sorted(codes.items()))
