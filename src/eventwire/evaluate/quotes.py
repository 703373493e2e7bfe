"""``eventwire eval quotes``: attributions against PolNeAR dev (``polnear/dev``, brat standoff).

Gold: each ``E`` relation of the first annotator's ``.ann`` file of an article (files sorted by name)
gives a Content span (possibly discontinuous), a Cue and, usually, a Source mention. PolNeAR does not
type attributions, so a gold content span is typed here from the quotation marks of the text
(:func:`eventwire.quotes.marks.find_quoted_regions`, the same convention the component applies): direct
when at least ``DIRECT_SHARE`` of its words are inside quotation marks, indirect when none are, mixed
otherwise.

Scores (all deterministic, rounded to 4 places):

- ``<kind>_precision/recall/f1`` (a predicted quote's words: its ``parts`` when given, else its span) for direct, mixed, indirect and all: a predicted quote matches a gold
  content span when their word overlap is at least ``MIN_OVERLAP`` of the larger of the two (so one long
  prediction cannot match several short gold spans); pairs are matched one to one, best overlap first.
  Recall of a kind counts the gold spans of that kind, precision the predictions of that kind.
  ``quoted_*`` pools direct and mixed (gold and predicted quotes with words inside quotation marks), so a
  quote found but typed mixed instead of direct still counts, as the issue's "direct and mixed quotes" does.
- ``speaker_accuracy``: among matched pairs whose gold has a Source, the share where our speaker mention
  overlaps the gold Source span; ``direct_speaker_accuracy`` the same over direct gold quotes.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..coding import code_articles
from ..errors import InputError
from ..ingest.readers import read_text_article
from ..quotes.marks import find_quoted_regions
from . import eval_dir
from .metrics import prf_split, ratio
from .splits import check_split, split_of

KINDS: tuple[str, ...] = ("direct", "mixed", "indirect")
# kinds pooled into the ``quoted`` scores: every attribution with words inside quotation marks
QUOTED_KINDS: tuple[str, ...] = ("direct", "mixed")
MIN_OVERLAP = 0.5
DIRECT_SHARE = 0.9
_WORD = re.compile(r"\w+")


@dataclass
class GoldAttribution:
    content: list[tuple[int, int]]
    source: list[tuple[int, int]]
    kind: str = "indirect"


def _fragments(offsets: str) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for part in offsets.split(";"):
        start, end = part.split()
        out.append((int(start), int(end)))
    return out


def read_ann(path: Path) -> list[GoldAttribution]:
    """The attribution relations of one brat file that have a Content span."""
    spans: dict[str, list[tuple[int, int]]] = {}
    relations: list[dict[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        fields = line.split("\t")
        if line.startswith("T") and len(fields) >= 2:
            _, _, offsets = fields[1].partition(" ")
            spans[fields[0]] = _fragments(offsets)
        elif line.startswith("E") and len(fields) >= 2:
            roles = dict(part.split(":", 1) for part in fields[1].split() if ":" in part)
            relations.append(roles)
    gold: list[GoldAttribution] = []
    for roles in relations:
        content = [s for key, ref in roles.items() if key.startswith("Content") for s in spans.get(ref, [])]
        source = [s for key, ref in roles.items() if key.startswith("Source") for s in spans.get(ref, [])]
        if content:
            gold.append(GoldAttribution(sorted(content), sorted(source)))
    return gold


def _word_ids(text: str, ranges: list[tuple[int, int]], words: list[tuple[int, int]]) -> set[int]:
    """Indices of the words of ``text`` that lie in any of ``ranges``."""
    ids: set[int] = set()
    for start, end in ranges:
        for index, (w_start, w_end) in enumerate(words):
            if w_start >= start and w_end <= end:
                ids.add(index)
    return ids


def _gold_kind(word_ids: set[int], quoted: set[int]) -> str:
    if not word_ids:
        return "indirect"
    share = len(word_ids & quoted) / len(word_ids)
    if share >= DIRECT_SHARE:
        return "direct"
    return "indirect" if share == 0 else "mixed"


def _pred_ranges(quote: dict[str, Any]) -> list[tuple[int, int]]:
    """A quote's content: its parts when it has several (a quotation interrupted by its cue), else its span."""
    parts = quote.get("parts")
    if parts:
        return [(part["start"], part["end"]) for part in parts]
    return [(quote["start"], quote["end"])]


