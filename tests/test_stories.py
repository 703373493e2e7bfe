"""Near-duplicate stories: signatures, incremental assignment in a real store (both backends), order
independence, an article replaced or deleted, migration from revision 0001 with data, the dev variants.

Stories read only an article's text, so these tests store text-only records (bench/dedup.py's
``text_record``) and need no spaCy pipeline.
"""

from __future__ import annotations

import importlib.util
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from conftest import ROOT
from test_store import store_url  # noqa: F401  (the backend fixture)


def _module(path: Path, name: str) -> Any:
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module


bench = _module(ROOT / "bench" / "dedup.py", "bench_dedup")
variants_script = _module(ROOT / "scripts" / "make_dedup_variants.py", "make_dedup_variants")

# our own articles: two reports on one topic (a port strike) that are not copies, and a third on another
PORT = (
    "Dock workers strike at northern port\n\n"
    "Dock workers at the northern port walked off the job on Tuesday, demanding higher pay after a year in "
    "which food and fuel prices rose faster than their wages.\n\n"
    "The union said ships would wait in the bay until the operator returned to talks, and that picket lines "
    "would stay at every gate of the container terminal through the weekend.\n\n"
    "The port operator said it had offered a raise of four percent and called the strike premature, adding "
    "that perishable cargo had been moved to a smaller harbour down the coast.\n\n"
    "Truck drivers queued for hours outside the terminal, and several exporters warned that a long stoppage "
    "would cost them contracts with buyers overseas."
)
PORT_OTHER = (
    "Port strike enters second day\n\n"
    "A second day of the strike left the northern port almost empty, with cranes idle and only a skeleton "
    "crew on the quays, according to harbour officials speaking to reporters.\n\n"
    "Shipping lines diverted several vessels to neighbouring countries, and an industry group put the daily "
    "losses in the millions, urging the government to appoint a mediator quickly.\n\n"
    "Union leaders told a rally outside the gates that members would not return without a written offer."
)
FESTIVAL = (
    "Film festival opens with a silent classic\n\n"
    "The city's film festival opened on Friday with a restored silent comedy accompanied by a live orchestra, "
    "drawing a full house to the old theatre on the river bank.\n\n"
    "Organisers said more than two hundred films from forty countries would be shown over ten days, many of "
    "them premieres, with free outdoor screenings in the central square every night."
)


def _copy(text: str, kind: str, seed: int = 0) -> str:
    return variants_script.Editor(seed).variant(text, kind, "Metro Wire")


def _items(*pairs: tuple[str, str], source: str = "Desk") -> list[dict[str, Any]]:
    return [{"id": article_id, "text": text, "source": source} for article_id, text in pairs]


@pytest.fixture
def store(store_url: str) -> Iterator[Any]:  # noqa: F811
    from eventwire.settings import load_settings
    from eventwire.store import open_store

    with open_store(store_url, load_settings(environ={})) as opened:
        yield opened


def test_shingles_and_signatures_are_deterministic() -> None:
    from eventwire.corpus.dedup import buckets, lsh_params, shingles, signature, similarity
    from eventwire.settings import component_settings

    params = lsh_params(component_settings("stories", None))
    assert shingles("One two, THREE four five six", 5) == {"one two three four five", "two three four five six"}
    assert shingles("too short", 5) == {"too short"} and shingles("  ", 5) == set()
    a, b = signature(PORT, params), signature(PORT, params)
    assert (a.values == b.values).all() and buckets(a, params) == buckets(b, params)
    assert len(buckets(a, params)) == params.bands and params.bands * params.rows <= params.num_perm
    assert similarity(a, signature(_copy(PORT, "reorder"), params)) >= params.threshold
    assert similarity(a, signature(PORT_OTHER, params)) < params.threshold
    # an empty text is nobody's copy, not even another empty text's
    empty = signature("", params)
    assert buckets(empty, params) == [] and similarity(empty, signature("", params)) == 0.0


