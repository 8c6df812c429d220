"""Reporters: one validation result, four formats (text, json, github, sarif), deterministic.

Messages and the summary are in the tool's language (:mod:`esfkb.i18n`), SARIF's rule descriptions too (and its
run names the language); codes, rule ids and names, JSON keys and the structure are the same in every language.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from esfkb.checks.diagnostics import Severity
from esfkb.i18n import _, language, ngettext

if TYPE_CHECKING:
    from collections.abc import Callable

    from esfkb.checks.diagnostics import Code
    from esfkb.checks.validation import ValidationResult

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def report_text(result: ValidationResult, catalogue: dict[str, Code]) -> str:
    """``path:line:column: CODE message`` lines, then a one-line summary."""
    lines = [f"{d.path}:{d.line}:{d.column}: {d.code} {d.message}" for d in result.diagnostics]
    lines.append(summary(result))
    return "\n".join(lines) + "\n"


def summary(result: ValidationResult) -> str:
    """``51 documents checked: 0 errors, 2 warnings``, in the tool's language."""
    return _("{documents} checked: {errors}, {warnings}").format(
        documents=ngettext("{count} document", "{count} documents", result.documents).format(count=result.documents),
        errors=ngettext("{count} error", "{count} errors", result.errors).format(count=result.errors),
        warnings=ngettext("{count} warning", "{count} warnings", result.warnings).format(count=result.warnings))


def report_json(result: ValidationResult, catalogue: dict[str, Code]) -> str:
    """Exactly one JSON object: counts and the diagnostics."""
    payload = {
        "documents": result.documents,
        "errors": result.errors,
        "warnings": result.warnings,
        "diagnostics": [
            {"code": d.code, "severity": d.severity.value, "path": d.path, "line": d.line,
             "column": d.column, "message": d.message}
            for d in result.diagnostics
        ],
    }
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def report_github(result: ValidationResult, catalogue: dict[str, Code]) -> str:
    """GitHub Actions workflow commands: one annotation per diagnostic, then the summary."""
    lines = [
        f"::{d.severity.value} file={_escape_property(d.path)},line={d.line},col={d.column},"
        f"title={_escape_property(d.code)}::{_escape_data(d.message)}"
        for d in result.diagnostics
    ]
    lines.append(f"esfkb: {summary(result)}")
    return "\n".join(lines) + "\n"


def report_sarif(result: ValidationResult, catalogue: dict[str, Code]) -> str:
    """SARIF 2.1.0 for code scanning, with the rule metadata of the whole catalogue."""
    from esfkb import __version__

    codes = list(catalogue.values())
    index = {code.code: i for i, code in enumerate(codes)}
    rules = [
        {
            "id": code.code,
            "name": code.name,
            "shortDescription": {"text": _(code.summary)},
            "fullDescription": {"text": _(code.explanation)},
            "help": {"text": _(code.explanation)},
            "defaultConfiguration": {"level": _level(code.severity)},
        }
        for code in codes
    ]
    results = []
    for d in result.diagnostics:
        entry: dict[str, object] = {
            "ruleId": d.code,
            "level": _level(d.severity),
            "message": {"text": d.message},
            "locations": [{
                "physicalLocation": {
                    "artifactLocation": {"uri": d.path, "uriBaseId": "%SRCROOT%"},
                    "region": {"startLine": max(d.line, 1), "startColumn": max(d.column, 1)},
                }
            }],
        }
        if d.code in index:
            entry["ruleIndex"] = index[d.code]
        results.append(entry)
    sarif = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "esfkb", "version": __version__, "rules": rules}},
            "columnKind": "unicodeCodePoints",
            "language": language(),
            "results": results,
        }],
    }
    return json.dumps(sarif, ensure_ascii=False, indent=2) + "\n"


def _level(severity: Severity) -> str:
    return "error" if severity == Severity.ERROR else "warning"


REPORTERS: dict[str, Callable[[ValidationResult, dict[str, Code]], str]] = {
    "text": report_text,
    "json": report_json,
    "github": report_github,
    "sarif": report_sarif,
}
"""Reporter by ``--format`` name."""
