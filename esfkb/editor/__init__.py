"""The web editor (Decap CMS), generated from the kinds, models and vocabularies: never written by hand.

- :mod:`esfkb.editor.fields`: the Decap field of each model field (widget, Dutch label, hint, required);
- :mod:`esfkb.editor.collections`: one collection per kind, the body as Markdown;
- :mod:`esfkb.editor.backend`: the git host with the editorial workflow, and decap-server in local mode;
- :mod:`esfkb.editor.export`: the whole ``config.yml``, its export and drift check;
- :mod:`esfkb.editor.page`, :mod:`esfkb.editor.site`: the page at ``/redactie/`` and which editions carry it;
- :mod:`esfkb.editor.local`: local mode, decap-server and ``mkdocs serve`` on 127.0.0.1.
"""
