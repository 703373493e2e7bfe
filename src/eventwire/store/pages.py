"""Pages of query rows with a keyset cursor that stays stable while ingest adds rows.

Rows are listed in ingest order: the article's integer key (``articles.pk``, increasing with every stored
article) and then the annotation's position in its article (``n``). A page's cursor is the key of its last
row; the next page is the rows after that key (``WHERE (pk, n) > (cursor)``), never an offset, so rows
stored while a client pages through land after every key it has seen: no row is skipped or repeated. A
re-coded article is stored anew (a new ``pk``), so its rows move to the end.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from ..errors import ErrorCode, UsageError
from . import query as queries
from .schema import actors, articles, events, quotes

# the annotation table whose ``n`` orders the rows of each kind within an article (articles: none)
_ITEM: dict[str, sa.Table | None] = {"events": events, "quotes": quotes, "actors": actors, "articles": None}
_CURSOR = re.compile(r"(\d{1,18})(?:\.(\d{1,9}))?")
PK, N = "_pk", "_n"


@dataclass(frozen=True)
class Page:
    rows: list[dict[str, Any]]
    next: str | None  # the cursor of the next page, None after the last


def encode_cursor(pk: int, n: int | None) -> str:
    return str(pk) if n is None else f"{pk}.{n}"


def decode_cursor(cursor: str, kind: str) -> tuple[int, int | None]:
    """``"123.4"`` -> (123, 4); an articles cursor has no ``n``. A malformed cursor is E032."""
    match = _CURSOR.fullmatch(cursor)
    item = _ITEM.get(kind)
    if not match or (item is None) != (match.group(2) is None):
        raise UsageError(ErrorCode.E032, param="cursor", value=cursor, reason="not a cursor this list gave")
    return int(match.group(1)), None if match.group(2) is None else int(match.group(2))


def keyed(kind: str, dialect: str, filters: dict[str, Any], after: str | None, limit: int) -> sa.Select[Any]:
    """The select of one page (``limit`` rows after the cursor ``after``) plus one row to tell a next page."""
    where = queries.conditions(kind, dialect, filters)
    columns, source, _order = queries.parts(kind)
    item = _ITEM[kind]
    keys: list[Any] = [articles.c.pk.label(PK)]
    order: list[Any] = [articles.c.pk]
    if item is not None:
        keys.append(item.c.n.label(N))
        order.append(item.c.n)
    if after is not None:
        pk, n = decode_cursor(after, kind)
        if item is None:
            where.append(articles.c.pk > pk)
        else:
            # spelled out rather than a row value: both dialects use the index on articles.pk for it
            where.append(sa.or_(articles.c.pk > pk, sa.and_(articles.c.pk == pk, item.c.n > n)))
    return sa.select(*columns, *keys).select_from(source).where(*where).order_by(*order).limit(limit + 1)


def page(store: Any, kind: str, filters: dict[str, Any], after: str | None, limit: int) -> Page:
    """One page of ``kind`` rows matching ``filters`` after the cursor ``after`` (None: the first page)."""
    rows = list(store.iter_select(keyed(kind, store.dialect, filters, after, limit)))
    more = len(rows) > limit
    rows = rows[:limit]
    cursor = encode_cursor(rows[-1][PK], rows[-1].get(N)) if more and rows else None
    for row in rows:
        row.pop(PK, None)
        row.pop(N, None)
    return Page(rows, cursor)
