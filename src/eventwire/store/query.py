"""Filters of ``eventwire query`` and ``Store.events(...)`` as SQLAlchemy selects, one per row kind."""

from __future__ import annotations

import re
from typing import Any

import sqlalchemy as sa

from ..errors import ErrorCode, UsageError
from ..events.cameo import code_table
from ..ingest.readers import normalize_date
from .fulltext import article_pks_matching
from .schema import actors, articles, events, places, quotes

KINDS = ("events", "quotes", "actors", "articles")
# GDELT's QuadClass: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict
QUAD_CLASSES = (1, 2, 3, 4)
# a CAMEO actor code or its prefix ("RUS", "RUSGOV", "---GOV"); anything else is matched as a name
_CODE = re.compile(r"[A-Z-]{3,}")
# which filters each kind takes (a filter that cannot apply is a usage error, not silently ignored)
FILTERS: dict[str, frozenset[str]] = {
    "events": frozenset(
        {"actor", "source", "target", "root", "code", "quad", "since", "until", "place", "search", "article"}
    ),
    "quotes": frozenset({"actor", "speaker", "since", "until", "search", "article"}),
    "actors": frozenset({"actor", "since", "until", "search", "article"}),
    "articles": frozenset({"actor", "place", "since", "until", "search", "article"}),
}


def _sentence(table: sa.Table) -> sa.ColumnElement[str]:
    """The row's sentence cut from the article text (substr counts characters in both dialects)."""
    return sa.func.substr(
        articles.c.text, table.c.sentence_start + 1, table.c.sentence_end - table.c.sentence_start
    ).label("sentence_text")


def _who(code: sa.ColumnElement[Any], name: sa.ColumnElement[Any], value: str) -> sa.ColumnElement[bool]:
    if _CODE.fullmatch(value):
        return code.startswith(value, autoescape=True)
    return sa.func.lower(name).contains(value.lower(), autoescape=True)


def _date(value: Any, flag: str) -> str:
    iso = normalize_date(value)
    if not iso:
        raise UsageError(ErrorCode.E008, value=value, flag=flag)
    return iso


def _place(table: sa.Table, prefix: str, value: str) -> sa.ColumnElement[bool]:
    name, country = table.c[f"{prefix}name"], table.c[f"{prefix}country"]
    condition = sa.func.lower(name) == value.lower()
    return sa.or_(condition, country == value) if re.fullmatch(r"[A-Z]{3}", value) else condition


def _columns(kind: str) -> tuple[list[Any], sa.FromClause, list[Any]]:
    article_cols = [articles.c.date.label("article_date"), articles.c.title, articles.c.url, articles.c.story]
    if kind == "events":
        columns = [
            events.c.article_id, events.c.id, sa.func.coalesce(events.c.date, articles.c.date).label("date"),
            events.c.source_name, events.c.source_code, events.c.target_name, events.c.target_code,
            events.c.cameo, events.c.root, events.c.quad, events.c.goldstein, events.c.plover_type,
            events.c.plover_mode, events.c.negated, events.c.modality, events.c.reported, events.c.trigger_text,
            events.c.place_name, events.c.place_country, events.c.place_lat, events.c.place_lon,
            events.c.start_char, events.c.end_char, events.c.sentence, _sentence(events), *article_cols,
        ]
        return columns, events.join(articles, events.c.article_id == articles.c.id), [events.c.n]
    if kind == "quotes":
        columns = [
            quotes.c.article_id, quotes.c.id, quotes.c.speaker_name, quotes.c.speaker_code, quotes.c.kind,
            quotes.c.text, quotes.c.cue_lemma, quotes.c.start_char, quotes.c.end_char, quotes.c.event_id,
            quotes.c.sentence, _sentence(quotes), *article_cols,
        ]
        return columns, quotes.join(articles, quotes.c.article_id == articles.c.id), [quotes.c.n]
    if kind == "actors":
        columns = [
            actors.c.article_id, actors.c.id, actors.c.name, actors.c.code, actors.c.country, actors.c.role,
            actors.c.type, *article_cols,
        ]
        return columns, actors.join(articles, actors.c.article_id == articles.c.id), [actors.c.n]
    columns = [
        articles.c.id, articles.c.date, articles.c.title, articles.c.source, articles.c.url,
        articles.c.date_source, sa.func.length(articles.c.text).label("chars"), articles.c.run_id, articles.c.story,
    ]
    return columns, articles, []


