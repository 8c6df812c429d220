"""Matchmaking suggestions appear in the matchmakers edition only, on pilots being composed."""

from __future__ import annotations

HEADING = "Voorstellen voor de samenstelling"


def test_public_build_contains_no_suggestion(bundled):
    for path, text in bundled.text_files().items():
        assert HEADING not in text and "esfkb-suggestions" not in text, path


def test_matchmakers_edition_suggests_partners_for_pilots_being_composed(matchmakers):
    composing = matchmakers.text("proeftuinen/jobcarving-bouw-brussel/")
    assert HEADING in composing and "esfkb-suggestions" in composing
    assert "Dakwerken Kuregem" in composing  # the regular partner that fits best (see esfkb match)
    assert HEADING not in matchmakers.text("proeftuinen/enclave-logistiek-kempen/")  # finished pilots get none
