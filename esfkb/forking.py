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


HELPER_NICENESS = 10
"""How far a helper lowers its priority: enough that the build keeps a core of its own."""


def yield_to_the_build() -> None:
    """Lower this helper's priority (and that of what it starts), where the platform allows.

    A build on two cores runs its own work on one and its helpers (the views' renderer, the search
    worker, Pagefind) on the other; when they all want to run at once the scheduler would share both
    cores among them, and every page of the build would wait. Measured at 1,000 documents: builds
    with the helpers at the build's priority took a median 10.1 s, with lowered helpers 9.2 s (ten
    interleaved pairs, the lowered ones faster in eight).
    """
    if hasattr(os, "nice"):
        with contextlib.suppress(OSError):
            os.nice(HELPER_NICENESS)
