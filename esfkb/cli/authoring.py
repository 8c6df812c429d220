"""``esfkb new``, ``link``, ``unlink`` and ``rename``: writing the knowledge base without hand-editing relations."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import click

from esfkb.cli.common import core_errors, fail, open_knowledge_base, open_project, resolve_kind
from esfkb.cli.texts import command, option
from esfkb.i18n import N_, _, ngettext

if TYPE_CHECKING:
    from esfkb.authoring.linking import LinkOutcome
    from esfkb.model.kinds import Kind

_NEW_OPTIONS = {"businessmodel": "businessmodel", "matchmaker": "matchmaker", "auteur": "auteurs",
                "proeftuin": "proeftuinen"}
"""Option name to the top-level key it fills in a new document."""


@command("new", help=N_(
    "Create a new document of KIND (registratie, matchmaker, proeftuin, businessmodel, draaiboek) with id ID from "
    "a template.\n\n"
    "Every required key is there; what you must still fill in starts with TODO, and 'esfkb validate' reports it "
    "(ESF111) until you do. In a terminal, missing options are asked for (leave an answer empty to keep the "
    "placeholder); never when input is piped."), examples=[
    "esfkb new draaiboek enclave-in-de-voedingsindustrie --businessmodel enclave-distributiecentrum",
    'esfkb new businessmodel vaste-ploeg-wasserij --titel "Een vaste ploeg in de wasserij" --auteur werkbrug',
    "esfkb new proeftuin wasserij-kortrijk --matchmaker sociale-schakel --set ecosysteem=lokaal",
])
@click.argument("kind_name", metavar="KIND")
@click.argument("doc_id", metavar="ID")
@option("--titel", help=N_("Title (the 'naam' of a registratie or matchmaker)."))
@option("--businessmodel", help=N_("Id of the business model a draaiboek implements."))
@option("--matchmaker", help=N_("Id of the matchmaker of a proeftuin."))
@option("--auteur", "auteurs", multiple=True, help=N_("Id of an authoring matchmaker (repeatable)."))
@option("--proeftuin", "proeftuinen", multiple=True, help=N_("Id of a pilot (repeatable)."))
@option("--set", "settings", multiple=True, metavar="KEY=VALUE",
        help=N_("Fill any other top-level key (repeatable; repeat a key for a list)."))
@option("--no-input", is_flag=True, help=N_("Never prompt, even in a terminal."))
def new_command(  # noqa: PLR0917 - click passes every option as an argument
        kind_name: str, doc_id: str, titel: str | None, businessmodel: str | None,
                matchmaker: str | None, auteurs: tuple[str, ...], proeftuinen: tuple[str, ...],
                settings: tuple[str, ...], no_input: bool) -> None:
    """``esfkb new``: scaffold a document from its kind's template, asking in a terminal for what is missing."""
    from esfkb.authoring.scaffold import check_new_id, create, prepare_values

    kb = open_knowledge_base()
    kind = resolve_kind(kb, kind_name)
    with core_errors():
        check_new_id(kb, doc_id)
    given: dict[str, list[str]] = {}
    for item in settings:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            fail(_("--set expects KEY=VALUE, got '{item}'").format(item=item))
        given.setdefault(key.strip(), []).append(value.strip())
    options = {"businessmodel": [businessmodel] if businessmodel else [],
               "matchmaker": [matchmaker] if matchmaker else [],
               "auteur": list(auteurs), "proeftuin": list(proeftuinen)}
    for name, values in options.items():
        if values:
            if _NEW_OPTIONS[name] not in kind.model.model_fields:
                fail(_("--{option} does not apply to a {kind}").format(option=name, kind=kind.name))
            given[_NEW_OPTIONS[name]] = values
    if titel:
        given[kind.title_field] = [titel]
    if interactive() and not no_input:
        _prompt_missing(kind, given)
    with core_errors():
        values = prepare_values(kb, kind, given)
        created = create(kb, kind, doc_id, values)
    rel = created.file.relative_to(kb.project.root).as_posix()
    click.echo(_("created {path}").format(path=rel))
    if created.placeholders:
        count = len(created.placeholders)
        click.echo(ngettext("fill in the placeholder marked TODO: {keys}",
                            "fill in the {count} placeholders marked TODO: {keys}", count).format(
            count=count, keys=", ".join(created.placeholders)))
        click.echo(_("replace the instructions in italics below the frontmatter with your own text"))
        click.echo(_("then check it with: esfkb validate {path}").format(path=rel))


def interactive() -> bool:
    """Whether a person is typing: prompts are only ever shown then, never to a pipe or CI."""
    return sys.stdin.isatty()


def _prompt_missing(kind: Kind, given: dict[str, list[str]]) -> None:
    """Ask for the title and the required top-level references that were not given."""
    wanted = [kind.title_field] + [ref.path[0] for ref in kind.references
                                   if len(ref.path) == 1 and kind.model.model_fields[ref.path[0]].is_required()]
    targets = {ref.path[0]: ref.target for ref in kind.references}
    for key in wanted:
        if key in given or key not in kind.model.model_fields:
            continue
        label = kind.model.model_fields[key].title or key
        hint = (_(" (id of a {kind}; empty keeps TODO)").format(kind=targets[key]) if key in targets
                else _(" (empty keeps TODO)"))
        answer = click.prompt(f"{label}{hint}", default="", show_default=False).strip()
        if answer:
            given[key] = [answer]


