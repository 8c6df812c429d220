"""The built-in rules, each registered as an ``esfkb.rules`` entry point in pyproject.toml."""
