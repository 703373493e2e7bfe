"""The event coder: CAMEO/PLOVER events from a parsed, actor-tagged Doc.

For every verb with a dictionary match (and every event noun such as "talks"), the coder finds the
source and target on the dependency parse (subject/object/prepositional roles, passive voice, coordinated
actors, relative clauses, control), marks negation, modality and reported speech, and keeps an event
only when its source is a coded actor and differs from its target (PETRARCH's same-actor discard).
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Doc, Span, Token

from ..record import content_id
from .cameo import code_info, is_valid_code
from .patterns import DICTIONARY_VERSION, Match, VerbDictionary

SUBJECT_DEPS = frozenset({"nsubj", "csubj"})
PASSIVE_SUBJECT_DEPS = frozenset({"nsubjpass", "csubjpass"})
OBJECT_DEPS = frozenset({"dobj", "dative", "iobj"})
# prepositions whose object is the target of an act ("appealed to X", "talks with X", "fired on X")
TARGET_PREPS = frozenset({"to", "with", "against", "on", "at", "toward", "towards", "into", "upon", "from", "over", "for", "about", "of"})
# verbs whose object controls an infinitive ("urged Uganda to repatriate": Uganda repatriates)
OBJECT_CONTROL = frozenset({"urge", "ask", "call", "order", "tell", "force", "persuade", "invite", "allow", "press", "encourage", "request", "require", "help"})
RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom", "whose"})
NEGATORS = frozenset({"not", "n't", "never", "no"})
# verbs that deny or refuse what their complement says ("denied it has plans to attack")
NEGATING_VERBS = frozenset({"deny", "refuse", "reject", "decline", "rule"})
# heads whose infinitival complement is an intention, not an act ("ready to discuss", "wants to meet")
INTENTION_HEADS = frozenset(
    {"want", "plan", "intend", "hope", "seek", "aim", "try", "ready", "prepared", "willing", "wish", "expect",
     "prepare", "propose", "offer", "promise", "pledge", "vow", "threaten", "agree", "decide", "eager", "determined",
     "able", "likely", "going", "set", "need", "attempt", "consider"}
)
MODAL_FUTURE = frozenset({"will", "shall", "'ll", "would", "wo"})
MODAL_POSSIBLE = frozenset({"could", "might", "may", "can", "ca"})
MODAL_OBLIGATION = frozenset({"should", "must", "ought"})
CONDITION_MARKERS = frozenset({"if", "unless"})


@dataclass
class Participant:
    actor: dict[str, Any]
    start: int
    end: int
    token: int

    def to_dict(self) -> dict[str, Any]:
        return {"actor": self.actor["id"], "name": self.actor.get("name"), "code": self.actor.get("code"),
                "start": self.start, "end": self.end}

    @property
    def code(self) -> str | None:
        return self.actor.get("code") or None


@dataclass
class Candidate:
    """An event before it is turned into output: tokens and actors, not yet plain data."""

    code: str
    trigger: list[Token]
    sources: list[Participant]
    targets: list[Participant]
    negated: bool = False
    modality: str | None = None
    reported: bool = False
    nominal: bool = False
    rule: str = "verb"
    extra: dict[str, Any] = field(default_factory=dict)


class ActorIndex:
    """Actor lookups for one Doc: through eventwire.actors.actor_for_token when that package provides
    it, else straight from ``doc.spans["actors"]`` and ``doc._.actors``."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.spans: list[Span] = list(doc.spans["actors"]) if "actors" in doc.spans else []
        self.by_id = {actor["id"]: actor for actor in (doc._.actors or [])}
        self.by_token: dict[int, list[Span]] = {}
        for span in self.spans:
            for i in range(span.start, span.end):
                self.by_token.setdefault(i, []).append(span)
        try:
            self.lookup = importlib.import_module("eventwire.actors").actor_for_token
        except (ImportError, AttributeError):
            self.lookup = None

    def _actor_for_span(self, span: Span) -> dict[str, Any]:
        actor = self.by_id.get(span.kb_id_)
        if actor is None:
            # an actor span without a record (other component still in development): code from the span
            actor = {"id": span.kb_id_ or content_id(span.text), "name": span.text, "code": span.label_ or None}
        return actor

    def at(self, token: Token) -> Participant | None:
        """The actor mention covering ``token`` or modifying it ("Russian" in "Russian officials")."""
        covering = self.by_token.get(token.i)
        span: Span | None = min(covering, key=lambda s: (len(s), s.start)) if covering else None
        if span is None:
            modifiers = [s for s in self.spans if s.root.head.i == token.i and s.root.i != token.i
                         and s.root.dep_ in {"compound", "amod", "poss", "nmod", "npadvmod"}]
            if modifiers:
                span = min(modifiers, key=lambda s: (abs(s.root.i - token.i), s.start))
        if span is None:
            return None
        actor = self.lookup(self.doc, token) if self.lookup else None
        if actor is None or actor.get("id") != span.kb_id_:
            actor = self._actor_for_span(span)
        return Participant(actor, span.start_char, span.end_char, token.i)

    def in_phrase(self, head: Token) -> Participant | None:
        """The actor of a noun phrase: its head, else the nearest actor inside it ("the leader of the
        U.S. delegation" -> USA), never inside a clause hanging off the phrase."""
        found = self.at(head)
        if found:
            return found
        frontier = [c for c in head.children if c.dep_ in {"prep", "pobj", "compound", "amod", "poss", "nmod", "appos", "npadvmod"}]
        while frontier:
            frontier.sort(key=lambda t: abs(t.i - head.i))
            token = frontier.pop(0)
            found = self.at(token)
            if found:
                return found
            frontier.extend(c for c in token.children if c.dep_ in {"prep", "pobj", "compound", "amod", "poss", "nmod"})
        return None

    def group(self, head: Token | None) -> list[Participant]:
        """The actors of a phrase and its coordinated phrases ("The U.S. and its allies")."""
        if head is None:
            return []
        out: list[Participant] = []
        for token in (head, *head.conjuncts):
            participant = self.in_phrase(token)
            if participant and all(p.actor["id"] != participant.actor["id"] for p in out):
                out.append(participant)
        return out


