"""Content rendered as the site renders it: Python-Markdown with the extensions and settings of ``mkdocs.yml``."""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

import markdown

from esfkb.config import CONFIG_FILE, markdown_extensions
from esfkb.errors import ConfigError

if TYPE_CHECKING:
    from pathlib import Path


@cache
def _processor(root: Path, stamp: int) -> markdown.Markdown:
    """The Markdown processor of ``root``'s configuration as it was at ``stamp`` (changed in ``mkdocs serve``)."""
    names, configs = markdown_extensions(root)
    try:
        return markdown.Markdown(extensions=names, extension_configs=configs)
    except (ImportError, TypeError, ValueError, KeyError, AttributeError) as error:
        raise ConfigError(f"{root / CONFIG_FILE}: markdown_extensions cannot be loaded: {error}") from None


def render(root: Path, text: str) -> str:
    """``text`` as HTML, converted by the Markdown of the project at ``root``."""
    config = root / CONFIG_FILE
    processor = _processor(root, config.stat().st_mtime_ns if config.is_file() else 0)
    try:
        return processor.convert(text)
    finally:
        processor.reset()
