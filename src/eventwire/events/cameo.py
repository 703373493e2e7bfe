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
    plover = dict(entry.get("plover") or {})
    parent = key[:-1]
    while not plover.get("type") and len(parent) >= 2:
        # PLOVER lists some sub-codes without a type of their own: the parent's type holds
        plover["type"] = ((codes.get(parent) or {}).get("plover") or {}).get("type")
        parent = parent[:-1]
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





FRAMES_FILE = "data/cameo/complement-frames.json"


@lru_cache(maxsize=1)
def _frames() -> dict[str, Any]:
    text = resources.files("eventwire").joinpath(FRAMES_FILE).read_text(encoding="utf-8")
    return json.loads(text)


def frames_version() -> str:
    return str(_frames()["version"])


def frame_family(code: str | None) -> str | None:
    """The verbal family a code heads ("020" -> "02", "1412" -> "141"), None for an act that takes no
    complement (a statement, an attack)."""
    if not code:
        return None
    families = _frames()["families"]
    if code[:3] in families:
        return code[:3]
    return code[:2] if code[:2] in families else None


def halting_code(verb_lemma: str, content: str | None) -> str | None:
    """The code of halting or easing an act: "stop negotiations" (04) 164, "lift sanctions" (163) 085."""
    if not content or verb_lemma not in _frames()["halting"]:
        return None
    return frame_code("halt", content) or None


def given_code(verb_lemma: str, content: str | None) -> str | None:
    """The code of giving, imposing or intensifying what ``content`` names: giving aid ("delivered food" ->
    073), imposing a sanction, restriction or blockade ("reimposed blockades" -> 191), stepping up attacks (190)."""
    frames = _frames()
    if not content:
        return None
    if content[:2] == "07" and verb_lemma in frames["giving"]:
        return content
    if verb_lemma in frames["imposing"] and any(content.startswith(prefix) for prefix in frames["imposed"]):
        return content
    if verb_lemma in frames["boosting"] and any(content.startswith(prefix) for prefix in frames["boosted"]):
        # a content root ("19") is the root's own code ("190")
        return content if len(content) > 2 else content + "0"
    if verb_lemma in frames["releasing"] and content[:3] == "084":
        return content
    if verb_lemma in frames["allowing"]:
        allowed: dict[str, str] = frames["allowed"]
        return allowed.get(content) or allowed.get(content[:3])
    return None


def frame_code(family: str, content: str | None) -> str:
    """The code of a ``family`` act (appeal, intent, demand, rejection, threat, protest) about an act coded
    ``content``: the longest matching prefix of ``content`` in the family's table, else its own code."""
    families: dict[str, dict[str, str]] = _frames()["families"]
    table = families[family]
    if content and content[:2] == "03" and family != "03":
        # an intent names its act: refusing "to provide humanitarian aid" (0333) rejects aid (073)
        content = _intended_acts().get(content, content)
    if content:
        for size in range(len(content), 1, -1):
            found = table.get(content[:size])
            if found:
                return found
    return table[""]


@lru_cache(maxsize=1)
def _intended_acts() -> dict[str, str]:
    """Intent code -> the act intended ("0333" -> "073"), the inverse of the intent family's table."""
    return {code: act for act, code in _frames()["families"]["03"].items() if act}


def modal_family(content: str) -> str | None:
    """The family ("03" intent or "13" threat) of a stated future or intended act coded ``content``."""
    modal: dict[str, str] = _frames()["modal"]
    return modal.get(content[:3]) or modal.get(content[:2])


__all__ = ["CodeInfo", "code_info", "code_table", "frame_code", "frame_family", "given_code", "halting_code", "frames_version", "is_valid_code",
           "modal_family", "quad_class", "table_version"]
