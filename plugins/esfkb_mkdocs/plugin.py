"""The ``esfkb`` MkDocs plugin: validation inside the build, and the publishing of the knowledge base.

The plugin only places what the core renders (:mod:`esfkb.site`); it never parses content itself.

Hooks:

- ``on_startup``: declared so MkDocs keeps one instance across ``mkdocs serve`` rebuilds (the parse
  cache survives; per-build state does not, see ``on_config``); notes whether this is serve.
- ``on_config``: reset per-build state, read the settings and the audience, add our CSS and JS.
- ``on_files`` (late): load and validate through the core, log every diagnostic with file, line and
  code; then apply the site plan: drop document files this edition must not publish, add the
  generated pages, API files, JSON Schemas and assets as virtual files; start what runs beside the
  build (:class:`esfkb.site.build.beside.BesideTheBuild`: the search index, the data files, the views).
- ``on_page_read_source``: give MkDocs a document's body without its frontmatter, which the core has
  parsed already (MkDocs would parse it a second time only for ``page.meta``, which we set).
- ``on_page_markdown`` (early): set the escaped title and description, redact links to unpublished
  pages; a page that Python-Markdown cannot render in bounded time gets a notice instead
  (:mod:`esfkb.safety.complexity`, ESF412).
- ``on_page_content``: sanitise the HTML of the page's Markdown (:mod:`esfkb.safety.sanitize`), then
  place the page's views, rendered HTML and SVG (rendered beside the build when they have arrived,
  else here), under headings rendered as the site's own (:mod:`esfkb_mkdocs.headings`, which adds them to
  the page's anchors and table of contents), and add the audience's banner. Everything comes from
  the knowledge base loaded in ``on_files``, so a page can be filled as soon as it is HTML; nothing
  waits for other pages.
- ``on_post_page`` / ``on_post_template``: the Content-Security-Policy as the first thing in every
  page's head (:mod:`esfkb.safety.csp`), the theme's own pages (404.html) included, which also get
  the confidential banner. Last, ``on_post_page`` tells what runs beside the build which page it wrote
  before this one: the search child scans the written pages for leaks while the build fills the next.
- ``on_env``: tell the header's search form (our ``partials/header.html``) where the library is and the footer
  where the accessibility statement is;
  wait for the data files (MkDocs copies files next).
- ``on_post_build``, last: put the search index in the site (waiting for the search child if it is not
  done yet); then, in the public edition, scan for personal contact data every file the search child
  did not scan (the index and the pages it did) or that changed since; fail the build on a hit, naming
  file and value (leak scan).
- In ``mkdocs serve`` (:mod:`esfkb_mkdocs.reused`, :mod:`esfkb.site.build.reuse`): ``on_pre_build`` moves the
  previous build's files out of the site folder while MkDocs cleans it, ``on_files`` puts them back; ``on_nav``
  asks the core what changed; a page that did not change gets an empty Markdown and an empty template, and
  writes nothing (``on_post_page``, last), so its file stays as the last build wrote it; ``on_post_build``
  removes the files this build did not write again or keep. The search index follows beside the preview
  (:class:`esfkb.site.build.latest_index.LatestIndex`) instead of being waited for; the leak scan reads again only
  files whose content it has not scanned, and takes their signatures from the listing that found the stale ones.
  The last build's garbage is collected once the page is served (:class:`IdleCollection`), not at the next save.
- ``on_build_error`` / ``on_shutdown``: stop what a failed build leaves running beside it; at the
  end of serve, let go of what the last build loaded (after ``mkdocs build`` the process ends).

Search: one engine for the whole site. Material's own search plugin is meant to be off; the theme
templates shipped here (``templates/``, placed before the theme's own) turn the header's search box
into a form that opens the library page with the query.
"""

from __future__ import annotations

import gc
import logging
import os
import re
import shutil
import stat
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import File