class EventCoder:
    def __init__(self, dictionary: VerbDictionary, settings: dict[str, Any]) -> None:
        self.dictionary = dictionary
        self.settings = settings
        self.require_source = bool(settings.get("require_source", True))
        self.reporting = dictionary.reporting
        self.blocked_lemmas = frozenset(settings.get("never_trigger", ()))

    # -- document -----------------------------------------------------------------------------------
    def code_doc(self, doc: Doc) -> list[dict[str, Any]]:
        actors = ActorIndex(doc)
        events: list[dict[str, Any]] = []
        seen: set[str] = set()
        nominal_seen: set[tuple[Any, ...]] = set()
        nominal_context: dict[str, tuple[list[Participant], list[Participant]]] = {}
        if self._discarded(doc.text):
            return []
        for index, sentence in enumerate(doc.sents):
            for candidate in self._sentence_candidates(sentence, actors, nominal_context):
                for event in self._finish(doc, index, candidate):
                    if candidate.nominal:
                        key = (event["cameo"], (event["source"] or {}).get("actor"), (event["target"] or {}).get("actor"))
                        if key in nominal_seen:
                            continue
                        nominal_seen.add(key)
                    if event["id"] not in seen:
                        seen.add(event["id"])
                        events.append(event)
        return events

    def _discarded(self, text: str) -> bool:
        return False

    def _sentence_candidates(
        self, sentence: Span, actors: ActorIndex, nominal_context: dict[str, tuple[list[Participant], list[Participant]]]
    ) -> Iterator[Candidate]:
        for token in sentence:
            if token.pos_ == "VERB" or (token.pos_ == "AUX" and token.dep_ == "ROOT" and token.lemma_ != "be"):
                if token.lemma_.lower() in self.blocked_lemmas:
                    continue
                match = self.dictionary.match(token)
                if match is not None:
                    yield from self._verb_candidates(token, match, actors)
            elif token.pos_ in {"NOUN", "PROPN"}:
                candidate = self._nominal_candidate(token, actors, nominal_context)
                if candidate is not None:
                    yield candidate

    # -- verbs --------------------------------------------------------------------------------------
    def _verb_candidates(self, verb: Token, match: Match, actors: ActorIndex) -> Iterator[Candidate]:
        flags = set(match.pattern.flags) if match.pattern else set()
        sources, targets = self.roles(verb, match, actors)
        negated, modality = self.negation_and_modality(verb)
        reported = self.reporting_head(verb) is not None
        trigger = [verb, *[c for c in verb.children if c.dep_ == "prt"]]
        code = match.code
        if "blame" in flags:
            # "the crisis was caused by Russia": the speaker blames the causer; unreported, no event
            speaker = self.reporting_head(verb)
            if speaker is None:
                return
            sources, targets = self.roles(speaker, None, actors)[0], sources
            reported = False
            negated, modality = self.negation_and_modality(speaker)
            trigger = [verb]
        if code is not None and self._is_statement(verb, code):
            code = self._statement_code(verb, code)
        if code is not None:
            yield Candidate(code, trigger, sources, targets, negated, modality, reported, rule="pattern" if match.pattern else "verb")
        if match.reverse is not None:
            yield Candidate(match.reverse, trigger, targets, sources, negated, modality, reported, rule="reverse")

    def _is_statement(self, verb: Token, code: str) -> bool:
        return code == "010"

    def _statement_code(self, verb: Token, code: str) -> str:
        """A statement whose reported clause carries an explicit stance takes its code ("said he was
        skeptical" -> 012; "see no reason for optimism" -> 012; "confident that" -> 013)."""
        clause = [c for c in verb.children if c.dep_ in {"ccomp", "xcomp", "acomp", "dobj"}]
        if not clause:
            return code
        for cue_code, cues in self.dictionary.cues.items():
            for cue in cues:
                for head in clause:
                    for token in _clause_tokens(head):
                        if token.lemma_.lower() not in cue["words"] and token.lower_ not in cue["words"]:
                            continue
                        negated = _locally_negated(token)
                        if bool(cue.get("negated")) == negated:
                            return cue_code
        return code

    def roles(self, verb: Token, match: Match | None, actors: ActorIndex) -> tuple[list[Participant], list[Participant]]:
        """Source and target actors of a verb, from its dependents and, when it has no subject of its
        own, from the clause it depends on."""
        doc = verb.doc
        children = list(verb.children)
        subject = next((c for c in children if c.dep_ in SUBJECT_DEPS), None)
        passive_subject = next((c for c in children if c.dep_ in PASSIVE_SUBJECT_DEPS), None)
        agent = next((g for c in children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"), None)
        passive = passive_subject is not None or any(c.dep_ == "auxpass" for c in children) or (
            verb.tag_ == "VBN" and verb.dep_ == "acl"
        )
        if match and match.roles.get("source") is not None:
            sources = actors.group(doc[match.roles["source"]])
        elif passive:
            sources = actors.group(agent)
        else:
            sources = actors.group(subject) if subject is not None and subject.lower_ not in RELATIVE_PRONOUNS else []
            if not sources and subject is None or (subject is not None and subject.lower_ in RELATIVE_PRONOUNS):
                sources = self._inherited_subject(verb, actors)
        targets: list[Participant] = []
        if match and match.roles.get("target") is not None:
            targets = actors.group(doc[match.roles["target"]])
        if not targets and passive:
            head = passive_subject if passive_subject is not None else (verb.head if verb.dep_ == "acl" else None)
            targets = actors.group(head)
        if not targets:
            for child in children:
                if child.dep_ in OBJECT_DEPS:
                    targets = actors.group(child)
                    if targets:
                        break
        if not targets:
            for child in verb.rights:
                if child.dep_ == "prep" and child.lower_ in TARGET_PREPS:
                    objects = [g for g in child.children if g.dep_ == "pobj"]
                    targets = actors.group(objects[0]) if objects else []
                    if targets:
                        break
        if not targets:
            for child in children:
                if child.dep_ in {"ccomp", "xcomp"}:
                    targets = self._first_actor_in_clause(child, actors, exclude=sources)
                    if targets:
                        break
        source_ids = {p.actor["id"] for p in sources}
        targets = [t for t in targets if t.actor["id"] not in source_ids]
        return sources, targets

    def _inherited_subject(self, verb: Token, actors: ActorIndex) -> list[Participant]:
        if verb.dep_ == "conj":
            return self.roles(verb.head, None, actors)[0] if verb.head.pos_ in {"VERB", "AUX"} else []
        if verb.dep_ == "relcl":
            return actors.group(verb.head)
        if verb.dep_ in {"xcomp", "advcl"}:
            head = verb.head
            if verb.dep_ == "xcomp" and head.lemma_.lower() in OBJECT_CONTROL:
                obj = next((c for c in head.children if c.dep_ in OBJECT_DEPS), None)
                if obj is not None:
                    return actors.group(obj)
            if head.pos_ in {"VERB", "AUX", "ADJ"}:
                return self.roles(head, None, actors)[0] if head.pos_ != "ADJ" else self.roles(head.head, None, actors)[0]
        return []

    def _first_actor_in_clause(self, head: Token, actors: ActorIndex, exclude: list[Participant]) -> list[Participant]:
        excluded_codes = {p.code for p in exclude if p.code}
        excluded_ids = {p.actor["id"] for p in exclude}
        for token in sorted(_clause_tokens(head, keep_clauses=True), key=lambda t: t.i):
            participant = actors.at(token)
            if participant and participant.actor["id"] not in excluded_ids and (participant.code not in excluded_codes):
                return [participant]
        return []

    # -- nouns --------------------------------------------------------------------------------------
    def _nominal_candidate(
        self, noun: Token, actors: ActorIndex, context: dict[str, tuple[list[Participant], list[Participant]]]
    ) -> Candidate | None:
        entry = self.dictionary.nouns.get(noun.lemma_.lower())
        if entry is None or (entry.get("plural") and noun.tag_ not in {"NNS", "NNPS"}):
            return None
        light = noun.dep_ in {"dobj", "attr"} and noun.head.lemma_.lower() in self.dictionary.light_verbs
        if entry.get("light_only") and not light:
            return None
        participants: list[Participant] = []

        def add(found: list[Participant]) -> None:
            for p in found:
                if all(q.actor["id"] != p.actor["id"] for q in participants):
                    participants.append(p)

        head = noun.head
        if noun.dep_ in {"dobj", "attr"} and head.lemma_.lower() in self.dictionary.light_verbs:
            add(self.roles(head, None, actors)[0])
        for child in noun.children:
            if child.dep_ in {"compound", "amod", "nmod", "poss"}:
                add(actors.group(child))
            elif child.dep_ == "prep" and child.lower_ in {"with", "between", "among", "by"}:
                for obj in child.children:
                    if obj.dep_ == "pobj":
                        add(actors.group(obj))
        if noun.dep_ in {"dobj", "attr"} and head.lemma_.lower() in self.dictionary.light_verbs:
            for child in head.children:
                if child.dep_ == "prep" and child.lower_ in {"with", "between", "among"}:
                    add(actors.group(next((g for g in child.children if g.dep_ == "pobj"), None)))
        lemma = noun.lemma_.lower()
        if len(participants) == 1:
            speaker = self.reporting_head(noun)
            if speaker is not None:
                add(self.roles(speaker, None, actors)[0])
                participants = participants[1:] + participants[:1]
        if len(participants) < 2:
            if lemma in context and not participants:
                sources, targets = context[lemma]
                return Candidate(entry["code"], [noun], sources, targets, *self.negation_and_modality(noun),
                                 reported=False, nominal=True, rule="nominal-context")
            return None
        sources, targets = participants[:1], participants[1:2]
        context[lemma] = (sources, targets)
        negated, modality = self.negation_and_modality(noun)
        return Candidate(entry["code"], [noun], sources, targets, negated, modality,
                         self.reporting_head(noun) is not None, nominal=True, rule="nominal")

    # -- negation, modality, reported speech ----------------------------------------------------------
    def negation_and_modality(self, token: Token) -> tuple[bool, str | None]:
        negated = _locally_negated(token)
        modality: str | None = None
        node = token
        for _ in range(8):
            children = list(node.children)
            aux = {c.lower_ for c in children if c.dep_ == "aux"}
            if modality is None:
                if aux & MODAL_FUTURE:
                    modality = "future"
                elif aux & MODAL_POSSIBLE:
                    modality = "possible"
                elif aux & MODAL_OBLIGATION:
                    modality = "obligation"
            if any(c.dep_ == "mark" and c.lower_ in CONDITION_MARKERS for c in children):
                return negated, "conditional"
            if node.dep_ in {"xcomp", "acl"} and node.head.lemma_.lower() in INTENTION_HEADS | {"plan", "readiness", "intention", "guarantee", "bid", "demand", "call", "threat"}:
                modality = modality or "intention"
            if node.dep_ == "acl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in children):
                modality = modality or "intention"
            parent = node.head
            if parent is node:
                break
            if node.dep_ in {"ccomp", "xcomp", "acl", "pcomp", "pobj", "dobj"} and parent.lemma_.lower() in NEGATING_VERBS \
                    and node is not token:
                negated = True
            if node.dep_ in {"ccomp", "xcomp"} and parent.lemma_.lower() in NEGATING_VERBS:
                negated = True
            if node.dep_ in {"ccomp", "parataxis", "conj", "ROOT"} or self._is_reporting(parent):
                break
            node = parent
        return negated, modality

    def _is_reporting(self, token: Token) -> bool:
        return token.lemma_.lower() in self.reporting

    def reporting_head(self, token: Token) -> Token | None:
        """The reporting verb whose clause holds ``token`` ("Peskov said that Russia would wait")."""
        node = token
        for _ in range(12):
            parent = node.head
            if parent is node:
                return None
            if node.dep_ in {"ccomp", "parataxis", "xcomp", "dobj", "advcl", "conj", "relcl", "acl", "pobj", "prep", "nsubj", "nsubjpass", "attr", "pcomp"} and self._is_reporting(parent):
                if node.dep_ in {"ccomp", "parataxis"} or node is not token:
                    return parent
            if node.dep_ == "ccomp" and parent.dep_ == "ROOT" and not self._is_reporting(parent):
                return None
            node = parent
        return None

    # -- output ------------------------------------------------------------------------------------
    def _finish(self, doc: Doc, sentence_index: int, candidate: Candidate) -> Iterator[dict[str, Any]]:
        if not is_valid_code(candidate.code):
            return
        sources = [p for p in candidate.sources if p.code] if self.require_source else (candidate.sources or [None])
        targets: list[Participant | None] = list(candidate.targets) or [None]
        for source in sources:
            for target in targets:
                if source is not None and target is not None and (
                    source.actor["id"] == target.actor["id"] or (source.code and source.code == target.code)
                ):
                    continue
                yield self._event(doc, sentence_index, candidate, source, target)

    def _event(
        self, doc: Doc, sentence_index: int, candidate: Candidate, source: Participant | None, target: Participant | None
    ) -> dict[str, Any]:
        info = code_info(candidate.code)
        trigger_start = min(t.idx for t in candidate.trigger)
        trigger_end = max(t.idx + len(t.text) for t in candidate.trigger)
        head = candidate.trigger[0]
        starts = [trigger_start] + [p.start for p in (source, target) if p is not None]
        ends = [trigger_end] + [p.end for p in (source, target) if p is not None]
        article = doc._.article or {}
        date, date_source = _event_date(doc, head, article)
        event_id = content_id(
            str(article.get("id") or ""), str(sentence_index), str(trigger_start), candidate.code,
            source.actor["id"] if source else "", target.actor["id"] if target else "",
        )
        return {
            "id": event_id,
            "source": source.to_dict() if source else None,
            "target": target.to_dict() if target else None,
            "cameo": candidate.code,
            "root": info.root,
            "quad": info.quad,
            "goldstein": info.goldstein,
            "plover": {"type": info.plover_type, "mode": info.plover_mode},
            "date": date,
            "date_source": date_source,
            "place": _event_place(doc, head),
            "negated": candidate.negated,
            "modality": candidate.modality,
            "reported": candidate.reported,
            "sentence": sentence_index,
            "start": min(starts),
            "end": max(ends),
            "trigger": {"text": doc.text[trigger_start:trigger_end], "start": trigger_start, "end": trigger_end},
            "rule": candidate.rule,
            "dictionary": DICTIONARY_VERSION,
        }


def _clause_tokens(head: Token, keep_clauses: bool = False) -> list[Token]:
    """A clause's tokens without the clauses embedded in it (unless ``keep_clauses``)."""
    out: list[Token] = []
    stack = [head]
    while stack:
        token = stack.pop()
        out.append(token)
        for child in token.children:
            if keep_clauses or child.dep_ not in {"ccomp", "advcl", "relcl", "parataxis"}:
                stack.append(child)
    return out


def _locally_negated(token: Token) -> bool:
    """"not"/"never" on the word itself or its verb, "no"/"little" as determiner of a noun."""
    for child in token.children:
        if child.dep_ == "neg" or (child.dep_ in {"det", "amod", "advmod"} and child.lower_ in NEGATORS | {"little", "few"}):
            return True
    head = token.head
    if token.dep_ in {"dobj", "attr", "acomp", "pobj", "nsubj"} and head is not token:
        if any(c.dep_ == "neg" for c in head.children):
            return True
        if token.dep_ == "pobj" and head.head is not head and head.head.pos_ == "NOUN":
            return _locally_negated(head.head)
    return False


def _event_date(doc: Doc, trigger: Token, article: dict[str, Any]) -> tuple[str | None, str | None]:
    try:
        timex = importlib.import_module("eventwire.timex")
        event_date = getattr(timex, "event_date", None)
    except ImportError:
        event_date = None
    if event_date is not None:
        try:
            value, source = event_date(doc, trigger)
        except (KeyError, ValueError, TypeError, AttributeError):
            value, source = None, None
        if value:
            return value, source
    date = article.get("date")
    return (date, "publication") if date else (None, None)


def _event_place(doc: Doc, trigger: Token) -> dict[str, Any] | None:
    try:
        geo = importlib.import_module("eventwire.geo")
        event_place = getattr(geo, "event_place", None)
    except ImportError:
        return None
    if event_place is None:
        return None
    try:
        return event_place(doc, trigger)
    except (KeyError, ValueError, TypeError, AttributeError):
        return None


__all__ = ["ActorIndex", "Candidate", "EventCoder", "Participant"]
