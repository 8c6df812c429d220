"""One card, two faces: for every bundled document, ``esfkb show`` and the site's relations list the same
relations, under the same headings and labels, in the same order.

The public edition is read from the bundled build; the matchmakers edition from the same view rendered in
process (a second full build would only repeat it). A document the edition does not publish reads on the site
as its anonymous label and never names a backlink, as the audience decides; everything else is the same.
"""

from __future__ import annotations

import json
import posixpath
from html.parser import HTMLParser
from typing import TYPE_CHECKING

import pytest
from click.testing import CliRunner

from esfkb.base.knowledge_base import load_knowledge_base
from esfkb.cli import main
from esfkb.config import load_project
from esfkb.site.audience import Audience, Edition, anonymous_label
from esfkb.site.context import SiteContext
from esfkb.site.views.cards import card_model, relations
from tests.conftest import REPO

if TYPE_CHECKING:
    from esfkb.base.knowledge_base import KnowledgeBase

Entry = tuple[str | None, str]
"""A related document as a face shows it: its id (None where it is not named) and its title or label."""
Side = list[tuple[str, list[Entry]]]
"""One direction: (group label, entries) in order."""


class _Relations(HTMLParser):
    """The two sides of a page's ``esfkb-relations`` view: heading, then (label, [(href, text)]) groups."""

    def __init__(self) -> None:
        super().__init__()
        self.sides: list[tuple[str, list[tuple[str, list[tuple[str | None, str]]]]]] = []
        self._depth = 0  # open tags inside the view; 0 outside it
        self._capture: str | None = None  # what the text being read is: h3, dt, a or anonymous
        self._text = ""
        self._href: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = (dict(attrs).get("class") or "").split()
        if self._depth == 0:
            self._depth = 1 if tag == "div" and "esfkb-relations" in classes else 0
            return
        self._depth += 1
        if tag in ("h3", "dt") or (tag == "span" and "esfkb-anonymous" in classes):
            self._capture, self._text = ("anonymous" if tag == "span" else tag), ""
        elif tag == "a":
            self._capture, self._text, self._href = "a", "", dict(attrs).get("href")

    def handle_endtag(self, tag: str) -> None:
        if self._depth == 0:
            return
        self._depth -= 1
        if self._capture is None or tag != {"anonymous": "span"}.get(self._capture, self._capture):
            return
        text, what, self._capture = self._text.strip(), self._capture, None
        if what == "h3":
            self.sides.append((text, []))
        elif what == "dt":
            self.sides[-1][1].append((text, []))
        else:
            self.sides[-1][1][-1][1].append((self._href if what == "a" else None, text))

    def handle_data(self, data: str) -> None:
        if self._capture is not None:
            self._text += data


class _CardLabels(HTMLParser):
    """The row labels (``dt``) of a page's ``esfkb-card``."""

    def __init__(self) -> None:
        super().__init__()
        self.labels: list[str] = []
        self._depth = 0
        self._reading = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._depth == 0:
            self._depth = 1 if tag == "div" and "esfkb-card" in (dict(attrs).get("class") or "").split() else 0
            return
        self._depth += 1
        if tag == "dt":
            self._reading = True
            self.labels.append("")

    def handle_endtag(self, tag: str) -> None:
        if self._depth:
            self._depth -= 1
            self._reading = self._reading and tag != "dt"

    def handle_data(self, data: str) -> None:
        if self._reading:
            self.labels[-1] += data


def _site_sides(ctx: SiteContext, html: str, page_url: str) -> list[tuple[str, Side]]:
    """The relations view of a page, each link read back as the id of the document it leads to."""
    by_url = {ctx.url(d): d.id for d in ctx.kb.documents.values() if ctx.published(d)}
    parser = _Relations()
    parser.feed(html)
    sides = []
    for heading, groups in parser.sides:
        read = []
        for label, entries in groups:
            ids = [(None if href is None else by_url[_resolve(page_url, href)], text) for href, text in entries]
            read.append((label, ids))
        sides.append((heading, read))
    return sides


def _resolve(page_url: str, href: str) -> str:
    target = posixpath.normpath(posixpath.join(posixpath.dirname("/" + page_url), href)).lstrip("/")
    return target + "/" if href.endswith("/") else target


def _as_published(ctx: SiteContext, groups: list[dict], incoming: bool) -> Side:
    """The terminal's groups as the edition may show them: an unpublished target by its anonymous label, an
    unpublished source not at all; a reference to no document has no page to link to."""
    side: Side = []
    for group in groups:
        entries: list[Entry] = []
        for relation in group["relations"]:
            document = ctx.kb.get(relation["id"])
            if relation["missing"] or document is None:
                continue
            if ctx.published(document):
                entries.append((relation["id"], relation["title"]))
            elif not incoming:
                entries.append((None, anonymous_label(document)))
        if entries:
            side.append((group["label"], entries))
    return side


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_knowledge_base(load_project(REPO))


