"""When a helper process may be forked: work beside the build on the other core, without a second loader.

A forked child shares the parent's loaded knowledge base at no cost, which is what makes handing it
work worthwhile. It gets only the forking thread, though: a lock that another thread held at that
moment (``mkdocs serve`` runs a server thread) would stay locked in the child forever. So no fork
beside other threads, nor where the platform has none; callers then do the work themselves.
"""

from __future__ import annotations

import os
import threading


def can_fork() -> bool:
    """True where a child can be forked safely: the platform forks and this process runs one thread."""
    return hasattr(os, "fork") and threading.active_count() == 1