def test_copies_join_one_story_incrementally(store: Any) -> None:
    items = _items(("port-b", PORT), ("port-other", PORT_OTHER), ("festival", FESTIVAL))
    bench.store_items(store, items)
    stories = bench.story_of(store)
    assert stories == {"port-b": "port-b", "port-other": "port-other", "festival": "festival"}
    # a copy with another headline and dateline arrives later: it joins, nothing is rebuilt
    signed = store.counts()["story_signatures"]
    bench.store_items(store, _items(("port-c", _copy(PORT, "headline")), ("port-a", _copy(PORT, "boilerplate"))))
    assert store.counts()["story_signatures"] == signed + 2
    stories = bench.story_of(store)
    # the story's id is its smallest article id, whichever came first
    assert stories["port-a"] == stories["port-b"] == stories["port-c"] == "port-a"
    assert stories["port-other"] == "port-other" and stories["festival"] == "festival"
    listed = store.stories(min_articles=2)
    assert [(s["story"], s["num_articles"]) for s in listed] == [("port-a", 3)]
    assert [m["id"] for m in listed[0]["articles"]] == ["port-a", "port-b", "port-c"]
    assert listed[0]["num_sources"] == 1  # every copy from one outlet here
    assert {s["story"] for s in store.stories(search="festival")} == {"festival"}
    assert [s["story"] for s in store.stories(article="port-c")] == ["port-a"]
    # the story shows in the article rows of the query output
    assert {row["id"]: row["story"] for row in store.articles()}["port-c"] == "port-a"


def test_stories_do_not_depend_on_the_order(store_url: str, tmp_path: Path) -> None:  # noqa: F811
    from eventwire.settings import load_settings
    from eventwire.store import open_store

    texts = [("p0", PORT), ("o0", PORT_OTHER), ("f0", FESTIVAL)]
    texts += [(f"p{k}", _copy(PORT, kind, k)) for k, kind in enumerate(variants_script.KINDS, 1)]
    texts += [(f"f{k}", _copy(FESTIVAL, kind, k)) for k, kind in enumerate(("trim", "headline"), 1)]
    items = _items(*texts)
    shuffled = items[:]
    random.Random(7).shuffle(shuffled)
    results = []
    for url, order in ((store_url, items), (str(tmp_path / "other.db"), shuffled[::-1])):
        with open_store(url, load_settings(environ={})) as store:
            bench.store_items(store, order)
            results.append(bench.story_of(store))
    assert results[0] == results[1]
    assert {results[0][f"p{k}"] for k in range(6)} == {"p0"}
    assert results[0]["o0"] == "o0" and {results[0][k] for k in ("f0", "f1", "f2")} == {"f0"}


def test_a_replaced_or_deleted_bridge_splits_its_story(store: Any) -> None:
    # a and c are each copies of b (the whole text) but not of each other (each half of it)
    paragraphs = PORT.split("\n\n") + PORT_OTHER.split("\n\n")[1:]
    whole = "\n\n".join(paragraphs)
    first, second = "\n\n".join(paragraphs[:5]), "\n\n".join(paragraphs[3:])
    from eventwire.corpus.dedup import lsh_params, signature, similarity
    from eventwire.settings import component_settings

    params = lsh_params(component_settings("stories", None))
    sim = lambda x, y: similarity(signature(x, params), signature(y, params))  # noqa: E731
    assert sim(whole, first) >= params.threshold and sim(whole, second) >= params.threshold > sim(first, second)
    bench.store_items(store, _items(("a", first), ("b", whole), ("c", second)))
    assert set(bench.story_of(store).values()) == {"a"}
    # b is re-coded with a text of its own: a and c fall apart again
    bench.store_items(store, _items(("b", FESTIVAL)))
    assert bench.story_of(store) == {"a": "a", "b": "b", "c": "c"}
    bench.store_items(store, _items(("b", whole)))
    assert set(bench.story_of(store).values()) == {"a"}
    # a (the story's id) is deleted: the rest keep their story under its new smallest id
    store.delete("a")
    assert bench.story_of(store) == {"b": "b", "c": "b"}
    assert store.counts()["story_signatures"] == 2


def test_changed_settings_sign_again(store: Any) -> None:
    from eventwire.store.schema import story_signatures

    bench.store_items(store, _items(("p0", PORT), ("p1", _copy(PORT, "trim"))))
    before = {r["article_id"]: r["params"] for r in store.iter_select(story_signatures)}
    store.settings = {**store.settings, "stories": {**store.settings["stories"], "shingle_words": 3}}
    result = store.update_corpus()
    after = {r["article_id"]: r["params"] for r in store.iter_select(story_signatures)}
    assert result.articles == 2 and set(after) == {"p0", "p1"} and set(after.values()).isdisjoint(before.values())
    assert set(bench.story_of(store).values()) == {"p0"}
    assert store.update_corpus().articles == 0


