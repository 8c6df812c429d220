"""``esfkb match`` and ``esfkb compose``: who to approach next, and whether a draft holds up.

Thin faces over :mod:`esfkb.matching`: parse the options, call the core, print. The frame of the
output is English like every command; the reasons are Dutch, as the matchmakers read them.
"""

from __future__ import annotations

import json
import sys
from datetime import date
from typing import TYPE_CHECKING, Any

import click

from esfkb.cli.common import EXIT_CONTENT, IsoDateType, core_errors, open_knowledge_base
from esfkb.model.vocabulary import Ecosysteem, Provincie, Samenwerkingsvorm

if TYPE_CHECKING:
    from collections.abc import Sequence

    from esfkb.base.knowledge_base import KnowledgeBase
    from esfkb.matching import DraftCheck, Fit, RegistrationMatches, Suggestion

_FORMAT = click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
                       help="Output format.")
_TODAY = click.option("--today", type=IsoDateType(), default=None,
                      help="The date consent and retention are judged on (default: today).")


@click.command("match")
@click.argument("pilot", required=False)
@click.option("--registratie", metavar="ID", default=None,
              help="Instead of a pilot: the pilots, partners and business models that fit this registration.")
@click.option("--top", type=click.IntRange(min=1), default=10, show_default=True, help="Suggestions per list.")
@_FORMAT
@_TODAY
def match_command(pilot: str | None, registratie: str | None, top: int, fmt: str, today: date | None) -> None:
    """Suggest the registrations that would improve PILOT most, each with its reasons.

    Only registrations that may be approached are suggested: consent for samenstelling_proeftuin,
    not withdrawn, within retention, not yet a participant. With --registratie, list what fits one
    registration instead: open pilots, partners of the other side and published business models.

    \b
    Examples:
      esfkb match sociaal-aankopen-leuven
      esfkb match jobcarving-bouw-brussel --top 3 --format json
      esfkb match --registratie houtatelier-meetjesland
    """
    from esfkb.matching import match_registration, suggest

    if (pilot is None) == (registratie is None):
        raise click.UsageError("give either a PILOT or --registratie ID")
    kb = open_knowledge_base()
    day = today or date.today()
    with core_errors():
        if registratie is not None:
            matches = match_registration(kb, registratie, today=day, top=top)
            click.echo(_registration_json(matches) if fmt == "json" else _registration_text(matches), nl=False)
            return
        assert pilot is not None  # the usage check above leaves a pilot here
        suggestions = suggest(kb, pilot, today=day, top=top)
    if fmt == "json":
        click.echo(_dump({"pilot": pilot, "today": day.isoformat(),
                          "suggestions": [_suggestion_record(s) for s in suggestions]}), nl=False)
    else:
        body = _suggestions_text(suggestions, "No registration would improve this pilot.")
        click.echo(_pilot_header(kb, pilot) + body, nl=False)


@click.command("compose")
@click.option("--deelnemer", "deelnemers", metavar="ID", multiple=True, required=True,
              help="The registration id of a participant; repeat for each participant.")
@click.option("--ecosysteem", type=click.Choice([e.value for e in Ecosysteem]), default=None,
              help="The ecosystem level the pilot will have (sharpens the suggestions).")
@click.option("--samenwerkingsvorm", "vormen", type=click.Choice([v.value for v in Samenwerkingsvorm]),
              metavar="VORM", multiple=True,
              help="A samenwerkingsvorm the pilot will try out, e.g. enclave (checked); repeatable.")
@click.option("--provincie", "provincies", type=click.Choice([p.value for p in Provincie]), metavar="PROVINCIE",
              multiple=True, help="A province the pilot will run in, e.g. limburg; repeatable.")
@click.option("--top", type=click.IntRange(min=0), default=5, show_default=True,
              help="Suggestions to complete the draft (0: none).")
