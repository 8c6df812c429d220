"""Benchmark esfkb on generated corpora, as ratios measured in one run.

Every figure is the median of interleaved repetitions of whole processes, so that the machine's
state affects both sides of a ratio alike:

1. ``validate_over_floor``: ``esfkb validate`` against the floor (read every file and parse its
   frontmatter with PyYAML's C loader), at 1,000 and 10,000 documents.
2. ``build_overhead_1k``: ``mkdocs build`` with the esfkb plugin against a plain mkdocs-material
   build of the same Markdown (plugin off), at 1,000 documents.
   ``build_cpu_overhead_1k``: the same two builds pinned to one core (``taskset -c 0``), their user
   plus system CPU time (with every process they wait for: helpers, Pagefind), so that work moved
   to the second core shows as work.
3. ``help_ms`` and ``validate_bundled_ms``: start-up, as whole processes.
4. ``serve_rebuild_ms_1k`` (and ``_10k``): the median time from saving a playbook to its page showing the change
   on a real ``mkdocs serve`` (:mod:`serve`), over a body edit, a title edit and a new relation; each edit's own
   median as ``serve_body_ms_1k``, ``serve_title_ms_1k``, ``serve_relation_ms_1k``.
5. ``per_doc_growth``: validate time per document at 10,000 over that at 1,000, after subtracting
   the time of validating an empty base (start-up and imports), so that it compares the work that
   grows with the number of documents.

    python benchmarks/run.py            # full run (1k and 10k)
    python benchmarks/run.py --quick    # 1k only; 10k keys are null

The last line printed is one JSON object with the figures.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate
from serve import serve_rebuild_ms

REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
SMALL_REPEAT_FACTOR = 3
FLOOR = """
import os, sys, yaml
for dirpath, _, files in os.walk(sys.argv[1]):
    for name in files:
        if name.endswith(".md"):
            with open(os.path.join(dirpath, name), encoding="utf-8") as handle:
                text = handle.read()
            if text.startswith("---\\n"):
                yaml.load(text[4:text.find("\\n---\\n", 4)], Loader=yaml.CSafeLoader)
"""


def timed(command: list[str], cwd: Path) -> float:
    """Seconds one run of ``command`` takes; a failing command aborts the benchmark."""
    started = time.perf_counter()
    completed = subprocess.run(command, cwd=cwd, capture_output=True, check=False)
    elapsed = time.perf_counter() - started
    if completed.returncode not in (0, 1):  # validate exits 1 on errors; the corpora have none
        raise SystemExit(f"{' '.join(command)} failed:\n{completed.stderr.decode()[-2000:]}")
    return elapsed


def cpu_timed(command: list[str], cwd: Path) -> float:
    """CPU seconds (user + system) of ``command`` and the processes it waited for, pinned to one core.

    Work moved to the second core is not work saved: on one core it all counts (design §5).
    """
    process = subprocess.Popen(["taskset", "-c", "0", *command], cwd=cwd,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed on one core")
    return usage.ru_utime + usage.ru_stime


def interleaved(commands: dict[str, tuple[list[str], Path]], repeat: int) -> dict[str, list[float]]:
    """Seconds per command and repetition, running the commands in turn ``repeat`` times."""
    samples: dict[str, list[float]] = {name: [] for name in commands}
    for command, cwd in commands.values():  # warm the file cache once
        timed(command, cwd)
    for _ in range(repeat):
        for name, (command, cwd) in commands.items():
            samples[name].append(timed(command, cwd))
    return samples


def medians(samples: dict[str, list[float]]) -> dict[str, float]:
    return {name: statistics.median(values) for name, values in samples.items()}


def esfkb(*args: str) -> list[str]:
    return [str(BIN / "esfkb"), *args]


def validate_figures(corpus: Path, empty: Path, repeat: int) -> dict[str, float]:
    return medians(interleaved({
        "floor": ([sys.executable, "-c", FLOOR, "playbooks"], corpus),
        "validate": (esfkb("validate", "--format", "json"), corpus),
        "empty": (esfkb("validate", "--format", "json"), empty),
    }, repeat))


def build_commands(corpus: Path, workdir: Path) -> dict[str, tuple[list[str], Path]]:
    """The build with the plugins and Material's plain build with its own search, of the same pages."""
    config = (corpus / "mkdocs.yml").read_text(encoding="utf-8")
    plain = corpus / "mkdocs-plain.yml"
    plain.write_text(config.replace("  - esfkb\n", "  - search\n"), encoding="utf-8")  # Material as shipped
    mkdocs = str(BIN / "mkdocs")
    return {
        "plugins": ([mkdocs, "build", "-q", "-f", "mkdocs.yml", "-d", str(workdir / "site-on")], corpus),
        "plain": ([mkdocs, "build", "-q", "-f", "mkdocs-plain.yml", "-d", str(workdir / "site-off")], corpus),
    }


