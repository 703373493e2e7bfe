"""Cost per article: seconds and peak memory against article length, and memory over a long stream.

    python bench/cost.py [--lengths 10000 100000 1000000] [--stream 10000] [--budget SECONDS] [--dev]

Lengths: each article is the bundled example's body (our own text) repeated to N characters, or with
--dev the development articles of ../shared/eval (PolNeAR dev texts, then GeoVirus; read at run time, never
copied) joined to N characters: many different names, quotes and places, as a long real article has. Each is
coded by `code_text` in a fresh process (so the peak RSS is that article's), with the pipeline loaded first;
the time printed excludes loading. Linear cost shows as a flat "s per 100k" column.

Stream: N short articles (the example, each with its own id) through one `code_articles` stream in this
process; prints the resident memory every tenth of the way. Flat memory shows as a flat RSS column.
Asserts nothing; prints figures. The time budget (setting nlp.article_time_budget) is lifted for the run
unless --budget is given, so a long article is timed, not cut.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "geneva_talks.txt"


def _rss_mb() -> float:
    """Current resident memory (Linux /proc), else the peak."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _body() -> str:
    return EXAMPLE.read_text(encoding="utf-8").split("\n\n", 1)[1]


def _dev_texts() -> list[str]:
    """The dev articles --dev joins (PolNeAR dev, then GeoVirus), or none when ../shared/eval is absent."""
    import xml.etree.ElementTree as ET

    from eventwire.settings import load_settings

    shared = (ROOT / load_settings()["eval"]["shared_dir"]).resolve()
    texts = [p.read_text(encoding="utf-8").strip() for p in sorted((shared / "polnear" / "dev" / "text").glob("*.txt"))]
    geovirus = shared / "geo_geovirus" / "GeoVirus.xml"
    if geovirus.is_file():
        texts += [(a.findtext("text") or "").strip() for a in ET.parse(geovirus).getroot().iter("article")]
    return [t for t in texts if t]


def _long_text(chars: int, dev: bool) -> str:
    pieces = _dev_texts() if dev else [_body()]
    if not pieces:
        raise SystemExit("--dev: no development articles under the eval.shared_dir setting")
    joined: list[str] = []
    size = 0
    while size < chars:
        piece = pieces[len(joined) % len(pieces)]
        joined.append(piece)
        size += len(piece) + 2
    return "\n\n".join(joined)[:chars]


def one_length(chars: int, budget: float, dev: bool = False) -> dict[str, float]:
    """Run in a child process: code one article of ``chars`` characters, report seconds and peak RSS."""
    from eventwire import code_text, load
    from eventwire.settings import load_settings

    settings = load_settings(overrides={"nlp": {"article_time_budget": budget},
                                        "input": {"max_chars": max(chars, 1_000_000)}})
    nlp = load(settings)
    code_text(_body(), nlp=nlp, settings=settings)  # warm up: gazetteer, lazy tables
    loaded = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    text = _long_text(chars, dev)
    start = time.perf_counter()
    record = code_text(text, nlp=nlp, settings=settings, date="2022-01-12")
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    # the piece workers (nlp.piece_processes) of a long article: the largest one's peak
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {"chars": chars, "seconds": seconds, "peak_mb": peak, "loaded_mb": loaded, "workers_mb": workers,
            "events": len(record["events"])}


def lengths(sizes: list[int], budget: float, dev: bool = False) -> None:
    print(f"{'chars':>10s} {'seconds':>9s} {'s per 100k':>10s} {'peak RSS MB':>12s} {'after load MB':>14s} {'worker peak MB':>15s} {'events':>7s}")
    for chars in sizes:
        child = subprocess.run([sys.executable, __file__, "--one", str(chars), "--budget", str(budget),
                                *(["--dev"] if dev else [])],
                               capture_output=True, text=True)
        if child.returncode != 0:
            print(f"{chars:>10d} failed: {child.stderr.strip().splitlines()[-1:]}")
            continue
        row = json.loads(child.stdout.strip().splitlines()[-1])
        per = row["seconds"] / chars * 100_000
        print(f"{chars:>10d} {row['seconds']:>9.1f} {per:>10.1f} {row['peak_mb']:>12.0f} {row['loaded_mb']:>14.0f} {row['workers_mb']:>15.0f} {row['events']:>7d}",
              flush=True)


def stream(count: int, budget: float) -> None:
    from eventwire.coding import code_articles, load
    from eventwire.records import Article, dumps
    from eventwire.settings import load_settings

    settings = load_settings(overrides={"nlp": {"article_time_budget": budget}})
    nlp = load(settings)
    text = EXAMPLE.read_text(encoding="utf-8")
    articles = (Article(id=f"s{i}", text=text, date="2022-01-12") for i in range(count))
    step = max(1, count // 10)
    start = time.perf_counter()
    print(f"{'articles':>9s} {'seconds':>9s} {'RSS MB':>8s}")
    for n, record in enumerate(code_articles(articles, nlp, settings=settings), 1):
        dumps(record)
        if n % step == 0 or n == count:
            print(f"{n:>9d} {time.perf_counter() - start:>9.1f} {_rss_mb():>8.0f}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--lengths", type=int, nargs="*", default=[10_000, 30_000, 100_000, 300_000, 1_000_000])
    parser.add_argument("--stream", type=int, default=10_000, help="articles in the stream (0: skip)")
    parser.add_argument("--budget", type=float, default=0.0, help="nlp.article_time_budget for the run (0: none)")
    parser.add_argument("--dev", action="store_true", help="long articles from the dev texts, not the example repeated")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # internal: one length, in a child
    args = parser.parse_args()
    if args.one:
        print(json.dumps(one_length(args.one, args.budget, args.dev)))
        return
    if args.lengths:
        lengths(args.lengths, args.budget, args.dev)
    if args.stream:
        stream(args.stream, args.budget)


if __name__ == "__main__":
    main()
