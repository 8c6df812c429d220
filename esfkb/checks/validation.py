"""Run the whole validation: load problems plus every registered rule, sorted and filtered."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from esfkb.checks.diagnostics import Diagnostic, Severity
from esfkb.checks.rule import RuleContext, load_rules

if TYPE_CHECKING:
    from collections.abc import Iterable

    from esfkb.base.knowledge_base import KnowledgeBase
    from esfkb.checks.rule import Rule


@dataclass(frozen=True, slots=True)
class ValidationResult:
    """What ``esfkb validate`` reports: the number of documents checked and the diagnostics."""

    documents: int
    diagnostics: tuple[Diagnostic, ...]

    @property
    def errors(self) -> int:
        """How many diagnostics are errors."""
        return sum(d.severity == Severity.ERROR for d in self.diagnostics)

    @property
    def warnings(self) -> int:
        """How many diagnostics are warnings."""
        return sum(d.severity == Severity.WARNING for d in self.diagnostics)


def validate(
    kb: KnowledgeBase,
    *,
    today: date | None = None,
    only: Iterable[str] | None = None,
    rules: Iterable[Rule] | None = None,
) -> ValidationResult:
    """Validate ``kb``; with ``only`` (project-relative paths) report just those files."""
    context = RuleContext(kb.project.settings, today or date.today())
    found = list(kb.load_problems)
    for rule in load_rules() if rules is None else rules:
        found.extend(rule.check(kb, context))
    selected = set(only) if only is not None else None
    if selected is not None:
        found = [d for d in found if d.path in selected]
        count = sum(document.rel_path in selected for document in kb.files)  # documents, as without ``only``
    else:
        count = len(kb.files)
    return ValidationResult(count, tuple(sorted(set(found))))
