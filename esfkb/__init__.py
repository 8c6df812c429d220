"""esfkb: the knowledge base of ESF Vlaanderen's proeftuinen.

The core loads, validates, links and queries business models, playbooks, pilots, registrations
and matchmakers written as Markdown with YAML frontmatter. It imports neither click nor mkdocs:
the CLI and the MkDocs plugin are thin faces over it.
"""

from __future__ import annotations

__version__ = "0.1.0"
__all__ = ["__version__"]
