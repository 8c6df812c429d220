"""``esfkb match`` and ``esfkb compose``: who to approach next, and whether a draft holds up.

Thin faces over :mod:`esfkb.matching`: parse the options, call the core, print what its formatters
(:mod:`esfkb.matching.output`) return.
"""

from __future__ import annotations

import sys
from datetime import date

import click

from esfkb.cli.common import EXIT_CONTENT, IsoDateType, core_errors, open_knowledge_base
from esfkb.cli.texts import command, option
from esfkb.i18n import N_, _
from esfkb.matching.output import draft_json, draft_text, pilot_json, pilot_text, registration_json, registration_text
from esfkb.model.vocabulary import Ecosysteem, Provincie, Samenwerkingsvorm

_FORMAT = option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
                 help=N_("Output format."))
_TODAY = option("--today", type=IsoDateType(), default=None,
                help=N_("The date consent and retention are judged on (default: today)."))


@command("match", help=N_(
    "Suggest the registrations that would improve PILOT most, each with its reasons.\n\n"
    "Only registrations that may be approached are suggested: consent for samenstelling_proeftuin, not withdrawn, "
    "within retention, not yet a participant. With --registratie, list what fits one registration instead: open "
    "pilots, partners of the other side and published business models."), examples=[
    "esfkb match sociaal-aankopen-leuven",
    "esfkb match jobcarving-bouw-brussel --top 3 --format json",
    "esfkb match --registratie houtatelier-meetjesland",
])
@click.argument("pilot", required=False)
@option("--registratie", metavar="ID", default=None,
        help=N_("Instead of a pilot: the pilots, partners and business models that fit this registration."))
@option("--top", type=click.IntRange(min=1), default=10, show_default=True, help=N_("Suggestions per list."))
@_FORMAT
@_TODAY
def match_command(pilot: str | None, registratie: str | None, top: int, fmt: str, today: date | None) -> None:
    """``esfkb match``: suggestions for a pilot, or what fits one registration."""
    from esfkb.matching import match_registration, suggest

    if (pilot is None) == (registratie is None):
        raise click.UsageError(_("give either a PILOT or --registratie ID"))
    kb = open_knowledge_base()
    day = today or date.today()
    with core_errors():
        if registratie is not None:
            matches = match_registration(kb, registratie, today=day, top=top)
            click.echo(registration_json(matches) if fmt == "json" else registration_text(matches), nl=False)
            return
        assert pilot is not None  # the usage check above leaves a pilot here
        suggestions = suggest(kb, pilot, today=day, top=top)
    click.echo(pilot_json(pilot, day, suggestions) if fmt == "json" else pilot_text(kb, pilot, suggestions), nl=False)


@command("compose", help=N_(
    "Check a draft composition against the composition rules and say what is missing.\n\n"
    "Mixed (both economies), balanced (no side above the share in mkdocs.yml from the given size on), workable "
    "(size within bounds), consent of every participant, a maatwerkbedrijf for an enclave. Exit 1 when the draft "
    "breaks a rule; the suggestions say who could fix it."), examples=[
    "esfkb compose --deelnemer kempenwerk --deelnemer werkplaats-mijnstreek",
    "esfkb compose --deelnemer logistiek-olen --samenwerkingsvorm enclave --ecosysteem regionaal",
])
@option("--deelnemer", "deelnemers", metavar="ID", multiple=True, required=True,
        help=N_("The registration id of a participant; repeat for each participant."))
@option("--ecosysteem", type=click.Choice([e.value for e in Ecosysteem]), default=None,
        help=N_("The ecosystem level the pilot will have (sharpens the suggestions)."))
@option("--samenwerkingsvorm", "vormen", type=click.Choice([v.value for v in Samenwerkingsvorm]),
        metavar="VORM", multiple=True,
        help=N_("A samenwerkingsvorm the pilot will try out, e.g. enclave (checked); repeatable."))
@option("--provincie", "provincies", type=click.Choice([p.value for p in Provincie]), metavar="PROVINCIE",
        multiple=True, help=N_("A province the pilot will run in, e.g. limburg; repeatable."))
@option("--top", type=click.IntRange(min=0), default=5, show_default=True,
        help=N_("Suggestions to complete the draft (0: none)."))
@_FORMAT
@_TODAY
def compose_command(  # noqa: PLR0917 - click passes every option by position
    deelnemers: tuple[str, ...], ecosysteem: str | None, vormen: tuple[str, ...], provincies: tuple[str, ...],
    top: int, fmt: str, today: date | None,
) -> None:
    """``esfkb compose``: check a draft against the composition rules, with suggestions to complete it."""
    from esfkb.matching import Draft, check_draft, suggest

    kb = open_knowledge_base()
    day = today or date.today()
    draft = Draft(deelnemers, Ecosysteem(ecosysteem) if ecosysteem else None,
                  tuple(Samenwerkingsvorm(v) for v in vormen), tuple(Provincie(p) for p in provincies))
    with core_errors():
        check = check_draft(kb, draft, today=day)
        suggestions = suggest(kb, draft, today=day, top=top) if top else ()
    click.echo(draft_json(check, suggestions) if fmt == "json" else draft_text(check, suggestions), nl=False)
    if not check.ok:
        sys.exit(EXIT_CONTENT)
