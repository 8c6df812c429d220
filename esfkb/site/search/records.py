"""Search records: what the site's one search engine indexes, built from the core, never scraped from HTML.

Every page of the edition gets one record. A document's record holds its title, summary, main field
texts and body as Dutch plain text, and its facets as filters (kind, samenwerkingsvorm, win-win,
provincie, sector, doelpubliek, maturiteit, status) taken from :mod:`esfkb.site.views.facets`, so the
library agrees with the cards and the overviews. An ordinary page (home, guides, generated pages)
gets its text, without filters.

What a record leaves out is as deliberate as what it holds: navigation, heading anchors, relation
lists and charts (they would make a page match every title it links to), unpublished documents,
private fields and contact data (the audience may not see them). The records know no search
engine; :mod:`esfkb.site.search.pagefind` hands them to Pagefind.
"""

from __future__ import annotations

import html
import posixpath
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from esfkb.model.frontmatter import parse_document
from esfkb.model.kinds import Kind
from esfkb.model.models import Businessmodel, Draaiboek, Matchmaker, Proeftuin, Registratie
from esfkb.model.vocabulary import Vocabulary
from esfkb.site import routes
from esfkb.site.html.labels import term
from esfkb.site.sections import redact_links
from esfkb.site.views.facets import facets

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from esfkb.model.documents import Document, Page
    from esfkb.site.context import SiteContext
    from esfkb.site.pages.generated import GeneratedPage

FILTER_LABELS: dict[str, str] = {
    "soort": "Soort",
    "samenwerkingsvorm": "Samenwerkingsvorm",
    "winwin": "Win-win niveau",
    "provincie": "Provincie",
    "sector": "Sector (NACE)",
    "doelpubliek": "Doelpubliek",
    "maturiteit": "Maturiteit",
    "status": "Status",
}
"""The library's filters in display order, with their Dutch labels; the keys are the index's filter names."""

TEXT_FIELDS: dict[type[BaseModel], tuple[str, ...]] = {
    Businessmodel: ("canvas", "juridische_vorm", "premies", "randvoorwaarden", "risicos"),
    Draaiboek: ("fasen", "juridische_checklist", "succesfactoren", "valkuilen", "indicatoren"),
    Proeftuin: ("ecosysteem", "doelgroepen", "doorstroom"),
    Registratie: ("erkenningen", "gemeente", "aanbod", "vraag"),
    Matchmaker: ("expertise",),
}
"""The fields whose text a reader searches by, per kind model (besides title, summary and body).

Never relations (other documents' titles are noise, and may name a hidden registration), never
contact fields (a matchmaker's mailbox and website are on its card, not in the index).
"""

KIND_WEIGHTS: dict[str, float] = {"businessmodel": 2.0, "draaiboek": 2.0}
"""How much a word counts in a record of the kind, against 1 elsewhere: the library exists to find reusable
models and playbooks, so where a pilot and the model it tested say the same, the model comes first."""

SUMMARY_LENGTH = 300
PAGE_KIND = "Pagina"
"""How an ordinary page reads where a document shows its kind."""

# Content is untrusted, so no pattern may backtrack super-linearly (#17): no two quantifiers that can take the
# same characters in a row, and a scan that can fail stops at the next place a match could start ("[", "<").
_FENCE_RE = re.compile(r"^\s*(?:```|~~~)")
_HEADING_RE = re.compile(r"^\s{0,3}#{1,6}\s+(.*)$")
_ATTR_OPEN_RE = re.compile(r"\{:?\s*[#.]")
_ADMONITION_RE = re.compile(r'^\s*(?:!!!|\?\?\?\+?)\s*[\w-]+(?:\s+[\w-]+)*\s*(?:"([^"]*)"\s*)?$')
_LIST_RE = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
_QUOTE_RE = re.compile(r"^\s*(?:>\s?)+")
_TABLE_RULE_RE = re.compile(r"^\s*(?:\|\s*)?:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*(?:\|\s*)?$")
_HRULE_RE = re.compile(r"^\s*(?:[-*_]\s*){3,}$")
_REF_DEF_RE = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*\S+.*$")
_IMAGE_RE = re.compile(r"!\[([^\[\]]*)\]\([^)\[]*\)")
_LINK_RE = re.compile(r"\[([^\[\]]*)\]\([^)\[]*\)|\[([^\[\]]+)\]\[[^\[\]]*\]")
_FOOTNOTE_RE = re.compile(r"\[\^[^\[\]]+\]")
_TAG_RE = re.compile(r"</?[A-Za-z][^<>]*>")
_MARK_RE = re.compile(r"\*\*|__(?=\w)|(?<=\w)__|`+|~~|\*|(?<![\w])_(?=\w)|(?<=\w)_(?![\w])")
_FRONTMATTER_RE = re.compile(r"\A---[ \t]*\n(.*?\n)?---[ \t]*(?:\n|\Z)", re.DOTALL)


