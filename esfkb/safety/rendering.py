"""Content rendered as the site renders it: Python-Markdown with the extensions and settings of ``mkdocs.yml``."""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

import markdown

from esfkb.config import markdown_extensions
from esfkb.errors import ConfigError

if TYPE_CHECKING:
    from pathlib import Path


@cache
def _processor(root: Path) -> markdown.Markdown:
    names, configs = markdown_extensions(root)
    try:
        return markdown.Markdown(extensions=names, extension_configs=configs)
    except (ImportError, TypeError, ValueError, KeyError, AttributeError) as error:
        raise ConfigError(f"{root / 'mkdocs.yml'}: markdown_extensions cannot be loaded: {error}") from None


def render(root: Path, text: str) -> str:
    """``text`` as HTML, converted by the Markdown of the project at ``root``."""
    processor = _processor(root)
    try:
        return processor.convert(text)
    finally:
        processor.reset()
