"""The inline Markdown of free-text fields: what the former regexes rendered, always nested, in linear time."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from esfkb.site.html.markup import Html, esc, inline, paragraphs
from tests.linear import assert_linear

_FORMER_STRONG_RE = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*")
_FORMER_EM_RE = re.compile(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])")
_CODE_RE = re.compile(r"`([^`]+)`")
_TAG_RE = re.compile(r"<(/?)(strong|em|code)>")


def _former_inline(text: str) -> str:
    """The renderer before #17, quadratic on hostile input: the oracle for ordinary input."""
    out = _CODE_RE.sub(r"<code>\1</code>", esc(text))
    return _FORMER_EM_RE.sub(r"<em>\1</em>", _FORMER_STRONG_RE.sub(r"<strong>\1</strong>", out))


def _nests(rendered: str) -> bool:
    open_tags: list[str] = []
    for match in _TAG_RE.finditer(rendered):
        if not match[1]:
            open_tags.append(match[2])
        elif not open_tags or open_tags.pop() != match[2]:
            return False
    return not open_tags


TEXT = st.lists(st.sampled_from(["*", "**", "`", "a", "b", " ", "\n", "_", "é", "<", '"', "'", ".", "\u00a0", "1"]),
                max_size=16).map("".join)


@settings(max_examples=3000, deadline=None)
@given(TEXT)
def test_renders_what_the_former_regexes_rendered_and_always_nests(text):
    rendered = inline(text)
    assert _nests(rendered)
    former = _former_inline(text)
    if _nests(former) and not any("*" in code or "\n" in code for code in _CODE_RE.findall(text)):
        assert rendered == former


@pytest.mark.parametrize(("text", "html"), [
    ("**vet** en *schuin*", "<strong>vet</strong> en <em>schuin</em>"),
    ("**vet met *schuin* erin**", "<strong>vet met <em>schuin</em> erin</strong>"),
    ("*schuin met **vet** erin*", "<em>schuin met <strong>vet</strong> erin</em>"),
    ("**vet met `code` erin**", "<strong>vet met <code>code</code> erin</strong>"),
    ("`**geen opmaak** in *code*`", "<code>**geen opmaak** in *code*</code>"),
    ("**a *b** c*", "<strong>a *b</strong> c*"),
    ("**niet\nover een regel**", "**niet\nover een regel**"),
    ("2 * 3 * 4, a*b*c, ** los", "2 * 3 * 4, a*b*c, ** los"),
    ("\"'`\"'`", "&quot;&#x27;<code>&quot;&#x27;</code>"),
])
def test_marks(text, html):
    assert inline(text) == html


def test_an_html_argument_is_escaped_like_text():
    assert inline(Html('<b title="x">*a*</b>')) == "&lt;b title=&quot;x&quot;&gt;<em>a</em>&lt;/b&gt;"


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []

    def handle_data(self, data: str) -> None:
        self.text.append(data)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=40))
def test_only_marks_turn_into_tags(text):
    parser = _Text()
    parser.feed(inline(text))
    parser.close()
    assert _without_marks("".join(parser.text)) == _without_marks(text)


def _without_marks(text: str) -> str:
    return text.replace("*", "").replace("`", "")


HOSTILE = ["**x ", "*", "**", "* ", "*a ", "a*", "***a ", "`", "`a", "`*`", "\n*", "_", "[", "<", "&", "*\n**\n"]


@pytest.mark.parametrize("unit", HOSTILE)
def test_hostile_text_renders_in_linear_time(unit):
    assert_linear(paragraphs, unit, 256 * 1024)