_OUTCOMES = {
    "added": N_("added '{target}' to {field}"),
    "filled": N_("filled the placeholder in {field} with '{target}'"),
    "set": N_("set {field} to '{target}'"),
    "replaced": N_("replaced {field} by '{target}'"),
    "updated": N_("updated the entry of '{target}' in {field}"),
    "unchanged": N_("'{target}' is already in {field}: nothing to do"),
    "removed": N_("removed '{target}' from {field}"),
    "absent": N_("'{source}' does not link to '{target}': nothing to do"),
}
"""What a link or unlink did, by its outcome's action."""


def _report(outcome: LinkOutcome, root_rel: str, arrow: str) -> None:
    suffix = f" ({root_rel})" if outcome.changed else ""
    message = _(_OUTCOMES[outcome.action]).format(target=outcome.target, field=outcome.field, source=outcome.source)
    click.echo(f"{outcome.source} {arrow} {outcome.target}: {message}{suffix}")


@command("link", help=N_(
    "Write a relation from SOURCE to TARGET into the right field of SOURCE.\n\n"
    "The kinds decide the field: a draaiboek names its businessmodel, proeftuinen and auteurs; a businessmodel its "
    "proeftuinen and auteurs; a proeftuin its matchmaker and deelnemers. Only the lines of that field change; the "
    "rest of the file keeps every byte. Linking twice changes nothing; a placeholder (TODO) in the field is filled "
    "in."), examples=[
    "esfkb link enclave-opstarten-in-een-distributiecentrum enclave-logistiek-kempen",
    "esfkb link enclave-logistiek-kempen dakwerken-kuregem --rol partner --engagement intentieverklaring",
])
@click.argument("source", metavar="SOURCE")
@click.argument("target", metavar="TARGET")
@option("--rol", help=N_("Role of a new participant (trekker, partner, ondersteunend); default partner."))
@option("--engagement", help=N_("Engagement of a new participant (interesse, intentieverklaring, overeenkomst, "
                                "gestopt); default interesse."))
@option("--field", help=N_("The field to use when SOURCE can link to TARGET in several."))
def link_command(source: str, target: str, rol: str | None, engagement: str | None, field: str | None) -> None:
    """``esfkb link``: write one relation, byte-preserving."""
    from esfkb.authoring.linking import link

    kb = open_knowledge_base()
    entry = {k: v for k, v in (("rol", rol), ("engagement", engagement)) if v is not None}
    with core_errors():
        outcome = link(kb, source, target, field=field, entry=entry)
    _report(outcome, outcome.file.relative_to(kb.project.root).as_posix(), "→")


@command("unlink", help=N_(
    "Remove the relation from SOURCE to TARGET, keeping every other byte of SOURCE.\n\n"
    "TARGET may already be gone (a dangling reference). A required relation (a draaiboek's businessmodel, the last "
    "author) is refused: link its replacement instead."), examples=[
    "esfkb unlink enclave-opstarten-in-een-distributiecentrum enclave-logistiek-kempen",
    "esfkb unlink enclave-logistiek-kempen dakwerken-kuregem",
])
@click.argument("source", metavar="SOURCE")
@click.argument("target", metavar="TARGET")
@option("--field", help=N_("Only remove the relation from this field."))
def unlink_command(source: str, target: str, field: str | None) -> None:
    """``esfkb unlink``: remove one relation, byte-preserving."""
    from esfkb.authoring.linking import unlink

    kb = open_knowledge_base()
    with core_errors():
        outcome = unlink(kb, source, target, field=field)
    _report(outcome, outcome.file.relative_to(kb.project.root).as_posix(), "↛")


@command("rename", help=N_(
    "Rename document OLD to NEW and rewrite every reference to it.\n\n"
    "Frontmatter references and Markdown links in every page are rewritten, each file atomically; refused when NEW "
    "already exists."), examples=[
    "esfkb rename enclave-distributiecentrum enclave-in-een-distributiecentrum",
    "esfkb rename werkbrug werkbrug-vzw --dry-run",
])
@click.argument("old", metavar="OLD")
@click.argument("new", metavar="NEW")
@option("--dry-run", is_flag=True, help=N_("Only list the files that would change."))
def rename_command(old: str, new: str, dry_run: bool) -> None:
    """``esfkb rename``: finish an interrupted rename first, then rename and rewrite the references."""
    from esfkb.authoring.journal import complete_interrupted
    from esfkb.authoring.rename import rename

    project = open_project()
    if not dry_run:
        with core_errors():
            interrupted = complete_interrupted(project.root)
        if interrupted is not None:
            click.echo(_("completed the interrupted rename {old} → {new}").format(
                old=interrupted.old, new=interrupted.new))
            if (interrupted.old, interrupted.new) == (old, new):
                return
    kb = open_knowledge_base(project)
    with core_errors():
        outcome = rename(kb, old, new, dry_run=dry_run)
    renamed, rewrote = (_("would rename {old} → {new} ({path})"), _("would rewrite {path}")) if dry_run else (
        _("renamed {old} → {new} ({path})"), _("rewrote {path}"))
    click.echo(renamed.format(old=old, new=new, path=outcome.file.relative_to(kb.project.root).as_posix()))
    for rel in outcome.touched:
        click.echo("  " + rewrote.format(path=rel))
