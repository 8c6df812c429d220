"""MkDocs face of esfkb: publishes what the core loaded and validated."""

from __future__ import annotations

from esfkb_mkdocs.plugin import EsfkbPlugin

__all__ = ["EsfkbPlugin"]
