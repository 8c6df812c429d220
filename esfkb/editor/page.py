"""The editor's page: Decap CMS's bundle, its configuration beside it, the page's own Content-Security-Policy."""

from __future__ import annotations

from html import escape

from esfkb.safety.csp import editor_policy

BUNDLE_SCRIPT = "decap-cms.js"
"""Decap's bundle."""
CONFIG_FILE = "config.yml"
FAVICON = "assets/images/favicon.png"
"""The theme's icon, relative to the site root (the editor's page is one folder deep)."""


def editor_page(site_name: str, origins: list[str], bundle: str) -> str:
    """The HTML of ``/redactie/``: nothing but the bundle (at ``bundle``), which renders the editor from ``config.yml``.

    The bundle loads its chunks from beside itself; the config is found beside the page.
    """
    policy = escape(editor_policy(origins), quote=False).replace('"', "&quot;")
    return f"""<!doctype html>
<html lang="nl">
<head>
<meta http-equiv="Content-Security-Policy" content="{policy}">
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>Redactie · {escape(site_name)}</title>
<link rel="icon" href="../{FAVICON}">
<link href="{CONFIG_FILE}" type="text/yaml" rel="cms-config-url">
</head>
<body>
<script src="{escape(bundle)}"></script>
</body>
</html>
"""
