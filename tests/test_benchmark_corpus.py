"""The benchmark's generated corpus: a valid knowledge base, the same for the same seed, with varied text."""

from __future__ import annotations

from collections import Counter

from benchmarks.generate import generate
from esfkb.base.knowledge_base import load_knowledge_base
from esfkb.checks.diagnostics import Severity
from esfkb.checks.validation import validate
from esfkb.config import load_project


def test_a_generated_base_is_valid_and_deterministic(tmp_path):
    first = generate(80, tmp_path / "a")
    second = generate(80, tmp_path / "b")
    files = sorted(p.relative_to(first).as_posix() for p in first.rglob("*.md"))
    assert files == sorted(p.relative_to(second).as_posix() for p in second.rglob("*.md"))
    assert all((first / f).read_bytes() == (second / f).read_bytes() for f in files)
    kb = load_knowledge_base(load_project(first))
    assert len(kb.documents) == 80
    errors = [d for d in validate(kb).diagnostics if d.severity == Severity.ERROR]
    assert errors == []


def test_generated_text_has_the_spread_of_real_text(tmp_path):
    """Common words in most documents, most words in few: what the search index must scale with."""
    root = generate(200, tmp_path / "kb")
    in_documents: Counter[str] = Counter()
    for path in (root / "playbooks").rglob("*.md"):
        in_documents.update(set(path.read_text(encoding="utf-8").lower().split()))
    documents = 200
    common = [word for word, n in in_documents.items() if n > documents * 0.8]
    rare = [word for word, n in in_documents.items() if n <= 2]
    assert 0 < len(common) < 200
    assert len(rare) > len(in_documents) / 2
