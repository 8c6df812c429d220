"""Markdown that Python-Markdown cannot render in bounded time or depth is refused, not rendered (ESF412).

One build of a base whose playbook body and ordinary page hold such runs at the size limit; before,
the bracket run alone rendered for hours and the nested list raised a RecursionError.
"""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from esfkb.base.knowledge_base import load_knowledge_base
from esfkb.checks.validation import validate
from esfkb.config import load_project
from esfkb.model.frontmatter import DEFAULT_MAX_FILE_SIZE
from esfkb.safety.complexity import MAX_BRACKETS_PER_BLOCK, MAX_NESTING, too_complex
from tests.linear import assert_linear
from tests.site.helpers import run_mkdocs

SIZE = DEFAULT_MAX_FILE_SIZE - 8192
HOSTILE = {
    "brackets": "[a](",
    "images": "![",
    "footnotes": "[^",
    "unclosed-tags": "<a ",
    "cdata": "<![",
}
"""Runs that Python-Markdown renders in quadratic time, by the unit repeated."""
NESTED = {
    "ordered": "1. " * (MAX_NESTING + 1) + "x",
    "bullets": "- " * (MAX_NESTING + 1) + "x",
    "quotes": "> " * (MAX_NESTING + 1) + "x",
    "indented": " " * 300 + "x",
}
PLAYBOOK = "playbooks/draaiboeken/enclave-opstarten.md"


@pytest.mark.parametrize("unit", HOSTILE.values(), ids=HOSTILE.keys())
def test_quadratic_runs_are_refused(unit):
    assert too_complex("Inleiding.\n\n" + unit * (SIZE // len(unit))) is not None


@pytest.mark.parametrize("text", NESTED.values(), ids=NESTED.keys())
def test_deep_nesting_is_refused(text):
    assert too_complex("Inleiding.\n\n" + text) is not None


def test_ordinary_pages_pass():
    links = "Zie [de handleiding](https://voorbeeld.example/) en [het model](../x.md).\n\n" * 200
    nested = "\n".join("    " * depth + "- punt" for depth in range(6))
    assert too_complex(links + nested + "\n\n> citaat\n> > binnen\n") is None
    assert too_complex("[" * MAX_BRACKETS_PER_BLOCK + "\n\n" + "[" * MAX_BRACKETS_PER_BLOCK) is None


@pytest.mark.parametrize("unit", ["[", "<", "- ", "1. ", " ", "[a]\n\n", "x" * 70 + "\n"])
def test_the_check_is_linear(unit):
    assert_linear(too_complex, unit, SIZE)


def test_validate_reports_it_and_the_build_shows_a_notice(small_base, tmp_path):
    root = small_base({"playbooks/uitleg.md": "# Uitleg\n\n" + "[a](" * (SIZE // 4)})
    playbook = root / PLAYBOOK
    text = playbook.read_text(encoding="utf-8")
    playbook.write_text(text + "\n\n" + NESTED["ordered"] + "\n", encoding="utf-8")
    line = text.count("\n") + 3

    diagnostics = [d for d in validate(load_knowledge_base(load_project(root))).diagnostics if d.code == "ESF412"]
    assert {(d.path, d.line) for d in diagnostics} == {(PLAYBOOK, line), ("playbooks/uitleg.md", 3)}

    build = run_mkdocs(root / "mkdocs.yml", tmp_path / "site", strict=False)
    assert build.returncode == 0, build.log[-3000:]
    for page in ("uitleg/", "draaiboeken/enclave-opstarten/"):
        text = _article_text(build.text(page))
        assert "Deze pagina wordt niet getoond" in text
        assert "[a](" * 10 not in text and "1. " * 10 not in text  # the hostile body is not published
    assert build.log.count("(ESF412)") == 2


class _Article(HTMLParser):
    """The text of a page's article, as a reader sees it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "article":
            self.depth += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "article" and self.depth:
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        if self.depth:
            self.text.append(data)


def _article_text(html: str) -> str:
    parser = _Article()
    parser.feed(html)
    parser.close()
    return "".join(parser.text)
