"""Aggregations over the filtered rows of a query: per day and QuadClass, per dyad, per place, per speaker.

Each takes the filters of ``eventwire query`` (``query.conditions``), so the API's and the dashboard's
figures count exactly the rows the event list shows. One GROUP BY each, in SQL, on both dialects.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from . import query as queries
from .schema import actors, articles, events, quotes

# a day: the first ten characters of an ISO date (an event dated only to a month or week is left out)
_DAY = "____-__-__"


def _grouped(store: Any, kind: str, filters: dict[str, Any], columns: list[Any], where: list[Any],
             group: list[Any], order: list[Any], limit: int | None) -> list[dict[str, Any]]:
    conditions = queries.conditions(kind, store.dialect, filters) + where
    _columns, source, _order = queries.parts(kind)
    statement = sa.select(*columns).select_from(source).where(*conditions).group_by(*group).order_by(*order)
    if limit:
        statement = statement.limit(limit)
    return list(store.iter_select(statement))


def _mean(value: Any, places: int = 3) -> float | None:
    return None if value is None else round(float(value), places)


def timeline(store: Any, filters: dict[str, Any]) -> list[dict[str, Any]]:
    """``[{date, quad, count, goldstein}]`` per day and QuadClass; ``goldstein`` is the mean."""
    day = sa.func.substr(sa.func.coalesce(events.c.date, articles.c.date), 1, 10)
    rows = _grouped(
        store, "events", filters,
        [day.label("date"), events.c.quad, sa.func.count().label("count"), sa.func.avg(events.c.goldstein).label("goldstein")],
        [day.like(_DAY)], [day, events.c.quad], [day, events.c.quad], None,
    )
    return [{**row, "goldstein": _mean(row["goldstein"])} for row in rows]


def dyads(store: Any, filters: dict[str, Any], limit: int) -> list[dict[str, Any]]:
    """``[{source_code, target_code, source_name, target_name, count, goldstein}]``, most events first."""
    count = sa.func.count()
    rows = _grouped(
        store, "events", filters,
        [events.c.source_code, events.c.target_code, sa.func.min(events.c.source_name).label("source_name"),
         sa.func.min(events.c.target_name).label("target_name"), count.label("count"),
         sa.func.avg(events.c.goldstein).label("goldstein")],
        [events.c.source_code.is_not(None), events.c.target_code.is_not(None)],
        [events.c.source_code, events.c.target_code],
        [count.desc(), events.c.source_code, events.c.target_code], limit,
    )
    return [{**row, "goldstein": _mean(row["goldstein"])} for row in rows]


def places(store: Any, filters: dict[str, Any], limit: int) -> list[dict[str, Any]]:
    """``[{place_name, place_country, lat, lon, count, goldstein}]`` of events with a located place."""
    count = sa.func.count()
    rows = _grouped(
        store, "events", filters,
        [events.c.place_name, events.c.place_country, sa.func.avg(events.c.place_lat).label("lat"),
         sa.func.avg(events.c.place_lon).label("lon"), count.label("count"),
         sa.func.avg(events.c.goldstein).label("goldstein")],
        [events.c.place_lat.is_not(None), events.c.place_lon.is_not(None)],
        [events.c.place_name, events.c.place_country],
        [count.desc(), events.c.place_name], limit,
    )
    return [
        {**row, "lat": _mean(row["lat"], 4), "lon": _mean(row["lon"], 4), "goldstein": _mean(row["goldstein"])}
        for row in rows
    ]


def speakers(store: Any, filters: dict[str, Any], limit: int) -> list[dict[str, Any]]:
    """``[{speaker_name, speaker_code, count}]`` of quotes with a speaker, most quoted first."""
    count = sa.func.count()
    return _grouped(
        store, "quotes", filters,
        [quotes.c.speaker_name, quotes.c.speaker_code, count.label("count")],
        [quotes.c.speaker_name.is_not(None)],
        [quotes.c.speaker_name, quotes.c.speaker_code],
        [count.desc(), quotes.c.speaker_name], limit,
    )


def actor_counts(store: Any, filters: dict[str, Any], limit: int) -> list[dict[str, Any]]:
    """``[{code, name, type, articles}]``: actors by the number of articles naming them."""
    named = sa.func.count(sa.distinct(actors.c.article_id))
    return _grouped(
        store, "actors", filters,
        [actors.c.code, actors.c.name, sa.func.min(actors.c.type).label("type"), named.label("articles")],
        [], [actors.c.code, actors.c.name], [named.desc(), actors.c.name], limit,
    )
