"""Help in the tool's language: click commands, groups and options that translate their help when it is shown.

Click cleans a help text when it makes a command or an option, at import, before ``--lang`` has decided the
language; and a command's module stays imported when one process runs several invocations (CliRunner in the
tests). So a help text is an English msgid marked with :func:`~esfkb.i18n.N_`, stored as written and
translated each time it is read, in the language of that moment. A command's examples are command lines, the
same in every language: they stay out of the catalogue and are shown as a ``\\b`` paragraph (which click
never rewraps) under a translated heading.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import click

from esfkb.i18n import _, ngettext

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence


class Option(click.Option):
    """An option whose help is an English msgid, translated each time it is read."""

    @property  # type: ignore[override]
    def help(self) -> str | None:
        return _(self._msgid) if self._msgid else self._msgid

    @help.setter
    def help(self, value: str | None) -> None:
        self._msgid = value


class Command(click.Command):
    """A command whose help (an ``N_()`` msgid) speaks the tool's language, with its examples below it."""

    def __init__(self, *args: Any, examples: Sequence[str] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.examples = tuple(examples)
        """Command lines shown under the help, as they are: the same in every language."""

    @property  # type: ignore[override]
    def help(self) -> str | None:
        return _(self._help_msgid) if self._help_msgid else self._help_msgid

    @help.setter
    def help(self, value: str | None) -> None:
        self._help_msgid = value

    @property  # type: ignore[override]
    def short_help(self) -> str | None:
        return _(self._short_help_msgid) if self._short_help_msgid else self._short_help_msgid

    @short_help.setter
    def short_help(self, value: str | None) -> None:
        self._short_help_msgid = value

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        option = super().get_help_option(ctx)
        if option is not None:  # click's own option, made once per command: its help is said again each time
            option.help = _("Show this message and exit.")
        return option

    def format_help_text(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        super().format_help_text(ctx, formatter)
        if self.examples:
            heading = ngettext("Example:", "Examples:", len(self.examples))
            formatter.write_paragraph()
            with formatter.indentation():
                formatter.write_text("\b\n" + "\n".join([heading, *(f"  {line}" for line in self.examples)]))


class Group(Command, click.Group):
    """A group whose help speaks the tool's language; its subcommands and subgroups are of these classes too."""

    command_class = Command
    group_class = type  # click's convention: subgroups are of this group's class

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """Click's listing of the subcommands, under the heading the top-level listing has (``Commands``)."""
        commands = [(name, cmd) for name in self.list_commands(ctx)
                    if (cmd := self.get_command(ctx, name)) is not None and not cmd.hidden]
        if commands:
            limit = formatter.width - 6 - max(len(name) for name, _cmd in commands)
            with formatter.section(_("Commands")):
                formatter.write_dl([(name, cmd.get_short_help_str(limit)) for name, cmd in commands])


def command(name: str, **attrs: Any) -> Callable[[Callable[..., Any]], Command]:
    """``click.command`` making a :class:`Command` (``help=N_(…)``, ``examples=[…]``)."""
    return click.command(name, cls=Command, **attrs)


def group(name: str, **attrs: Any) -> Callable[[Callable[..., Any]], Group]:
    """``click.group`` making a :class:`Group`."""
    return click.group(name, cls=Group, **attrs)


def option(*param_decls: str, **attrs: Any) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """``click.option`` making an :class:`Option` (``help=N_(…)``)."""
    return click.option(*param_decls, cls=Option, **attrs)
