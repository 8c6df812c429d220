"""A document page whose frontmatter fails its schema says which errors, as ``esfkb validate`` reports them (#21)."""

from __future__ import annotations

from tests.conftest import VALID_BASE
from tests.site.helpers import run_mkdocs


def test_an_invalid_documents_page_lists_its_errors(small_base, tmp_path):
    playbook = (VALID_BASE / "playbooks" / "draaiboeken" / "enclave-opstarten.md").read_text(encoding="utf-8")
    broken = playbook.replace("---\n", "---\nonbekend_veld: ja\n", 1)
    root = small_base({"playbooks/draaiboeken/enclave-opstarten.md": broken})
    build = run_mkdocs(root / "mkdocs.yml", tmp_path / "site", strict=False)
    assert build.returncode == 0, build.log
    page = build.text("draaiboeken/enclave-opstarten/")
    assert "Dit document bevat fouten en wordt daarom niet volledig getoond:" in page
    assert "regel 2: </span>" in page
    assert "onbekend_veld" in page.split("niet volledig getoond:", 1)[1].split("</ul>", 1)[0]
