"""A code written in frontmatter that reads as a Dutch name wherever it is shown.

A NACE-BEL code reads with its division's name, a licence by its full name. The value stays the string the author
wrote: it compares, sorts, hashes and exports as that string. Every face (the site's labels, ``esfkb show``) shows
:attr:`Coded.label`, so they read alike.
"""

from __future__ import annotations


class Coded(str):
    """A string that knows how a reader sees it: :attr:`label`, and :attr:`url` where it has a page of its own."""

    __slots__ = ()

    @property
    def label(self) -> str:
        """How the value reads; the value itself when it is not known."""
        return str(self)

    @property
    def url(self) -> str | None:
        """Where the value is explained (a licence's text); None when nowhere."""
        return None
