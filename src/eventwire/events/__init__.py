"""Events: CAMEO and PLOVER coding on spaCy dependency parses (component ``eventwire_events``).

The component (:mod:`eventwire.events.component`, last in the pipeline) writes ``doc._.events``: one dict
per event with the schema's ``events[]`` fields (``id`` a content hash, ``source``/``target`` participants
from ``doc.spans["actors"]``, ``cameo``/``root``/``quad``/``goldstein``/``plover``, ``date`` and
``date_source`` (eventwire.timex.event_date when present, else the publication date), ``place``
(eventwire.geo.event_place when present), ``negated``, ``modality``, ``sentence`` (index into
``doc.sents``), ``start``/``end``, ``trigger``) plus ``reported`` (inside reported speech), ``rule`` and
``dictionary`` (the verb dictionary version).

For other components:

- :func:`code_speech_event` -- code a speech act given its cue verb and speaker (used by quotes: a
  statement, warning, demand... by the speaker, with the code the verb dictionary gives the cue).
"""

from __future__ import annotations

import bisect
from functools import lru_cache
from typing import Any

from spacy.tokens import Doc, Span, Token

from .patterns import DICTIONARY_VERSION

# CAMEO root of public statements (010-019): a speech cue with this code is a statement whatever it reports
STATEMENT_ROOT = "01"
# rule name of such a statement: CAMEO codes the act it reports as the sentence's event, not the statement
REPORTING_STATEMENT_RULE = "speech-reporting"

@lru_cache(maxsize=1)
def _coder() -> Any:
    from ..settings import component_settings
    from .coder import EventCoder
    from .patterns import load_dictionary

    return EventCoder(load_dictionary(), component_settings("events", None))


def code_speech_event(
    doc: Doc, cue_token: Token, speaker_actor: Span | dict[str, Any] | None, coder: Any = None
) -> dict[str, Any] | None:
    """The event for a speech act: ``cue_token`` is the reporting verb ("warned", "said"), ``speaker_actor``
    the speaker as an actor mention span (``doc.spans["actors"]``) or an actor dict (``doc._.actors``
    entry, optionally with ``start``/``end`` of the mention). Returns one event dict (schema ``events[]``)
    or None when the cue has no code in the verb dictionary or the speaker has no actor code. The event's
    ``id`` equals the one the coder's own pass gives the same act, so the component does not duplicate it.
    ``coder``: the events component's coder (its settings); the shipped settings' coder when None."""
    from .participants import ActorIndex, Candidate, Participant

    coder = coder or _coder()
    match = coder.match(cue_token)
    if match is None or match.code is None or speaker_actor is None:
        return None
    actors = ActorIndex(doc, coder.lexicon)
    if isinstance(speaker_actor, Span):
        speaker = actors.at(speaker_actor.root) or Participant(
            {"id": speaker_actor.kb_id_, "name": speaker_actor.text, "code": speaker_actor.label_ or None},
            speaker_actor.start_char, speaker_actor.end_char, speaker_actor.root.i)
    else:
        start = int(speaker_actor.get("start", cue_token.idx))
        speaker = Participant(speaker_actor, start, int(speaker_actor.get("end", start)), cue_token.i)
    events = [e for e in coder._verb_candidates(cue_token, match, actors) if e.code]
    if not events and match.code[:2] == STATEMENT_ROOT:
        # the coder's own pass leaves out a plain statement that reports (or frames) a more specific act, but
        # a quote's speech act is still a statement by its speaker: "“...,” Peskov said", "she tweeted"
        negated, modality = coder.negation_and_modality(cue_token)
        code = coder._statement_code(cue_token, match.code)
        events = [Candidate(code, [cue_token], [], [], negated, modality, coder.reporting_head(cue_token) is not None,
                            rule=REPORTING_STATEMENT_RULE)]
    if not events:
        return None
    candidate: Candidate = events[0]
    named = next((p for p in candidate.sources if p.actor["id"] == speaker.actor["id"]
                  and speaker.start <= p.start and p.end <= speaker.end), None)
    if named is not None:
        # "Chile and Peru agreed": the speaker span holds both parties; the coder's own mention names this one
        speaker = named
    candidate.sources = [speaker]
    candidate.targets = [t for t in candidate.targets if t.actor["id"] != speaker.actor["id"]]
    sentence_index = bisect.bisect_right(_sentence_starts(doc), cue_token.i) - 1
    return next(iter(coder._finish(doc, sentence_index, candidate)), None)


# the actor index and sentence starts of the last Doc asked about: rebuilt per quote, they made long
# articles quadratic (the quotes component asks once per quote, the actors do not change meanwhile)
_CACHE: dict[str, Any] = {"doc": None}


def _sentence_starts(doc: Doc) -> list[int]:
    """Token index of each sentence start, computed once per Doc (a long article has many speech events)."""
    if _CACHE["doc"] is not doc:
        _CACHE.update(doc=doc, sentence_starts=[sent.start for sent in doc.sents])
    return _CACHE["sentence_starts"]


__all__ = ["DICTIONARY_VERSION", "REPORTING_STATEMENT_RULE", "code_speech_event"]
