"""What ``esfkb rules`` prints: the catalogue of diagnostic codes, or one code explained, in the tool's language."""

from __future__ import annotations

from typing import TYPE_CHECKING

from esfkb.i18n import _

if TYPE_CHECKING:
    from esfkb.checks.diagnostics import Code, Severity


def severity_word(severity: Severity) -> str:
    """``error`` or ``warning`` in the tool's language."""
    return _("error") if severity.value == "error" else _("warning")


def code_text(code: Code) -> str:
    """One code: its name and severity, its summary and what it means."""
    return f"{code.code} {code.name} ({severity_word(code.severity)})\n{_(code.summary)}\n\n{_(code.explanation)}\n"


def catalogue_text(codes: dict[str, Code]) -> str:
    """One line per code: code, severity, name and summary."""
    return "".join(f"{c.code}  {severity_word(c.severity):<7}  {c.name:<34} {_(c.summary)}\n" for c in codes.values())
