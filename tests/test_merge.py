"""Merged events: the rules on rows of our own, and the seed reported by six outlets, on both backends.

The seed (source "AP") and five variants of it from five other named outlets (another headline and
dateline credit, boilerplate, a trimmed ending, paragraphs moved): each of the seed's core events is one
merged event with num_articles 6 and num_sources 6; a second AP copy raises num_articles, not num_sources.
Merging does not depend on the order the articles came in, and follows an article that is re-coded or
deleted.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from test_store import OWN_ARTICLE, store_url  # noqa: F401  (the backend fixture)

DATE = "2022-01-12"
# the seed's core events (as tests/test_events.py names them): CAMEO root, source and target country
CORE = {("10", "RUS", "IGO"), ("12", "USA", "RUS"), ("13", "RUS", "USA"), ("11", "USA", "RUS")}


def _row(n: int, cameo: str, lat: float | None = None, lon: float | None = None, article: str = "a") -> dict[str, Any]:
    return {"article_id": article, "n": n, "cameo": cameo, "place_lat": lat, "place_lon": lon}


def test_a_less_specific_code_joins_the_only_specific_one() -> None:
    from eventwire.corpus.merge import _by_code

    assert set(_by_code([_row(0, "041"), _row(1, "0411")])) == {"0411"}
    # two specific codes: the base-code report cannot be told apart, it stays an event of its own
    assert {k: len(v) for k, v in _by_code([_row(0, "041"), _row(1, "0411"), _row(2, "0412")]).items()} == {
        "041": 1, "0411": 1, "0412": 1,
    }
    assert set(_by_code([_row(0, "046"), _row(1, "046")])) == {"046"}


def test_places_within_the_tolerance_are_one_event() -> None:
    from eventwire.corpus.merge import _by_place, distance_km

    geneva, lausanne, moscow = (46.20, 6.14), (46.52, 6.63), (55.75, 37.62)
    assert 45 < distance_km(geneva, lausanne) < 60 and distance_km(geneva, moscow) > 2000
    rows = [_row(0, "046", *geneva), _row(1, "046", *lausanne), _row(2, "046")]
    assert [len(g) for g in _by_place(rows, 60.0)] == [3]  # the unplaced mention joins the only cluster
    assert sorted(len(g) for g in _by_place(rows, 40.0)) == [1, 1, 1]  # two clusters: it stays apart
    assert sorted(len(g) for g in _by_place([*rows, _row(3, "046", *moscow)], 60.0)) == [1, 1, 2]


def test_an_unknown_attacker_merges_only_within_its_story() -> None:
    from eventwire.corpus.merge import group_key
    from eventwire.settings import component_settings

    settings = component_settings("merge", None)
    row = {"date": DATE, "source_code": None, "source_name": None, "target_code": "KENMIL",
           "target_name": "two Kenyan soldiers", "cameo": "1833"}
    # the same bombing reported in one story is one event; two stories' unknown attackers are not one actor
    assert group_key(row, "a1", DATE, "s1", settings) == group_key(row, "a2", DATE, "s1", settings)
    assert group_key(row, "a1", DATE, "s1", settings) != group_key(row, "a3", DATE, "s2", settings)
    named = {**row, "source_code": "SOMREB", "source_name": "al-Shabab"}
    assert group_key(named, "a1", DATE, "s1", settings) == group_key(named, "a3", DATE, "s2", settings)


def test_outlet() -> None:
    from eventwire.corpus.merge import outlet
    from eventwire.settings import component_settings

    options = component_settings("merge", None)
    assert outlet("  The  Wire ", None, options) == "The Wire"
    assert outlet(None, "https://www.example.org/a/1", options) == "example.org"
    assert outlet(None, None, options) is None
    assert outlet(None, "https://www.example.org/a/1", component_settings("merge", {"outlet_from_url": False})) is None


def _variants(text: str) -> dict[str, str]:
    """The seed's five copies: edits a syndicating outlet makes, each keeping the reported facts."""
    paragraphs = text.strip().split("\n\n")
    head, lead, rest = paragraphs[0], paragraphs[1], paragraphs[2:]
    return {
        "AP": text,
        "Reuters": "\n\n".join(["Kremlin sees little hope after security talks",
                                lead.replace("MOSCOW: ", "MOSCOW (Reuters) - ", 1), *rest]),
        "AFP": "\n\n".join([head, "Advertisement", lead, *rest, "Copyright 2022. Reuse needs written permission."]),
        "BBC": "\n\n".join([head, lead, *rest[:-1]]),
        "Guardian": "\n\n".join(["Moscow unconvinced further talks are worth it", lead, *rest,
                                 "Follow our live coverage of the crisis."]),
        "DW": "\n\n".join([head, lead, *rest[:4], *rest[5:], rest[4]]),
    }


