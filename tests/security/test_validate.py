"""``esfkb validate`` reports every hostile construct where it was written, in documents and ordinary pages alike."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from esfkb.base.knowledge_base import load_knowledge_base
from esfkb.checks.rules import markup
from esfkb.checks.validation import validate
from esfkb.config import load_project
from esfkb.safety.audit import removals
from esfkb.safety.rendering import render
from tests.conftest import REPO
from tests.security.conftest import PAGE_LEAD, Hostile
from tests.security.corpus import PAYLOADS

MARKUP_CODES = {code.code for code in markup.MarkupRule.codes}


@pytest.mark.parametrize("payload", PAYLOADS, ids=[p.name for p in PAYLOADS])
def test_a_payload_in_a_playbook_is_reported_on_its_line(hostile: Hostile, payload):
    found = hostile.codes(Hostile.document(payload), hostile.body_line, payload)
    assert found & payload.codes, (payload.markdown, found)


@pytest.mark.parametrize("payload", PAYLOADS, ids=[p.name for p in PAYLOADS])
def test_a_payload_in_an_ordinary_page_is_reported_on_its_line(hostile: Hostile, payload):
    found = hostile.codes(Hostile.page(payload), PAGE_LEAD.count("\n") + 1, payload)
    assert found & payload.codes, (payload.markdown, found)


def test_nothing_else_is_reported(hostile: Hostile):
    """Only the payloads' own files carry markup findings: not the harmless look-alikes, nor the valid base."""
    paths = {Hostile.document(p) for p in PAYLOADS} | {Hostile.page(p) for p in PAYLOADS}
    stray = [d for d in hostile.report["diagnostics"] if d["code"] in MARKUP_CODES and d["path"] not in paths]
    assert not stray


def test_the_bundled_content_uses_nothing_the_sanitizer_removes():
    kb = load_knowledge_base(load_project(REPO))
    assert not [d for d in validate(kb).diagnostics if d.code in MARKUP_CODES]


def test_a_page_with_metadata_is_reported_on_the_line_of_its_body(tmp_path: Path):
    (tmp_path / "mkdocs.yml").write_text("docs_dir: docs\nmarkdown_extensions: [attr_list]\n", encoding="utf-8")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs/pagina.md").write_text("---\ntitle: Pagina\n---\n\nTekst\n\n<base href=//evil.example>\n",
                                             encoding="utf-8")
    kb = load_knowledge_base(load_project(tmp_path))
    found = [(d.path, d.line, d.code) for d in validate(kb).diagnostics if d.code in MARKUP_CODES]
    assert found == [("docs/pagina.md", 7, "ESF410")]


_PIECES = [*"abcXYZ019 \n\t#*-_`[]()!:|>.=~+/\\\"'?;,$%^", "\n\n", "# ", "1. ", "| ", "|:-:|", "---\n", "===\n",
           "    ", "```", "* ", "> ", "Kop", "!!! ", "€"]
_MARKDOWN_WITHOUT_TRIGGERS = st.lists(st.sampled_from(_PIECES), max_size=40).map("".join)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.filter_too_much, HealthCheck.too_slow])
@given(_MARKDOWN_WITHOUT_TRIGGERS)
def test_markdown_the_rule_does_not_render_holds_nothing_the_sanitizer_removes(text: str):
    """The rule's shortcut: a body without any of its trigger strings renders to HTML the policy leaves whole."""
    assume(not markup.may_change(text))
    assert removals(render(REPO, text)) == []
