"""CAMEO code facts: root, GDELT QuadClass, Goldstein value and PLOVER type/mode for any event code.

Built by scripts/convert_cameo_verbs.py into data/cameo/cameo-codes.json. Goldstein values come from
GDELT's CAMEO.goldsteinscale.txt (one table, as GDELT publishes it); QuadClass is GDELT's 1-4 (1 verbal
cooperation 01-05, 2 material cooperation 06-08, 3 verbal conflict 09-13, 4 material conflict 14-20);
PLOVER from CAMEO2PLOVER-2021. A sub-code missing from a table (PETRARCH uses a few, e.g. 0357) takes its
parent code's values.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

CODES_FILE = "data/cameo/cameo-codes.json"


@dataclass(frozen=True)
class CodeInfo:
    code: str
    root: str
    name: str | None
    quad: int
    goldstein: float
    plover_type: str | None
    plover_mode: str | None


@lru_cache(maxsize=1)
def code_table() -> dict[str, Any]:
    text = resources.files("eventwire").joinpath(CODES_FILE).read_text(encoding="utf-8")
    return json.loads(text)


def table_version() -> str:
    return str(code_table()["version"])


def quad_class(code: str) -> int:
    root = int(code[:2])
    return 1 if root <= 5 else 2 if root <= 8 else 3 if root <= 13 else 4


@lru_cache(maxsize=1024)
def code_info(code: str) -> CodeInfo:
    """Facts for a CAMEO event code such as "0214" or "112"."""
    codes = code_table()["codes"]
    key = code
    while key not in codes and len(key) > 2:
        key = key[:-1]
    entry = codes.get(key, {})
    plover = entry.get("plover") or {}
    goldstein = entry.get("goldstein")
    return CodeInfo(
        code=code,
        root=code[:2],
        name=entry.get("name"),
        quad=quad_class(code),
        goldstein=float(goldstein) if goldstein is not None else 0.0,
        plover_type=plover.get("type"),
        plover_mode=plover.get("mode"),
    )


def is_valid_code(code: str | None) -> bool:
    return bool(code) and code.isdigit() and 2 <= len(code) <= 4 and 1 <= int(code[:2]) <= 20  # type: ignore[union-attr]


__all__ = ["CodeInfo", "code_info", "code_table", "is_valid_code", "quad_class", "table_version"]
