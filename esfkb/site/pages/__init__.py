"""The generated pages: which exist, and the library, dashboard, overviews and vocabulary pages."""