@pytest.fixture(scope="module")
def shown(kb: KnowledgeBase) -> dict[str, tuple[dict, str]]:
    """``esfkb show`` of every bundled document: its JSON and its text."""
    runner, found = CliRunner(), {}
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(REPO)
        for doc_id in kb.documents:
            as_json = runner.invoke(main, ["show", doc_id, "--format", "json"])
            as_text = runner.invoke(main, ["show", doc_id])
            assert (as_json.exit_code, as_text.exit_code) == (0, 0), doc_id
            found[doc_id] = json.loads(as_json.stdout), as_text.stdout
    return found


def _check(ctx: SiteContext, shown: dict[str, tuple[dict, str]], page: str, doc_id: str) -> Side:
    """Assert the page's relations are those ``esfkb show`` lists; return the page's outgoing side."""
    card, text = shown[doc_id]
    url = ctx.url(ctx.kb.documents[doc_id])
    (outgoing_heading, outgoing), (incoming_heading, incoming) = _site_sides(ctx, page, url)
    lines = text.splitlines()
    assert outgoing_heading in lines and incoming_heading in lines, doc_id
    assert lines.index(outgoing_heading) < lines.index(incoming_heading), doc_id
    assert outgoing == _as_published(ctx, card["outgoing"], incoming=False), doc_id
    assert incoming == _as_published(ctx, card["incoming"], incoming=True), doc_id
    return outgoing


def test_the_public_pages_list_the_relations_esfkb_show_lists(bundled, kb, shown):
    ctx = SiteContext(kb, Audience(small_cell=kb.project.settings.small_cell))
    published = [d for d in kb.documents.values() if ctx.published(d)]
    assert len(published) < len(kb.documents), "the bundled base has registrations the public edition hides"
    hidden_targets = 0
    for document in published:
        outgoing = _check(ctx, shown, bundled.text(ctx.url(document)), document.id)
        hidden_targets += sum(doc_id is None for _, entries in outgoing for doc_id, _ in entries)
    assert hidden_targets, "some pilot names a participant the public edition does not publish"


def test_the_matchmakers_relations_are_those_esfkb_show_lists(kb, shown):
    ctx = SiteContext(kb, Audience(Edition.MATCHMAKERS, small_cell=kb.project.settings.small_cell))
    for document in kb.documents.values():
        if ctx.published(document):
            url = ctx.url(document)
            _check(ctx, shown, relations(ctx, document, url), document.id)


def test_groups_follow_the_model_and_backlinks_read_as_on_the_site(shown):
    """Outgoing groups in the order of the kind's fields, backlinks under the site's Dutch labels; the terminal
    reads everything, so it names every participant."""
    enclave = shown["enclave-logistiek-kempen"][0]
    assert [g["label"] for g in enclave["outgoing"]] == ["Matchmaker", "Deelnemers"]
    assert [g["label"] for g in enclave["incoming"]] == [
        "Businessmodellen getest in deze proeftuin", "Draaiboeken gebruikt in deze proeftuin"]
    assert all(r["title"] and not r["hidden"] for g in enclave["outgoing"] for r in g["relations"])


def test_the_public_cards_label_a_win_win_as_esfkb_show_does(bundled, kb, shown):
    ctx = SiteContext(kb, Audience(small_cell=kb.project.settings.small_cell))
    checked = 0
    for document in kb.documents.values():
        if not ctx.published(document) or "winwin" not in document.data:
            continue
        parser = _CardLabels()
        parser.feed(bundled.text(ctx.url(document)))
        terminal = [fact["label"] for fact in shown[document.id][0]["facts"] if fact["label"].startswith("Win-win")]
        assert terminal == ["Win-win › Sociale partner", "Win-win › Reguliere partner"], document.id
        assert [label for label in parser.labels if label.startswith("Win-win")] == terminal, document.id
        checked += 1
    assert checked, "the bundled models and pilots have a win-win"


def test_a_participant_the_edition_does_not_publish_reaches_the_card_model_nameless(kb):
    ctx = SiteContext(kb, Audience(small_cell=kb.project.settings.small_cell))
    hidden = [d for d in kb.of_kind("registratie") if not ctx.published(d)]
    named = 0
    for pilot in kb.of_kind("proeftuin"):
        card = card_model(ctx, pilot)
        for participant in hidden:
            if participant.id in [link.target for link in kb.links_from(pilot.id)]:
                named += 1
                assert participant.id not in repr(card) and participant.title not in repr(card), pilot.id
        for relation in (r for g in card.outgoing for r in g.relations if r.hidden):
            assert (relation.id, relation.kind_label, relation.status) == ("", "", "")
            assert relation.title.startswith("een ") and relation.detail, pilot.id
    assert named, "a bundled pilot names a registration the public edition does not publish"
