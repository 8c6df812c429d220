"""Benchmark the library search on a generated corpus: index build, index size, bytes of a first query.

1. ``index_seconds``: building the search records from the loaded knowledge base and writing the
   Pagefind index (the plugin's ``on_post_build`` step), measured in-process, median of ``--repeat``.
2. ``index_bytes`` / ``index_files``: the size of ``site/pagefind`` after a full ``mkdocs build``.
3. ``first_query_bytes``: what headless Chromium transfers to open the library page and run one
   query (``--query``) until the results are shown and the network is idle, from Playwright's network
   log; once from a plain server (files as they are) and once from a server that gzips text like
   any production web server does (Pagefind's own chunks are gzip already). Each is split into the
   search's own files (``pagefind/``) and the rest (page, theme, our assets).

    python benchmarks/search.py                      # 10,000 documents
    python benchmarks/search.py --n 1000 --query enclave

The corpus's mkdocs.yml is rewritten like the bundled one: no Material search, the library in the nav.
The last line printed is one JSON object with the figures. Needs /usr/bin/chromium and playwright.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate

BIN = Path(sys.executable).parent
CHROMIUM = "/usr/bin/chromium"
CONFIG = """\
site_name: Benchmark
docs_dir: playbooks
theme:
  name: material
  language: nl
  font: false
plugins:
  - esfkb
nav:
  - Home: index.md
  - Bibliotheek: bibliotheek/index.md
"""
COMPRESSIBLE = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt")


class Handler(http.server.SimpleHTTPRequestHandler):
    """Serves the site; with ``gzip`` set, compresses text the way a production server would."""

    gzip = False

    def log_message(self, format: str, *args: object) -> None:
        """Quiet."""

    def send_head(self):  # type: ignore[no-untyped-def]
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (self.gzip and accepts and path.suffix in COMPRESSIBLE and path.is_file()):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return _Body(body)


class _Body:
    def __init__(self, data: bytes) -> None:
        self.data = data

    def read(self, *args: object) -> bytes:
        data, self.data = self.data, b""
        return data

    def close(self) -> None:
        """Nothing to release."""


def index_seconds(corpus: Path, output: Path, repeat: int) -> tuple[float, float]:
    """Median seconds for the records alone and for records plus the Pagefind index."""
    from esfkb.base.knowledge_base import load_knowledge_base
    from esfkb.config import load_project
    from esfkb.site.audience import Audience
    from esfkb.site.context import SiteContext
    from esfkb.site.pages.generated import generated_pages
    from esfkb.site.search.pagefind import write_index
    from esfkb.site.search.records import search_records

    kb = load_knowledge_base(load_project(corpus))
    records_only, total = [], []
    for _ in range(repeat):
        started = time.perf_counter()
        ctx = SiteContext(kb, Audience())
        records = search_records(ctx, generated_pages(ctx))
        records_only.append(time.perf_counter() - started)
        write_index(records, output)
        total.append(time.perf_counter() - started)
    return statistics.median(records_only), statistics.median(total)


def first_query(site: Path, query: str, *, compress: bool) -> dict[str, int]:
    """Bytes transferred for the library page and one query, by part, from the browser's network log."""
    from playwright.sync_api import sync_playwright

    handler = functools.partial(type("H", (Handler,), {"gzip": compress}), directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    sizes: dict[str, int] = {}
    foreign: list[str] = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
            context = browser.new_context()
            context.on("request", lambda r: None if r.url.startswith(base) else foreign.append(r.url))

            def finished(request):  # type: ignore[no-untyped-def]
                measured = request.sizes()
                sizes[request.url] = max(0, measured["responseBodySize"]) + max(0, measured["responseHeadersSize"])

            context.on("requestfinished", finished)
            page = context.new_page()
            page.goto(f"{base}bibliotheek/")
            page.locator("#esfkb-library-q").fill(query)
            page.locator(".esfkb-library__result").first.wait_for(timeout=60_000)
            page.wait_for_load_state("networkidle")
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    if foreign:
        raise SystemExit(f"requests left the site: {foreign}")
    for url, n in sorted(sizes.items(), key=lambda item: -item[1])[:8]:
        print(f"  {n / 1024:6.1f} KiB  {url.removeprefix(base)}")
    parts = {"total": sum(sizes.values()), "search": 0, "index_chunks": 0, "filters": 0, "fragments": 0}
    for url, n in sizes.items():
        path = url.removeprefix(base)
        if path.startswith("pagefind/"):
            parts["search"] += n
            for folder, key in (("index/", "index_chunks"), ("filter/", "filters"), ("fragment/", "fragments")):
                if path.startswith(f"pagefind/{folder}"):
                    parts[key] += n
    parts["requests"] = len(sizes)
    return parts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10000, help="documents in the generated corpus")
    parser.add_argument("--query", default="schoonmaken", help="the first query (Dutch, stemmed)")
    parser.add_argument("--repeat", type=int, default=3, help="repetitions of the index build (median)")
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="esfkb-search-bench-"))
    try:
        corpus = generate(args.n, workdir / "corpus")
        (corpus / "mkdocs.yml").write_text(CONFIG, encoding="utf-8")
        records_s, index_s = index_seconds(corpus, workdir / "index-only", args.repeat)
        print(f"{args.n} documents: records {records_s:.1f} s, records + Pagefind index {index_s:.1f} s")
        site = workdir / "site"
        started = time.perf_counter()
        subprocess.run([str(BIN / "mkdocs"), "build", "-q", "-d", str(site)], cwd=corpus, check=True,
                       capture_output=True, env={"NO_MKDOCS_2_WARNING": "1", "PATH": str(BIN)})
        build_s = time.perf_counter() - started
        index = [p for p in (site / "pagefind").rglob("*") if p.is_file()]
        index_bytes = sum(p.stat().st_size for p in index)
        print(f"mkdocs build {build_s:.1f} s; index {index_bytes / 1e6:.1f} MB in {len(index)} files")
        print("largest transfers, plain server:")
        plain = first_query(site, args.query, compress=False)
        print("largest transfers, gzip server:")
        gzipped = first_query(site, args.query, compress=True)
        for name, parts in (("plain server", plain), ("gzip server", gzipped)):
            print(f"{name}: library + first query {parts['total'] / 1024:.0f} KiB in {parts['requests']} requests; "
                  f"search files {parts['search'] / 1024:.0f} KiB (index chunks {parts['index_chunks'] / 1024:.0f}, "
                  f"filters {parts['filters'] / 1024:.0f}, fragments {parts['fragments'] / 1024:.0f})")
        figures = {
            "documents": args.n,
            "index_seconds": round(index_s, 2),
            "records_seconds": round(records_s, 2),
            "build_seconds": round(build_s, 1),
            "index_bytes": index_bytes,
            "index_files": len(index),
            "first_query_bytes": plain["total"],
            "first_query_search_bytes": plain["search"],
            "first_query_bytes_gzip": gzipped["total"],
            "first_query_search_bytes_gzip": gzipped["search"],
        }
        print(json.dumps(figures))
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
