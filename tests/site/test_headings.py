"""Section headings look and behave like the site's own: permalinks, unique ids, table of contents, anchor checks."""

from __future__ import annotations

import re

import pytest

from tests.conftest import EXAMPLES, make_project
from tests.site.helpers import SMALL_CONFIG, Build, run_mkdocs

MODEL = "playbooks/businessmodellen/enclave-distributie.md"
PLAYBOOK = "playbooks/draaiboeken/enclave-opstarten.md"
CONFIG = SMALL_CONFIG + """\
markdown_extensions:
  - toc:
      permalink: "§"
validation:
  anchors: warn
"""
MODEL_BODY = """
# Enclave in een distributiecentrum

Uitleg bij het model.

## Relaties

Wat de partners zelf over hun relatie schrijven.
"""
PLAYBOOK_BODY = """
Het draaiboek begint zonder titel.

# Tweede deel

## Aanpak

Zo pak je het aan.
"""
LINKS = """# Voorbeeldbasis

Zie het [canvas](businessmodellen/enclave-distributie.md#canvas), de
[relaties van de kennisbank](businessmodellen/enclave-distributie.md#relaties_1) en
[een kapotte link](businessmodellen/enclave-distributie.md#bestaat-niet).
"""


def _with_body(rel: str, body: str) -> str:
    frontmatter = (EXAMPLES / "valid" / rel).read_text(encoding="utf-8").split("---\n")[1]
    return f"---\n{frontmatter}---\n{body}"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The example base with body headings that meet ours, and a site with permalinks and anchor checks."""
    root = make_project(tmp_path_factory.mktemp("headings") / "kb")
    (root / "mkdocs.yml").write_text(CONFIG, encoding="utf-8")
    for rel, text in {MODEL: _with_body(MODEL, MODEL_BODY), PLAYBOOK: _with_body(PLAYBOOK, PLAYBOOK_BODY),
                      "playbooks/index.md": LINKS}.items():
        (root / rel).write_text(text, encoding="utf-8")
    build = run_mkdocs(root / "mkdocs.yml", root / "site", strict=False)
    assert build.returncode == 0, build.log
    return build


def _toc(page: str) -> str:
    """The page's table of contents (the first of Material's two copies)."""
    start = page.index('class="md-nav md-nav--secondary"')
    return page[start:page.index("</ul>\n</nav>", start)]


def _links(html: str) -> list[str]:
    return re.findall(r'<a href="#([^"]+)" class="md-nav__link">', html)


def test_a_section_heading_takes_an_id_that_the_body_leaves_free(built):
    page = built.text("businessmodellen/enclave-distributie/")

    def heading(anchor: str) -> str:
        return f'<h2 id="{anchor}">Relaties<a class="headerlink" href="#{anchor}" title="Permanent link">§</a></h2>'

    title = page.index('<h1 id="enclave-in-een-distributiecentrum">')
    canvas = page.index('<h2 id="canvas">Canvas<a class="headerlink" href="#canvas" title="Permanent link">§</a></h2>'
                        '<div class="esfkb-view esfkb-view--canvas">')
    body = page.index(heading("relaties") + "\n<p>Wat de partners")  # the body's heading keeps its id
    ours = page.index(heading("relaties_1") + '<div class="esfkb-view esfkb-view--relations">')
    assert title < canvas < body < ours
    assert len(re.findall(r'\bid="relaties"', page)) == 1
    assert _links(_toc(page)) == ["canvas", "relaties", "draaiboeken", "relaties_1"]


def test_mkdocs_anchor_check_knows_the_section_headings(built):
    assert "contains a link 'businessmodellen/enclave-distributie.md#bestaat-niet'" in built.log
    assert "#relaties_1'" not in built.log and "#canvas'" not in built.log


def test_without_a_title_first_the_views_open_the_page_and_the_rest_nest_under_the_last_title(built):
    page = built.text("draaiboeken/enclave-opstarten/")
    content = page[page.index('<article class="md-content__inner md-typeset">'):]
    assert content.index("esfkb-view--timeline") < content.index("Het draaiboek begint zonder titel")
    toc = _toc(page)
    assert _links(toc) == ["fasen-en-stappen", "tweede-deel", "aanpak", "checklists", "relaties"]
    nested = toc[toc.index('aria-label="Tweede deel"'):]
    assert _links(nested) == ["aanpak", "checklists", "relaties"]
