"""Verb dictionary: PETRARCH2's CAMEO verb patterns (converted by scripts/convert_cameo_verbs.py) plus
eventwire's additions, compiled into an index by verb lemma and matched against a dependency parse.

A PETRARCH pattern lists the words around the verb (``- * (TO BORDER) [154]``). On a dependency parse we
match the words after ``*`` in order against the verb's own phrase: its objects, particles, prepositional
phrases and infinitival complements (never its subject, nor a clause it reports, which are coded as
events of their own). The words before ``*`` are matched against the verb's left dependents (its
subject). The most specific matching pattern wins; with none, the verb's own code applies; a verb
without a code (``[---]``) yields no event.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

from spacy.tokens import Token

from ..errors import ConfigError, ErrorCode
from .syntax import PASSIVE_SUBJECT_DEPS

DATA_PACKAGE = "eventwire"
VERB_FILES: tuple[str, ...] = (
    "data/verbs/petrarch2-cameo-2.0.jsonl", "data/verbs/phoenix-discards.jsonl", "data/verbs/eventwire-additions.jsonl"
)
DICTIONARY_VERSION = "cameo-2.0+ew.39"

# dependents of a verb that belong to its own phrase (PETRARCH's VP) for pattern matching
PHRASE_DEPS: frozenset[str] = frozenset(
    {"dobj", "dative", "iobj", "prt", "prep", "agent", "xcomp", "acomp", "oprd", "attr", "npadvmod", "advmod", "pcomp"}
)
# dependents that never belong to the phrase even inside a matched subtree: other clauses
CLAUSE_DEPS: frozenset[str] = frozenset({"ccomp", "advcl", "parataxis", "relcl", "conj", "cc", "punct", "mark"})
# how deep below the verb a pattern word may sit: the object (1), its modifiers or a preposition's object (2),
# their modifiers (3), one level more (4) -- not deeper inside an "of" phrase of the object ("freed the
# reporter of the state newspaper" is no release of information)
PHRASE_DEPTH = 4
# a stem match ("VIOLAT" -> violating) needs this many letters and leaves at most this many over
STEM_MIN_CHARS = 5
STEM_MAX_REST = 4


@dataclass(frozen=True)
class VerbEntry:
    lemma: str
    particles: tuple[str, ...]
    block: str
    code: str | None
    reverse: str | None
    origin: str
    # never a trigger, whatever the block's patterns say ("according to")
    stop: bool = False
    # only the patterns written for this verb apply, not the rest of its block's (additions: "own_patterns")
    own_patterns: bool = False


@dataclass(frozen=True)
class Pattern:
    block: str
    code: str | None
    reverse: str | None
    pre: tuple[Any, ...]
    post: tuple[Any, ...]
    verb: str | None
    origin: str
    order: int
    # eventwire extension: who the event is about when the verb reports someone else's act
    flags: tuple[str, ...] = ()

    @property
    def weight(self) -> int:
        return _weight(self.pre) + _weight(self.post)


@dataclass
class Match:
    code: str | None
    reverse: str | None
    pattern: Pattern | None
    entry: VerbEntry
    # token indices named by the pattern's $ (source) / + (target) markers
    roles: dict[str, int] = field(default_factory=dict)
    matched: list[int] = field(default_factory=list)


def _weight(elements: Iterable[Any]) -> int:
    total = 0
    for element in elements:
        if "w" in element or "syn" in element:
            total += 1
        elif "np" in element:
            total += _weight(element["np"])
        elif "pp" in element:
            total += 1 + _weight(element["obj"])
    return total


def _freeze(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _freeze(v) for k, v in value.items()}
    if isinstance(value, list):
        return tuple(_freeze(v) for v in value)
    return value


class VerbDictionary:
    """All verb entries and patterns, indexed for lookup by lemma."""

    def __init__(self, records: Iterable[dict[str, Any]]) -> None:
        self.synsets: dict[str, list[dict[str, Any]]] = {}
        self.verbs: dict[str, list[VerbEntry]] = {}
        self.forms: dict[str, str] = {}
        self.patterns: dict[str, list[Pattern]] = {}
        self.blocks: dict[str, tuple[str | None, str | None]] = {}
        self.nouns: dict[str, dict[str, Any]] = {}
        self.light_verbs: frozenset[str] = frozenset()
        self.cues: dict[str, list[dict[str, Any]]] = {}
        # nouns naming an act a demand, appeal or threat can be about ("asked for a pull-out")
        self.content: dict[str, dict[str, Any]] = {}
        self.discards: list[dict[str, Any]] = []
        self._compiled_elements: dict[int, tuple[frozenset[str], tuple[str, ...], dict[str, list[tuple[str, ...]]]]] = {}
        self._element_refs: list[dict[str, Any]] = []
        order = 0
        light: set[str] = set()
        for record in records:
            kind = record.get("type")
            if kind == "synset":
                self.synsets.setdefault(record["name"], []).extend(record["members"])
            elif kind == "block":
                self.blocks[record["block"]] = (record.get("code"), record.get("reverse"))
            elif kind == "verb":
                entry = VerbEntry(
                    lemma=record["lemma"],
                    particles=tuple(record.get("particles") or ()),
                    block=record["block"],
                    code=record.get("code"),
                    reverse=record.get("reverse"),
                    origin=record.get("origin", "?"),
                    stop=bool(record.get("stop")),
                    own_patterns=bool(record.get("own_patterns")),
                )
                entries = self.verbs.setdefault(entry.lemma, [])
                # a later file (the additions) overrides an entry with the same lemma and particles
                entries[:] = [e for e in entries if e.particles != entry.particles]
                entries.append(entry)
                for form in record.get("forms") or ():
                    self.forms.setdefault(form, entry.lemma)
            elif kind == "pattern":
                order += 1
                patterns = self.patterns.setdefault(record["block"], [])
                # a later file (the additions) overrides a pattern with the same verb and the same words
                pre, post = _freeze(record.get("pre") or []), _freeze(record.get("post") or [])
                patterns[:] = [p for p in patterns if (p.verb, p.pre, p.post) != (record.get("verb"), pre, post)]
                patterns.append(
                    Pattern(
                        block=record["block"],
                        code=record.get("code"),
                        reverse=record.get("reverse"),
                        pre=_freeze(record.get("pre") or []),
                        post=_freeze(record.get("post") or []),
                        verb=record.get("verb"),
                        origin=record.get("origin", "?"),
                        order=order,
                        flags=tuple(record.get("flags") or ()),
                    )
                )
            elif kind == "noun":
                self.nouns[record["lemma"]] = record
            elif kind == "light_verb":
                light.add(record["lemma"])
            elif kind == "cue":
                self.cues.setdefault(record["code"], []).append(_freeze(record))
            elif kind == "reporting":
                # reporting verbs live in the one reporting lexicon (data/quotes/reporting-*.json)
                raise ValueError("verb data: 'reporting' records belong in the reporting lexicon")
            elif kind == "content":
                self.content[record["lemma"]] = record
            elif kind == "discard":
                self.discards.append(record)
        self.light_verbs = frozenset(light)

    # -- lookup -------------------------------------------------------------------------------------
    def lemma(self, token: Token) -> str:
        """The verb's dictionary lemma: spaCy's lemma, else the dictionary's listed form, else the regular
        past form undone -- spaCy's lemmatizer errs on some inflected verbs ("staged" -> "stag")."""
        lemma = token.lemma_.lower()
        if lemma in self.verbs or lemma in self.light_verbs or token.pos_ not in {"VERB", "AUX"}:
            return lemma
        base = self.forms.get(token.lower_)
        if base:
            return base
        text = token.lower_
        if token.tag_ in {"VBD", "VBN"} and text.endswith("ed"):
            for candidate in (text[:-1], text[:-2], text[:-3] if text[-3:-2] == text[-4:-3] else ""):
                if candidate and (candidate in self.verbs or candidate in self.light_verbs):
                    return candidate
        return lemma

    def entries_for(self, token: Token) -> list[VerbEntry]:
        return self.verbs.get(self.lemma(token), [])

    def match(self, verb: Token, asked_clauses: bool = True) -> Match | None:
        """The best dictionary match for ``verb`` in its sentence, or None; ``asked_clauses``: see
        :func:`phrase_window`."""
        entries = self.entries_for(verb)
        if not entries:
            return None
        # a preposition after the direct object is no particle ("gave ten million in aid" is no "give in")
        first_object = min((c.i for c in verb.children if c.dep_ == "dobj"), default=None)
        child_words = {child.lower_ for child in verb.children if child.dep_ in {"prt", "prep", "advmod", "agent", "dative"}
                       and not (child.dep_ == "prep" and first_object is not None and child.i > first_object)}
        with_particles = [e for e in entries if e.particles and set(e.particles) <= child_words]
        plain = [e for e in entries if not e.particles]
        entry = (with_particles or plain or [None])[0]
        if entry is None or entry.stop:
            return None
        post_window = phrase_window(verb, asked_clauses)
        pre_window = [t for t in verb.lefts for t in t.subtree if t.dep_ not in {"punct"}]
        if verb.dep_ == "acl":
            # "the crisis caused by Russia": the modified noun stands where a subject would
            pre_window = [verb.head, *pre_window]
        best: Match | None = None
        best_key: tuple[int, int, int] | None = None
        for pattern in self.patterns.get(entry.block, ()):
            if not _pattern_applies(pattern, entry, verb):
                continue
            if "object" in pattern.flags and not has_object(verb):
                continue
            roles: dict[str, int] = {}
            matched: list[int] = []
            if pattern.post and not self._match_sequence(pattern.post, post_window, roles, matched):
                continue
            if pattern.pre and _weight(pattern.pre) and not self._match_sequence(pattern.pre, pre_window, roles, matched):
                continue
            if not pattern.post and not _weight(pattern.pre):
                continue
            same_verb = 1 if pattern.verb in {entry.lemma, verb.lemma_.lower()} else 0
            key = (pattern.weight, same_verb, -pattern.order)
            if best_key is None or key > best_key:
                best_key = key
                best = Match(pattern.code, pattern.reverse, pattern, entry, roles, matched)
        if best is not None:
            return best
        if entry.code is None and entry.reverse is None:
            return None
        return Match(entry.code, entry.reverse, None, entry)

    # -- element matching ---------------------------------------------------------------------------
    def _compiled(self, element: dict[str, Any]) -> tuple[frozenset[str], tuple[str, ...], dict[str, list[tuple[str, ...]]]]:
        """A word or synset element as (whole words, stems, multi-word phrases by first word), compiled once."""
        key = id(element)
        found = self._compiled_elements.get(key)
        if found is not None:
            return found
        words: set[str] = set()
        stems: set[str] = set()
        phrases: set[tuple[str, ...]] = set()
        members = self.synsets.get(element["syn"], []) if "syn" in element else [element]
        for member in members:
            if "syn" in member:
                inner = self._compiled(member)
                words.update(inner[0])
                stems.update(inner[1])
                phrases.update(phrase for group in inner[2].values() for phrase in group)
                continue
            for word in member["w"]:
                if " " in word:
                    phrases.add(tuple(word.split()))
                    continue
                words.add(word)
                if not member.get("exact") and len(word) >= STEM_MIN_CHARS:
                    stems.add(word)
        by_first: dict[str, list[tuple[str, ...]]] = {}
        for phrase in sorted(phrases):
            by_first.setdefault(phrase[0], []).append(phrase)
        found = (frozenset(words), tuple(sorted(stems)), by_first)
        self._compiled_elements[key] = found
        self._element_refs.append(element)  # keeps id(element) valid for the cache's lifetime
        return found

    def word_matches(self, element: dict[str, Any], token: Token) -> bool:
        words, stems, phrases = self._compiled(element)
        text = token.lower_
        lemma = token.lemma_.lower()
        if text in words or lemma in words:
            return True
        for stem in stems:
            if text.startswith(stem) and len(text) - len(stem) <= STEM_MAX_REST:
                return True
        for parts in (*phrases.get(text, ()), *(phrases.get(lemma, ()) if lemma != text else ())):
            span = token.doc[token.i : token.i + len(parts)]
            if len(span) == len(parts) and all(t.lower_ == p or t.lemma_.lower() == p for t, p in zip(span, parts, strict=True)):
                return True
        return False

    def _match_sequence(
        self, elements: Sequence[Any], window: Sequence[Token], roles: dict[str, int], matched: list[int]
    ) -> bool:
        cursor = 0
        pending_role: str | None = None
        for element in elements:
            if "role" in element:
                pending_role = element["role"]
                if pending_role in {"source", "target"} and cursor < len(window):
                    roles.setdefault(pending_role, window[cursor].i)
                continue
            found = self._find(element, window, cursor, roles, matched)
            if found is None:
                return False
            cursor = found
        return True

    def _find(
        self, element: dict[str, Any], window: Sequence[Token], start: int, roles: dict[str, int], matched: list[int]
    ) -> int | None:
        """Index in ``window`` just past the first match of ``element`` at or after ``start``."""
        for pos in range(start, len(window)):
            token = window[pos]
            if "w" in element or "syn" in element:
                if self.word_matches(element, token):
                    matched.append(token.i)
                    return pos + 1
            elif "np" in element:
                end = self._match_consecutive(element["np"], window, pos)
                if end is not None:
                    matched.extend(t.i for t in window[pos:end])
                    return end
            elif "pp" in element:
                if token.lower_ in element["pp"] and token.dep_ in {"prep", "agent", "dative", "prt", "advmod", "mark", "aux"}:
                    # the phrase's words inside the window only: not a clause deep inside its object
                    inner = [t for t in window[pos + 1 :] if token.is_ancestor(t)]
                    inner_roles: dict[str, int] = {}
                    inner_matched: list[int] = []
                    if self._match_sequence(element["obj"], inner, inner_roles, inner_matched):
                        for role, index in inner_roles.items():
                            roles.setdefault(role, index)
                        matched.append(token.i)
                        matched.extend(inner_matched)
                        last = max([token.i, *inner_matched])
                        return next((p + 1 for p in range(pos, len(window)) if window[p].i == last), pos + 1)
        return None

    def _match_consecutive(self, elements: Sequence[Any], window: Sequence[Token], pos: int) -> int | None:
        for element in elements:
            if "role" in element:
                continue
            if pos >= len(window) or not ("w" in element or "syn" in element) or not self.word_matches(element, window[pos]):
                return None
            pos += 1
        return pos


