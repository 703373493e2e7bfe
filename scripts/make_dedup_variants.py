"""Near-duplicate variants of the dev articles, for bench/dedup.py and tests/test_stories.py.

    python scripts/make_dedup_variants.py -o variants.jsonl [--articles N] [--per-article K] [--seed S]

Reads the PolNeAR dev texts from ../shared/eval at run time (nothing is copied into the repository) and
writes JSONL: each original (``story`` = its own id, ``variant`` = "original") and K variants of it, each
made by one edit of the issue's list or a mix of them (``variant`` names the edits):

  reorder    body paragraphs in another order (the headline stays on top)
  trim       the last paragraphs cut (a quarter of them, at least one, never the lead)
  headline   another headline and a dateline naming another outlet
  boilerplate  lines a syndicating site adds above and below a wire story
  mixed      headline + boilerplate + reorder, or trim + boilerplate

The edits' words (outlets, datelines, boilerplate) are in scripts/data/dedup_edits.json. Same seed, same
variants. Each variant gets another outlet as ``source``.
"""

from __future__ import annotations

import argparse
import json
import random
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
DEV_TEXTS = SHARED / "eval" / "polnear" / "dev" / "text"
EDITS = Path(__file__).with_name("data") / "dedup_edits.json"
KINDS = ("reorder", "trim", "headline", "boilerplate", "mixed")
_PARAGRAPHS = re.compile(r"\n[ \t]*\n")
# a trim cuts this share of the body paragraphs (at least one); a new headline keeps this many words
TRIM_SHARE = 0.25
HEADLINE_WORDS = 9
DAYS_IN_MONTH = 28
# a mixed edit is headline + boilerplate + reorder this often, else trim + boilerplate
MIXED_HEADLINE_SHARE = 0.5
FOOTER_LINES = 2


def dev_articles(limit: int | None = None) -> list[tuple[str, str]]:
    """(id, text) of the PolNeAR dev articles, sorted by file name; empty when ../shared/eval is absent."""
    files = sorted(DEV_TEXTS.glob("*.txt")) if DEV_TEXTS.is_dir() else []
    return [(f.stem, f.read_text(encoding="utf-8")) for f in files[:limit]]


def _split(text: str) -> tuple[str, list[str]]:
    parts = [p.strip() for p in _PARAGRAPHS.split(text.strip()) if p.strip()]
    return (parts[0], parts[1:]) if len(parts) > 1 else ("", parts)


def _join(headline: str, body: list[str]) -> str:
    return "\n\n".join([headline, *body] if headline else body) + "\n"


class Editor:
    def __init__(self, seed: int) -> None:
        self.words: dict[str, Any] = json.loads(EDITS.read_text(encoding="utf-8"))
        self.rng = random.Random(seed)

    def pick(self, key: str) -> str:
        return self.rng.choice(self.words[key])

    def reorder(self, headline: str, body: list[str]) -> tuple[str, list[str]]:
        shuffled = body[:]
        while len(shuffled) > 1 and shuffled == body:
            self.rng.shuffle(shuffled)
        return headline, shuffled

    def trim(self, headline: str, body: list[str]) -> tuple[str, list[str]]:
        cut = max(1, int(len(body) * TRIM_SHARE))
        return headline, body[: max(1, len(body) - cut)]

    def headline(self, headline: str, body: list[str], outlet: str) -> tuple[str, list[str]]:
        lead = body[0] if body else headline
        words = " ".join(lead.split()[:HEADLINE_WORDS]).rstrip(",.;:")
        new = self.pick("headlines").format(words=words, outlet=outlet)
        dateline = self.pick("datelines").format(
            city=self.pick("cities"), outlet=outlet, month=self.pick("months"), day=self.rng.randint(1, DAYS_IN_MONTH)
        )
        # an existing dateline ("MOSCOW: ", "GENEVA (AP) - ") is replaced, else one is put before the lead
        first = re.sub(r"^[A-Z][A-Z .,']+(\([^)]*\))?\s*[:\u2014-]+\s*", "", body[0]) if body else ""
        return new, [dateline + first, *body[1:]] if body else body

    def boilerplate(self, headline: str, body: list[str], outlet: str) -> tuple[str, list[str]]:
        top = self.pick("header_boilerplate")
        first, last = self.words["years"]
        bottom = [self.pick("footer_boilerplate").format(outlet=outlet, year=self.rng.randint(first, last))
                  for _ in range(FOOTER_LINES)]
        return headline, [top, *body, *dict.fromkeys(bottom)]

    def variant(self, text: str, kind: str, outlet: str) -> str:
        headline, body = _split(text)
        if kind == "reorder":
            headline, body = self.reorder(headline, body)
        elif kind == "trim":
            headline, body = self.trim(headline, body)
        elif kind == "headline":
            headline, body = self.headline(headline, body, outlet)
        elif kind == "boilerplate":
            headline, body = self.boilerplate(headline, body, outlet)
        elif self.rng.random() < MIXED_HEADLINE_SHARE:
            headline, body = self.headline(headline, body, outlet)
            headline, body = self.boilerplate(headline, body, outlet)
            headline, body = self.reorder(headline, body)
        else:
            headline, body = self.trim(headline, body)
            headline, body = self.boilerplate(headline, body, outlet)
        return _join(headline, body)


def variants(articles: list[tuple[str, str]], per_article: int, seed: int = 0) -> Iterator[dict[str, Any]]:
    """The originals and ``per_article`` variants of each, as JSONL items with ``story`` (gold) and ``variant``."""
    editor = Editor(seed)
    outlets = editor.words["outlets"]
    for article_id, text in articles:
        yield {"id": article_id, "text": text, "source": "original", "story": article_id, "variant": "original"}
        for k in range(per_article):
            kind = KINDS[k % len(KINDS)]
            outlet = outlets[k % len(outlets)]
            yield {"id": f"{article_id}~{k}", "text": editor.variant(text, kind, outlet), "source": outlet,
                   "story": article_id, "variant": kind}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-o", "--output", type=Path, required=True)
    parser.add_argument("--articles", type=int, default=None, help="at most N dev articles (default all)")
    parser.add_argument("--per-article", type=int, default=len(KINDS))
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    articles = dev_articles(args.articles)
    if not articles:
        raise SystemExit(f"no dev articles under {DEV_TEXTS}")
    with args.output.open("w", encoding="utf-8") as out:
        count = 0
        for item in variants(articles, args.per_article, args.seed):
            out.write(json.dumps(item, ensure_ascii=False) + "\n")
            count += 1
    print(f"{count} articles ({len(articles)} originals) -> {args.output}")


if __name__ == "__main__":
    main()
