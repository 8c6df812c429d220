"""Exceptions of the core; content problems are never exceptions but diagnostics."""

from __future__ import annotations


class EsfkbError(Exception):
    """Base of every error the core raises for a problem a user can fix."""


class ConfigError(EsfkbError):
    """The project's configuration (mkdocs.yml, environment) is unusable."""


class RegistryError(EsfkbError):
    """A kind or rule plugin could not be loaded or is inconsistent."""
