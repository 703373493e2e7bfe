"""Coordinates for place mentions the gazetteer does not know: streets, buildings, parks, neighbourhoods.

A mention left without a reading is located, in this order, by

1. **a place inside its name** ("Manila Cathedral", "the Illinois Capitol Complex", "British Embassy
   Tokyo"): the longest run of words in it that the gazetteer knows, resolved in the article's context;
2. **the article's focus**: the town of the dateline, else the town (or county) the article names most
   often (ties: the first named). A street in a local story lies in the story's town; a country or a
   state is too coarse to stand for one, so it is never the focus.

The place keeps its own name and gets the point of what located it, no GeoNames id and no feature code;
``evidence`` says which rule located it and ``candidates`` names the place it was located by. A mention
neither locates is left unresolved.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence

from .gazetteer import ADMIN2_FEATURE, Gazetteer, Place
from .resolve import Candidate, Context, Mention, Weights, _clean_name, candidates_for, choose, name_key

RULE_INNER = "place_in_name"
RULE_FOCUS = "article_focus"


def _focus(mentions: Sequence[Mention], dateline: Mention | None) -> Place | None:
    """The dateline's town, else the town or county named most often."""
    if dateline is not None and dateline.place is not None and (dateline.place.is_city or dateline.place.feature == ADMIN2_FEATURE):
        return dateline.place
    counts: Counter[int] = Counter()
    first: dict[int, Place] = {}
    for mention in mentions:
        place = mention.place
        if place is None or mention.evidence[:1] in ([RULE_INNER], [RULE_FOCUS]):
            continue
        if place.is_city or place.feature == ADMIN2_FEATURE:
            counts[id(place)] += 1
            first.setdefault(id(place), place)
    if not counts:
        return None
    top = max(counts.values())
    return next(place for key, place in first.items() if counts[key] == top)


def _inner(
    mention: Mention,
    gazetteer: Gazetteer,
    weights: Weights,
    context: Context,
    max_words: int,
    known: Callable[[Gazetteer, str], bool],
) -> Place | None:
    """The longest run of the mention's words (left to right among equals) that the gazetteer ``known``s,
    leaving out the name's head word: "Frenchmen Street" is on a street, not in the town of Street."""
    span = mention.span
    if span is None or len(span) < 2:
        return None
    head = span.root.i
    tokens = [t for t in span if t.text[:1].isupper()]
    for size in range(min(len(span) - 1, max_words), 0, -1):
        for i in range(len(span) - size + 1):
            part = span[i : i + size]
            if head in range(part.start, part.end) or not part[0].text[:1].isupper() or part[0] not in tokens:
                continue
            if not known(gazetteer, part.text):
                continue
            inner = Mention(part.start_char, part.end_char, part.text, mention.source, part)
            inner.candidates = candidates_for(gazetteer, part.text, int(weights.acronym_max_letters))
            place, _ = choose(inner, gazetteer, weights, context)
            if place is not None and place.lat is not None:
                return place
    return None


def locate_unresolved(
    mentions: Sequence[Mention],
    dateline: Mention | None,
    gazetteer: Gazetteer,
    weights: Weights,
    context: Context,
    max_words: int,
    known: Callable[[Gazetteer, str], bool],
) -> None:
    """Give each mention without a place the point of the place inside its name or of the article's focus;
    the located mention gets a place without GeoNames id or feature (see the module doc)."""
    focus = _focus(mentions, dateline)
    for mention in mentions:
        if mention.place is not None:
            continue
        by = _inner(mention, gazetteer, weights, context, max_words, known)
        rule = RULE_INNER
        if by is None:
            by, rule = focus, RULE_FOCUS
        if by is None:
            continue
        mention.place = Place(
            name=_clean_name(mention.text),
            feature="",
            cc=by.cc,
            country=by.country,
            lat=by.lat,
            lon=by.lon,
            population=0,
            admin1=by.admin1,
        )
        mention.evidence = [rule]
        mention.scored = [(0.0, Candidate(by, name_key(by.name) == name_key(mention.text)))]


__all__ = ["RULE_FOCUS", "RULE_INNER", "locate_unresolved"]
