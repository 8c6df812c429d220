"""Consent decided once (issue 17, finding 7): withdrawn, expired or unconsented registrations are not
counted by compose, not named in match reasons, flagged by the composition rules, hidden by the audience
and reported by retention, all from :meth:`esfkb.model.models.Registratie.refusal`."""

from __future__ import annotations

from datetime import date

import pytest

from esfkb.checks.validation import validate
from esfkb.matching import Draft, check_draft, suggest
from esfkb.model.models import Refusal, Registratie
from esfkb.model.vocabulary import Doeleinde
from esfkb.privacy.retention import expired_registrations
from esfkb.site.audience import Audience
from tests.matching.conftest import TODAY, pilot, registration

PUBLIC = ["samenstelling_proeftuin", "publicatie_organisatieprofiel"]
UNUSABLE = {
    "weg": ("Wegco", "Mol", 2400, {"toestemming": {"datum": "2025-01-15", "doeleinden": PUBLIC,
                                                 "ingetrokken_op": "2026-02-01"}}),
    "uit": ("Uitco", "Geel", 2440, {"status": "ingetrokken"}),
    "oud": ("Oudco", "Balen", 2490, {"bewaren_tot": "2026-04-30"}),
    "zonder": ("Zonderco", "Dessel", 2480, {"toestemming": {"datum": "2025-01-15",
                                                         "doeleinden": ["publicatie_organisatieprofiel"]}}),
}
REFUSALS = {"weg": Refusal.CONSENT_WITHDRAWN, "uit": Refusal.REGISTRATION_WITHDRAWN, "oud": Refusal.EXPIRED,
            "zonder": Refusal.NO_CONSENT}


@pytest.fixture
def kb(build):
    """One usable social registration, four unusable regular ones, and a usable neighbour of each."""
    documents = {"maatwerk": ("registratie", registration(naam="Maatwerk", toestemming={
        "datum": "2025-01-15", "doeleinden": PUBLIC}))}
    for doc_id, (naam, gemeente, postcode, extra) in UNUSABLE.items():
        fields = {"toestemming": {"datum": "2025-01-15", "doeleinden": PUBLIC}, **extra}
        documents[doc_id] = ("registratie", registration("reguliere_economie", naam=naam, gemeente=gemeente,
                                                         postcode=postcode, **fields))
        documents[f"buur-{doc_id}"] = ("registratie", registration("reguliere_economie", naam=f"Buur van {naam}",
                                                                   gemeente=gemeente, postcode=postcode))
    documents["p"] = ("proeftuin", pilot(["maatwerk", *UNUSABLE], ecosysteem="lokaal"))
    return build(documents)


def _model(kb, doc_id: str) -> Registratie:
    model = kb.get(doc_id).model
    assert isinstance(model, Registratie)
    return model


def test_the_model_decides_withdrawal_retention_and_purpose(kb):
    for doc_id, refusal in REFUSALS.items():
        reg = _model(kb, doc_id)
        assert reg.refusal(Doeleinde.SAMENSTELLING_PROEFTUIN, TODAY) is refusal, doc_id
        assert not reg.usable_for(Doeleinde.SAMENSTELLING_PROEFTUIN, TODAY)
        assert reg.withdrawn == (doc_id in {"weg", "uit"})
    oud = _model(kb, "oud")
    assert oud.expired(TODAY) and not oud.expired(date(2026, 4, 30))
    assert oud.usable_for(Doeleinde.SAMENSTELLING_PROEFTUIN, date(2026, 4, 30))
    assert _model(kb, "zonder").usable_for(Doeleinde.PUBLICATIE_ORGANISATIEPROFIEL, TODAY)
    assert _model(kb, "maatwerk").refusal(Doeleinde.CONTACT_DOOR_MATCHMAKER, TODAY) is Refusal.NO_CONSENT


def _reasons(suggestions) -> list[str]:
    return [reason for s in suggestions for reason in s.reasons]


@pytest.mark.dutch  # the reasons as Dutch users and the site read them
def test_compose_counts_and_names_only_usable_registrations(kb):
    draft = Draft(("maatwerk", *UNUSABLE))
    check = check_draft(kb, draft, today=TODAY)
    assert (check.composition.social, check.composition.regular, check.composition.size) == (1, 0, 1)
    assert not check.mixed and not check.ok
    assert check.consent == (
        "Wegco (weg) trok haar toestemming in op 2026-02-01.",
        "Uitco (uit) trok haar registratie in.",
        "Oudco (oud) mag niet langer bewaard worden (bewaren tot 2026-04-30).",
        "Zonderco (zonder) gaf geen toestemming voor de samenstelling van een proeftuin.",
    )
    for found in (suggest(kb, draft, today=TODAY, top=None), suggest(kb, "p", today=TODAY, top=None)):
        assert {s.registratie for s in found} >= {f"buur-{i}" for i in UNUSABLE}  # the neighbours may be asked
        reasons = " ".join(_reasons(found))
        for naam, gemeente, postcode, _ in UNUSABLE.values():  # before #17: "Ligt in Mol, net als Wegco."
            assert naam not in reasons.replace(f"Buur van {naam}", "")
            assert f"{postcode} {gemeente} en" not in reasons and f"en {postcode} {gemeente}" not in reasons
        assert not {s.registratie for s in found} & set(UNUSABLE)


def test_rules_audience_and_retention_agree_with_the_model(kb):
    diagnostics = validate(kb, today=TODAY).diagnostics
    without_consent = {d.message.split("'")[1] for d in diagnostics if d.code == "ESF304"}
    assert without_consent == {"weg", "uit", "zonder"}  # as before: an expired registration is the retention rule's
    assert [d.path for d in diagnostics if d.code == "ESF331"] == ["playbooks/registraties/oud.md"]
    assert [e.document.id for e in expired_registrations(kb, TODAY)] == ["oud"]
    audience = Audience(today=TODAY)  # all five consented to publication; the neighbours did not
    assert {d.id for d in kb.of_kind("registratie") if audience.publishes(d)} == {"maatwerk", "zonder"}
    assert audience.publishes(kb.get("oud")) is False
    assert Audience(today=date(2026, 4, 30)).publishes(kb.get("oud"))
