"""Every face of the bundled base shows the same figures: report, dashboard, pilot pages, API, search.

The dashboard counts what its edition publishes, ``esfkb report`` the whole base: both render one portfolio
model, so the dashboard's "Cijfers" tables hold, figure by figure, the report's JSON over the same documents.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from typing import TYPE_CHECKING, Any

import pytest
from click.testing import CliRunner

from esfkb.base.knowledge_base import load_knowledge_base
from esfkb.cli import main
from esfkb.config import load_project
from esfkb.model.kinds import load_kinds
from esfkb.model.models import Proeftuin
from esfkb.model.vocabulary import Ecosysteem, Proeftuinstatus, Provincie, Samenwerkingsvorm, WinwinNiveau
from esfkb.portfolio.figures import portfolio
from esfkb.portfolio.report import as_data
from esfkb.privacy.disclosure import FUNNEL, Disclosure, Figure, Hidden, disclose, hidden_text
from esfkb.site import routes
from esfkb.site.audience import Audience, Edition
from esfkb.site.context import SiteContext
from esfkb.site.html.labels import format_number
from esfkb.site.pages.generated import generated_pages, render_page_section
from esfkb.site.search.records import search_records
from tests.conftest import REPO, VALID_BASE

if TYPE_CHECKING:
    from pathlib import Path

    from esfkb.base.knowledge_base import KnowledgeBase
    from esfkb.model.documents import Document
    from esfkb.model.vocabulary import Vocabulary


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


def _table_after(page: _Tables, first: str) -> tuple[list[str], list[list[str]]]:
    """The headers and rows of the one table whose first column is headed ``first``."""
    (found,) = [t for t in page.tables if t and t[0][0] == first]
    return found[0], found[1:]


def _value(vocabulary: type[Vocabulary], label: str) -> str:
    """The machine value of a Dutch label, as the JSON of ``esfkb report`` writes it."""
    (value,) = [m.value for m in vocabulary if m.label == label]
    return value


def _zeros(vocabulary: type[Vocabulary]) -> dict[str, int]:
    return dict.fromkeys((m.value for m in vocabulary), 0)


def _dashboard_figures(page: _Tables) -> dict[str, Any]:
    """Every count of the dashboard's "Cijfers" tables, in the shape of the report's JSON (rows the dashboard
    leaves out, such as an unused samenwerkingsvorm or a province without pilots, read as 0)."""
    kinds = {k.plural: k for k in load_kinds().kinds}
    documents: dict[str, Any] = {}
    for plural, status, n in _table(page, "Soort", "Status", "Aantal"):
        kind = kinds[plural]
        entry = documents.setdefault(kind.name, {})
        if status == "Totaal":
            entry["total"] = int(n)
        else:
            entry.setdefault("status", {})[_value(kind.model.model_fields["status"].annotation, status)] = int(n)
    headers, rows = _table_after(page, "Provincie")
    assert headers[-1] == "Totaal"
    statuses = [_value(Proeftuinstatus, h) for h in headers[1:-1]]
    per_province, per_status = _zeros(Provincie), {p: _zeros(Proeftuinstatus) for p in _zeros(Provincie)}
    for label, *cells, total in rows:
        province = _value(Provincie, label)
        per_province[province] = int(total)
        per_status[province] |= {s: int(n) for s, n in zip(statuses, cells, strict=True)}
    ecosystems = _zeros(Ecosysteem) | {_value(Ecosysteem, label): int(n)
                                       for label, n in _table(page, "Ecosysteem", "Proeftuinen")}
    forms = {kind: _zeros(Samenwerkingsvorm) for kind in ("proeftuin", "businessmodel", "draaiboek")}
    for label, *cells in _table(page, "Samenwerkingsvorm", "Proeftuinen", "Businessmodellen", "Draaiboeken"):
        for kind, n in zip(forms, cells, strict=True):
            forms[kind][_value(Samenwerkingsvorm, label)] = int(n)
    sides = {"sociale_partner": "sociale partner", "reguliere_partner": "reguliere partner"}
    columns = {(kind, side): f"{plural}: {label}" for kind, plural in (("proeftuin", "Proeftuinen"),
                                                                     ("businessmodel", "Businessmodellen"))
               for side, label in sides.items()}
    winwin = {kind: {side: _zeros(WinwinNiveau) for side in sides} for kind in ("proeftuin", "businessmodel")}
    for label, *cells in _table(page, "Win-win niveau", *columns.values()):
        for (kind, side), n in zip(columns, cells, strict=True):
            winwin[kind][side][_value(WinwinNiveau, label)] = int(n)
    funnel = {row[0].split()[0]: (row[1], row[2]) for row in _table(page, "Indicator", "Totaal",
                                                                   "Proeftuinen met een meting")}
    return {"documents": documents, "pilots_per_province": per_province, "pilots_per_province_and_status": per_status,
            "pilots_per_ecosystem": ecosystems, "samenwerkingsvormen": forms, "winwin": winwin, "doorstroom": funnel}


def _as_dashboard_shows(report: dict[str, Any], audience: Audience) -> dict[str, Any]:
    """The report's JSON as the dashboard shows it: no count of documents with errors (an edition publishes only
    valid ones), no status that the edition keeps private, each funnel stage as it reads."""
    kinds = load_kinds().by_name
    documents = {}
    for kind, entry in report["documents"].items():
        assert entry["invalid"] == 0, kind
        shown = "status" in entry and audience.shows_field(kinds[kind].model, "status")
        documents[kind] = {"total": entry["total"], **({"status": entry["status"]} if shown else {})}
    small = report["doorstroom"]["small_cell"]
    funnel = {s["indicator"]: (hidden_text(Hidden(s["hidden"]), small) if s["hidden"] else
                               "niet gemeten" if s["value"] is None else format_number(s["value"]), str(s["pilots"]))
              for s in report["doorstroom"]["stages"]}
    return {**report, "documents": documents, "doorstroom": funnel}


@pytest.fixture(scope="module")
def shown() -> Disclosure:
    """What the core allows of the bundled base's figures."""
    kb = load_knowledge_base(load_project(REPO))
    pilots = [(d.id, d.model) for d in kb.of_kind("proeftuin") if isinstance(d.model, Proeftuin)]
    return disclose(pilots, kb.project.settings.small_cell)


