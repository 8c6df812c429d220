"""Property-based: random and mutated frontmatter never raises and always yields located diagnostics.

Hostile scalars too (#17): numbers Python or JSON cannot hold (4,301 digits, 1e999), escapes that write NUL,
terminal escapes or surrogates, and the Unicode format characters (soft hyphen, zero-width, bidi controls), in
keys and values, through the parser and the schema check, and through every face of a whole base.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from esfkb.base.knowledge_base import load_knowledge_base
from esfkb.browse.cards import build_card, render_card
from esfkb.browse.listing import FORMATS as LIST_FORMATS
from esfkb.browse.listing import list_documents
from esfkb.checks.schema_check import check_frontmatter
from esfkb.checks.validation import validate
from esfkb.config import load_project
from esfkb.model.builtin_kinds import DRAAIBOEK, PROEFTUIN
from esfkb.model.frontmatter import parse_document
from esfkb.portfolio.figures import portfolio
from esfkb.portfolio.report import FORMATS as REPORT_FORMATS
from esfkb.site.catalog import api_files
from esfkb.site.context import SiteContext
from tests.conftest import VALID_BASE

SAMPLES = [
    (VALID_BASE / "playbooks/draaiboeken/enclave-opstarten.md").read_bytes(),
    (VALID_BASE / "playbooks/proeftuinen/enclave-kempen.md").read_bytes(),
]
YAML_BITS = st.sampled_from([
    b":", b"- ", b"  ", b"\t", b"\n", b"---\n", b"&a ", b"*a", b"!!str ", b"!!python/name:x ", b"[", b"]",
    b"{", b"}", b'"', b"'", b"#", b"|", b">-", b"? ", b"\xff", b"\xef\xbb\xbf", b"\r\n", b"0123", b"1.0",
    b"no", b"2024-02-30", b"TODO", b"<script>", b"%YAML 1.1\n", b"\x00",
])
FORMAT_CHARACTERS = ["\u00ad", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u202a", "\u202e", "\u2066",
                     "\u2069", "\u061c", "\u2028", "\u0085", "\u00a0"]
"""Soft hyphen, zero-width characters, word joiner, BOM, bidi embeddings and isolates, line separators."""
HOSTILE_SCALARS = st.sampled_from([
    "9" * 4301, "-" + "9" * 5000, "9007199254740991", "9007199254740992", "-9007199254740992", "1e999", "-1e999",
    "1e308", "1e-999", ".inf", "-.inf", ".nan", "NaN", "0x1F", "1_000", "+1", "-0", "0.", "1" * 400 + ".5",
    '"\\0"', '"a\\eb"', '"\\x9b[31m"', '"\\ud800"', '"\\U0000DFFF"', '"\\uFFFE"', '"\\a\\b\\v"', '"\\N\\_\\L\\P"',
    '"1.0.' + "9" * 5000 + '"', '"' + "9" * 5000 + '"', '"con"', "nul", "=HYPERLINK(1)",
    *FORMAT_CHARACTERS, *(f'"x{c}y"' for c in FORMAT_CHARACTERS), *(f"x{c}y" for c in FORMAT_CHARACTERS),
])


def _hostile(sample: bytes, line: int, scalar: str, as_key: bool) -> bytes:
    """``sample`` with the value on (about) ``line`` replaced by ``scalar``, or ``scalar`` added there as a key."""
    lines = sample.decode("utf-8").split("\n")
    at = 1 + line % max(1, lines.index("---", 1) - 1)
    indent, _, value = lines[at].partition(": ")
    if as_key:
        lines.insert(at, f"{indent[:len(indent) - len(indent.lstrip(' -'))]}{scalar}: x")
    elif value:
        lines[at] = f"{indent}: {scalar}"
    return "\n".join(lines).encode("utf-8")


def _check(raw: bytes) -> None:
    for kind in (DRAAIBOEK, PROEFTUIN):
        parsed = parse_document(raw)
        for problem in parsed.problems:
            assert problem.position.line >= 1 and problem.position.column >= 1 and problem.message
        if parsed.data is not None:
            _, problems = check_frontmatter(kind.model, parsed)
            for _code, position, message in problems:
                assert position.line >= 1 and position.column >= 1 and message


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=400))
def test_random_bytes(raw):
    _check(b"---\n" + raw + b"\n---\nbody\n")
    _check(raw)


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(SAMPLES), st.lists(st.tuples(st.integers(0, 2000), YAML_BITS, st.integers(0, 8)),
                                          min_size=1, max_size=6))
def test_mutated_documents(sample, mutations):
    raw = bytearray(sample)
    for position, bit, cut in mutations:
        at = position % (len(raw) + 1)
        raw[at:at + cut] = bit
    _check(bytes(raw))


@settings(max_examples=150, deadline=None)
@given(st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4),
    max_leaves=25,
))
def test_arbitrary_structures_against_every_model(value):
    import yaml

    text = yaml.safe_dump({"titel": value, "fasen": value, "deelnemers": value}, allow_unicode=True)
    _check(("---\n" + text + "---\n").encode("utf-8"))


@settings(max_examples=400, deadline=None)
@given(st.sampled_from(SAMPLES), st.integers(0, 60), HOSTILE_SCALARS, st.booleans())
def test_hostile_scalars_in_keys_and_values(sample, line, scalar, as_key):
    _check(_hostile(sample, line, scalar, as_key))


def _faces(root: Path) -> None:
    """Validate the base and run what every face prints: each diagnostic located, every JSON strict."""
    kb = load_knowledge_base(load_project(root))
    for diagnostic in validate(kb).diagnostics:
        assert diagnostic.path and diagnostic.line >= 1 and diagnostic.column >= 1 and diagnostic.message
    outputs = [json.dumps(build_card(kb, d).as_dict(), allow_nan=False) for d in kb.documents.values()]
    outputs += [render_card(build_card(kb, d)) for d in kb.documents.values()]
    outputs += [render(list_documents(kb, kind)) for kind in kb.kinds.kinds for render in LIST_FORMATS.values()]
    outputs += [render(portfolio(kb.documents.values(), kb.kinds, kb.project.settings.small_cell))
                for render in REPORT_FORMATS.values()]
    outputs += [make() for make in api_files(SiteContext(kb)).values()]
    for text in outputs:
        if text.lstrip().startswith(("{", "[")):
            json.loads(text, parse_constant=lambda constant: _refuse(f"{constant} in JSON output"))
        assert "\x00" not in text and "\x1b" not in text


def _refuse(message: str) -> None:
    raise AssertionError(message)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(["proeftuinen/enclave-kempen.md", "draaiboeken/enclave-opstarten.md",
                        "businessmodellen/enclave-distributie.md", "registraties/kempenwerk.md"]),
       st.integers(0, 60), HOSTILE_SCALARS, st.booleans())
def test_hostile_scalars_through_every_face(rel, line, scalar, as_key):
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "kb"
        shutil.copytree(VALID_BASE, root)
        target = root / "playbooks" / rel
        target.write_bytes(_hostile(target.read_bytes(), line, scalar, as_key))
        _faces(root)
