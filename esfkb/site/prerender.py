"""Render the views of every page in a forked process, ahead of the build that places them.

A site generator spends most of a build converting Markdown and filling templates, one page at a
time, on one core. The views (cards, canvases, charts, tables) depend only on the knowledge base
and the page's URL, both known once the site is planned, so a child process forked at that moment
renders them on the other core, in build order, and streams them back. The build takes what has
arrived when it needs a page (:meth:`Prerender.take` never waits) and renders whatever has not
itself, so a slow, failing or missing child costs time, never a page.

The child can take one more job off the build first (``first``): the build hands it the search
records to work out and send to the indexer, which must happen whatever becomes of the views, so
closing the child waits for that job.

No child where none can be forked safely (:func:`esfkb.forking.can_fork`).
"""

from __future__ import annotations

import contextlib
import gc
import marshal
import os
import signal
import struct
import traceback
from typing import TYPE_CHECKING

from esfkb.forking import can_fork, yield_to_the_build

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from esfkb.site.plan import SitePlan

_HEADER = struct.Struct("<I")
PIPE_SIZE = 1 << 20
"""Bytes the pipe may hold: some sixty pages of views."""
READ_SIZE = 1 << 16
"""Bytes read at a time: a few pages, so that the pages ahead wait in the pipe rather than in memory."""


class Prerender:
    """A child process rendering the views of the build's pages, and what it has sent back so far."""

    def __init__(self, pid: int, fd: int, first_done: int) -> None:
        self._pid = pid
        self._fd: int | None = fd
        self._first_done = first_done
        self._buffer = bytearray()
        self._ready: dict[str, dict[str, str]] = {}

    @classmethod
    def start(cls, plan: SitePlan, pages: Iterable[tuple[str, str]],
              first: Callable[[], object] | None = None) -> Prerender | None:
        """Fork a child that runs ``first``, then renders the views of ``pages`` (source path, URL) in order.

        None where no child can be forked: the caller then does both itself.
        """
        if not can_fork():
            return None
        pages = list(pages)
        read_end, write_end = os.pipe()
        first_done_read, first_done_write = os.pipe()
        _widen(write_end)
        pid = os.fork()
        if pid == 0:  # the child: work, send, and leave without running the parent's exit handlers
            os.close(read_end)
            os.close(first_done_read)
            os._exit(_child(plan, pages, write_end, first, first_done_write))
        os.close(write_end)
        os.close(first_done_write)
        os.set_blocking(read_end, False)
        return cls(pid, read_end, first_done_read)

    def take(self, url: str) -> dict[str, str] | None:
        """The views rendered for the page at ``url``, by placeholder, if they have arrived (never waits)."""
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
        """Stop the child once ``first`` is done (waiting for it if need be), reap it, and drop what it sent."""
        self._stop()
        self._ready.clear()
        self._buffer.clear()

    def _stop(self) -> None:
        if self._fd is None:
            return
        os.read(self._first_done, 1)  # returns when the child has closed its end: first() is done
        os.close(self._first_done)
        os.close(self._fd)
        self._fd = None
        with contextlib.suppress(ProcessLookupError):
            os.kill(self._pid, signal.SIGKILL)
        with contextlib.suppress(ChildProcessError):
            os.waitpid(self._pid, 0)


def _widen(fd: int) -> None:
    """Let the pipe hold more pages, so that the child can run ahead of the build (Linux; elsewhere a no-op)."""
    import fcntl

    with contextlib.suppress(AttributeError, OSError):
        fcntl.fcntl(fd, fcntl.F_SETPIPE_SZ, PIPE_SIZE)


def _child(plan: SitePlan, pages: list[tuple[str, str]], fd: int,
           first: Callable[[], object] | None, first_done: int) -> int:
    """The child's work: ``first``, then each page's views, framed and written to ``fd``; its exit status."""
    gc.disable()  # short-lived, and its garbage is freed by reference counting
    yield_to_the_build()
    try:
        if first is not None:
            first()
    except BaseException:
        traceback.print_exc()
        return 1
    finally:
        os.close(first_done)
    try:
        with os.fdopen(fd, "wb", buffering=1 << 16) as out:
            for src_uri, url in pages:
                data = marshal.dumps((url, plan.views(src_uri, url)))
                out.write(_HEADER.pack(len(data)))
                out.write(data)
                out.flush()  # the build may need this page next
    except BaseException:
        return 1
    return 0
