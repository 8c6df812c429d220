"""What ``esfkb match`` and ``esfkb compose`` print, as text and as JSON: formatters of the matcher's results.

In the core, so that any face (the CLI today) prints the same; the frame of the text is in the tool's
language (:mod:`esfkb.i18n`), the reasons are Dutch, as the matchmakers read them. JSON keys are stable.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from esfkb.i18n import _, ngettext

if TYPE_CHECKING:
    from collections.abc import Sequence
    from datetime import date

    from esfkb.base.knowledge_base import KnowledgeBase
    from esfkb.matching import DraftCheck, Fit, RegistrationMatches, Suggestion


# --- text ------------------------------------------------------------------------------------------

def pilot_text(kb: KnowledgeBase, pilot_id: str, suggestions: Sequence[Suggestion]) -> str:
    """The suggestions for a pilot, under a header naming it."""
    return _pilot_header(kb, pilot_id) + _suggestions_text(suggestions, _("No registration would improve this pilot."))


def pilot_json(pilot_id: str, today: date, suggestions: Sequence[Suggestion]) -> str:
    """The suggestions for a pilot as JSON (stable keys)."""
    return _dump({"pilot": pilot_id, "today": today.isoformat(),
                  "suggestions": [_suggestion_record(s) for s in suggestions]})


def _pilot_header(kb: KnowledgeBase, pilot_id: str) -> str:
    from esfkb.model.models import Proeftuin

    model = kb.documents[pilot_id].model
    assert isinstance(model, Proeftuin)
    return (_("Suggestions for {id}: {title}").format(id=pilot_id, title=model.titel) + "\n"
            + _("status {status}, ecosysteem {ecosystem}").format(status=model.status.value,
                                                                  ecosystem=model.ecosysteem.value) + "\n\n")


def _ranked_text(rows: Sequence[tuple[str, float, str, Sequence[str]]], empty: str) -> str:
    """Numbered (id, score, name, reasons) rows with the reasons indented below each."""
    if not rows:
        return f"{empty}\n"
    lines = []
    for rank, (key, score, name, reasons) in enumerate(rows, 1):
        lines.append(f"{rank:>2}. {key}  {score:.2f}  {name}")
        lines.extend(f"    - {reason}" for reason in reasons)
    return "\n".join(lines) + "\n"


def _suggestions_text(suggestions: Sequence[Suggestion], empty: str) -> str:
    return _ranked_text([(s.registratie, s.score, f"{s.naam} ({s.economie.label.lower()})", s.reasons)
                         for s in suggestions], empty)


def _fits_text(fits: Sequence[Fit], empty: str) -> str:
    return _ranked_text([(f.id, f.score, f.titel, f.reasons) for f in fits], empty)


def registration_text(m: RegistrationMatches) -> str:
    """What fits one registration: pilots, partners and published business models, each ranked with reasons."""
    none = "  " + _("none")
    parts = [_("Matches for {id}: {name} ({economy})").format(id=m.registratie, name=m.naam,
                                                             economy=m.economie.label.lower()) + "\n"]
    if m.blocked:
        parts.append(_("Not proposed for pilots or partners: {reason}").format(reason=m.blocked) + "\n")
    else:
        parts.append("\n" + _("Pilots (verkenning, samenstelling, ontwerp)") + "\n")
        parts.append(_fits_text(m.pilots, none))
        parts.append("\n" + _("Partners") + "\n")
        parts.append(_suggestions_text(m.partners, none))
    parts.append("\n" + _("Published business models") + "\n")
    parts.append(_fits_text(m.models, none))
    return "".join(parts)


def draft_text(check: DraftCheck, suggestions: Sequence[Suggestion]) -> str:
    """A draft composition's check, what is missing, whose consent lacks, and who could complete it."""
    c = check.composition
    lines = [ngettext("Draft of {size} participant: {social} social, {regular} regular, {neutral} neutral",
                      "Draft of {size} participants: {social} social, {regular} regular, {neutral} neutral",
                      c.size).format(size=c.size, social=c.social, regular=c.regular, neutral=c.neutral)]
    if len(check.deelnemers) > c.size:
        lines[0] += " " + _("({count} not counted: see Consent)").format(count=len(check.deelnemers) - c.size)
    judged = ((_("mixed"), check.mixed), (_("balanced"), check.balanced), (_("workable"), check.workable))
    width = max(len(name) for name, _value in judged) + 1
    yes, no = _("yes"), _("no")
    for name, value in judged:
        lines.append(f"  {name:<{width}} {yes if value else no}")
    if check.missing:
        lines.append(_("Missing"))
        lines.extend(f"  - {text}" for text in check.missing)
    if check.consent:
        lines.append(_("Consent"))
        lines.extend(f"  - {text}" for text in check.consent)
    lines.append(_("The draft breaks no composition rule.") if check.ok else _("The draft breaks a composition rule."))
    text = "\n".join(lines) + "\n"
    if suggestions:
        text += "\n" + _("Suggestions") + "\n" + _suggestions_text(suggestions, "")
    return text


# --- json ------------------------------------------------------------------------------------------

def _dump(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _suggestion_record(s: Suggestion) -> dict[str, Any]:
    return {"registratie": s.registratie, "naam": s.naam, "economie": s.economie.value, "score": s.score,
            "reasons": list(s.reasons)}


def _fit_record(fit: Fit) -> dict[str, Any]:
    return {"id": fit.id, "titel": fit.titel, "score": fit.score, "reasons": list(fit.reasons)}


def registration_json(m: RegistrationMatches) -> str:
    """:func:`registration_text` as JSON (stable keys)."""
    return _dump({
        "registratie": m.registratie, "naam": m.naam, "economie": m.economie.value, "blocked": m.blocked,
        "pilots": [_fit_record(f) for f in m.pilots], "partners": [_suggestion_record(s) for s in m.partners],
        "models": [_fit_record(f) for f in m.models],
    })


def draft_json(check: DraftCheck, suggestions: Sequence[Suggestion]) -> str:
    """:func:`draft_text` as JSON (stable keys)."""
    c = check.composition
    return _dump({
        "deelnemers": list(check.deelnemers),
        "composition": {"social": c.social, "regular": c.regular, "neutral": c.neutral, "size": c.size},
        "mixed": check.mixed, "balanced": check.balanced, "workable": check.workable, "ok": check.ok,
        "missing": list(check.missing), "consent": list(check.consent),
        "suggestions": [_suggestion_record(s) for s in suggestions],
    })
