"""The knowledge base as loaded: what docs_dir holds, every document parsed once, indexed, queried and graphed."""
