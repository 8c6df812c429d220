"""What a chart says to a screen reader: its title names it, its description reads the figures; letters on
coloured squares keep their contrast (issue #19)."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from esfkb.site.html.charts import Cell, Row, Series, Unit, bar_chart, funnel_chart, unit_chart

SVG = "{http://www.w3.org/2000/svg}"


def _read(chart: str) -> tuple[ET.Element, str, str]:
    """The chart's root, and the texts its aria-labelledby and aria-describedby point at."""
    root = ET.fromstring(chart)
    by_id = {e.get("id"): (e.text or "") for e in root.iter() if e.get("id")}
    return root, by_id[root.get("aria-labelledby")], by_id[root.get("aria-describedby")]


def test_a_bar_chart_is_an_image_named_by_its_title_and_described_by_its_figures():
    series = [Series("Lopend", "#00897b"), Series("Afgerond", "#283593")]
    rows = [Row("Limburg", (Cell(2, "2"), Cell(1, "1"))), Row("Antwerpen", (Cell(None, "< 5"), Cell(3, "3")))]
    root, title, desc = _read(bar_chart("c", "Proeftuinen per provincie", rows, series))
    assert root.get("role") == "img"
    assert title == "Proeftuinen per provincie"
    assert desc == "Limburg: Lopend 2, Afgerond 1. Antwerpen: Lopend < 5, Afgerond 3."
    _, _, stacked = _read(bar_chart("s", "Gestapeld", rows, series, stacked=True))
    assert stacked == "Limburg: 3 (Lopend 2, Afgerond 1). Antwerpen: 3 (Afgerond 3)."


def test_a_funnel_and_a_unit_chart_read_their_rows():
    stages = [Row("Betrokken", (Cell(12, "12"),)), Row("Doorgestroomd", (Cell(None, "< 5"),)),
              Row("Na 6 maanden", (Cell(None, ""),))]
    _, _, funnel = _read(funnel_chart("f", "Doorstroom", stages, "#00796b"))
    assert funnel == "Betrokken: 12. Doorgestroomd: < 5. Na 6 maanden: niet gemeten."
    rows = [("Sociale economie", [Unit("T", "#00695c", "Kempenwerk: trekker")]), ("Intermediair", [])]
    _, _, units = _read(unit_chart("u", "Samenstelling", rows, [("Overeenkomst", "#00695c", False)], "Noot."))
    assert units == "Sociale economie (1): Kempenwerk: trekker. Intermediair: 0. Noot."


def test_a_letter_on_a_square_is_white_on_dark_colours_and_dark_on_light_ones():
    rows = [("Rij", [Unit("T", "#00695c", "donker"), Unit("I", "#90a4ae", "licht"), Unit("G", "#ccc", "grijs")])]
    root = ET.fromstring(unit_chart("u", "Eenheden", rows, []))
    letters = {t.text: t.get("fill") for t in root.iter(f"{SVG}text") if t.get("aria-hidden") == "true"}
    assert letters == {"T": "#ffffff", "I": "#1a1a1a", "G": "#1a1a1a"}
