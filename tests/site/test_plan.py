"""The site plan, as a site generator uses it: a page by hand takes the place of the generated one, whole."""

from __future__ import annotations

from pathlib import Path

from esfkb.base.knowledge_base import load_knowledge_base
from esfkb.config import Project, Settings
from esfkb.site import routes
from esfkb.site.audience import Audience
from esfkb.site.plan import plan_site
from tests.conftest import make_project


def test_a_page_by_hand_replaces_the_generated_page_with_its_title_and_views(tmp_path: Path):
    root = make_project(tmp_path / "kb")
    (root / "playbooks" / routes.DASHBOARD).write_text("# Ons eigen dashboard\n\nTekst.\n", encoding="utf-8")
    settings = Settings.from_options({})
    kb = load_knowledge_base(Project(root=root, docs_dir=root / "playbooks", settings=settings))
    plan = plan_site(kb, Audience.from_settings(settings, root=root))
    assert routes.DASHBOARD not in {page.src_uri for page in plan.pages}  # decided in the plan, once
    assert plan.replaced == (routes.DASHBOARD,)  # so that the generator can say which page it left out
    assert plan.meta(routes.DASHBOARD) is None  # the page keeps its own title
    assert plan.slots(routes.DASHBOARD) == ()
    assert plan.html(routes.DASHBOARD, "<h1>Ons eigen dashboard</h1>", "dashboard/", lambda text, before: text) \
        == "<h1>Ons eigen dashboard</h1>"
    assert plan.slots(routes.GLOSSARY), "the other generated pages keep their views"