def _overlaps(a: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in a)


def _pools(kind: str) -> tuple[str, ...]:
    """The score pools one attribution of ``kind`` counts in."""
    return (kind, "quoted", "all") if kind in QUOTED_KINDS else (kind, "all")


def _dates(folder: Path) -> dict[str, str]:
    metadata = folder.parent / "metadata.tsv"
    if not metadata.is_file():
        return {}
    with metadata.open(encoding="utf-8") as fh:
        return {row["filename"]: row["publication_date"] for row in csv.DictReader(fh, delimiter="\t")}


def evaluate(nlp: Any, settings: dict[str, Any], limit: int | None = None, split: str | None = None) -> dict[str, float]:
    check_split(split)
    folder = eval_dir(settings) / "polnear" / "dev"
    dates = _dates(folder)
    articles = []
    golds: list[list[GoldAttribution]] = []
    for text_path in sorted((folder / "text").glob("*.txt")):
        if limit is not None and len(articles) >= limit:
            break
        name = text_path.stem
        if split is not None and split_of(name) != split:
            continue
        annotations = sorted((folder / "attributions").glob(f"{name}_*.ann"))
        if not annotations:
            continue
        text = text_path.read_text(encoding="utf-8")
        try:
            article = read_text_article(text, id=name, path=str(text_path), settings=settings, date=dates.get(name))
        except InputError:
            continue
        articles.append(article)
        golds.append(read_ann(annotations[0]))

    counts = {kind: {"pred": 0, "pred_hit": 0, "gold": 0, "gold_hit": 0} for kind in (*KINDS, "quoted", "all")}
    speaker_hits = speaker_total = direct_speaker_hits = direct_speaker_total = 0
    for record, gold in zip(code_articles(articles, nlp, settings=settings), golds, strict=True):
        text = record["text"]
        words = [(m.start(), m.end()) for m in _WORD.finditer(text)]
        quoted = _word_ids(text, [(r.start, r.end) for r in find_quoted_regions(text)], words)
        gold_words = []
        for g in gold:
            ids = _word_ids(text, g.content, words)
            g.kind = _gold_kind(ids, quoted)
            gold_words.append(ids)
        predictions = record["quotes"]
        pred_words = [_word_ids(text, _pred_ranges(q), words) for q in predictions]
        pairs = []
        for p_index, p_ids in enumerate(pred_words):
            for g_index, g_ids in enumerate(gold_words):
                common = len(p_ids & g_ids)
                if common:
                    score = common / max(len(p_ids), len(g_ids))
                    if score >= MIN_OVERLAP:
                        pairs.append((-score, p_index, g_index))
        pairs.sort()
        pred_match: dict[int, int] = {}
        gold_match: dict[int, int] = {}
        for _, p_index, g_index in pairs:
            if p_index in pred_match or g_index in gold_match:
                continue
            pred_match[p_index], gold_match[g_index] = g_index, p_index
        for p_index, quote in enumerate(predictions):
            for kind in _pools(quote["kind"]):
                counts[kind]["pred"] += 1
                counts[kind]["pred_hit"] += p_index in pred_match
        for g_index, g in enumerate(gold):
            for kind in _pools(g.kind):
                counts[kind]["gold"] += 1
                counts[kind]["gold_hit"] += g_index in gold_match
            if g_index in gold_match and g.source:
                speaker = predictions[gold_match[g_index]].get("speaker")
                hit = bool(speaker) and _overlaps(g.source, speaker["start"], speaker["end"])
                speaker_total += 1
                speaker_hits += hit
                if g.kind == "direct":
                    direct_speaker_total += 1
                    direct_speaker_hits += hit

    scores: dict[str, float] = {"articles": float(len(articles))}
    for kind, c in counts.items():
        precision, recall, f1 = prf_split(c["pred_hit"], c["pred"], c["gold_hit"], c["gold"])
        scores[f"{kind}_precision"] = precision
        scores[f"{kind}_recall"] = recall
        scores[f"{kind}_f1"] = f1
    scores["speaker_accuracy"] = ratio(speaker_hits, speaker_total)
    scores["direct_speaker_accuracy"] = ratio(direct_speaker_hits, direct_speaker_total)
    return scores
