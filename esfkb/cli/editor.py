"""``esfkb editor``: export the web editor's generated configuration, and run the editor in local mode."""

from __future__ import annotations

import sys

import click

from esfkb.cli.common import EXIT_CONTENT, core_errors, open_project


@click.group("editor")
def editor_command() -> None:
    """The web editor (Decap CMS) at /redactie/, generated from the models."""


@editor_command.command("export")
@click.option("--check", is_flag=True, help="Write nothing; exit 1 when the committed file differs.")
def editor_export(check: bool) -> None:
    """Write schemas/decap/config.yml from the kinds, models, vocabularies and mkdocs.yml.

    \b
    Examples:
      esfkb editor export
      esfkb editor export --check
    """
    from esfkb.editor.export import CONFIG_PATH, config_drifted, export_config
    from esfkb.model.kinds import load_kinds

    project = open_project()
    kinds = load_kinds()
    path = project.root / CONFIG_PATH
    with core_errors():
        if check:
            if config_drifted(project, kinds):
                state = "differs from the models" if path.is_file() else "is missing"
                click.echo(f"{path}: {state}; run 'esfkb editor export'", err=True)
                sys.exit(EXIT_CONTENT)
            click.echo(f"{path} up to date")
            return
        changed = export_config(project, kinds)
    click.echo(f"{path} {'written' if changed else 'up to date'}")


@editor_command.command("serve")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True,
              help="The port of the site (mkdocs serve) on 127.0.0.1.")
def editor_serve(port: int) -> None:
    """Local mode: decap-server and mkdocs serve on 127.0.0.1; Ctrl-C stops both.

    Saving in the editor writes the file in this working tree; check it with 'esfkb validate'.
    """
    from esfkb.editor.local import local_mode, run_local

    with core_errors():
        mode = local_mode(open_project(), site_port=port)
    status = run_local(mode, lambda url: click.echo(f"Redactie: {url}  (Ctrl-C stopt de redactie en de site)"))
    sys.exit(status)
