"""The built hostile site, parsed as HTML: nothing active is left of the payloads; every page has its CSP."""

from __future__ import annotations

import base64
import hashlib
import re
from dataclasses import dataclass
from html.parser import HTMLParser

import pytest

from tests.security.conftest import Hostile
from tests.security.corpus import PAYLOADS

NEVER = frozenset({"iframe", "object", "embed", "base", "style", "frame", "frameset", "applet", "animate", "set",
                   "foreignobject", "math", "template", "marquee", "dialog"})
"""Elements that no page of the site holds, the theme's parts included."""
NOT_IN_CONTENT = frozenset({"script", "form", "input", "button", "textarea", "select", "meta", "link", "noscript"})
"""Elements of the theme's or esfkb's own (the library's form), never in the content of a hostile page."""
URL_ATTRIBUTES = frozenset({"href", "src", "action", "formaction", "data", "xlink:href", "poster", "background",
                            "srcset", "ping", "cite", "srcdoc", "values", "to", "from"})
_UNSAFE_URL_RE = re.compile(r"(?:javascript|vbscript|data):", re.IGNORECASE)
_INVISIBLE_RE = re.compile(r"[\x00-\x20\x7f]+")


@dataclass
class _Element:
    tag: str
    attrs: dict[str, str]
    in_content: bool
    in_head: bool


class _Page(HTMLParser):
    """Every element of a page, whether it is in the head or the content, and the text of its inline scripts."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[_Element] = []
        self.inline_scripts: list[str] = []
        self._content = 0
        self._head = False
        self._script: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._content += tag == "article"
        self._head = self._head or tag == "head"
        self.elements.append(_Element(tag, {k: v or "" for k, v in attrs}, self._content > 0, self._head))
        if tag == "script" and "src" not in dict(attrs) and dict(attrs).get("type") is None:
            self._script = []

    def handle_endtag(self, tag: str) -> None:
        self._content -= tag == "article"
        self._head = self._head and tag != "head"
        if tag == "script" and self._script is not None:
            self.inline_scripts.append("".join(self._script))
            self._script = None

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script.append(data)


def _read(html: str) -> _Page:
    page = _Page()
    page.feed(html)
    page.close()
    return page


def _sha256(script: str) -> str:
    return f"'sha256-{base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()}'"


def _problems(html: str, *, hostile: bool = True) -> list[str]:
    """Everything active or harmful in a built page, as readable lines (none expected).

    In a page that is not ``hostile`` the content may hold esfkb's own controls (the library's form).
    """
    page = _read(html)
    problems = []
    policy = next((e.attrs["content"] for e in page.elements
                   if e.tag == "meta" and e.attrs.get("http-equiv") == "Content-Security-Policy"), "")
    for element in page.elements:
        where = f"<{element.tag} {element.attrs}>"
        if element.tag in NEVER or (hostile and element.in_content and element.tag in NOT_IN_CONTENT):
            problems.append(f"element {where}")
        if element.tag == "meta" and not element.in_head:
            problems.append(f"meta outside the head {where}")
        source = element.attrs.get("src", "") if element.tag == "script" else ""
        if source.startswith("//") or ":" in source:
            problems.append(f"script from elsewhere {where}")
        for name, value in element.attrs.items():
            if name.startswith("on"):
                problems.append(f"event handler {where}")
            if name in URL_ATTRIBUTES and _UNSAFE_URL_RE.match(_INVISIBLE_RE.sub("", value)):
                problems.append(f"unsafe URL {where}")
    problems.extend(f"inline script not in the policy: {s[:60]!r}" for s in page.inline_scripts
                    if _sha256(s) not in policy)
    return problems


@pytest.mark.parametrize("payload", PAYLOADS, ids=[p.name for p in PAYLOADS])
def test_nothing_active_is_left_of_a_payload_in_a_playbook_or_a_page(hostile: Hostile, payload):
    for url in (f"draaiboeken/aanval-{payload.name}/", f"aanval/{payload.name}/"):
        assert _problems(hostile.build.text(url)) == [], (url, payload.markdown)


def test_the_payloads_leave_their_text_behind_but_not_their_markup(hostile: Hostile):
    dialog = _read(hostile.build.text("aanval/dialog-open/"))
    assert not [e for e in dialog.elements if e.tag == "dialog"]
    assert "Je sessie is verlopen" in hostile.build.text("aanval/dialog-open/")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in hostile.build.text("onschuldig-0/")


def test_every_page_of_the_site_opens_with_its_policy(hostile: Hostile):
    pages = [p for p in hostile.build.files() if p.suffix == ".html"]
    assert any(p.name == "404.html" for p in pages)
    for path in pages:
        html = path.read_text(encoding="utf-8")
        head = re.search(r"<head>\s*(<[^>]*>)", html)
        assert head and head.group(1).startswith('<meta http-equiv="Content-Security-Policy"'), path
        assert _problems(html, hostile="aanval" in path.parts) == [], path
