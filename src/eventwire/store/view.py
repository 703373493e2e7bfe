"""One stored article with every annotation and its offsets, and what optional layers a store holds.

The story layer (near-duplicate stories, merged events: issue 14) adds tables in a later schema revision;
readers here detect them in the database instead of assuming them, so the API and the dashboard show
stories where a store has them and say so where it does not. Hook for that layer: a store whose query
module lists a ``stories`` kind is read through it; otherwise a ``stories`` / ``merged_events`` table
is listed as stored, in primary-key order.
"""

from __future__ import annotations

import base64
import binascii
import json
from typing import Any

import sqlalchemy as sa

from ..errors import ErrorCode, UsageError
from . import query as queries
from .pages import Page
from .schema import ANNOTATIONS, articles, mentions

# optional tables of later layers, by the name a client asks for
OPTIONAL_TABLES = {"stories": "stories", "merged": "merged_events"}
_ARTICLE_FIELDS = (
    "id", "title", "date", "date_source", "source", "url", "text", "metadata", "dateline", "sentences",
    "entities", "run_id", "coded_at", "content_hash",
)


def _table_names(store: Any) -> set[str]:
    with store._connect() as connection:
        return set(sa.inspect(connection).get_table_names())


def features(store: Any) -> dict[str, bool]:
    """Which optional layers this store holds: ``{"stories": bool, "merged": bool}``."""
    names = _table_names(store)
    found = {key: table in names for key, table in OPTIONAL_TABLES.items()}
    found["stories"] = found["stories"] or "stories" in queries.KINDS
    return found


def article(store: Any, article_id: str) -> dict[str, Any] | None:
    """The article ``article_id`` with its sentences, entities and every annotation row (offsets into
    ``text``), actors with their mentions; None when it is not stored. Columns added by later schema
    revisions (``articles.story``) come along."""
    with store._connect() as connection:
        columns = {c["name"] for c in sa.inspect(connection).get_columns("articles")}
        extra = sorted(columns - set(articles.c.keys()))
        statement = sa.select(articles, *(sa.column(name) for name in extra)).where(articles.c.id == article_id)
        found = connection.execute(statement).mappings().first()
        if found is None:
            return None
        view: dict[str, Any] = {key: found[key] for key in (*_ARTICLE_FIELDS, *extra)}
        for table in ANNOTATIONS:
            rows = connection.execute(
                sa.select(table).where(table.c.article_id == article_id).order_by(table.c.n)
            ).mappings()
            view[table.name] = [{k: v for k, v in row.items() if k != "article_id"} for row in rows]
    by_actor: dict[str, list[dict[str, Any]]] = {}
    for mention in view.pop(mentions.name):
        by_actor.setdefault(mention["actor_id"], []).append(mention)
    for actor in view["actors"]:
        actor["mentions"] = by_actor.get(actor["id"], [])
    return view


def _encode(value: Any) -> str:
    return base64.urlsafe_b64encode(json.dumps(value).encode()).decode().rstrip("=")


def _decode(cursor: str) -> Any:
    try:
        return json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
    except (binascii.Error, ValueError, UnicodeDecodeError) as exc:
        raise UsageError(ErrorCode.E032, param="cursor", value=cursor, reason="not a cursor this list gave") from exc


def optional_page(store: Any, layer: str, after: str | None, limit: int) -> Page | None:
    """A page of an optional layer's table (``stories``, ``merged``) in primary-key order, keyset on its
    first key column; None when the store does not hold the layer."""
    name = OPTIONAL_TABLES[layer]
    if name not in _table_names(store):
        return None
    table = sa.Table(name, sa.MetaData(), autoload_with=store.engine)
    key = list(table.primary_key.columns) or list(table.columns)[:1]
    statement = sa.select(table).order_by(*key).limit(limit + 1)
    if after is not None:
        statement = statement.where(key[0] > _decode(after))
    rows = list(store.iter_select(statement))
    more = len(rows) > limit
    rows = rows[:limit]
    return Page(rows, _encode(rows[-1][key[0].name]) if more and rows else None)
