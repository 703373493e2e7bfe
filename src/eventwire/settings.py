"""Settings: shipped defaults (settings.toml in the package), a user file merged over them, then
environment variables ``EVENTWIRE_<TABLE>__<KEY>``. Code reads values from here, never literals."""

from __future__ import annotations

import copy
import json
import os
import tomllib
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from .errors import ConfigError, ErrorCode

ENV_FILE = "EVENTWIRE_SETTINGS"
ENV_PREFIX = "EVENTWIRE_"


def _merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    out = copy.deepcopy(base)
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        else:
            out[key] = value
    return out


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except OSError as exc:
        raise ConfigError(ErrorCode.E010, path=str(path), reason=exc.strerror or str(exc)) from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(ErrorCode.E010, path=str(path), reason=str(exc)) from exc


def _env_overrides(environ: dict[str, str]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, raw in environ.items():
        if not name.startswith(ENV_PREFIX) or "__" not in name or name == ENV_FILE:
            continue
        table, _, key = name[len(ENV_PREFIX) :].lower().partition("__")
        try:
            value: Any = json.loads(raw)
        except json.JSONDecodeError:
            value = raw
        out.setdefault(table, {})[key] = value
    return out


# settings that must be positive integers (a batch size of 0 would code nothing)
POSITIVE_INTEGERS: tuple[tuple[str, str], ...] = (
    ("nlp", "batch_size"),
    ("nlp", "piece_chars"),
    ("nlp", "piece_processes"),
    ("input", "max_chars"),
    ("input", "sniff_bytes"),
    ("input", "headline_max_chars"),
    ("input", "dateline_max_chars"),
)


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number" if isinstance(value, float) else "integer"
    return type(value).__name__


def validate(settings: dict[str, Any], shipped_defaults: dict[str, Any], origin: str) -> None:
    """Every value has the type of its shipped default (an integer where a number is expected is fine);
    the POSITIVE_INTEGERS are >= 1. Unknown keys are allowed: components may read their own."""

    def check(table: dict[str, Any], default: dict[str, Any], prefix: str) -> None:
        for key, value in table.items():
            if key not in default:
                continue
            expected, name = default[key], f"{prefix}{key}"
            if isinstance(expected, dict):
                if not isinstance(value, dict):
                    raise ConfigError(ErrorCode.E010, path=origin, reason=f"{name} must be of type table")
                check(value, expected, f"{name}.")
                continue
            want, got = _kind(expected), _kind(value)
            if want != got and not (want == "number" and got == "integer"):
                raise ConfigError(ErrorCode.E010, path=origin, reason=f"{name} must be of type {want}, not {value!r}")

    check(settings, shipped_defaults, "")
    for table, key in POSITIVE_INTEGERS:
        value = settings.get(table, {}).get(key)
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            raise ConfigError(ErrorCode.E010, path=origin, reason=f"{table}.{key} must be a positive integer, not {value!r}")


def defaults() -> dict[str, Any]:
    text = resources.files("eventwire").joinpath("settings.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


def load_settings(
    user_file: str | os.PathLike[str] | None = None,
    overrides: dict[str, Any] | None = None,
    environ: dict[str, str] | None = None,
) -> dict[str, Any]:
    """Defaults < user file (argument or $EVENTWIRE_SETTINGS) < environment < explicit overrides."""
    env = dict(os.environ if environ is None else environ)
    shipped_defaults = defaults()
    merged = shipped_defaults
    path = user_file or env.get(ENV_FILE)
    origins = []
    if path:
        merged = _merge(merged, _read_toml(Path(path)))
        origins.append(str(path))
    environment = _env_overrides(env)
    if environment:
        merged = _merge(merged, environment)
        origins.append("environment (EVENTWIRE_*)")
    if overrides:
        merged = _merge(merged, overrides)
        origins.append("overrides")
    validate(merged, shipped_defaults, " + ".join(origins) or "shipped settings.toml")
    return merged


def component_settings(table: str, given: dict[str, Any] | None) -> Any:
    """A component's typed settings (:mod:`eventwire.component_settings`): the table the pipeline passed
    (the layered settings: defaults, user file, environment) over the shipped defaults of that table for keys
    it leaves out, so a component added by hand with ``nlp.add_pipe(name)`` gets exactly the shipped
    defaults. A mistyped value or an unknown key is E010 naming it."""
    import msgspec

    from .component_settings import typed

    values = _merge(_shipped_defaults().get(table, {}), dict(given or {}))
    try:
        return typed(table, values)
    except msgspec.ValidationError as exc:
        # msgspec names the key as "$.key"; say it as the user wrote it
        reason = str(exc).replace("`$.", f"`{table}.").replace("`$`", f"`[{table}]`")
        raise ConfigError(ErrorCode.E010, path=f"settings [{table}]", reason=reason) from exc


@lru_cache(maxsize=1)
def _shipped_defaults() -> dict[str, Any]:
    return defaults()
