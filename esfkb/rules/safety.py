"""Privacy and safety of content: no contact data, no HTML in frontmatter (markup: :mod:`esfkb.rules.markup`)."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from esfkb.diagnostics import Code, Diagnostic, Severity
from esfkb.frontmatter import FRONTMATTER_FIRST_LINE
from esfkb.privacy.reading import read
from esfkb.rule import Rule
from esfkb.sensitive import (
    HTML_TAG_RE,
    email_allowed,
    find_emails,
    find_phones,
    line_and_column,
)

if TYPE_CHECKING:
    from collections.abc import Iterator

    from esfkb.knowledge_base import KnowledgeBase
    from esfkb.rule import RuleContext

EMAIL = Code("ESF401", "email-in-content", Severity.ERROR, "Content contains an e-mail address.",
             "Personal contact data never enters the repository: it lives in the private contacts file. "
             "Only addresses on the allow-list (email_allowlist in mkdocs.yml, e.g. a matchmaker's "
             "functional mailbox) may appear.")
PHONE = Code("ESF402", "phone-in-content", Severity.ERROR, "Content contains a phone number.",
             "Phone numbers are personal contact data and belong in the private contacts file. Numbers "
             "on phone_allowlist in mkdocs.yml are accepted. KBO numbers, postcodes and dates are not "
             "taken for phone numbers.")
HTML_IN_FIELD = Code("ESF407", "html-in-frontmatter", Severity.ERROR, "A frontmatter value contains HTML.",
                     "Frontmatter text is Markdown without HTML: the site escapes it, so tags would show "
                     "as text. Remove the tag.")


class SafetyRule(Rule):
    """Scan every document (frontmatter and body) and every ordinary page."""

    codes = (EMAIL, PHONE, HTML_IN_FIELD)

    def check(self, kb: KnowledgeBase, context: RuleContext) -> Iterator[Diagnostic]:
        emails = context.settings.email_allowlist
        phones = set(context.settings.phone_allowlist)
        for document in kb.files:
            parsed = document.parsed
            # The frontmatter is scanned as text, once: comments count too, and offsets give lines.
            yield from _scan_text(document.rel_path, parsed.source, FRONTMATTER_FIRST_LINE, emails, phones)
            if "<" in parsed.source:
                for tag in HTML_TAG_RE.finditer(parsed.source):
                    line, column = line_and_column(parsed.source, tag.start(), FRONTMATTER_FIRST_LINE)
                    yield Diagnostic(document.rel_path, line, column, HTML_IN_FIELD.code,
                                     f"frontmatter contains HTML '{tag.group()}': remove the tag",
                                     HTML_IN_FIELD.severity)
            yield from _scan_text(document.rel_path, parsed.body, parsed.body_line, emails, phones)
        for page in kb.pages:
            yield from _scan_text(page.rel_path, page.text, 1, emails, phones)


def _scan_text(rel_path: str, text: str, first_line: int, emails: list[str],
               phones: set[str]) -> Iterator[Diagnostic]:
    for offset, code, message in _judged(text, emails, phones):
        line, column = line_and_column(text, offset, first_line)
        yield Diagnostic(rel_path, line, column, code.code, message, code.severity)


def _judged(text: str, emails: list[str], phones: set[str]) -> Iterator[tuple[int, Code, str]]:
    """Every finding in ``text`` that the allow-lists do not excuse, with its code, message and offset in ``text``.

    Contact data is looked for in the text as a reader sees it (:func:`esfkb.privacy.reading.read`).
    """
    reading = read(text)
    contact_data = (*find_emails(reading.text), *find_phones(reading.text))
    located = (replace(finding, offset=reading.source_offset(finding.offset)) for finding in contact_data)
    for finding in located:
        if finding.kind == "email":
            if not email_allowed(finding.value, emails):
                yield finding.offset, EMAIL, (
                    f"e-mail address '{finding.value}' is contact data: remove it (contacts go in the "
                    "private contacts file) or add its domain to email_allowlist")
        elif finding.value not in phones:
            yield finding.offset, PHONE, (
                f"phone number {finding.value} is contact data: remove it (contacts go in the "
                "private contacts file)")
