"""Linear time without a wall-clock bound: the same work on an input 16 times larger may take at most
4 × 16 times as long, where a quadratic algorithm takes 256 times as long.

Both sizes are timed in the same test, best of three, so a slow or busy machine slows both alike.
"""

from __future__ import annotations

import math
import time
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable

GROWTH = 16
SLACK = 4
FLOOR = 0.002
"""Seconds below which a timing is noise: the small input is never credited with less."""


def _seconds(function: Callable[[str], object], text: str) -> float:
    best = math.inf
    for _ in range(3):
        start = time.perf_counter()
        function(text)
        best = min(best, time.perf_counter() - start)
    return best


def assert_linear(function: Callable[[str], object], unit: str, size: int, prefix: str = "") -> None:
    """``function`` of ``prefix`` and ``unit`` repeated to ``size`` characters grows linearly from 1/16 of that."""
    small = prefix + unit * (size // GROWTH // len(unit))
    big = prefix + unit * (size // len(unit))
    small_seconds, big_seconds = _seconds(function, small), _seconds(function, big)
    assert big_seconds < SLACK * GROWTH * max(small_seconds, FLOOR), (
        f"{function.__qualname__} on {prefix!r} + {unit!r} × n: {small_seconds:.4f} s for {len(small):,} characters, "
        f"{big_seconds:.4f} s for {len(big):,}")
