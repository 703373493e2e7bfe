"""Coordinates for place mentions the gazetteer does not know: streets, buildings, parks, neighbourhoods.

A mention left without a reading is located, in this order, by

0. **the town after "in"** ("the Rialto Cinema in Omaha", "at Blue Door Arts in Accra"): a town or
   county mention right after the name;
1. **a place inside its name** ("Quito Cathedral", "the Nebraska State Office Building", "the Chilean Embassy
   Lima"): the longest run of words in it that the gazetteer knows, resolved in the article's context;
   not for streets (head word in the list ``street_heads``: "Boston Avenue" is seldom in Boston), and
   not when that place is a country or state that holds the article's focus (the focus is nearer);
2. **the article's focus**, for buildings and streets (entity labels ``places.focus_labels``, or a name
   whose head noun is one of the word list ``facility_heads``: "Dunmore Drive" tagged GPE; not seas,
   rivers or regions) and for any other name after a locative preposition ("in Nqobeville": an unknown
   town; an unknown name elsewhere is as often a virus or a person as a town): the town of the dateline, else the town (or
   county) most of the article's places lie near. A street in a local story lies in the story's town; a
   country or a state is too coarse to stand for one, so it is never the focus.

The place keeps its own name and gets the point of what located it, no GeoNames id and no feature code;
``evidence`` says which rule located it and ``candidates`` names the place it was located by. A mention
neither locates is left unresolved.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from spacy.tokens import Span, Token

from ..actors import country_of_adjective
from ..words import word_set
from .gazetteer import ADMIN1_FEATURE, ADMIN2_FEATURE, Gazetteer, Place
from .resolve import (
    Candidate,
    Context,
    Mention,
    Weights,
    _clean_name,
    candidates_for,
    choose,
    distance_km,
    name_key,
)

# the head nouns of buildings, streets and grounds (data/geo/words.json)
FACILITY_HEADS = word_set("geo", "facility_heads")
# ... of streets: a street named after a place ("Boston Avenue", "Memphis Street") lies in the article's town,
# seldom in the place it is named after
STREET_HEADS = word_set("geo", "street_heads")
RULE_INNER = "place_in_name"
RULE_AFTER = "place_after_in"
CONTAINMENT_PREP = "in"
RULE_FOCUS = "article_focus"


def _focus(mentions: Sequence[Mention], dateline: Mention | None, radius_km: float) -> Place | None:
    """The dateline's town, else the town (or county) the article's other places gather round: the one with
    the most names of places (each name once) within ``radius_km`` of it or in its state (ties: the first named). A
    town named often but alone (a street called Franklin read as Franklin, Tennessee) does not win."""
    if dateline is not None and dateline.place is not None and (dateline.place.is_city or dateline.place.feature == ADMIN2_FEATURE):
        return dateline.place
    # each name once: a name repeated is one piece of evidence ("Nandi" said eight times, a person's name
    # read as a town, must not outweigh Cape Town and the Western Cape)
    located: dict[str, Place] = {}
    for m in mentions:
        if m.place is not None and m.place.lat is not None and m.evidence[:1] not in ([RULE_INNER], [RULE_FOCUS]):
            located.setdefault(name_key(_clean_name(m.text)), m.place)
    towns: dict[int, Place] = {}
    for place in located.values():
        if place.is_city or place.feature == ADMIN2_FEATURE:
            towns.setdefault(id(place), place)
    best: tuple[int, Place] | None = None
    for town in towns.values():
        support = 0
        for place in located.values():
            if place.cc != town.cc:
                continue
            if place.feature == ADMIN1_FEATURE:
                support += place.admin1 is not None and place.admin1 == town.admin1
            elif place.is_city or place.feature == ADMIN2_FEATURE:
                support += distance_km(town.lat or 0.0, town.lon or 0.0, place.lat or 0.0, place.lon or 0.0) <= radius_km
        if best is None or support > best[0]:
            best = (support, town)
    return best[1] if best is not None else None


def _contains(area: Place, town: Place, gazetteer: Gazetteer) -> bool:
    """The country or first-level division ``area`` holds ``town``."""
    if area.is_country:
        return area.cc == town.cc
    if area.feature != ADMIN1_FEATURE or area.cc != town.cc:
        return False
    code = area.admin1 or gazetteer.admin1_by_name.get((area.cc or "", name_key(area.name)))
    return code is not None and code == town.admin1


def _demonym(token: Token, gazetteer: Gazetteer) -> bool:
    """A nationality adjective ("Korean"), not a place's own name ("Manila")."""
    return country_of_adjective(token) is not None and not any(c.primary for c in gazetteer.lookup(token.text))


def _inner(
    mention: Mention,
    gazetteer: Gazetteer,
    weights: Weights,
    context: Context,
    max_words: int,
    known: Callable[[Gazetteer, str], bool],
) -> Place | None:
    """The longest run of the mention's words (left to right among equals) that the gazetteer ``known``s,
    leaving out the name's head word: "Greenway Street" is on a street, not in the town of Street."""
    span = mention.span
    if span is None or len(span) < 2:
        return None
    head = span.root.i
    # proper nouns only, and no nationality adjective: the "Korean Peninsula" is not in a town called Korean
    tokens = [t for t in span if t.pos_ == "PROPN" and t.text[:1].isupper() and not _demonym(t, gazetteer)]
    for size in range(min(len(span) - 1, max_words), 0, -1):
        for i in range(len(span) - size + 1):
            part = span[i : i + size]
            if head in range(part.start, part.end) or any(t not in tokens for t in part):
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
    focus_labels: frozenset[str],
    radius_km: float,
    after_locative: Callable[[Span], bool],
) -> None:
    """Give each mention without a place the point of the place inside its name or of the article's focus;
    the located mention gets a place without GeoNames id or feature (see the module doc)."""
    focus = _focus(mentions, dateline, radius_km)
    by_start = {m.span.start: m for m in mentions if m.span is not None}
    for mention in mentions:
        if mention.place is not None:
            continue
        span = mention.span
        by, rule = _place_after(mention, by_start), RULE_AFTER
        if by is not None:
            _locate(mention, by, rule)
            continue
        street = span is not None and len(span) > 1 and span.root.lower_ in STREET_HEADS
        by = None if street else _inner(mention, gazetteer, weights, context, max_words, known)
        rule = RULE_INNER
        if by is not None and focus is not None and not by.is_city and _contains(by, focus, gazetteer):
            # "Nebraska Wesleyan University" in a story about Lincoln: the town, not the state's middle
            by = None
        if by is None and span is not None and (
            span.label_ in focus_labels or span.root.lower_ in FACILITY_HEADS or after_locative(span)
        ):
            by, rule = focus, RULE_FOCUS
        if by is not None:
            _locate(mention, by, rule)


def _place_after(mention: Mention, by_start: dict[int, Mention]) -> Place | None:
    """ "the Rialto Cinema in Omaha": the town or county named right after "in"."""
    span = mention.span
    if span is None or span.end >= len(span.doc) or span.doc[span.end].lower_ != CONTAINMENT_PREP:
        return None
    after = by_start.get(span.end + 1)
    place = after.place if after is not None else None
    if place is None or place.lat is None or not (place.is_city or place.feature == ADMIN2_FEATURE):
        return None
    return place


def _locate(mention: Mention, by: Place, rule: str) -> None:
    """The mention keeps its name and takes the point (and country) of ``by``."""
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
