"""Scan a built site for personal contact data: every file, whatever plugin wrote it.

Two nets: every value of the private contacts file (names, e-mail addresses, phone numbers in
any format), and any e-mail address or phone number that is not on the allow-lists. Files are read
as a reader would read them: gzip-compressed files (search index fragments) are opened, JSON escapes
decoded, and the text goes through the normalisation of every privacy check
(:func:`esfkb.privacy.reading.read`: tags, entities, percent-encoding, format characters, NFKC,
obfuscated ``@``); case and spacing are folded, phone numbers are compared by their digits.
"""

from __future__ import annotations

import contextlib
import hashlib
import posixpath
import re
import zlib
from dataclasses import astuple, dataclass
from typing import TYPE_CHECKING, Any

from esfkb.privacy.detectors import email_allowed, find_emails, find_phones
from esfkb.privacy.reading import phone_digits, read, skim

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Mapping
    from pathlib import Path

    from esfkb.config import Settings
    from esfkb.privacy.contacts import Contact

MAX_DECOMPRESSED = 64 * 1024 * 1024
_JSON_ESCAPE_RE = re.compile(r"\\u([0-9a-fA-F]{4})")
_PHONE_RUN_RE = re.compile(r"\+?\d[\d .()/-]{6,22}\d")
_SPACE_RE = re.compile(r"\s+")
_THEME_ASSETS = ("assets/javascripts/", "assets/stylesheets/", "assets/images/", "assets/fonts/")
"""Theme code, styles and images: scanned for contact values, not for arbitrary e-mail/phone shapes."""
_BINARY_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".webp", ".ico", ".woff", ".woff2", ".ttf", ".eot", ".wasm")
_MARKUP_SUFFIXES = (".html", ".htm", ".xml", ".svg")
"""Files whose tags a reader does not see."""


@dataclass(frozen=True, slots=True, order=True)
class Leak:
    """Personal data found in a published file (``path`` relative to the site folder)."""

    path: str
    kind: str
    value: str


@dataclass(frozen=True, slots=True)
class _Needles:
    names: frozenset[str]
    emails: frozenset[str]
    phones: frozenset[str]
    published: frozenset[str] = frozenset()
    """Organisation names that contain a person's name and may be published (:mod:`esfkb.privacy.persons`)."""

    def without_published(self, folded: str, *, spaced: bool = True) -> str:
        """``folded`` text without the published organisation names, where a contact's name is no leak."""
        for name in self.published:
            folded = folded.replace(name if spaced else name.replace(" ", ""), " ")
        return folded


def _needles(contacts: Mapping[str, Contact], published: Iterable[str] = ()) -> _Needles:
    names, emails, phones = set(), set(), set()
    for contact in contacts.values():
        if contact.naam and len(contact.naam.strip()) >= 5:
            names.add(_fold(contact.naam))
        if contact.email:
            emails.add(contact.email.strip().casefold())
        if contact.telefoon:
            phones.add(phone_digits(contact.telefoon))
    return _Needles(frozenset(names), frozenset(emails), frozenset(phones), frozenset(map(_fold, published)))


def _fold(text: str) -> str:
    return _SPACE_RE.sub(" ", text).strip().casefold()


def _readable(raw: bytes) -> tuple[str, bool]:
    """The text of a file, and whether it is text (else bytes read as they are: an index, a program)."""
    if raw[:2] == b"\x1f\x8b":  # gzip: pagefind's index fragments, pre-compressed pages
        with contextlib.suppress(zlib.error):  # not gzip after all: scan the bytes as they are
            raw = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(raw, MAX_DECOMPRESSED)
    try:
        text, is_text = raw.decode("utf-8"), True
    except UnicodeDecodeError:
        text, is_text = raw.decode("utf-8", errors="replace"), False
    if "\\u" in text:
        text = _JSON_ESCAPE_RE.sub(lambda m: chr(int(m[1], 16)), text)
    return text, is_text


def scan_text(text: str, needles: _Needles, *, generic: bool, settings: Settings,
              markup: bool | None = False) -> list[tuple[str, str]]:
    """(kind, value) of every leak in one text, read as a reader sees it (``markup``: it is HTML).

    A page is skimmed first (:func:`esfkb.privacy.reading.skim`): only where that finds a leak is it
    parsed and read, and what the reading finds is what counts. A clean page costs a few patterns.
    Bytes that are not text (``markup`` None) are searched as they are.
    """
    if markup is None:
        return _leaks(text, needles, generic=generic, settings=settings)
    if not (markup and "<" in text):
        return _leaks(read(text, markup=False).text, needles, generic=generic, settings=settings)
    if not _leaks(skim(text), needles, generic=generic, settings=settings, skimmed=True):
        return []
    return _leaks(read(text).text, needles, generic=generic, settings=settings)


