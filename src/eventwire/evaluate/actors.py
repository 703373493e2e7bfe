"""Actors on GUM news (``../shared/eval/gum_news/conllu``): mention detection and within-article clustering.

Gold: GUM entity mentions of etype person / organization / place (-> PER / ORG / LOC). GUM marks every
mention (full noun phrases, pronouns, nominals); "named" gold mentions are those linked to Wikipedia or
whose minimal span holds a proper noun (a pronoun linked to Wikipedia is not named).

Matching a predicted mention (an entry of ``actors[].mentions``) to a gold mention, one-to-one:
- exact: same character span;
- head: the prediction lies inside the gold span and covers a token of GUM's minimal span ("minspan"),
  so "Dmitry Peskov" matches GUM's "Kremlin spokesperson Dmitry Peskov".

Metrics (precision/recall/F1, flat names):
- ``named_*``: our name and metonym mentions against named gold mentions (exact and head matching;
  ``named_typed_head_f1`` also requires PER/ORG/LOC to agree, ``named_head_PER_f1`` etc. per type; LOC
  recall is low by design: a city is an actor only when it stands for its government, else a place);
- ``all_head_*``: all our mentions (pronouns and descriptions too) against all gold person/org/place mentions;
- ``coref_bcubed_*`` (B-cubed, Bagga & Baldwin 1998) and ``coref_muc_f1`` (MUC, Vilain et al. 1995):
  our clusters (actor ids) against GUM's coreference ids, over the mentions we output that head-match a gold
  mention (so detection errors are scored above, clustering errors here).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from spacy.language import Language

from ..coding import code_articles
from ..records import Article
from . import eval_dir
from .metrics import f1, fraction, prf_scores, ratio, rounded
from .splits import select

GOLD_TYPES = {"person": "PER", "organization": "ORG", "place": "LOC"}
LABELS = ("PER", "ORG", "LOC")
PRED_TYPES = {"person": "PER", "organization": "ORG", "group": "ORG", "country": "LOC"}
ENTITY_OPEN = re.compile(r"\((\d+)-([^()]*)")


@dataclass
class GoldMention:
    start: int
    end: int
    entity: str
    label: str
    head_spans: list[tuple[int, int]]  # char spans of the minspan tokens
    named: bool


@dataclass
class GoldDoc:
    name: str
    text: str
    date: str | None
    mentions: list[GoldMention]


def read_conllu(path: Path) -> GoldDoc:
    text_parts: list[str] = []
    offset = 0
    date: str | None = None
    mentions: list[GoldMention] = []
    open_stack: dict[str, list[tuple[int, str, list[tuple[int, int, str]]]]] = {}
    tokens: list[tuple[int, int, str]] = []  # start, end, upos of the current document

    def close(entity_id: str) -> None:
        if not open_stack.get(entity_id):
            return
        start_index, attrs, _ = open_stack[entity_id].pop()
        parts = attrs.split("-")
        etype = parts[0] if parts else ""
        if etype not in GOLD_TYPES:
            return
        span_tokens = tokens[start_index:]
        minspan = parts[4] if len(parts) > 4 else ""
        positions = [int(p) for p in minspan.split(",") if p.isdigit()]
        heads = [span_tokens[p - 1] for p in positions if 0 < p <= len(span_tokens)] or span_tokens[-1:]
        named = any(upos == "PROPN" for _, _, upos in heads)
        mentions.append(GoldMention(span_tokens[0][0], span_tokens[-1][1], entity_id, GOLD_TYPES[etype],
                                    [(s, e) for s, e, _ in heads], named))

    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# meta::dateCreated"):
            date = line.split("=", 1)[1].strip()[:10]
            continue
        if not line or line.startswith("#"):
            if line.startswith("# newpar ") or line == "# newpar":
                if text_parts:  # paragraphs on lines of their own, as articles come
                    text_parts.append("\n")
                    offset += 1
            continue
        cols = line.split("\t")
        if len(cols) < 10 or not cols[0].isdigit():
            continue
        form, upos, misc = cols[1], cols[3], cols[9]
        start = offset
        text_parts.append(form)
        offset += len(form)
        tokens.append((start, offset, upos))
        entity = next((f[len("Entity="):] for f in misc.split("|") if f.startswith("Entity=")), "")
        position = 0
        while position < len(entity):
            opened = ENTITY_OPEN.match(entity, position)
            if opened:
                entity_id, attrs = opened.group(1), opened.group(2)
                open_stack.setdefault(entity_id, []).append((len(tokens) - 1, attrs, []))
                position = opened.end()
                if position < len(entity) and entity[position] == ")":
                    close(entity_id)
                    position += 1
                continue
            closed = re.match(r"(\d+)\)", entity[position:])
            if closed:
                close(closed.group(1))
                position += closed.end()
                continue
            position += 1
        if "SpaceAfter=No" not in misc:
            text_parts.append(" ")
            offset += 1
    text = "".join(text_parts)
    return GoldDoc(path.stem, text, date, mentions)


def _match(preds: list[dict[str, Any]], golds: list[GoldMention], mode: str, typed: bool = False) -> list[tuple[int, int]]:
    """One-to-one pairs (pred index, gold index), greedily in text order, the tightest gold span first."""
    pairs: list[tuple[int, int]] = []
    taken: set[int] = set()
    for pi, pred in enumerate(preds):
        candidates = []
        for gi, gold in enumerate(golds):
            if gi in taken or (typed and PRED_TYPES.get(pred["type"]) != gold.label):
                continue
            if mode == "exact":
                ok = pred["start"] == gold.start and pred["end"] == gold.end
            else:
                ok = gold.start <= pred["start"] and pred["end"] <= gold.end and any(
                    pred["start"] < e and s < pred["end"] for s, e in gold.head_spans)
            if ok:
                candidates.append((gold.end - gold.start, gi))
        if candidates:
            gi = min(candidates)[1]
            taken.add(gi)
            pairs.append((pi, gi))
    return pairs


def bcubed(pred: dict[int, str], gold: dict[int, str]) -> tuple[float, float]:
    """B-cubed precision and recall sums over the items (caller divides by the item count)."""
    p_sum = r_sum = 0.0
    pred_groups: dict[str, set[int]] = {}
    gold_groups: dict[str, set[int]] = {}
    for item, c in pred.items():
        pred_groups.setdefault(c, set()).add(item)
    for item, c in gold.items():
        gold_groups.setdefault(c, set()).add(item)
    for item in pred:
        same = pred_groups[pred[item]] & gold_groups[gold[item]]
        p_sum += len(same) / len(pred_groups[pred[item]])
        r_sum += len(same) / len(gold_groups[gold[item]])
    return p_sum, r_sum


def muc_counts(key: dict[int, str], response: dict[int, str]) -> tuple[int, int]:
    """MUC: sum over key clusters of (|K| - partitions of K by the response) and of (|K| - 1)."""
    groups: dict[str, set[int]] = {}
    for item, c in key.items():
        groups.setdefault(c, set()).add(item)
    numerator = denominator = 0
    for members in groups.values():
        partitions = {response[i] for i in members}
        numerator += len(members) - len(partitions)
        denominator += len(members) - 1
    return numerator, denominator


def evaluate(nlp: Language, settings: dict[str, Any], limit: int | None = None, split: str | None = None) -> dict[str, float]:
    folder = eval_dir(settings) / "gum_news" / "conllu"
    paths = select(sorted(folder.glob("*.conllu")), lambda path: path.stem, split, limit)
    golds = [read_conllu(path) for path in paths]
    articles = [Article(id=g.name, text=g.text, date=g.date) for g in golds]
    counts = {"named_exact": [0, 0, 0], "named_head": [0, 0, 0], "named_typed_head": [0, 0, 0], "all_head": [0, 0, 0]}
    for label in LABELS:
        counts[f"named_head_{label}"] = [0, 0, 0]
    b_p = b_r = 0.0
    b_items = 0
    muc_r = [0, 0]
    muc_p = [0, 0]
    records = code_articles(articles, nlp, settings=settings)
    for gold, record in zip(golds, records, strict=True):
        preds: list[dict[str, Any]] = []
        for actor in record["actors"]:
            for mention in actor["mentions"]:
                preds.append({**mention, "type": actor["type"], "actor": actor["id"]})
        preds.sort(key=lambda m: (m["start"], m["end"]))
        named_preds = [m for m in preds if m.get("kind") in ("name", "metonym")]
        named_golds = [g for g in gold.mentions if g.named]
        for key, ps, gs, mode, typed in (
            ("named_exact", named_preds, named_golds, "exact", False),
            ("named_head", named_preds, named_golds, "head", False),
            ("named_typed_head", named_preds, named_golds, "head", True),
            ("all_head", preds, gold.mentions, "head", False),
        ):
            pairs = _match(ps, gs, mode, typed)
            counts[key][0] += len(pairs)
            counts[key][1] += len(ps)
            counts[key][2] += len(gs)
        for label in LABELS:
            ps = [m for m in named_preds if PRED_TYPES.get(m["type"]) == label]
            gs = [g for g in named_golds if g.label == label]
            pairs = _match(ps, gs, "head", typed=True)
            counts[f"named_head_{label}"][0] += len(pairs)
            counts[f"named_head_{label}"][1] += len(ps)
            counts[f"named_head_{label}"][2] += len(gs)
        pairs = _match(preds, gold.mentions, "head")
        pred_clusters = {pi: preds[pi]["actor"] for pi, _ in pairs}
        gold_clusters = {pi: gold.mentions[gi].entity for pi, gi in pairs}
        p_sum, r_sum = bcubed(pred_clusters, gold_clusters)
        b_p += p_sum
        b_r += r_sum
        b_items += len(pairs)
        num, den = muc_counts(gold_clusters, pred_clusters)
        muc_r[0] += num
        muc_r[1] += den
        num, den = muc_counts(pred_clusters, gold_clusters)
        muc_p[0] += num
        muc_p[1] += den
    scores: dict[str, float] = {}
    for key, (tp, n_pred, n_gold) in counts.items():
        scores.update(prf_scores(f"{key}_", tp, n_pred, n_gold))
    bp, br = ratio(b_p, b_items), ratio(b_r, b_items)
    scores["coref_bcubed_precision"] = bp
    scores["coref_bcubed_recall"] = br
    scores["coref_bcubed_f1"] = f1(fraction(b_p, b_items), fraction(b_r, b_items))
    scores["coref_muc_f1"] = f1(fraction(*muc_p), fraction(*muc_r))
    scores["coref_mentions"] = float(b_items)
    scores["documents"] = float(len(golds))
    return rounded(scores)