def _reads(shown: Disclosure, figure: Figure, absent: str) -> str:
    return shown.text(figure) or (format_number(figure.value) if figure.value is not None else absent)


def _report(monkeypatch: pytest.MonkeyPatch, fmt: str, root: Path = REPO) -> str:
    monkeypatch.chdir(root)
    result = CliRunner().invoke(main, ["report", "--format", fmt])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_report_and_dashboard_agree_figure_by_figure(bundled, shown, monkeypatch):
    dashboard = _parse(bundled.text("dashboard/"))
    on_dashboard = _dashboard_figures(dashboard)["doorstroom"]
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
    for people in (text, markdown):  # Dutch labels, never the values written in the frontmatter
        assert all(label in people for label in ("Vlaams-Brabant", "Geëvalueerd", "Aanwerving met ondersteuning",
                                                  "Productiviteit en efficiëntie", "Opgenomen in een proeftuin"))
        assert not re.search(r"vlaams_brabant|geevalueerd|aanwerving_met|productiviteit_efficientie|opgenomen_in",
                             people)
    # issue 17: the report printed 15 (and 46 % of DS-01) where schoonmaak's hidden DS-02 = 3 followed by subtraction
    assert on_dashboard["DS-02"] == ("afgeschermd", "3") and "15" not in chart
    assert {s["indicator"]: s["share"] for s in stages} == {"DS-01": None, "DS-02": None, "DS-03": None, "DS-04": None}


def _edition(kb: KnowledgeBase, audience: Audience) -> list[Document]:
    """What an edition publishes, said once more: the valid documents its audience allows."""
    return [d for d in kb.documents.values() if d.valid and audience.publishes(d)]


def test_dashboard_shows_its_editions_portfolio_and_the_report_the_whole_base(bundled, monkeypatch):
    project = load_project(REPO)
    kb = load_knowledge_base(project)
    audience = Audience.from_settings(project.settings, root=REPO, docs_dir=project.docs_dir)
    assert audience.edition is Edition.PUBLIC  # the edition of the bundled build
    on_dashboard = _dashboard_figures(_parse(bundled.text("dashboard/")))
    edition = as_data(portfolio(_edition(kb, audience), kb.kinds, audience.small_cell))
    assert on_dashboard == _as_dashboard_shows(edition, audience)
    report = json.loads(_report(monkeypatch, "json"))
    assert report == json.loads(json.dumps(as_data(portfolio(kb.documents.values(), kb.kinds, audience.small_cell))))
    # the public edition leaves out registrations without consent for a profile, and their statuses altogether
    assert report["documents"]["registratie"]["total"] > on_dashboard["documents"]["registratie"]["total"] > 0
    assert "status" in report["documents"]["registratie"] and "status" not in on_dashboard["documents"]["registratie"]
    # every other figure counts the same documents on both faces, so it is the same figure
    assert {**edition, "documents": {**edition["documents"], "registratie": report["documents"]["registratie"]}} \
        == report
    assert on_dashboard["pilots_per_province"]["vlaams_brabant"] == 2  # Dutch labels on the page, values in JSON
    assert on_dashboard["pilots_per_province_and_status"]["limburg"]["geevalueerd"] == 1


def test_report_and_dashboard_agree_when_the_edition_publishes_every_document(monkeypatch):
    """The valid example base in the matchmakers edition publishes all its documents: the dashboard (its views
    rendered as the build renders them) and ``esfkb report`` give the same figures, registrations' statuses too."""
    project = load_project(VALID_BASE)
    kb = load_knowledge_base(project)
    ctx = SiteContext(kb, Audience(Edition.MATCHMAKERS, small_cell=project.settings.small_cell))
    assert _edition(kb, ctx.audience) == list(kb.documents.values())
    (page,) = [p for p in generated_pages(ctx) if p.src_uri == routes.DASHBOARD]
    html = "".join(str(render_page_section(ctx, slot.name, slot.arg, "dashboard/")) for slot in page.slots)
    on_dashboard = _dashboard_figures(_parse(html))
    report = json.loads(_report(monkeypatch, "json", VALID_BASE))
    assert on_dashboard == _as_dashboard_shows(report, ctx.audience)
    assert on_dashboard["documents"]["registratie"] == {"total": 2, "status": {
        "nieuw": 0, "gecontacteerd": 0, "in_gesprek": 0, "opgenomen_in_proeftuin": 2, "niet_weerhouden": 0,
        "ingetrokken": 0}}
    assert on_dashboard["doorstroom"]["DS-02"] == ("< 5", "1")


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
