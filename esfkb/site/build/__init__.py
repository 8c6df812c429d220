"""What runs beside the build (the search index and the data files: ``beside.py``, the one seam the plugin holds),
and what ``mkdocs serve`` reuses from its last build."""
