"""The scorer on hand-made bases where the right answer is obvious."""

from __future__ import annotations

import pytest

from esfkb.matching import Draft, MatchingError, match_index, site_suggestions, suggest
from esfkb.matching.scoring import PilotContext, Target
from esfkb.model.models import Proeftuin
from esfkb.model.vocabulary import Economie, Ecosysteem, Samenwerkingsvorm
from tests.conftest import REPO
from tests.matching.conftest import TODAY, pilot, registration

SOCIAL, REGULAR = "sociale_economie", "reguliere_economie"


def ids(suggestions):
    return [s.registratie for s in suggestions]


@pytest.mark.dutch  # the reasons as Dutch users and the site read them
def test_a_pilot_of_only_social_partners_gets_a_regular_partner_first(build):
    kb = build({
        "sociaal-een": ("registratie", registration(SOCIAL)),
        "sociaal-twee": ("registratie", registration(SOCIAL)),
        "sociaal-drie": ("registratie", registration(SOCIAL)),
        # a social candidate that looks perfect on everything but its side
        "sociaal-vier": ("registratie", registration(SOCIAL, interesse_samenwerkingsvormen=["klant_leverancier"],
                                                     interesse_winwin=["marktuitbreiding"])),
        "regulier-ver": ("registratie", registration(REGULAR, postcode=8500, gemeente="Kortrijk")),
        "regulier-dichtbij": ("registratie", registration(REGULAR, postcode=2440, gemeente="Geel")),
        "alleen-sociaal": ("proeftuin", pilot(["sociaal-een", "sociaal-twee", "sociaal-drie"])),
    })
    found = suggest(kb, "alleen-sociaal", today=TODAY, top=None)
    assert ids(found)[:2] == ["regulier-dichtbij", "regulier-ver"]
    assert found[0].economie is Economie.REGULIERE_ECONOMIE
    assert found[0].reasons[0] == (
        "Brengt de reguliere economie in: de proeftuin telt nu 3 sociale en 0 reguliere deelnemers.")
    assert "Ligt in Antwerpen (Geel), waar de proeftuin loopt." in found[0].reasons
    assert all(s.economie is Economie.SOCIALE_ECONOMIE for s in found[2:])


@pytest.mark.dutch  # the reasons as Dutch users and the site read them
def test_an_enclave_pilot_without_maatwerkbedrijf_gets_one_first(build):
    kb = build({
        "lde-atelier": ("registratie", registration(SOCIAL, erkenningen=["lde_onderneming"])),
        "distributie": ("registratie", registration(REGULAR)),
        "maatwerk": ("registratie", registration(SOCIAL, erkenningen=["maatwerkbedrijf"], postcode=3600,
                                                 gemeente="Genk")),
        "regulier-enthousiast": ("registratie", registration(REGULAR, interesse_samenwerkingsvormen=["enclave"],
                                                             interesse_winwin=["zichtbaarheid"])),
        "enclave": ("proeftuin", pilot(["lde-atelier", "distributie"], samenwerkingsvormen=["enclave"])),
    })
    found = suggest(kb, "enclave", today=TODAY)
    assert ids(found)[0] == "maatwerk"
    assert ("Is erkend als maatwerkbedrijf, wat een enclave vraagt; de proeftuin heeft er nog geen."
            in found[0].reasons)
    # once the pilot has one, a second maatwerkbedrijf earns nothing for its recognition
    kb = build({"enclave": ("proeftuin", pilot(["maatwerk", "distributie"], samenwerkingsvormen=["enclave"]))})
    assert all("Is erkend als" not in r for s in suggest(kb, "enclave", today=TODAY) for r in s.reasons)


UNAPPROACHABLE = {
    "ingetrokken": registration(REGULAR, toestemming={
        "datum": "2025-01-15", "doeleinden": ["samenstelling_proeftuin"], "ingetrokken_op": "2025-06-01"}),
    "status-ingetrokken": registration(REGULAR, status="ingetrokken"),
    "niet-weerhouden": registration(REGULAR, status="niet_weerhouden"),
    "geen-toestemming": registration(REGULAR, toestemming={"datum": "2025-01-15",
                                                           "doeleinden": ["contact_door_matchmaker"]}),
    "verlopen": registration(REGULAR, bewaren_tot="2026-04-30"),
}


@pytest.fixture
def guarded(build):
    """A social-only pilot that every unapproachable regular registration would improve most."""
    common = {"interesse_samenwerkingsvormen": ["klant_leverancier"], "vraag": ["schoonmaken"]}
    return build({
        **{doc_id: ("registratie", {**data, **common}) for doc_id, data in UNAPPROACHABLE.items()},
        "sociaal": ("registratie", registration(SOCIAL, aanbod=["schoonmaak van kantoren"])),
        "sociaal-bis": ("registratie", registration(SOCIAL)),
        "regulier-ok": ("registratie", registration(REGULAR)),
        "alleen-sociaal": ("proeftuin", pilot(["sociaal", "sociaal-bis"])),
    })


