"""Read coded events as an analyst would: per event, its sentence, source -> code -> target and the rule
that fired, for counting the wrong ones by eye.

    eventwire code ARTICLES... -o /tmp/coded.jsonl
    python scripts/read_events.py /tmp/coded.jsonl [--limit N] [--article ID]

Each event line reads ``[rule] SOURCE (code) -> CAMEO name -> TARGET (code)`` with flags for negation,
modality and reported speech. Keep the coded file outside the repo (dev articles are not ours to copy).
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from rich.console import Console

from eventwire.events.cameo import code_info
from eventwire.records import ArticleRecord, decode


def _party(record: ArticleRecord, ref: object | None) -> str:
    if ref is None:
        return "-"
    text = record.text[ref.start:ref.end]  # type: ignore[attr-defined]
    return f"{text} ({ref.code or 'uncoded'})"  # type: ignore[attr-defined]


def print_events(record: ArticleRecord, console: Console) -> Counter[str]:
    """Prints one article's events, grouped by sentence; returns counts by rule."""
    rules: Counter[str] = Counter()
    console.rule(str(record.id))
    last_sentence = -1
    for event in record.events:
        if event.sentence != last_sentence:
            span = record.sentences[event.sentence]
            console.print(f"\n[dim]s{event.sentence}[/] {record.text[span.start:span.end].strip()}", highlight=False)
            last_sentence = event.sentence
        flags = [name for name, on in (("NEG", event.negated), ("REPORTED", event.reported)) if on]
        if event.modality:
            flags.append(event.modality.upper())
        name = code_info(event.cameo).name
        console.print(
            f"   \\[{event.rule}] {_party(record, event.source)} -> [bold]{event.cameo}[/] {name} -> "
            f"{_party(record, event.target)}  «{event.trigger.text}» {' '.join(flags)}",
            highlight=False,
        )
        rules[event.rule] += 1
    if not record.events:
        console.print("   (no events)")
    return rules


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("records", type=Path, help="JSONL written by `eventwire code`")
    parser.add_argument("--limit", type=int, default=None, help="at most this many articles")
    parser.add_argument("--article", default=None, help="only the article with this id")
    args = parser.parse_args(argv)
    console = Console()
    totals: Counter[str] = Counter()
    shown = 0
    with args.records.open(encoding="utf-8") as lines:
        for line in lines:
            if not line.strip():
                continue
            record = decode(line)
            if args.article and record.id != args.article:
                continue
            totals += print_events(record, console)
            shown += 1
            if args.limit and shown >= args.limit:
                break
    console.print(f"\n{shown} articles, {sum(totals.values())} events by rule: {dict(totals.most_common())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
