"""Every pass of esfkb over content runs in time proportional to the content (#17: no super-linear regex).

Hostile text is repeated to 256 KiB and timed against 1/16 of it (see :mod:`tests.linear`); the whole
validation takes a field and a body near the 1 MiB file limit. The inline Markdown of fields is timed in
``tests/site/test_inline_markup.py``. Bodies are rendered by Python-Markdown, which is quadratic on runs of
``[`` (upstream issue #798): those stay out of the bodies here.
"""

from __future__ import annotations

import json
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

import pytest

from esfkb.base.knowledge_base import load_knowledge_base
from esfkb.checks.validation import validate
from esfkb.config import load_project
from esfkb.model.frontmatter import parse_document
from esfkb.privacy.detectors import find_emails, find_phones, line_and_column
from esfkb.site.search.records import markdown_blocks, plain
from esfkb.site.sections import redact_links
from tests.conftest import make_project
from tests.linear import assert_linear

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

SIZE = 256 * 1024

_HIDING = SimpleNamespace(hidden={"registraties/verborgen.md"}, by_src={})


def _redact(text: str) -> str:
    return redact_links(_HIDING, "index.md", text)  # type: ignore[arg-type]


def _parse(text: str) -> Any:
    return parse_document(f"---\ntitel: {json.dumps(text)}\nwaarde: {text}\n---\n{text}".encode())


def _detect(text: str) -> list[Any]:
    return [*find_emails(text), *find_phones(text)]


CASES: list[tuple[Callable[[str], object], str, str]] = [
    *((plain, unit, "") for unit in ("![", "[a](", "[^", "[a", "[", "<a ", "<", "**", "_a_", "&amp;")),
    *((markdown_blocks, unit, prefix) for unit, prefix in (
        ("<!--", ""), (" ", "# a"), (" ", "!!! a"), (" ", "| ---"), (" ", "a {"), ("{#", "a "), (" ", ""),
        ("- ", ""), ("> ", ""), ("1. ", ""), ("[a]: ", ""), ("```\n", ""), ("# a\n", ""), ("{: #a}\n", ""))),
    *((_redact, unit, "") for unit in ("[a", '[a](u "', "[[a]", "[a[b]", "](", "[a](")),
    *((_detect, unit, prefix) for unit, prefix in (
        ("a@", ""), ("@a.", ""), ("a-", "x@"), ("a.", "x@"), ("0470 12 34 56 ", ""), ("0", ""), ("+3", ""),
        ("1 ", "+"), ("0 ", ""))),
    *((_parse, unit, "") for unit in ("9", "1.", "e", "-", " ", "#", "**x ")),
]


@pytest.mark.parametrize(("function", "unit", "prefix"), CASES,
                         ids=[f"{f.__name__}-{p!r}+{u!r}" for f, u, p in CASES])
def test_hostile_content_costs_linear_time(function, unit, prefix):
    assert_linear(function, unit, SIZE, prefix)


@pytest.mark.parametrize("unit", ["**x ", "*", "`", "_", "<", "a@b", "0470 12 34 56 ", "&#x"])
def test_validating_a_field_and_a_body_near_the_file_limit_is_linear(unit, tmp_path: Path):
    root = make_project(tmp_path / "kb")
    model = root / "playbooks/businessmodellen/enclave-distributie.md"
    template = model.read_text(encoding="utf-8")

    def check(text: str) -> None:
        model.write_text(template.replace("context: Piekwerk in de logistiek vindt moeilijk personeel.",
                                          f"context: {json.dumps(text)}").replace("Uitleg bij het model.", text),
                         encoding="utf-8")
        found = validate(load_knowledge_base(load_project(root)))
        assert all(d.code != "ESF008" for d in found.diagnostics)

    assert_linear(check, unit, 480 * 1024)


def test_positions_of_many_findings_cost_linear_time():
    """A body full of findings: each position is a binary search over line starts found once per text."""

    def positions(text: str) -> None:
        for offset in range(0, len(text), 7):
            line_and_column(text, offset)

    assert_linear(positions, "a@b. x\n", 480 * 1024)
