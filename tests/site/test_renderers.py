"""The core renderers without any site generator: escaping, URLs, suppression, SVG well-formedness."""

from __future__ import annotations

import posixpath
import xml.etree.ElementTree as ET
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from esfkb.model.models import Meting, Proeftuin
from esfkb.model.vocabulary import Indicator
from esfkb.privacy.disclosure import disclose
from esfkb.site.html.charts import Cell, Row, Series, Unit, bar_chart, funnel_chart, unit_chart
from esfkb.site.html.markup import el, esc, inline, link, paragraphs
from esfkb.site.sections import Slot, place
from esfkb.site.urls import page_url, relative_url
from esfkb.site.views.figures import figure_cell

CARD = Slot("doc", "card", "m-1", before_body=True)
CANVAS = Slot("doc", "canvas", "m-1", "Canvas", before_body=True)
RELATIONS = Slot("doc", "relations", "m-1", "Relaties")


def _views(slot: Slot) -> str:
    return f"[{slot.name}]"


def _headings(text: str, before_body: bool) -> str:
    return f"<h2>{text} ({'voor' if before_body else 'na'})</h2>"


def test_views_go_after_the_title_heading_and_after_the_body():
    html = '<h1 id="titel">Titel<a class="headerlink" href="#titel">¶</a></h1>\n<p>Tekst</p>\n<h1>Tweede</h1>'
    assert place(html, [CARD, CANVAS, RELATIONS], _views, _headings) == (
        '<h1 id="titel">Titel<a class="headerlink" href="#titel">¶</a></h1>'
        "\n[card]\n<h2>Canvas (voor)</h2>[canvas]"
        "\n<p>Tekst</p>\n<h1>Tweede</h1>"
        "\n<h2>Relaties (na)</h2>[relations]")


def test_without_a_title_heading_the_views_before_the_body_open_the_page():
    assert place("<p>Tekst over <h1>-koppen</p>", [CANVAS, RELATIONS], _views, _headings) == (
        "\n<h2>Canvas (voor)</h2>[canvas]<p>Tekst over <h1>-koppen</p>\n<h2>Relaties (na)</h2>[relations]")
    assert place("  <h1>Titel zonder einde", [CARD], _views, _headings) == "\n[card]  <h1>Titel zonder einde"
    assert place("<p>geen</p>", [], _views, _headings) == "<p>geen</p>"


def test_values_are_escaped_and_unsafe_links_dropped():
    assert esc('<a href="x">') == "&lt;a href=&quot;x&quot;&gt;"
    assert el("p", "<b>", title='"x"') == '<p title="&quot;x&quot;">&lt;b&gt;</p>'
    assert link("javascript:alert(1)", "klik") == "klik"
    assert link("https://example.org/?a=1&b=2", "site") == '<a href="https://example.org/?a=1&amp;b=2">site</a>'
    assert inline("**vet** en *schuin* met `<code>`") == \
        "<strong>vet</strong> en <em>schuin</em> met <code>&lt;code&gt;</code>"
    assert paragraphs("een\ntwee\n\ndrie") == "<p>een twee</p><p>drie</p>"


@pytest.mark.parametrize(("src", "directory", "url"), [
    ("index.md", True, ""), ("a/index.md", True, "a/"), ("a/b.md", True, "a/b/"),
    ("a/b.md", False, "a/b.html"), ("a/index.md", False, "a/index.html"), ("api/x.json", True, "api/x.json"),
])
def test_page_urls_follow_the_generator(src, directory, url):
    assert page_url(src, directory_urls=directory) == url


@pytest.mark.parametrize(("target", "here", "expected"), [
    ("proeftuinen/x/", "businessmodellen/y/", "../../proeftuinen/x/"),
    ("", "a/b/", "../../"), ("a/", "", "a/"), ("a/b/", "a/b/", "./"), ("x.html", "a/b.html", "../x.html"),
])
def test_relative_urls(target, here, expected):
    assert relative_url(target, here) == expected


_SITE_URLS = st.lists(st.sampled_from(["a", "b", "registraties", "kempenwerk", "index.html", "x.json"]),
                      max_size=4).flatmap(lambda parts: st.sampled_from(["/".join(parts), "/".join(parts) + "/"]))


@settings(max_examples=300, deadline=None)
@given(target=_SITE_URLS, here=_SITE_URLS)
def test_relative_urls_agree_with_path_arithmetic(target, here):
    """The fast segment arithmetic gives what ``posixpath.relpath`` gives for every URL the site makes."""
    base = here if here.endswith("/") or not here else posixpath.dirname(here)
    expected = posixpath.relpath("/" + target, "/" + base)
    if target.endswith("/") or not target:
        expected = "./" if expected == "." else expected + "/"
    assert relative_url(target, here) == expected


def _pilot(*measures: tuple[Indicator, float, int | None]) -> Proeftuin:
    pilot = Proeftuin.model_construct(indicatoren=[
        Meting(indicator=code, waarde=value, n=n, peildatum=date(2025, 1, 1)) for code, value, n in measures
    ])
    return pilot


def test_small_cells_are_suppressed_per_pilot_and_in_aggregates():
    big = _pilot((Indicator.DS_01, 10, 10), (Indicator.DS_02, 4, 10), (Indicator.DS_03, 4, 5))
    small = _pilot((Indicator.DS_01, 3, 3), (Indicator.DS_03, 2, 2))
    shown = disclose([("big", big), ("small", small)], 5)
    assert [figure_cell(shown, m.value).text if m else "" for m in shown.funnel("small")] == ["< 5", "", "< 5", ""]
    # DS-01: 13 over 13 people, but the hidden 3 would follow from 13 - 10: withheld
    # DS-02: 4 people (#17: a count of people below 5 is a small cell, whatever its n)
    # DS-03: the hidden 4 and 2 concern 6 people together, and each could be 2, 3 or 4: shown
    assert [figure_cell(shown, s.value).text for s in shown.stages] == ["afgeschermd", "< 5", "6", ""]
    twin = _pilot((Indicator.DS_01, 3, 3))
    stages = disclose([("big", big), ("small", small), ("twin", twin)], 5).stages
    assert stages[0].value.value == 16  # hidden 3 + 3 concern 6 people


def test_charts_are_well_formed_svg_with_escaped_labels():
    series = [Series("A & B", "#000"), Series("<C>", "#111")]
    rows = [Row("<script>", (Cell(3, "3"), Cell(None, "< 5")))]
    charts = [
        bar_chart("c1", "Titel <x>", rows, series),
        bar_chart("c2", "Titel", rows, series, stacked=True),
        funnel_chart("c3", "Trechter", [Row("DS-01", (Cell(None, "< 5"),)), Row("DS-02", (Cell(None, ""),))], "#000"),
        unit_chart("c4", "Eenheden", [("Sociale economie", [Unit("T", "#000", "<naam>")])], [("x", "#000", False)]),
    ]
    for chart in charts:
        root = ET.fromstring(chart)
        assert root.tag == "{http://www.w3.org/2000/svg}svg"
        assert "<script>" not in chart
