"""The event coder's word lists (``data/events/lexicon.json``): the prepositions, verbs, nouns and
auxiliaries its rules test a token against. The file is versioned and says per list what it is for; the
coder reads it once, when it is built."""

from __future__ import annotations

import json
from dataclasses import dataclass, fields
from functools import lru_cache
from importlib import resources
from typing import Any

from ..errors import ConfigError, ErrorCode

LEXICON_FILE = "data/events/lexicon.json"


@dataclass(frozen=True)
class Lexicon:
    """One field per list of the file (see each list's ``about`` there)."""

    version: str
    target_preps: frozenset[str]
    object_target_preps: frozenset[str]
    act_object_target_preps: frozenset[str]
    recipient_preps: frozenset[str]
    phrase_target_preps: frozenset[str]
    non_party_entity_labels: frozenset[str]
    object_phrase_preps: frozenset[str]
    content_object_nouns: frozenset[str]
    own_possessives: frozenset[str]
    departure_preps: frozenset[str]
    conveyed_object_roots: frozenset[str]
    non_target_pronouns: frozenset[str]
    object_control_verbs: frozenset[str]
    antecedent_nouns: dict[str, tuple[str, ...]]
    speaker_pronouns: frozenset[str]
    relative_pronouns: frozenset[str]
    negators: frozenset[str]
    weak_negators: frozenset[str]
    negating_verbs: frozenset[str]
    obligation_heads: frozenset[str]
    representative_nouns: frozenset[str]
    representative_preps: frozenset[str]
    carrier_nouns: frozenset[str]
    information_nouns: frozenset[str]
    movement_verbs: frozenset[str]
    naming_verbs: frozenset[str]
    concluding_verbs: frozenset[str]
    disruption_adverbs: frozenset[str]
    intention_heads: frozenset[str]
    intention_nouns: frozenset[str]
    content_preps: frozenset[str]
    modal_future: frozenset[str]
    modal_possible: frozenset[str]
    modal_obligation: frozenset[str]
    condition_markers: frozenset[str]
    participant_preps: frozenset[str]
    counterpart_preps: frozenset[str]
    symmetric_verbs: frozenset[str]
    directed_noun_preps: frozenset[str]
    antecedent_author_preps: frozenset[str]
    light_noun_target_preps: frozenset[str]
    area_target_roots: frozenset[str]
    area_target_preps: frozenset[str]
    noun_content_preps: frozenset[str]
    future_heads: frozenset[str]
    party_entity_labels: frozenset[str]
    disparaging_words: frozenset[str]
    commending_words: frozenset[str]
    departure_verbs: frozenset[str]
    speech_roles: frozenset[str]
    armed_roles: frozenset[str]
    victim_subject_verbs: frozenset[str]
    cause_preps: frozenset[str]
    weapon_nouns: frozenset[str]
    doer_preps: frozenset[str]
    subject_clause_marks: frozenset[str]
    force_noun_roots: frozenset[str]
    force_noun_patient_preps: frozenset[str]
    trip_codes: frozenset[str]
    haven_codes: frozenset[str]
    haven_preps: frozenset[str]
    threat_complement_roots: frozenset[str]
    example_preps: frozenset[str]
    party_nouns: frozenset[str]
    accident_nouns: frozenset[str]
    area_entity_labels: frozenset[str]
    area_nouns: frozenset[str]
    commitment_heads: frozenset[str]
    attribution_heads: frozenset[str]
    answering_codes: dict[str, tuple[str, ...]]


def parse_lexicon(data: dict[str, Any], path: str = LEXICON_FILE) -> Lexicon:
    """A :class:`Lexicon` from the file's JSON; a missing or unknown list is a configuration error."""
    lists: dict[str, Any] = data.get("lists") or {}
    names = {f.name for f in fields(Lexicon)} - {"version"}
    if "version" not in data or set(lists) != names:
        missing, unknown = sorted(names - set(lists)), sorted(set(lists) - names)
        raise ConfigError(ErrorCode.E012, path=path,
                          reason=f"lexicon needs a version and exactly its lists (missing {missing}, unknown {unknown})")
    values: dict[str, Any] = {}
    for name in names:
        words = lists[name]["words"]
        if isinstance(words, dict):
            values[name] = {key: tuple(value) for key, value in words.items()}
        else:
            values[name] = frozenset(words)
    return Lexicon(version=str(data["version"]), **values)


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    text = resources.files("eventwire").joinpath(LEXICON_FILE).read_text(encoding="utf-8")
    return parse_lexicon(json.loads(text))


__all__ = ["LEXICON_FILE", "Lexicon", "load_lexicon", "parse_lexicon"]
