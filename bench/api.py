"""Latency and throughput of the HTTP API on a store of 100,000 events (synthetic rows).

    python bench/api.py [--events N] [--requests M] [--clients C] [--db PATH] [--postgres URL]

Builds a SQLite store (or a fresh PostgreSQL database with --postgres) of N synthetic events, five per
article, with actor codes from the shipped country dictionary, CAMEO codes from the shipped code table,
dates over two years and a few hundred places; starts ``eventwire serve`` in a child process on a free
loopback port (rate limit off); then a bounded load generator (C client threads, M requests per
endpoint) asks for:
  events       GET /api/events?actor=CODE&limit=50 (the filtered event list; some from a cursor deep in it)
  timeline     GET /api/stats/timeline?actor=CODE
  dyads        GET /api/stats/dyads?root=RR
and prints p50/p95/max latency and requests/s per endpoint, and the server's RSS before and after the
load. Target: p95 under 50 ms on the event list. Asserts nothing.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from importlib import resources
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EVENTS_PER_ARTICLE = 5
PLACES = 300
DAYS = 730
START = dt.date(2023, 1, 1)
BATCH = 2000
SEED = 15


def _countries() -> list[str]:
    text = resources.files("eventwire").joinpath("data/actors/countries.jsonl").read_text(encoding="utf-8")
    return sorted({c["code"] for line in text.splitlines() if line.strip() for c in json.loads(line)["codes"]})


def build(url: str, n_events: int) -> float:
    """Fill the store at ``url`` with n_events synthetic events; seconds taken."""
    import sqlalchemy as sa

    from eventwire.events.cameo import code_info, code_table
    from eventwire.store import open_store
    from eventwire.store.schema import articles, events, runs

    rand = random.Random(SEED)
    countries = _countries()
    codes = sorted(c for c in code_table()["codes"] if len(c) >= 3)
    places = [(f"Place {i}", rand.choice(countries), rand.uniform(-60, 70), rand.uniform(-170, 170)) for i in range(PLACES)]
    started = time.perf_counter()
    now = dt.datetime.now(dt.UTC)
    with open_store(url) as store:
        with store.engine.begin() as connection:
            connection.execute(sa.insert(runs), [{
                "id": "bench", "schema": "bench", "eventwire": "bench", "pipeline": "synthetic", "pipeline_version": None,
                "components": [], "dictionaries": {}, "settings_hash": "bench", "created_at": now}])
        n_articles = -(-n_events // EVENTS_PER_ARTICLE)
        for first in range(0, n_articles, BATCH):
            article_rows, event_rows = [], []
            for a in range(first, min(n_articles, first + BATCH)):
                day = (START + dt.timedelta(days=rand.randrange(DAYS))).isoformat()
                sentence = "Officials met and signed an accord on the border. "
                text = sentence * EVENTS_PER_ARTICLE
                aid = f"bench-{a}"
                article_rows.append({
                    "id": aid, "content_hash": f"{a:016x}", "run_id": "bench", "title": f"Synthetic article {a}",
                    "date": day, "date_source": "user", "source": "bench", "url": None, "text": text, "metadata": {},
                    "dateline": None, "sentences": [[i * len(sentence), (i + 1) * len(sentence) - 1] for i in range(EVENTS_PER_ARTICLE)],
                    "entities": [], "coded_at": now})
                for n in range(EVENTS_PER_ARTICLE):
                    if a * EVENTS_PER_ARTICLE + n >= n_events:
                        break
                    cameo = rand.choice(codes)
                    info = code_info(cameo)
                    source, target = rand.sample(countries[:60], 2)
                    name, country, lat, lon = rand.choice(places)
                    start = n * len(sentence)
                    event_rows.append({
                        "article_id": aid, "n": n, "id": f"{a:x}-{n}", "source_actor": None, "source_name": source,
                        "source_code": source + rand.choice(("", "GOV", "MIL")), "source_start_char": start,
                        "source_end_char": start + 9, "target_actor": None, "target_name": target, "target_code": target,
                        "target_start_char": None, "target_end_char": None, "cameo": cameo, "root": info.root,
                        "quad": info.quad, "goldstein": info.goldstein, "plover_type": info.plover_type,
                        "plover_mode": info.plover_mode, "date": day, "date_source": "article", "place_name": name,
                        "place_country": country, "place_lat": lat, "place_lon": lon, "place_geonameid": None,
                        "place_start_char": None, "place_end_char": None, "place_rule": None, "negated": False,
                        "modality": None, "reported": False, "start_char": start, "end_char": start + 40,
                        "trigger_text": "signed", "trigger_start_char": start + 14, "trigger_end_char": start + 20,
                        "rule": "bench", "dictionary": "bench", "sentence": n, "sentence_start": start,
                        "sentence_end": start + len(sentence) - 1})
            with store.engine.begin() as connection:
                connection.execute(sa.insert(articles), article_rows)
                connection.execute(sa.insert(events), event_rows)
        if store.dialect == "postgresql":
            with store.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
                connection.execute(sa.text("VACUUM ANALYZE"))
        else:
            with store.engine.begin() as connection:
                connection.execute(sa.text("ANALYZE"))
    return time.perf_counter() - started


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def serve(url: str, port: int, settings_path: str) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    return subprocess.Popen(
        [sys.executable, "-m", "eventwire.cli", "serve", "--db", url, "--port", str(port), "--settings", settings_path],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )


def load(base: str, paths: Callable[[int], str], requests: int, clients: int) -> tuple[list[float], float, int]:
    """``requests`` GETs from ``clients`` threads (each its own connection); latencies (s), wall time, errors."""
    import httpx

    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    counter = iter(range(requests))

    def worker() -> None:
        nonlocal errors
        with httpx.Client(base_url=base, timeout=30) as client:
            while True:
                with lock:
                    i = next(counter, None)
                if i is None:
                    return
                start = time.perf_counter()
                response = client.get(paths(i))
                took = time.perf_counter() - start
                with lock:
                    latencies.append(took)
                    errors += response.status_code != 200
    started = time.perf_counter()
    threads = [threading.Thread(target=worker) for _ in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return latencies, time.perf_counter() - started, errors


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=400, help="requests per endpoint")
    parser.add_argument("--clients", type=int, default=4, help="concurrent client threads (bounded load)")
    parser.add_argument("--db", help="SQLite file to build (default: a temporary one)")
    parser.add_argument("--postgres", help="a PostgreSQL server URL: a fresh database is made on it")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT / "src"))
    import httpx

    with tempfile.TemporaryDirectory() as tmp:
        drop = None
        if args.postgres:
            sys.path.insert(0, str(ROOT / "bench"))
            from ingest import fresh_postgres

            url, drop = fresh_postgres(args.postgres)
        else:
            url = args.db or str(Path(tmp) / "bench-api.db")
        seconds = build(url, args.events)
        print(f"store: {args.events} synthetic events ({'postgresql' if args.postgres else 'sqlite'}) built in {seconds:.1f} s")
        settings_path = Path(tmp) / "settings.toml"
        settings_path.write_text("[api]\nrate_limit_per_minute = 0\n", encoding="utf-8")
        port = _free_port()
        server = serve(url, port, str(settings_path))
        base = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 60
            while True:
                try:
                    httpx.get(base + "/api/meta", timeout=2).raise_for_status()
                    break
                except httpx.TransportError:
                    if server.poll() is not None or time.monotonic() > deadline:
                        raise SystemExit(server.stderr.read().decode() if server.stderr else "server did not start") from None
                    time.sleep(0.2)
            countries = _countries()[:60]
            roots = [f"{r:02d}" for r in range(1, 21)]
            deep = httpx.get(base + "/api/events", params={"actor": countries[0], "limit": 1000}).json()["next"]
            endpoints: dict[str, Callable[[int], str]] = {
                "events": lambda i: f"/api/events?actor={countries[i % len(countries)]}&limit=50"
                + (f"&cursor={deep}" if deep and i % 4 == 0 else ""),
                "timeline": lambda i: f"/api/stats/timeline?actor={countries[i % len(countries)]}",
                "dyads": lambda i: f"/api/stats/dyads?root={roots[i % len(roots)]}&limit=50",
            }
            for path in (f(0) for f in endpoints.values()):  # warm-up: caches, first plans
                httpx.get(base + path, timeout=30)
            before = rss_mb(server.pid)
            print(f"server RSS before the load: {before:.1f} MB")
            print(f"{'endpoint':<10} {'requests':>8} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'req/s':>8} {'errors':>6}   ({args.clients} clients)")
            for name, paths in endpoints.items():
                latencies, wall, errors = load(base, paths, args.requests, args.clients)
                print(f"{name:<10} {len(latencies):>8} {statistics.median(latencies) * 1000:>8.1f} {_pct(latencies, 0.95):>8.1f} "
                      f"{max(latencies) * 1000:>8.1f} {len(latencies) / wall:>8.1f} {errors:>6}")
            after = rss_mb(server.pid)
            print(f"server RSS after the load: {after:.1f} MB ({after - before:+.1f} MB)")
            print("target: events p95 < 50 ms")
        finally:
            server.terminate()
            server.wait(timeout=30)
            if drop:
                drop()


if __name__ == "__main__":
    main()
