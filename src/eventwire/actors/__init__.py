"""Actors: who is who in an article, coded CAMEO-style (component ``eventwire_actors``).

The component (:mod:`eventwire.actors.component`) writes

- ``doc._.actors``: list of :class:`~eventwire.records.Actor` (schema ``actors[]``): ``id`` (stable content hash), ``name``,
  ``code`` (CAMEO actor code or None), ``country`` (ISO3 or None), ``role`` (agent type such as GOV, MIL,
  SPY, or None), ``type`` (person, organization, country, group) and ``mentions[]`` with ``start``/``end``
  character offsets, ``text`` and ``kind`` (``name``, ``nominal``, ``pronoun`` or ``metonym``);
- ``doc.spans["actors"]``: one span per resolved mention, pronouns and descriptions included, with
  ``span.kb_id_`` = actor id and ``span.label_`` = actor code ("" when uncoded).

Settings: the ``[actors]`` table of settings.toml (factory config ``{"settings": {...}}`` overrides it);
user dictionaries: docs/dictionaries.md. Pronouns resolved: he/she/him/her/his/himself/herself (never from
inside a quotation to a name inside it); it/its/they/their for organisations, countries and groups only as a
subject of an agentive verb or a possessor, with one candidate in reach (``[actors] group_pronouns``);
generic nouns: "the alliance", "the bloc", ... (curated anaphors). An agent noun without a country takes it
from a qualifying capital ("the Khartoum government"), a following "in/from COUNTRY" ("opposition groups in
Zimbabwe") or its possessor ("his Security Council" after Putin: RUSGOV, not the UN's).

Helpers for later components (quotes, events, places), all reading only the data above so they also work
on Docs that came back from another process:

- :func:`actor_for_token` -- the actor a token belongs to (subject/object/speaker resolution);
- :func:`actor_for_span` -- the same for a span (e.g. a noun chunk);
- :func:`is_metonymic_place` -- whether a place name is used as a government ("Moscow insisted"), so the
  places component can skip it.
"""

from __future__ import annotations

import bisect
import itertools
from typing import Any

from spacy.tokens import Doc, Span, Token

from ..records import Actor

SPANS_KEY = "actors"
# dependency labels by which a modifier mention hangs off the noun it codes: "Russian officials",
# "the Kremlin's spokesman", "officials of the ministry" (the mention is the modifier, the token the noun)
MODIFIER_DEPS: frozenset[str] = frozenset({"compound", "amod", "poss", "nmod", "npadvmod"})
MENTION_KIND_METONYM = "metonym"


class MentionIndex:
    """The actor mentions of one Doc indexed by token: built once, then every lookup is a dict access."""

    def __init__(self, doc: Doc) -> None:
        self.spans: list[Span] = list(doc.spans[SPANS_KEY]) if SPANS_KEY in doc.spans else []
        self.actors = doc._.actors
        self.by_id: dict[str, Actor] = {actor.id: actor for actor in (self.actors or [])}
        self.covering: dict[int, list[Span]] = {}
        self.modifying: dict[int, list[Span]] = {}
        for span in self.spans:
            for i in range(span.start, span.end):
                self.covering.setdefault(i, []).append(span)
            root = span.root
            if root.dep_ in MODIFIER_DEPS and root.head.i != root.i:
                self.modifying.setdefault(root.head.i, []).append(span)


_cached: tuple[Doc, MentionIndex] | None = None


def mention_index(doc: Doc) -> MentionIndex:
    """The index of ``doc``, rebuilt when another Doc is asked about or its actors have changed."""
    global _cached
    if _cached is not None and _cached[0] is doc:
        index = _cached[1]
        current = doc.spans[SPANS_KEY] if SPANS_KEY in doc.spans else ()
        if index.actors is doc._.actors and len(index.spans) == len(current):
            return index
    index = MentionIndex(doc)
    _cached = (doc, index)
    return index


def _actors_by_id(doc: Doc) -> dict[str, Actor]:
    return mention_index(doc).by_id