@pytest.fixture(scope="session")
def seed_articles(settings: dict[str, Any], seed_text: str) -> list[Any]:
    from eventwire.ingest.readers import read_text_article

    out = []
    for outlet, text in _variants(seed_text).items():
        article = read_text_article(text, id=f"seed-{outlet.lower()}", settings=settings, date=DATE, date_source="user")
        article.metadata["source"] = outlet
        out.append(article)
    # a second AP copy: the same outlet again
    again = read_text_article(seed_text + "\n\nThis story was first published by AP.", id="seed-ap2",
                              settings=settings, date=DATE, date_source="user")
    again.metadata["source"] = "AP"
    own = read_text_article(OWN_ARTICLE, id="own", settings=settings, date="2024-03-04", date_source="user")
    own.metadata["source"] = "Staff"
    return [*out, again, own]


@pytest.fixture(scope="session")
def seed_records(full_nlp: Any, settings: dict[str, Any], seed_articles: list[Any]) -> dict[str, Any]:
    from eventwire import code_articles

    return {r.id: r for r in code_articles(seed_articles, full_nlp, settings=settings)}


@pytest.fixture
def store(store_url: str, settings: dict[str, Any]) -> Iterator[Any]:  # noqa: F811
    from eventwire.store import open_store

    with open_store(store_url, settings) as opened:
        yield opened


def _put(store: Any, records: list[Any], settings: dict[str, Any], nlp: Any) -> None:
    """What ingest does with coded records: store each, its story step, then merge once."""
    from eventwire.store.ingest import run_identity, update_stories
    from eventwire.store.rows import content_hash

    run = run_identity(nlp, settings, store)
    store.add_run(run)
    for record in records:
        store.put(record, run["id"], content_hash(record))
        update_stories(store, [record.id])
    update_stories(store)


def _core_merged(store: Any, record: Any) -> dict[tuple[str, str, str], dict[str, Any]]:
    """The merged event holding the record's mention of each core event."""
    from eventwire.store.schema import merged_mentions

    merged = {row["id"]: row for row in store.events(merged=True)}
    links = {(r["article_id"], r["n"]): r["merged_id"] for r in store.iter_select(merged_mentions)}
    out = {}
    for n, event in enumerate(record.events):
        key = (event.root, (event.source.code if event.source else "")[:3], ((event.target.code if event.target else "") or "")[:3])
        if key in CORE and not event.negated and event.modality is None:
            out.setdefault(key, merged[links[(record.id, n)]])
    return out


@pytest.mark.model
def test_seed_from_six_outlets_is_one_event_each(
    store: Any, seed_articles: list[Any], seed_records: dict[str, Any], full_nlp: Any, settings: dict[str, Any],
    tmp_path: Path,
) -> None:
    from eventwire.store.ingest import ingest

    six = seed_articles[:6]
    summary = ingest(six, store, full_nlp, settings)
    assert summary.stored == 6
    assert [s["num_articles"] for s in store.stories(article="seed-ap")] == [6]
    # ingest coded the articles as seed_records did (same input, same versions: the same records)
    seed = seed_records["seed-ap"]
    core = _core_merged(store, seed)
    assert set(core) == CORE
    for key, event in core.items():
        assert (event["num_articles"], event["num_sources"]) == (6, 6), key
        assert event["num_mentions"] >= 6
        mentions = store.merged_mentions(event["id"])
        assert {m["article_id"] for m in mentions} == {a.id for a in six}
        assert all(m["sentence_text"] and m["trigger_text"] in m["sentence_text"] for m in mentions)
    # a second copy from AP: one more article, no more sources
    ingest(seed_articles[6:7], store, full_nlp, settings)
    for key, event in _core_merged(store, seed).items():
        assert (event["num_articles"], event["num_sources"]) == (7, 6), key
    # the GDELT export carries the merge: one event, its counts, its mentions under its id
    import pandas as pd

    from eventwire.corpus.export import export
    from test_export import CODES, GDELT_EVENT_COLUMNS, GDELT_MENTION_COLUMNS

    export(store, "gdelt", tmp_path / "events.tsv")
    export(store, "gdelt-mentions", tmp_path / "mentions.tsv")
    events = pd.read_csv(tmp_path / "events.tsv", sep="\t", header=None, names=GDELT_EVENT_COLUMNS, dtype=CODES)
    mentions = pd.read_csv(tmp_path / "mentions.tsv", sep="\t", header=None, names=GDELT_MENTION_COLUMNS)
    threat = events[(events["Actor1Code"] == "RUSGOV") & (events["EventRootCode"] == "13") & (events["Actor2Code"] == "USA")]
    assert len(threat) == 1
    row = threat.iloc[0]
    assert (row["NumArticles"], row["NumSources"]) == (7, 6) and row["NumMentions"] >= 7
    linked = mentions[mentions["GLOBALEVENTID"] == row["GLOBALEVENTID"]]
    assert len(linked) == row["NumMentions"] and set(linked["MentionSourceName"]) == {
        "AP", "Reuters", "AFP", "BBC", "Guardian", "DW",
    }
    assert (events.groupby("GLOBALEVENTID").size() == 1).all()
    assert events["NumMentions"].sum() == len(mentions)


