"""Which date an event happened on: the expression attached to its predicate, else one in its sentence,
else the publication date. A date that modifies another noun of the sentence dates that noun only."""

from __future__ import annotations

import bisect
from typing import Any

from spacy.tokens import Doc, Span, Token

SPAN_KEY = "dates"

PREDICATE, SENTENCE, PUBLICATION, NONE = "predicate", "sentence", "publication", "none"


def _datable(span: Span) -> str | None:
    """A calendar value an event can carry (a day, week, month, ...); None for durations, sets, *_REF."""
    if span.label_ not in ("DATE", "TIME"):
        return None
    value = span.kb_id_
    if not value or not value[:1].isdigit():
        return None
    # a time of day dates the event by its day
    return value.split("T", 1)[0] if "T" in value and value[:4].isdigit() else value


def _attached(span: Span, trigger: Token) -> bool:
    """The date hangs on the trigger itself: an npadvmod/obl/tmod ("said Wednesday"), a prepositional
    phrase ("will meet on Thursday"), or a possessive/compound on a nominal trigger ("Monday's talks").
    A date inside one of the trigger's arguments ("the leader at Monday's talks briefed") is not."""
    root = span.root
    if span.start <= trigger.i < span.end or root.head.i == root.i:
        return False
    head = root.head
    if head.i == trigger.i:
        return root.dep_ not in ("nsubj", "nsubjpass", "dobj", "attr", "csubj")
    # through one preposition: "on Thursday", "in January", "at noon on Friday"
    return root.dep_ == "pobj" and head.dep_ in ("prep", "agent") and head.head.i == trigger.i


NOUN_MODIFIER_DEPS = ("poss", "compound", "nmod", "amod", "appos")
SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj", "csubjpass")


def _modifies_other_noun(span: Span, trigger: Token) -> bool:
    """The date modifies a noun other than the trigger that is not one of the trigger's own complements:
    "The leader of the delegation at Monday's talks briefed allies" (Monday dates the talks, which sit in
    the subject, not the briefing). A date on the trigger's object ("attacked the convoy on Monday", a
    frequent misattachment) still dates the act."""
    root = span.root
    if root.dep_ == "pobj" and root.head.dep_ == "prep":
        governor = root.head.head
    elif root.dep_ in NOUN_MODIFIER_DEPS:
        governor = root.head
    else:
        return False
    if governor.i == trigger.i or governor.pos_ not in ("NOUN", "PROPN", "PRON"):
        return False
    if not trigger.is_ancestor(governor):
        return True
    node = governor
    while node.i != trigger.i:
        if node.dep_ in SUBJECT_DEPS:
            return True
        node = node.head
    return False


# the dated spans of the last Doc asked about: recomputed per event, they made long articles quadratic
_CACHE: dict[str, Any] = {"key": None}


def _dated(doc: Doc, sentence: Span | None) -> list[tuple[Span, str]]:
    """The date spans with a value, in their own order; only those starting in ``sentence`` when given."""
    group = doc.spans[SPAN_KEY] if SPAN_KEY in doc.spans else []
    key = (doc, id(group), len(group))
    if _CACHE["key"] != key:
        dated = [(span, value) for span in group if (value := _datable(span))]
        order = sorted(range(len(dated)), key=lambda i: dated[i][0].start)
        _CACHE.update(key=key, dated=dated, order=order, starts=[dated[i][0].start for i in order])
    dated = _CACHE["dated"]
    if sentence is None:
        return dated
    first, last = (bisect.bisect_left(_CACHE["starts"], edge) for edge in (sentence.start, sentence.end))
    return [dated[i] for i in sorted(_CACHE["order"][first:last])]


def event_date(doc: Doc, trigger: Token) -> tuple[str | None, str]:
    """The date of the event whose predicate (trigger) is ``trigger`` and where it came from.

    Returns ``(value, source)``: source is ``"predicate"`` (a date expression attached to the trigger),
    ``"sentence"`` (the nearest date expression in the same sentence), ``"publication"`` (the article's
    date) or ``"none"`` (no date at all; value None). Reads ``doc.spans["dates"]`` from
    ``eventwire_dates``.
    """
    sentence = trigger.sent if doc.has_annotation("SENT_START") else None
    # a date attached to the trigger lies in its sentence (parse arcs never cross one): only those are tried
    dated = _dated(doc, sentence)
    for span, value in dated:
        if _attached(span, trigger):
            return value, PREDICATE
    if sentence is not None:
        same = [(span, value) for span, value in dated
                if sentence.start <= span.start < sentence.end and not _modifies_other_noun(span, trigger)]
        if same:
            span, value = min(same, key=lambda item: min(abs(item[0].start - trigger.i), abs(item[0].end - 1 - trigger.i)))
            return value, SENTENCE
    published = (doc._.article or {}).get("date") if Doc.has_extension("article") else None
    if published:
        return str(published), PUBLICATION
    return None, NONE
