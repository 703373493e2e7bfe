"""Event coding on the CAMEO codebook examples (../shared/eval/cameo_codebook_examples).

Each example sentence has one gold CAMEO code. We code the sentence and take its main event (see
:func:`main_event`), then report the share of sentences whose main event has the gold root code
(``root_accuracy``), the gold full code (``full_accuracy``), a different root (``wrong_root_share``), and
how many sentences gave no event (``no_event``). The ``verbs_*`` metrics repeat this without the
coded-source requirement: they measure the verb dictionary alone, independent of the actor dictionaries.
"""

from __future__ import annotations

import csv
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from ..coding import make_doc
from ..events import REPORTING_STATEMENT_RULE
from ..records import Article
from . import eval_dir

FOLDER = "cameo_codebook_examples"
FILE = "cameo_eventtypes.csv"
MISSING = {"", "NULL", "NA"}
# modalities of an act that is coded as happening: asserted, announced for the future, or intended
HAPPENED = frozenset({None, "future", "intention"})


def read_examples(settings: dict[str, Any], limit: int | None = None) -> list[tuple[str, str]]:
    """(gold code, sentence) pairs, in file order."""
    path = eval_dir(settings) / FOLDER / FILE
    with path.open(encoding="utf-8", newline="") as fh:
        rows = [(row["code"].strip(), row["example"].strip()) for row in csv.DictReader(fh)]
    # the codebook appends coder notes ("... Note: Two reciprocal events are coded"): not part of the sentence
    examples = [(code, text.split(" Note:")[0].strip()) for code, text in rows if text not in MISSING and code.isdigit()]
    return examples[:limit] if limit else examples


def clause_depth(doc: Doc, offset: int) -> int:
    """How many dependency steps the token at ``offset`` lies below its sentence root."""
    span = doc.char_span(offset, offset + 1, alignment_mode="expand")
    if span is None or not len(span):
        return 0
    token, depth = span[0], 0
    while token.head is not token and depth < 50:
        token, depth = token.head, depth + 1
    return depth


def main_event(events: list[dict[str, Any]], doc: Doc | None = None) -> dict[str, Any] | None:
    """The event a sentence is coded as (CAMEO's convention): only an asserted act (a negated, conditional,
    possible or obligatory act did not happen), not a statement that only frames a reported act; an act
    before a plain statement (010) that reports it; then
    the act highest in the parse (the main clause's); then the first."""
    # a quote's statement that reports another act (quotes' speech events, rule "speech-reporting") is not the
    # sentence's event under CAMEO's convention, whether or not the reported act could be coded
    events = [e for e in events if not e["negated"] and e["modality"] in HAPPENED and e.get("rule") != REPORTING_STATEMENT_RULE]
    if not events:
        return None

    def key(event: dict[str, Any]) -> tuple[Any, ...]:
        depth = clause_depth(doc, event["trigger"]["start"]) if doc is not None else 0
        return (event["cameo"] == "010", event["negated"], event["modality"] not in (None, "future"), depth,
                event["trigger"]["start"])

    return min(events, key=key)


def _score(pairs: list[tuple[str, dict[str, Any] | None]], prefix: str) -> dict[str, float]:
    total = len(pairs) or 1
    root = full = wrong = none = 0
    for gold, event in pairs:
        if event is None:
            none += 1
        elif event["root"] == gold[:2]:
            root += 1
            full += event["cameo"] == gold
        else:
            wrong += 1
    return {
        f"{prefix}root_accuracy": round(root / total, 4),
        f"{prefix}full_accuracy": round(full / total, 4),
        f"{prefix}wrong_root_share": round(wrong / total, 4),
        f"{prefix}no_event": float(none),
    }


def evaluate(nlp: Language, settings: dict[str, Any], limit: int | None = None) -> dict[str, float]:
    from ..events.coder import EventCoder
    from ..events.patterns import load_dictionary

    examples = read_examples(settings, limit)
    verbs_only = EventCoder(load_dictionary(), {**settings.get("events", {}), "require_source": False})
    has_events = "eventwire_events" in nlp.pipe_names
    coded: list[tuple[str, dict[str, Any] | None]] = []
    verbs: list[tuple[str, dict[str, Any] | None]] = []
    articles = [Article(id=f"codebook-{i}", text=text) for i, (_, text) in enumerate(examples)]
    docs = nlp.pipe((make_doc(nlp, article) for article in articles), batch_size=settings["nlp"]["batch_size"])
    for (gold, _), doc in zip(examples, docs, strict=True):
        coded.append((gold, main_event(doc._.events or [], doc) if has_events else None))
        verbs.append((gold, main_event(verbs_only.code_doc(doc), doc)))
    scores = _score(coded, "")
    scores.update(_score(verbs, "verbs_"))
    scores["sentences"] = float(len(examples))
    return scores