def conditions(kind: str, dialect: str, filters: dict[str, Any]) -> list[sa.ColumnElement[bool]]:
    """The WHERE conditions of ``kind`` rows passing every given filter (None values are no filter); a
    filter that does not apply to ``kind`` (E011) or a value that cannot match anything (E008, E032) is refused."""
    if kind not in KINDS:
        raise UsageError(ErrorCode.E011, reason=f"unknown row kind {kind!r}: one of {', '.join(KINDS)}")
    given = {key: value for key, value in filters.items() if value is not None}
    unknown = sorted(set(given) - FILTERS[kind])
    if unknown:
        flags = ", ".join(f"--{key}" for key in unknown)
        raise UsageError(ErrorCode.E011, reason=f"{flags} does not apply to {kind}")
    where: list[sa.ColumnElement[bool]] = []
    date_column = sa.func.coalesce(events.c.date, articles.c.date) if kind == "events" else articles.c.date
    if "since" in given:
        where.append(date_column >= _date(given["since"], "--since"))
    if "until" in given:
        # a date with a time or an ISO week still sorts by its first ten characters
        where.append(sa.func.substr(date_column, 1, 10) <= _date(given["until"], "--until"))
    if "article" in given:
        where.append(articles.c.id == str(given["article"]))
    if "search" in given:
        where.append(article_pks_matching(dialect, str(given["search"])))
    if kind == "events":
        _event_filters(given, where)
    elif kind == "quotes":
        for key in ("speaker", "actor"):
            if key in given:
                where.append(_who(quotes.c.speaker_code, quotes.c.speaker_name, str(given[key])))
    elif kind == "actors" and "actor" in given:
        where.append(_who(actors.c.code, actors.c.name, str(given["actor"])))
    elif kind == "articles":
        if "actor" in given:
            named = sa.select(actors.c.article_id).where(_who(actors.c.code, actors.c.name, str(given["actor"])))
            where.append(articles.c.id.in_(named))
        if "place" in given:
            located = sa.select(places.c.article_id).where(_place(places, "", str(given["place"])))
            where.append(articles.c.id.in_(located))
    return where


def parts(kind: str) -> tuple[list[Any], sa.FromClause, list[Any]]:
    """A ``kind`` query's columns, the tables it reads (the annotation table joined to its article) and the
    order of rows within an article."""
    return _columns(kind)


def build(kind: str, dialect: str, filters: dict[str, Any], limit: int | None = None) -> sa.Select[Any]:
    """The select of ``kind`` rows passing every given filter (None values are no filter)."""
    where = conditions(kind, dialect, filters)
    columns, source, order = _columns(kind)
    statement = sa.select(*columns).select_from(source).where(*where)
    statement = statement.order_by(sa.nulls_last(articles.c.date), articles.c.id, *order)
    return statement.limit(limit) if limit else statement


def _cameo(value: Any, param: str, root: bool) -> str:
    """A CAMEO root (``1`` or ``01``..``20``) or event code prefix known to the code table, else E032."""
    text = str(value).strip()
    if root and text.isdigit():
        text = text.zfill(2)
    codes = code_table()["codes"]
    known = text in codes if root else text.isdigit() and any(code.startswith(text) for code in codes)
    if not known or (root and len(text) != 2):
        kind = "CAMEO root code (01-20)" if root else "prefix of any CAMEO event code"
        raise UsageError(ErrorCode.E032, param=param, value=value, reason=f"not a {kind}")
    return text


def _quad(value: Any) -> int:
    try:
        quad = int(value)
    except (TypeError, ValueError):
        quad = 0
    if quad not in QUAD_CLASSES:
        raise UsageError(ErrorCode.E032, param="quad", value=value, reason="QuadClass is 1, 2, 3 or 4")
    return quad


def _event_filters(given: dict[str, Any], where: list[sa.ColumnElement[bool]], table: sa.Table = events) -> None:
    """The event filters on ``table`` (events, or merged_events: the same column names)."""
    if "actor" in given:
        value = str(given["actor"])
        where.append(
            sa.or_(_who(table.c.source_code, table.c.source_name, value), _who(table.c.target_code, table.c.target_name, value))
        )
    if "source" in given:
        where.append(_who(table.c.source_code, table.c.source_name, str(given["source"])))
    if "target" in given:
        where.append(_who(table.c.target_code, table.c.target_name, str(given["target"])))
    if "root" in given:
        where.append(table.c.root == _cameo(given["root"], "root", root=True))
    if "code" in given:
        where.append(table.c.cameo.startswith(_cameo(given["code"], "code", root=False), autoescape=True))
    if "quad" in given:
        where.append(table.c.quad == _quad(given["quad"]))
    if "place" in given:
        where.append(_place(table, "place_", str(given["place"])))
