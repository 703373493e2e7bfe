"""The store on both backends: migrations, writing, re-coding, queries, full-text search.

Every test runs on SQLite and on a real PostgreSQL server (EVENTWIRE_TEST_PG, started by .ci/run or
`make test`); in CI (EVENTWIRE_REQUIRE_PG=1) a missing server fails the PostgreSQL tests instead of skipping.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from conftest import EXAMPLE

pytestmark = pytest.mark.model

# an article of our own, dated, with a dateline, an agreement and an accusation
OWN_ARTICLE = (
    "Kenya and Ethiopia sign river accord\n\n"
    "NAIROBI, March 3 (Staff) - Kenya's foreign minister signed a river-sharing accord with Ethiopia on Monday "
    "in Nairobi, officials said.\n\n"
    "Farmers in Addis Ababa later accused the Ethiopian government of giving away too much water, and "
    "the opposition said it would take the dispute to court."
)


def _postgres_url() -> str:
    url = os.environ.get("EVENTWIRE_TEST_PG")
    if not url:
        if os.environ.get("EVENTWIRE_REQUIRE_PG"):
            pytest.fail("EVENTWIRE_TEST_PG is not set: .ci/run starts the test PostgreSQL server")
        pytest.skip("no test PostgreSQL (EVENTWIRE_TEST_PG); `bash .ci/run postgres` starts one")
    return url


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty store of each backend (PostgreSQL: a new database, dropped afterwards)."""
    if request.param == "sqlite":
        yield str(tmp_path / "test.db")
        return
    import sqlalchemy as sa

    base = _postgres_url()
    name = f"ew_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(base.replace("postgresql://", "postgresql+psycopg://", 1), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(sa.text(f'CREATE DATABASE "{name}"'))
    yield base.rsplit("/", 1)[0] + "/" + name
    with admin.connect() as connection:
        connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture
def store(store_url: str, settings: dict[str, Any]) -> Iterator[Any]:
    from eventwire.store import open_store

    with open_store(store_url, settings) as opened:
        yield opened


@pytest.fixture(scope="session")
def articles(settings: dict[str, Any], seed_text: str) -> list[Any]:
    """The seed, the bundled example and an article of our own, as the readers give them."""
    from eventwire.ingest import iter_articles
    from eventwire.ingest.readers import read_text_article
    from eventwire.records import Article

    example = [a for a in iter_articles([str(EXAMPLE)], settings) if isinstance(a, Article)]
    seed = read_text_article(seed_text, id="seed", settings=settings, date="2022-01-12", date_source="user")
    own = read_text_article(OWN_ARTICLE, id="own", settings=settings, date="2024-03-04", date_source="user")
    return [seed, *example, own]


@pytest.fixture(scope="session")
def records(full_nlp: Any, settings: dict[str, Any], articles: list[Any]) -> list[Any]:
    from eventwire import code_articles

    return list(code_articles(articles, full_nlp, settings=settings))


def _fill(store: Any, records: list[Any], settings: dict[str, Any], nlp: Any) -> str:
    from eventwire.store.ingest import run_identity
    from eventwire.store.rows import content_hash

    run = run_identity(nlp, settings, store)
    store.add_run(run)
    for record in records:
        store.put(record, run["id"], content_hash(record))
    return run["id"]


def test_migrates_an_empty_database_to_the_schema(store: Any) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.config import Config
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    from eventwire.store.schema import metadata

    config = Config()
    config.set_main_option("script_location", "eventwire.store:migrations")
    assert store.revision() == ScriptDirectory.from_config(config).get_current_head()

    def ours(obj: Any, name: str | None, type_: str, reflected: bool, compare_to: Any) -> bool:
        # the full-text objects are made by the migration only (FTS5 shadow tables, the GIN index)
        return not (name or "").startswith(("articles_fts", "ix_articles_fulltext", "alembic_version"))

    with store.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"include_object": ours, "compare_type": True})
        assert compare_metadata(context, metadata) == []
    # opening again is a no-op at the head revision
    store.migrate()
    assert store.revision() == ScriptDirectory.from_config(config).get_current_head()


