"""One stored article with every annotation and its offsets, pages of the story layer, and which optional
layers a store holds.

The story layer (near-duplicate stories in ``articles.story``, merged events: schema revision 0002) is
detected in the database, not assumed, so the API and the dashboard show it where a store has it and say
so where it does not; its rows come from the story layer's own queries (``query_corpus``).
"""

from __future__ import annotations

import re
from typing import Any

import sqlalchemy as sa

from ..errors import ErrorCode, UsageError
from . import query as queries
from . import query_corpus as queries_corpus
from .pages import Page
from .schema import ANNOTATIONS, articles, mentions

_ARTICLE_FIELDS = (
    "id", "title", "date", "date_source", "source", "url", "text", "metadata", "dateline", "sentences",
    "entities", "run_id", "coded_at", "content_hash",
)


def features(store: Any) -> dict[str, bool]:
    """Which optional layers this store holds: ``{"stories": bool, "merged": bool}``."""
    with store._connect() as connection:
        inspector = sa.inspect(connection)
        names = set(inspector.get_table_names())
        columns = {c["name"] for c in inspector.get_columns("articles")}
    return {"stories": "story" in columns, "merged": "merged_events" in names}


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


_KEY = re.compile(r"[0-9A-Za-z_.:-]{1,64}")


def _after(cursor: str | None) -> str | None:
    if cursor is not None and not _KEY.fullmatch(cursor):
        raise UsageError(ErrorCode.E032, param="cursor", value=cursor, reason="not a cursor this list gave")
    return cursor


def _keyed(statement: sa.Select[Any], key: str, after: str | None, limit: int) -> sa.Select[Any]:
    """``statement``'s rows in ``key`` order after the cursor: a keyset on the layer's own id, so a page
    never repeats or skips a row that was there when the client began."""
    rows = statement.order_by(None).limit(None).subquery("layer")
    keyed = sa.select(rows).order_by(rows.c[key]).limit(limit + 1)
    return keyed.where(rows.c[key] > after) if after is not None else keyed


def _cut(rows: list[dict[str, Any]], key: str, limit: int) -> tuple[list[dict[str, Any]], str | None]:
    more = len(rows) > limit
    rows = rows[:limit]
    return rows, (str(rows[-1][key]) if more and rows else None)


def stories_page(store: Any, filters: dict[str, Any], after: str | None, limit: int) -> Page | None:
    """A page of stories (``eventwire query stories``: the article filters and ``min_articles``), each with
    its articles and ``num_sources``, in story-id order; None when the store has no story layer."""
    if not features(store)["stories"]:
        return None
    from ..corpus.stories import story_rows

    statement = _keyed(queries_corpus.stories(store.dialect, filters), "story", _after(after), limit)
    rows, cursor = _cut(list(store.iter_select(statement)), "story", limit)
    with store._connect() as connection:
        members = story_rows(connection, [row["story"] for row in rows])
    return Page([store._story(row, members.get(row["story"], [])) for row in rows], cursor)


def merged_page(store: Any, filters: dict[str, Any], after: str | None, limit: int) -> Page | None:
    """A page of merged events (``eventwire query events --merged``: the event filters), with
    num_mentions, num_sources and num_articles, in id order; None when the store has no story layer."""
    if not features(store)["merged"]:
        return None
    queries.conditions("events", store.dialect, filters)  # the same checks of codes and dates as events
    statement = _keyed(queries_corpus.merged(store.dialect, filters), "id", _after(after), limit)
    rows, cursor = _cut(list(store.iter_select(statement)), "id", limit)
    return Page(rows, cursor)
