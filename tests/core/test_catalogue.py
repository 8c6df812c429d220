"""The Dutch catalogue: every message extracted from the code has a Dutch translation; the .mo is compiled from it."""

from __future__ import annotations

import io
import re

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from esfkb import i18n
from tests.conftest import REPO

PO = i18n.LOCALE_DIR / "nl" / "LC_MESSAGES" / f"{i18n.DOMAIN}.po"
FIELD_RE = re.compile(r"\{\w*\}")


def _catalogue():
    with PO.open("rb") as file:
        return read_po(file, locale="nl")


def _extracted() -> set[str | tuple[str, ...]]:
    """The msgids pybabel extracts with babel.cfg (Python files of the esfkb package and of the MkDocs plugin)."""
    return {message for folder in ("esfkb", "plugins") for _file, _line, message, _comments, _context
            in extract_from_dir(REPO / folder, method_map=[("**.py", "python")])}


def test_every_extracted_message_has_a_dutch_translation() -> None:
    catalogue = _catalogue()
    extracted = _extracted()
    translated = {message.id for message in catalogue if message.id}
    assert sorted(map(str, extracted - translated)) == [], "run pybabel extract and update (README: Languages)"
    assert sorted(map(str, translated - extracted)) == [], "messages the code no longer has: pybabel update drops them"
    for message in catalogue:
        if not message.id:
            continue
        assert not message.fuzzy, message.id
        forms = message.string if isinstance(message.string, tuple) else (message.string,)
        assert all(forms), f"no Dutch for {message.id!r}"
        sources = message.id if isinstance(message.id, tuple) else (message.id,)
        assert {f for f in FIELD_RE.findall(forms[-1])} == set(FIELD_RE.findall(sources[-1])), message.id


def test_the_compiled_catalogue_is_up_to_date() -> None:
    compiled = io.BytesIO()
    write_mo(compiled, _catalogue())
    assert PO.with_suffix(".mo").read_bytes() == compiled.getvalue(), "run pybabel compile (README: Languages)"


@pytest.mark.parametrize(("environment", "expected"), [
    ({}, "nl"),
    ({"LANG": "en_GB.UTF-8"}, "en"),
    ({"LANG": "nl_BE.UTF-8"}, "nl"),
    ({"LANG": "C.UTF-8"}, "nl"),
    ({"LANG": "fr_BE.UTF-8"}, "nl"),
    ({"LC_MESSAGES": "en_US.UTF-8", "LANG": "nl_BE.UTF-8"}, "en"),
    ({"LC_ALL": "nl_BE.UTF-8", "LC_MESSAGES": "en_US.UTF-8"}, "nl"),
    ({"LC_ALL": "", "LANG": "en_US.UTF-8"}, "en"),
    ({"ESFKB_LANG": "nl", "LC_ALL": "en_US.UTF-8"}, "nl"),
    ({"ESFKB_LANG": "en", "LANG": "nl_BE.UTF-8"}, "en"),
])
def test_the_language_comes_from_the_environment(monkeypatch, environment, expected) -> None:
    for name in i18n.ENVIRONMENT:
        monkeypatch.delenv(name, raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    assert i18n.language_of_environment() == expected


def test_dutch_and_english_messages() -> None:
    i18n.configure("nl")
    assert i18n.language() == "nl"
    assert i18n.ngettext("{count} error", "{count} errors", 2).format(count=2) == "2 fouten"
    assert i18n._("no pilot") == "geen proeftuin"
    i18n.configure("en")
    assert i18n.ngettext("{count} error", "{count} errors", 1).format(count=1) == "1 error"
