"""Queries of the corpus layer: merged events (``query events --merged``) and stories (``query stories``).

Merged events take the filters of events; ``--article`` and ``--search`` keep the merged events with a
mention in a matching article. Stories take the filters of articles (a story is kept when one of its
articles matches) and ``min_articles`` (2: only stories with copies).
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from ..errors import ErrorCode, UsageError
from .fulltext import article_pks_matching
from .query import FILTERS, _date, _event_filters
from .query import build as build_rows
from .schema import articles, events, merged_events, merged_mentions

MERGED_FILTERS = FILTERS["events"]
STORY_FILTERS = FILTERS["articles"] | {"min_articles"}


def _given(filters: dict[str, Any], allowed: frozenset[str], kind: str) -> dict[str, Any]:
    given = {key: value for key, value in filters.items() if value is not None}
    unknown = sorted(set(given) - allowed)
    if unknown:
        flags = ", ".join(f"--{key.replace('_', '-')}" for key in unknown)
        raise UsageError(ErrorCode.E011, reason=f"{flags} does not apply to {kind}")
    return given


def merged(dialect: str, filters: dict[str, Any], limit: int | None = None) -> sa.Select[Any]:
    """Merged events passing every filter, in date then id order, with the first report's title and URL."""
    given = _given(filters, MERGED_FILTERS, "merged events")
    m = merged_events
    where: list[sa.ColumnElement[bool]] = []
    if "since" in given:
        where.append(m.c.date >= _date(given["since"], "--since"))
    if "until" in given:
        where.append(sa.func.substr(m.c.date, 1, 10) <= _date(given["until"], "--until"))
    _event_filters(given, where, m)
    if "article" in given or "search" in given:
        supported = sa.select(merged_mentions.c.merged_id).join(articles, articles.c.id == merged_mentions.c.article_id)
        if "article" in given:
            supported = supported.where(articles.c.id == str(given["article"]))
        if "search" in given:
            supported = supported.where(article_pks_matching(dialect, str(given["search"])))
        where.append(m.c.id.in_(supported))
    first = articles.alias("first")
    statement = (
        sa.select(*m.c, first.c.title, first.c.url)
        .select_from(m.outerjoin(first, first.c.id == m.c.first_article))
        .where(*where)
        .order_by(sa.nulls_last(m.c.date), m.c.id)
    )
    return statement.limit(limit) if limit else statement


def mentions(merged_id: str) -> sa.Select[Any]:
    """The supporting mentions of one merged event: event rows with their evidence sentence and article."""
    sentence = sa.func.substr(
        articles.c.text, events.c.sentence_start + 1, events.c.sentence_end - events.c.sentence_start
    ).label("sentence_text")
    return (
        sa.select(
            merged_mentions.c.merged_id, events.c.article_id, events.c.n, events.c.id, events.c.cameo,
            events.c.source_name, events.c.source_code, events.c.target_name, events.c.target_code,
            events.c.trigger_text, events.c.start_char, events.c.end_char, events.c.trigger_start_char,
            events.c.trigger_end_char, events.c.source_start_char, events.c.target_start_char,
            events.c.place_name, events.c.sentence, sentence, merged_mentions.c.in_lead,
            articles.c.date.label("article_date"), articles.c.source.label("outlet"), articles.c.url,
            articles.c.title, articles.c.story,
        )
        .select_from(
            merged_mentions.join(events, sa.and_(events.c.article_id == merged_mentions.c.article_id,
                                                 events.c.n == merged_mentions.c.n))
            .join(articles, articles.c.id == merged_mentions.c.article_id)
        )
        .where(merged_mentions.c.merged_id == merged_id)
        .order_by(events.c.article_id, events.c.n)
    )


def stories(dialect: str, filters: dict[str, Any], limit: int | None = None) -> sa.Select[Any]:
    """One row per story (id, articles, first and last date, the story article's title), the stories with
    an article passing the article filters, in first-date then id order."""
    given = _given(filters, STORY_FILTERS, "stories")
    minimum = int(given.pop("min_articles", 1))
    count = sa.func.count(articles.c.id)
    statement = (
        sa.select(
            articles.c.story, count.label("num_articles"), sa.func.min(articles.c.date).label("first_date"),
            sa.func.max(articles.c.date).label("last_date"),
        )
        .where(articles.c.story.is_not(None))
        .group_by(articles.c.story)
        .having(count >= minimum)
    )
    if given:
        matching = build_rows("articles", dialect, given).with_only_columns(articles.c.story).order_by(None)
        statement = statement.where(articles.c.story.in_(matching))
    grouped = statement.subquery("stories")
    head = articles.alias("head")
    statement = (
        sa.select(grouped, head.c.title)
        .select_from(grouped.outerjoin(head, head.c.id == grouped.c.story))
        .order_by(sa.nulls_last(grouped.c.first_date), grouped.c.story)
    )
    return statement.limit(limit) if limit else statement