def _leaks(text: str, needles: _Needles, *, generic: bool, settings: Settings,
           skimmed: bool = False) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    if needles.names:
        if skimmed:  # words may run together in a skimmed page
            folded = needles.without_published(_SPACE_RE.sub("", text).casefold(), spaced=False)
            found.extend(("contactpersoon", name) for name in sorted(needles.names) if name.replace(" ", "") in folded)
        else:
            folded = needles.without_published(_fold(text))
            found.extend(("contactpersoon", name) for name in sorted(needles.names) if name in folded)
    if "@" in text:
        for finding in find_emails(text):
            address = finding.value.casefold()
            if address in needles.emails:
                found.append(("e-mail van een contactpersoon", finding.value))
            elif generic and not email_allowed(address, settings.email_allowlist):
                found.append(("e-mailadres", finding.value))
    if needles.phones:  # also numbers that are not valid ones: the contacts file may hold anything
        for match in _PHONE_RUN_RE.finditer(text):
            if {phone_digits(match.group()), re.sub(r"\D", "", match.group())} & needles.phones:
                found.append(("telefoon van een contactpersoon", match.group()))
    if generic or needles.phones:
        allowed = set(settings.phone_allowlist)
        for finding in find_phones(text):
            if phone_digits(finding.value) in needles.phones:
                found.append(("telefoon van een contactpersoon", finding.value))
            elif generic and finding.value not in allowed:
                found.append(("telefoonnummer", finding.value))
    return found


Signature = tuple[int, int]


def signature(path: Path) -> Signature:
    """What tells whether a file changed since it was scanned: its size and modification time."""
    status = path.stat()
    return status.st_size, status.st_mtime_ns


@dataclass(frozen=True, slots=True)
class Scanned:
    """Files scanned before they were put in the site, by site-relative path, and the leaks found in them."""

    signatures: Mapping[str, Signature]
    leaks: frozenset[Leak]

    @classmethod
    def merged(cls, scans: Iterable[Scanned]) -> Scanned:
        """The files of all ``scans`` (of different files) as one."""
        scans = list(scans)
        return cls({rel: stamp for scan in scans for rel, stamp in scan.signatures.items()},
                   frozenset(leak for scan in scans for leak in scan.leaks))

    @classmethod
    def from_json(cls, data: Mapping[str, Any], under: str) -> Scanned:
        """What :func:`prescan` found in a folder that is now the site's folder ``under``."""
        return cls({posixpath.join(under, rel): (size, mtime) for rel, (size, mtime) in data["signatures"].items()},
                   frozenset(Leak(posixpath.join(under, path), kind, value) for path, kind, value in data["leaks"]))


def prescan(folder: Path, contacts: Mapping[str, Contact], settings: Settings,
            files: Iterable[Path] | None = None) -> dict[str, Any]:
    """Scan ``folder`` (or only its ``files``) ahead of the build's own scan (JSON-ready: :meth:`Scanned.from_json`).

    The search child scans the index it wrote, and the pages the build has written, while the build
    still renders, so that the build's own scan skips those files, unless they changed since
    (:func:`signature`, taken before a file is read: a file written again after it reads as changed).
    """
    paths = sorted(p for p in folder.rglob("*") if p.is_file()) if files is None else list(files)
    signatures = {p.relative_to(folder).as_posix(): signature(p) for p in paths}
    leaks = _scan_files(folder, paths, _needles(contacts), settings)
    return {"signatures": signatures, "leaks": sorted(astuple(leak) for leak in leaks)}


