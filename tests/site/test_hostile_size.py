"""A model near the 1 MiB file limit, every free-text field hostile, builds (#17: 169 KB of '**x ' took 94 s).

Before, the inline Markdown of fields was quadratic: this file would have built for hours. One build; it must
end within run_mkdocs' timeout.
"""

from __future__ import annotations

import json

from esfkb.model.frontmatter import DEFAULT_MAX_FILE_SIZE
from tests.site.helpers import run_mkdocs

FIELDS = {
    "context": "**x ", "kernactiviteiten": "*", "kernmiddelen": "`", "partners": "_a ", "kosten": "* ",
    "inkomsten": "***a ", "sociale_partner": "[", "reguliere_partner": "<", "doelgroepmedewerker": "a*",
}
SHARE = (DEFAULT_MAX_FILE_SIZE - 4096) // (len(FIELDS) + 2)
"""Characters per hostile text: the fields, the body (twice that) and the rest of the file stay under the limit."""


def test_a_model_of_hostile_fields_near_the_file_limit_builds(small_base, tmp_path):
    root = small_base()
    model = root / "playbooks/businessmodellen/enclave-distributie.md"
    text = model.read_text(encoding="utf-8")
    canvas = text.index("\ncanvas:")
    for key, unit in FIELDS.items():
        start = text.index(f" {key}: ", canvas) + len(key) + 3
        end = text.index("\n", start)
        text = text[:start] + json.dumps(unit * (SHARE // len(unit))) + text[end:]
    text = text.replace("Uitleg bij het model.", "**x " * (2 * SHARE // 4))
    model.write_text(text, encoding="utf-8")
    assert DEFAULT_MAX_FILE_SIZE * 0.9 < model.stat().st_size <= DEFAULT_MAX_FILE_SIZE

    build = run_mkdocs(root / "mkdocs.yml", tmp_path / "site")
    assert build.returncode == 0, build.log[-3000:]
    page = build.text("businessmodellen/enclave-distributie/")
    assert page.count("**x ") > SHARE // 4 and page.count("&lt;") >= SHARE