def _mention_spans(doc: Doc) -> list[Span]:
    return mention_index(doc).spans


def mention_for_token(doc: Doc, token: Token) -> Span | None:
    """The actor mention (a span of ``doc.spans["actors"]``) that ``token`` belongs to: the shortest mention
    covering it, else the nearest mention modifying it ("Russian" in "Russian officials" when "officials"
    itself is no mention). The one token-to-actor resolver of the pipeline: events, quotes and places use it."""
    index = mention_index(doc)
    covering = index.covering.get(token.i)
    if covering:
        return min(covering, key=lambda span: (len(span), span.start))
    modifiers = [span for span in index.modifying.get(token.i, ()) if span.root.i != token.i]
    if modifiers:
        return min(modifiers, key=lambda span: (abs(span.root.i - token.i), span.start))
    return None


def actor_of_mention(doc: Doc, span: Span) -> Actor | None:
    """The :class:`~eventwire.records.Actor` a mention span resolves to."""
    return mention_index(doc).by_id.get(span.kb_id_)


def actor_for_token(doc: Doc, token: Token) -> Actor | None:
    """The actor of :func:`mention_for_token`'s mention, from ``doc._.actors``, or None."""
    chosen = mention_for_token(doc, token)
    return actor_of_mention(doc, chosen) if chosen is not None else None


def has_mentions(doc: Doc) -> bool:
    return bool(mention_index(doc).spans)


def actor_for_span(doc: Doc, span: Span) -> Actor | None:
    """The actor of a span: its own mention if it is one, else the actor of its syntactic root."""
    for mention in _mention_spans(doc):
        if mention.start == span.start and mention.end == span.end:
            return _actors_by_id(doc).get(mention.kb_id_)
    return actor_for_token(doc, span.root)


def is_metonymic_place(span: Span) -> bool:
    """True when ``span`` overlaps an actor mention that names a place standing for its government
    ("Moscow insisted", "the White House said"); "in Moscow" is not such a mention."""
    starts, reach = _metonyms(span.doc)
    # among the metonyms starting before the span ends, one overlaps it when the furthest end passes its start
    last = bisect.bisect_left(starts, span.end_char)
    return last > 0 and reach[last - 1] > span.start_char


# the metonym mentions of the last Doc asked about (the geo component asks once per place name; scanning
# every mention each time made long articles quadratic)
_METONYM_CACHE: dict[str, Any] = {"key": None}


def _metonyms(doc: Doc) -> tuple[list[int], list[int]]:
    """Character starts of the metonym mentions in order, and the furthest end among each prefix."""
    actors = doc._.actors or []
    key = (doc, id(actors), len(actors))
    if _METONYM_CACHE["key"] != key:
        pairs = sorted((m.start, m.end) for actor in actors for m in actor.mentions if m.kind == MENTION_KIND_METONYM)
        _METONYM_CACHE.update(key=key, starts=[start for start, _ in pairs],
                              reach=list(itertools.accumulate((end for _, end in pairs), max)))
    return _METONYM_CACHE["starts"], _METONYM_CACHE["reach"]


def country_of_adjective(token: Token) -> str | None:
    """The country code of a one-word country name or adjective ("Palestinian" -> "PSE"), else None.
    The component codes such an adjective into the noun phrase it qualifies and keeps no mention of its
    own ("Palestinian riots"); this lets later components read it where that phrase has no actor."""
    from .dictionary import load_dictionary  # lazy: the dictionary loads only when this is asked

    entry = load_dictionary().names.get(token.lower_)
    if entry is None or entry.type != "country":
        return None
    code = entry.code_on((token.doc._.article or {}).get("date") if token.doc.has_extension("article") else None)
    return code if code and len(code) == 3 else None


__all__ = [
    "SPANS_KEY",
    "actor_for_span",
    "actor_for_token",
    "actor_of_mention",
    "country_of_adjective",
    "has_mentions",
    "is_metonymic_place",
    "mention_for_token",
]