@dataclass(frozen=True, slots=True)
class SearchRecord:
    """One page as the search engine sees it: where it is, what it says, how it is filtered."""

    url: str
    """Site-relative URL of the page (``""`` for the home page), as :func:`esfkb.site.urls.page_url` gives it."""
    title: str
    blocks: tuple[str, ...]
    """The page's text as plain paragraphs, most telling first (title and summary not repeated)."""
    summary: str = ""
    kind: str = ""
    """The kind's Dutch label; empty for an ordinary page."""
    filters: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """Filter name (a key of :data:`FILTER_LABELS`) to the Dutch labels of the page's values."""
    weight: float = 1.0
    """How much the record's words count in the ranking (see :data:`KIND_WEIGHTS`)."""

    @property
    def meta(self) -> dict[str, str]:
        """What a result shows besides its link: title, kind and a summary."""
        meta = {"title": self.title, "soort": self.kind or PAGE_KIND}
        if self.summary:
            meta["samenvatting"] = shorten(self.summary, SUMMARY_LENGTH)
        return meta


def shorten(text: str, limit: int) -> str:
    """``text`` cut at a word boundary to at most ``limit`` characters, with an ellipsis when cut."""
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0].rstrip(" ,.;:")
    return f"{cut}…"


def plain(text: str) -> str:
    """Inline Markdown as plain text: marks, links and tags dropped, entities decoded, spaces folded.

    Each pattern runs only when its first character is there: this runs over every line of 10,000
    documents in a build, and most lines carry no markup at all.
    """
    if "[" in text:
        text = _IMAGE_RE.sub(r"\1", text)
        text = _LINK_RE.sub(lambda m: m.group(1) if m.group(1) is not None else m.group(2), text)
        text = _FOOTNOTE_RE.sub("", text)
    if "<" in text:
        text = _TAG_RE.sub(" ", text)
    if "*" in text or "_" in text or "`" in text or "~" in text:
        text = _MARK_RE.sub("", text)
    if "&" in text:
        text = html.unescape(text)
    return " ".join(text.split())


def markdown_blocks(markdown: str) -> list[str]:
    """A Markdown text as plain paragraphs: headings, list items and table rows become text, markup goes.

    HTML comments, heading attribute lists (``{ #id }``), reference definitions and
    rules are dropped; a heading is a paragraph of its own, so it never runs into the text below it.
    """
    blocks: list[str] = []
    current: list[str] = []

    def flush() -> None:
        if current:
            text = plain(" ".join(current))
            if text:
                blocks.append(text)
            current.clear()

    fenced = False
    for raw in _without_comments(markdown).splitlines():
        if _FENCE_RE.match(raw):
            fenced = not fenced
            flush()
            continue
        if fenced:
            current.append(raw)
            continue
        if not raw.strip() or _HRULE_RE.match(raw) or _TABLE_RULE_RE.match(raw) or _REF_DEF_RE.match(raw):
            flush()
            continue
        line = _without_attr_list(raw) if "{" in raw else raw
        if line.lstrip().startswith(">"):
            line = _QUOTE_RE.sub("", line)
        heading = _HEADING_RE.match(line)
        admonition = _ADMONITION_RE.match(line)
        if heading or admonition:
            flush()
            current.append(_heading_text(heading.group(1)) if heading else admonition.group(1) or "")
            flush()
            continue
        if _LIST_RE.match(line):
            flush()
        current.append(_LIST_RE.sub("", line, count=1).replace("|", " "))
    flush()
    return blocks


