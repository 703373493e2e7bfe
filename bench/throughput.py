"""Throughput of `eventwire code` against plain spaCy on the same articles, in the same run.

    python bench/throughput.py [--articles N] [--repeat K] [--workers W]

Articles: the PolNeAR dev news texts under ../shared/eval (else the bundled example and the seed).
Prints articles/s and words/s for:
  plain     spacy.load(pipeline) + nlp.pipe, spaCy's default ops (what a user gets out of the box)
  plain+np  the same with eventwire's numpy matmul routing (isolates the cost of our components)
  eventwire code_articles(): layout, our components and record building, JSON serialisation included
and the ratios eventwire/plain (must stay >= 0.7) and eventwire/plain+np, then the time spent in each
eventwire component. Asserts nothing.
"""

from __future__ import annotations

import argparse
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

import spacy

from eventwire.coding import code_articles
from eventwire.nlp.fastops import install_numpy_matmul
from eventwire.nlp.pipeline import load_pipeline
from eventwire.records import Article, dumps
from eventwire.settings import load_settings

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def corpus(limit: int) -> list[Article]:
    files = sorted((SHARED / "eval" / "polnear" / "dev" / "text").glob("*.txt"))
    files = files or [ROOT / "examples" / "geneva_talks.txt", SHARED / "seed" / "000_716e416b2848e74f.txt"]
    texts = [f.read_text(encoding="utf-8") for f in files if f.exists()]
    while len(texts) < limit:
        texts += texts
    return [Article(id=f"a{i}", text=t, date="2016-10-01") for i, t in enumerate(texts[:limit])]


def timed_components(nlp: Any) -> dict[str, float]:
    """Wrap our components so each call's time is added up."""
    spent: dict[str, float] = defaultdict(float)
    for name, component in list(nlp.pipeline):
        if not name.startswith("eventwire_"):
            continue

        def wrapper(doc: Any, _component: Any = component, _name: str = name) -> Any:
            start = time.perf_counter()
            out = _component(doc)
            spent[_name] += time.perf_counter() - start
            return out

        # spaCy keeps (name, callable) pairs; swapping the callable keeps name, meta and order
        index = [n for n, _ in nlp._components].index(name)
        nlp._components[index] = (name, wrapper)
    return spent


def best_of(repeat: int, run: Any) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=84)
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args()
    settings = load_settings()
    articles = corpus(args.articles)
    texts = [a.text for a in articles]
    words = sum(len(t.split()) for t in texts)
    batch = settings["nlp"]["batch_size"]

    plain = spacy.load(settings["nlp"]["pipeline"])
    list(plain.pipe(texts[:4]))
    t_plain = best_of(args.repeat, lambda: list(plain.pipe(texts, batch_size=batch, n_process=args.workers)))
    install_numpy_matmul(plain)
    t_plain_np = best_of(args.repeat, lambda: list(plain.pipe(texts, batch_size=batch, n_process=args.workers)))

    nlp = load_pipeline(settings)

    def run_eventwire() -> None:
        for record in code_articles(articles, nlp, n_process=args.workers, settings=settings):
            dumps(record)

    run_eventwire()
    t_ours = best_of(args.repeat, run_eventwire)
    spent: dict[str, float] = {}
    if args.workers == 1:  # per-component times: one more run with timers around our components
        spent = timed_components(nlp)
        run_eventwire()

    print(f"articles {len(texts)}  words {words}  batch {batch}  workers {args.workers}  pipeline {settings['nlp']['pipeline']}")
    for label, seconds in (("plain", t_plain), ("plain+np", t_plain_np), ("eventwire", t_ours)):
        print(f"{label:10s} {len(texts) / seconds:8.1f} articles/s {words / seconds:10.0f} words/s  ({seconds:.2f} s)")
    print(f"ratio eventwire/plain    {t_plain / t_ours:.2f}  (target >= 0.70)")
    print(f"ratio eventwire/plain+np {t_plain_np / t_ours:.2f}  (cost of eventwire's own components)")
    for name, seconds in sorted(spent.items()):
        print(f"  {name:20s} {seconds:6.2f} s  {100 * seconds / t_ours:5.1f}% of eventwire time")


if __name__ == "__main__":
    main()
