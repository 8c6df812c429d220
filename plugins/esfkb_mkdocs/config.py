"""The plugin's config schema, generated from the core's :class:`esfkb.config.Settings`.

One definition of the options serves both faces: the CLI reads the same keys from mkdocs.yml.
"""

from __future__ import annotations

import dataclasses
import typing
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c

from esfkb.config import Settings


def _option(field: dataclasses.Field[Any]) -> base.BaseConfigOption[Any]:
    default = field.default_factory() if field.default is dataclasses.MISSING else field.default  # type: ignore[misc]
    if field.name == "audience":
        return c.Choice(("public", "matchmakers"), default=default)
    hint = typing.get_type_hints(Settings)[field.name]
    if hint is float:
        return c.Type((int, float), default=default)
    if typing.get_origin(hint) in (list, dict):
        return c.Type(typing.get_origin(hint), default=default)
    if default is None:
        return c.Optional(c.Type(str))
    return c.Type(hint, default=default)


EsfkbConfig: type[base.Config] = type(
    "EsfkbConfig",
    (base.Config,),
    {f.name: _option(f) for f in dataclasses.fields(Settings)},
)
"""Config of the ``esfkb`` plugin: every field of Settings, same name, same default."""