def _without_comments(markdown: str) -> str:
    """``markdown`` without HTML comments; an unclosed one stays (what ``<!--.*?-->`` did, without rescans)."""
    parts, done = [], 0
    while (start := markdown.find("<!--", done)) >= 0 and (end := markdown.find("-->", start + 4)) >= 0:
        parts.append(markdown[done:start])
        done = end + 3
    parts.append(markdown[done:])
    return "".join(parts)


def _heading_text(text: str) -> str:
    """A heading's text without the closing hashes and the spaces around them."""
    return text.rstrip().rstrip("#").rstrip()


def _without_attr_list(line: str) -> str:
    """``line`` without a trailing attribute list such as ``{ #id .class }``; empty when the line is one ``{: ...}``.

    The list is the last ``{`` group that closes the line, opened by ``{#``, ``{.``, ``{:#`` or ``{:.`` (spaces
    allowed after the colon), with the spaces before it; ``{: ...}`` alone on a line is one too.
    """
    body = line.rstrip()
    if not body.endswith("}"):
        return line
    after = body.rfind("}", 0, len(body) - 1) + 1
    if after == 0 and body.lstrip().startswith("{:"):
        return ""
    opening = _ATTR_OPEN_RE.search(body, after, len(body) - 1)
    return body[:opening.start()].rstrip() if opening else line


def _texts(value: Any) -> Iterator[str]:
    """The readable text in a field value: free text, vocabulary labels, nested models and lists."""
    if value is None or isinstance(value, bool):
        return
    if isinstance(value, Vocabulary):
        yield term(value)
    elif isinstance(value, str):
        text = plain(value)
        if text:
            yield text
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from _texts(getattr(value, name))
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _texts(item)


def _label(value: Any) -> str:
    return value.label if isinstance(value, Kind) else term(value)


def document_filters(ctx: SiteContext, document: Document) -> dict[str, list[Any]]:
    """The filter values of a document: its kind and its facets (vocabulary members, NACE divisions)."""
    found = facets(ctx, document) if document.valid else {}
    filters: dict[str, list[Any]] = {"soort": [document.kind]}
    for name in FILTER_LABELS:
        if name != "soort" and found.get(name):
            filters[name] = list(found[name])
    return filters


def document_record(ctx: SiteContext, document: Document) -> SearchRecord:
    """The record of a published document: what its page says, in plain text, with its facets as filters."""
    model = document.model
    summary = plain(getattr(model, "samenvatting", None) or "")
    blocks: list[str] = []
    if model is not None:
        for name in TEXT_FIELDS.get(type(model), ()):
            if ctx.audience.shows_field(type(model), name):
                blocks.extend(_texts(getattr(model, name, None)))
        labels = [term(v) for name, values in facets(ctx, document).items() if name != "sector" for v in values]
        if labels:
            blocks.append(", ".join(labels))
    body = redact_links(ctx, ctx.src_uri(document), document.parsed.body)
    blocks.extend(markdown_blocks(body))
    filters = {name: tuple(dict.fromkeys(_label(v) for v in values))
               for name, values in document_filters(ctx, document).items()}
    return SearchRecord(ctx.url(document), document.title, tuple(_drop_title(blocks, document.title)),
                        summary, document.kind.label, filters, KIND_WEIGHTS.get(document.kind.name, 1.0))


def _drop_title(blocks: list[str], title: str) -> list[str]:
    """Blocks without the body's opening heading when it only repeats the title."""
    return blocks[1:] if blocks and blocks[0] == title else blocks