class Findings:
    """What the scans of one ``mkdocs serve`` session found in each file, by its path and content.

    A rebuild leaves most files as they were or writes them again as they were: a file whose path and
    size and time, or path and bytes, were scanned before, for the same contacts, names and settings,
    is not read as a reader again (nor read at all, when its size and time are the same).
    """

    def __init__(self) -> None:
        self._for: tuple[_Needles, Settings] | None = None
        self._found: dict[tuple[str, bytes], frozenset[tuple[str, str]]] = {}
        self._stamped: dict[tuple[str, Signature], frozenset[tuple[str, str]]] = {}
        self._listed: Mapping[str, Signature] = {}

    def use(self, needles: _Needles, settings: Settings, listing: Mapping[str, Signature] | None = None) -> None:
        """Scan for ``needles`` under ``settings``: what was found for others no longer counts. ``listing``: the
        signatures of the files to scan, taken just before (they are not taken again)."""
        self._listed = listing or {}
        if self._for != (needles, settings):
            self._for = (needles, settings)
            self._found.clear()
            self._stamped.clear()

    def scan(self, file: Path, rel: str, work: Callable[[bytes], list[tuple[str, str]]]) -> frozenset[tuple[str, str]]:
        """(kind, value) of every leak in the file ``rel`` at ``file``: found before, or by ``work`` on its bytes."""
        stamp = (rel, self._listed.get(rel) or signature(file))
        found = self._stamped.get(stamp)
        if found is None:
            raw = file.read_bytes()
            key = (rel, hashlib.blake2b(raw, digest_size=20).digest())
            found = self._found.get(key)
            if found is None:
                found = self._found[key] = frozenset(work(raw))
            self._stamped[stamp] = found
        return found

    def keep(self, paths: set[str]) -> None:
        """Forget files that are no longer in the site."""
        for table in (self._found, self._stamped):
            for key in [k for k in table if k[0] not in paths]:
                del table[key]


def scan_site(site_dir: Path, contacts: Mapping[str, Contact], settings: Settings,
              scanned: Scanned | None = None, published: Iterable[str] = (), *,
              findings: Findings | None = None, listing: Mapping[str, Signature] | None = None) -> list[Leak]:
    """Every leak in every file below ``site_dir``, sorted.

    A contact's name inside one of the ``published`` organisation names (named after a person, published
    with consent: :func:`esfkb.privacy.persons.publishable_names`) is that name, not a leak.
    A file in ``scanned`` that has not changed since is not read again; its leaks are taken from there
    (unless it holds a contact's name and there are ``published`` names, which that scan did not know).
    ``findings`` keeps what was found by file content, from one scan of the site to the next; ``listing``, every
    file of the site by site-relative path with its signature, when the caller has just listed them.
    """
    needles = _needles(contacts, published)
    if findings is not None:
        findings.use(needles, settings, listing)
    files = (sorted(p for p in site_dir.rglob("*") if p.is_file()) if listing is None
             else [site_dir / rel for rel in sorted(listing)])
    known: set[Leak] = set()
    if scanned is not None:
        named = {leak.path for leak in scanned.leaks if leak.kind == "contactpersoon"} if needles.published else set()
        unchanged = {rel for p in files if (rel := p.relative_to(site_dir).as_posix()) not in named
                     and scanned.signatures.get(rel) == signature(p)}
        files = [p for p in files if p.relative_to(site_dir).as_posix() not in unchanged]
        known = {leak for leak in scanned.leaks if leak.path in unchanged}
    leaks = _scan_files(site_dir, files, needles, settings, findings)
    if findings is not None:
        findings.keep({p.relative_to(site_dir).as_posix() for p in files})
    return sorted(known | leaks)


def _scan_files(site_dir: Path, files: Iterable[Path], needles: _Needles, settings: Settings,
                findings: Findings | None = None) -> set[Leak]:
    leaks: set[Leak] = set()
    for file in files:
        rel = file.relative_to(site_dir).as_posix()
        generic = not rel.startswith(_THEME_ASSETS) and not rel.endswith(_BINARY_SUFFIXES)
        if not generic and not (needles.names or needles.emails or needles.phones):
            continue  # nothing to look for in it

        def work(raw: bytes, rel: str = rel, generic: bool = generic) -> list[tuple[str, str]]:
            text, is_text = _readable(raw)
            markup = rel.endswith(_MARKUP_SUFFIXES) if is_text else None
            return scan_text(text, needles, generic=generic, settings=settings, markup=markup)

        found = findings.scan(file, rel, work) if findings is not None else work(file.read_bytes())
        leaks.update(Leak(rel, kind, value) for kind, value in found)
    return leaks


def describe(leaks: Iterable[Leak]) -> list[str]:
    """One line per leak, for the build log."""
    return [f"{leak.path}: {leak.kind} '{leak.value}' published" for leak in leaks]
