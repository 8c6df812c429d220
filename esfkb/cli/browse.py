"""``esfkb show``, ``list``, ``graph`` and ``report``: reading the knowledge base from the terminal."""

from __future__ import annotations

import pathlib
from typing import TYPE_CHECKING

import click

from esfkb.cli.common import core_errors, fail, open_knowledge_base, resolve_kind
from esfkb.cli.texts import command, option
from esfkb.i18n import N_, _

if TYPE_CHECKING:
    from pathlib import Path


def _emit(text: str, output: Path | None) -> None:
    """Print ``text``, or write it to ``output``."""
    if output is None:
        click.echo(text, nl=False)
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as error:
        fail(_("{path}: cannot write it: {error}").format(path=output, error=error.strerror), 1)
    click.echo(_("wrote {path}").format(path=output), err=True)


@command("show", help=N_("Show document ID as a card: title, kind, key facts and its relations both ways."),
         examples=["esfkb show enclave-distributiecentrum", "esfkb show werkbrug --format json"])
@click.argument("doc_id", metavar="ID")
@option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
        help=N_("Output format."))
def show_command(doc_id: str, fmt: str) -> None:
    """``esfkb show``: one document's card."""
    from esfkb.browse.cards import FORMATS, build_card
    from esfkb.request import unknown_document

    kb = open_knowledge_base()
    document = kb.get(doc_id)
    with core_errors():
        if document is None:
            raise unknown_document(kb, doc_id)
        card = build_card(kb, document)
    click.echo(FORMATS[fmt](card), nl=False)


@command("list", help=N_(
    "List the documents of KIND, filtered on any field.\n\n"
    "Lists match when any item matches; derived keys work too, such as the provincie of a registratie (from its "
    "postcode) and the samenwerkingsvorm of a draaiboek (from its model)."), examples=[
    "esfkb list draaiboek",
    "esfkb list proeftuin --where provincies=antwerpen --where status=afgerond",
    "esfkb list registratie --where provincie=limburg --where economie=sociale_economie --format csv",
    "esfkb list proeftuin --where deelnemers.registratie=kempenwerk",
    "esfkb list businessmodel --where titel~=enclave --format json",
])
@click.argument("kind_name", metavar="KIND")
@option("--where", "conditions", multiple=True, metavar="KEY=VALUE",
        help=N_("Keep documents whose KEY (dotted for nested keys) has VALUE; KEY~=TEXT matches text anywhere. "
                "Repeat to combine (all must hold)."))
@option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True,
        help=N_("Output format."))
def list_command(kind_name: str, conditions: tuple[str, ...], fmt: str) -> None:
    """``esfkb list``: the documents of one kind that meet every condition."""
    from esfkb.base.queries import parse_condition
    from esfkb.browse.listing import FORMATS, list_documents

    kb = open_knowledge_base()
    kind = resolve_kind(kb, kind_name)
    with core_errors():
        listing = list_documents(kb, kind, [parse_condition(c) for c in conditions])
    click.echo(FORMATS[fmt](listing), nl=False)


@command("graph", help=N_("Export the relation graph: the whole base, or the documents around ID."), examples=[
    "esfkb graph",
    "esfkb graph enclave-distributiecentrum --depth 2 --format dot --output enclave.dot",
    "esfkb graph werkbrug --format json",
])
@click.argument("doc_id", metavar="[ID]", required=False)
@option("--depth", type=click.IntRange(min=0), default=1, show_default=True,
        help=N_("With ID: how many steps of relations (either direction) to include."))
@option("--format", "fmt", type=click.Choice(["mermaid", "dot", "json"]), default="mermaid",
        show_default=True, help=N_("Output format."))
@option("--output", type=click.Path(dir_okay=False, path_type=pathlib.Path), default=None,
        help=N_("Write to this file instead of the terminal."))
def graph_command(doc_id: str | None, depth: int, fmt: str, output: Path | None) -> None:
    """``esfkb graph``: the relation graph, whole or around one document."""
    from esfkb.base.graph import FORMATS, build_graph

    kb = open_knowledge_base()
    with core_errors():
        graph = build_graph(kb, doc_id, depth)
    _emit(FORMATS[fmt](graph), output)


@command("report", help=N_(
    "Portfolio figures: documents per kind and status, pilots per province and ecosystem, samenwerkingsvormen and "
    "win-win levels per side, and the doorstroom funnel.\n\n"
    "Funnel cells computed over fewer people than small_cell (mkdocs.yml, default 5) are shown as '< 5'. "
    "Documents with schema errors are counted but not analysed."), examples=[
    "esfkb report",
    "esfkb report --format markdown --output portefeuille.md",
    "esfkb report --format json",
])
@option("--format", "fmt", type=click.Choice(["text", "markdown", "json"]), default="text",
        show_default=True, help=N_("Output format."))
@option("--output", type=click.Path(dir_okay=False, path_type=pathlib.Path), default=None,
        help=N_("Write to this file instead of the terminal."))
def report_command(fmt: str, output: Path | None) -> None:
    """``esfkb report``: the portfolio's figures."""
    from esfkb.portfolio.figures import portfolio
    from esfkb.portfolio.report import FORMATS

    kb = open_knowledge_base()
    _emit(FORMATS[fmt](portfolio(kb.documents.values(), kb.kinds, kb.project.settings.small_cell)), output)
