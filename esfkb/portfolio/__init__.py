"""Portfolio figures of the knowledge base (``esfkb report``; the dashboard shows the same figures)."""
