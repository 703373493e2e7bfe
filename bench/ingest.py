"""Storing costs against coding alone, in the same run, on the same articles.

    python bench/ingest.py [--articles N] [--postgres URL] [--stream M]

Articles: synthetic variations of the bundled example and the seed (each text with a numbered sentence
of ours appended, so every article has its own id and content hash). Prints, for
  code      code_articles() with each record written as JSON to /dev/null (what `eventwire code` does)
  sqlite    ingest() into a fresh SQLite file (one transaction per article)
  postgres  ingest() into a fresh PostgreSQL database (--postgres URL, else $EVENTWIRE_TEST_PG)
articles/s, the overhead of storing against `code` (target: at most 10%), and the database size per
1,000 articles. --stream M stores M articles into SQLite in a child process and prints its peak RSS at
every tenth of the stream (memory must stay flat). Asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCES = (ROOT / "examples" / "geneva_talks.txt", ROOT.parent / "shared" / "seed" / "000_716e416b2848e74f.txt")


def synthetic(n: int, settings: dict) -> Iterator:
    from eventwire.ingest.readers import read_text_article

    texts = [p.read_text(encoding="utf-8") for p in SOURCES if p.exists()]
    for i in range(n):
        text = texts[i % len(texts)] + f"\n\nTalks are to resume in round {i + 1}."
        yield read_text_article(text, id=f"bench-{i}", settings=settings, date="2024-03-04", date_source="user")


def bench_code(n: int, nlp, settings: dict) -> float:
    from eventwire.coding import code_articles
    from eventwire.records import dumps

    start = time.perf_counter()
    with open(os.devnull, "w", encoding="utf-8") as out:
        for record in code_articles(synthetic(n, settings), nlp, settings=settings):
            out.write(dumps(record) + "\n")
    return time.perf_counter() - start


def bench_store(n: int, nlp, settings: dict, url: str) -> tuple[float, int]:
    """Seconds to ingest n articles, and the PostgreSQL database's growth in bytes (0 for SQLite)."""
    from eventwire.store import open_store
    from eventwire.store.ingest import ingest

    with open_store(url, settings) as store:
        empty = postgres_size(url) if store.dialect == "postgresql" else 0
        start = time.perf_counter()
        ingest(synthetic(n, settings), store, nlp, settings)
        seconds = time.perf_counter() - start
        return seconds, (postgres_size(url) - empty) if empty else 0


def postgres_size(url: str) -> int:
    import sqlalchemy as sa

    from eventwire.store import resolve_url

    engine = sa.create_engine(resolve_url(url))
    with engine.connect() as connection:
        size = connection.execute(sa.text("SELECT pg_database_size(current_database())")).scalar_one()
    engine.dispose()
    return int(size)


def fresh_postgres(base: str) -> tuple[str, object]:
    import sqlalchemy as sa

    name = f"ew_bench_{uuid.uuid4().hex[:8]}"
    admin = sa.create_engine(base.replace("postgresql://", "postgresql+psycopg://", 1), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(sa.text(f'CREATE DATABASE "{name}"'))
    return base.rsplit("/", 1)[0] + "/" + name, lambda: _drop(admin, name)


def _drop(admin, name: str) -> None:
    import sqlalchemy as sa

    with admin.connect() as connection:
        connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def stream(m: int, path: str) -> None:
    """Child process: store m articles into SQLite, printing peak RSS every tenth of the stream."""
    from eventwire.coding import load
    from eventwire.settings import load_settings
    from eventwire.store import open_store
    from eventwire.store.ingest import ingest

    settings = load_settings()
    nlp = load(settings)
    step = max(1, m // 10)
    done = 0

    def tick() -> None:
        nonlocal done
        done += 1
        if done % step == 0:
            peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            print(f"  {done:>7} articles  peak RSS {peak_mb:7.1f} MB", flush=True)

    with open_store(path, settings) as store:
        ingest(synthetic(m, settings), store, nlp, settings, tick=tick)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=100)
    parser.add_argument("--postgres", default=os.environ.get("EVENTWIRE_TEST_PG"))
    parser.add_argument("--repeat", type=int, default=2, help="best of K rounds, runs interleaved (shared CPUs)")
    parser.add_argument("--stream", type=int, default=0, help="also measure peak RSS over this many articles")
    parser.add_argument("--child-stream", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child_stream:
        stream(int(args.child_stream[0]), args.child_stream[1])
        return

    from eventwire.coding import load
    from eventwire.settings import load_settings

    settings = load_settings()
    nlp = load(settings)
    n = args.articles
    bench_code(min(n, 4), nlp, settings)  # warm-up: gazetteer, first-call caches
    timings: dict[str, float] = {}
    sizes: dict[str, int] = {}

    def best(name: str, seconds: float) -> None:
        timings[name] = min(seconds, timings.get(name, seconds))

    for _ in range(args.repeat):
        best("code", bench_code(n, nlp, settings))
        with tempfile.TemporaryDirectory() as tmp:
            best("sqlite", bench_store(n, nlp, settings, str(Path(tmp) / "bench.db"))[0])
            sizes["sqlite"] = sum(p.stat().st_size for p in Path(tmp).iterdir())
        if args.postgres:
            url, drop = fresh_postgres(args.postgres)
            try:
                seconds, sizes["postgres"] = bench_store(n, nlp, settings, url)
                best("postgres", seconds)
            finally:
                drop()  # type: ignore[operator]
    print(f"{n} articles, one process, best of {args.repeat}")
    print(f"{'run':<10}{'articles/s':>12}{'overhead':>10}{'MB / 1,000 articles':>22}")
    for name, seconds in timings.items():
        overhead = f"{seconds / timings['code'] - 1:+.1%}" if name != "code" else ""
        size = f"{sizes[name] / n * 1000 / 1e6:.1f}" if name in sizes else ""
        print(f"{name:<10}{n / seconds:>12.2f}{overhead:>10}{size:>22}")
    if args.stream:
        with tempfile.TemporaryDirectory() as tmp:
            print(f"peak RSS while storing {args.stream} articles into SQLite:")
            import subprocess

            subprocess.run([sys.executable, __file__, "--child-stream", str(args.stream), str(Path(tmp) / "s.db")], check=True)


if __name__ == "__main__":
    main()