def test_withdrawn_non_consenting_or_expired_registrations_never_appear(guarded):
    found = ids(suggest(guarded, "alleen-sociaal", today=TODAY, top=None))
    assert found == ["regulier-ok"]
    assert ids(site_suggestions(guarded, today=TODAY)["alleen-sociaal"]) == ["regulier-ok"]
    for_draft = ids(suggest(guarded, Draft(("sociaal",)), today=TODAY, top=None))
    assert for_draft[0] == "regulier-ok" and not set(for_draft) & set(UNAPPROACHABLE)


def test_retention_is_judged_on_the_given_day(guarded):
    day_before = TODAY.replace(day=1, month=4)
    assert "verlopen" in ids(suggest(guarded, "alleen-sociaal", today=day_before, top=None))


@pytest.mark.dutch  # the reasons as Dutch users and the site read them
def test_participants_are_not_suggested_but_stopped_ones_may_return_with_a_warning(build):
    kb = build({
        "sociaal": ("registratie", registration(SOCIAL)),
        "regulier": ("registratie", registration(REGULAR)),
        "gestopt": ("registratie", registration(REGULAR, interesse_samenwerkingsvormen=["klant_leverancier"])),
        "p": ("proeftuin", pilot({"sociaal": "overeenkomst", "regulier": "interesse", "gestopt": "gestopt"})),
    })
    found = {s.registratie: s for s in suggest(kb, "p", today=TODAY, top=None)}
    assert "sociaal" not in found and "regulier" not in found
    assert "Let op: stapte eerder uit deze proeftuin." in found["gestopt"].reasons


@pytest.mark.dutch  # the reasons as Dutch users and the site read them
def test_balance_is_restored_by_the_smaller_side_and_broken_by_the_larger(build):
    socials = {f"sociaal-{i}": ("registratie", registration(SOCIAL)) for i in range(4)}
    kb = build({
        **socials,
        "regulier": ("registratie", registration(REGULAR)),
        "kandidaat-regulier": ("registratie", registration(REGULAR)),
        "kandidaat-sociaal": ("registratie", registration(SOCIAL)),
        "p": ("proeftuin", pilot([*socials, "regulier"])),
    })
    found = {s.registratie: s for s in suggest(kb, "p", today=TODAY, top=None)}
    assert ("Herstelt het evenwicht: de sociale economie heeft nu 80 % van de 5 deelnemers (max. 75 %)."
            in found["kandidaat-regulier"].reasons)
    assert "kandidaat-sociaal" not in found  # it would only make the imbalance worse


@pytest.mark.dutch  # the reasons as Dutch users and the site read them
def test_geography_follows_the_ecosystem_level(build):
    kb = build({
        "sociaal": ("registratie", registration(SOCIAL, postcode=3600, gemeente="Genk", nace=["81.21"])),
        "buur": ("registratie", registration(REGULAR, postcode=3665, gemeente="As")),
        "provincie": ("registratie", registration(REGULAR, postcode=3500, gemeente="Hasselt")),
        "sector": ("registratie", registration(REGULAR, postcode=8500, gemeente="Kortrijk", nace=["81.22"])),
        "lokaal": ("proeftuin", pilot(["sociaal"], ecosysteem="lokaal", provincies=["limburg"])),
        "sectoraal": ("proeftuin", pilot(["sociaal"], ecosysteem="sectoraal", provincies=["limburg"],
                                         nace=["81.21"])),
    })
    local = {s.registratie: s for s in suggest(kb, "lokaal", today=TODAY, top=None)}
    assert ids(local.values()) == ["buur", "provincie", "sector"]
    assert ("Ligt in de buurt van Organisatie: 3665 As en 3600 Genk (postcoderegio 36xx)."
            in local["buur"].reasons)
    assert "Let op: ligt buiten het gebied van de proeftuin: Kortrijk (West-Vlaanderen)." in local["sector"].reasons
    sectoral = suggest(kb, "sectoraal", today=TODAY, top=None)
    assert ids(sectoral)[0] == "sector"
    assert ("Werkt in de sector van de proeftuin: NACE 81.22 "
            "(afdeling 81 – Diensten in verband met gebouwen; landschapsverzorging).") in sectoral[0].reasons


@pytest.mark.dutch  # the reasons as Dutch users and the site read them
def test_text_fit_quotes_the_phrases_across_dutch_inflections(build):
    kb = build({
        "staal": ("registratie", registration(REGULAR, naam="Staal nv", vraag=["schoonmaken"],
                                              aanbod=["houten paletten"])),
        "poets": ("registratie", registration(SOCIAL, naam="Poets vzw", aanbod=["schoonmaak van kantoren"])),
        "atelier": ("registratie", registration(SOCIAL, naam="Atelier vzw", vraag=["verpakkingen"])),
        "kartonnage": ("registratie", registration(REGULAR, naam="Kartonnage bv", aanbod=["verpakking op maat"])),
        "andere": ("registratie", registration(SOCIAL, aanbod=["groenonderhoud"])),
        "p": ("proeftuin", pilot(["staal", "atelier"])),
    })
    found = {s.registratie: s for s in suggest(kb, "p", today=TODAY, top=None)}
    assert "Biedt wat Staal nv zoekt: 'schoonmaak van kantoren' ↔ 'schoonmaken'." in found["poets"].reasons
    assert "Biedt wat Atelier vzw zoekt: 'verpakking op maat' ↔ 'verpakkingen'." in found["kartonnage"].reasons
    andere = found.get("andere")
    assert andere is None or not any(r.startswith("Biedt") for r in andere.reasons)


