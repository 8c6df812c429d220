"""``mkdocs serve`` rebuilds incrementally (#21): after any edit the served site is the one a clean build makes.

The edits run in this process, rebuilt as ``mkdocs serve`` rebuilds (one plugin instance across builds,
``serve_url`` set); each state is compared, file by file, with a full build of the same files by a
fresh process with the same serve semantics (so that the preview's own Content-Security-Policy and
addresses are on both sides). The search bundle, which follows beside the preview, is left aside.
The thirty saves run against a real ``mkdocs serve``.
"""

from __future__ import annotations

import contextlib
import os
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from tests.conftest import VALID_BASE
from tests.site.helpers import pagefind_fragments

if TYPE_CHECKING:
    from collections.abc import Iterator

SERVE_URL = "http://127.0.0.1:8000/"
CONFIG = """\
site_name: Testbasis
docs_dir: playbooks
theme:
  name: material
  language: nl
  font: false
plugins:
  - esfkb:
      email_allowlist: ["*.example"]
"""
"""The small base's configuration as the bundled one has it: the esfkb plugin alone (with Material's own search
plugin, which reads every page's content, every page is rendered on every save)."""
FULL_BUILD = f"""
import sys
from mkdocs.commands.build import build
from mkdocs.config import load_config
config = load_config(sys.argv[1], site_dir=sys.argv[2])
config.site_url = {SERVE_URL!r}
config.plugins.on_startup(command="serve", dirty=False)
try:
    build(config, serve_url={SERVE_URL!r})
finally:
    config.plugins.on_shutdown()
"""
PAGEFIND = "pagefind/"
REUSED_RE = re.compile(r"(\d+) of (\d+) pages rendered, (\d+) as the last build wrote them")


def _environ() -> dict[str, str]:
    environ = {k: v for k, v in os.environ.items() if k not in {"ESFKB_AUDIENCE", "ESFKB_CONTACTS"}}
    return {**environ, "NO_MKDOCS_2_WARNING": "1"}


def site_files(site: Path) -> dict[str, bytes]:
    """Every file of a site but the search bundle, by site path."""
    return {rel: p.read_bytes() for p in sorted(site.rglob("*"))
            if p.is_file() and not (rel := p.relative_to(site).as_posix()).startswith(PAGEFIND)}


def full_build(root: Path, site: Path) -> dict[str, bytes]:
    """What a fresh process builds of ``root`` with serve semantics: nothing to reuse."""
    done = subprocess.run([sys.executable, "-c", FULL_BUILD, str(root / "mkdocs.yml"), str(site)],
                          capture_output=True, text=True, env=_environ(), timeout=600, check=False)
    assert done.returncode == 0, done.stderr
    return site_files(site)


class Session:
    """Builds of one project as ``mkdocs serve`` makes them, in this process, into one site folder."""

    def __init__(self, root: Path, site: Path) -> None:
        self.root, self.site = root, site
        self._config = self._load()
        self._config.plugins.on_startup(command="serve", dirty=False)

    def _load(self):
        from mkdocs.config import load_config

        config = load_config(str(self.root / "mkdocs.yml"), site_dir=str(self.site))
        config.site_url = SERVE_URL
        return config

    def rebuild(self) -> None:
        """One rebuild after a save, as serve's builder does it (the configuration read again)."""
        from mkdocs.commands.build import build

        build(self._load(), serve_url=SERVE_URL)

    def close(self) -> None:
        self._config.plugins.on_shutdown()


def _project(small_base) -> Path:
    """The small base with a second pilot, so that a playbook can gain a relation; the bundled kind of configuration."""
    pilot = (VALID_BASE / "playbooks" / "proeftuinen" / "enclave-kempen.md").read_text(encoding="utf-8")
    root = small_base({"playbooks/proeftuinen/enclave-limburg.md": re.sub(
        r"^titel: .*$", "titel: Een enclave in Limburg", pilot, count=1, flags=re.M)})
    (root / "mkdocs.yml").write_text(CONFIG, encoding="utf-8")
    return root


@pytest.fixture
def session(small_base, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Session]:
    """The small base served (in this process) under the bundled kind of configuration."""
    for name in ("ESFKB_AUDIENCE", "ESFKB_CONTACTS"):
        monkeypatch.delenv(name, raising=False)
    root = _project(small_base)
    served = Session(root, tmp_path / "served")
    try:
        served.rebuild()
        yield served
    finally:
        served.close()


