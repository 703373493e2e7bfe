"""``eventwire ingest --dask``: a real 2-worker LocalCluster (processes) stores what one process stores."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import pytest

from test_store_cli import _cli, _corpus, _dump

pytestmark = pytest.mark.model

ARTICLES = 6


def test_bad_dask_values_and_an_unreachable_scheduler(tmp_path: Path) -> None:
    from eventwire.errors import UsageError
    from eventwire.store.dask_ingest import parse_target

    assert parse_target("local:3").workers == 3
    assert parse_target("tcp://10.1.2.3:8786").address == "tcp://10.1.2.3:8786"
    for bad in ("local:0", "local:two", "banana", "tcp://", "tcp://host:port", "carrier-pigeon://host:1"):
        with pytest.raises(UsageError) as caught:
            parse_target(bad)
        assert caught.value.code.value == "E025", bad
    from typer.testing import CliRunner

    from eventwire.cli import app

    corpus = _corpus(tmp_path / "in.jsonl", 1)
    db = str(tmp_path / "d.db")
    runner = CliRunner(env={"EVENTWIRE_DASK__CONNECT_TIMEOUT": "1"})  # in-process: the command's own exits
    usage = runner.invoke(app, ["ingest", str(corpus), "--db", db, "--dask", "local:0"])
    assert usage.exit_code == 2 and "E025" in usage.output, usage.output
    both = runner.invoke(app, ["ingest", str(corpus), "--db", db, "--dask", "local:2", "--workers", "2"])
    assert both.exit_code == 2 and "E025" in both.output, both.output
    gone = runner.invoke(app, ["ingest", str(corpus), "--db", db, "--dask", "tcp://127.0.0.1:9"])
    assert gone.exit_code == 3 and "E026" in gone.output and "tcp://127.0.0.1:9" in gone.output, gone.output


def test_two_dask_workers_store_what_one_process_stores(tmp_path: Path, settings: dict[str, Any], full_nlp: Any) -> None:
    from distributed import Client, LocalCluster

    from eventwire.ingest import iter_articles
    from eventwire.store import open_store
    from eventwire.store.dask_ingest import ingest_dask, worker_counts
    from eventwire.store.ingest import ingest

    corpus = _corpus(tmp_path / "in.jsonl", ARTICLES)
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    paths = [str(corpus), str(empty)]
    single_db, dask_db = str(tmp_path / "single.db"), str(tmp_path / "dask.db")
    with open_store(single_db, settings) as store:
        single = ingest(iter_articles(paths, settings), store, full_nlp, settings)
    assert (single.stored, single.failed) == (ARTICLES, 1)

    # one article per partition and one partition in flight per worker: many tasks for two workers
    small = {**settings, "dask": {**settings["dask"], "partition_size": 1, "partitions_per_worker": 1}}
    ticks: list[int] = []
    cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None, silence_logs=logging.ERROR)
    with cluster, Client(cluster) as client:
        with open_store(dask_db, small) as store:
            summary = ingest_dask(iter_articles(paths, small), store, small, client, tick=lambda: ticks.append(1))
        assert summary.as_dict() == single.as_dict()  # same run id too: [dask] does not shape records
        assert len(ticks) == ARTICLES + 1
        counts = client.run(worker_counts)
        assert len(counts) == 2
        assert all(c["loads"] == 1 for c in counts.values()), counts  # once per worker, not per task
        assert sum(c["partitions"] for c in counts.values()) == ARTICLES
        assert _dump(dask_db) == _dump(single_db)
        # the command line, on the same cluster: a rerun skips everything and still reports the bad file
        rerun = _cli("ingest", *paths, "--db", dask_db, "--dask", cluster.scheduler_address)
        assert rerun.returncode == 1, rerun.stderr
        assert f"read {ARTICLES + 1}, stored 0, skipped {ARTICLES}, failed 1" in rerun.stderr
        assert "E004" in rerun.stderr
    assert _dump(dask_db) == _dump(single_db)


def test_the_time_budget_holds_on_dask_workers(tmp_path: Path, settings: dict[str, Any]) -> None:
    """Dask workers code in threads, where SIGALRM cannot reach: the watchdog budget gives up the slow article."""
    import json

    from distributed import Client, LocalCluster

    from eventwire.errors import EventwireError
    from eventwire.ingest import iter_articles
    from eventwire.store import open_store
    from eventwire.store.dask_ingest import ingest_dask

    corpus = _corpus(tmp_path / "in.jsonl", 2)
    slow = " ".join(["Border guards fired on a convoy near the crossing, the army said on Tuesday."] * 1500)
    with corpus.open("a", encoding="utf-8") as fh:
        fh.write(json.dumps({"id": "slow", "text": slow}) + "\n")
    tight = {**settings, "nlp": {**settings["nlp"], "article_time_budget": 1.0}}
    errors: list[EventwireError] = []
    cluster = LocalCluster(n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None, silence_logs=logging.ERROR)
    with cluster, Client(cluster) as client, open_store(str(tmp_path / "d.db"), tight) as store:
        summary = ingest_dask(iter_articles([str(corpus)], tight), store, tight, client, on_error=errors.append)
    assert (summary.stored, summary.failed) == (2, 1)
    assert [e.code.value for e in errors] == ["E019"] and "slow" in errors[0].message
