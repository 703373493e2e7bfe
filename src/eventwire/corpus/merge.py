"""Merged events: the mentions of one real-world event across articles, counted as GDELT counts them.

Every counted event row (not negated, no modality: the act was reported as done) is a **mention** with a
group key: source actor, target actor (their codes, else their names), CAMEO base code (the first three
digits) and day (the event's own date when it names a day, else the article's). Within a group:

- **code**: mentions with the same CAMEO code are one event; a mention coded only to the base code (less
  specific) joins the group's specific code when there is exactly one, and stays an event of its own when
  there are several (it cannot be told which one it reports);
- **place**: mentions whose places are within ``merge.place_tolerance_km`` (single linkage) are one event;
  a mention with no place joins the only place cluster, or stays apart when there are several.

An actor that names no country or group (a code such as ``---GOV``, or no code at all) is only taken for
the same actor within one story (``merge.generic_actors_within_story``): "the government" of two unrelated
reports is rarely the same government.

A merged event counts ``num_mentions`` (distinct sentences), ``num_articles`` and ``num_sources``
(distinct outlets: the article's ``source``, else its URL's host; an article with neither is an outlet of
its own, counted once per story, so copies of one story never count twice). Its id is a hash of its group,
code and place, and every step above is a function of the set of mentions, never of their order: the same
articles ingested in any order give the same merged events and ids. A group is recomputed whole whenever
one of its mentions comes or goes (``eventwire.corpus.update``).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from typing import Any
from urllib.parse import urlsplit

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from ..component_settings import MergeSettings
from ..records import content_id
from ..store.schema import articles, events, merged_events, merged_mentions
from .dedup import components
from .stories import chunks

EARTH_RADIUS_KM = 6371.0088  # mean Earth radius (IUGG)
_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\r?\n")
_HOST_PREFIX = "www."
BASE_DIGITS = 3
# CAMEO's filler for a missing country in an actor code ("---GOV": some government)
GENERIC_PREFIX = "---"


def lead_paragraph(text: str, title: str | None) -> tuple[int, int]:
    """The first paragraph of the body (a headline at the top of the text is skipped): IsRootEvent."""
    start = 0
    for match in _PARAGRAPH_BREAK.finditer(text):
        paragraph = text[start : match.start()].strip()
        if paragraph and not (title and paragraph == title.strip()):
            return start, match.start()
        start = match.end()
    return start, len(text)


def event_day(event_date: str | None, article_date: str | None) -> str | None:
    for value in (event_date, article_date):
        if value and _ISO_DAY.match(value):
            return value[:10]
    return None


def _actor_key(code: str | None, name: str | None) -> str:
    if code:
        return code
    return "name:" + " ".join(name.lower().split()) if name else ""


def _generic(code: str | None, name: str | None) -> bool:
    """An actor that names no country or group ("---GOV", "officials" with no code): the same words in two
    unrelated articles need not be the same actor."""
    return bool(name or code) and (not code or code.startswith(GENERIC_PREFIX))


def group_key(
    row: dict[str, Any], article_id: str, article_date: str | None, story: str | None, settings: MergeSettings
) -> str:
    # an undated mention merges only within its own article
    day = event_day(row["date"], article_date) or f"article:{article_id}"
    scope = ""
    # an unknown attacker ("a roadside bomb wounded ...", no source) is no one actor across stories either
    unknown_source = not (row["source_code"] or row["source_name"])
    if settings.generic_actors_within_story and (
        unknown_source or _generic(row["source_code"], row["source_name"]) or _generic(row["target_code"], row["target_name"])
    ):
        scope = f"story:{story or article_id}"
    return content_id(
        "merge", _actor_key(row["source_code"], row["source_name"]),
        _actor_key(row["target_code"], row["target_name"]), row["cameo"][:BASE_DIGITS], day, scope,
    )


def outlet(source: str | None, url: str | None, settings: MergeSettings) -> str | None:
    if source and source.strip():
        return " ".join(source.split())
    if settings.outlet_from_url and url:
        host = (urlsplit(url).hostname or "").lower()
        return host.removeprefix(_HOST_PREFIX) or None
    return None


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance (haversine) between two (lat, lon) points."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


# -- mentions of an article -------------------------------------------------------------------------------

def drop(connection: Connection, ids: list[str]) -> set[str]:
    """Take the mentions of ``ids`` out; returns their group keys (to recompute)."""
    keys: set[str] = set()
    for batch in chunks(ids):
        keys.update(
            connection.execute(sa.select(merged_mentions.c.key).where(merged_mentions.c.article_id.in_(batch))).scalars()
        )
        connection.execute(sa.delete(merged_mentions).where(merged_mentions.c.article_id.in_(batch)))
    return keys


def add(connection: Connection, article_id: str, settings: MergeSettings) -> set[str]:
    """Add the counted events of one stored article as mentions; returns their group keys."""
    article = connection.execute(
        sa.select(articles.c.text, articles.c.title, articles.c.date, articles.c.story).where(articles.c.id == article_id)
    ).first()
    if article is None:
        return set()
    lead = lead_paragraph(article.text, article.title)
    rows = connection.execute(
        sa.select(events.c.n, events.c.start_char, events.c.date, events.c.cameo, events.c.source_code,
                  events.c.source_name, events.c.target_code, events.c.target_name)
        .where(events.c.article_id == article_id, events.c.negated.is_(False), events.c.modality.is_(None))
        .order_by(events.c.n)
    ).mappings()
    mentions = [
        {"article_id": article_id, "n": row["n"], "key": group_key(dict(row), article_id, article.date, article.story, settings),
         "merged_id": None, "in_lead": lead[0] <= row["start_char"] < lead[1]}
        for row in rows
    ]
    if mentions:
        connection.execute(sa.insert(merged_mentions), mentions)
    return {m["key"] for m in mentions}


def keys_of(connection: Connection, ids: Iterable[str]) -> set[str]:
    keys: set[str] = set()
    for batch in chunks(sorted(set(ids))):
        keys.update(
            connection.execute(sa.select(merged_mentions.c.key).where(merged_mentions.c.article_id.in_(batch))).scalars()
        )
    return keys


# -- one group --------------------------------------------------------------------------------------------

_MENTION_COLUMNS = (
    merged_mentions.c.article_id, merged_mentions.c.n, merged_mentions.c.merged_id, merged_mentions.c.in_lead,
    events.c.cameo, events.c.root, events.c.quad, events.c.goldstein, events.c.date, events.c.sentence,
    events.c.source_code, events.c.source_name, events.c.target_code, events.c.target_name,
    events.c.place_name, events.c.place_country, events.c.place_lat, events.c.place_lon,
    events.c.place_geonameid, articles.c.date.label("article_date"), articles.c.source.label("outlet"),
    articles.c.url, articles.c.story,
)


def _node(row: dict[str, Any]) -> str:
    return f"{row['article_id']}\x1f{row['n']:09d}"


def _most_common(values: Iterable[Any]) -> Any:
    counts = Counter(v for v in values if v is not None)
    if not counts:
        return None
    best = max(counts.values())
    return min((v for v, c in counts.items() if c == best), key=lambda v: (str(type(v)), v))


def _by_code(rows: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    specific = sorted({r["cameo"] for r in rows if len(r["cameo"]) > BASE_DIGITS})
    classes: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        code = specific[0] if len(specific) == 1 and specific[0].startswith(row["cameo"]) else row["cameo"]
        classes.setdefault(code, []).append(row)
    return classes


def _by_place(rows: list[dict[str, Any]], tolerance: float) -> list[list[dict[str, Any]]]:
    placed = [r for r in rows if r["place_lat"] is not None and r["place_lon"] is not None]
    unplaced = [r for r in rows if r["place_lat"] is None or r["place_lon"] is None]
    # single linkage over the distinct points (copies of a story share theirs: few distances to take)
    points = sorted({(r["place_lat"], r["place_lon"]) for r in placed})
    names = {point: f"{i:09d}" for i, point in enumerate(points)}
    edges = [
        (names[a], names[b])
        for i, a in enumerate(points) for b in points[i + 1 :]
        if distance_km(a, b) <= tolerance
    ]
    roots = components(list(names.values()), edges)
    clusters: dict[str, list[dict[str, Any]]] = {}
    for row in placed:
        clusters.setdefault(roots[names[(row["place_lat"], row["place_lon"])]], []).append(row)
    groups = [clusters[root] for root in sorted(clusters)]
    if len(groups) <= 1:
        return [(groups[0] if groups else []) + unplaced]
    return [*groups, unplaced] if unplaced else groups


def _place_of(rows: list[dict[str, Any]]) -> dict[str, Any]:
    placed = [
        (r["place_name"] or "", r["place_geonameid"] or 0, r["place_country"] or "", r["place_lat"], r["place_lon"])
        for r in rows if r["place_lat"] is not None and r["place_lon"] is not None
    ]
    best = _most_common(placed)
    if best is None:
        return {"place_name": None, "place_country": None, "place_lat": None, "place_lon": None, "place_geonameid": None}
    name, geonameid, country, lat, lon = best
    return {"place_name": name or None, "place_country": country or None, "place_lat": lat, "place_lon": lon,
            "place_geonameid": geonameid or None}


def merged_event(key: str, code: str, rows: list[dict[str, Any]], settings: MergeSettings) -> dict[str, Any]:
    """The merged event of ``rows`` (one group, one code, one place cluster)."""
    rows = sorted(rows, key=_node)
    coded = next(r for r in rows if r["cameo"] == code) if any(r["cameo"] == code for r in rows) else rows[0]
    place = _place_of(rows)
    label = "" if place["place_lat"] is None else (
        str(place["place_geonameid"]) if place["place_geonameid"] else
        f"{place['place_name']}|{place['place_lat']:.3f}|{place['place_lon']:.3f}"
    )
    outlets: set[str] = set()
    for row in rows:
        known = outlet(row["outlet"], row["url"], settings)
        # no outlet known: the article's story stands for one (its copies are one report)
        outlets.add(f"outlet:{known}" if known else f"story:{row['story'] or row['article_id']}")
    first = min(rows, key=lambda r: (r["article_date"] or "9999-99-99", r["article_id"]))
    return {
        "id": content_id("merged", key, code, label),
        "key": key,
        "source_code": coded["source_code"], "source_name": _most_common(r["source_name"] for r in rows),
        "target_code": coded["target_code"], "target_name": _most_common(r["target_name"] for r in rows),
        "cameo": code, "root": coded["root"], "quad": coded["quad"], "goldstein": coded["goldstein"],
        "date": event_day(first["date"], first["article_date"]),
        **place,
        "num_mentions": len({(r["article_id"], r["sentence"] if r["sentence"] is not None else f"n{r['n']}") for r in rows}),
        "num_sources": len(outlets),
        "num_articles": len({r["article_id"] for r in rows}),
        "is_root": any(r["in_lead"] for r in rows),
        "first_article": first["article_id"],
    }


def recompute(connection: Connection, key: str, settings: MergeSettings) -> int:
    """Merge the mentions of one group again; returns the merged events it now has."""
    rows = [
        dict(row) for row in connection.execute(
            sa.select(*_MENTION_COLUMNS)
            .select_from(
                merged_mentions.join(events, sa.and_(events.c.article_id == merged_mentions.c.article_id,
                                                     events.c.n == merged_mentions.c.n))
                .join(articles, articles.c.id == merged_mentions.c.article_id)
            )
            .where(merged_mentions.c.key == key)
        ).mappings()
    ]
    connection.execute(sa.delete(merged_events).where(merged_events.c.key == key))
    made: list[dict[str, Any]] = []
    moves: dict[str, list[dict[str, Any]]] = {}
    for code, coded in sorted(_by_code(rows).items()):
        for cluster in _by_place(coded, settings.place_tolerance_km):
            event = merged_event(key, code, cluster, settings)
            made.append(event)
            for row in cluster:
                if row["merged_id"] != event["id"]:
                    moves.setdefault(event["id"], []).append(row)
    if made:
        connection.execute(sa.insert(merged_events), made)
    if moves:
        # one executemany for every mention that changed its merged event
        connection.execute(
            sa.update(merged_mentions)
            .where(merged_mentions.c.article_id == sa.bindparam("a_id"), merged_mentions.c.n == sa.bindparam("a_n"))
            .values(merged_id=sa.bindparam("m_id")),
            [{"a_id": row["article_id"], "a_n": row["n"], "m_id": merged_id}
             for merged_id, moved in sorted(moves.items()) for row in sorted(moved, key=_node)],
        )
    return len(made)
