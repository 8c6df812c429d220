"""The sanitizer keeps what content's Markdown writes; the Content-Security-Policy allows the theme's scripts only."""

from __future__ import annotations

import base64
import hashlib
import re
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from esfkb.safety.csp import policy, with_policy
from esfkb.safety.rendering import render
from esfkb.safety.sanitize import escaped_meta, sanitize
from tests.conftest import REPO, make_project
from tests.site.helpers import SMALL_CONFIG

KEPT = (
    '!!! note "Let op"\n    Een opmerking.',
    "| Links | Midden | Rechts |\n|:--|:-:|--:|\n| a | b | c |",
    "## Een kop\n\nTekst met [een link](../andere-pagina/), [een anker](#een-kop) en "
    "[mail](mailto:info@werkbrug.example).",
    "![Een schema](schema.png \"Titel\")",
    "```python\nprint('x')\n```",
    "## Eigen anker {: #eigen-anker }\n\n1. een\n2. twee\n\n---\n\n*nadruk* en **sterk** en `code`",
    '<div markdown="1">\n**In een blok** met [link](https://example.org)\n</div>',
    "<details open><summary>Meer</summary>Tekst</details>",
)


@pytest.mark.parametrize("markdown", KEPT)
def test_what_content_markdown_writes_is_kept_as_it_is(markdown: str):
    html = render(REPO, markdown)
    assert _normalised(sanitize(html)) == _normalised(html)


def _normalised(html: str) -> str:
    return html.replace("&para;", "¶").replace(" />", ">").replace(' open=""', " open").replace(";\"", '"') \
        .replace("text-align: ", "text-align:")


@pytest.mark.parametrize(("html", "expected"), [
    ('<h2 id="__md_scope">x</h2>', "<h2>x</h2>"),
    ('<h2 id="Document$">x</h2>', "<h2>x</h2>"),
    ('<h2 id="stap-1_b">x</h2>', '<h2 id="stap-1_b">x</h2>'),
    ('<div class="admonition warning md-header">x</div>', '<div class="admonition warning">x</div>'),
    ('<code class="language-python md-clipboard">x</code>', '<code class="language-python">x</code>'),
    ('<a href="//evil.example/" target="_blank" rel="opener">x</a>', '<a href="//evil.example/">x</a>'),
])
def test_ids_classes_and_styles_are_kept_only_in_their_allowed_shape(html: str, expected: str):
    assert sanitize(html) == expected


def test_a_table_cell_keeps_only_its_alignment():
    assert sanitize('<table><tr><td style="text-align: right; position: fixed">x</td></tr></table>') == \
        '<table><tbody><tr><td style="text-align:right">x</td></tr></tbody></table>'


def test_an_ordinary_page_metadata_is_escaped():
    assert escaped_meta({"title": "<b>x</b>", "hide": ["toc"]}) == {"title": "&lt;b&gt;x&lt;/b&gt;", "hide": ["toc"]}


PAGE = """<!doctype html><html><head><meta charset="utf-8"><title>A <script>alert(1)</script></title>
<script>var theme = 1</script><script id="__config" type="application/json">{"a": 1}</script></head>
<body><header><script>var palette = 2</script></header><article><script>alert(2)</script>
<svg><title>Grafiek</title></svg></article><script>var after = 3</script><script src="x.js"></script></body></html>"""


def test_the_policy_allows_the_theme_scripts_by_hash_and_no_script_in_the_title_or_content():
    csp = policy(PAGE)
    allowed = {_sha256("var theme = 1"), _sha256("var palette = 2"), _sha256("var after = 3")}
    script_src = next(d for d in csp.split("; ") if d.startswith("script-src "))
    assert set(script_src.split()[3:]) == allowed
    assert "'unsafe-inline'" not in script_src
    for directive in ("default-src 'self'", "object-src 'none'", "base-uri 'self'", "form-action 'self'"):
        assert directive in csp.split("; ")


def _sha256(script: str) -> str:
    return f"'sha256-{base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()}'"


def test_the_policy_opens_the_head():
    page = with_policy(PAGE)
    assert page.startswith('<!doctype html><html><head><meta http-equiv="Content-Security-Policy" content="')
    assert page.count("Content-Security-Policy") == 1


def test_the_preview_lets_mkdocs_serve_reload_and_a_build_never_does():
    """``mkdocs serve`` adds a live-reload script whose text changes per request: no hash can allow it."""
    page = "<html><head><title>x</title><script>var a=1</script></head><body></body></html>"
    built, preview = policy(page), policy(page, preview=True)
    assert "'unsafe-inline'" not in built.split("script-src", 1)[1].split(";", 1)[0]
    assert "sha256-" in built
    script_src = preview.split("script-src", 1)[1].split(";", 1)[0]
    assert "'unsafe-inline'" in script_src and "sha256-" not in script_src  # a hash would void 'unsafe-inline'
    assert all(directive in preview for directive in ("object-src 'none'", "base-uri 'self'", "form-action 'self'"))


def test_mkdocs_serve_pages_carry_the_preview_policy(tmp_path):
    root = make_project(tmp_path / "kb")
    (root / "mkdocs.yml").write_text(SMALL_CONFIG, encoding="utf-8")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-f", str(root / "mkdocs.yml"),
                               "-a", f"127.0.0.1:{port}"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                page = urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5).read().decode()
                break
            except OSError:
                assert time.monotonic() < deadline, "mkdocs serve did not answer"
                time.sleep(0.3)
    finally:
        server.terminate()
        server.wait(timeout=20)
    assert "livereload(" in page  # MkDocs' inline reload script, which the preview's policy lets run
    meta = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)"', page)
    assert meta is not None and "'unsafe-inline'" in meta.group(1) and "sha256-" not in meta.group(1)
