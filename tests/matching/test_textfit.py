"""Dutch text fit: normalisation, stop words, stemming, compounds, IDF."""

from __future__ import annotations

import pytest

from esfkb.matching.textfit import TextModel, cosine, normalise, stem, words


def test_normalise_lowercases_and_strips_accents():
    assert normalise("Coöperatie ÉÉN Oriëntering") == "cooperatie een orientering"


def test_words_drop_stop_words_and_short_words():
    assert words("Een partner om afgedankte werkkledij te ontmantelen, en te sorteren") == [
        "partner", "afgedankte", "werkkledij", "ontmantelen", "sorteren"]


@pytest.mark.parametrize(("one", "other"), [
    ("schoonmaken", "schoonmaak"),
    ("verpakkingen", "verpakking"),
    ("kantoren", "kantoor"),
    ("paletten", "palet"),
    ("ontmanteling", "ontmantelen"),
    ("begeleiding", "begeleiden"),
])
def test_inflections_share_a_stem(one, other):
    assert stem(one) == stem(other)


def test_begeleiding_is_not_beleid():
    # the Dutch stemmer strips 'ge': the domain's most frequent word must not become 'policy'
    assert stem("begeleiding") != stem("beleid")


def model(*fields):
    return TextModel([list(f) for f in fields])


def fit(text_model, one, other):
    return cosine(text_model.vector([one]), text_model.vector([other]))


def test_phrases_fit_across_inflections():
    m = model(["schoonmaak van kantoren"], ["schoonmaken"], ["verpakking op maat"], ["verpakkingen"], ["groen"])
    assert fit(m, "schoonmaak van kantoren", "schoonmaken") > 0.5
    assert fit(m, "verpakking op maat", "verpakkingen") > 0.5
    assert fit(m, "schoonmaak van kantoren", "verpakkingen") == 0


def test_a_compound_meets_its_parts():
    m = model(["werfhulpen voor materiaalaanvoer"], ["aanvoer van materiaal"], ["schoonmaakcontract"],
              ["schoonmaak", "een contract"])
    assert {"materiaal", "aanvoer"} <= m.terms("werfhulpen voor materiaalaanvoer")
    assert fit(m, "werfhulpen voor materiaalaanvoer", "aanvoer van materiaal") > 0.3
    assert stem("schoonmaak") in m.terms("schoonmaakcontract")


def test_rare_shared_words_weigh_more_than_common_ones():
    common = [["vaste klanten"], ["vaste ploeg"], ["vaste job"], ["vaste afnemer"]]
    m = model(*common, ["ontmantelen van kledij"], ["kledij ontmantelen"], ["vaste ontmantelaar"])
    assert m.idf[stem("ontmantelen")] > m.idf[stem("vaste")]
    assert fit(m, "vaste klanten ontmantelen", "ontmantelen") > fit(m, "vaste klanten ontmantelen", "vaste")


def test_best_pair_names_the_phrases():
    m = model(["groenonderhoud", "schoonmaak van kantoren"], ["schoonmaken", "catering"])
    pair = m.best_pair(["groenonderhoud", "schoonmaak van kantoren"], ["catering", "schoonmaken"])
    assert pair is not None and (pair.left, pair.right) == ("schoonmaak van kantoren", "schoonmaken")
    assert m.best_pair(["groenonderhoud"], ["catering"]) is None


def test_empty_fields_give_empty_vectors():
    m = model([], ["iets"])
    assert m.vector([]) == {} and m.vector(["de en het"]) == {}
