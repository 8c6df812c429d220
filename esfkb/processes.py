"""Helper processes: when one may be forked, how it yields to the build, and that it dies with its parent.

A forked child shares the parent's loaded knowledge base at no cost, which is what makes handing it
work worthwhile. It gets only the forking thread, though: a lock that another thread held at that
moment (``mkdocs serve`` runs a server thread) would stay locked in the child forever. So no fork
beside other threads, nor where the platform has none, nor when :data:`NO_FORK_ENV` asks for none;
callers then do the work themselves.

Every helper dies with the process that started it (:func:`die_with_parent`), even when that one is
killed with SIGKILL and runs no handler at all; so does every program a helper starts (:func:`spawn`).
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import gc
import os
import signal
import subprocess
import sys
import threading
import traceback
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

NO_FORK_ENV = "ESFKB_NO_FORK"
"""Set to ``1`` to have every helper's work done in the process itself (to compare, or to debug)."""


def can_fork() -> bool:
    """True where a child can be forked safely and is wanted: the platform forks and this process runs one thread."""
    return hasattr(os, "fork") and threading.active_count() == 1 and os.environ.get(NO_FORK_ENV, "") in ("", "0")


HELPER_NICENESS = 19
"""How far a helper lowers its priority: to the lowest, so that the build's own work always goes first."""


def yield_to_the_build() -> None:
    """Lower this helper's priority (and that of what it starts), where the platform allows.

    A build on two cores runs its own work on one and its helpers (the views' renderer, the search
    child, Pagefind's threads) on the other. When more of them want to run than there are cores,
    the scheduler shares both cores among all of them and the build waits its turn, although it is
    the one whose every second counts. Measured at 1,000 documents, six interleaved builds each: at
    the build's priority it waited 0.41-0.65 s for a core (``/proc/self/schedstat``), at the lowest
    0.07-0.17 s; the helpers still finished before the build needed their work.
    """
    if hasattr(os, "nice"):
        with contextlib.suppress(OSError):
            os.nice(HELPER_NICENESS)


_PR_SET_PDEATHSIG = 1


def die_with_parent(parent: int) -> None:
    """Have the kernel kill this process (SIGKILL) when its parent ``parent`` ends; end now if it has already.

    Linux only (``prctl(PR_SET_PDEATHSIG)``, which a program this process then executes keeps); elsewhere
    only the check.
    """
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # the parent ended before the kernel was told
        os._exit(1)


_TRAMPOLINE = """\
import ctypes, ctypes.util, os, signal, sys
if sys.platform.startswith("linux"):
    ctypes.CDLL(ctypes.util.find_library("c")).prctl(1, signal.SIGKILL)
if os.getppid() != int(sys.argv[1]):
    os._exit(1)
os.execv(sys.argv[2], sys.argv[2:])
"""
"""What :func:`spawn` runs first: ``preexec_fn`` would do it without an interpreter, but is unsafe beside threads."""


def spawn(command: Sequence[str], **options: Any) -> subprocess.Popen[bytes]:
    """Start ``command`` (an executable's path first) so that it dies with this process, whatever kills this one.

    A small interpreter asks the kernel for the parent-death signal and then becomes the program;
    it costs some 20 ms of CPU, on a helper's core.
    """
    trampoline = [sys.executable, "-I", "-S", "-c", _TRAMPOLINE, str(os.getpid())]
    return subprocess.Popen([*trampoline, *command], **options)


def process_alive(pid: int) -> bool:
    """Whether a process with this id runs (on this machine)."""
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # it runs, as another user
        return True
    return True


class Helper:
    """A forked child that runs one job beside the build; :meth:`wait` or :meth:`stop` reaps it."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self._succeeded: bool | None = None

    @classmethod
    def start(cls, job: Callable[[], object], *, yields: bool = True) -> Helper | None:
        """Fork a child that runs ``job``, at the lowest priority if it ``yields``; None where none may be forked.

        The child exits with 0 when ``job`` returned and 1 when it raised (its traceback on stderr),
        without running the parent's exit handlers. It is short-lived: its garbage is freed by
        reference counting, so the cyclic collector is off.
        """
        if not can_fork():
            return None
        parent = os.getpid()
        pid = os.fork()
        if pid == 0:
            status = 1
            try:
                die_with_parent(parent)
                gc.disable()
                if yields:
                    yield_to_the_build()
                job()
                status = 0
            except BaseException:
                traceback.print_exc()
            finally:
                os._exit(status)
        return cls(pid)

    def wait(self) -> bool:
        """Wait for the child to end; True when its job succeeded."""
        if self._succeeded is None:
            try:
                _, status = os.waitpid(self.pid, 0)
            except ChildProcessError:  # reaped elsewhere: its outcome is unknown
                status = -1
            self._succeeded = status == 0
        return self._succeeded

    def stop(self) -> None:
        """End the child now, whatever it is doing, and reap it."""
        if self._succeeded is None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, signal.SIGKILL)
            self.wait()