def test_text_fit_only_counts_across_sides(build):
    kb = build({
        "staal": ("registratie", registration(REGULAR, vraag=["schoonmaken"])),
        "sociaal": ("registratie", registration(SOCIAL)),
        "concurrent": ("registratie", registration(REGULAR, aanbod=["schoonmaak"])),
        "p": ("proeftuin", pilot(["staal", "sociaal"])),
    })
    found = {s.registratie: s for s in suggest(kb, "p", today=TODAY, top=None)}
    assert "concurrent" in found
    assert not any(r.startswith(("Biedt", "Zoekt wat")) for r in found["concurrent"].reasons)


def test_ties_are_broken_by_id_and_output_is_deterministic(build):
    kb = build({
        "sociaal": ("registratie", registration(SOCIAL)),
        **{name: ("registratie", registration(REGULAR)) for name in ("c-org", "a-org", "b-org")},
        "p": ("proeftuin", pilot(["sociaal"])),
    })
    first = suggest(kb, "p", today=TODAY)
    assert ids(first) == ["a-org", "b-org", "c-org"]
    assert first == suggest(kb, "p", today=TODAY)


def test_site_suggestions_cover_only_pilots_being_composed(build):
    kb = build({
        "sociaal": ("registratie", registration(SOCIAL)),
        "regulier": ("registratie", registration(REGULAR)),
        "verkennen": ("proeftuin", pilot(["sociaal"], status="verkenning")),
        "samenstellen": ("proeftuin", pilot(["sociaal"], status="samenstelling")),
        "ontwerpen": ("proeftuin", pilot(["sociaal"], status="ontwerp")),
        "lopend": ("proeftuin", pilot(["sociaal", "regulier"], status="lopend")),
    })
    found = site_suggestions(kb, today=TODAY, top=1)
    assert sorted(found) == ["samenstellen", "verkennen"]
    assert ids(found["verkennen"]) == ["regulier"]
    # the site's reasons are Dutch, whatever the tool speaks (English here)
    assert found["verkennen"][0].reasons[0] == (
        "Brengt de reguliere economie in: de proeftuin telt nu 1 sociale en 0 reguliere deelnemers.")
    assert suggest(kb, "verkennen", today=TODAY, top=1)[0].reasons[0] == (
        "Brings in the reguliere economie: the pilot now has 1 social and 0 regular participants.")


def test_unknown_ids_are_clear_errors(build):
    kb = build({"sociaal": ("registratie", registration(SOCIAL)),
                "proeftuin-een": ("proeftuin", pilot(["sociaal"]))})
    with pytest.raises(MatchingError, match="'proeftuin-eem' is not the id of any pilot: did you mean 'proeftuin-een'"):
        suggest(kb, "proeftuin-eem", today=TODAY)
    with pytest.raises(MatchingError, match="'sociaal' is a registratie, not a pilot"):
        suggest(kb, "sociaal", today=TODAY)
    with pytest.raises(MatchingError, match="'socaal' is not the id of any registration: did you mean 'sociaal'"):
        suggest(kb, Draft(("socaal",)), today=TODAY)


def test_a_draft_is_scored_like_a_pilot(build):
    kb = build({
        "maatwerk": ("registratie", registration(SOCIAL, erkenningen=["maatwerkbedrijf"])),
        "sociaal": ("registratie", registration(SOCIAL)),
        "regulier": ("registratie", registration(REGULAR)),
    })
    found = suggest(kb, Draft(("sociaal",), Ecosysteem.REGIONAAL, (Samenwerkingsvorm.ENCLAVE,)), today=TODAY)
    assert {s.registratie for s in found[:2]} == {"maatwerk", "regulier"}


@pytest.fixture(scope="module")
def bundled():
    from esfkb.base.knowledge_base import load_knowledge_base
    from esfkb.config import load_project

    return load_knowledge_base(load_project(REPO))


def test_the_fast_text_fits_equal_the_direct_ones_on_the_bundled_base(bundled):
    index = match_index(bundled)
    for document in bundled.of_kind("proeftuin"):
        assert isinstance(document.model, Proeftuin)
        context = PilotContext(index, Target.of_pilot(document.model), today=TODAY)
        offers, seeks = index.text_fits(context.active)
        for profile in index.profiles:
            offer, seek = index.text_fit(profile, context.active)
            assert offers[profile.index] == pytest.approx(offer, abs=1e-12)
            assert seeks[profile.index] == pytest.approx(seek, abs=1e-12)


def test_every_bundled_pilot_gets_explained_suggestions(bundled):
    for document in bundled.of_kind("proeftuin"):
        for suggestion in suggest(bundled, document.id, today=TODAY, top=3):
            assert suggestion.score > 0 and suggestion.reasons
            assert all(r.endswith(".") for r in suggestion.reasons)
