"""Site renderers: what a published page shows, as HTML, SVG, Markdown and JSON strings.

Plain Python without MkDocs, so that moving to another site generator costs an adapter only:
the MkDocs plugin asks :func:`esfkb.site.plan.plan_site` for a plan and places what it renders.
"""

from __future__ import annotations
