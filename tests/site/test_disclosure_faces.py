"""Every face of the bundled base shows the same indicator figures: report, dashboard, pilot pages, API, search."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import pytest
from click.testing import CliRunner

from esfkb.base.knowledge_base import load_knowledge_base
from esfkb.cli import main
from esfkb.config import load_project
from esfkb.model.models import Proeftuin
from esfkb.privacy.disclosure import FUNNEL, Disclosure, Figure, disclose
from esfkb.site.audience import Audience
from esfkb.site.context import SiteContext
from esfkb.site.html.labels import format_number
from esfkb.site.search.records import search_records
from tests.conftest import REPO


class _Tables(HTMLParser):
    """The tables of a page as rows of cell texts, and the texts of each SVG by its id."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: list[list[list[str]]] = []
        self.svg_texts: dict[str, list[str]] = {}
        self._svg: str | None = None
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self.tables.append([])
        elif tag == "tr" and self.tables:
            self.tables[-1].append([])
        elif tag in {"td", "th"}:
            self._cell = []
        elif tag == "svg":
            self._svg = dict(attrs).get("id") or ""
            self.svg_texts.setdefault(self._svg, [])

    def handle_endtag(self, tag: str) -> None:
        if tag in {"td", "th"} and self._cell is not None:
            self.tables[-1][-1].append("".join(self._cell).strip())
            self._cell = None
        elif tag == "svg":
            self._svg = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)
        if self._svg is not None and data.strip():
            self.svg_texts[self._svg].append(data.strip())


def _parse(page: str) -> _Tables:
    parser = _Tables()
    parser.feed(page)
    return parser


def _table(page: _Tables, *headers: str) -> list[list[str]]:
    return next(t[1:] for t in page.tables if t and tuple(t[0]) == headers)


@pytest.fixture(scope="module")
def shown() -> Disclosure:
    """What the core allows of the bundled base's figures."""
    kb = load_knowledge_base(load_project(REPO))
    pilots = [(d.id, d.model) for d in kb.of_kind("proeftuin") if isinstance(d.model, Proeftuin)]
    return disclose(pilots, kb.project.settings.small_cell)


def _reads(shown: Disclosure, figure: Figure, absent: str) -> str:
    return shown.text(figure) or (format_number(figure.value) if figure.value is not None else absent)


def _report(monkeypatch: pytest.MonkeyPatch, fmt: str) -> str:
    monkeypatch.chdir(REPO)
    result = CliRunner().invoke(main, ["report", "--format", fmt])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_report_and_dashboard_agree_figure_by_figure(bundled, shown, monkeypatch):
    dashboard = _parse(bundled.text("dashboard/"))
    table = _table(dashboard, "Indicator", "Totaal", "Proeftuinen met een meting")
    on_dashboard = {row[0].split()[0]: (row[1], row[2]) for row in table}
    chart = dashboard.svg_texts["dashboard-doorstroom"]
    stages = json.loads(_report(monkeypatch, "json"))["doorstroom"]["stages"]
    text = _report(monkeypatch, "text")
    markdown = _report(monkeypatch, "markdown")
    assert [s["indicator"] for s in stages] == [code.value for code in FUNNEL] == list(on_dashboard)
    for stage, core in zip(stages, shown.stages, strict=True):
        expected = _reads(shown, core.value, "niet gemeten")
        assert on_dashboard[stage["indicator"]] == (expected, str(stage["pilots"])), stage
        assert stage["value"] == core.value.value and stage["n"] == core.n.value
        assert expected in chart or expected == "niet gemeten"
        in_report = expected if stage["pilots"] else "-"
        assert re.search(rf"^  {stage['indicator']} .* {re.escape(in_report)} +{stage['pilots']}( |$)", text, re.M)
        assert f"| {stage['indicator']} | {stage['label']} | {in_report} | {stage['pilots']} |" in markdown
    # issue 17: the report printed 15 (and 46 % of DS-01) where schoonmaak's hidden DS-02 = 3 followed by subtraction
    assert on_dashboard["DS-02"] == ("afgeschermd", "3") and "15" not in chart
    assert {s["indicator"]: s["share"] for s in stages} == {"DS-01": None, "DS-02": None, "DS-03": None, "DS-04": None}


def test_pilot_pages_api_and_search_hide_the_same_cells(bundled, shown):
    api = {r["id"]: r for r in bundled.json("api/proeftuin.json")["documents"]}
    hidden_somewhere = False
    for pilot_id, measures in shown.measures.items():
        page = _parse(bundled.text(f"proeftuinen/{pilot_id}/"))
        ordered = sorted(measures, key=lambda m: (m.indicator.value, m.peildatum))
        rows = _table(page, "Indicator", "Waarde", "n", "Peildatum") if measures else []
        assert [(r[0].split()[0], r[1], r[2]) for r in rows] == [
            (m.indicator.value, _reads(shown, m.value, ""), _reads(shown, m.n, "–")) for m in ordered]
        funnel = shown.funnel(pilot_id)
        if any(funnel):
            texts = [_reads(shown, m.value, "niet gemeten") if m else "niet gemeten" for m in funnel]
            assert [r[1] for r in _table(page, "Indicator", "Waarde")] == texts
            chart = page.svg_texts[f"doorstroom-{pilot_id}"]
            assert all(f"{code.value} {code.label}: {t}" in chart for code, t in zip(FUNNEL, texts, strict=True)
                       if t != "niet gemeten")
        published = api[pilot_id]["indicatoren"]
        assert [(e["indicator"], e["waarde"], e["n"], e["onderdrukt"]) for e in published] == [
            (m.indicator.value, m.value.value, m.n.value, m.value.hidden is not None) for m in measures]
        hidden_somewhere |= any(m.value.hidden or m.n.hidden for m in measures)
    assert hidden_somewhere
    schoonmaak = [(m.indicator.value, m.value.value, m.n.value) for m in shown.funnel("schoonmaak-onderaanneming-genk")
                  if m is not None]
    assert schoonmaak == [("DS-01", 7, 7), ("DS-02", None, 7), ("DS-03", None, None), ("DS-04", None, None)]
    # the search records index no figure at all: not the indicator tables, not the funnel
    project = load_project(REPO)
    ctx = SiteContext(load_knowledge_base(project), Audience(small_cell=project.settings.small_cell))
    records = [r for r in search_records(ctx) if r.url.startswith("proeftuinen/") and r.kind]
    assert len(records) == len(shown.measures)
    assert not [b for r in records for b in r.blocks if re.search(r"\b(?:DS|SW)-\d\d\b", b)]
