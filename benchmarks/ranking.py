"""Time ranking every registration of a generated base for a pilot (issue 9: well under a second).

Not a test (timings belong in benchmarks, not in the suite): run it from the repository root.

    python -m benchmarks.ranking [--documents 18000] [--target /tmp/esfkb-match-bench]

18,000 generated documents hold 10,050 registrations. The generated aanbod and vraag are drawn
from a vocabulary of 57 words, so every phrase shares terms with about a tenth of all phrases: a
worst case for the text fit, whose cost grows with the registrations that share a term.
"""

from __future__ import annotations

import argparse
import statistics
import time
from datetime import date
from pathlib import Path

from benchmarks.generate import generate
from esfkb.base.knowledge_base import load_knowledge_base
from esfkb.config import load_project
from esfkb.matching import match_index, suggest


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=18_000)
    parser.add_argument("--target", type=Path, default=Path("/tmp/esfkb-match-bench"))
    parser.add_argument("--pilots", type=int, default=20)
    args = parser.parse_args()
    if not (args.target / "mkdocs.yml").is_file():
        generate(args.documents, args.target)
    start = time.perf_counter()
    kb = load_knowledge_base(load_project(args.target))
    loaded = time.perf_counter()
    index = match_index(kb)
    indexed = time.perf_counter()
    today = date(2026, 1, 1)
    times = []
    for document in kb.of_kind("proeftuin")[: args.pilots]:
        begin = time.perf_counter()
        suggest(kb, document.id, today=today, top=10)
        times.append(time.perf_counter() - begin)
    print(f"{len(index.profiles)} registrations; load {loaded - start:.1f} s, index (once per base) "
          f"{indexed - loaded:.2f} s")
    print(f"rank all for one pilot, top 10 with reasons: first {times[0] * 1000:.0f} ms, "
          f"median {statistics.median(times) * 1000:.0f} ms, max {max(times) * 1000:.0f} ms over {len(times)} pilots")


if __name__ == "__main__":
    main()
