"""Storing costs against coding alone, in the same run, on the same articles.

    python bench/ingest.py [--articles N] [--postgres URL] [--stream M]
    python bench/ingest.py --articles 0 --stream 10000     # only the memory of a 10,000-article stream
    python bench/ingest.py --articles 0 --stream 10000 --stream-store-only   # the writer's side alone

Articles (--corpus): "dev", the default, the development articles of ../shared/eval in turn (PolNeAR dev
texts, then GeoVirus: about 300 different articles, read at run time); "example", the bundled example and
the seed alternately (every article a near-duplicate of one of two: the story step's worst case). Each text
has a numbered sentence of ours appended, so every article has its own id and content hash. Prints, for
  code      code_articles() with each record written as JSON to /dev/null (what `eventwire code` does)
  sqlite    ingest() into a fresh SQLite file (one transaction per article)
  postgres  ingest() into a fresh PostgreSQL database (--postgres URL, else $EVENTWIRE_TEST_PG)
articles/s, the overhead of storing against `code` (target: at most 10%), and the database size per
1,000 articles. Then storing alone: the same records, coded once beforehand, stored again (is it stored?
then one transaction), in ms per article of wall and of this process's CPU: end-to-end overheads are noisy
on shared CPUs, this is not. --stream M stores M articles into SQLite in a child process and prints its
RSS (now and peak) at every tenth of the stream and at 1,000, 5,000 and 10,000 articles (memory must stay
flat). Asserts nothing.
"""

from __future__ import annotations

import argparse
import itertools
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


def synthetic(n: int, settings: dict, corpus: str = "example") -> Iterator:
    """``corpus`` "example": the bundled example and the seed, alternately (every article a copy of one of
    two: two big stories, the worst case of the story step); "dev": the development articles of
    ../shared/eval (PolNeAR dev, then GeoVirus: about 300 different articles, as a real corpus is), in turn."""
    from eventwire.ingest.readers import read_text_article

    texts = [p.read_text(encoding="utf-8") for p in SOURCES if p.exists()]
    if corpus == "dev":
        from cost import _dev_texts  # bench/cost.py: the same development articles

        texts = _dev_texts() or texts
    for i in range(n):
        text = texts[i % len(texts)] + f"\n\nTalks are to resume in round {i + 1}."
        yield read_text_article(text, id=f"bench-{i}", settings=settings, date="2024-03-04", date_source="user")


def bench_code(n: int, nlp, settings: dict, corpus: str) -> float:
    from eventwire.coding import code_articles
    from eventwire.records import dumps

    start = time.perf_counter()
    with open(os.devnull, "w", encoding="utf-8") as out:
        for record in code_articles(synthetic(n, settings, corpus), nlp, settings=settings):
            out.write(dumps(record) + "\n")
    return time.perf_counter() - start


def bench_store(n: int, nlp, settings: dict, url: str, corpus: str) -> tuple[float, int]:
    """Seconds to ingest n articles, and the PostgreSQL database's growth in bytes (0 for SQLite)."""
    from eventwire.store import open_store
    from eventwire.store.ingest import ingest

    with open_store(url, settings) as store:
        empty = postgres_size(url) if store.dialect == "postgresql" else 0
        start = time.perf_counter()
        ingest(synthetic(n, settings, corpus), store, nlp, settings)
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


def store_only(records: list, nlp, settings: dict, url: str, n: int) -> tuple[float, float]:
    """(wall, CPU) ms per article to store n pre-coded records (ids varied) the way ingest() does."""
    import msgspec

    from eventwire.store import open_store
    from eventwire.store.ingest import run_identity
    from eventwire.store.rows import content_hash

    varied = [msgspec.structs.replace(r, id=f"only-{i}") for i, r in zip(range(n), itertools.cycle(records))]
    with open_store(url, settings) as store:
        run = run_identity(nlp, settings, store)
        store.add_run(run)
        wall, cpu = time.perf_counter(), time.process_time()
        for record in varied:
            store.stored(record.id)
            store.put(record, run["id"], content_hash(record))
        return (time.perf_counter() - wall) / n * 1000, (time.process_time() - cpu) / n * 1000


MARKS = (1000, 5000, 10000)


def rss_mb() -> float:
    with open("/proc/self/statm", encoding="ascii") as fh:
        return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1e6