@_FORMAT
@_TODAY
def compose_command(  # noqa: PLR0917 - click passes every option by position
    deelnemers: tuple[str, ...], ecosysteem: str | None, vormen: tuple[str, ...], provincies: tuple[str, ...],
    top: int, fmt: str, today: date | None,
) -> None:
    """Check a draft composition against the composition rules and say what is missing.

    Mixed (both economies), balanced (no side above the share in mkdocs.yml from the given size
    on), workable (size within bounds), consent of every participant, a maatwerkbedrijf for an
    enclave. Exit 1 when the draft breaks a rule; the suggestions say who could fix it.

    \b
    Examples:
      esfkb compose --deelnemer kempenwerk --deelnemer werkplaats-mijnstreek
      esfkb compose --deelnemer logistiek-olen --samenwerkingsvorm enclave --ecosysteem regionaal
    """
    from esfkb.matching import Draft, check_draft, suggest

    kb = open_knowledge_base()
    day = today or date.today()
    draft = Draft(deelnemers, Ecosysteem(ecosysteem) if ecosysteem else None,
                  tuple(Samenwerkingsvorm(v) for v in vormen), tuple(Provincie(p) for p in provincies))
    with core_errors():
        check = check_draft(kb, draft, today=day)
        suggestions = suggest(kb, draft, today=day, top=top) if top else ()
    click.echo(_draft_json(check, suggestions) if fmt == "json" else _draft_text(check, suggestions), nl=False)
    if not check.ok:
        sys.exit(EXIT_CONTENT)


# --- text ------------------------------------------------------------------------------------------

def _pilot_header(kb: KnowledgeBase, pilot_id: str) -> str:
    from esfkb.model.models import Proeftuin

    model = kb.documents[pilot_id].model
    assert isinstance(model, Proeftuin)
    return (f"Suggestions for {pilot_id}: {model.titel}\n"
            f"status {model.status.value}, ecosysteem {model.ecosysteem.value}\n\n")


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


def _registration_text(m: RegistrationMatches) -> str:
    parts = [f"Matches for {m.registratie}: {m.naam} ({m.economie.label.lower()})\n"]
    if m.blocked:
        parts.append(f"Not proposed for pilots or partners: {m.blocked}\n")
    else:
        parts.append("\nPilots (verkenning, samenstelling, ontwerp)\n")
        parts.append(_fits_text(m.pilots, "  none"))
        parts.append("\nPartners\n")
        parts.append(_suggestions_text(m.partners, "  none"))
    parts.append("\nPublished business models\n")
    parts.append(_fits_text(m.models, "  none"))
    return "".join(parts)


def _draft_text(check: DraftCheck, suggestions: Sequence[Suggestion]) -> str:
    c = check.composition
    lines = [f"Draft of {c.size} participant(s): {c.social} social, {c.regular} regular, {c.neutral} neutral"]
    if len(check.deelnemers) > c.size:
        lines[0] += f" ({len(check.deelnemers) - c.size} not counted: see Consent)"
    for name, value in (("mixed", check.mixed), ("balanced", check.balanced), ("workable", check.workable)):
        lines.append(f"  {name:<9} {'yes' if value else 'no'}")
    if check.missing:
        lines.append("Missing")
        lines.extend(f"  - {text}" for text in check.missing)
    if check.consent:
        lines.append("Consent")
        lines.extend(f"  - {text}" for text in check.consent)
    lines.append("The draft breaks no composition rule." if check.ok else "The draft breaks a composition rule.")
    text = "\n".join(lines) + "\n"
    if suggestions:
        text += "\nSuggestions\n" + _suggestions_text(suggestions, "")
    return text


# --- json ------------------------------------------------------------------------------------------

def _dump(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _suggestion_record(s: Suggestion) -> dict[str, Any]:
    return {"registratie": s.registratie, "naam": s.naam, "economie": s.economie.value, "score": s.score,
            "reasons": list(s.reasons)}


def _fit_record(fit: Fit) -> dict[str, Any]:
    return {"id": fit.id, "titel": fit.titel, "score": fit.score, "reasons": list(fit.reasons)}


def _registration_json(m: RegistrationMatches) -> str:
    return _dump({
        "registratie": m.registratie, "naam": m.naam, "economie": m.economie.value, "blocked": m.blocked,
        "pilots": [_fit_record(f) for f in m.pilots], "partners": [_suggestion_record(s) for s in m.partners],
        "models": [_fit_record(f) for f in m.models],
    })


def _draft_json(check: DraftCheck, suggestions: Sequence[Suggestion]) -> str:
    c = check.composition
    return _dump({
        "deelnemers": list(check.deelnemers),
        "composition": {"social": c.social, "regular": c.regular, "neutral": c.neutral, "size": c.size},
        "mixed": check.mixed, "balanced": check.balanced, "workable": check.workable, "ok": check.ok,
        "missing": list(check.missing), "consent": list(check.consent),
        "suggestions": [_suggestion_record(s) for s in suggestions],
    })
