"""Render the views of every page in a forked process, ahead of the build that places them.

A site generator spends most of a build converting Markdown and filling templates, one page at a
time, on one core. The views (cards, canvases, charts, tables) depend only on the knowledge base
and the page's URL, both known once the site is planned, so a child process forked at that moment
renders them on the other core, in build order, and streams them back. The build takes what has
arrived when it needs a page (:meth:`Prerender.take` never waits) and renders whatever has not
itself, so a slow, failing or missing child costs time, never a page.

No child where none can be forked safely (:func:`esfkb.processes.can_fork`).
"""

from __future__ import annotations

import contextlib
import marshal
import os
import struct
from typing import TYPE_CHECKING

from esfkb.processes import Helper, can_fork

if TYPE_CHECKING:
    from collections.abc import Iterable

    from esfkb.site.plan import SitePlan

_HEADER = struct.Struct("<I")
PIPE_SIZE = 1 << 20
"""Bytes the pipe may hold: some sixty pages of views."""
READ_SIZE = 1 << 16
"""Bytes read at a time: a few pages, so that the pages ahead wait in the pipe rather than in memory."""


class Prerender:
    """A child process rendering the views of the build's pages, and what it has sent back so far."""

    def __init__(self, child: Helper, fd: int) -> None:
        self._child = child
        self._fd: int | None = fd
        self._buffer = bytearray()
        self._ready: dict[str, dict[str, str]] = {}

    @classmethod
    def start(cls, plan: SitePlan, pages: Iterable[tuple[str, str]]) -> Prerender | None:
        """Fork a child that renders the views of ``pages`` (source path, URL) in order.

        None where no child can be forked: the caller then renders every page's views itself.
        """
        if not can_fork():
            return None
        pages = list(pages)
        read_end, write_end = os.pipe()
        _widen(write_end)
        child = Helper.start(lambda: _send_views(plan, pages, read_end, write_end))
        os.close(write_end)
        if child is None:
            os.close(read_end)
            return None
        os.set_blocking(read_end, False)
        return cls(child, read_end)

    def take(self, url: str) -> dict[str, str] | None:
        """The views rendered for the page at ``url``, by slot key, if they have arrived (never waits)."""
        if url not in self._ready:
            self._receive(url)
        return self._ready.pop(url, None)

    def _receive(self, url: str) -> None:
        """Read what the child has written, until ``url``'s page is in or nothing more is there.

        The child renders in build order, so the page asked for is mostly the next one: reading no
        further keeps the pages ahead in the pipe (where the child waits when it is full), not here.
        """
        while self._fd is not None and url not in self._ready:
            try:
                chunk = os.read(self._fd, READ_SIZE)
            except BlockingIOError:
                return
            if not chunk:  # the child is done and has sent everything
                self._stop()
                return
            self._buffer += chunk
            self._unpack()

    def _unpack(self) -> None:
        """Move every complete page in the buffer to the pages received."""
        view = memoryview(self._buffer)
        at = 0
        while len(view) - at >= _HEADER.size:
            (size,) = _HEADER.unpack_from(view, at)
            end = at + _HEADER.size + size
            if end > len(view):
                break
            url, views = marshal.loads(view[at + _HEADER.size:end])  # noqa: S302 - from our own child
            self._ready[url] = views
            at = end
        view.release()
        del self._buffer[:at]

    def close(self) -> None:
        """Stop the child, reap it, and drop what it sent."""
        self._stop()
        self._ready.clear()
        self._buffer.clear()

    def _stop(self) -> None:
        if self._fd is None:
            return
        os.close(self._fd)
        self._fd = None
        self._child.stop()


def _widen(fd: int) -> None:
    """Let the pipe hold more pages, so that the child can run ahead of the build (Linux; elsewhere a no-op)."""
    import fcntl

    with contextlib.suppress(AttributeError, OSError):
        fcntl.fcntl(fd, fcntl.F_SETPIPE_SZ, PIPE_SIZE)


def _send_views(plan: SitePlan, pages: list[tuple[str, str]], read_end: int, write_end: int) -> None:
    """The child's work: each page's views, framed and written to ``write_end``.

    It ends quietly when the build stops reading: the build renders what is missing itself.
    """
    os.close(read_end)
    with contextlib.suppress(OSError), os.fdopen(write_end, "wb", buffering=1 << 16) as out:
        for src_uri, url in pages:
            data = marshal.dumps((url, plan.views(src_uri, url)))
            out.write(_HEADER.pack(len(data)))
            out.write(data)
            out.flush()  # the build may need this page next
