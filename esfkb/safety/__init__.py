"""Safety of what is published: the content sanitizer, what it would remove, and the pages' Content-Security-Policy."""
