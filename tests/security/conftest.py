"""The hostile corpus as a knowledge base, validated once and built once per session.

Each payload is the body of a playbook of its own (``draaiboeken/aanval-NAME.md``) and the body of
an ordinary page (``aanval/NAME.md``), under the Markdown extensions of the bundled site.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pytest
import yaml
from click.testing import CliRunner

from esfkb.cli import main
from tests.conftest import REPO, VALID_BASE, make_project
from tests.security.corpus import HARMLESS, PAYLOADS
from tests.site.conftest import bundled, served  # noqa: F401 - the bundled site, for the CSP browser test
from tests.site.helpers import SMALL_CONFIG, Build, run_mkdocs, serve

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

    from tests.security.corpus import Payload

PLAYBOOK = "playbooks/draaiboeken/enclave-opstarten.md"
LEAD = "\nHet draaiboek.\n\n"
PAGE_LEAD = "# Aanval\n\n"


@dataclass(frozen=True)
class Hostile:
    """The hostile base: where each payload stands, what validate said and what the build wrote."""

    root: Path
    body_line: int
    """The line of a playbook on which its payload starts."""
    report: dict[str, Any]
    build: Build

    @staticmethod
    def document(payload: Payload) -> str:
        """The project-relative path of the playbook that holds ``payload``."""
        return f"playbooks/draaiboeken/aanval-{payload.name}.md"

    @staticmethod
    def page(payload: Payload) -> str:
        """The project-relative path of the ordinary page that holds ``payload``."""
        return f"playbooks/aanval/{payload.name}.md"

    def codes(self, path: str, first: int, payload: Payload) -> set[str]:
        """The codes reported for ``path`` on the lines of ``payload`` starting at ``first``."""
        lines = range(first, first + payload.markdown.count("\n") + 1)
        return {d["code"] for d in self.report["diagnostics"] if d["path"] == path and d["line"] in lines}


def hostile_config() -> str:
    """The small test site's configuration with the bundled site's Markdown extensions."""
    extensions = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))["markdown_extensions"]
    return SMALL_CONFIG + yaml.safe_dump({"markdown_extensions": extensions})


@pytest.fixture(scope="session")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Hostile:
    """Every payload in a playbook and in an ordinary page, and every harmless look-alike in a page of its own."""
    root = make_project(tmp_path_factory.mktemp("hostile") / "kb")
    (root / "mkdocs.yml").write_text(hostile_config(), encoding="utf-8")
    frontmatter = (VALID_BASE / PLAYBOOK).read_text(encoding="utf-8").split("---\n", 2)[1]
    head = f"---\n{frontmatter}---\n{LEAD}"
    (root / "playbooks/aanval").mkdir()
    for payload in PAYLOADS:
        (root / Hostile.document(payload)).write_text(f"{head}{payload.markdown}\n", encoding="utf-8")
        (root / Hostile.page(payload)).write_text(f"{PAGE_LEAD}{payload.markdown}\n", encoding="utf-8")
    for number, text in enumerate(HARMLESS):
        (root / f"playbooks/onschuldig-{number}.md").write_text(f"{PAGE_LEAD}{text}\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", str(root), "--format", "json", "--today", "2026-01-01"])
    assert "Traceback" not in result.output, result.output
    build = run_mkdocs(root / "mkdocs.yml", root / "site", strict=False)
    assert build.returncode == 0, build.log
    return Hostile(root, head.count("\n") + 1, json.loads(result.stdout), build)


@pytest.fixture(scope="module")
def hostile_served(hostile: Hostile) -> Iterator[str]:
    """The hostile site, served for the browser."""
    with serve(hostile.build.site) as url:
        yield url
