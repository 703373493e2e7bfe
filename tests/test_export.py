"""Exports read back with real readers: pandas with GDELT's published column lists, pyarrow, json."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from test_store import _fill, articles, records, store, store_url  # noqa: F401  (fixtures)

pytestmark = pytest.mark.model

# GDELT 2.0 event table, as the GDELT 2.0 event codebook lists it
GDELT_EVENT_COLUMNS = (
    "GLOBALEVENTID SQLDATE MonthYear Year FractionDate Actor1Code Actor1Name Actor1CountryCode "
    "Actor1KnownGroupCode Actor1EthnicCode Actor1Religion1Code Actor1Religion2Code Actor1Type1Code "
    "Actor1Type2Code Actor1Type3Code Actor2Code Actor2Name Actor2CountryCode Actor2KnownGroupCode "
    "Actor2EthnicCode Actor2Religion1Code Actor2Religion2Code Actor2Type1Code Actor2Type2Code Actor2Type3Code "
    "IsRootEvent EventCode EventBaseCode EventRootCode QuadClass GoldsteinScale NumMentions NumSources "
    "NumArticles AvgTone Actor1Geo_Type Actor1Geo_FullName Actor1Geo_CountryCode Actor1Geo_ADM1Code "
    "Actor1Geo_ADM2Code Actor1Geo_Lat Actor1Geo_Long Actor1Geo_FeatureID Actor2Geo_Type Actor2Geo_FullName "
    "Actor2Geo_CountryCode Actor2Geo_ADM1Code Actor2Geo_ADM2Code Actor2Geo_Lat Actor2Geo_Long "
    "Actor2Geo_FeatureID ActionGeo_Type ActionGeo_FullName ActionGeo_CountryCode ActionGeo_ADM1Code "
    "ActionGeo_ADM2Code ActionGeo_Lat ActionGeo_Long ActionGeo_FeatureID DATEADDED SOURCEURL"
).split()
GDELT_MENTION_COLUMNS = (
    "GLOBALEVENTID EventTimeDate MentionTimeDate MentionType MentionSourceName MentionIdentifier SentenceID "
    "Actor1CharOffset Actor2CharOffset ActionCharOffset InRawText Confidence MentionDocLen MentionDocTone "
    "MentionDocTranslationInfo Extras"
).split()
# GDELT's code columns are strings with leading zeros ("046")
CODES = {"EventCode": str, "EventBaseCode": str, "EventRootCode": str}


@pytest.fixture
def filled(store: Any, records: list[Any], settings: dict[str, Any], full_nlp: Any) -> Any:  # noqa: F811
    _fill(store, records, settings, full_nlp)
    return store


def test_gdelt_events_and_mentions(filled: Any, records: list[Any], tmp_path: Path) -> None:  # noqa: F811
    import pandas as pd

    from eventwire.corpus.export import export

    export(filled, "gdelt", tmp_path / "events.tsv")
    export(filled, "gdelt-mentions", tmp_path / "mentions.tsv")
    events = pd.read_csv(tmp_path / "events.tsv", sep="\t", header=None, names=GDELT_EVENT_COLUMNS, dtype=CODES)
    mentions = pd.read_csv(tmp_path / "mentions.tsv", sep="\t", header=None, names=GDELT_MENTION_COLUMNS)
    assert len(events.columns) == 61 and len(mentions.columns) == 16
    assert events["GLOBALEVENTID"].is_unique
    assert set(mentions["GLOBALEVENTID"]) == set(events["GLOBALEVENTID"])
    assert events["NumMentions"].sum() == len(mentions)
    counted = [e for r in records for e in r.events if not e.negated and e.modality is None]
    assert len(mentions) == len(counted)
    # the example's consultation in Geneva: Switzerland is SZ in GDELT's FIPS codes
    geneva = events[(events["Actor1Code"] == "IRN") & (events["EventCode"] == "046")].iloc[0]
    assert geneva["Actor1CountryCode"] == "IRN" and geneva["EventRootCode"] == "04"
    assert geneva["ActionGeo_FullName"] == "Geneva" and geneva["ActionGeo_CountryCode"] == "SZ"
    assert geneva["ActionGeo_Type"] == 4 and abs(geneva["ActionGeo_Lat"] - 46.2) < 0.1
    assert geneva["QuadClass"] == 1 and geneva["SQLDATE"] == 20250304 and geneva["Year"] == 2025
    kremlin = events[events["Actor1Code"] == "RUSGOV"].iloc[0]
    assert kremlin["Actor1CountryCode"] == "RUS" and kremlin["Actor1Type1Code"] == "GOV"
    # a mention's offsets are our evidence: the trigger's first character
    by_trigger = {(e.start, e.trigger.start) for e in counted}
    row = mentions.iloc[0]
    assert any(row["ActionCharOffset"] == trigger for _, trigger in by_trigger)
    assert (mentions["MentionDocLen"] > 0).all()


def test_plover_jsonl(filled: Any, records: list[Any], tmp_path: Path) -> None:  # noqa: F811
    from eventwire.corpus.export import export

    export(filled, "plover", tmp_path / "events.jsonl")
    lines = [json.loads(line) for line in (tmp_path / "events.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(lines) == sum(1 for r in records for e in r.events if e.plover.type)
    consult = next(r for r in lines if r["actor"] and r["actor"]["code"] == "IRN" and r["cameo"] == "046")
    assert consult["event"] == "CONSULT" and consult["context"] == ["diplomatic"]
    assert consult["location"]["name"] == "Geneva" and consult["date"] == "2025-03-04"
    assert "Geneva" in consult["text"] and consult["recipient"]["code"]
    assert set(consult) >= {"id", "event", "mode", "context", "actor", "recipient", "date", "location", "text"}


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_tables(filled: Any, tmp_path: Path, fmt: str) -> None:
    import pandas as pd
    import pyarrow.parquet as pq

    from eventwire.corpus.export import export

    written = export(filled, fmt, tmp_path / fmt)
    assert written == filled.counts()
    for name, count in written.items():
        path = tmp_path / fmt / f"{name}.{fmt}"
        frame = pd.read_csv(path, dtype={"cameo": str, "root": str}) if fmt == "csv" else pq.read_table(path).to_pandas()
        assert len(frame) == count, name
    events = pd.read_csv(tmp_path / fmt / "events.csv", dtype={"cameo": str}) if fmt == "csv" else (
        pq.read_table(tmp_path / fmt / "events.parquet").to_pandas()
    )
    stored = filled.events()
    assert sorted(events["cameo"]) == sorted(r["cameo"] for r in stored)
    table = pq.read_table(tmp_path / fmt / "articles.parquet").to_pandas() if fmt == "parquet" else None
    if table is not None:
        assert json.loads(table.iloc[0]["sentences"])
        assert str(table["coded_at"].dtype).startswith("datetime64")
