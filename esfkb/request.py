"""What a user asked for on the command line, and the checks that explain a wrong request.

A wrong request (an unknown id, an impossible pair, a value outside its vocabulary) is not a
problem of the knowledge base: the faces report it as a usage error, with what would be right.
"""

from __future__ import annotations

import difflib
from typing import TYPE_CHECKING

from esfkb.errors import RequestError
from esfkb.i18n import _
from esfkb.model.fields import id_problem, suggest_id

if TYPE_CHECKING:
    from esfkb.base.knowledge_base import KnowledgeBase
    from esfkb.model.vocabulary import Vocabulary


def unknown_document(kb: KnowledgeBase, doc_id: str, role: str = "") -> RequestError:
    """The error for an id no document has, suggesting the closest ids."""
    close = difflib.get_close_matches(doc_id, list(kb.documents), n=3, cutoff=0.6)
    message = _("{role}'{id}' is not the id of any document: did you mean {ids}?") if close else _(
        "{role}'{id}' is not the id of any document")
    return RequestError(message.format(role=f"{role} " if role else "", id=doc_id,
                                       ids=", ".join(repr(c) for c in close)))


def check_choice(vocabulary: type[Vocabulary], value: str) -> None:
    """Refuse a value outside ``vocabulary``, listing the allowed values."""
    if value not in {m.value for m in vocabulary}:
        raise RequestError(_("'{value}' is not a {vocabulary}; choose one of: {choices}").format(
            value=value, vocabulary=vocabulary.__label__.lower(), choices=", ".join(m.value for m in vocabulary)))


def check_id_format(doc_id: str) -> None:
    """Refuse a malformed id or a Windows device name, suggesting a valid id."""
    problem = id_problem(doc_id)
    if problem is not None:
        raise RequestError(_("'{id}' is not a valid id: {problem}, e.g. '{suggestion}'").format(
            id=doc_id, problem=problem, suggestion=suggest_id(doc_id)))