def cpu_samples(commands: dict[str, tuple[list[str], Path]], repeat: int) -> dict[str, list[float]]:
    """CPU seconds on one core per command and repetition, in turn."""
    samples: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(repeat):
        for name, (command, cwd) in commands.items():
            samples[name].append(cpu_timed(command, cwd))
    return samples


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="only N = 1,000")
    parser.add_argument("--repeat", type=int, default=5, help="repetitions per figure (median)")
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="esfkb-bench-"))
    try:
        empty = generate(0, workdir / "empty")
        shutil.rmtree(empty / "playbooks")
        (empty / "playbooks").mkdir()
        (empty / "playbooks" / "index.md").write_text("# Leeg\n", encoding="utf-8")
        figures: dict[str, float | None] = {}
        corpus_1k = generate(1000, workdir / "corpus-1k")
        # 1,000 documents validate in a few tenths of a second: more repetitions steady the median
        small = validate_figures(corpus_1k, empty, args.repeat * SMALL_REPEAT_FACTOR)
        print(f"1k: floor {small['floor']:.3f}s, validate {small['validate']:.3f}s, empty {small['empty']:.3f}s")
        figures["validate_over_floor_1k"] = small["validate"] / small["floor"]
        large = corpus_10k = None
        if not args.quick:
            corpus_10k = generate(10000, workdir / "corpus-10k")
            large = validate_figures(corpus_10k, empty, args.repeat)
            print(f"10k: floor {large['floor']:.3f}s, validate {large['validate']:.3f}s, empty {large['empty']:.3f}s")
        figures["validate_over_floor_10k"] = large["validate"] / large["floor"] if large else None
        builds = build_commands(corpus_1k, workdir)
        samples = interleaved(builds, args.repeat)
        build = medians(samples)
        ratios = " ".join(f"{on / off:.2f}" for on, off in zip(samples["plugins"], samples["plain"], strict=True))
        print(f"build 1k: plugins {build['plugins']:.2f}s, plain {build['plain']:.2f}s (per repetition: {ratios})")
        figures["build_overhead_1k"] = build["plugins"] / build["plain"]
        cpu = medians(cpu_samples(builds, args.repeat))
        print(f"build 1k on one core (user + system): plugins {cpu['plugins']:.2f}s, plain {cpu['plain']:.2f}s")
        figures["build_cpu_overhead_1k"] = cpu["plugins"] / cpu["plain"]
        startup = medians(interleaved({
            "help": (esfkb("--help"), REPO),
            "bundled": (esfkb("validate", "--format", "json"), REPO),
        }, max(args.repeat, 10)))
        figures["help_ms"] = startup["help"] * 1000
        figures["validate_bundled_ms"] = startup["bundled"] * 1000
        for size, corpus in (("1k", corpus_1k), ("10k", corpus_10k if large else None)):
            serve = serve_rebuild_ms(corpus, args.repeat) if corpus is not None else {}
            print(f"serve {size}: " + ", ".join(f"{edit} {ms:.0f} ms" for edit, ms in serve.items()))
            figures[f"serve_rebuild_ms_{size}"] = serve.get("all")
            for edit in ("body", "title", "relation"):
                figures[f"serve_{edit}_ms_{size}"] = serve.get(edit)
        if large:
            per_doc_1k = (small["validate"] - small["empty"]) / 1000
            per_doc_10k = (large["validate"] - large["empty"]) / 10000
            figures["per_doc_growth"] = per_doc_10k / per_doc_1k
        else:
            figures["per_doc_growth"] = None
        print(json.dumps({k: (round(v, 3) if v is not None else None) for k, v in figures.items()}))
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
