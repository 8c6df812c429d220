"""Retention: a registration kept past its 'bewaren_tot' date must be removed."""

from __future__ import annotations

from typing import TYPE_CHECKING

from esfkb.checks.diagnostics import Code, Severity
from esfkb.checks.rule import Rule
from esfkb.i18n import N_, _
from esfkb.privacy.retention import expired_registrations

if TYPE_CHECKING:
    from collections.abc import Iterator

    from esfkb.base.knowledge_base import KnowledgeBase
    from esfkb.checks.diagnostics import Diagnostic
    from esfkb.checks.rule import RuleContext

EXPIRED = Code("ESF331", "retention-expired", Severity.ERROR,
               N_("A registration is kept past its retention date."),
               N_("ESF promised the organisations that their registration is kept only until 'bewaren_tot'. "
                  "Past that date, delete the file (and the contacts entry) or record a renewed consent with a "
                  "new date. 'esfkb registrations expired' lists them with the pilots that reference them."))


class RetentionRule(Rule):
    """Report registrations whose retention date lies before 'today' (``--today``)."""

    codes = (EXPIRED,)

    def check(self, kb: KnowledgeBase, context: RuleContext) -> Iterator[Diagnostic]:
        for entry in expired_registrations(kb, context.today):
            yield self.report(entry.document, ("bewaren_tot",), EXPIRED,
                              _("bewaren_tot {until} has passed ({today}): delete this registration or "
                                "record a renewed consent and a new date").format(
                                  until=entry.until, today=context.today))
