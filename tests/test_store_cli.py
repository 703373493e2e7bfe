"""``eventwire ingest/query/export`` end to end, and a kill in the middle of an ingest (both backends)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from conftest import EXAMPLE, ROOT, SEED
from test_store import OWN_ARTICLE, store_url  # noqa: F401  (the backend fixture)

pytestmark = pytest.mark.model


def _cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "eventwire.cli", *args], capture_output=True, text=True, env=env or _env(), cwd=ROOT
    )


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT / "src") + os.pathsep + env.get("PYTHONPATH", "")
    return env


def _corpus(path: Path, n: int) -> Path:
    """A JSONL corpus of n articles: our own article, the example and the seed, varied by a sentence of ours."""
    texts = [OWN_ARTICLE, EXAMPLE.read_text(encoding="utf-8")]
    if SEED.exists():
        texts.append(SEED.read_text(encoding="utf-8"))
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            text = texts[i % len(texts)] + f"\n\nThe talks resume in week {i + 1}."
            fh.write(json.dumps({"id": f"a{i}", "text": text, "date": "2024-03-04", "url": f"https://news.invalid/{i}"}) + "\n")
    return path


def _dump(url: str) -> dict[str, Any]:
    """Everything stored except the times of storing and SQLite's row keys: comparable across runs."""
    from eventwire.store import open_store
    from eventwire.store.schema import TABLES

    volatile = {"created_at", "coded_at", "pk"}
    with open_store(url) as store:
        return {
            name: sorted(json.dumps({k: v for k, v in row.items() if k not in volatile}, sort_keys=True, default=str)
                         for row in store.iter_select(table))
            for name, table in TABLES.items()
        }


def test_ingest_query_export_and_exit_statuses(store_url: str, tmp_path: Path) -> None:  # noqa: F811
    corpus = _corpus(tmp_path / "in.jsonl", 2)
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    done = _cli("ingest", str(corpus), "--db", store_url)
    assert done.returncode == 0, done.stderr
    assert "read 2, stored 2, skipped 0, failed 0" in done.stderr
    again = _cli("ingest", str(corpus), str(empty), "--db", store_url)
    assert again.returncode == 1, again.stderr
    assert "E004" in again.stderr and "read 3, stored 0, skipped 2, failed 1" in again.stderr
    rows = _cli("query", "events", "--db", store_url, "--format", "jsonl", "--actor", "KEN")
    assert rows.returncode == 0, rows.stderr
    events = [json.loads(line) for line in rows.stdout.splitlines()]
    assert events and all("sentence_text" in e for e in events)
    table = _cli("query", "articles", "--db", store_url, "--search", "river accord")
    assert table.returncode == 0 and "a0" in table.stdout
    assert _cli("query", "quotes", "--db", store_url, "--root", "04").returncode == 2
    assert _cli("query", "events", "--db", store_url, "--format", "xml").returncode == 2
    out = tmp_path / "events.tsv"
    exported = _cli("export", "gdelt", "--db", store_url, "-o", str(out))
    assert exported.returncode == 0, exported.stderr
    assert out.read_text(encoding="utf-8").count("\n") >= 1


def test_an_unreachable_store_exits_3(tmp_path: Path) -> None:
    gone = _cli("query", "events", "--db", "postgresql://nobody@127.0.0.1:1/none")
    assert gone.returncode == 3 and "E022" in gone.stderr
    not_db = tmp_path / "not.db"
    not_db.write_text("this is no database " * 100, encoding="utf-8")
    assert _cli("query", "events", "--db", str(not_db)).returncode == 3


def test_a_killed_ingest_resumes_to_the_clean_result(store_url: str, tmp_path: Path) -> None:  # noqa: F811
    from eventwire.store import open_store

    corpus = _corpus(tmp_path / "in.jsonl", 4)
    process = subprocess.Popen(
        [sys.executable, "-m", "eventwire.cli", "ingest", str(corpus), "--db", store_url],
        env=_env(), cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 300
    stored = 0
    while time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.2)
        try:
            with open_store(store_url) as store:
                stored = store.counts()["articles"]
        except Exception:  # the first run may still be creating the schema
            continue
        if stored >= 1:
            break
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert 1 <= stored, "the ingest stored nothing before the deadline"
    resumed = _cli("ingest", str(corpus), "--db", store_url)
    assert resumed.returncode == 0, resumed.stderr
    assert "failed 0" in resumed.stderr
    clean_url = str(tmp_path / "clean.db")
    clean = _cli("ingest", str(corpus), "--db", clean_url)
    assert clean.returncode == 0, clean.stderr
    assert _dump(store_url) == _dump(clean_url)
