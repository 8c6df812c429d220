"""Helper processes beside the build: when one may be forked, and how it yields to the build.

A forked child shares the parent's loaded knowledge base at no cost, which is what makes handing it
work worthwhile. It gets only the forking thread, though: a lock that another thread held at that
moment (``mkdocs serve`` runs a server thread) would stay locked in the child forever. So no fork
beside other threads, nor where the platform has none; callers then do the work themselves.
"""

from __future__ import annotations

import contextlib
import os
import threading


def can_fork() -> bool:
    """True where a child can be forked safely: the platform forks and this process runs one thread."""
    return hasattr(os, "fork") and threading.active_count() == 1


HELPER_NICENESS = 19
"""How far a helper lowers its priority: to the lowest, so that the build's own work always goes first."""


def yield_to_the_build() -> None:
    """Lower this helper's priority (and that of what it starts), where the platform allows.

    A build on two cores runs its own work on one and its helpers (the views' renderer, the search
    worker, Pagefind's threads) on the other. When more of them want to run than there are cores,
    the scheduler shares both cores among all of them and the build waits its turn, although it is
    the one whose every second counts. Measured at 1,000 documents, six interleaved builds each: at
    the build's priority it waited 0.41-0.65 s for a core (``/proc/self/schedstat``), at the lowest
    0.07-0.17 s; the helpers still finished before the build needed their work.
    """
    if hasattr(os, "nice"):
        with contextlib.suppress(OSError):
            os.nice(HELPER_NICENESS)
