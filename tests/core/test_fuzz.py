"""Property-based: random and mutated frontmatter never raises and always yields located diagnostics."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from esfkb.builtin_kinds import DRAAIBOEK, PROEFTUIN
from esfkb.frontmatter import parse_document
from esfkb.schema_check import check_frontmatter
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