def _rendered(caplog: pytest.LogCaptureFixture) -> tuple[int, int]:
    """(pages rendered, pages reused) of the last rebuild, from the plugin's line in the log."""
    found = [REUSED_RE.search(r.getMessage()) for r in caplog.records]
    last = [m for m in found if m is not None][-1]
    return int(last[1]), int(last[3])


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _title(path: Path, title: str) -> None:
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"^(titel|naam): .*$", rf"\1: {title}", text, count=1, flags=re.M), encoding="utf-8")


def test_every_edit_serves_what_a_clean_build_makes(session: Session, tmp_path: Path,
                                                    caplog: pytest.LogCaptureFixture) -> None:
    """Body, title, a relation, a vocabulary value, a new file, a deleted file, a rename: page by page the same."""
    caplog.set_level("INFO", logger="mkdocs.plugins.esfkb_mkdocs")
    docs = session.root / "playbooks"
    playbook = docs / "draaiboeken" / "enclave-opstarten.md"
    registration = docs / "registraties" / "logistiek-olen.md"

    def new_file() -> None:
        (docs / "draaiboeken" / "een-nieuw-draaiboek.md").write_text(
            playbook.read_text(encoding="utf-8"), encoding="utf-8")
        _title(docs / "draaiboeken" / "een-nieuw-draaiboek.md", "Een nieuw draaiboek")

    edits = {
        "body": lambda: playbook.write_text(playbook.read_text(encoding="utf-8") + "\nEen zin erbij.\n",
                                            encoding="utf-8"),
        "title": lambda: _title(playbook, "Een andere titel"),
        "relation": lambda: _replace(playbook, "proeftuinen: [enclave-kempen]",
                                     "proeftuinen: [enclave-kempen, enclave-limburg]"),
        "vocabulary value": lambda: _replace(playbook, "doelpubliek: [se_onderneming, reguliere_onderneming]",
                                             "doelpubliek: [se_onderneming]"),
        "new file": new_file,
        "deleted file": (docs / "draaiboeken" / "een-nieuw-draaiboek.md").unlink,
        "rename": lambda: registration.rename(registration.with_name("logistiek-olen-bis.md")),
        "a pilot's title": lambda: _title(docs / "proeftuinen" / "enclave-limburg.md", "Een hernoemde proeftuin"),
    }
    reused_any = False
    for number, (edit, apply) in enumerate(edits.items()):
        apply()
        session.rebuild()
        _, reused = _rendered(caplog)
        reused_any = reused_any or reused > 0
        served = site_files(session.site)
        clean = full_build(session.root, tmp_path / f"clean-{number}")
        differ = sorted(path for path in served.keys() | clean.keys() if served.get(path) != clean.get(path))
        assert not differ, f"after the {edit} edit the served site differs from a clean build in {differ[:10]}"
    assert reused_any, "no rebuild reused a page"


def test_a_body_edit_renders_only_its_page(session: Session, caplog: pytest.LogCaptureFixture) -> None:
    """A body is shown on its own page only: every document and generated page but that one is left as it was."""
    caplog.set_level("INFO", logger="mkdocs.plugins.esfkb_mkdocs")
    playbook = session.root / "playbooks" / "draaiboeken" / "enclave-opstarten.md"
    playbook.write_text(playbook.read_text(encoding="utf-8") + "\nNog een zin.\n", encoding="utf-8")
    session.rebuild()
    rendered, reused = _rendered(caplog)
    by_hand = len(list((session.root / "playbooks").glob("*.md")))  # pages by hand are always rendered
    assert rendered == 1 + by_hand, (rendered, reused)
    assert "Nog een zin." in (session.site / "draaiboeken" / playbook.stem / "index.html").read_text(encoding="utf-8")


