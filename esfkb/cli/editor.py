"""``esfkb editor``: export the web editor's generated configuration, and run the editor in local mode."""

from __future__ import annotations

import sys

import click

from esfkb.cli.common import EXIT_CONTENT, core_errors, open_project
from esfkb.cli.texts import group, option
from esfkb.i18n import N_, _


@group("editor", help=N_("The web editor (Decap CMS) at /redactie/, generated from the models."))
def editor_command() -> None:
    """``esfkb editor``: its subcommands export the editor's config and run it locally."""


@editor_command.command("export", help=N_(
    "Write schemas/decap/config.yml from the kinds, models, vocabularies and mkdocs.yml."),
    examples=["esfkb editor export", "esfkb editor export --check"])
@option("--check", is_flag=True, help=N_("Write nothing; exit 1 when the committed file differs."))
def editor_export(check: bool) -> None:
    """``esfkb editor export``: write the editor's config, or (``--check``) say whether it differs."""
    from esfkb.editor.export import CONFIG_PATH, config_drifted, export_config
    from esfkb.model.kinds import load_kinds

    project = open_project()
    kinds = load_kinds()
    path = project.root / CONFIG_PATH
    with core_errors():
        if check:
            if config_drifted(project, kinds):
                state = _("differs from the models") if path.is_file() else _("is missing")
                click.echo(_("{path}: {state}; run 'esfkb editor export'").format(path=path, state=state), err=True)
                sys.exit(EXIT_CONTENT)
            click.echo(_("{path} up to date").format(path=path))
            return
        changed = export_config(project, kinds)
    click.echo((_("{path} written") if changed else _("{path} up to date")).format(path=path))


@editor_command.command("serve", help=N_(
    "Local mode: decap-server and mkdocs serve on 127.0.0.1; Ctrl-C stops both.\n\n"
    "Saving in the editor writes the file in this working tree; check it with 'esfkb validate'."))
@option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True,
        help=N_("The port of the site (mkdocs serve) on 127.0.0.1."))
def editor_serve(port: int) -> None:
    """``esfkb editor serve``: run the editor in local mode until Ctrl-C."""
    from esfkb.editor.local import local_mode, run_local

    with core_errors():
        mode = local_mode(open_project(), site_port=port)
    status = run_local(mode, lambda url: click.echo(
        _("Editor: {url}  (Ctrl-C stops the editor and the site)").format(url=url)))
    sys.exit(status)
