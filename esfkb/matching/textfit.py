"""Dutch text fit between what one organisation offers (``aanbod``) and another seeks (``vraag``).

Registrations describe offers and needs in a few short Dutch phrases, written by different people
in different inflections ("schoonmaak van kantoren" against "schoonmaken"), often as compounds
("schoonmaakcontract"). So a phrase is normalised (lowercase, accents stripped), split into words,
cleared of stop words and stemmed with the Snowball Dutch stemmer; a compound whose two parts occur
as words elsewhere in the corpus also yields its parts ("materiaalaanvoer" meets "aanvoer van
materiaal"). Terms are weighed by their
inverse document frequency over every registration's aanbod and vraag, so that a rare shared word
("ontmantelen") counts for more than a common one ("vaste"). A fit is the cosine of two such
vectors: 0 (nothing shared) to 1 (the same terms).

Everything that depends on the corpus is computed once, in :class:`TextModel`; scoring is a
dictionary lookup per term.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

import snowballstemmer

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping, Sequence

Vector = dict[str, float]
"""Term to weight; vectors made by :meth:`TextModel.vector` have unit length."""

STOP_WORDS = frozenset({
    "aan", "al", "alle", "alles", "als", "altijd", "andere", "ben", "bij", "daar", "dan", "dat", "de",
    "der", "deze", "die", "dit", "doch", "doen", "door", "dus", "een", "eens", "en", "er", "ge", "geen",
    "geweest", "haar", "had", "heb", "hebben", "heeft", "hem", "het", "hier", "hij", "hoe", "hun",
    "iemand", "iets", "ik", "in", "is", "ja", "je", "kan", "kon", "kunnen", "maar", "me", "meer", "men",
    "met", "mij", "mijn", "moet", "na", "naar", "niet", "niets", "nog", "nu", "of", "om", "omdat",
    "onder", "ons", "ook", "op", "over", "reeds", "te", "tegen", "toch", "toen", "tot", "u", "uit",
    "uw", "van", "veel", "voor", "want", "waren", "was", "wat", "we", "wel", "werd", "wezen", "wie",
    "wil", "worden", "wordt", "zal", "ze", "zelf", "zich", "zij", "zijn", "zo", "zonder", "zou", "bv",
    "enz", "etc", "elk", "elke", "ieder", "iedere", "per", "via", "waar", "waarin", "waarmee",
    "waarvoor", "welke", "willen", "zoals", "zowel"
})
"""The Snowball Dutch stop list, plus the connecting words of short offer/need phrases."""

_MIN_PART = 4
"""Shortest part of a compound that is recognised (shorter ones are mostly prefixes)."""

_STEM_EXCEPTIONS = {"begeleid": "begeleid"}
"""Word starts whose stem is fixed: the Dutch stemmer strips 'ge' and would turn the domain's most
frequent word, 'begeleiding', into 'beleid' (policy), matching every 'aankoopbeleid'."""

_WORD = re.compile(r"[a-z]+")
_STEMMER = snowballstemmer.stemmer("dutch")


def normalise(text: str) -> str:
    """Lowercase ``text`` and strip accents (``coöperatie`` → ``cooperatie``)."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def words(text: str) -> list[str]:
    """The content words of ``text``: normalised, at least three letters, no stop words."""
    return [w for w in _WORD.findall(normalise(text)) if len(w) >= 3 and w not in STOP_WORDS]


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """The Snowball Dutch stem of a normalised word (cached: the stemmer is slow, words repeat)."""
    for start, fixed in _STEM_EXCEPTIONS.items():
        if word.startswith(start):
            return fixed
    stemmed: str = _STEMMER.stemWord(word)
    return stemmed


@dataclass(frozen=True, slots=True)
class PhrasePair:
    """The best-fitting pair of phrases between two lists, and how well they fit."""

    score: float
    left: str
    right: str


class TextModel:
    """Term weights of a corpus of fields; each field is one registration's aanbod or vraag."""

    def __init__(self, fields: Iterable[Sequence[str]]) -> None:
        corpus = [list(field) for field in fields if field]
        words_of = {phrase: words(phrase) for field in corpus for phrase in field}
        self._known = {stem(w) for ws in words_of.values() for w in ws}
        self._parts: dict[str, tuple[str, ...]] = {}
        self._terms: dict[str, frozenset[str]] = {p: self._analyse(ws) for p, ws in words_of.items()}
        frequency: dict[str, int] = {}
        for field in corpus:
            for term in {t for phrase in field for t in self._terms[phrase]}:
                frequency[term] = frequency.get(term, 0) + 1
        self.documents = len(corpus)
        self.idf = {term: math.log(1 + self.documents / count) for term, count in frequency.items()}
        self._unseen_idf = math.log(1 + max(self.documents, 1))

    def _analyse(self, phrase_words: Iterable[str]) -> frozenset[str]:
        terms = set()
        for word in phrase_words:
            terms.add(stem(word))
            terms.update(self._compound_parts(word))
        return frozenset(terms)

    def _compound_parts(self, word: str) -> tuple[str, ...]:
        """The stems of the two parts of a compound whose parts occur in the corpus, else ()."""
        if word in self._parts:
            return self._parts[word]
        found: tuple[str, ...] = ()
        for cut in range(len(word) - _MIN_PART, _MIN_PART - 1, -1):  # longest head first
            head, tail = word[:cut], word[cut:]
            tail_stem = stem(tail)
            if tail_stem not in self._known:
                continue
            for candidate in (head, head[:-1] if head.endswith("s") else ""):  # linking s: verpakkings-
                if len(candidate) >= _MIN_PART and stem(candidate) in self._known:
                    found = (stem(candidate), tail_stem)
                    break
            if found:
                break
        self._parts[word] = found
        return found

    def terms(self, phrase: str) -> frozenset[str]:
        """The terms of ``phrase``: the stems of its words and of the parts of its compounds."""
        known = self._terms.get(phrase)
        return known if known is not None else self._analyse(words(phrase))

    def vector(self, phrases: Iterable[str]) -> Vector:
        """The unit-length, IDF-weighted vector of the terms of ``phrases`` together."""
        terms = set().union(*(self.terms(phrase) for phrase in phrases))
        vector = {t: self.idf.get(t, self._unseen_idf) for t in terms}
        norm = math.sqrt(sum(w * w for w in vector.values()))
        return {t: w / norm for t, w in sorted(vector.items())} if norm else {}

    def best_pair(self, left: Sequence[str], right: Sequence[str]) -> PhrasePair | None:
        """The pair of phrases (one of each list) that fits best: the fit of two lists of phrases."""
        found = best_pair([self.vector([p]) for p in left], [self.vector([p]) for p in right])
        return PhrasePair(found[0], left[found[1]], right[found[2]]) if found else None


def best_pair(
    left: Sequence[Mapping[str, float]], right: Sequence[Mapping[str, float]]
) -> tuple[float, int, int] | None:
    """(cosine, i, j) of the best-fitting pair of vectors, the first one on ties; None if none fits."""
    best: tuple[float, int, int] | None = None
    for i, one in enumerate(left):
        for j, other in enumerate(right):
            score = cosine(one, other)
            if score > 0 and (best is None or score > best[0]):
                best = (score, i, j)
    return best


def cosine(left: Mapping[str, float], right: Mapping[str, float]) -> float:
    """The dot product of two unit vectors: their cosine."""
    if len(left) > len(right):
        left, right = right, left
    return sum(w * right.get(t, 0.0) for t, w in left.items())
