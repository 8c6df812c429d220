"""Coverage warnings: registrations nobody works with, models nobody explains how to apply."""

from __future__ import annotations

from typing import TYPE_CHECKING

from esfkb.checks.diagnostics import Code, Severity
from esfkb.checks.rule import Rule
from esfkb.i18n import N_, _
from esfkb.model.models import Businessmodel, Registratie
from esfkb.model.vocabulary import Publicatiestatus, Registratiestatus

if TYPE_CHECKING:
    from collections.abc import Iterator

    from esfkb.base.knowledge_base import KnowledgeBase
    from esfkb.checks.diagnostics import Diagnostic
    from esfkb.checks.rule import RuleContext

UNUSED_REGISTRATION = Code("ESF501", "registration-in-no-pilot", Severity.WARNING,
                           N_("A registration takes part in no pilot."),
                           N_("The organisation registered its interest but no pilot lists it yet. That can be "
                              "true of the data; it is a reminder for the matchmakers. Withdrawn and "
                              "not-retained registrations are not reported, nor any while a pilot cannot be read "
                              "(it may list them)."))
MODEL_WITHOUT_PLAYBOOK = Code("ESF502", "model-without-playbook", Severity.WARNING,
                              N_("A business model has no playbook."),
                              N_("Every pilot must end with a reusable playbook; a model that no playbook "
                                 "implements is hard to apply. Archived models are not reported, nor any while a "
                                 "playbook cannot be read."))


class CoverageRule(Rule):
    """Warn about loose ends in the graph."""

    codes = (UNUSED_REGISTRATION, MODEL_WITHOUT_PLAYBOOK)

    def check(self, kb: KnowledgeBase, context: RuleContext) -> Iterator[Diagnostic]:
        """A file that cannot be read is an error of its own; what it references is unknown, so no warning says
        that nothing references a document while one of the kind that would is unreadable."""
        if all(pilot.model is not None for pilot in kb.of_kind("proeftuin")):
            yield from self._unused_registrations(kb)
        if all(playbook.model is not None for playbook in kb.of_kind("draaiboek")):
            yield from self._models_without_playbook(kb)

    def _unused_registrations(self, kb: KnowledgeBase) -> Iterator[Diagnostic]:
        for registration in kb.of_kind("registratie"):
            reg = registration.model
            if isinstance(reg, Registratie) and not reg.withdrawn and reg.status != Registratiestatus.NIET_WEERHOUDEN \
                    and not kb.referencing(registration.id, "proeftuin"):
                yield self.report(registration, (), UNUSED_REGISTRATION,
                                  _("'{id}' is in no pilot yet").format(id=registration.id))

    def _models_without_playbook(self, kb: KnowledgeBase) -> Iterator[Diagnostic]:
        for model in kb.of_kind("businessmodel"):
            if isinstance(model.model, Businessmodel) and model.model.status != Publicatiestatus.GEARCHIVEERD \
                    and not kb.referencing(model.id, "draaiboek"):
                yield self.report(model, (), MODEL_WITHOUT_PLAYBOOK,
                                  _("no playbook implements '{id}' yet: write one with "
                                    "'esfkb new draaiboek ID --businessmodel {id}'").format(id=model.id))
