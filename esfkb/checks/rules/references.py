"""References: every id a document names exists, has the right kind, and ids are unique."""

from __future__ import annotations

import difflib
from typing import TYPE_CHECKING

from esfkb.checks.diagnostics import Code, Severity
from esfkb.checks.rule import Rule
from esfkb.i18n import N_, _

if TYPE_CHECKING:
    from collections.abc import Iterator

    from esfkb.base.knowledge_base import KnowledgeBase
    from esfkb.checks.diagnostics import Diagnostic
    from esfkb.checks.rule import RuleContext

UNKNOWN = Code("ESF201", "unknown-reference", Severity.ERROR, N_("A reference names an id that does not exist."),
               N_("The id is not found in the knowledge base. The message suggests the closest existing "
                  "ids of the right kind; 'esfkb list KIND' shows them all."))
WRONG_KIND = Code("ESF202", "wrong-reference-kind", Severity.ERROR,
                  N_("A reference points to a document of the wrong kind."),
                  N_("Each reference field fixes the kind it points to: 'matchmaker' names a matchmaker, "
                     "'deelnemers[].registratie' a registration, 'businessmodel' a business model."))
DUPLICATE = Code("ESF203", "duplicate-id", Severity.ERROR, N_("Two documents have the same id."),
                 N_("Ids are file names and must be unique across the whole knowledge base, whatever the "
                    "folder. Rename one of the files with 'esfkb rename OLD NEW'."))


class ReferencesRule(Rule):
    """Resolve every reference against the whole base and report dangling or mistyped ones."""

    codes = (UNKNOWN, WRONG_KIND, DUPLICATE)

    def check(self, kb: KnowledgeBase, context: RuleContext) -> Iterator[Diagnostic]:
        ids_by_kind: dict[str, list[str]] = {}
        for document in kb.documents.values():
            ids_by_kind.setdefault(document.kind.name, []).append(document.id)
        for duplicate, first in kb.duplicates:
            yield self.report(duplicate, (), DUPLICATE,
                              _("id '{id}' is already used by {path}: rename one of them").format(
                                  id=duplicate.id, path=first.rel_path))
        for link in kb.links:
            source = kb.documents[link.source]
            target = kb.documents.get(link.target)
            if target is None:
                candidates = ids_by_kind.get(link.target_kind, [])
                close = difflib.get_close_matches(link.target, candidates, n=3, cutoff=0.5)
                hint = (_("did you mean {ids}?").format(ids=", ".join(repr(c) for c in close)) if close
                        else _("no {kind} has an id like it").format(kind=link.target_kind))
                yield self.report(source, link.path, UNKNOWN,
                                  _("'{id}' is not the id of any {kind}: {hint}").format(
                                      id=link.target, kind=link.target_kind, hint=hint))
            elif target.kind.name != link.target_kind:
                yield self.report(source, link.path, WRONG_KIND,
                                  _("'{id}' is a {kind}, but this field needs a {needed}").format(
                                      id=link.target, kind=target.kind.name, needed=link.target_kind))
