"""PLOVER JSONL: one PLOVER event record per line (docs/exports.md).

Fields: ``id``, ``event`` and ``mode`` (PLOVER's event type and mode), ``context`` (PLOVER contexts of the
CAMEO code, from our CAMEO table), ``actor`` and ``recipient`` (name, CAMEO code, country, agent role),
``date`` (the event's) and ``date_published`` (the article's), ``location``, ``text`` (the evidence
sentence), then what ties the record to its source (``article``, ``url``, ``source``, offsets) and what
eventwire adds (``cameo``, ``quad``, ``goldstein``, ``negated``, ``modality``). Events whose CAMEO code
has no PLOVER type (public statements) are left out: PLOVER has no category for them.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any, TextIO

import sqlalchemy as sa

from ...events.cameo import code_table
from ...store import Store
from ...store.schema import actors, articles, events


def plover_context(cameo: str) -> list[str]:
    """PLOVER contexts of a CAMEO code (the nearest listed parent code's when it has none itself)."""
    codes = code_table()["codes"]
    key = cameo
    while len(key) >= 2:
        context = ((codes.get(key) or {}).get("plover") or {}).get("context")
        if context:
            return [part.strip() for part in str(context).split(",") if part.strip()]
        key = key[:-1]
    return []


def _party(row: dict[str, Any], prefix: str, roles: dict[tuple[str, str], tuple[str | None, str | None]]) -> Any:
    if row[f"{prefix}_name"] is None:
        return None
    country, role = roles.get((row["article_id"], row[f"{prefix}_actor"] or ""), (None, None))
    return {
        "name": row[f"{prefix}_name"],
        "code": row[f"{prefix}_code"],
        "country": country,
        "role": role,
        "start": row[f"{prefix}_start_char"],
        "end": row[f"{prefix}_end_char"],
    }


def plover_records(store: Store) -> Iterator[dict[str, Any]]:
    sentence = sa.func.substr(articles.c.text, events.c.sentence_start + 1, events.c.sentence_end - events.c.sentence_start)
    statement = (
        sa.select(events, articles.c.date.label("article_date"), articles.c.url, articles.c.source.label("publisher"),
                  sentence.label("sentence_text"))
        .select_from(events.join(articles, events.c.article_id == articles.c.id))
        .where(events.c.plover_type.is_not(None))
        .order_by(events.c.article_id, events.c.n)
    )
    current: str | None = None
    roles: dict[tuple[str, str], tuple[str | None, str | None]] = {}
    for row in store.iter_select(statement):
        if row["article_id"] != current:
            # an article's actors, once per article (rows come in article order)
            current = row["article_id"]
            roles = {
                (a["article_id"], a["id"]): (a["country"], a["role"])
                for a in store.iter_select(sa.select(actors).where(actors.c.article_id == current))
            }
        place = None
        if row["place_name"]:
            place = {"name": row["place_name"], "country": row["place_country"], "lat": row["place_lat"],
                     "lon": row["place_lon"], "geonameid": row["place_geonameid"]}
        yield {
            "id": f"{row['article_id']}:{row['id']}",
            "event": row["plover_type"],
            "mode": row["plover_mode"],
            "context": plover_context(row["cameo"]),
            "actor": _party(row, "source", roles),
            "recipient": _party(row, "target", roles),
            "date": row["date"] or row["article_date"],
            "date_published": row["article_date"],
            "location": place,
            "text": (row["sentence_text"] or "").strip(),
            "trigger": row["trigger_text"],
            "article": row["article_id"],
            "url": row["url"],
            "source": row["publisher"],
            "start": row["start_char"],
            "end": row["end_char"],
            "cameo": row["cameo"],
            "quad": row["quad"],
            "goldstein": row["goldstein"],
            "negated": bool(row["negated"]),
            "modality": row["modality"],
        }


def write_plover(store: Store, out: TextIO) -> int:
    count = 0
    for record in plover_records(store):
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
        count += 1
    return count