def _pattern_applies(pattern: Pattern, entry: VerbEntry, verb: Token) -> bool:
    """A block's pattern applies to every verb of the block, except that a verb with a code of another
    root than the pattern's only takes the patterns written for it: PETRARCH's blocks mix verbs ("urge"
    sits with "demand"), and a DEMAND pattern must not turn an appeal into a demand."""
    if entry.own_patterns:
        # a verb whose block mixes readings of other verbs ("head for" is a trip; "led the bloc for two years"
        # is none) takes only the patterns written for it
        return pattern.verb in {entry.lemma, verb.lemma_.lower()}
    if entry.code is None or pattern.code is None or pattern.code[:2] == entry.code[:2]:
        return True
    return pattern.verb in {entry.lemma, verb.lemma_.lower()}


def has_object(verb: Token) -> bool:
    """Whether the verb acts on a thing or person: a direct object, or the passive subject that stands for
    one ("returned the statue" / "the statue was returned"), as against "returned to Lima"."""
    return any(child.dep_ == "dobj" or child.dep_ in PASSIVE_SUBJECT_DEPS for child in verb.children)


def phrase_window(verb: Token, asked_clauses: bool = True) -> list[Token]:
    """The verb's own phrase after it, in text order: objects, particles, prepositional phrases and
    infinitival complements, without subordinate or coordinated clauses; with ``asked_clauses``, the
    subordinator of an infinitive with its own subject ("called for Iraq to withdraw")."""
    out: list[Token] = []

    def collect(token: Token, depth: int) -> None:
        out.append(token)
        if depth >= PHRASE_DEPTH:
            return
        for child in token.children:
            # an infinitival complement ("agreed to hold talks") belongs to the phrase; a participle
            # modifying a noun deep inside it ("gunmen carrying rifles") does not
            if child.dep_ not in CLAUSE_DEPS and (child.dep_ != "acl" or token.dep_ == "xcomp"):
                collect(child, depth + 1)

    for child in verb.rights:
        if child.dep_ in PHRASE_DEPS:
            collect(child, 1)
        elif asked_clauses and child.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in child.children) \
                and any(c.dep_ in {"nsubj", "nsubjpass"} for c in child.children):
            # "called for Iraq to withdraw": the subordinator of an infinitive with its own subject reads as
            # the verb's preposition ("call for" 020), the clause stays out
            out.extend(c for c in child.children if c.dep_ == "mark")
    # a particle or preposition may also precede the object after a passive ("was handed over")
    out.sort(key=lambda t: t.i)
    return out


def _read_records(path: str) -> Iterable[dict[str, Any]]:
    resource = resources.files(DATA_PACKAGE).joinpath(path)
    if not resource.is_file():
        return []
    records = []
    for number, line in enumerate(resource.read_text(encoding="utf-8").splitlines(), start=1):
        line = line.strip()
        if not line or line.startswith("//"):
            continue
        try:
            records.append(json.loads(line))
        except json.JSONDecodeError as exc:
            raise ConfigError(ErrorCode.E012, path=path, line=number, reason=str(exc)) from exc
    return records


@lru_cache(maxsize=4)
def load_dictionary(files: tuple[str, ...] = VERB_FILES) -> VerbDictionary:
    records: list[dict[str, Any]] = []
    for path in files:
        records.extend(_read_records(path))
    return VerbDictionary(records)


__all__ = ["DICTIONARY_VERSION", "Match", "Pattern", "VerbDictionary", "VerbEntry", "load_dictionary", "phrase_window"]
