"""Place names the NER missed, found by the gazetteer in their context.

The small spaCy model leaves well-known towns untagged ("in Chelmsford"), or tags them as a person or an
organisation. Two contexts make a capitalised name a place without the NER:

- **a dateline inside the text**: a name in capitals opening the text, a paragraph or a sentence and followed
  by a region, an agency in brackets or a dash/colon ("... photo caption. MANILA, Philippines - Ahead of",
  "BOSTON (Reuters) -"); the readers find only the dateline that opens the body;
- **a locative preposition**: "in", "at", "near", ... before the name (setting ``places.locative_preps``),
  or "of" after a noun of a place ("the village of Mbale", word list ``place_nouns``).

A name in a dateline is a place even where the actors read it as a metonym ("MEXICO CITY (AP) Mexico's
Senate ..."). Either way the gazetteer must know the name as a country, division, region or sea, or as a town of at
least ``places.scan_min_population`` people, and it must not be (part of) a person's or an organisation's
name the actors component found ("in Paris Hilton's words").
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable

from spacy.tokens import Doc, Span, Token

from ..words import word_set
from .gazetteer import Gazetteer
from .resolve import candidates_for

# common nouns of places on the ground (data/geo/words.json): "the Chilean border", "Lima's suburbs", "the
# city of Daegu"
PLACE_NOUNS = word_set("geo", "place_nouns")
NAMING_PREP = "of"  # "the village of X"

# a name in capitals (one to four words) where a dateline stands, then what makes it a dateline: a region
# after a comma, an agency in brackets, or a dash or colon
_INNER_DATELINE = re.compile(
    r"""
    (?:^|(?<=\n)|(?<=[.!?][ ])|(?<=[.!?]["\u201d'][ ]))
    (?P<place>[A-Z][A-Z.'\-]+(?:[ ][A-Z][A-Z.'\-]+){0,3})
    (?=
      ,[ ][A-Z][A-Za-z.]+
      |[ ]?\([A-Za-z][A-Za-z .&-]{0,30}\)
      |[ ]?(?::|\u2014|\u2013|--|-)[ ]
    )
    """,
    re.VERBOSE,
)

# a dateline in title case opening the text or a paragraph: a name, then a colon, a comma and an agency in
# capitals and a dash ("Doha: The ...", "Quito, EFE- The ..."), or a date and/or an agency in brackets and a
# dash ("Nairobi, May 4 (Xinhua) - "); the readers' dateline is in capitals
_DASH = r"(?:\u2014|\u2013|--|-)"
_OPENING_DATELINE = re.compile(
    rf"""
    (?:\A|(?<=\n))[ \t]*(?P<place>[A-Z][a-z]+(?:[ ][A-Z][a-z]+){{0,2}})
    (?=
      :[ ]
      |,[ ]?[A-Z]{{2,}}[ ]?{_DASH}
      |(?:,[ ][A-Z][a-z]{{2,8}}\.?[ ]\d{{1,2}})?[ ]?\([A-Za-z][A-Za-z .&-]{{0,30}}\)[ ]?(?:{_DASH}|:)[ ]
      |,[ ][A-Z][a-z]{{2,8}}\.?[ ]\d{{1,2}}[ ]?(?:{_DASH}|:)[ ]
    )
    """,
    re.VERBOSE,
)
ACTOR_NAME_TYPES = frozenset({"person", "organization"})


def is_place_noun(token: Token) -> bool:
    """A noun of a place on the ground, by lemma or as written (the tagger lemmatises "outskirts" to
    "outskirt", a word the list need not hold)."""
    return token.lemma_.lower() in PLACE_NOUNS or token.lower_ in PLACE_NOUNS


def named_by_place_noun(doc: Doc, start: int) -> bool:
    """The token at ``start`` follows "of" after a noun of a place ("the cities of Daegu")."""
    return start >= 2 and doc[start - 1].lower_ == NAMING_PREP and is_place_noun(doc[start - 2])


def _actor_names(doc: Doc) -> tuple[list[int], list[int]]:
    """Character spans of the names of people and organisations, sorted by start."""
    pairs = sorted(
        (m.start, m.end)
        for actor in doc._.actors or []
        if actor.type in ACTOR_NAME_TYPES
        for m in actor.mentions
        if m.kind == "name"
    )
    return [p[0] for p in pairs], [p[1] for p in pairs]


def _inside_actor(names: tuple[list[int], list[int]], start: int, end: int) -> bool:
    starts, ends = names
    i = bisect.bisect_right(starts, start) - 1
    while i >= 0 and starts[i] <= start:
        if ends[i] >= end:
            return True
        i -= 1
    return False


class Scanner:
    """Finds place names outside the NER's place entities (see the module doc)."""

    def __init__(self, locative_preps: Iterable[str], min_population: int, max_words: int, acronyms: int) -> None:
        self.locative_preps = frozenset(locative_preps)
        self.min_population = min_population
        self.max_words = max_words
        self.acronyms = acronyms

    def known(self, gazetteer: Gazetteer, text: str) -> bool:
        """The gazetteer knows ``text`` as an area, or as a town of enough people."""
        for candidate in candidates_for(gazetteer, text, self.acronyms):
            place = candidate.place
            if not place.is_city or place.population >= self.min_population:
                return True
        return False

    def datelines(self, doc: Doc, gazetteer: Gazetteer) -> list[Span]:
        """Datelines inside the text: "\\n\\nTORONTO - ...", "... caption. MANILA, Philippines - ..."."""
        found: list[Span] = []
        for match in _OPENING_DATELINE.finditer(doc.text):
            if not self.known(gazetteer, match.group("place")):
                continue
            span = doc.char_span(match.start("place"), match.end("place"), alignment_mode="contract")
            if span is not None and len(span):
                found.append(span)
        for match in _INNER_DATELINE.finditer(doc.text):
            place = match.group("place")
            if sum(ch.isalpha() for ch in place) <= self.acronyms:
                continue  # "AP -", "UN:": acronyms, not datelines
            if not self.known(gazetteer, place.title()):
                continue
            span = doc.char_span(match.start("place"), match.end("place"), alignment_mode="contract")
            if span is not None and len(span):
                found.append(span)
        return found

    def after_prepositions(self, doc: Doc, gazetteer: Gazetteer, taken: set[int]) -> list[Span]:
        """Capitalised names after a locative preposition ("in Chelmsford", "at Gulu")."""
        names = _actor_names(doc)
        found: list[Span] = []
        for token in doc:
            if token.i == 0 or token.i in taken:
                continue
            if (
                doc[token.i - 1].lower_ not in self.locative_preps
                and not named_by_place_noun(doc, token.i)
            ):
                continue
            if not token.text[:1].isupper():
                continue
            end = token.i
            while end < len(doc) and end - token.i < self.max_words and end not in taken and doc[end].text[:1].isupper():
                end += 1
            for stop in range(end, token.i, -1):
                span = doc[token.i : stop]
                if self.known(gazetteer, span.text) and not _inside_actor(names, span.start_char, span.end_char):
                    found.append(span)
                    break
        return found

    def spans(self, doc: Doc, gazetteer: Gazetteer, taken: set[int], datelines: list[Span]) -> list[Span]:
        """Both kinds (``datelines`` as :meth:`datelines` found them), not overlapping ``taken`` (token
        indexes of mentions already found) or each other."""
        chosen: list[Span] = []
        used = set(taken)
        for span in [*datelines, *self.after_prepositions(doc, gazetteer, taken)]:
            if any(i in used for i in range(span.start, span.end)):
                continue
            used.update(range(span.start, span.end))
            chosen.append(span)
        return chosen


def repeated_names(
    doc: Doc, named: Iterable[tuple[Span, object]], taken: set[int]
) -> list[tuple[Span, object]]:
    """Other occurrences of names already read as places (one name, one place in an article): "Omaha"
    after the dateline "OMAHA -", "Stamford" once the article has said "in Stamford". Each pair is a
    name's span and what it resolved to; an occurrence must start with a capital, lie outside ``taken``
    (token indexes of mentions already found, entities of skipped labels) and outside people's names."""
    persons = _person_names(doc)
    by_words: dict[tuple[str, ...], object] = {}
    for span, place in named:
        by_words.setdefault(tuple(t.lower_ for t in span), place)
    # where each capitalised word starts a possible occurrence: one pass over the Doc, not one per name
    starts: dict[str, list[int]] = {}
    firsts = {words[0] for words in by_words}
    for token in doc:
        if token.lower_ in firsts and token.text[:1].isupper():
            starts.setdefault(token.lower_, []).append(token.i)
    found: list[tuple[Span, object]] = []
    used = set(taken)
    for words, place in by_words.items():
        size = len(words)
        for i in starts.get(words[0], ()):
            if i + size > len(doc):
                continue
            if any(j in used for j in range(i, i + size)):
                continue
            span = doc[i : i + size]
            if tuple(t.lower_ for t in span) != words or _inside_actor(persons, span.start_char, span.end_char):
                continue
            used.update(range(i, i + size))
            found.append((span, place))
    return found


def _person_names(doc: Doc) -> tuple[list[int], list[int]]:
    pairs = sorted(
        (m.start, m.end)
        for actor in doc._.actors or []
        if actor.type == "person"
        for m in actor.mentions
        if m.kind == "name"
    )
    return [p[0] for p in pairs], [p[1] for p in pairs]


__all__ = ["PLACE_NOUNS", "Scanner", "is_place_noun", "named_by_place_noun", "repeated_names"]