def stream(m: int, path: str, store_only_mode: bool = False, corpus: str = "example") -> None:
    """Child process: store m articles into SQLite, printing RSS every tenth of the stream and at MARKS.
    ``store_only_mode``: the writer's side alone, m copies (ids varied) of two records coded once."""
    from eventwire.coding import load
    from eventwire.settings import load_settings
    from eventwire.store import open_store
    from eventwire.store.ingest import ingest

    settings = load_settings()
    nlp = load(settings)
    step = max(1, m // 10)
    done = 0

    start = time.perf_counter()

    def tick() -> None:
        nonlocal done
        done += 1
        if done % step == 0 or done in MARKS:
            peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 / 1e6  # KiB on Linux
            print(f"  {done:>7} articles  RSS {rss_mb():7.1f} MB  peak {peak_mb:7.1f} MB"
                  f"  {time.perf_counter() - start:7.0f} s", flush=True)

    with open_store(path, settings) as store:
        if not store_only_mode:
            ingest(synthetic(m, settings, corpus), store, nlp, settings, tick=tick)
            return
        import msgspec

        from eventwire.coding import code_articles
        from eventwire.store.ingest import run_identity
        from eventwire.store.rows import content_hash

        records = list(code_articles(synthetic(2, settings), nlp, settings=settings))
        run = run_identity(nlp, settings, store)
        store.add_run(run)
        for i in range(m):
            record = msgspec.structs.replace(records[i % len(records)], id=f"stream-{i}")
            store.stored(record.id)
            store.put(record, run["id"], content_hash(record))
            tick()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=100)
    parser.add_argument("--postgres", default=os.environ.get("EVENTWIRE_TEST_PG"))
    parser.add_argument("--repeat", type=int, default=2, help="best of K rounds, runs interleaved (shared CPUs)")
    parser.add_argument("--stream", type=int, default=0, help="also measure peak RSS over this many articles")
    parser.add_argument("--stream-store-only", action="store_true",
                        help="--stream measures the writer alone: copies of records coded once (minutes, not hours)")
    parser.add_argument("--corpus", choices=["dev", "example"], default="dev",
                        help="dev: ~300 different development articles (default; the example's when ../shared is absent); "
                             "example: copies of two articles (the story step's worst case)")
    parser.add_argument("--child-stream", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child_stream:
        stream(int(args.child_stream[0]), args.child_stream[1], args.stream_store_only, args.corpus)
        return


    if args.articles > 0:
        speed(args)
    if args.stream:
        with tempfile.TemporaryDirectory() as tmp:
            what = "pre-coded records (the writer alone)" if args.stream_store_only else "articles, coding each"
            print(f"RSS while storing {args.stream} {what} into SQLite:")
            import subprocess

            child = [sys.executable, __file__, "--corpus", args.corpus, "--child-stream", str(args.stream), str(Path(tmp) / "s.db")]
            subprocess.run(child + (["--stream-store-only"] if args.stream_store_only else []), check=True)


def speed(args: argparse.Namespace) -> None:
    from eventwire.coding import code_articles, load
    from eventwire.settings import load_settings

    settings = load_settings()
    nlp = load(settings)
    n = args.articles
    # warm-up of both paths: gazetteer and first-call caches; the store's imports (datasketch pulls in scipy,
    # seconds once per process) and SQLAlchemy's compiled-statement cache
    bench_code(min(n, 4), nlp, settings, args.corpus)
    with tempfile.TemporaryDirectory() as tmp:
        bench_store(min(n, 4), nlp, settings, str(Path(tmp) / "warm.db"), args.corpus)
    timings: dict[str, float] = {}
    sizes: dict[str, int] = {}

    def best(name: str, seconds: float) -> None:
        timings[name] = min(seconds, timings.get(name, seconds))

    for _ in range(args.repeat):
        best("code", bench_code(n, nlp, settings, args.corpus))
        with tempfile.TemporaryDirectory() as tmp:
            best("sqlite", bench_store(n, nlp, settings, str(Path(tmp) / "bench.db"), args.corpus)[0])
            sizes["sqlite"] = sum(p.stat().st_size for p in Path(tmp).iterdir())
        if args.postgres:
            url, drop = fresh_postgres(args.postgres)
            try:
                seconds, sizes["postgres"] = bench_store(n, nlp, settings, url, args.corpus)
                best("postgres", seconds)
            finally:
                drop()  # type: ignore[operator]
    print(f"{n} articles ({args.corpus} corpus), one process, best of {args.repeat}")
    print(f"{'run':<10}{'articles/s':>12}{'overhead':>10}{'MB / 1,000 articles':>22}")
    for name, seconds in timings.items():
        overhead = f"{seconds / timings['code'] - 1:+.1%}" if name != "code" else ""
        size = f"{sizes[name] / n * 1000 / 1e6:.1f}" if name in sizes else ""
        print(f"{name:<10}{n / seconds:>12.2f}{overhead:>10}{size:>22}")
    records = list(code_articles(synthetic(2, settings), nlp, settings=settings))
    code_ms = timings["code"] / n * 1000
    only = min(n, 200)
    print(f"storing alone, {only} pre-coded articles (coding: {code_ms:.0f} ms per article)")
    print(f"{'store':<10}{'wall ms':>9}{'CPU ms':>8}{'of coding':>11}")
    with tempfile.TemporaryDirectory() as tmp:
        rows = [("sqlite", store_only(records, nlp, settings, str(Path(tmp) / "only.db"), only))]
    if args.postgres:
        url, drop = fresh_postgres(args.postgres)
        try:
            rows.append(("postgres", store_only(records, nlp, settings, url, only)))
        finally:
            drop()  # type: ignore[operator]
    for name, (wall, cpu) in rows:
        print(f"{name:<10}{wall:>9.1f}{cpu:>8.1f}{wall / code_ms:>10.1%}")


if __name__ == "__main__":
    main()