def test_refuses_a_schema_revision_it_does_not_know(store: Any, store_url: str, settings: dict[str, Any]) -> None:
    import sqlalchemy as sa

    from eventwire.errors import ErrorCode, StoreError
    from eventwire.store import open_store

    with store.engine.begin() as connection:
        connection.execute(sa.text("UPDATE alembic_version SET version_num = 'f00d'"))
    with pytest.raises(StoreError) as caught:
        open_store(store_url, settings)
    assert caught.value.code is ErrorCode.E023


def test_stores_every_annotation_once(store: Any, records: list[Any], settings: dict[str, Any], full_nlp: Any) -> None:
    _fill(store, records, settings, full_nlp)
    counts = store.counts()
    _fill(store, records, settings, full_nlp)  # storing again replaces, never duplicates
    assert store.counts() == counts
    assert counts["articles"] == len(records)
    assert counts["runs"] == 1
    for table, field in (("events", "events"), ("quotes", "quotes"), ("actors", "actors"), ("dates", "dates"), ("places", "places")):
        assert counts[table] == sum(len(getattr(r, field)) for r in records), table
    assert counts["mentions"] == sum(len(a.mentions) for r in records for a in r.actors)


def test_rows_carry_the_evidence_sentence(store: Any, records: list[Any], settings: dict[str, Any], full_nlp: Any) -> None:
    _fill(store, records, settings, full_nlp)
    by_id = {r.id: r for r in records}
    rows = store.events()
    assert rows
    for row in rows:
        record = by_id[row["article_id"]]
        event = next(e for e in record.events if e.id == row["id"] and e.start == row["start_char"])
        sentence = record.sentences[event.sentence]
        assert row["sentence_text"] == record.text[sentence.start : sentence.end]
        assert record.text[row["start_char"] : row["end_char"]]
    for row in store.quotes():
        record = by_id[row["article_id"]]
        assert row["text"] in row["sentence_text"] or row["sentence_text"] in record.text


def test_query_filters(store: Any, records: list[Any], settings: dict[str, Any], full_nlp: Any) -> None:
    _fill(store, records, settings, full_nlp)
    every = store.events()
    assert store.events(actor="IRN") == [
        r for r in every if (r["source_code"] or "").startswith("IRN") or (r["target_code"] or "").startswith("IRN")
    ]
    assert store.events(actor="IRN")
    # a name matches either side, case-insensitively, anywhere in the name
    assert {r["id"] for r in store.events(actor="iran")} <= {r["id"] for r in every}
    assert all("iran" in ((r["source_name"] or "") + (r["target_name"] or "")).lower() for r in store.events(actor="iran"))
    assert all((r["source_code"] or "").startswith("RUS") for r in store.events(source="RUS"))
    assert all((r["target_code"] or "").startswith("USA") for r in store.events(target="USA"))
    roots = {r["root"] for r in every}
    for root in roots:
        assert {r["id"] for r in store.events(root=root)} == {r["id"] for r in every if r["root"] == root}
    assert all(r["cameo"].startswith("04") for r in store.events(code="04"))
    assert all(r["quad"] == 1 for r in store.events(quad=1))
    assert "seed" not in {r["article_id"] for r in store.events(since="2024-01-01")}
    assert store.events(since="2024-01-01")
    assert "seed" in {r["article_id"] for r in store.events(until="2022-12-31")}
    assert all(r["article_id"] == "seed" for r in store.events(article="seed"))
    assert all(r["place_country"] == "CHE" or r["place_name"].lower() == "che" for r in store.events(place="CHE"))
    assert store.events(limit=2) == every[:2]
    speakers = store.quotes(speaker="RUS")
    assert speakers and all((q["speaker_code"] or "").startswith("RUS") for q in speakers)
    assert {a["id"] for a in store.articles(actor="KEN")} == {"own"}
    assert {a["id"] for a in store.articles(place="Nairobi")} == {"own"}
    assert all(a["code"].startswith("IRN") for a in store.actors(actor="IRN"))


