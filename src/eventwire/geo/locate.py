"""Where an event happened: the place attached to its predicate, else one in its sentence, else the
dateline. Reads ``doc.spans["places"]`` and ``doc._.places`` written by ``eventwire_places``."""

from __future__ import annotations

import bisect
from typing import Any

from spacy.tokens import Doc, Span, Token

from ..settings import component_settings
from ..words import word_set

SPANS_KEY = "places"

RULE_PREP = "prep_{prep}"  # "talks in Brussels" -> prep_in
# a place reached or left is not where the event happens
DIRECTIONAL_PREPS = word_set("geo", "directional_preps")
RULE_NOMINAL = "nominal"  # "the Geneva talks", "At the Geneva talks, Moscow insisted"
RULE_SENTENCE = "sentence"  # a literal place elsewhere in the sentence
RULE_DATELINE = "dateline"  # the story's dateline, the weakest evidence


def _place_records(doc: Doc) -> dict[tuple[int, int], dict[str, Any]]:
    return {(p["start"], p["end"]): p for p in doc._.places or []}


# the indexes of the last Doc asked about: rebuilt per event, they made long articles quadratic
_CACHE: dict[str, Any] = {"key": None}


def _indexes(doc: Doc) -> tuple[dict[tuple[int, int], dict[str, Any]], dict[int, Span], list[Span], list[int], list[int]]:
    """Place records by offsets, place spans by token, the spans, and their positions and starts in start
    order (to find a sentence's spans by bisection, then take them in their own order); the dateline's
    place goes to ``_CACHE["dateline"]``."""
    group = doc.spans.get(SPANS_KEY, [])
    places = doc._.places or []
    key = (doc, id(group), len(group), id(places), len(places))
    if _CACHE["key"] != key:
        spans = list(group)
        order = sorted(range(len(spans)), key=lambda i: spans[i].start)
        _CACHE.update(key=key, value=(_place_records(doc), _token_places(doc), spans, order, [spans[i].start for i in order]),
                      dateline=next((p for p in places if p.get("source") == "dateline"), None))
    return _CACHE["value"]


def _span_place(
    doc: Doc, span: Span, records: dict[tuple[int, int], dict[str, Any]]
) -> dict[str, Any] | None:
    record = records.get((span.start_char, span.end_char))
    if record is None:
        for (start, end), candidate in records.items():
            if start < span.end_char and span.start_char < end:
                record = candidate
                break
    return record


def _result(record: dict[str, Any], rule: str) -> dict[str, Any]:
    return {
        "name": record["name"],
        "country": record.get("country"),
        "lat": record.get("lat"),
        "lon": record.get("lon"),
        "geonameid": record.get("geonameid"),
        "start": record.get("start"),
        "end": record.get("end"),
        "rule": rule,
    }


def _token_places(doc: Doc) -> dict[int, Span]:
    by_token: dict[int, Span] = {}
    for span in doc.spans.get(SPANS_KEY, []):
        for i in range(span.start, span.end):
            by_token[i] = span
    return by_token


def _nominal_place(noun: Token, by_token: dict[int, Span]) -> Span | None:
    """A place naming a noun's kind: "the Geneva talks", "the Brussels meeting"."""
    for child in noun.children:
        if child.dep_ in ("compound", "nmod", "amod", "poss") and child.i in by_token:
            return by_token[child.i]
    return None


def _prep_place(head: Token, by_token: dict[int, Span], preps: frozenset[str]) -> tuple[Span, str] | None:
    """ "held talks in Brussels" / "At the Geneva talks, Moscow insisted": a locative preposition
    under ``head`` whose object is a place, or whose object is named after one."""
    for prep in head.children:
        if prep.dep_ != "prep" or prep.lower_ not in preps:
            continue
        for obj in prep.children:
            if obj.dep_ != "pobj":
                continue
            if obj.i in by_token:
                return by_token[obj.i], RULE_PREP.format(prep=prep.lower_)
            nominal = _nominal_place(obj, by_token)
            if nominal is not None:
                return nominal, RULE_NOMINAL
    return None


def event_place(doc: Doc, trigger: Token, settings: dict[str, Any] | None = None) -> dict[str, Any] | None:
    """The place of the event whose predicate is ``trigger``, or None.

    Returns ``{name, country, lat, lon, geonameid, start, end, rule}``; ``rule`` says which evidence chose
    it: ``prep_<in|at|...>`` (a locative phrase on the predicate or its object), ``nominal`` (the
    predicate or its locative object is named after a place: "the Geneva talks"), ``sentence`` (a place in
    a locative phrase elsewhere in the sentence, nearest first) or ``dateline``.
    """
    table = settings or component_settings("places", None)
    preps = frozenset(table["locative_preps"]) - DIRECTIONAL_PREPS
    records, by_token, spans, order, starts = _indexes(doc)

    # 1. on the predicate, or on its object / the noun it heads ("briefed allies in Brussels")
    heads: list[Token] = [trigger]
    heads.extend(
        c
        for c in trigger.children
        if c.dep_ in ("dobj", "nsubjpass", "attr", "xcomp", "ccomp") and c.pos_ in ("NOUN", "PROPN", "VERB")
    )
    # a clause joined to another shares its setting: "At the Geneva talks, Moscow insisted ..., while
    # Washington firmly rejected ..." places both in Geneva
    node = trigger
    while node.dep_ in ("xcomp", "aux", "auxpass", "conj", "advcl", "ccomp") and node.head.i != node.i:
        node = node.head
        heads.append(node)
    for head in heads:
        found = _prep_place(head, by_token, preps)
        if found is not None:
            record = _span_place(doc, found[0], records)
            if record is not None:
                return _result(record, found[1])
    nominal = _nominal_place(trigger, by_token) if trigger.pos_ in ("NOUN", "PROPN") else None
    if nominal is not None:
        record = _span_place(doc, nominal, records)
        if record is not None:
            return _result(record, RULE_NOMINAL)

    # 2. a literal place elsewhere in the sentence: locative objects first, then the nearest
    sentence = trigger.sent
    first, last = bisect.bisect_left(starts, sentence.start), bisect.bisect_left(starts, sentence.end)
    in_sentence = [spans[i] for i in sorted(order[first:last]) if spans[i].end <= sentence.end and spans[i].label_]

    def locative(span: Span) -> bool:
        # only "in Brussels"-like phrases say where; "talks with the United States", "tensions over
        # Ukraine" and "the U.S. delegation" say with whom, about what, whose
        root = span.root
        return root.dep_ == "pobj" and root.head.lower_ in preps

    for span in sorted((s for s in in_sentence if locative(s)), key=lambda s: abs(s.root.i - trigger.i)):
        record = _span_place(doc, span, records)
        if record is not None:
            return _result(record, RULE_SENTENCE)

    # 3. the dateline
    dateline = _CACHE["dateline"]
    return _result(dateline, RULE_DATELINE) if dateline is not None else None


__all__ = ["RULE_DATELINE", "RULE_NOMINAL", "RULE_PREP", "RULE_SENTENCE", "event_place"]
