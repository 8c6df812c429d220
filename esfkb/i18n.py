"""The language the tool speaks: Dutch by default, English when asked; messages from gettext catalogues.

Messages are written in English in the code, wrapped in :func:`_` (or :func:`ngettext`), and
translated through ``esfkb/locale/<lang>/LC_MESSAGES/esfkb.mo``; English needs no catalogue.
The language is decided once per process, by :func:`configure` (the CLI calls it with ``--lang``)
or, failing that, on the first message: ``ESFKB_LANG``, else the locale (``LC_ALL``, ``LC_MESSAGES``,
``LANG``, the first one set). A value starting with ``en`` means English, anything else Dutch.
Codes, JSON keys and SARIF rule ids never depend on it.
"""

from __future__ import annotations

import gettext
import os
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterator

DOMAIN = "esfkb"
LOCALE_DIR = Path(__file__).parent / "locale"
LANGUAGES = ("nl", "en")
"""The languages the tool speaks; the first is the default."""
ENVIRONMENT = ("ESFKB_LANG", "LC_ALL", "LC_MESSAGES", "LANG")
"""Where the language is read from, in order; the first variable that is set and not empty decides."""

class _Current:
    """The process's decision, taken by :func:`configure` (``language`` is None until then)."""

    language: str | None = None
    translations: gettext.NullTranslations = gettext.NullTranslations()


_SPEAKING: ContextVar[gettext.NullTranslations | None] = ContextVar("esfkb_speaking", default=None)
"""The translations :func:`speaking` sets for one block of code (in its thread only), else None."""


def _translations(chosen: str) -> gettext.NullTranslations:
    return (gettext.NullTranslations() if chosen == "en"
            else gettext.translation(DOMAIN, LOCALE_DIR, languages=[chosen]))


def configure(requested: str | None = None) -> str:
    """Decide the language: ``requested`` (``nl`` or ``en``), else the environment; return it."""
    chosen = requested or language_of_environment()
    _Current.translations = _translations(chosen)
    _Current.language = chosen
    return chosen


@contextmanager
def speaking(chosen: str) -> Iterator[None]:
    """Messages in ``chosen`` within the block, whatever the tool's language: the site's texts are Dutch.

    Only the current thread (context) is affected; a log line written at the same time elsewhere keeps the
    tool's language.
    """
    token = _SPEAKING.set(_translations(chosen))
    try:
        yield
    finally:
        _SPEAKING.reset(token)


def language_of_environment() -> str:
    """``en`` when the first of :data:`ENVIRONMENT` that is set starts with ``en``; else Dutch."""
    value = next((os.environ[name] for name in ENVIRONMENT if os.environ.get(name)), "")
    return "en" if value.lower().startswith("en") else LANGUAGES[0]


def language() -> str:
    """The language messages are in (``nl`` or ``en``), decided now if it was not yet."""
    return _Current.language or configure()


def _active() -> gettext.NullTranslations:
    speaking_now = _SPEAKING.get()
    if speaking_now is not None:
        return speaking_now
    if _Current.language is None:
        configure()
    return _Current.translations


def _(message: str) -> str:
    """``message`` in the tool's language."""
    return _active().gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """``singular`` or ``plural``, as ``n`` asks in the tool's language."""
    return _active().ngettext(singular, plural, n)


def N_(message: str) -> str:  # noqa: N802 - the gettext convention extractors know
    """Mark ``message`` for the catalogue without translating it now: it is translated where it is shown."""
    return message
