"""Near-duplicate stories: precision and recall on variants of the dev articles, through a real store.

    python bench/dedup.py [--articles N] [--per-article K] [--seed S] [--db URL]

Makes K variants of each of N PolNeAR dev articles (scripts/make_dedup_variants.py: reordered or trimmed
paragraphs, another headline and dateline, added boilerplate, mixes), stores originals and variants in a
fresh SQLite store (or --db) as text-only records (stories read only the text; nothing is coded), runs the
corpus step and prints:
  pairwise precision / recall / F1 of the stories against the truth (an original and its variants)
  variants in their original's story, per edit; false merges among the originals (each pair listed
  with its estimated similarity and the originals' wire credit, so a real syndicated copy can be told)
  the same stories when the articles arrive in reverse order (order independence)
  time per article of the incremental story step
Skips (exit 0 with a message) when ../shared/eval is absent. Asserts nothing.
"""

from __future__ import annotations

import argparse
import csv
import importlib.util
import itertools
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
METADATA = ROOT.parent / "shared" / "eval" / "polnear" / "metadata.tsv"


def _variants_module() -> Any:
    spec = importlib.util.spec_from_file_location("make_dedup_variants", ROOT / "scripts" / "make_dedup_variants.py")
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module


def text_record(item: dict[str, Any]) -> Any:
    """A record with the item's text and no annotations (the story step reads text only)."""
    from eventwire.records import ArticleRecord, Pipeline, Provenance

    provenance = Provenance(schema="bench", eventwire="bench", pipeline=Pipeline(name="none", version=None), components=[],
                            dictionaries={})
    return ArticleRecord(
        id=item["id"], headline=None, dateline=None, date=item.get("date"), date_source=None, text=item["text"],
        metadata={"source": item["source"]} if item.get("source") else {}, sentences=[], entities=[], actors=[],
        events=[], quotes=[], dates=[], places=[], provenance=provenance,
    )


RUN = {"id": "bench-dedup", "schema": "bench", "eventwire": "bench", "pipeline": "none", "pipeline_version": None,
       "components": [], "dictionaries": {}, "settings_hash": "none"}


def store_items(store: Any, items: list[dict[str, Any]], incremental: bool = True, corpus: bool = True) -> float:
    """Put the items in the store, each followed by the story step (as ingest does; ``corpus`` False: none,
    as a killed run or an older eventwire leaves a store); seconds spent in it."""
    import datetime as dt

    from eventwire.store.rows import content_hash

    store.add_run({**RUN, "created_at": dt.datetime.now(dt.UTC)})
    spent = 0.0
    for item in items:
        record = text_record(item)
        store.put(record, RUN["id"], content_hash(record))
        if incremental and corpus:
            start = time.perf_counter()
            store.update_corpus([record.id], merge_groups=False)
            spent += time.perf_counter() - start
    if not corpus:
        return spent
    start = time.perf_counter()
    store.update_corpus()
    return spent + time.perf_counter() - start


def story_of(store: Any) -> dict[str, str]:
    return {row["id"]: row["story"] for row in store.articles()}


def pairs(groups: dict[str, str]) -> set[tuple[str, str]]:
    members: dict[str, list[str]] = {}
    for article, group in groups.items():
        members.setdefault(group, []).append(article)
    return {(a, b) for ids in members.values() for a, b in itertools.combinations(sorted(ids), 2)}


def score(items: list[dict[str, Any]], found: dict[str, str]) -> dict[str, Any]:
    truth = {item["id"]: item["story"] for item in items}
    gold, predicted = pairs(truth), pairs(found)
    hit = len(gold & predicted)
    precision = hit / len(predicted) if predicted else 1.0
    recall = hit / len(gold) if gold else 1.0
    placed = Counter(item["variant"] for item in items if found[item["id"]] == found[item["story"]])
    kinds = Counter(item["variant"] for item in items)
    originals = sorted(item["id"] for item in items if item["variant"] == "original")
    merged_originals = [(a, b) for a, b in itertools.combinations(originals, 2) if found[a] == found[b]]
    return {
        "precision": precision, "recall": recall,
        "f1": 2 * precision * recall / (precision + recall) if precision + recall else 0.0,
        "placed": {kind: (placed[kind], kinds[kind]) for kind in sorted(kinds) if kind != "original"},
        "merged_originals": merged_originals,
    }


