"""Views rendered ahead in a forked child are the views the build would render itself; without the child, nothing is
lost."""

from __future__ import annotations

import os
import re
import threading
import time

import pytest

from esfkb.base.knowledge_base import load_knowledge_base
from esfkb.config import Project, Settings
from esfkb.processes import HELPER_NICENESS
from esfkb.site.audience import Audience
from esfkb.site.build.prerender import Prerender
from esfkb.site.plan import SitePlan, plan_site
from esfkb.site.urls import page_url
from tests.conftest import REPO

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="the renderer forks")


@pytest.fixture(scope="module")
def plan() -> SitePlan:
    settings = Settings.from_options({})
    kb = load_knowledge_base(Project(root=REPO, docs_dir=REPO / "playbooks", settings=settings))
    return plan_site(kb, Audience.from_settings(settings, root=REPO), schemas_dir=REPO / "schemas")


def _pages(plan: SitePlan) -> list[tuple[str, str]]:
    sources = sorted({*plan.ctx.by_src, *(p.src_uri for p in plan.pages)} - plan.hidden)
    return [(src, page_url(src, directory_urls=True)) for src in sources]


def _heading(text: str, before_body: bool) -> str:
    return f"<h2>{text}</h2>"


def _take_all(prerender: Prerender, urls: list[str], timeout: float = 30) -> dict[str, dict[str, str]]:
    """Everything the child sends, polling as the build would (take never waits)."""
    received: dict[str, dict[str, str]] = {}
    deadline = time.monotonic() + timeout
    while len(received) < len(urls) and time.monotonic() < deadline:
        for url in urls:
            if url not in received and (views := prerender.take(url)) is not None:
                received[url] = views
        time.sleep(0.01)
    return received


def test_the_child_renders_every_view_of_every_page_as_the_build_would(plan):
    pages = _pages(plan)
    prerender = Prerender.start(plan, pages)
    assert prerender is not None
    try:
        received = _take_all(prerender, [url for _, url in pages])
    finally:
        prerender.close()
    assert sorted(received) == sorted(url for _, url in pages)
    placed = 0
    for src_uri, url in pages:
        views = received[url]
        assert views == plan.views(src_uri, url)
        html = "<h1>Titel</h1>\n<p>Tekst</p>"
        assert plan.html(src_uri, html, url, _heading, views) == plan.html(src_uri, html, url, _heading)
        placed += len(views)
    assert placed > 3 * len(plan.ctx.by_src), "cards, main views and relations are rendered ahead"


def test_a_page_the_child_has_not_sent_is_rendered_by_the_build(plan):
    src_uri, url = next((s, u) for s, u in _pages(plan) if s.startswith("proeftuinen/"))
    prerender = Prerender.start(plan, [(src_uri, url)])
    assert prerender is not None
    prerender.close()  # killed before the build asked: the build renders the page itself
    assert prerender.take(url) is None
    filled = plan.html(src_uri, "<h1>Titel</h1>\n<p>Tekst</p>", url, _heading, None)
    assert re.search(r"<h1>Titel</h1>\n.*<h2>Samenstelling</h2><div class=\"esfkb-view esfkb-view--composition\">.*"
                     r"<p>Tekst</p>\n.*<h2>Relaties</h2>", filled, re.DOTALL)


def test_no_child_is_forked_beside_other_threads(plan):
    """A forked child keeps only the forking thread: a lock another thread holds would never be released there."""
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        assert Prerender.start(plan, _pages(plan)) is None
    finally:
        stop.set()
        other.join()


def test_a_closed_child_is_reaped(plan):
    prerender = Prerender.start(plan, _pages(plan))
    assert prerender is not None
    pid = prerender._child.pid
    prerender.close()
    prerender.close()  # twice is harmless
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)


def test_the_child_yields_to_the_build(plan):
    """The build keeps a core: the views' child runs at the lowest priority."""
    prerender = Prerender.start(plan, _pages(plan) * 50)  # busy long enough to be looked at
    assert prerender is not None
    expected = min(os.nice(0) + HELPER_NICENESS, 19)
    deadline = time.monotonic() + 10
    while os.getpriority(os.PRIO_PROCESS, prerender._child.pid) != expected and time.monotonic() < deadline:
        time.sleep(0.01)
    assert os.getpriority(os.PRIO_PROCESS, prerender._child.pid) == expected
    prerender.close()
