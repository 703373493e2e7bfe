"""Plain data that leaves the NLP layer: the input Article and the output record (docs/schema.md)."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

SCHEMA_VERSION = "1.0"


def content_id(*parts: str, length: int = 16) -> str:
    """A stable id from content: same parts, same id, in every run and on every machine."""
    digest = hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()
    return digest[:length]


@dataclass
class Article:
    """One input article. ``text`` is the input unchanged; every offset we output indexes into it."""

    id: str
    text: str
    headline: str | None = None
    headline_span: tuple[int, int] | None = None
    dateline: dict[str, Any] | None = None
    date: str | None = None
    date_source: str | None = None
    metadata: dict[str, Any] = field(default_factory=dict)
    path: str = "<input>"
    line: int | None = None

    def context(self) -> dict[str, Any]:
        """What the NLP components may read about the article (stored on ``Doc._.article``)."""
        return {
            "id": self.id,
            "date": self.date,
            "headline_span": list(self.headline_span) if self.headline_span else None,
            "dateline": self.dateline,
        }


@lru_cache(maxsize=1)
def record_schema() -> dict[str, Any]:
    text = resources.files("eventwire").joinpath("schema/record.schema.json").read_text(encoding="utf-8")
    return json.loads(text)


def dumps(record: dict[str, Any], indent: int | None = None) -> str:
    """Serialise deterministically: key order as built, no ASCII escaping, fixed separators."""
    separators = (",", ": ") if indent else (",", ":")
    return json.dumps(record, ensure_ascii=False, indent=indent, separators=separators, allow_nan=False)