from esfkb.checks.diagnostics import Severity
from esfkb.config import Project, Settings, resolve_docs_dir
from esfkb.errors import EsfkbError
from esfkb.i18n import _, ngettext
from esfkb.safety.complexity import notice, too_complex
from esfkb.safety.csp import with_policy
from esfkb.safety.sanitize import escaped_meta, sanitize
from esfkb_mkdocs.config import EsfkbConfig
from esfkb_mkdocs.headings import Headings
from esfkb_mkdocs.reused import TEMPLATE, CompiledTemplates, Output, ReusedPage, only_plugin, outside

if TYPE_CHECKING:
    from collections.abc import Callable

    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page

    from esfkb.base.knowledge_base import KnowledgeBase
    from esfkb.privacy.contacts import Contact
    from esfkb.privacy.leak_scan import Findings, Scanned, Signature
    from esfkb.site.audience import Audience
    from esfkb.site.build.beside import BesideTheBuild
    from esfkb.site.build.latest_index import LatestIndex
    from esfkb.site.build.reuse import Reuse
    from esfkb.site.plan import SitePlan

log = get_plugin_logger(__name__)

ASSETS_DIR = Path(__file__).parent / "assets"
ASSETS_URI = "assets/esfkb"
STYLESHEET = f"{ASSETS_URI}/esfkb.css"
SCRIPT = f"{ASSETS_URI}/esfkb.js"
LIBRARY_STYLESHEET = f"{ASSETS_URI}/library.css"
LAYOUT_STYLESHEET = f"{ASSETS_URI}/layout.css"
"""Narrow screens and print: how every page reflows at a phone's width and what a printed page leaves out."""
LIBRARY_SCRIPT = f"{ASSETS_URI}/library.js"
TEMPLATES_DIR = Path(__file__).parent / "templates"
"""Theme overrides: the header's search box, which opens the library instead of Material's search."""
LIBRARY_URL_GLOBAL = "esfkb_library_url"
ACCESSIBILITY_URL_GLOBAL = "esfkb_accessibility_url"
"""The accessibility statement's URL, for the footer (``partials/copyright.html``)."""
_CONTENT_START_RES = (re.compile(r"<article\b[^>]*>"), re.compile(r"<body\b[^>]*>"))
"""Where a static template's content starts: the theme's article, else the body (the first that is there)."""