def test_a_filter_that_does_not_apply_is_refused(store: Any) -> None:
    from eventwire.errors import UsageError

    with pytest.raises(UsageError):
        store.quotes(root="04")
    with pytest.raises(UsageError):
        store.events(since="last week")


def test_full_text_search(store: Any, records: list[Any], settings: dict[str, Any], full_nlp: Any) -> None:
    _fill(store, records, settings, full_nlp)
    assert {a["id"] for a in store.articles(search="river accord")} == {"own"}
    # stemmed: "signs" finds "signed"/"sign"
    assert "own" in {a["id"] for a in store.articles(search="signs")}
    assert {a["id"] for a in store.articles(search='"foreign minister"')} >= {"own"}
    assert "own" not in {a["id"] for a in store.articles(search="minister -Ethiopia")}
    assert {a["id"] for a in store.articles(search="Kremlin or Nairobi")} == {"seed", "own"}
    assert store.articles(search="river-sharing: accord") is not None  # punctuation is no syntax error
    assert {e["article_id"] for e in store.events(search="river accord")} <= {"own"}


def test_ingest_skips_unchanged_and_recodes_changed(
    store: Any, articles: list[Any], settings: dict[str, Any], full_nlp: Any
) -> None:
    from eventwire.store.ingest import ingest

    first = ingest(articles[:2], store, full_nlp, settings)
    assert (first.read, first.stored, first.skipped, first.failed) == (2, 2, 0, 0)
    counts = store.counts()
    first_hash = store.stored(articles[0].id)[0]
    again = ingest(articles[:2], store, full_nlp, settings)
    assert (again.stored, again.skipped) == (0, 2)
    assert store.counts() == counts
    # a changed text is re-coded and its annotations replaced
    import dataclasses

    changed = dataclasses.replace(articles[0], text=articles[0].text.replace("Kremlin", "Kremlin press office", 1))
    result = ingest([changed], store, full_nlp, settings)
    assert result.stored == 1
    assert store.counts()["articles"] == counts["articles"]
    assert "press office" in store.articles(article=changed.id, search='"press office"')[0]["title"] + " press office"
    assert store.stored(changed.id)[0] != first_hash
    # other settings that shape records: another run, the article is re-coded
    other = {**settings, "events": {**settings["events"], "discard_historical": True}}
    rerun = ingest(articles[1:2], store, full_nlp, other)
    assert rerun.stored == 1 and rerun.run_id != first.run_id
    assert store.counts()["runs"] == 2


def test_ingest_reports_bad_input_and_goes_on(store: Any, articles: list[Any], settings: dict[str, Any], full_nlp: Any) -> None:
    from eventwire.errors import ErrorCode, InputError
    from eventwire.store.ingest import ingest

    bad = InputError(ErrorCode.E004, path="empty.txt")
    seen: list[str] = []
    summary = ingest([bad, articles[2]], store, full_nlp, settings, on_error=lambda e: seen.append(e.message))
    assert (summary.read, summary.stored, summary.failed) == (2, 1, 1)
    assert seen and seen[0].startswith("E004")


def test_a_failed_article_leaves_nothing_and_the_store_goes_on(
    store: Any, records: list[Any], settings: dict[str, Any], full_nlp: Any
) -> None:
    from eventwire.errors import ErrorCode, StoreError
    from eventwire.store.rows import content_hash

    run_id = _fill(store, records[:1], settings, full_nlp)
    before = store.counts()
    # an unknown run breaks a foreign key after the annotation rows were sent (PostgreSQL: in one pipeline)
    with pytest.raises(StoreError) as caught:
        store.put(records[1], "no-such-run", content_hash(records[1]))
    assert caught.value.code is ErrorCode.E024
    assert store.counts() == before
    store.put(records[1], run_id, content_hash(records[1]))  # the same connections serve the next article
    assert store.counts()["articles"] == before["articles"] + 1
    assert store.stored(records[1].id) == (content_hash(records[1]), run_id)
