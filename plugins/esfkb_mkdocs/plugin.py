"""The ``esfkb`` MkDocs plugin: validation inside the build, and the publishing of the knowledge base.

The plugin only places what the core renders (:mod:`esfkb.site`); it never parses content itself.

Hooks:

- ``on_startup``: declared so MkDocs keeps one instance across ``mkdocs serve`` rebuilds (the parse
  cache survives; per-build state does not, see ``on_config``).
- ``on_config``: reset per-build state, read the settings and the audience, add our CSS and JS.
- ``on_files`` (late): load and validate through the core, log every diagnostic with file, line and
  code; then apply the site plan: drop document files this edition must not publish, add the
  generated pages, API files, JSON Schemas and assets as virtual files.
- ``on_page_markdown`` (early): set the escaped title and description, place the views of a
  document as placeholders, redact links to unpublished pages.
- ``on_page_content``: replace the placeholders with the rendered HTML and SVG and add the
  audience's banner. Everything comes from the knowledge base loaded in ``on_files``, so a page
  can be filled as soon as it is HTML; nothing waits for other pages (no ``on_env`` pass needed).
- ``on_post_build`` (last): in the public edition, scan every written file for personal contact
  data and fail the build on a hit, naming file and value (leak scan).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File

from esfkb.config import Project, Settings
from esfkb.diagnostics import Severity
from esfkb.errors import EsfkbError
from esfkb_mkdocs.config import EsfkbConfig

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

    from esfkb.knowledge_base import KnowledgeBase
    from esfkb.site.audience import Audience
    from esfkb.site.plan import SitePlan

log = get_plugin_logger(__name__)

ASSETS_DIR = Path(__file__).parent / "assets"
ASSETS_URI = "assets/esfkb"
STYLESHEET = f"{ASSETS_URI}/esfkb.css"
SCRIPT = f"{ASSETS_URI}/esfkb.js"


class EsfkbPlugin(BasePlugin[EsfkbConfig]):  # type: ignore[type-var]
    """Load, validate and publish the knowledge base."""

    def __init__(self) -> None:
        from esfkb.loader import ParseCache

        self._cache = ParseCache()
        self.kb: KnowledgeBase | None = None
        self.project: Project | None = None
        self.audience: Audience | None = None
        self.plan: SitePlan | None = None

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        """Declared so that MkDocs keeps this instance (and its parse cache) across serve rebuilds."""

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        """Reset per-build state, read the settings and audience, and register our stylesheet and script."""
        from esfkb.site.audience import Audience

        self.kb = None
        self.plan = None
        options: dict[str, Any] = {k: v for k, v in self.config.items() if k != "enabled"}
        root = Path(config.config_file_path).parent.resolve()
        try:
            settings = Settings.from_options(options).with_environment()
            self.audience = Audience.from_settings(settings, root=root)
        except EsfkbError as error:
            raise PluginError(f"esfkb: {error}") from error
        self.project = Project(root=root, docs_dir=Path(config.docs_dir).resolve(), settings=settings)
        if STYLESHEET not in config.extra_css:
            config.extra_css.append(STYLESHEET)
        if SCRIPT not in [str(s) for s in config.extra_javascript]:
            config.extra_javascript.append(SCRIPT)
        log.info(f"building the {settings.audience} edition")
        return config

    @event_priority(-50)  # late: after other plugins added or removed files
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        """Load and validate the whole knowledge base once per build, then apply the site plan."""
        from esfkb.knowledge_base import load_knowledge_base
        from esfkb.site.plan import plan_site
        from esfkb.validation import validate

        assert self.project is not None and self.audience is not None
        self.kb = load_knowledge_base(self.project, cache=self._cache)
        result = validate(self.kb)
        for d in result.diagnostics:
            line = f"{d.path}:{d.line}:{d.column}: {d.code} {d.message}"
            if d.severity == Severity.ERROR:
                log.warning(line)
            else:
                log.info(line)
        self.plan = plan_site(self.kb, self.audience, directory_urls=config.use_directory_urls,
                              schemas_dir=self.project.root / "schemas")
        self._apply(self.plan, files, config)
        return files

    def _apply(self, plan: SitePlan, files: Files, config: MkDocsConfig) -> None:
        """Remove what this edition must not publish; add generated pages, data files and assets."""
        for src_uri in sorted(plan.hidden):
            file = files.get_file_from_path(src_uri)
            if file is not None:
                files.remove(file)
        for page in plan.pages:
            if files.get_file_from_path(page.src_uri) is not None:
                log.info(f"{page.src_uri} exists in the docs, so it is not generated")
                continue
            files.append(File.generated(config, page.src_uri, content=page.markdown))
        for src_uri, content in plan.files.items():
            _replace(files, File.generated(config, src_uri, content=content))
        for asset in (STYLESHEET, SCRIPT):
            source = ASSETS_DIR / Path(asset).name
            _replace(files, File.generated(config, asset, abs_src_path=str(source)))

    @event_priority(50)  # early: other plugins (search, tags) see our title and the placed views
    def on_page_markdown(self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        """Set the page's escaped title and place the views of its document as placeholders."""
        if self.plan is None:
            return markdown
        meta = self.plan.meta(page.file.src_uri)
        if meta is not None:
            page.meta.clear()  # the frontmatter keys are ours, validated by the core; themes must not act on them
            page.meta.update(meta)
        return self.plan.markdown(page.file.src_uri, markdown)

    def on_page_content(self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        """Fill the placeholders with the rendered views, relative to this page's URL."""
        if self.plan is None:
            return html
        return self.plan.html(html, page.url)


    @event_priority(-100)  # last: scan what every plugin wrote, the search index included
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Fail a public build that published personal contact data, naming file and value."""
        from esfkb.contacts import contacts_path, load_contacts
        from esfkb.leak_scan import describe, scan_site

        assert self.project is not None and self.audience is not None
        if self.audience.confidential:
            return  # the matchmakers edition carries contacts on purpose, behind its banner
        settings = self.project.settings
        path = contacts_path(settings, self.project.root)
        try:
            contacts = load_contacts(path) if path is not None and path.exists() else {}
        except EsfkbError as error:
            raise PluginError(f"esfkb: {error}") from error
        leaks = scan_site(Path(config.site_dir), contacts, settings)
        if leaks:
            lines = "\n  ".join(describe(leaks))
            raise PluginError(f"esfkb: the public site contains personal contact data:\n  {lines}\n"
                              "Remove it from the content (contacts belong in the private contacts file).")


def _replace(files: Files, file: File) -> None:
    existing = files.get_file_from_path(file.src_uri)
    if existing is not None:
        files.remove(existing)
    files.append(file)