def page_record(ctx: SiteContext, src_uri: str, title: str, markdown: str) -> SearchRecord:
    """The record of an ordinary or generated page: its text, without filters."""
    blocks = markdown_blocks(redact_links(ctx, src_uri, markdown))
    return SearchRecord(ctx.page(src_uri), plain(title), tuple(_drop_title(blocks, plain(title))))


def _handwritten(ctx: SiteContext, page: Page) -> SearchRecord | None:
    """The record of a page written by hand, or None when its frontmatter excludes it from search."""
    text, meta = page.text, {}
    match = _FRONTMATTER_RE.match(text)
    if match:
        meta = parse_document(match.group(0).encode("utf-8")).data or {}  # never raises, unlike yaml.safe_load
        text = text[match.end():]
    search = meta.get("search")
    if isinstance(search, dict) and search.get("exclude"):
        return None
    title = meta.get("title")
    if not isinstance(title, str) or not title.strip():
        title = _first_heading(text) or _title_from_path(page.rel_path)
    return page_record(ctx, page.rel_path, title, text)


def _first_heading(markdown: str) -> str | None:
    for line in markdown.splitlines():
        if line.startswith("# "):
            return plain(_without_attr_list(line[2:]))
    return None


def _title_from_path(rel_path: str) -> str:
    """The title MkDocs would give a page without heading: its file (or folder) name, capitalised."""
    folder, name = posixpath.split(posixpath.splitext(rel_path)[0])
    if name in ("index", "README"):
        name = posixpath.basename(folder) or "Home"
    name = name.replace("-", " ").replace("_", " ")
    return name[:1].upper() + name[1:]


def published_documents(ctx: SiteContext) -> list[Document]:
    """Every document with a page in this edition, by path."""
    return [d for _, d in sorted(ctx.by_src.items()) if ctx.published(d)]


def search_records(ctx: SiteContext, generated: Iterable[GeneratedPage] = ()) -> list[SearchRecord]:
    """The records of every page the edition publishes: documents, pages by hand, generated pages.

    ``generated`` are the plan's pages (:attr:`esfkb.site.plan.SitePlan.pages`: none that a page by hand
    replaces); the library itself is not indexed (its text is the search form).
    """
    key = ("search", "records")
    if key not in ctx.memo:
        records = [document_record(ctx, d) for d in published_documents(ctx)]
        for page in sorted(ctx.kb.pages, key=lambda p: p.rel_path):
            record = _handwritten(ctx, page)
            if record is not None:
                records.append(record)
        for generated_page in generated:
            if generated_page.src_uri != routes.LIBRARY:
                records.append(page_record(ctx, generated_page.src_uri, generated_page.title, generated_page.text))
        ctx.memo[key] = records
    return list(ctx.memo[key])


def filter_counts(ctx: SiteContext) -> dict[str, list[tuple[str, int]]]:
    """How many published documents carry each filter value, as (label, count) in vocabulary order."""
    counts: dict[str, Counter[str]] = {name: Counter() for name in FILTER_LABELS}
    order: dict[str, dict[str, tuple[Any, ...]]] = {name: {} for name in FILTER_LABELS}
    kinds = [k.name for k in ctx.kb.kinds.kinds]
    for document in published_documents(ctx):
        for name, values in document_filters(ctx, document).items():
            for label in dict.fromkeys(_label(v) for v in values):
                counts[name][label] += 1
            for value in values:
                order[name].setdefault(_label(value), _sort_key(value, kinds))
    result: dict[str, list[tuple[str, int]]] = {}
    for name, counter in counts.items():
        if counter:
            labels = sorted(counter, key=order[name].__getitem__)
            result[name] = [(label, counter[label]) for label in labels]
    return result


def _sort_key(value: Any, kinds: list[str]) -> tuple[Any, ...]:
    if isinstance(value, Kind):
        return (0, kinds.index(value.name) if value.name in kinds else len(kinds), value.label)
    if isinstance(value, Vocabulary):
        return (1, type(value).__name__, list(type(value)).index(value), "")
    return (2, str(value))