def test_upgrades_from_0001_with_articles_stored(store_url: str) -> None:  # noqa: F811
    import datetime as dt

    import sqlalchemy as sa
    from alembic import command
    from alembic.config import Config

    from eventwire.settings import load_settings
    from eventwire.store import open_store
    from eventwire.store.base import resolve_url

    engine = sa.create_engine(resolve_url(store_url))
    config = Config()
    config.set_main_option("script_location", "eventwire.store:migrations")
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0001")
        connection.execute(sa.text(
            "INSERT INTO runs (id, schema, eventwire, pipeline, components, dictionaries, settings_hash, created_at) "
            "VALUES ('r', '1', 'x', 'none', '[]', '{}', 'h', :now)"
        ), {"now": dt.datetime.now(dt.UTC)})
        for article_id, text in (("p0", PORT), ("p1", _copy(PORT, "reorder")), ("f0", FESTIVAL)):
            connection.execute(sa.text(
                "INSERT INTO articles (id, content_hash, run_id, text, metadata, sentences, entities, coded_at) "
                "VALUES (:id, 'c', 'r', :text, '{}', '[]', '[]', :now)"
            ), {"id": article_id, "text": text, "now": dt.datetime.now(dt.UTC)})
    engine.dispose()
    with open_store(store_url, load_settings(environ={})) as store:
        assert store.revision() == "0002"
        assert store.articles(search="dock workers")  # the full-text index survived the new column
        assert {r["id"]: r["story"] for r in store.articles()} == {"p0": None, "p1": None, "f0": None}
        assert store.update_corpus().articles == 3
        assert bench.story_of(store) == {"p0": "p0", "p1": "p0", "f0": "f0"}


@pytest.mark.eval
def test_dev_variants_land_in_their_story() -> None:
    articles = variants_script.dev_articles()
    if not articles:
        pytest.skip("../shared/eval is absent")
    sample = articles[:: max(1, len(articles) // 12)][:12]
    items = list(variants_script.variants(sample, len(variants_script.KINDS), seed=3))
    import tempfile

    from eventwire.settings import load_settings
    from eventwire.store import open_store

    with tempfile.TemporaryDirectory() as tmp, open_store(str(Path(tmp) / "v.db"), load_settings(environ={})) as store:
        bench.store_items(store, items)
        found = bench.story_of(store)
    result = bench.score(items, found)
    missed = [i["id"] for i in items if found[i["id"]] != found[i["story"]]]
    assert missed == [], missed
    assert result["merged_originals"] == []
    assert result["precision"] == result["recall"] == 1.0


def test_cli_merge_and_query_stories(tmp_path: Path) -> None:
    import json
    import os
    import subprocess
    import sys

    from eventwire.settings import load_settings
    from eventwire.store import open_store

    db = str(tmp_path / "cli.db")
    with open_store(db, load_settings(environ={})) as store:
        # stored without the story step, as a store from before revision 0002 or a killed run leaves it
        bench.store_items(store, _items(("p0", PORT), ("p1", _copy(PORT, "boilerplate")), ("f0", FESTIVAL)), corpus=False)
        assert {r["story"] for r in store.articles()} == {None}
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}

    def cli(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "eventwire.cli", *args], capture_output=True, text=True, env=env, cwd=ROOT)

    done = cli("merge", "--db", db)
    assert done.returncode == 0, done.stderr
    listed = cli("query", "stories", "--db", db, "--min-articles", "2", "--format", "json")
    assert listed.returncode == 0, listed.stderr
    rows = json.loads(listed.stdout)
    assert [(r["story"], [a["id"] for a in r["articles"]]) for r in rows] == [("p0", ["p0", "p1"])]
    table = cli("query", "stories", "--db", db)
    assert table.returncode == 0 and "f0" in table.stdout and "p0 p1" in table.stdout
    assert cli("query", "quotes", "--db", db, "--merged").returncode == 2
    again = cli("merge", "--db", db, "--rebuild")
    assert again.returncode == 0 and "articles 3" in again.stderr
