"""Word lists shipped as data, ``data/<component>/words.json`` (versioned there, checked against
``data/VERSIONS.json``): read once per process, so the modules' constants load them at import."""

from __future__ import annotations

import json
import re
from functools import cache
from importlib import resources
from typing import Any

from .errors import ConfigError, ErrorCode


@cache
def words(component: str) -> dict[str, Any]:
    """The whole ``data/<component>/words.json``."""
    path = resources.files("eventwire").joinpath("data", component, "words.json")
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def _list(component: str, key: str) -> list[Any]:
    value = words(component).get(key)
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(ErrorCode.E012, path=f"data/{component}/words.json", reason=f"{key!r} must be a list of strings")
    return value


def word_set(component: str, key: str) -> frozenset[str]:
    """A list of words to look tokens up in."""
    return frozenset(_list(component, key))


def word_tuple(component: str, key: str) -> tuple[str, ...]:
    """A list whose order matters (endings for ``str.endswith``, regex alternatives longest first)."""
    return tuple(_list(component, key))


def word_map(component: str, key: str) -> dict[str, Any]:
    """A word -> value table (month names -> numbers)."""
    value = words(component).get(key)
    if not isinstance(value, dict):
        raise ConfigError(ErrorCode.E012, path=f"data/{component}/words.json", reason=f"{key!r} must be an object")
    return dict(value)


def alternation(component: str, key: str) -> str:
    """The words as a regex alternation, in file order (an earlier alternative wins)."""
    return "|".join(re.escape(w) for w in word_tuple(component, key))
