"""Section headings look and behave like the site's own: permalinks, unique ids, table of contents, anchor checks."""

from __future__ import annotations

import re

from tests.conftest import EXAMPLES
from tests.site.helpers import SMALL_CONFIG, run_mkdocs

MODEL = "playbooks/businessmodellen/enclave-distributie.md"
CONFIG = SMALL_CONFIG + """\
markdown_extensions:
  - toc:
      permalink: "§"
validation:
  anchors: warn
"""
BODY = """
# Enclave in een distributiecentrum

Uitleg bij het model.

## Relaties

Wat de partners zelf over hun relatie schrijven.
"""
LINKS = """# Voorbeeldbasis

Zie het [canvas](businessmodellen/enclave-distributie.md#canvas), de
[relaties van de kennisbank](businessmodellen/enclave-distributie.md#relaties_1) en
[een kapotte link](businessmodellen/enclave-distributie.md#bestaat-niet).
"""


def test_section_headings_are_the_sites_own_with_ids_that_the_body_leaves_free(small_base, tmp_path):
    frontmatter = (EXAMPLES / "valid" / MODEL).read_text(encoding="utf-8").split("---\n")[1]
    root = small_base({MODEL: f"---\n{frontmatter}---\n{BODY}", "playbooks/index.md": LINKS})
    (root / "mkdocs.yml").write_text(CONFIG, encoding="utf-8")
    build = run_mkdocs(root / "mkdocs.yml", tmp_path / "site", strict=False)
    assert build.returncode == 0, build.log
    page = build.text("businessmodellen/enclave-distributie/")

    def heading(anchor: str) -> str:
        return f'<h2 id="{anchor}">Relaties<a class="headerlink" href="#{anchor}" title="Permanent link">§</a></h2>'

    title = page.index('<h1 id="enclave-in-een-distributiecentrum">')
    canvas = page.index('<h2 id="canvas">Canvas<a class="headerlink" href="#canvas" title="Permanent link">§</a></h2>'
                        '<div class="esfkb-view esfkb-view--canvas">')
    body = page.index(heading("relaties") + "\n<p>Wat de partners")  # the body's heading keeps its id
    ours = page.index(heading("relaties_1") + '<div class="esfkb-view esfkb-view--relations">')
    assert title < canvas < body < ours
    assert len(re.findall(r'\bid="relaties"', page)) == 1

    secondary = page[page.index('class="md-nav md-nav--secondary"'):]
    toc = re.findall(r'<a href="#([^"]+)" class="md-nav__link">', secondary[:secondary.index("</nav>")])
    assert toc == ["canvas", "relaties", "draaiboeken", "relaties_1"]

    # MkDocs' anchor check knows our headings: only the broken link is reported.
    assert "contains a link 'businessmodellen/enclave-distributie.md#bestaat-niet'" in build.log
    assert "#relaties_1'" not in build.log and "#canvas'" not in build.log
