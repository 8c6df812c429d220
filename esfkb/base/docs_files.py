"""What of ``docs_dir`` is read and published: content and allow-listed assets, nothing through a link.

A file of ``docs_dir`` reaches the site only as content (``.md``) or as an asset of an allowed type
(:data:`ASSET_TYPES`). No symbolic link is followed, wherever it points (ESF013): a link out of the
project could publish any file of the machine (``/proc/self/environ``), and one inside it a file kept
out of ``docs_dir`` on purpose (the contacts file, a ``.env``); the link, and everything below a
linked folder, is neither read, published nor written. Any other file (an export, a backup) is left
out of the site (ESF014); hidden files and folders (names starting with '.') are never published
and not reported, as MkDocs leaves them out too.

The walk decides from ``lstat`` alone; files are then opened with ``O_NOFOLLOW``
(:func:`read_regular`), so a file swapped for a link in between is not read either.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path

from esfkb.checks.diagnostics import Diagnostic, Severity
from esfkb.i18n import _
from esfkb.processes import process_alive

ASSET_TYPES = frozenset({".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".ico", ".pdf"})
"""File types that content may bring along besides Markdown: raster images and PDF.

Not SVG (it can carry script and is not sanitised), nor CSS or JavaScript (the plugin and the theme
bring their own; a project adds its own through the theme's ``custom_dir``, outside ``docs_dir``)."""
TEMPORARY_RE = re.compile(r"^\..+\.esfkb-(?P<pid>\d+)-[^.]*\.tmp$")
"""The name of a temporary file that esfkb writes before it replaces a file (:func:`temporary_prefix`)."""


@dataclass(frozen=True, slots=True)
class DocsFiles:
    """The files of ``docs_dir``: the Markdown to read, the assets to publish, and what is refused."""

    markdown: tuple[tuple[str, Path], ...]
    """Every ``.md`` file as (docs-relative posix path, absolute path), sorted."""
    assets: frozenset[str]
    """Docs-relative paths of the allowed assets."""
    problems: tuple[Diagnostic, ...]
    """ESF013 for each link, ESF014 for each file left out of the site."""
    links: frozenset[str]
    """Docs-relative paths of the symbolic links."""
    temporaries: tuple[Path, ...]
    """Temporary files of esfkb edits whose process is gone (:func:`stale_temporary`)."""
    _published: frozenset[str] = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_published", self.assets | {rel for rel, _ in self.markdown})

    def left_out(self, rel: str) -> str | None:
        """Why the docs file at ``rel`` is not published; None when it is (content or an allowed asset)."""
        if rel in self._published:
            return None
        parts = rel.split("/")
        for depth in range(1, len(parts) + 1):
            if "/".join(parts[:depth]) in self.links:
                return _("it is a symbolic link") if depth == len(parts) else _("it lies behind a symbolic link")
        if any(part.startswith(".") for part in parts):
            return _("it is a hidden file")
        return _unpublished_reason(rel)


def _unpublished_reason(rel: str) -> str:
    """Why a file of this type is never published."""
    suffix = Path(rel).suffix.lower()
    if suffix == ".svg":
        return _("SVG can carry script: publish the image as PNG or WebP")
    if suffix in (".css", ".js"):
        return _("stylesheets and scripts come from the theme (custom_dir), not from the content")
    allowed = ", ".join(sorted(t.lstrip(".") for t in ASSET_TYPES))
    return _("only Markdown and {types} files are published").format(types=allowed)


def scan_docs(docs_dir: Path, root: Path, prefix: str) -> DocsFiles:
    """Walk ``docs_dir`` without following links; ``prefix`` makes a docs path project-relative."""
    markdown: list[tuple[str, Path]] = []
    assets: set[str] = set()
    problems: list[Diagnostic] = []
    temporaries: list[Path] = []
    links: set[str] = set()
    start = len(str(docs_dir)) + 1
    stack = [str(docs_dir)]
    while stack:
        try:
            entries = list(os.scandir(stack.pop()))
        except OSError:
            continue
        for entry in entries:
            rel = entry.path[start:].replace(os.sep, "/")
            if entry.is_symlink():
                links.add(rel)
                problems.append(Diagnostic(prefix + rel, 1, 1, "ESF013", _link_message(entry.path, root)))
            elif entry.name.startswith("."):
                if stale_temporary(entry.name):
                    temporaries.append(Path(entry.path))
            elif entry.is_dir(follow_symlinks=False):
                stack.append(entry.path)
            elif not entry.is_file(follow_symlinks=False):
                problems.append(_left_out(prefix + rel, _("it is not a regular file")))
            elif entry.name.endswith(".md"):
                markdown.append((rel, Path(entry.path)))
            elif Path(entry.name).suffix.lower() in ASSET_TYPES:
                assets.add(rel)
            else:
                problems.append(_left_out(prefix + rel, _unpublished_reason(rel)))
    markdown.sort()
    return DocsFiles(tuple(markdown), frozenset(assets), tuple(sorted(problems)), frozenset(links),
                     tuple(sorted(temporaries)))


def _link_message(path: str, root: Path) -> str:
    target = Path(os.path.realpath(path))
    if target.is_relative_to(root):
        message = _("a symbolic link to {target}, inside the project: esfkb follows no link, so it is neither read "
                    "nor published; put the file itself here")
        return message.format(target=target.relative_to(root).as_posix())
    return _("a symbolic link to {target}, outside the project: esfkb follows no link, so it is neither read nor "
             "published; put the file itself here").format(target=target)


def _left_out(path: str, reason: str) -> Diagnostic:
    return Diagnostic(path, 1, 1, "ESF014", _("not published: {reason}; move it out of the docs folder").format(
        reason=reason),
                      Severity.WARNING)


def temporary_prefix(name: str) -> str:
    """How the name of a temporary file for the file ``name`` starts: hidden, and with this process's id."""
    return f".{name}.esfkb-{os.getpid()}-"


def stale_temporary(name: str) -> bool:
    """Whether the process that wrote the temporary file ``name`` (:data:`TEMPORARY_RE`) has ended."""
    found = TEMPORARY_RE.match(name)
    return found is not None and not process_alive(int(found["pid"]))


def read_regular(path: Path) -> bytes:
    """The bytes of the regular file ``path``; OSError for a link (``O_NOFOLLOW``) or any other kind of file."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NONBLOCK", 0)
    fd = os.open(path, flags)
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
            raise OSError(errno.EINVAL, "not a regular file", str(path))
        return handle.read()
