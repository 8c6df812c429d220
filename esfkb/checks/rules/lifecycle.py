"""Lifecycle of models and playbooks, and dates that must follow each other."""

from __future__ import annotations

from typing import TYPE_CHECKING

from esfkb.checks.diagnostics import Code, Severity
from esfkb.checks.rule import Rule
from esfkb.i18n import N_, _
from esfkb.model.fields import semver_key
from esfkb.model.models import Businessmodel, Draaiboek, Proeftuin
from esfkb.model.vocabulary import Maturiteit, Publicatiestatus

if TYPE_CHECKING:
    from collections.abc import Iterator

    from esfkb.base.knowledge_base import KnowledgeBase
    from esfkb.checks.diagnostics import Diagnostic
    from esfkb.checks.rule import RuleContext

PUBLISHED_BELOW_1 = Code("ESF311", "published-below-1-0", Severity.ERROR,
                         N_("A published model or playbook has a version below 1.0.0."),
                         N_("Publishing is the promise of a stable text: a 'gepubliceerd' document carries "
                            "version 1.0.0 or higher. Raise 'versie' or keep the status at 'review'."))
MODEL_WITHOUT_PILOT = Code("ESF312", "model-without-pilot", Severity.ERROR,
                           N_("A business model names no pilot although it is past the idea stage."),
                           N_("A model with maturiteit 'getest' or beyond was tried in at least one pilot: "
                              "list it under 'proeftuinen' ('esfkb link MODEL PILOT'), or set maturiteit to "
                              "'idee'."))
PLAYBOOK_OF_UNPUBLISHED_MODEL = Code("ESF313", "playbook-of-unpublished-model", Severity.ERROR,
                                     N_("A published playbook implements a model that is not published."),
                                     N_("A playbook can only be published when the business model it "
                                        "implements is published too."))
END_BEFORE_START = Code("ESF314", "end-before-start", Severity.ERROR,
                        N_("A pilot ends before it starts."),
                        N_("'einddatum' must be on or after 'startdatum'."))


class LifecycleRule(Rule):
    """Versions, publication prerequisites and date order."""

    codes = (PUBLISHED_BELOW_1, MODEL_WITHOUT_PILOT, PLAYBOOK_OF_UNPUBLISHED_MODEL, END_BEFORE_START)

    def check(self, kb: KnowledgeBase, context: RuleContext) -> Iterator[Diagnostic]:
        for document in kb.documents.values():
            model = document.model
            if isinstance(model, Businessmodel | Draaiboek) and model.status == Publicatiestatus.GEPUBLICEERD \
                    and semver_key(model.versie) < (1, 0, 0):
                yield self.report(document, ("versie",), PUBLISHED_BELOW_1,
                                  _("status is gepubliceerd but versie is {version}: raise it to 1.0.0 or set "
                                    "status to review").format(version=model.versie))
            if isinstance(model, Businessmodel) and not model.proeftuinen and model.maturiteit != Maturiteit.IDEE:
                yield self.report(document, ("maturiteit",), MODEL_WITHOUT_PILOT,
                                  _("maturiteit is {maturity} but no pilot is listed under 'proeftuinen': link "
                                    "the pilot(s) or set maturiteit to idee").format(maturity=model.maturiteit.value))
            if isinstance(model, Draaiboek) and model.status == Publicatiestatus.GEPUBLICEERD:
                target = kb.get(model.businessmodel)
                if target is not None and isinstance(target.model, Businessmodel) \
                        and target.model.status != Publicatiestatus.GEPUBLICEERD:
                    yield self.report(document, ("businessmodel",), PLAYBOOK_OF_UNPUBLISHED_MODEL,
                                      _("this playbook is published but its model '{id}' is {status}: publish "
                                        "the model first or set status to review").format(
                                          id=target.id, status=target.model.status.value))
            if isinstance(model, Proeftuin) and model.einddatum and model.einddatum < model.startdatum:
                yield self.report(document, ("einddatum",), END_BEFORE_START,
                                  _("einddatum {end} is before startdatum {start}").format(
                                      end=model.einddatum, start=model.startdatum))