class EsfkbPlugin(BasePlugin[EsfkbConfig]):  # type: ignore[type-var]
    """Load, validate and publish the knowledge base."""

    def __init__(self) -> None:
        from esfkb.base.loader import ParseCache

        self._cache = ParseCache()
        self.kb: KnowledgeBase | None = None
        self.project: Project | None = None
        self.audience: Audience | None = None
        self.plan: SitePlan | None = None
        self._headings: Headings | None = None
        self._contacts: dict[str, Contact] = {}  # the public edition's: what the leak scan looks for
        self._beside: BesideTheBuild | None = None
        self._scanned: Scanned | None = None  # the leak scan of the index and the written pages, done beside the build
        self._last_written: str | None = None  # the page written last, not yet told to what runs beside the build
        self._serving = False
        self._reuse: Reuse | None = None  # serve: what the last build's pages were made of
        self._index: LatestIndex | None = None  # serve: the search index, beside the preview
        self._findings: Findings | None = None  # serve: the leak scan's findings by file content
        self._outputs: dict[str, Output] = {}  # serve: what the last build left of each page
        self._reused: set[str] = set()  # this build's pages taken as the last one wrote them
        self._previous: Path | None = None  # the last build's files, moved out while MkDocs cleans the site
        self._started = 0  # when this build started writing (ns): older files in the site are the last build's
        self._templates = CompiledTemplates()  # serve: the theme's templates, compiled once
        self._data: dict[str, str] = {}  # the last build's data files
        self._site_dir = Path()
        self._pages: dict[str, str] = {}  # this build's pages: source path, URL (MkDocs')
        self._pages_dest: dict[str, str] = {}  # and where each is written
        self._incremental = False  # whether this build records what its pages are made of
        self._idle = IdleCollection()  # serve: the last build's garbage, freed once the author has read the page
        self._listing: dict[str, Signature] | None = None  # serve: the site's files, as the leak scan will find them

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        """Declared so that MkDocs keeps this instance (and its parse cache) across serve rebuilds."""
        from esfkb.privacy.leak_scan import Findings
        from esfkb.site.build.latest_index import LatestIndex
        from esfkb.site.build.reuse import Reuse

        self._serving = command == "serve"
        if self._index is not None:  # MkDocs keeps one instance per process: a session before this one
            self._index.close()
        self._reuse, self._findings, self._index, self._outputs = None, None, None, {}
        if self._serving:
            self._reuse, self._findings = Reuse(), Findings()
            self._index = LatestIndex(self._site_index, log.info)
            logging.getLogger("mkdocs.commands.build").addFilter(self._not_written)

    def _not_written(self, record: logging.LogRecord) -> bool:
        """Keep MkDocs' note that a page wrote nothing out of the log for pages left as the last build wrote them."""
        message = record.getMessage()
        if message.startswith("Page skipped: '"):
            return message[len("Page skipped: '"):].partition("'")[0] not in self._reused
        return True

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        """Reset per-build state, read the settings and audience, and register our stylesheet and script."""
        from esfkb.site.audience import Audience

        self.kb = None
        self.plan = None
        self._headings = None
        self._contacts = {}
        self._scanned = None
        self._last_written = None
        self._stop_beside()
        self._idle.wait()  # serve: what is frozen, the last build's garbage is collected beside the preview (#21)
        if not self._serving:
            _unfreeze()
        options: dict[str, Any] = {k: v for k, v in self.config.items() if k != "enabled"}
        root = Path(config.config_file_path).parent.resolve()
        try:
            settings = Settings.from_options(options).with_environment()
            docs_dir = resolve_docs_dir(Path(config.config_file_path).parent, Path(config.docs_dir))
            self.audience = Audience.from_settings(settings, root=root, docs_dir=docs_dir)
        except EsfkbError as error:
            raise PluginError(f"esfkb: {error}") from error
        self.project = Project(root=root, docs_dir=docs_dir, settings=settings)
        for stylesheet in (STYLESHEET, LIBRARY_STYLESHEET, LAYOUT_STYLESHEET):
            if stylesheet not in config.extra_css:
                config.extra_css.append(stylesheet)
        for script in (SCRIPT, LIBRARY_SCRIPT):
            if script not in [str(s) for s in config.extra_javascript]:
                config.extra_javascript.append(script)
        _add_templates(config)
        self._site_dir = Path(config.site_dir)
        self._reused = set()
        log.info(_("building the public edition") if settings.audience == "public"
                 else _("building the matchmakers edition"))
        return config

    def _site_index(self) -> Path:
        from esfkb.site import routes

        return self._site_dir / routes.SEARCH_INDEX

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        """Serve: keep the search index and the last build's files out of the cleaning of the site folder.

        They go back once it is clean (``on_files``): MkDocs then writes each page into a folder and a
        file that exist, which costs a fraction of making them anew; the files this build does not
        write again are removed after it (``_remove_stale``).
        """
        if self._index is None:
            return
        self._index.take_out()
        site = Path(config.site_dir)
        self._previous = self._index.folder("previous")
        started = self._previous / ".started"  # the file system's clock, which stamps what this build writes
        started.touch()
        self._started = started.stat().st_mtime_ns
        for entry in os.listdir(site) if site.is_dir() else ():
            if not entry.startswith("."):
                (site / entry).rename(self._previous / entry)

    def _put_back_previous(self, config: MkDocsConfig) -> None:
        """Serve: the last build's files back in the cleaned site folder, where this build writes over them."""
        if self._previous is None:
            return
        site = Path(config.site_dir)
        for entry in os.listdir(self._previous):
            if not entry.startswith(".") and not (site / entry).exists():
                (self._previous / entry).rename(site / entry)

    @event_priority(-50)  # late: after other plugins added or removed files
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        """Load and validate the whole knowledge base once per build, apply the site plan, start what runs beside."""
        from esfkb.base.knowledge_base import load_knowledge_base
        from esfkb.checks.validation import validate
        from esfkb.site.build.beside import BesideTheBuild
        from esfkb.site.plan import plan_site

        assert self.project is not None and self.audience is not None
        self._put_back_previous(config)
        self.kb = load_knowledge_base(self.project, cache=self._cache)
        self.plan = plan = plan_site(self.kb, self.audience, directory_urls=config.use_directory_urls,
                                     schemas_dir=self.project.root / "schemas")
        self._contacts = self._load_contacts()
        if self._reuse is None:  # the search index takes longest: it starts as soon as the site is planned
            try:
                self._beside = BesideTheBuild.start(plan, Path(config.site_dir), self._index_scan())
            except EsfkbError as error:
                raise PluginError(f"esfkb: {error}") from error
        self._headings = Headings(config)  # here, once every plugin has set its Markdown extensions
        for d in validate(self.kb).diagnostics:
            line = f"{d.path}:{d.line}:{d.column}: {d.code} {d.message}"
            if d.severity == Severity.ERROR:
                log.warning(line)
            else:
                log.info(line)
        self._apply(plan, files, config)
        self._place_editor(files, config)
        _freeze()
        if self._beside is None:  # serve: the data files are worked out once the core knows what changed
            for src_uri in plan.files:
                _replace(files, File.generated(config, src_uri, content=""))
            return files
        _add_data_files(plan, files, config, written=self._beside.writes_data_files)
        return files

    def _load_contacts(self) -> dict[str, Contact]:
        """The private contacts file's entries, in the public edition (where the leak scan looks for them)."""
        from esfkb.privacy.contacts import contacts_path, load_contacts

        assert self.project is not None and self.audience is not None
        if self.audience.confidential:
            return {}
        path = contacts_path(self.project.settings, self.project.root, self.project.docs_dir)
        try:
            return dict(load_contacts(path)) if path is not None and path.exists() else {}
        except EsfkbError as error:
            raise PluginError(f"esfkb: {error}") from error

    def _index_scan(self) -> Callable[..., dict[str, Any]] | None:
        """How the search index (a folder) and the written pages (files of the site) are scanned for leaks beside
        the build; None where nothing is scanned."""
        from esfkb.privacy.leak_scan import prescan

        assert self.project is not None and self.audience is not None
        if self.audience.confidential:
            return None
        contacts, settings = self._contacts, self.project.settings
        return lambda folder, files=None: prescan(folder, contacts, settings, files)

    def _stop_beside(self) -> None:
        """Stop what runs beside the build and remove its working folder."""
        if self._beside is not None:
            self._beside.close()
            self._beside = None

    def on_nav(self, nav: Navigation, /, *, config: MkDocsConfig, files: Files) -> Navigation | None:
        """Serve: ask the core what changed since the last build, under this configuration, theme and navigation."""
        self._pages = {f.src_uri: f.url for f in files.documentation_pages()}
        self._pages_dest = {f.src_uri: f.dest_uri for f in files.documentation_pages()}
        self._incremental = self._reuse is not None and self.plan is not None and only_plugin(config, self)
        if self._reuse is None or self.plan is None:
            return nav
        if not self._incremental:
            self._reuse.forget()
            return nav
        titles = {p.file.src_uri: self.plan.meta(p.file.src_uri) or p.file.content_bytes for p in nav.pages}
        self._reuse.begin(self.plan, (outside(config, nav, titles, Path(__file__).parent),
                                      tuple(sorted(f.src_uri for f in files))))
        return nav

    def on_page_read_source(self, /, *, page: Page, config: MkDocsConfig) -> str | None:
        """A document's body, without the frontmatter the core parsed already; None for other pages."""
        return self.plan.source(page.file.src_uri) if self.plan is not None else None

    def _apply(self, plan: SitePlan, files: Files, config: MkDocsConfig) -> None:
        """Remove what this edition must not publish and what the docs folder must not give away (links, other
        file types: logged, unless MkDocs excluded the file itself); add generated pages and assets (data files:
        see below)."""
        for file in [f for f in files if f.src_dir == config.docs_dir]:
            reason = plan.left_out(file.src_uri)
            if reason is not None:
                files.remove(file)
                if not file.inclusion.is_excluded():
                    log.warning(_("{path}: left out of the site: {reason}").format(path=file.src_uri, reason=reason))
        for src_uri in sorted(plan.hidden):
            file = files.get_file_from_path(src_uri)
            if file is not None:
                files.remove(file)
        for src_uri in plan.replaced:
            log.info(_("{path} exists in the docs, so it is not generated").format(path=src_uri))
        for page in plan.pages:
            _replace(files, File.generated(config, page.src_uri, content=page.markdown))
        for asset in (STYLESHEET, SCRIPT, LIBRARY_STYLESHEET, LAYOUT_STYLESHEET, LIBRARY_SCRIPT):
            source = ASSETS_DIR / Path(asset).name
            _replace(files, File.generated(config, asset, abs_src_path=str(source)))

    def _place_editor(self, files: Files, config: MkDocsConfig) -> None:
        """The web editor at /redactie/ where this build carries it (:mod:`esfkb.editor.site` decides, says why not)."""
        from esfkb.editor.site import editor_files

        assert self.project is not None and self.audience is not None
        placed = editor_files(self.project, config.site_name, confidential=self.audience.confidential,
                              serving=self._serving)
        if placed.missing:
            log.info(placed.missing)
        for src_uri, text in placed.texts.items():
            _replace(files, File.generated(config, src_uri, content=text))
        for src_uri, source in placed.copies.items():
            _replace(files, File.generated(config, src_uri, abs_src_path=str(source)))

    def _collect_data_files(self, files: Files) -> None:
        """Wait for the data files written beside the build; should that have failed, work out their contents here."""
        if self._beside is None or not self._beside.writes_data_files or self._beside.data_files_written():
            return
        assert self.plan is not None
        for src_uri, content in self.plan.files.items():
            file = files.get_file_from_path(src_uri)
            if file is not None:
                file.content_string = content()

    def _serve_data_files(self, files: Files) -> None:
        """Serve: the data files, worked out again only where what they read changed."""
        if self._reuse is None or self.plan is None:
            return
        data: dict[str, str] = {}
        for src_uri, content in self.plan.files.items():
            file = files.get_file_from_path(src_uri)
            if file is not None:
                file.content_string = data[src_uri] = self._reuse.content(src_uri, content, self._data.get(src_uri))
        self._data = data

    @event_priority(50)  # early: other plugins (search, tags) see our title and the redacted links
    def on_page_markdown(self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        """Set the page's escaped title and description; redact links to unpublished pages.

        A page that Python-Markdown cannot render in bounded time is replaced by a notice (ESF412).
        """
        meta = self.plan.meta(page.file.src_uri) if self.plan is not None else None
        if meta is None:
            page.meta.update(escaped_meta(page.meta))  # an ordinary page's own: the theme prints it as HTML
        else:
            page.meta.clear()  # the frontmatter keys are ours, validated by the core; themes must not act on them
            page.meta.update(meta)
        if self.plan is not None:
            markdown = self.plan.markdown(page.file.src_uri, markdown)
        if self._reuse is not None and self._incremental and meta is not None:
            inputs = (markdown, repr(meta))
            if (page.file.src_uri in self._outputs and self._reuse.unchanged(page.file.src_uri, inputs)
                    and os.path.isfile(page.file.abs_dest_path)):
                self._reused.add(page.file.src_uri)
                page.meta["template"] = TEMPLATE
                page.__class__ = ReusedPage  # converts nothing (see esfkb_mkdocs.reused)
                return ""
            self._reuse.start(page.file.src_uri, inputs)
        problem = too_complex(markdown)
        if problem is None:
            return markdown
        log.warning(_("{path}: {reason}: the page is not rendered (ESF412)").format(
            path=page.file.src_uri, reason=problem.reason))
        return notice()

    def on_page_content(self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        """Sanitise the page's own HTML (every page's: content is untrusted); then place its views under their headings.

        The views are esfkb's own markup, escaped where it is built: they are placed after the
        sanitizer, which would take their SVG charts and forms for content's.
        """
        if page.file.src_uri in self._reused:
            return self._outputs[page.file.src_uri].restore(page, files)
        html = sanitize(html)
        if self.plan is None or self._headings is None:
            return html
        headings = self._headings.for_page(page, html)
        html = self.plan.html(page.file.src_uri, html, page.url, headings)
        headings.apply(page)
        if self._reuse is not None and self._incremental and self.plan.meta(page.file.src_uri) is not None:
            self._reuse.finish(page.file.src_uri)
        return html

    def on_post_template(self, output_content: str, /, *, template_name: str, config: MkDocsConfig) -> str | None:
        """Pages without Markdown (the theme's 404.html) carry the audience's banner and the policy too."""
        if not template_name.endswith(".html"):
            return output_content
        banner = self.audience.banner() if self.audience is not None else ""
        if banner:
            opening = next((found for pattern in _CONTENT_START_RES if (found := pattern.search(output_content))), None)
            at = opening.end() if opening else 0
            output_content = output_content[:at] + banner + output_content[at:]
        return with_policy(output_content, preview=self._serving)

    def _with_policy(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str | None:
        """Every page carries its Content-Security-Policy (:mod:`esfkb.safety.csp`; serve's preview: its own)."""
        if page.file.src_uri in self._reused:
            return output
        return with_policy(output, preview=self._serving)

    @event_priority(-100)  # last: what is written, after every plugin
    def _keep_output(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str | None:
        """Serve: nothing for a reused page, whose file the last build wrote stays; of the others, what the next
        build may reuse."""
        if self._reuse is None or not self._incremental:
            return output
        src_uri = page.file.src_uri
        if src_uri in self._reused:
            return ""  # MkDocs then writes nothing (and notes it in the log: see _not_written)
        if self.plan is not None and self.plan.meta(src_uri) is not None:
            self._outputs[src_uri] = Output.of(page)
        return output

    @event_priority(-100)  # last: MkDocs writes the page after this
    def _tell_written(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str | None:
        """Tell what runs beside the build the page written before this one (its leak scan of the pages)."""
        if self._beside is not None:
            if self._last_written is not None:
                self._beside.page_written(self._last_written)
            self._last_written = page.file.dest_uri if output.strip() else None  # MkDocs writes no empty page
        return output

    on_post_page = CombinedEvent(_with_policy, _keep_output, _tell_written)

    def on_env(self, env: Environment, /, *, config: MkDocsConfig, files: Files) -> Environment | None:
        """Give the header's search form the library's URL and the footer the accessibility statement's (site-relative;
        the templates make them relative).

        MkDocs copies files after this event, so the data files must be in the site by now.
        """
        from esfkb.site import routes
        from esfkb.site.urls import page_url

        self._collect_data_files(files)
        self._serve_data_files(files)
        if self._reuse is not None:
            env.bytecode_cache = self._templates
        env.globals[LIBRARY_URL_GLOBAL] = page_url(routes.LIBRARY, directory_urls=config.use_directory_urls)
        env.globals[ACCESSIBILITY_URL_GLOBAL] = page_url(routes.ACCESSIBILITY, directory_urls=config.use_directory_urls)
        return env

    def _write_search_index(self, config: MkDocsConfig) -> None:
        """Put the search index, built from the core's records (never from the built HTML), in the site; keep the
        leak scans done beside the build."""
        from esfkb.privacy.leak_scan import Scanned
        from esfkb.site import routes

        if self._beside is None:
            return
        if self._last_written is not None:
            self._beside.page_written(self._last_written)
            self._last_written = None
        try:
            index = self._beside.search_index(Path(config.site_dir) / routes.SEARCH_INDEX)
        except EsfkbError as error:
            raise PluginError(f"esfkb: {error}") from error
        finally:
            self._stop_beside()
        scans = [Scanned.from_json(scan, under=under)
                 for scan, under in ((index.pages, ""), (index.scanned, routes.SEARCH_INDEX)) if scan is not None]
        self._scanned = Scanned.merged(scans) if scans else None
        stats = index.stats
        if stats is None:
            log.info(_("search index: no page to index"))
            return
        log.info(_("search index: {pages} pages, {files} files, {size} KiB in {seconds} s").format(
            pages=stats.pages, files=stats.files, size=f"{stats.bytes / 1024:.0f}", seconds=f"{stats.seconds:.1f}"))

    @event_priority(-100)  # last: scan what every plugin wrote, the search index included
    def _index_and_scan_for_leaks(self, *, config: MkDocsConfig) -> None:
        """Put the search index in the site; fail a public build that published personal contact data, naming file
        and value.

        The index and most pages were scanned beside the build: the build's own scan reads the other files, and
        those that changed since.
        """
        from esfkb.privacy.leak_scan import describe, scan_site
        from esfkb.privacy.persons import publishable_names

        assert self.project is not None and self.audience is not None
        self._write_search_index(config)
        public = not self.audience.confidential  # the matchmakers edition carries contacts on purpose
        contacts, settings, site = self._contacts, self.project.settings, Path(config.site_dir)
        published = publishable_names(self.kb, self.audience.today) if contacts and self.kb is not None else []
        scanned, self._scanned = self._scanned, None
        listing, self._listing = self._listing, None
        leaks = scan_site(site, contacts, settings, scanned, published, findings=self._findings,
                          listing=listing) if public else []
        if leaks:
            lines = "\n  ".join(describe(leaks))
            raise PluginError("esfkb: " + _("the public site contains personal contact data:\n  {leaks}\nRemove it "
                                            "from the content (contacts belong in the private contacts file).").format(
                leaks=lines))

    @event_priority(-110)  # after the leak scan: the search index is scanned beside the preview
    def _serve_search_index(self, *, config: MkDocsConfig) -> None:
        """Serve: put the search index back and bring it up to date beside the preview; keep what was built."""
        if self._index is None or self.plan is None or self._reuse is None:
            return
        pages = frozenset(self.plan.ctx.page(src) for src in self._pages)  # as the search records write them
        log.info(ngettext("{rendered} of {count} page rendered, {reused} as the last build wrote them",
                          "{rendered} of {count} pages rendered, {reused} as the last build wrote them",
                          len(self._pages)).format(rendered=len(self._pages) - len(self._reused),
                                                   count=len(self._pages), reused=len(self._reused)))
        self._index.put_back(pages)
        self._index.start(self.plan, pages, self._index_scan())
        self._reuse.done()
        self._outputs = {src: output for src, output in self._outputs.items() if src in self._pages}
        self._let_go_of_previous()
        self._idle.start()

    @event_priority(-60)  # before the leak scan, which must not read them
    def _remove_stale(self, *, config: MkDocsConfig) -> None:
        """Serve: remove the last build's files that this one did not write again (a page that is gone); what is
        left is the site that the leak scan reads, listed with each file's signature."""
        if self._previous is None:
            return
        kept = {os.path.join(config.site_dir, *self._pages_dest[src].split("/")) for src in self._reused}
        listing, start = {}, len(os.path.join(config.site_dir, ""))
        for folder, _subfolders, names in os.walk(config.site_dir, topdown=False):
            for name in names:
                path = os.path.join(folder, name)
                status = os.lstat(path)
                if path not in kept and status.st_mtime_ns < self._started:
                    os.unlink(path)
                    continue
                status = os.stat(path) if stat.S_ISLNK(status.st_mode) else status
                listing[path[start:].replace(os.sep, "/")] = (status.st_size, status.st_mtime_ns)
            if folder != config.site_dir and not os.listdir(folder):
                os.rmdir(folder)
        events = config.plugins.events["post_build"]  # another plugin's could write files before the scan
        self._listing = listing if all(getattr(h, "__self__", None) is self for h in events) else None

    on_post_build = CombinedEvent(_remove_stale, _index_and_scan_for_leaks, _serve_search_index)

    def _let_go_of_previous(self) -> None:
        """Remove the last build's files beside the preview (removing a thousand files takes a while)."""
        previous, self._previous = self._previous, None
        if previous is not None:
            threading.Thread(target=shutil.rmtree, args=(previous, True), daemon=True).start()

    def on_build_error(self, *, error: Exception) -> None:
        """A failed build leaves nothing running beside it; in serve, the next one builds everything."""
        self._stop_beside()
        if self._reuse is not None and self._index is not None:
            self._reuse.forget()
            self._outputs = {}
            self._index.put_back(frozenset())
            self._let_go_of_previous()
            self._idle.start()

    def on_shutdown(self) -> None:
        """Nor does the end of ``mkdocs serve``, which also lets go of what the last build loaded.

        After ``mkdocs build`` the process ends: what is frozen stays so. Unfrozen, the interpreter's
        last collection would walk all of it and free it object by object, which took 0.25 s at 1,000
        documents (0.33-0.39 s from the end of the build to the end of the process, 0.08-0.11 s frozen).
        """
        self._stop_beside()
        if self._index is not None:
            self._index.close()
        self._idle.wait()
        if self._serving:
            _unfreeze()


_frozen = False
"""Whether a build of this plugin froze what it loaded (:func:`gc.freeze`) and it was not let go since."""


def _freeze() -> None:
    """Keep the collector from walking what was loaded again and again while MkDocs renders.

    It lives until the next build anyway. The next build's ``on_config`` lets it go in a process that builds
    again; in serve, the collection after each build does (:class:`IdleCollection`), and the end of serve.
    """
    global _frozen  # noqa: PLW0603 - one collector per process, so one flag
    gc.freeze()
    _frozen = True


def _unfreeze() -> None:
    """Give the collector back what a build froze (nothing on a first build)."""
    global _frozen  # noqa: PLW0603 - see _freeze
    if _frozen:
        gc.unfreeze()
        _frozen = False


IDLE_SECONDS = 0.4
"""How long after a serve rebuild the last build's garbage is collected: once the browser has the page."""


class IdleCollection:
    """Serve: the cycles the last build left (its pages, files, navigation) freed while the author reads the page.

    A full collection walks everything loaded (at 10,000 documents about a million objects, 1 s), so it
    does not wait for the next save: :meth:`start` runs it :data:`IDLE_SECONDS` after a build, then freezes
    what lives on, which the next build's collections leave alone (what that build lets go of is collected
    after it). Should the author save before, :meth:`wait` (the next build's start) collects there.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._timer: threading.Timer | None = None
        self._due = False  # a rebuild's garbage waits for a collection

    def start(self) -> None:
        """A rebuild is done: collect its predecessor's garbage shortly."""
        with self._lock:
            self._due = True
        self._timer = threading.Timer(IDLE_SECONDS, self._collect)
        self._timer.daemon = True
        self._timer.start()

    def wait(self) -> None:
        """A build starts: a collection not yet run runs now."""
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        self._collect()

    def _collect(self) -> None:
        with self._lock:
            if self._due:
                _unfreeze()
                gc.collect()
                _freeze()
                self._due = False


def _add_data_files(plan: SitePlan, files: Files, config: MkDocsConfig, *, written: bool) -> None:
    """Add the API files and JSON Schemas: ``written`` into the site beside the build, else with their content.

    A generated file whose source is its own place in the site is one MkDocs leaves as it is
    ("let plugins write directly into site_dir"), so the files written beside are copied nowhere.
    They are there by ``on_env``, which waits for them; MkDocs copies files after that.
    """
    site_dir = Path(config.site_dir)
    for src_uri, content in plan.files.items():
        if written:
            _replace(files, File.generated(config, src_uri, abs_src_path=str(site_dir / src_uri)))
        else:
            _replace(files, File.generated(config, src_uri, content=content()))


def _add_templates(config: MkDocsConfig) -> None:
    """Put our theme overrides before the theme's own templates, after a project's ``custom_dir``."""
    dirs = config.theme.dirs
    templates = str(TEMPLATES_DIR)
    if templates not in dirs:
        dirs.insert(1 if config.theme.custom_dir else 0, templates)


def _replace(files: Files, file: File) -> None:
    existing = files.get_file_from_path(file.src_uri)
    if existing is not None:
        files.remove(existing)
    files.append(file)
