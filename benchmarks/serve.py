"""Save-to-rebuilt times of a real ``mkdocs serve`` (issue #21): a body edit, a title edit and a new relation.

Each repetition saves one playbook and polls its page on the running server until the page shows
the change; the time runs from the save to that moment, so it holds what the author waits for:
MkDocs' file watcher (it polls every 0.5 s, then waits 0.1 s for more changes) and the rebuild.

    python benchmarks/serve.py 1000    # prints the medians in ms
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate

BIN = Path(sys.executable).parent
EDITS = ("body", "title", "relation")
FIRST_BUILD_SECONDS = 900
"""How long the first build may take (10,000 documents take minutes on a busy machine)."""


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _shows(url: str, text: str) -> bool:
    with contextlib.suppress(OSError), urllib.request.urlopen(url, timeout=30) as response:
        return text in response.read().decode("utf-8")
    return False


def _wait_for(url: str, text: str, process: subprocess.Popen[bytes], limit: float) -> float:
    """When ``url`` showed ``text`` (``time.perf_counter``); the server failing or the limit passing aborts."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit("mkdocs serve ended")
        if _shows(url, text):
            return time.perf_counter()
        time.sleep(0.01)
    raise SystemExit(f"{url} never showed {text!r}")


def _edit(path: Path, edit: str, number: int, pilots: list[str]) -> str:
    """Save one edit of the playbook at ``path``; the text its page then shows."""
    text = path.read_text(encoding="utf-8")
    if edit == "body":
        marker = f"Zin nummer {number} erbij."
        text += f"\n{marker}\n"
    elif edit == "title":
        marker = f"Titel na bewerking {number}"
        text = re.sub(r"^titel: .*$", f'titel: "{marker}"', text, count=1, flags=re.M)
    else:
        pilot = pilots[number % len(pilots)]
        marker = f"proeftuinen/{pilot}/"
        text = re.sub(r"^proeftuinen: \[", f"proeftuinen: [{pilot}, ", text, count=1, flags=re.M)
    path.write_text(text, encoding="utf-8")
    return marker


def serve_rebuild_ms(corpus: Path, repeat: int) -> dict[str, float]:
    """Median save-to-rebuilt milliseconds per edit, and over all of them, on a copy of ``corpus``."""
    with tempfile.TemporaryDirectory(prefix="esfkb-serve-bench-") as folder:
        root = Path(folder) / "corpus"
        shutil.copytree(corpus, root)
        playbooks = sorted((root / "playbooks" / "draaiboeken").glob("*.md"))
        playbook = playbooks[len(playbooks) // 2]
        pilots = sorted(p.stem for p in (root / "playbooks" / "proeftuinen").glob("*.md"))
        port = _free_port()
        log = (Path(folder) / "serve.log").open("wb")
        process = subprocess.Popen([str(BIN / "mkdocs"), "serve", "-f", "mkdocs.yml", "-a", f"127.0.0.1:{port}"],
                                   cwd=root, stdout=log, stderr=subprocess.STDOUT,
                                   env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
        url = f"http://127.0.0.1:{port}/draaiboeken/{playbook.stem}/"
        samples: dict[str, list[float]] = {edit: [] for edit in EDITS}
        try:
            _wait_for(url, "<html", process, FIRST_BUILD_SECONDS)
            for number in range(repeat + 1):  # the first round warms up (and is left out)
                for edit in EDITS:
                    marker = _edit(playbook, edit, number, pilots)
                    saved = time.perf_counter()
                    shown = _wait_for(url, marker, process, FIRST_BUILD_SECONDS)
                    if number:
                        samples[edit].append((shown - saved) * 1000)
                    time.sleep(1.5)  # the author reads the page
        except SystemExit:
            print((Path(folder) / "serve.log").read_text(encoding="utf-8", errors="replace")[-3000:])
            raise
        finally:
            process.terminate()
            process.wait(timeout=60)
            log.close()
    figures = {edit: statistics.median(values) for edit, values in samples.items()}
    figures["all"] = statistics.median([v for values in samples.values() for v in values])
    return figures


def main() -> None:
    documents = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    repeat = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    with tempfile.TemporaryDirectory(prefix="esfkb-serve-corpus-") as folder:
        corpus = generate(documents, Path(folder) / "corpus")
        print({edit: round(ms) for edit, ms in serve_rebuild_ms(corpus, repeat).items()})


if __name__ == "__main__":
    main()
