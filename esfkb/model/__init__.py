"""The kinds of document: frontmatter parsing, field types, vocabularies, the pydantic models and the kind registry."""