def _merge_state(store: Any) -> dict[str, Any]:
    from eventwire.store.schema import merged_events, merged_mentions

    return {
        "events": sorted(json.dumps(r, sort_keys=True, default=str) for r in store.iter_select(merged_events)),
        "mentions": sorted(json.dumps(r, sort_keys=True, default=str) for r in store.iter_select(merged_mentions)),
        "stories": {r["id"]: r["story"] for r in store.articles()},
    }


@pytest.mark.model
def test_merging_does_not_depend_on_the_order(
    store: Any, seed_records: dict[str, Any], full_nlp: Any, settings: dict[str, Any], tmp_path: Path
) -> None:
    from eventwire.store import open_store

    records = list(seed_records.values())
    _put(store, records, settings, full_nlp)
    shuffled = records[:]
    random.Random(3).shuffle(shuffled)
    with open_store(str(tmp_path / "shuffled.db"), settings) as other:
        _put(other, shuffled[::-1], settings, full_nlp)
        assert _merge_state(other) == _merge_state(store)
    # the event filters apply to merged events, and --article/--search to the articles behind them
    every = store.events(merged=True)
    threats = store.events(merged=True, source="RUS", root="13")
    assert threats and threats == [e for e in every if (e["source_code"] or "").startswith("RUS") and e["root"] == "13"]
    assert {e["id"] for e in store.events(merged=True, article="own")} == {
        e["id"] for e in every if any(m["article_id"] == "own" for m in store.merged_mentions(e["id"]))
    }
    assert {e["id"] for e in store.events(merged=True, search="river accord")} == {
        e["id"] for e in store.events(merged=True, article="own")
    }
    assert all(e["place_country"] == "KEN" or e["place_name"] == "KEN" for e in store.events(merged=True, place="KEN"))
    assert store.events(merged=True, limit=2) == every[:2]
    state = _merge_state(store)
    assert state["stories"]["own"] == "own" and {v for k, v in state["stories"].items() if k != "own"} == {"seed-afp"}


@pytest.mark.model
def test_a_recoded_or_deleted_article_leaves_its_merged_events(
    store: Any, seed_records: dict[str, Any], full_nlp: Any, settings: dict[str, Any], tmp_path: Path
) -> None:
    import msgspec

    from eventwire.store.ingest import run_identity, update_stories
    from eventwire.store.rows import content_hash

    six = [seed_records[f"seed-{o}"] for o in ("ap", "reuters", "afp", "bbc", "guardian", "dw")]
    _put(store, six, settings, full_nlp)
    # the Guardian's copy is replaced by another article (re-coded under the same id)
    own = msgspec.structs.replace(seed_records["own"], id="seed-guardian")
    run = run_identity(full_nlp, settings, store)
    store.put(own, run["id"], content_hash(own))
    update_stories(store, [own.id])
    update_stories(store)
    core = _core_merged(store, six[0])
    assert {(e["num_articles"], e["num_sources"]) for e in core.values()} == {(5, 5)}
    assert store.stories(article="seed-guardian")[0]["num_articles"] == 1
    store.delete("seed-bbc")
    core = _core_merged(store, six[0])
    assert {(e["num_articles"], e["num_sources"]) for e in core.values()} == {(4, 4)}
    assert {m["article_id"] for e in core.values() for m in store.merged_mentions(e["id"])} == {
        "seed-ap", "seed-reuters", "seed-afp", "seed-dw",
    }
    # the merged events equal those of a store that only ever held these five articles
    from eventwire.store import open_store

    with open_store(str(tmp_path / "fresh.db"), settings) as fresh:
        _put(fresh, [seed_records[f"seed-{o}"] for o in ("ap", "reuters", "afp", "dw")] + [own], settings, full_nlp)
        assert _merge_state(fresh)["events"] == _merge_state(store)["events"]


@pytest.mark.model
@pytest.mark.parametrize("batch", [3, 100])
def test_a_batched_story_step_gives_what_one_per_article_gives(
    seed_records: dict[str, Any], full_nlp: Any, settings: dict[str, Any], batch: int, tmp_path: Path
) -> None:
    """ingest runs the story step for every store.story_batch articles: the stories and merged events are
    those of a step after every article."""
    from eventwire.store import open_store
    from eventwire.store.ingest import StoryBatch, run_identity, update_stories
    from eventwire.store.rows import content_hash

    records = list(seed_records.values())
    with open_store(str(tmp_path / "one.db"), settings) as one:
        _put(one, records, settings, full_nlp)
        expected = _merge_state(one)
    batched = {**settings, "store": {**settings["store"], "story_batch": batch}}
    with open_store(str(tmp_path / "batched.db"), batched) as other:
        run = run_identity(full_nlp, batched, other)
        other.add_run(run)
        waiting = StoryBatch(other)
        for n, record in enumerate(records):
            other.put(record, run["id"], content_hash(record))
            waiting.add(record.id)
            storied = [a["story"] is not None for a in other.articles()]
            assert sum(storied) == (n + 1) // batch * batch  # the step runs for each full batch
        update_stories(other)
        assert _merge_state(other) == expected