def test_a_deleted_document_leaves_every_page_that_listed_it(session: Session, tmp_path: Path) -> None:
    """No page links to a document once its file is gone, no file of its page is left, and the search index that
    follows points to no page that is gone."""
    docs = session.root / "playbooks"
    before = {path: text for path, text in site_files(session.site).items() if path.endswith(".html")}
    candidates = sorted((docs / "registraties").glob("*.md"))
    target = next(p for p in candidates
                  if sum(f"registraties/{p.stem}/" in t.decode() for t in before.values()) > 2)
    own = f"registraties/{target.stem}/index.html"
    listing = [path for path, text in before.items() if path != own and f"registraties/{target.stem}/" in text.decode()]
    assert len(listing) >= 2, listing
    target.unlink()
    session.rebuild()
    after = site_files(session.site)
    assert own not in after
    still = [path for path, text in after.items()
             if path.endswith(".html") and f"registraties/{target.stem}/" in text.decode()]
    assert not still, f"pages still link to the deleted document: {still}"
    assert after == full_build(session.root, tmp_path / "clean")
    entry = session.site / PAGEFIND / "pagefind-entry.json"
    deadline = time.monotonic() + 120  # the index follows beside the preview: not a timed test
    while time.monotonic() < deadline and not (entry.exists() and _indexed(session.site) <= _pages(session.site)):
        time.sleep(0.05)
    indexed = _indexed(session.site)
    assert indexed and indexed <= _pages(session.site), "the search index points to pages that are gone"
    assert f"/registraties/{target.stem}/" not in indexed


def _indexed(site: Path) -> set[str]:
    """The page addresses of the site's search index (none while it has none)."""
    with contextlib.suppress(OSError, ValueError, KeyError):
        return set(pagefind_fragments(site / PAGEFIND))
    return set()


def _pages(site: Path) -> set[str]:
    """The site-absolute address of every page of the site."""
    return {"/" + (p.parent.relative_to(site).as_posix() + "/" if p.parent != site else "")
            for p in site.rglob("index.html") if not p.relative_to(site).as_posix().startswith(PAGEFIND)}


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _rss_kib(pid: int) -> int:
    status = Path(f"/proc/{pid}/status").read_text(encoding="utf-8")
    found = re.search(r"^VmRSS:\s+(\d+) kB", status, re.M)
    assert found is not None
    return int(found[1])


@contextlib.contextmanager
def mkdocs_serve(root: Path) -> Iterator[tuple[str, subprocess.Popen[str], list[str]]]:
    """A real ``mkdocs serve`` of ``root``: its URL, its process and the lines it logged so far."""
    port = _free_port()
    process = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-f", str(root / "mkdocs.yml"),
                                "-a", f"127.0.0.1:{port}"],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=_environ())
    lines: list[str] = []
    reader = threading.Thread(target=lambda: lines.extend(iter(process.stdout.readline, "")), daemon=True)
    reader.start()
    try:
        yield f"http://127.0.0.1:{port}/", process, lines
    finally:
        process.terminate()
        process.wait(timeout=30)
        reader.join(timeout=5)
        if process.stdout is not None:
            process.stdout.close()


def _wait_for(url: str, text: str, process: subprocess.Popen[str], lines: list[str]) -> None:
    """Poll ``url`` until it shows ``text`` (not a timed test: the limit only keeps a hung server from hanging)."""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        assert process.poll() is None, "".join(lines)
        with contextlib.suppress(OSError), urllib.request.urlopen(url, timeout=10) as response:
            if text in response.read().decode("utf-8"):
                return
        time.sleep(0.05)
    pytest.fail(f"{url} never showed {text!r}:\n" + "".join(lines[-30:]))


def test_thirty_saves_each_rebuilt_none_lost_memory_flat(small_base) -> None:
    """A real ``mkdocs serve``: thirty saves, each one shown, and the server's memory flat after the first few."""
    root = _project(small_base)
    playbook = root / "playbooks" / "draaiboeken" / "enclave-opstarten.md"
    original = playbook.read_text(encoding="utf-8")
    with mkdocs_serve(root) as (url, process, lines):
        page = f"{url}draaiboeken/{playbook.stem}/"
        _wait_for(page, "<html", process, lines)
        memory: list[int] = []
        for save in range(30):
            marker = f"Opgeslagen versie {save}."
            playbook.write_text(f"{original}\n{marker}\n", encoding="utf-8")
            _wait_for(page, marker, process, lines)
            memory.append(_rss_kib(process.pid))
        log = "".join(lines)
    assert "Traceback" not in log and "ERROR" not in log, log[-3000:]
    rebuilt = len(REUSED_RE.findall(log))
    assert rebuilt >= 31, f"{rebuilt} builds for 30 saves"
    settled = memory[5]
    assert max(memory[5:]) - settled < 40 * 1024, f"memory grew from {settled} to {max(memory[5:])} KiB: {memory}"
