"""Speed of ``ingest --dask local:2`` against ``--workers 2`` and one process, on the same corpus.

    python bench/dask_ingest.py [--articles N] [--workers W] [--repeat K]

Articles: the synthetic variations of bench/ingest.py. Each run ingests them into a fresh SQLite file
through the library functions the CLI calls (ingest(), ingest_dask()):
  one process   ingest(), n_process=1 (the pipeline loaded before the clock starts)
  --workers W   ingest(), n_process=W (spaCy forks W workers from the loaded pipeline)
  --dask local:W  ingest_dask() on a LocalCluster of W processes started before the clock; the clock
                includes registering the pipeline plugin (each worker loads the pipeline)
Prints articles/s over the whole run and after the first stored article (steady: without start-up),
best of K rounds, runs interleaved (the CPUs are shared). Asserts nothing.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from ingest import synthetic  # noqa: E402  (bench/ingest.py: the same corpus)


def timed(run, n: int) -> tuple[float, float]:
    """(articles/s over the run, articles/s after the first stored article)."""
    stamps: list[float] = []
    start = time.perf_counter()
    run(lambda: stamps.append(time.perf_counter()))
    total = time.perf_counter() - start
    steady = (len(stamps) - 1) / (stamps[-1] - stamps[0]) if len(stamps) > 1 and stamps[-1] > stamps[0] else 0.0
    return n / total, steady


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=60)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=2, help="best of K rounds")
    args = parser.parse_args()

    from distributed import Client, LocalCluster

    from eventwire.coding import load
    from eventwire.settings import load_settings
    from eventwire.store import open_store
    from eventwire.store.dask_ingest import ingest_dask
    from eventwire.store.ingest import ingest

    settings = load_settings()
    nlp = load(settings)
    n, w = args.articles, args.workers
    with tempfile.TemporaryDirectory() as tmp:  # warm-up: gazetteer, first-call caches
        with open_store(str(Path(tmp) / "w.db"), settings) as store:
            ingest(synthetic(4, settings), store, nlp, settings)
    start = time.perf_counter()
    cluster = LocalCluster(n_workers=w, threads_per_worker=1, processes=True, dashboard_address=None, silence_logs=logging.ERROR)
    client = Client(cluster)
    cluster_start = time.perf_counter() - start
    results: dict[str, tuple[float, float]] = {}

    def keep(name: str, rates: tuple[float, float]) -> None:
        old = results.get(name, (0.0, 0.0))
        results[name] = (max(old[0], rates[0]), max(old[1], rates[1]))

    def local(workers: int):
        def run(tick) -> None:
            with tempfile.TemporaryDirectory() as tmp, open_store(str(Path(tmp) / "b.db"), settings) as store:
                ingest(synthetic(n, settings), store, nlp, settings, n_process=workers, tick=tick)
        return run

    def on_dask(tick) -> None:
        with tempfile.TemporaryDirectory() as tmp, open_store(str(Path(tmp) / "b.db"), settings) as store:
            ingest_dask(synthetic(n, settings), store, settings, client, tick=tick)

    try:
        for _ in range(args.repeat):
            keep("one process", timed(local(1), n))
            keep(f"--workers {w}", timed(local(w), n))
            keep(f"--dask local:{w}", timed(on_dask, n))
        # the plugin of the last run is gone: what a worker holds after coding, and its peak
        memory = client.run(_worker_memory)
    finally:
        client.close()
        cluster.close()
    base = results["one process"][0]
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"{n} articles into SQLite, best of {args.repeat}; LocalCluster start {cluster_start:.1f} s (not counted)")
    print(f"{os.cpu_count()} CPUs, load average at the end {load} (other work on the machine slows every run)")
    print(f"{'run':<18}{'articles/s':>12}{'steady':>10}{'vs one':>9}")
    for name, (rate, steady) in results.items():
        print(f"{name:<18}{rate:>12.2f}{steady:>10.2f}{rate / base:>8.2f}x")
    for address, (now, peak) in sorted(memory.items()):
        print(f"worker {address}: RSS {now:.0f} MB after the runs, peak {peak:.0f} MB")


def _worker_memory() -> tuple[float, float]:
    import resource

    import psutil

    return psutil.Process().memory_info().rss / 1e6, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


if __name__ == "__main__":
    main()
