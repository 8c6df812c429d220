"""Composition of pilots: mixed, balanced, workable, consenting participants, enclave recognition."""

from __future__ import annotations

from typing import TYPE_CHECKING

from esfkb.checks.diagnostics import Code, Severity
from esfkb.checks.rule import Rule
from esfkb.i18n import N_, _
from esfkb.matching.composition import compose, dominant_share, missing_mix, size_problem
from esfkb.model.models import Proeftuin, Refusal, Registratie
from esfkb.model.vocabulary import Doeleinde, Erkenning, Proeftuinstatus, Samenwerkingsvorm

if TYPE_CHECKING:
    from collections.abc import Iterator

    from esfkb.base.knowledge_base import KnowledgeBase
    from esfkb.checks.diagnostics import Diagnostic
    from esfkb.checks.rule import RuleContext
    from esfkb.model.documents import Document

NOT_MIXED = Code("ESF301", "composition-not-mixed", Severity.ERROR,
                 N_("A pilot lacks a participant from the social or the regular economy."),
                 N_("A pilot needs at least one participant from the social economy and one from the "
                    "regular economy that have not stopped. While a pilot is in verkenning or samenstelling "
                    "this is a warning; from ontwerp on an error."))
NOT_BALANCED = Code("ESF302", "composition-not-balanced", Severity.ERROR,
                    N_("One side holds too large a share of a pilot."),
                    N_("From balance_from counted participants on (default 4), neither side may hold more "
                       "than max_side_share of them (default 75 %). Public-sector and intermediary "
                       "participants count for the size but for neither side. While a pilot is in verkenning "
                       "or samenstelling this is a warning; from ontwerp on an error."))
NOT_WORKABLE = Code("ESF303", "composition-not-workable", Severity.ERROR,
                    N_("A pilot has too few or too many participants."),
                    N_("A workable pilot has between min_participants and max_participants counted "
                       "participants (default 2 to 15); stopped participants do not count. While a pilot is in "
                       "verkenning or samenstelling this is a warning; from ontwerp on an error."))
NO_CONSENT = Code("ESF304", "participant-without-consent", Severity.ERROR,
                  N_("A participant's registration does not allow its use in a pilot."),
                  N_("An organisation can only be part of a pilot when its registration gives consent for "
                     "'samenstelling_proeftuin' and was not withdrawn. Remove the participant or record the "
                     "consent in the registration."))
ENCLAVE_WITHOUT_MAATWERK = Code("ESF305", "enclave-without-maatwerkbedrijf", Severity.ERROR,
                                N_("An enclave pilot has no recognised maatwerkbedrijf."),
                                N_("An enclave is work by a team of a maatwerkbedrijf on the premises of a "
                                   "client; one participant must have the recognition 'maatwerkbedrijf'."))
DUPLICATE_PARTICIPANT = Code("ESF306", "duplicate-participant", Severity.ERROR,
                             N_("A registration appears twice among a pilot's participants."),
                             N_("Each organisation takes part in a pilot once; merge the two entries."))

_COMPOSING_STATUSES = frozenset({Proeftuinstatus.VERKENNING, Proeftuinstatus.SAMENSTELLING})
_WITHDRAWN = frozenset({Refusal.CONSENT_WITHDRAWN, Refusal.REGISTRATION_WITHDRAWN})
"""Refusals this rule reports; an expired registration is the retention rule's (ESF relies on one report)."""


class CompositionRule(Rule):
    """Check each pilot's participants against the composition rules of the ESF call."""

    codes = (NOT_MIXED, NOT_BALANCED, NOT_WORKABLE, NO_CONSENT, ENCLAVE_WITHOUT_MAATWERK, DUPLICATE_PARTICIPANT)

    def check(self, kb: KnowledgeBase, context: RuleContext) -> Iterator[Diagnostic]:
        for pilot in kb.of_kind("proeftuin"):
            if isinstance(pilot.model, Proeftuin):
                yield from self._check_pilot(kb, pilot, pilot.model, context)

    def _check_pilot(
        self, kb: KnowledgeBase, pilot: Document, model: Proeftuin, context: RuleContext
    ) -> Iterator[Diagnostic]:
        members = []
        seen: dict[str, int] = {}
        has_maatwerkbedrijf = False
        complete = True
        for index, deelnemer in enumerate(model.deelnemers):
            path = ("deelnemers", index, "registratie")
            if deelnemer.registratie in seen:
                yield self.report(pilot, path, DUPLICATE_PARTICIPANT,
                                  _("'{id}' is already participant {index}; keep one entry").format(
                                      id=deelnemer.registratie, index=seen[deelnemer.registratie]))
                continue
            seen[deelnemer.registratie] = index
            registration = kb.get(deelnemer.registratie)
            if registration is None or not isinstance(registration.model, Registratie):
                complete = False  # reported by the reference or schema check; judging now would mislead
                continue
            reg: Registratie = registration.model
            members.append((reg.economie, deelnemer.engagement))
            has_maatwerkbedrijf |= Erkenning.MAATWERKBEDRIJF in reg.erkenningen
            refusal = reg.refusal(Doeleinde.SAMENSTELLING_PROEFTUIN, context.today)
            if refusal in _WITHDRAWN:
                yield self.report(pilot, path, NO_CONSENT,
                                  _("'{id}' withdrew its registration: remove it from the pilot").format(
                                      id=deelnemer.registratie))
            elif refusal is Refusal.NO_CONSENT:
                yield self.report(pilot, path, NO_CONSENT,
                                  _("'{id}' gave no consent for 'samenstelling_proeftuin': ask for it and record "
                                    "it in the registration, or remove the participant").format(
                                      id=deelnemer.registratie))
        if not complete:
            return
        composition = compose(members)
        severity = Severity.WARNING if model.status in _COMPOSING_STATUSES else None
        missing = missing_mix(composition)
        if missing:
            yield self.report(pilot, ("deelnemers",), NOT_MIXED,
                              _("the pilot is not mixed: add a participant from the {sides}").format(
                                  sides=_(" and the ").join(missing)), severity)
        share = dominant_share(composition, context.settings)
        if share is not None:
            side = N_("the social economy") if composition.social > composition.regular else N_("the regular economy")
            yield self.report(pilot, ("deelnemers",), NOT_BALANCED,
                              _("the pilot is not balanced: {side} holds {share} of {size} participants (at most "
                                "{most}); add a participant from the other side").format(
                                  side=_(side), share=f"{share:.0%}", size=composition.size,
                                  most=f"{context.settings.max_side_share:.0%}"), severity)
        problem = size_problem(composition, context.settings)
        if problem:
            yield self.report(pilot, ("deelnemers",), NOT_WORKABLE,
                              _("the pilot is not workable: {problem}").format(problem=problem), severity)
        if Samenwerkingsvorm.ENCLAVE in model.samenwerkingsvormen and not has_maatwerkbedrijf:
            yield self.report(pilot, ("samenwerkingsvormen",), ENCLAVE_WITHOUT_MAATWERK,
                              _("an enclave needs a participant recognised as maatwerkbedrijf: add one, "
                                "or choose another samenwerkingsvorm"))
