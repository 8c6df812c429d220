"""Pages of ``mkdocs serve`` left as the previous build wrote them (the core decides which:
:mod:`esfkb.site.build.reuse`).

MkDocs builds every page on every save. A page known unchanged becomes a :class:`ReusedPage`, whose
rendering converts nothing (a Markdown processor for each of 10,000 pages took 3 s), and gets
:data:`TEMPLATE`, a template that writes nothing; the plugin gives it back what other pages and MkDocs'
checks read of it (its table of contents and anchors, and its links to other pages' anchors, which are
checked again) and lets it write nothing, so that the file the previous build wrote stays in the site. Every
file stays in MkDocs' ``files``, so navigation and links resolve as in a clean build.
"""

from __future__ import annotations

import hashlib
import sysconfig
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jinja2 import BytecodeCache
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

if TYPE_CHECKING:
    from jinja2.bccache import Bucket
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.toc import TableOfContents

TEMPLATE = "esfkb-reused.html"
"""The template of a reused page (in the plugin's ``templates/``): it writes nothing."""
PAGE_EVENTS = ("pre_page", "page_read_source", "page_markdown", "page_content", "page_context", "post_page")
"""Events in which another plugin could make a page differ from build to build: with such a plugin, nothing
is reused."""


class ReusedPage(Page):
    """A page left as the last build wrote it: MkDocs' rendering of it makes no Markdown processor.

    The plugin turns a page into one (its class, for this build only: MkDocs makes new pages on every build)
    once it knows the page unchanged, and gives it back what it had (:meth:`Output.restore`).
    """

    def render(self, config: MkDocsConfig, files: Files) -> None:
        """Nothing to convert."""
        self.content = ""
        self.toc = get_toc([])
        self.present_anchor_ids = set()


@dataclass(slots=True)
class Output:
    """What a page's build left: what MkDocs holds of it, and the HTML written."""

    content: str
    toc: TableOfContents
    anchors: set[str]
    links_to_anchors: dict[str, dict[str, str]] | None
    html: str = ""

    @classmethod
    def of(cls, page: Page) -> Output:
        """What ``page`` holds once its content is final."""
        links = page.links_to_anchors
        return cls(page.content or "", page.toc, set(page.present_anchor_ids or ()),
                   {f.src_uri: dict(a) for f, a in links.items()} if links is not None else None)

    def restore(self, page: Page, files: Files) -> str:
        """Give ``page`` what it had; its content."""
        page.toc = self.toc
        page.present_anchor_ids = set(self.anchors)
        if self.links_to_anchors is not None:
            targets = ((files.get_file_from_path(src), anchors) for src, anchors in self.links_to_anchors.items())
            page.links_to_anchors = {file: dict(anchors) for file, anchors in targets if file is not None}
        return self.content


class CompiledTemplates(BytecodeCache):
    """The theme's templates compiled once a session: MkDocs makes a new environment for every build.

    Jinja checks the compiled code against the template's source before it uses it.
    """

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        """Give ``bucket`` the template's code, if it was compiled before."""
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        """Keep the template's code."""
        self._code[bucket.key] = bucket.bytecode_to_string()


def only_plugin(config: MkDocsConfig, plugin: object) -> bool:
    """Whether ``plugin`` is the only one acting on pages, so that a page's inputs are the ones it knows."""
    events = config.plugins.events
    return all(getattr(handler, "__self__", None) is plugin for name in PAGE_EVENTS for handler in events[name])


def outside(config: MkDocsConfig, nav: Navigation, titles: dict[str, Any], own: Path) -> str:
    """What every page depends on beyond its own: the configuration, the theme, the plugin's files, the navigation.

    The theme's files are compared by name, time and size, those of installed packages (Material's sixteen
    thousand) by the package's version: they change when it is installed again. ``own`` is the plugin's folder.
    """
    digest = hashlib.blake2b(digest_size=16)
    digest.update(Path(config.config_file_path).read_bytes() if config.config_file_path else b"")
    digest.update(repr((config.site_url, config.site_dir, config.use_directory_urls, config.extra_css,
                        [str(s) for s in config.extra_javascript], _versions())).encode())
    installed = Path(sysconfig.get_paths()["purelib"]).resolve()
    for folder in (*config.theme.dirs, str(own)):
        if Path(folder).resolve().is_relative_to(installed):
            continue
        for path in sorted(Path(folder).rglob("*")):
            status = path.stat()
            digest.update(f"{path}:{status.st_mtime_ns}:{status.st_size}\n".encode())
    for page in nav.pages:
        digest.update(repr((page.file.src_uri, page.title, titles.get(page.file.src_uri))).encode())
    digest.update(repr(_structure(nav.items)).encode())
    return digest.hexdigest()


def _structure(items: list[Any]) -> list[Any]:
    """The navigation's sections, pages and links, nested, by kind and title."""
    return [(type(i).__name__, i.title, getattr(i, "url", None), _structure(i.children or [])) for i in items]


def _versions() -> tuple[str, ...]:
    """The versions of the packages whose installed files shape a page."""
    from importlib.metadata import version

    return tuple(version(name) for name in ("mkdocs", "mkdocs-material", "esfkb"))
