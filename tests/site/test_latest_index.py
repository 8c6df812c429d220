"""The search records of ``mkdocs serve`` end when a rebuild starts (#21): they would share the interpreter with it."""

from __future__ import annotations

import threading

from esfkb.site.build.latest_index import _Cancelled, _Interruptible


def test_work_in_a_thread_ends_where_it_is_when_interrupted_and_work_after_it_is_not() -> None:
    records = _Interruptible()
    ended: list[str] = []
    started = threading.Event()

    def endless() -> None:
        started.set()
        while True:
            pass

    def job() -> None:
        try:
            records.run(endless)
        except _Cancelled:
            ended.append("cancelled")
        ended.append("after")

    thread = threading.Thread(target=job, daemon=True)
    thread.start()
    assert started.wait(10)
    records.interrupt()
    thread.join(10)
    assert not thread.is_alive() and ended == ["cancelled", "after"]
    records.interrupt()  # nothing runs inside: nothing is raised anywhere
    assert records.run(lambda: 42) == 42
