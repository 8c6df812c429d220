"""Privacy and safety of content: no contact data, no HTML in frontmatter (markup: :mod:`esfkb.checks.rules.markup`)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from esfkb.checks.by_content import ByContent
from esfkb.checks.diagnostics import Code, Diagnostic, Severity
from esfkb.checks.rule import Rule
from esfkb.i18n import N_, _
from esfkb.model.frontmatter import FRONTMATTER_FIRST_LINE
from esfkb.privacy.detectors import (
    HTML_TAG_RE,
    email_allowed,
    find_emails,
    find_phones,
    line_and_column,
)
from esfkb.privacy.persons import WrittenName, names_of_persons
from esfkb.privacy.reading import read

if TYPE_CHECKING:
    from collections.abc import Iterator

    from esfkb.base.knowledge_base import KnowledgeBase
    from esfkb.checks.rule import RuleContext
    from esfkb.model.frontmatter import ParsedFile

EMAIL = Code("ESF401", "email-in-content", Severity.ERROR, N_("Content contains an e-mail address."),
             N_("Personal contact data never enters the repository: it lives in the private contacts file. "
                "Only addresses on the allow-list (email_allowlist in mkdocs.yml, e.g. a matchmaker's "
                "functional mailbox) may appear."))
PHONE = Code("ESF402", "phone-in-content", Severity.ERROR, N_("Content contains a phone number."),
             N_("Phone numbers are personal contact data and belong in the private contacts file. Numbers "
                "on phone_allowlist in mkdocs.yml are accepted. KBO numbers, postcodes and dates are not "
                "taken for phone numbers."))
PERSON_NAME = Code("ESF408", "person-name-in-content", Severity.ERROR,
                   N_("Content names an organisation named after a person, without consent to publish it."),
                   N_("A registration with naam_bevat_persoonsnaam (set by 'esfkb registrations import' where the "
                      "organisation's name contains its contact person's name) is published by name only with "
                      "consent for publicatie_organisatieprofiel; elsewhere the site calls it 'een deelnemer uit ...'. "
                      "Text written in another file is published as it is: name it that way there too."))
HTML_IN_FIELD = Code("ESF407", "html-in-frontmatter", Severity.ERROR, N_("A frontmatter value contains HTML."),
                     N_("Frontmatter text is Markdown without HTML: the site escapes it, so tags would show "
                        "as text. Remove the tag."))


class SafetyRule(Rule):
    """Scan every document (frontmatter and body) and every ordinary page."""

    codes = (EMAIL, PHONE, PERSON_NAME, HTML_IN_FIELD)

    def check(self, kb: KnowledgeBase, context: RuleContext) -> Iterator[Diagnostic]:
        withheld = tuple((d.rel_path, WrittenName.of(name))
                         for d, name, published in names_of_persons(kb, context.today) if not published)
        judge = _Judge(tuple(context.settings.email_allowlist), frozenset(context.settings.phone_allowlist), withheld)
        _seen.begin(judge)  # a registration's own file is judged without its names: its path is in its key
        for document in kb.files:
            parsed = document.parsed
            yield from _seen.found((document.rel_path, parsed.source, parsed.body, parsed.body_line),
                                   lambda p=parsed, d=document: _document(judge, d.rel_path, p))
        for page in kb.pages:
            yield from _seen.found((page.project_path, page.text),
                                   lambda p=page: judge.scan(p.project_path, p.text, 1))


_seen = ByContent()
"""What the rule found in each text, from one validation to the next under the same judge (``mkdocs serve``)."""


def _document(judge: _Judge, rel_path: str, parsed: ParsedFile) -> Iterator[Diagnostic]:
    """What ``judge`` finds in one document: its frontmatter (scanned as text, once: comments count too, and offsets
    give lines), HTML there, and its body. A registration's own file is not what publishes its name."""
    judge = judge.elsewhere_than(rel_path)
    yield from judge.scan(rel_path, parsed.source, FRONTMATTER_FIRST_LINE)
    if "<" in parsed.source:
        for tag in HTML_TAG_RE.finditer(parsed.source):
            line, column = line_and_column(parsed.source, tag.start(), FRONTMATTER_FIRST_LINE)
            yield Diagnostic(rel_path, line, column, HTML_IN_FIELD.code,
                             _("frontmatter contains HTML '{tag}': remove the tag").format(tag=tag.group()),
                             HTML_IN_FIELD.severity)
    yield from judge.scan(rel_path, parsed.body, parsed.body_line)


@dataclass(frozen=True, slots=True)
class _Judge:
    """The allow-lists, and the withheld names by their registration's file (:mod:`esfkb.privacy.persons`)."""

    emails: tuple[str, ...]
    phones: frozenset[str]
    withheld: tuple[tuple[str, WrittenName], ...] = ()

    def elsewhere_than(self, rel_path: str) -> _Judge:
        """This judge without the names of the registration in ``rel_path``."""
        if not any(path == rel_path for path, _ in self.withheld):
            return self
        return replace(self, withheld=tuple(entry for entry in self.withheld if entry[0] != rel_path))

    def scan(self, rel_path: str, text: str, first_line: int) -> Iterator[Diagnostic]:
        """Every finding in ``text``, which starts at line ``first_line`` of ``rel_path``."""
        for offset, code, message in self.judged(text):
            line, column = line_and_column(text, offset, first_line)
            yield Diagnostic(rel_path, line, column, code.code, message, code.severity)

    def judged(self, text: str) -> Iterator[tuple[int, Code, str]]:
        """Every finding in ``text`` that the allow-lists do not excuse, with its offset in ``text``, code and message.

        Contact data and withheld names are looked for in the text as a reader sees it
        (:func:`esfkb.privacy.reading.read`).
        """
        reading = read(text)
        if self.withheld:
            lowered = reading.text.lower()
            for path, name in self.withheld:
                for offset in name.offsets(reading.text, lowered):
                    yield reading.source_offset(offset), PERSON_NAME, (
                        _("'{name}' ({path}) is named after a person and may not be published: write "
                          "'een deelnemer uit ...' instead, or record consent for publicatie_organisatieprofiel"
                          ).format(name=name.name, path=path))
        contact_data = (*find_emails(reading.text), *find_phones(reading.text))
        for finding in contact_data:
            offset = reading.source_offset(finding.offset)
            if finding.kind == "email":
                if not email_allowed(finding.value, self.emails):
                    yield offset, EMAIL, (
                        _("e-mail address '{address}' is contact data: remove it (contacts go in the "
                          "private contacts file) or add its domain to email_allowlist").format(address=finding.value))
            elif finding.value not in self.phones:
                yield offset, PHONE, (
                    _("phone number {number} is contact data: remove it (contacts go in the private "
                      "contacts file)").format(number=finding.value))
