"""A draft judged against the composition rules; what fits one registration."""

from __future__ import annotations

import pytest

from esfkb.matching import Draft, MatchingError, check_draft, match_registration
from esfkb.model.vocabulary import Samenwerkingsvorm
from tests.matching.conftest import TODAY, pilot, registration

SOCIAL, REGULAR = "sociaal", "regulier"


@pytest.fixture
def kb(build):
    return build({
        "maatwerk": ("registratie", registration(
            "sociale_economie", naam="Maatwerk", erkenningen=["maatwerkbedrijf"],
            interesse_samenwerkingsvormen=["enclave"], interesse_winwin=["marktuitbreiding"],
            aanbod=["verpakken en etiketteren op locatie"], vraag=["vaste opdrachten in de logistiek"])),
        "atelier": ("registratie", registration("sociale_economie", naam="Atelier")),
        "werkplaats": ("registratie", registration("sociale_economie", naam="Werkplaats")),
        "buurtwerk": ("registratie", registration("sociale_economie", naam="Buurtwerk")),
        "logistiek": ("registratie", registration(
            "reguliere_economie", naam="Logistiek", interesse_samenwerkingsvormen=["enclave"],
            aanbod=["opdrachten in logistiek en magazijn"], vraag=["etiketteren van retourgoederen"])),
        "stil": ("registratie", registration(
            "reguliere_economie", naam="Stil", toestemming={"datum": "2025-01-15",
                                                            "doeleinden": ["contact_door_matchmaker"]})),
        "loket": ("registratie", registration("intermediair", naam="Loket")),
        "open": ("proeftuin", pilot(["atelier", "logistiek"], samenwerkingsvormen=["enclave"], status="verkenning")),
        "klaar": ("proeftuin", pilot(["atelier", "logistiek"], status="afgerond")),
        "enclavemodel": ("businessmodel", {
            "titel": "Enclave", "samenwerkingsvorm": "enclave",
            "winwin": {"sociale_partner": ["marktuitbreiding"], "reguliere_partner": ["zichtbaarheid"]},
            "canvas": {"context": "c", "waardepropositie": {"sociale_partner": "s", "reguliere_partner": "r",
                                                            "doelgroepmedewerker": "d"},
                       "kernactiviteiten": "k", "kernmiddelen": "m", "partners": "p", "kosten": "k",
                       "inkomsten": "i"},
            "maturiteit": "idee", "status": "gepubliceerd", "versie": "1.0.0", "auteurs": ["werkbrug"]}),
    })


def test_a_good_draft_breaks_no_rule(kb):
    check = check_draft(kb, Draft(("maatwerk", "logistiek"), samenwerkingsvormen=(Samenwerkingsvorm.ENCLAVE,)),
                        today=TODAY)
    assert (check.mixed, check.balanced, check.workable, check.ok) == (True, True, True, True)
    assert check.missing == () and check.consent == ()


@pytest.mark.dutch
def test_a_one_sided_draft_says_which_side_is_missing(kb):
    check = check_draft(kb, Draft(("atelier",)), today=TODAY)
    assert not check.ok and not check.mixed and not check.workable
    assert check.missing == (
        "Niet gemengd: er ontbreekt een deelnemer uit de reguliere economie.",
        "Niet werkbaar: 1 meegetelde deelnemer, minder dan 2.",
    )


@pytest.mark.dutch
def test_an_unbalanced_draft_says_how_unbalanced(kb):
    check = check_draft(kb, Draft(("maatwerk", "atelier", "werkplaats", "buurtwerk", "logistiek")), today=TODAY)
    assert check.mixed and not check.balanced and check.workable
    assert check.missing == ("Niet evenwichtig: de sociale economie heeft 80 % van de 5 deelnemers (max. 75 %); "
                             "voeg een deelnemer uit de reguliere economie toe.",)


@pytest.mark.dutch
def test_an_enclave_draft_needs_a_maatwerkbedrijf_and_consent(kb):
    check = check_draft(kb, Draft(("atelier", "stil", "stil"), samenwerkingsvormen=(Samenwerkingsvorm.ENCLAVE,)),
                        today=TODAY)
    assert check.missing == (
        "Stil (stil) staat twee keer in de samenstelling.",
        # #17: without consent for samenstelling_proeftuin, stil does not count: one-sided and too small
        "Niet gemengd: er ontbreekt een deelnemer uit de reguliere economie.",
        "Niet werkbaar: 1 meegetelde deelnemer, minder dan 2.",
        "De samenwerkingsvorm enclave vraagt een deelnemer erkend als maatwerkbedrijf; er is er geen.",
    )
    assert check.consent == ("Stil (stil) gaf geen toestemming voor de samenstelling van een proeftuin.",)


def test_neutral_participants_count_for_size_only(kb):
    check = check_draft(kb, Draft(("atelier", "loket")), today=TODAY)
    assert check.workable and not check.mixed
    assert (check.composition.social, check.composition.regular, check.composition.neutral) == (1, 0, 1)


def test_a_draft_with_unknown_ids_names_them_all(kb):
    with pytest.raises(MatchingError, match=r"'atelie' is not .*did you mean 'atelier'.*; 'open' is a proeftuin"):
        check_draft(kb, Draft(("atelie", "open")), today=TODAY)


@pytest.mark.dutch  # the reasons as Dutch users and the site read them
def test_a_registration_sees_open_pilots_partners_of_the_other_side_and_models(kb):
    matches = match_registration(kb, "maatwerk", today=TODAY)
    assert matches.blocked is None
    assert [f.id for f in matches.pilots] == ["open"]
    assert ("Is erkend als maatwerkbedrijf, wat een enclave vraagt; de proeftuin heeft er nog geen."
            in matches.pilots[0].reasons)
    assert [s.registratie for s in matches.partners] == ["logistiek"]
    partner = matches.partners[0]
    assert "Heeft ook interesse in Enclave, net als Maatwerk." in partner.reasons
    assert any(r.startswith("Biedt wat Maatwerk zoekt: 'opdrachten in logistiek") for r in partner.reasons)
    assert [f.id for f in matches.models] == ["enclavemodel"]
    assert matches.models[0].reasons == (
        "Past bij de interesse in Enclave.",
        "Levert de sociale partner de win-win die de organisatie zoekt: Marktuitbreiding.",
    )


@pytest.mark.dutch  # the reasons as Dutch users and the site read them
def test_a_registration_without_consent_is_not_proposed(kb):
    matches = match_registration(kb, "stil", today=TODAY)
    assert matches.blocked == ("Stil mag niet voorgesteld worden: gaf geen toestemming voor de samenstelling "
                               "van een proeftuin.")
    assert matches.pilots == () and matches.partners == ()
    assert all(s.registratie != "stil" for s in match_registration(kb, "atelier", today=TODAY).partners)


def test_an_unknown_registration_is_a_clear_error(kb):
    with pytest.raises(MatchingError, match="'open' is a proeftuin, not a registration"):
        match_registration(kb, "open", today=TODAY)
