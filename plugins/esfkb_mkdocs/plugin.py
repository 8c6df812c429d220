"""The ``esfkb`` MkDocs plugin: validation inside the build.

Hooks: ``on_startup`` (keeps one instance across ``mkdocs serve`` rebuilds, so the parse cache
survives), ``on_config`` (reset per-build state, read settings), ``on_files`` (load and validate
the knowledge base through the core; every diagnostic becomes a log record with file, line, code).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger

from esfkb.config import Project, Settings
from esfkb.diagnostics import Severity
from esfkb.errors import EsfkbError
from esfkb_mkdocs.config import EsfkbConfig

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files

    from esfkb.knowledge_base import KnowledgeBase

log = get_plugin_logger(__name__)


class EsfkbPlugin(BasePlugin[EsfkbConfig]):  # type: ignore[type-var]
    """Load, validate and (in later hooks) publish the knowledge base."""

    def __init__(self) -> None:
        from esfkb.loader import ParseCache

        self._cache = ParseCache()
        self.kb: KnowledgeBase | None = None
        self.project: Project | None = None

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        """Declared so that MkDocs keeps this instance (and its parse cache) across serve rebuilds."""

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        """Reset per-build state and read the settings from this plugin's options."""
        from mkdocs.exceptions import PluginError

        self.kb = None
        options: dict[str, Any] = {k: v for k, v in self.config.items() if k != "enabled"}
        try:
            settings = Settings.from_options(options).with_environment()
        except EsfkbError as error:
            raise PluginError(str(error)) from error
        self.project = Project(
            root=Path(config.config_file_path).parent.resolve(),
            docs_dir=Path(config.docs_dir).resolve(),
            settings=settings,
        )
        return config

    @event_priority(-50)  # late: after other plugins added or removed files
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        """Load and validate the whole knowledge base once per build; log every diagnostic."""
        from esfkb.knowledge_base import load_knowledge_base
        from esfkb.validation import validate

        assert self.project is not None
        self.kb = load_knowledge_base(self.project, cache=self._cache)
        result = validate(self.kb)
        for d in result.diagnostics:
            line = f"{d.path}:{d.line}:{d.column}: {d.code} {d.message}"
            if d.severity == Severity.ERROR:
                log.warning(line)
            else:
                log.info(line)
        return files