def wire_credit() -> dict[str, str]:
    if not METADATA.exists():
        return {}
    with METADATA.open(encoding="utf-8") as fh:
        return {row["filename"]: row.get("wire") or "" for row in csv.DictReader(fh, delimiter="\t")}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=None, help="dev articles (default all)")
    parser.add_argument("--per-article", type=int, default=5)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--db", default=None, help="a store URL (default: fresh SQLite files in a temp dir)")
    parser.add_argument("--threshold", type=float, default=None, help="stories.threshold (default: settings.toml)")
    parser.add_argument("--shingle-words", type=int, default=None, help="stories.shingle_words")
    args = parser.parse_args()
    module = _variants_module()
    articles = module.dev_articles(args.articles)
    if not articles:
        print(f"skipped: no dev articles under {module.DEV_TEXTS}")
        return
    items = list(module.variants(articles, args.per_article, args.seed))

    from eventwire.corpus.dedup import Signature, similarity
    from eventwire.settings import load_settings
    from eventwire.store import open_store
    from eventwire.store.schema import story_signatures

    chosen = {"threshold": args.threshold, "shingle_words": args.shingle_words}
    settings = load_settings(overrides={"stories": {k: v for k, v in chosen.items() if v is not None}}, environ={})
    print("stories settings:", dict(settings["stories"]))
    # warm up outside the timing: datasketch's import (scipy) and the band optimum are paid once per process
    from eventwire.corpus.dedup import lsh_params
    from eventwire.settings import component_settings

    lsh_params(component_settings("stories", settings["stories"]))
    with tempfile.TemporaryDirectory() as tmp:
        with open_store(args.db or str(Path(tmp) / "forward.db"), settings) as store:
            seconds = store_items(store, items)
            found = story_of(store)
            sigs = {
                row["article_id"]: Signature.from_bytes(bytes(row["signature"]), row["shingles"])
                for row in store.iter_select(story_signatures)
            }
        reverse = None
        if not args.db:
            with open_store(str(Path(tmp) / "reverse.db"), settings) as store:
                store_items(store, items[::-1])
                reverse = story_of(store)
    result = score(items, found)
    stories = set(found.values())
    print(f"articles {len(items)} ({len(articles)} originals, {args.per_article} variants each), stories {len(stories)}")
    print(f"pairwise precision {result['precision']:.3f}  recall {result['recall']:.3f}  F1 {result['f1']:.3f}")
    for kind, (placed, total) in result["placed"].items():
        print(f"  {kind:<12} {placed}/{total} variants in their original's story")
    credit = wire_credit()
    print(f"originals merged with each other: {len(result['merged_originals'])} pairs")
    for a, b in result["merged_originals"]:
        print(f"  {a} ~ {b}: similarity {similarity(sigs[a], sigs[b]):.2f}, wire {credit.get(a, '')!r} / {credit.get(b, '')!r}")
    originals = sorted(item["id"] for item in items if item["variant"] == "original")
    closest = max((similarity(sigs[a], sigs[b]), a, b) for a, b in itertools.combinations(originals, 2))
    print(f"closest two originals: similarity {closest[0]:.2f} ({closest[1]} ~ {closest[2]}); "
          f"threshold {settings['stories']['threshold']}")
    weakest = min((similarity(sigs[i["id"]], sigs[i["story"]]), i["id"]) for i in items if i["variant"] != "original")
    print(f"least similar variant to its original: {weakest[0]:.2f} ({weakest[1]})")
    if reverse is not None:
        print(f"reverse order gives the same stories: {reverse == found}")
    print(f"story step: {1000 * seconds / len(items):.1f} ms per article (incremental, SQLite)")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
