"""Where the editor saves: the git host of ``mkdocs.yml`` with the editorial workflow, or decap-server in local mode.

With the editorial workflow every save is a branch and a pull (merge) request, on which CI runs
``esfkb validate``. ``local_backend`` points at decap-server on 127.0.0.1: Decap uses it when the
editor is opened on 127.0.0.1 or localhost and the server answers (``esfkb editor serve``), and
then saves into the working tree (its file-system mode knows no workflow).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from esfkb.config import EditorSettings

LOCAL_HOST = "127.0.0.1"
DEFAULT_API_ROOTS = {"github": "https://api.github.com", "gitlab": "https://gitlab.com/api/v4"}
"""The API a hosted git service answers on when ``api_root`` is not set (Gitea has no hosted default)."""


def local_url(editor: EditorSettings) -> str:
    """decap-server's API on 127.0.0.1."""
    return f"http://{LOCAL_HOST}:{editor.local_port}/api/v1"


def backend_sections(editor: EditorSettings) -> dict[str, Any]:
    """The config's ``backend``, ``local_backend`` and ``publish_mode``.

    Without a git host, the backend is decap-server itself (``proxy``): the editor then works in local mode only.
    """
    if editor.backend is None:
        backend: dict[str, Any] = {"name": "proxy", "proxy_url": local_url(editor), "branch": editor.branch}
    else:
        backend = {"name": editor.backend, "repo": editor.repo, "branch": editor.branch}
        for key in ("base_url", "api_root", "app_id"):
            if getattr(editor, key) is not None:
                backend[key] = getattr(editor, key)
        if editor.backend == "gitlab" and editor.app_id is not None:
            backend["auth_type"] = "pkce"
    return {"backend": backend, "local_backend": {"url": local_url(editor)}, "publish_mode": "editorial_workflow"}


def origins(editor: EditorSettings) -> list[str]:
    """Every origin the editor talks to: decap-server and the git host's API (what its page's policy allows)."""
    found = [f"http://{LOCAL_HOST}:{editor.local_port}"]
    api = editor.api_root or DEFAULT_API_ROOTS.get(editor.backend or "")
    if api:
        parts = urlsplit(api)
        found.append(f"{parts.scheme}://{parts.netloc}")
    return found
