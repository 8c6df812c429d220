"""The frontmatter parser: positions, YAML typing and hostile input, all without exceptions."""

from __future__ import annotations

import time
import tracemalloc

from esfkb.model.frontmatter import Position, parse_document


def codes(raw: bytes) -> list[str]:
    return [p.code for p in parse_document(raw).problems]


def test_positions_of_keys_and_nested_values():
    parsed = parse_document(b"---\ntitel: A\ndeelnemers:\n  - registratie: x\n    rol: partner\n---\nbody\n")
    assert parsed.key_positions[("titel",)] == Position(2, 1)
    assert parsed.key_positions[("deelnemers", 0, "registratie")] == Position(4, 5)
    assert parsed.value_positions[("deelnemers", 0, "rol")] == Position(5, 10)
    assert parsed.body == "body\n" and parsed.body_line == 7


def test_position_of_missing_path_falls_back_to_parent():
    parsed = parse_document(b"---\ncanvas:\n  context: x\n---\n")
    assert parsed.position_of(("canvas", "kosten")) == Position(2, 1)
    assert parsed.position_of(("nothing",)) == Position(1, 1)


def test_implicit_typing_keeps_values_intact():
    parsed = parse_document(
        b"---\nkbo: 0417497106\nja: yes\nnee: no\nd: 2024-05-01\nn: 5\nf: 1.5\nleeg:\nv: 1.0.0\noct: 0o17\n---\n"
    )
    assert parsed.data == {
        "kbo": "0417497106", "ja": "yes", "nee": "no", "d": "2024-05-01", "n": 5, "f": 1.5,
        "leeg": None, "v": "1.0.0", "oct": "0o17",
    }
    assert parsed.raw_scalars[("f",)] == "1.5"


def test_quoted_scalars_stay_text():
    assert parse_document(b'---\nn: "5"\nb: \'true\'\n---\n').data == {"n": "5", "b": "true"}


def test_bom_and_crlf_are_accepted():
    parsed = parse_document(b"\xef\xbb\xbf---\r\ntitel: A\r\n---\r\nregel\r\n")
    assert parsed.problems == [] and parsed.data == {"titel": "A"} and parsed.body == "regel\n"


def test_each_hostile_input_has_its_code():
    assert codes(b"titel: A\n") == ["ESF001"]
    assert codes(b"---\ntitel: A\n") == ["ESF002"]
    assert codes(b"---\ntitel: [A\n---\n") == ["ESF003"]
    assert codes(b"---\na: 1\na: 2\n---\n") == ["ESF004"]
    assert codes(b"---\na: &x 1\nb: *x\n---\n") == ["ESF005"]
    assert codes(b"---\n- a\n---\n") == ["ESF006"]
    assert codes(b"---\n---\n") == ["ESF006"]
    assert codes(b"---\na: caf\xe9\n---\n") == ["ESF007"]
    assert codes(b"---\na:\n\tb: 1\n---\n") == ["ESF009"]
    assert codes(b"---\na: !!binary aGVsbG8=\n---\n") == ["ESF010"]
    assert codes(b"---\n? [a, b]\n: 1\n---\n") == ["ESF003"]


def test_size_limit_is_checked_before_parsing():
    problems = parse_document(b"---\na: " + b"x" * 100 + b"\n---\n", max_size=50).problems
    assert [p.code for p in problems] == ["ESF008"]


def test_duplicate_key_keeps_first_value_and_names_first_line():
    parsed = parse_document(b"---\na: 1\nb: 2\na: 3\n---\n")
    assert parsed.data == {"a": 1, "b": 2}
    assert "first at line 2" in parsed.problems[0].message and parsed.problems[0].position == Position(4, 1)


def test_deep_nesting_is_refused():
    raw = b"---\na: " + b"[" * 200 + b"]" * 200 + b"\n---\n"
    assert "ESF003" in codes(raw)


def test_billion_laughs_is_rejected_fast_in_bounded_memory():
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 10):
        prev, cur = chr(96 + i), chr(97 + i)
        lines.append(f"{cur}: &{cur} [" + ",".join(f"*{prev}" for _ in range(9)) + "]")
    raw = ("---\n" + "\n".join(lines) + "\n---\n").encode()
    tracemalloc.start()
    started = time.perf_counter()
    problems = parse_document(raw).problems
    elapsed = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert [p.code for p in problems] == ["ESF005"]
    assert peak < 5_000_000 and elapsed < 5  # generous bounds: the expansion would need gigabytes


def test_numbers_beyond_what_json_keeps_exact_are_refused_where_they_stand():
    largest = 2**53 - 1
    assert parse_document(f"---\na: {largest}\nb: -{largest}\nf: 1e308\n---\n".encode()).data == {
        "a": largest, "b": -largest, "f": 1e308}
    for number in (largest + 1, -largest - 1, "9" * 17, "9" * 4301, "1e999", "-1e999", "9" * 400 + ".5"):
        parsed = parse_document(f"---\ntitel: A\nwaarde: {number}\n---\n".encode())
        assert [(p.code, p.position) for p in parsed.problems] == [("ESF016", Position(3, 9))], number
        assert len(parsed.problems[0].message) < 200 and parsed.data == {"titel": "A", "waarde": None}
    assert parse_document(b'---\nwaarde: "' + b"9" * 5000 + b'"\n---\n').problems == []


def test_escapes_that_write_what_yaml_refuses_in_a_file_are_refused():
    for escape in ("\\0", "\\e[31m", "\\x7f", "\\x9b", "\\uFFFE", "\\a"):
        raw = f'---\ntitel: A\nb: "rood {escape}"\n"sleutel {escape}": 1\n---\n'.encode()
        assert [(p.code, p.position) for p in parse_document(raw).problems] == [
            ("ESF016", Position(3, 4)), ("ESF016", Position(4, 1))], escape
    assert parse_document(b'---\na: "\\t\\n\\u00ad\\u200b\\u202e\\U0001F600\\N\\_"\n---\n').problems == []
