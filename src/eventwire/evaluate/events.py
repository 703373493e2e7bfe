"""Event coding on the CAMEO codebook examples (../shared/eval/cameo_codebook_examples), scored as sets.

Each example sentence has one gold CAMEO code and no gold actors. A sentence's events are all the events
of its record that assert an act (:func:`asserted`); every one of them is scored, none is singled out:

- ``root_recall`` / ``full_recall``: share of sentences with an asserted event of the gold root / full code;
- ``root_precision`` / ``full_precision``: share of all asserted events whose root / code is the gold one
  (a second, false event in a sentence counts against precision);
- ``wrong_root_share``: sentences with asserted events none of which has the gold root (lower is better);
- ``no_event_share``: sentences with no asserted event; ``events_per_sentence``: asserted events per sentence;
- ``marked_per_sentence``: events emitted but marked as not asserted (negated, hypothetical, a reporting
  frame); they are neither a hit nor a false event: the record says the act did not (or not yet) happen.
- ``verbs_*``: the same measures for the coder run without the coded-source requirement (the verb
  dictionary alone, independent of the actor dictionaries).
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import asdict
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from ..coding import doc_to_record, make_doc
from ..events import REPORTING_STATEMENT_RULE
from ..nlp.pipeline import provenance
from ..records import Article
from . import eval_dir
from .metrics import ratio
from .splits import select

FOLDER = "cameo_codebook_examples"
FILE = "cameo_eventtypes.csv"
MISSING = {"", "NULL", "NA"}
# modalities of an act coded as happening: asserted, announced for the future, or intended (CAMEO codes
# announced intentions as acts of their own)
HAPPENED = frozenset({None, "future", "intention"})


def asserted(event: dict[str, Any]) -> bool:
    """An event that claims the act happened: not negated, not conditional/possible/obliged, and not a
    statement that only frames another reported act (CAMEO codes the reported act, not the saying)."""
    return not event["negated"] and event["modality"] in HAPPENED and event.get("rule") != REPORTING_STATEMENT_RULE


def read_examples(settings: dict[str, Any], limit: int | None = None, split: str | None = None) -> list[tuple[str, str, str]]:
    """(item id ``"{code}:{row}"``, gold code, sentence) triples in file order; rows without an example skipped."""
    path = eval_dir(settings) / FOLDER / FILE
    with path.open(encoding="utf-8", newline="") as fh:
        rows = [(row["code"].strip(), row["example"].strip()) for row in csv.DictReader(fh)]
    # the codebook appends coder notes after " Note:" to some examples: not part of the sentence
    examples = [
        (f"{code}:{index}", code, text.split(" Note:")[0].strip())
        for index, (code, text) in enumerate(rows)
        if text not in MISSING and code.isdigit()
    ]
    return select(examples, lambda example: example[0], split, limit)


def score_sets(items: Iterable[tuple[str, list[dict[str, Any]]]], prefix: str = "") -> dict[str, float]:
    """Set scores for (gold code, events of the sentence) pairs; events are record ``events[]`` entries."""
    sentences = root_hits = full_hits = wrong = empty = 0
    n_events = n_marked = root_events = full_events = 0
    for gold, events in items:
        sentences += 1
        acts = [e for e in events if asserted(e)]
        n_marked += len(events) - len(acts)
        n_events += len(acts)
        roots = [e["root"] == gold[:2] for e in acts]
        codes = [e["cameo"] == gold for e in acts]
        root_events += sum(roots)
        full_events += sum(codes)
        root_hits += any(roots)
        full_hits += any(codes)
        empty += not acts
        wrong += bool(acts) and not any(roots)
    return {
        f"{prefix}root_recall": ratio(root_hits, sentences),
        f"{prefix}full_recall": ratio(full_hits, sentences),
        f"{prefix}root_precision": ratio(root_events, n_events),
        f"{prefix}full_precision": ratio(full_events, n_events),
        f"{prefix}wrong_root_share": ratio(wrong, sentences),
        f"{prefix}no_event_share": ratio(empty, sentences),
        f"{prefix}events_per_sentence": ratio(n_events, sentences),
        f"{prefix}marked_per_sentence": ratio(n_marked, sentences),
    }


def _verbs_only_events(coder: Any, doc: Doc) -> list[dict[str, Any]]:
    """The one place that reads a coder's return value instead of a record: the verbs-only diagnostic runs
    a second coder that is not part of the pipeline, so no record carries its events."""
    # plain dicts today; typed events (in progress elsewhere) are turned into their record form
    return [event if isinstance(event, dict) else asdict(event) for event in coder.code_doc(doc)]


def evaluate(nlp: Language, settings: dict[str, Any], limit: int | None = None, split: str | None = None) -> dict[str, float]:
    from ..events.coder import EventCoder
    from ..events.patterns import load_dictionary

    examples = read_examples(settings, limit, split)
    verbs_only = EventCoder(load_dictionary(), {**settings.get("events", {}), "require_source": False})
    prov = provenance(nlp)
    articles = [Article(id=f"codebook-{item_id}", text=text) for item_id, _, text in examples]
    docs = nlp.pipe((make_doc(nlp, article) for article in articles), batch_size=settings["nlp"]["batch_size"])
    coded: list[tuple[str, list[dict[str, Any]]]] = []
    verbs: list[tuple[str, list[dict[str, Any]]]] = []
    for (_, gold, _), article, doc in zip(examples, articles, docs, strict=True):
        coded.append((gold, doc_to_record(doc, article, prov)["events"]))
        verbs.append((gold, _verbs_only_events(verbs_only, doc)))
    scores = score_sets(coded)
    scores.update(score_sets(verbs, "verbs_"))
    scores["sentences"] = float(len(examples))
    return scores
