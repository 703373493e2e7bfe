"""The event coder: CAMEO/PLOVER events from a parsed, actor-tagged Doc.

For every verb with a dictionary match (and every event noun such as "talks"), the coder finds the
source and target on the dependency parse (subject/object/prepositional roles, passive voice, coordinated
actors, relative clauses, control), marks negation, modality and reported speech, and keeps an event
only when its source is a coded actor and differs from its target (PETRARCH's same-actor discard).
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Doc, Span, Token

from ..nlp.text import doc_text
from ..records import content_id
from .cameo import code_info, frame_code, frame_family, given_code, halting_code, is_valid_code, modal_family
from .patterns import DICTIONARY_VERSION, Match, VerbDictionary, VerbEntry

SUBJECT_DEPS = frozenset({"nsubj", "csubj"})
PASSIVE_SUBJECT_DEPS = frozenset({"nsubjpass", "csubjpass"})
OBJECT_DEPS = frozenset({"dobj", "dative", "iobj"})
# prepositions whose object is the target of an act ("appealed to X", "talks with X", "fired on X")
TARGET_PREPS = frozenset({"to", "with", "against", "on", "at", "toward", "towards", "into", "upon", "from", "over", "for", "about", "of"})
# prepositions of an object noun that name the target ("sanctions against Burma", "aid to Haiti")
OBJECT_TARGET_PREPS = frozenset({"against", "to", "on", "toward", "towards", "for"})
# verbs whose object controls an infinitive ("urged Uganda to repatriate": Uganda repatriates)
OBJECT_CONTROL = frozenset({"urge", "ask", "call", "order", "tell", "force", "persuade", "invite", "allow", "press", "encourage", "request", "require", "help",
                            "pressure", "pressurize", "pressurise", "push"})
# nouns naming an earlier act whose author is the target of a reply ("rejected the demands")
ANTECEDENT_ROOTS: dict[str, tuple[str, ...]] = {
    "demand": ("10",), "request": ("02", "10"), "call": ("02", "10"), "appeal": ("02",), "proposal": ("02", "03"),
    "offer": ("03",), "plan": ("03", "02"), "ultimatum": ("10", "13"),
}
SPEAKER_PRONOUNS = frozenset({"it", "they", "he", "she", "we"})
RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom", "whose"})
NEGATORS = frozenset({"not", "n't", "never", "no"})
# verbs that deny or refuse what their complement says ("denied it has plans to attack")
NEGATING_VERBS = frozenset({"deny", "refuse", "reject", "decline", "rule", "fail"})
# heads whose complement is an obligation, not an act ("Japan needs to enact reforms")
OBLIGATION_HEADS = frozenset({"need", "have", "ought", "obliged", "required"})
# roots of acts whose complement, not the act, is the content: statements ("saying he must resign") and
# protests ("to protest the failure to introduce reforms")
TRANSPARENT_ROOTS = frozenset({"01", "14"})
# nouns whose clause is what they propose, ask, promise or refuse ("a request to interrogate", "plans to sell")
PROPOSAL_NOUNS = frozenset({"plan", "proposal", "offer", "request", "call", "demand", "appeal", "decision", "commitment",
                            "effort", "attempt", "bid", "pressure", "order", "ultimatum", "agreement", "deal", "consensus",
                            "readiness", "willingness", "refusal", "failure", "promise", "pledge", "threat", "warning",
                            "intention", "move", "initiative", "statement", "declaration", "resolution", "petition",
                            "action", "step", "measure"})
# nouns of speech whose participle clause is their author's act ("a statement calling for", "a declaration demanding")
SPEECH_NOUNS = frozenset({"statement", "declaration", "communique", "resolution", "letter", "appeal", "message",
                          "note", "report", "petition", "reminder", "warning", "proclamation"})
# a denial (016) of what its object names is a refusal (12x) unless the object is a charge (the dictionary's
# "deny" patterns): "denied land allocation", "denied entry" refuse; "denied the allegations" denies
DENIAL_CODE = "016"
REFUSAL_CODE = "120"
# protests (14x) take their sub-code from the change they are for: leadership, policy, rights or institutions,
# the acts coded 0831-0834 (accede to demands for that change)
PROTEST_ROOT = "14"
REFORM_CONTENT = "083"
# nouns that only carry the act named by their modifier or "of" phrase ("undertook a mediation mission",
# "began the process of returning"): the act is the light verb's subject's
# nouns of a collective act whose nationality adjective names who acts ("Palestinian riots are
# continuing", "Kurdish protests spread"): the actor component keeps no mention for such an adjective
COLLECTIVE_ACT_NOUNS = frozenset({"riot", "protest", "demonstration", "strike", "uprising", "unrest", "rebellion",
                                  "attack", "raid", "offensive", "shelling", "bombing", "airstrike", "clash", "boycott"})
# nouns for people who speak or act for a body: "representatives from X" acts as X, as "of X" does
REPRESENTATIVE_NOUNS = frozenset({"representative", "delegate", "delegation", "envoy", "emissary", "spokesman",
                                  "spokeswoman", "spokesperson", "member", "official", "leader"})
CARRIER_NOUNS = frozenset({"process", "mission", "effort", "efforts", "campaign", "task", "operation", "initiative"})
# preparing to use force is a force posture (15), CAMEO's "military moves that fall short of the use of force"
PREPARATION_VERBS = frozenset({"prepare", "ready", "mobilize", "mobilise"})
FORCE_ROOTS = frozenset({"18", "19", "20"})
FORCE_POSTURE_CODE = "150"
# releasing or returning persons or property (084x): the object is who or what is released
RELEASE_ROOT = "084"
# a statement of another actor's obligation to act is a demand on it, as "said X must" is
NEED_NOUNS = frozenset({"obligation", "duty", "responsibility", "need", "necessity"})
# verbs of moving or sending someone: with a purpose clause naming an act, that act is the event, unless it is
# a statement or a meeting (the visit itself is then the consultation)
MOVEMENT_VERBS = frozenset({"visit", "travel", "arrive", "go", "come", "fly", "head", "send", "dispatch", "deploy"})
MOVEMENT_KEPT_ROOTS = frozenset({"01", "04"})
# cooperative acts whose coordinated actors act with each other when no target is named (intent, consultation,
# diplomatic and material cooperation)
RECIPROCAL_ROOTS = frozenset({"03", "04", "05", "06"})
# "called Burma a good news story", "branded the move illegal": naming or describing the object, not an act on it
NAMING_VERBS = frozenset({"call", "label", "brand", "term", "dub"})
STATEMENT_CODE = "010"
HALT_NEGOTIATIONS_CODE = "164"
NEGOTIATION_CODE = "046"
CONCLUDING_VERBS = frozenset({"end", "conclude", "finish", "close", "wrap"})
DISRUPTION_ADVERBS = frozenset({"abruptly", "suddenly", "prematurely", "unexpectedly"})
NAMING_CODE = STATEMENT_CODE
# verbs whose passive without an agent states what the subject does ("were engaged in", "is involved in")
STATIVE_PASSIVES = frozenset({"engage", "involve"})
# verbs of accord: agreeing that something is so, with no act agreed to, expresses accord (019)
ACCORD_VERBS = frozenset({"agree", "concur"})
ACCORD_CODE = "019"
# verbs of wanting: wanting another actor to act is an appeal to it ("wants Germany to pay")
WANTING_VERBS = frozenset({"want", "wish", "expect", "prefer", "like"})
# heads whose infinitival complement is an intention, not an act ("ready to discuss", "wants to meet")
INTENTION_HEADS = frozenset(
    {"want", "plan", "intend", "hope", "seek", "aim", "try", "ready", "prepared", "willing", "wish", "expect",
     "prepare", "propose", "offer", "promise", "pledge", "vow", "threaten", "agree", "decide", "eager", "determined",
     "able", "likely", "going", "set", "need", "attempt", "consider"}
)
# dependencies by which a complement hangs off the act it is the content of
COMPLEMENT_DEPS = frozenset({"xcomp", "ccomp", "dobj", "pobj", "prep", "pcomp", "acl"})
# prepositions introducing what an appeal or demand is for ("called for", "appealed to ... for", "insisted on")
CONTENT_PREPS = frozenset({"for", "on", "upon", "towards", "toward", "of", "to"})
MODAL_FUTURE = frozenset({"will", "shall", "'ll", "would", "wo"})
MODAL_POSSIBLE = frozenset({"could", "might", "may", "can", "ca"})
MODAL_OBLIGATION = frozenset({"should", "must", "ought"})
# "whether it would make sense to continue": an open question, like a condition, asserts nothing
CONDITION_MARKERS = frozenset({"if", "unless", "whether"})


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
        # mentions that modify a noun ("Russian officials"), by the noun they hang off
        self.modifying: dict[int, list[Span]] = {}
        for span in self.spans:
            for i in range(span.start, span.end):
                self.by_token.setdefault(i, []).append(span)
            root = span.root
            if root.dep_ in {"compound", "amod", "poss", "nmod", "npadvmod"} and root.head.i != root.i:
                self.modifying.setdefault(root.head.i, []).append(span)
        try:
            self.lookup = importlib.import_module("eventwire.actors").actor_for_token
        except (ImportError, AttributeError):
            self.lookup = None
        try:
            self.country_lookup = importlib.import_module("eventwire.actors").country_of_adjective
        except (ImportError, AttributeError):
            self.country_lookup = None

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
            modifiers = [s for s in self.modifying.get(token.i, ()) if s.root.i != token.i]
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
        frontier = [c for c in head.children if c.dep_ in {"pobj", "compound", "amod", "poss", "nmod", "appos", "npadvmod"}
                    or (c.dep_ == "prep" and (c.lower_ == "of"
                                              or (c.lower_ == "from" and head.lemma_.lower() in REPRESENTATIVE_NOUNS)))]
        while frontier:
            frontier.sort(key=lambda t: abs(t.i - head.i))
            token = frontier.pop(0)
            found = self.at(token)
            if found:
                return found
            frontier.extend(c for c in token.children if c.dep_ in {"pobj", "compound", "amod", "poss", "nmod"}
                            or (c.dep_ == "prep" and c.lower_ == "of"))
        return None

    def national_qualifier(self, noun: Token) -> list[Participant]:
        """The country named by an uncoded adjective of ``noun`` ("Palestinian" in "Palestinian riots")."""
        if self.country_lookup is None:
            return []
        for child in noun.children:
            if child.dep_ in {"amod", "compound"} and child.i not in self.by_token:
                code = self.country_lookup(child)
                if code:
                    actor = {"id": content_id(child.text), "name": child.text, "code": code}
                    return [Participant(actor, child.idx, child.idx + len(child.text), child.i)]
        return []

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
        self._recent_sources = {}
        self._match_doc: Doc | None = None
        self._matches: dict[int, Match | None] = {}
        # PETRARCH's discards (Phoenix.discards.txt): sports and similar stories and sentences are out of scope
        historical = bool(settings.get("discard_historical", False))
        self.story_discards = _discard_pattern(dictionary.discards, story=True, historical=historical)
        self.sentence_discards = _discard_pattern(dictionary.discards, story=False, historical=historical)

    def match(self, token: Token) -> Match | None:
        """The verb dictionary's match for ``token``, computed once per token of the Doc being coded."""
        if self._match_doc is not token.doc:
            self._match_doc, self._matches = token.doc, {}
        if token.i not in self._matches:
            self._matches[token.i] = self.dictionary.match(token)
        return self._matches[token.i]

    # -- document -----------------------------------------------------------------------------------
    def code_doc(self, doc: Doc) -> list[dict[str, Any]]:
        actors = ActorIndex(doc)
        events: list[dict[str, Any]] = []
        seen: set[Any] = set()
        nominal_seen: set[tuple[Any, ...]] = set()
        nominal_context: dict[str, tuple[list[Participant], list[Participant]]] = {}
        self._recent_sources: dict[str, Participant] = {}
        if self.story_discards is not None and self.story_discards.search(doc_text(doc)):
            return []
        for index, sentence in enumerate(doc.sents):
            if self.sentence_discards is not None and self.sentence_discards.search(sentence.text):
                continue
            for candidate in self._sentence_candidates(sentence, actors, nominal_context):
                for event in self._finish(doc, index, candidate):
                    if candidate.nominal:
                        key = (event["cameo"], (event["source"] or {}).get("actor"), (event["target"] or {}).get("actor"))
                        if key in nominal_seen:
                            continue
                        nominal_seen.add(key)
                    if event["cameo"] == STATEMENT_CODE:
                        # "noted ..., he emphasized", "said, adding that": one statement per speaker and
                        # counterpart in a sentence
                        statement_key = ("statement", index, (event["source"] or {}).get("actor"),
                                         (event["target"] or {}).get("actor"))
                        if statement_key in seen:
                            continue
                        seen.add(statement_key)
                    if event["id"] not in seen:
                        seen.add(event["id"])
                        events.append(event)
                        if not event["negated"] and event["modality"] is None and candidate.sources:
                            self._recent_sources[event["root"]] = candidate.sources[0]
        return events

    def _sentence_candidates(
        self, sentence: Span, actors: ActorIndex, nominal_context: dict[str, tuple[list[Participant], list[Participant]]]
    ) -> Iterator[Candidate]:
        for token in sentence:
            if token.pos_ == "VERB" or (token.pos_ == "AUX" and token.dep_ == "ROOT" and token.lemma_ != "be"):
                if token.lemma_.lower() in self.blocked_lemmas or not self._predicate(token):
                    continue
                match = self.match(token)
                if match is None:
                    # a verb without an entry may still halt, give or impose what its object names
                    # ("reduced food supplies" 1623)
                    object_code = self._object_act_code(token)
                    if object_code is not None:
                        lemma = self.dictionary.lemma(token)
                        match = Match(object_code, None, None, VerbEntry(lemma, (), "OBJECT", object_code, None, "eventwire"))
                if match is not None:
                    yield from self._verb_candidates(token, match, actors)
            elif token.pos_ in {"NOUN", "PROPN"}:
                candidate = self._nominal_candidate(token, actors, nominal_context)
                if candidate is not None:
                    yield candidate

    # -- verbs --------------------------------------------------------------------------------------
    @staticmethod
    def _predicate(verb: Token) -> bool:
        """A verb that predicates an act: not a participle used as a modifier ("US-led forces", "the
        alleged bombers", "a body linked to"), unless it names who acted ("the crisis caused by Russia")."""
        if verb.dep_ in {"amod", "compound", "nmod"}:
            return False
        if any(c.dep_ in {"det", "poss"} for c in verb.children):
            # a noun mis-tagged as a verb: "its fisheries dispute with", "the call for"
            return False
        if verb.dep_ == "acl" and verb.tag_ == "VBG" and verb.head.lemma_.lower() in SPEECH_NOUNS:
            # "a declaration demanding that ...": the declaration's content is its author's act
            return True
        if _misparsed_main_verb(verb):
            return True
        if verb.dep_ == "acl" and verb.tag_ in {"VBN", "VBG"}:
            return any(c.dep_ == "agent" for c in verb.children)
        if verb.tag_ == "VB" and verb.dep_ not in {"conj", "xcomp", "ccomp", "ROOT"} \
                and not any(c.dep_ in {"aux", "auxpass", "nsubj", "nsubjpass"} for c in verb.children):
            # a base form with neither "to", a modal nor a subject is a noun mis-tagged as a verb ("for ending
            # its fisheries dispute with")
            return False
        return True

    def _verb_candidates(self, verb: Token, match: Match, actors: ActorIndex) -> Iterator[Candidate]:
        flags = set(match.pattern.flags) if match.pattern else set()
        if _in_noun_content_clause(verb) and "blame" not in flags:
            # "guarantees that NATO deny membership": the content of a demand is no event
            return
        if "blame" not in flags and self.framing_head(verb) is not None:
            # "urged Uganda to repatriate", "demanded that the US cancel", "warned that Moscow would take
            # measures": the act asked for, promised or threatened is coded in the governing act, not as
            # an event of its own
            return
        if self._moves_to_act(verb):
            # "will visit Mauritania to mediate", "sent personnel to investigate": the act the trip or the
            # mission is for is the event (coded on its own, with the traveller or sender as source)
            return
        if self._light_verb_with_event_noun(verb):
            # "staged rallies", "issued an ultimatum": the noun carries the event
            return
        sources, targets = self.roles(verb, match, actors)
        negated, modality = self.negation_and_modality(verb)
        reported = self.reporting_head(verb) is not None
        trigger = [verb, *[c for c in verb.children if c.dep_ == "prt"]]
        code = match.code
        reverse = match.reverse
        if match.pattern is None and _predicative_naming(verb, self.dictionary.lemma(verb)):
            # "X called Y a Z" / "called the behaviour outrageous": a comment on Y, not a phone call
            code, reverse = NAMING_CODE, None
        if code == DENIAL_CODE and match.pattern is None and any(c.dep_ == "dobj" for c in verb.children) \
                and not any(c.dep_ == "ccomp" for c in verb.children):
            code = REFUSAL_CODE
        elif code is not None and self.dictionary.lemma(verb) in ACCORD_VERBS and match.pattern is None \
                and not any(c.dep_ == "xcomp" for c in verb.children):
            clauses = [c for c in verb.children if c.dep_ == "ccomp"]
            # "agreed (that) there was a need for progress": agreeing that something is so, not to do it
            if clauses and (all(c.lemma_ == "be" for c in clauses) or self.complement_content(verb) is None):
                code = ACCORD_CODE
        if "blame" in flags:
            # "the crisis was caused by Russia": the speaker blames the causer; unreported, no event
            speaker = self.reporting_head(verb)
            if speaker is None:
                return
            sources, targets = self.roles(speaker, None, actors)[0], sources
            reported = False
            negated, modality = self.negation_and_modality(speaker)
            trigger = [verb]
        halted = self._object_act_code(verb) if "blame" not in flags else None
        if halted is not None:
            # "halted economic aid" 1621, "lifted the curfew" 0813: the code of stopping that act; the object
            # names the act, it is not its target ("declared a state of siege": no actor "state"), except for
            # the persons or property released or returned (084x: "released the correspondent")
            code = halted
            if not code.startswith(RELEASE_ROOT):
                objects = {c.i for c in verb.children if c.dep_ == "dobj"}
                targets = [t for t in targets if t.token not in objects]
        if code is not None and self._is_statement(verb, code):
            code = self._statement_code(verb, code)
            demanded = self._demanded(verb, sources, actors)
            if demanded is not None:
                code, targets = demanded
            elif code == "010" and self._reports_coded_act(verb):
                # CAMEO codes a plain statement only when the sentence holds no more specific act: "X
                # appealed to Y, officials said" is X's appeal (coded or not), never the officials' 010
                return
        elif code is not None and "blame" not in flags and frame_family(code) is not None:
            # what the appeal, demand, rejection or threat is about decides its sub-code; a pattern's code
            # stands when the complement names no act ("rejected the calls" 122)
            code = self._framed_code(verb, code, keep_without_content=match.pattern is not None)
        if code is not None:
            code, modality = self._stated_intention(verb, code, negated, modality, reported)
        if code is not None and negated and modality in {None, "future"} and _direct_negation(verb) \
                and 3 <= int(code[:2]) <= 8:
            # "will not accept refugees", "would not meet the demands": refusing to cooperate is a rejection
            content = self.complement_content(verb) if code.endswith("0") else None
            if content is None or not 3 <= int(content[:2]) <= 8:
                content = code
            # "would not meet demands to release prisoners": refusing to yield on the release (1243)
            code, negated, modality = frame_code("12", content), False, None
        if code is not None and not targets and len(sources) > 1 and code[:2] in RECIPROCAL_ROOTS \
                and code == match.code and modality is None and _own_coordinated_subject(verb):
            # "Japan and South Korea signed a trade pact", "Hungarian and Romanian officials agreed": each with
            # the other (CAMEO codes two reciprocal events; same-actor pairs are dropped on output)
            targets = list(sources)
        if code is not None:
            yield Candidate(code, trigger, sources, targets, negated, modality, reported, rule="pattern" if match.pattern else "verb")
        if reverse is not None:
            yield Candidate(reverse, trigger, targets, sources, negated, modality, reported, rule="reverse")

    def _moves_to_act(self, verb: Token) -> bool:
        """Whether ``verb`` only moves someone (visit, travel, send) to do a coded act its purpose clause names,
        other than a statement or a meeting (a visit to hold talks stays a visit)."""
        if self.dictionary.lemma(verb) not in MOVEMENT_VERBS:
            return False
        for clause in verb.children:
            if clause.dep_ != "advcl" or not any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children):
                continue
            code = self._act_code(clause)
            if code and code[:2] not in MOVEMENT_KEPT_ROOTS and self._predicate(clause):
                return True
        return False

    def _stated_intention(self, verb: Token, code: str, negated: bool, modality: str | None,
                          reported: bool) -> tuple[str, str | None]:
        """CAMEO codes a stated intention to cooperate (03x) or to use force or sanctions (13x) as the act of
        expressing it: "will provide aid" 033, "said they would blockade" 1381."""
        if negated or modality not in {"future", "intention", "possible"} or self._hypothetical(verb):
            return code, modality
        family = modal_family(code)
        if modality == "possible" and not (family == "13" and reported):
            # "may halt mediation", said the minister: a stated possible conflictual act is a threat
            return code, modality
        if family == "03" or (family == "13" and (reported or modality == "intention")):
            return frame_code(family, code), None
        return code, modality

    # -- complements: what an appeal, intent, demand, rejection or threat is about ----------------------
    def framing_head(self, token: Token) -> Token | None:
        """The appeal/intent/demand/rejection/threat verb whose complement holds ``token`` ("urged Uganda
        to repatriate" -> urged), or None. Reported speech ("said", 01) frames nothing: its content is an
        event of its own."""
        node = token
        for _ in range(4):
            parent = node.head
            purpose = node.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" or c.tag_ == "VBG" for c in [node, *node.children])
            if parent.i == node.i or (node.dep_ not in COMPLEMENT_DEPS and not purpose):
                return None
            if parent.pos_ in {"VERB", "AUX"}:
                code = self._act_code(parent)
                family = frame_family(code)
                if family is not None and (not purpose or family[:2] == "14"):
                    # a protest's purpose ("staged rallies to demand reforms") is what the protest is for
                    return parent
                if purpose:
                    return None
                if node.dep_ in {"ccomp", "xcomp"}:
                    return None
            node = parent
        return None

    def _object_act_code(self, verb: Token) -> str | None:
        """The code a verb gets from what its object names: halting it ("called off the strike" 082,
        "halted economic aid" 1621), giving it ("handed over medicine" 073) or imposing it ("reimposed
        blockades" 191)."""
        content = self._object_content(verb)
        if content is None:
            return None
        lemma = self.dictionary.lemma(verb)
        particles = [c.lower_ for c in verb.children if c.dep_ == "prt"]
        phrasal = " ".join([lemma, *particles])
        code = halting_code(phrasal, content) or halting_code(lemma, content) or given_code(lemma, content)
        if code == HALT_NEGOTIATIONS_CODE and lemma in CONCLUDING_VERBS and not particles \
                and not any(c.dep_ == "advmod" and c.lower_ in DISRUPTION_ADVERBS for c in verb.children):
            # CAMEO 164 is for failed negotiations, walk-outs and disruptions; talks that "ended" or
            # "concluded" were held (046, "holding talks")
            return NEGOTIATION_CODE
        return code

    def _act_code(self, verb: Token) -> str | None:
        """The code a verb's own act has: its dictionary code, or its event noun's after a light verb."""
        found = self._object_act_code(verb)
        if found is not None:
            return found
        if self._is_light_verb(verb):
            for child in verb.children:
                entry = self.dictionary.nouns.get(child.lemma_.lower()) if child.dep_ == "dobj" else None
                if entry is not None and entry.get("code"):
                    return str(entry["code"])
        match = self.match(verb)
        return match.code if match is not None else None

    def _framed_code(self, verb: Token, code: str, keep_without_content: bool = False) -> str:
        """The sub-code of an appeal/intent/demand/rejection/threat from the act its complement names:
        "urged Japan to enact reforms" -> 024 (appeal for political reform)."""
        family = frame_family(code)
        if family is None:
            return code
        content = self.complement_content(verb)
        if content is None and family.startswith(PROTEST_ROOT):
            content = self.protest_reason(verb)
        if content is None:
            return code
        if family.startswith(PROTEST_ROOT) and frame_code(family, content) == frame_code(family, None):
            # "stopped work on the first day of a strike over an employment bill": what the protest is for
            content = self.protest_reason(verb) or content
        if frame_code(family, content) == frame_code(family, None) and (keep_without_content or code != frame_code(family, None)):
            # the complement names no act the family distinguishes: a specific code stands
            return code
        negated_clause = any(g.dep_ == "neg" for c in verb.children if c.dep_ in {"xcomp", "ccomp"} for g in c.children)
        if family == "03" and negated_clause:
            # "vowed not to return the Golan Heights": promising not to act refuses it
            return frame_code("12", content)
        if family == "03" and self.dictionary.lemma(verb) in PREPARATION_VERBS and content[:2] in FORCE_ROOTS:
            # "the army prepared to resume shelling": readying force is a force posture (150), not an intent
            return FORCE_POSTURE_CODE
        if family == "03":
            # "wants Germany to pay": wanting another actor to act is an appeal; vowing to fight a threat
            clauses = [c for c in verb.children if c.dep_ in {"xcomp", "ccomp"}]
            if self.dictionary.lemma(verb) in WANTING_VERBS and (
                    any(c.dep_ in OBJECT_DEPS for c in verb.children) and clauses or any(
                    g.dep_ in SUBJECT_DEPS and g.lower_ not in SPEAKER_PRONOUNS for c in clauses for g in c.children)):
                family = "02"
            else:
                family = modal_family(content) or "03"
        return frame_code(family, content)

    def protest_reason(self, verb: Token) -> str | None:
        """What a protest is for when no complement says it in so many words ("in protest of the arrest of
        activists", "over an employment bill", "demonstrations against rights violations"): the first noun in
        the protest's phrase after its trigger that names a demanded change (CAMEO's 14x sub-codes: leadership,
        policy, rights, institutions), outside its subject."""
        excluded = {t.i for c in verb.children if c.dep_ in SUBJECT_DEPS | PASSIVE_SUBJECT_DEPS for t in c.subtree}
        for token in verb.subtree:
            if token.i <= verb.i or token.i in excluded or token.pos_ not in {"NOUN", "PROPN"}:
                continue
            found = self.noun_content(token)
            if found is not None and found.startswith(REFORM_CONTENT) and len(found) == 4:
                return found
        return None

    def complement_content(self, head: Token, depth: int = 0, skip: Token | None = None) -> str | None:
        """The CAMEO code of the act a verb's or noun's complement names: the objects, "for"/"to"/"on"
        phrases and clauses, in text order."""
        if depth > 4:
            return None
        for child in head.children:
            found: str | None = None
            if skip is not None and child.i == skip.i:
                continue
            if child.dep_ == "acl" and head.pos_ in {"NOUN", "PROPN"} and head.lemma_.lower() not in PROPOSAL_NOUNS | NEED_NOUNS:
                # "roads leading to the centre": a participle describing a noun is no content; "a request
                # to interrogate detainees" is
                continue
            if child.dep_ in {"xcomp", "ccomp", "dobj", "attr", "oprd", "acl", "nsubjpass", "acomp"} and child.i > head.i:
                found = self._content(child, depth + 1)
            elif child.dep_ == "prep" and child.lower_ in CONTENT_PREPS:
                for obj in child.children:
                    if obj.dep_ in {"pobj", "pcomp"}:
                        found = found or self._content(obj, depth + 1)
            elif child.dep_ == "advcl" and (child.tag_ == "VBG" or any(g.dep_ == "aux" and g.lower_ == "to" for g in child.children)):
                # purpose: "staged rallies to demand reforms"
                found = self._content(child, depth + 1)
            if found:
                return found
        return None

    def _object_content(self, verb: Token) -> str | None:
        """The act a verb's direct object names ("halted economic aid" -> 071), from the content nouns."""
        for child in verb.children:
            if child.dep_ in {"dobj", "nsubjpass"}:
                noun: Token | None = child
                for _ in range(3):
                    found = self.noun_content(noun) if noun is not None else None
                    if found is not None or noun is None:
                        return found
                    # "700 kg of medicine", "part of a military aid program": the "of" phrase names the thing
                    noun = next((g for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"
                                 for g in c.children if g.dep_ == "pobj"), None)
                return None
        return None

    def _content(self, token: Token, depth: int) -> str | None:
        if token.pos_ in {"VERB", "AUX"}:
            obj = self._object_content(token)
            halted = self._object_act_code(token)
            if halted is not None:
                return halted
            match = self.match(token)
            code = match.code if match is not None and match.code else None
            if code is None and obj is not None and obj.startswith(RELEASE_ROOT):
                # "a request to interrogate detainees" asks for no release: persons named as the object of a
                # verb without a code of its own are no content
                obj = None
            if obj is not None and (code is None or len(obj) > len(code) or code.endswith("0")
                                    or frame_family(code) is not None):
                # "honor human rights": the object names the act more precisely than a generic verb
                return obj
            if code is not None and frame_family(code) is None and code[:2] not in TRANSPARENT_ROOTS:
                return code
            # "take action to lift", "demanded that control be taken away": look further in
            return self.complement_content(token, depth)
        if token.pos_ in {"NOUN", "PROPN", "ADJ"}:
            found = self.noun_content(token)
            if found:
                return found
            return self.complement_content(token, depth)
        return None

    def noun_content(self, noun: Token) -> str | None:
        """The act a noun names ("resignation" 0831, "economic aid" 071, "an end to sanctions" 085)."""
        lemma = noun.lemma_.lower()
        entry = self.dictionary.content.get(lemma) or self.dictionary.content.get(noun.lower_)
        if entry is None:
            event = self.dictionary.nouns.get(lemma)
            if event and event.get("code") and frame_family(event["code"]) is None and not event.get("light_only"):
                return str(event["code"])
            # "a military aid program": the compound names the act, the head's modifiers refine it
            for child in noun.children:
                inner = self.dictionary.content.get(child.lemma_.lower()) if child.dep_ == "compound" else None
                if inner is not None:
                    modifiers = inner.get("modifiers") or {}
                    for other in [*child.children, *noun.children]:
                        if other.dep_ in {"amod", "compound", "nmod"} and other.lemma_.lower() in modifiers:
                            return str(modifiers[other.lemma_.lower()])
                    return inner.get("code")
            return None
        objects = [g for c in noun.children if c.dep_ == "prep" and c.lower_ in {"of", "to", "on"}
                   for g in c.children if g.dep_ == "pobj"]
        for obj in objects:
            for word in (obj.lemma_.lower(), obj.lower_):
                if word in (entry.get("of") or {}):
                    return str(entry["of"][word])
        modifiers = entry.get("modifiers") or {}
        for child in noun.children:
            if child.dep_ in {"amod", "compound", "nmod"} and child.lemma_.lower() in modifiers:
                return str(modifiers[child.lemma_.lower()])
        # "aid for agricultural development projects": what it is for refines it as a modifier would
        owners = [noun]
        if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.i != noun.head.i:
            # "5 million dollars of aid for development": the amount's "for" phrase
            owners.append(noun.head.head)
        for purpose in (g for owner in owners for c in owner.children if c.dep_ == "prep" and c.lower_ == "for"
                        for g in c.children if g.dep_ == "pobj"):
            for word in (purpose, *(c for c in purpose.children if c.dep_ in {"amod", "compound", "nmod"})):
                if word.lemma_.lower() in modifiers:
                    return str(modifiers[word.lemma_.lower()])
        return entry.get("code")

    def _light_verb_with_event_noun(self, verb: Token) -> bool:
        if not self._is_light_verb(verb):
            return False
        for child in verb.children:
            if child.dep_ == "dobj":
                nouns = [child]
                if child.lemma_.lower() in CARRIER_NOUNS:
                    nouns += [c for c in child.children if c.dep_ == "compound"]
                for noun in nouns:
                    entry = self.dictionary.nouns.get(noun.lemma_.lower())
                    if entry is not None and not (entry.get("plural") and noun.tag_ not in {"NNS", "NNPS"}):
                        return True
        return False

    def _hypothetical(self, verb: Token) -> bool:
        return self.negation_and_modality(verb)[1] == "conditional"

    def _demanded(self, verb: Token, sources: list[Participant], actors: ActorIndex) -> tuple[str, list[Participant]] | None:
        """A statement that another actor must or should act is a demand on that actor ("Russia said
        Sudan must return the helicopter"), CAMEO's convention; that it needs to act an appeal ("told Koizumi
        that Japan needs to enact reforms")."""
        for noun in (c for c in verb.children if c.dep_ == "dobj" and c.lemma_.lower() in NEED_NOUNS):
            # "stressed the obligation of the international community to lift embargoes": a demand on it
            owner = next((g for c in noun.children if c.dep_ == "prep" and c.lower_ in {"of", "for", "on"}
                          for g in c.children if g.dep_ == "pobj"), None)
            targets = [t for t in actors.group(owner) if t.actor["id"] not in {p.actor["id"] for p in sources}]
            content = self.complement_content(noun)
            if owner is not None and targets and content is not None:
                return frame_code("10", content), targets
        for clause in (c for c in verb.children if c.dep_ == "ccomp"):
            aux = {c.lower_ for c in clause.children if c.dep_ in {"aux", "auxpass"}}
            family = "10"
            if not aux & MODAL_OBLIGATION:
                needed = next((c for c in clause.children if c.dep_ == "xcomp"), None)
                if clause.lemma_.lower() not in OBLIGATION_HEADS or needed is None:
                    continue
                family = "02"
            subject = next((c for c in clause.children if c.dep_ in SUBJECT_DEPS | PASSIVE_SUBJECT_DEPS), None)
            targets = actors.group(subject)
            source_ids = {p.actor["id"] for p in sources}
            targets = [t for t in targets if t.actor["id"] not in source_ids]
            if subject is None or (not targets and actors.spans):
                continue
            content = self._content(clause, 1)
            if family == "02" and content is None:
                # "NATO would need to remain strong" names no act to appeal for: a plain statement
                continue
            return frame_code(family, content), targets
        return None

    def _reports_coded_act(self, verb: Token) -> bool:
        """Whether the clause ``verb`` reports (or attributes, when the reporting verb hangs off the act:
        "X fired on Y, police said") holds a verb or event noun with a code of its own."""
        clauses = [c for c in verb.children if c.dep_ in {"ccomp", "parataxis"}]
        if verb.dep_ in {"parataxis", "ccomp"} and verb.head.i != verb.i:
            clauses.append(verb.head)
        for clause in clauses:
            tokens = [clause] if clause.i == verb.head.i else _clause_tokens(clause, keep_clauses=True)
            for token in tokens:
                if token.pos_ in {"VERB", "AUX"} and token.i != verb.i:
                    code = self._act_code(token)
                    if code and code[:2] != "01" and self._predicate(token):
                        negated, modality = self.negation_and_modality(token)
                        # "said it would not attack": a denied or hypothetical act leaves the statement
                        if not negated and modality not in {"conditional", "possible", "obligation"}:
                            return True
        return False

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
                        if bool(cue.get("negated")) == negated and not (cue.get("alone") and self._reports_coded_act(verb)):
                            return cue_code
        return code

    def roles(self, verb: Token, match: Match | None, actors: ActorIndex) -> tuple[list[Participant], list[Participant]]:
        """Source and target actors of a verb, from its dependents and, when it has no subject of its
        own, from the clause it depends on."""
        doc = verb.doc
        children = list(verb.children)
        # of two subjects (a misparse: "Youths resorted to ..., officials said"), the one next to the verb
        subject = max((c for c in children if c.dep_ in SUBJECT_DEPS), key=lambda c: (c.i < verb.i, -abs(c.i - verb.i)),
                      default=None)
        passive_subject = next((c for c in children if c.dep_ in PASSIVE_SUBJECT_DEPS), None)
        agent = next((g for c in children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"), None)
        misparsed = _misparsed_main_verb(verb)
        passive = passive_subject is not None or any(c.dep_ == "auxpass" for c in children) or (
            verb.tag_ == "VBN" and verb.dep_ == "acl" and not misparsed
        )
        if misparsed:
            subject = _misparsed_subject(verb)
        if passive and agent is None and self.dictionary.lemma(verb) in STATIVE_PASSIVES:
            # "forces were engaged in ethnic cleansing": a state of the subject, not an act done to it
            passive, subject, passive_subject = False, passive_subject, None
        if passive and agent is None:
            agent = _nominal_agent(verb, self.dictionary.nouns)
        if match and match.roles.get("source") is not None:
            sources = actors.group(doc[match.roles["source"]])
        elif passive:
            sources = actors.group(agent)
        else:
            sources = actors.group(subject) if subject is not None and subject.lower_ not in RELATIVE_PRONOUNS else []
            for other in (c for c in children if c.dep_ in SUBJECT_DEPS and c is not subject and not sources):
                # "Members of X, a body linked to Y, investigated": the apposition parsed as a second subject
                sources = actors.group(other)
            if not sources and subject is not None and subject.lemma_.lower() in COLLECTIVE_ACT_NOUNS:
                sources = actors.national_qualifier(subject)
            if not sources and subject is None or (subject is not None and subject.lower_ in RELATIVE_PRONOUNS):
                sources = self._inherited_subject(verb, actors)
            elif not sources and subject is not None and subject.lower_ in SPEAKER_PRONOUNS:
                # "The rebels said they will release ...": an unresolved pronoun subject of reported speech
                # is the speaker, the reading news prose almost always intends
                reporter = self.reporting_head(verb)
                if reporter is not None and reporter.i != verb.i:
                    sources = self.roles(reporter, None, actors)[0]
        targets: list[Participant] = []
        if match and match.roles.get("target") is not None:
            targets = actors.group(doc[match.roles["target"]])
        if not targets and passive:
            head = passive_subject if passive_subject is not None else (verb.head if verb.dep_ == "acl" else None)
            targets = actors.group(head)
        if not targets:
            for child in children:
                if child.dep_ in OBJECT_DEPS:
                    targets = self._antecedent_owner(child, actors) or actors.group(child)
                    # "carried out an exercise of 80,000 troops": a countryless group in the object's "of"
                    # phrase is what the act is made of (the source's own forces), not its counterpart
                    targets = [t for t in targets if not (_in_of_phrase(child.doc[t.token], child) and (t.code or "---").startswith("---"))]
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
            # "lifted sanctions against Burma", "sent aid to Haiti": the object's own "against"/"to" phrase
            for child in children:
                if child.dep_ == "dobj":
                    for prep in child.children:
                        if prep.dep_ == "prep" and prep.lower_ in OBJECT_TARGET_PREPS:
                            targets = actors.group(next((g for g in prep.children if g.dep_ == "pobj"), None))
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

    def _antecedent_owner(self, noun: Token, actors: ActorIndex) -> list[Participant]:
        """Whose demand/proposal a noun names: its possessor ("North Korea's demand"), else the source of
        the latest such act coded earlier in the article ("rejected the demands" after "Moscow insisted")."""
        roots = ANTECEDENT_ROOTS.get(noun.lemma_.lower())
        if roots is None:
            return []
        for child in noun.children:
            if child.dep_ in {"poss", "compound", "amod"}:
                owner = actors.group(child)
                if owner:
                    return owner
        for root in roots:
            if root in self._recent_sources:
                return [self._recent_sources[root]]
        return []

    def _inherited_subject(self, verb: Token, actors: ActorIndex) -> list[Participant]:
        if verb.dep_ == "conj":
            if verb.head.pos_ not in {"VERB", "AUX"}:
                return []
            passive_subject = next((c for c in verb.head.children if c.dep_ in PASSIVE_SUBJECT_DEPS), None)
            if passive_subject is not None and (verb.tag_ != "VBN" or any(c.dep_ == "aux" for c in verb.children)):
                # "X has been indicted by the court and will resign": X, not the court, resigns; a bare
                # participle shares the passive ("were captured by rebels and later released": by them)
                return actors.group(passive_subject)
            return self.roles(verb.head, None, actors)[0]
        if verb.dep_ == "relcl":
            return actors.group(verb.head)
        if verb.dep_ == "acl" and verb.tag_ == "VBG" and verb.head.lemma_.lower() in SPEECH_NOUNS \
                and verb.head.dep_ in {"dobj", "attr"}:
            # "issued a declaration demanding ...": the declaration's author demands
            return self.roles(verb.head.head, None, actors)[0]
        if verb.dep_ == "pcomp" and verb.head.dep_ == "prep" and verb.head.head.pos_ in {"VERB", "AUX"}:
            # "resorted to throwing stones": the verb the preposition hangs off has the subject
            return self.roles(verb.head.head, None, actors)[0]
        if verb.dep_ == "pcomp" and verb.head.dep_ == "prep" and verb.head.lower_ == "of" \
                and verb.head.head.lemma_.lower() in CARRIER_NOUNS and verb.head.head.dep_ in {"dobj", "attr"}:
            # "initiated the process of returning": the act carried out by the light noun's verb's subject
            return self.roles(verb.head.head.head, None, actors)[0]
        if verb.dep_ == "pcomp" and verb.head.dep_ == "prep" and verb.head.head.dep_ == "acomp":
            # "X and Y are guilty of violating the ceasefire": the adjective's subject acts
            return self.roles(verb.head.head.head, None, actors)[0]
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
        excluded_countries = {p.code[:3] for p in exclude if p.code}
        excluded_ids = {p.actor["id"] for p in exclude}
        for token in sorted(_clause_tokens(head, keep_clauses=True), key=lambda t: t.i):
            if any(n.dep_ == "conj" and n.pos_ in {"VERB", "AUX"} for n in _path_below(token, head)):
                # "denied it has plans to attack ... but pressed for guarantees from NATO": a coordinated
                # clause with its own verb is no part of what the verb is about
                continue
            participant = actors.at(token)
            if participant and participant.actor["id"] not in excluded_ids and participant.code not in excluded_codes \
                    and (participant.code or "")[:3] not in excluded_countries:
                return [participant]
        return []

    # -- nouns --------------------------------------------------------------------------------------
    def _nominal_candidate(
        self, noun: Token, actors: ActorIndex, context: dict[str, tuple[list[Participant], list[Participant]]]
    ) -> Candidate | None:
        entry = self.dictionary.nouns.get(noun.lemma_.lower())
        if entry is None or (entry.get("plural") and noun.tag_ not in {"NNS", "NNPS"}):
            return None
        carrier = noun.head if noun.dep_ == "compound" and noun.head.lemma_.lower() in CARRIER_NOUNS else noun
        light = carrier.dep_ in {"dobj", "attr"} and self._is_light_verb(carrier.head)
        if entry.get("light_only") and not light:
            return None
        if light:
            if self.framing_head(carrier.head) is not None:
                # "threatened to impose sanctions": the sanctions are what the threat is about
                return None
            candidate = self._light_noun_candidate(noun, entry, actors, carrier)
            if candidate is not None:
                return candidate
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

    def _is_light_verb(self, verb: Token) -> bool:
        """"staged", "issued", "held": but not a phrasal verb with a meaning of its own ("called off")."""
        if self.dictionary.lemma(verb) not in self.dictionary.light_verbs:
            return False
        match = self.match(verb)
        return match is None or not match.entry.particles

    def _light_noun_candidate(self, noun: Token, entry: dict[str, Any], actors: ActorIndex,
                              carrier: Token | None = None) -> Candidate | None:
        """"Students staged rallies against X", "Peru issued an ultimatum to Ecuador": the light verb's
        subject is the source, the noun's or verb's "to"/"against"/"with" phrase the target, and an
        appeal, demand or protest noun takes its sub-code from what it is for. ``carrier`` is the verb's
        object when the event noun modifies it ("undertook a mediation mission")."""
        carrier = noun if carrier is None else carrier
        verb = carrier.head
        sources, _ = self.roles(verb, None, actors)
        if not sources:
            return None
        modifiers = entry.get("modifiers") or {}
        code = (entry.get("light") or {}).get(self.dictionary.lemma(verb)) or next(
            (modifiers[c.lemma_.lower()] for c in noun.children
             if c.dep_ in {"compound", "amod", "nmod"} and c.lemma_.lower() in modifiers), None) or entry["code"]
        if code is None:
            return None
        family = frame_family(code)
        if family is not None and code == frame_code(family, None):
            # an appeal, demand or protest for something ("an ultimatum" is specific already)
            content = self.complement_content(noun) or self.complement_content(verb, skip=carrier)
            if family.startswith(PROTEST_ROOT) and frame_code(family, content) == frame_code(family, None):
                content = self.protest_reason(verb) or content
            if content is not None:
                code = frame_code(family, content)
        targets: list[Participant] = []
        for head in dict.fromkeys((noun, carrier, verb)):
            for child in head.children:
                if child.dep_ in {"prep", "dative"} and child.lower_ in {"to", "against", "with", "on", "at", "between"} \
                        and not targets:
                    obj = next((g for g in child.children if g.dep_ == "pobj"), None)
                    targets = actors.group(obj) if obj is not None else []
                elif child.dep_ == "dative" and not targets:
                    targets = actors.group(child)
        source_ids = {p.actor["id"] for p in sources}
        targets = [t for t in targets if t.actor["id"] not in source_ids]
        negated, modality = self.negation_and_modality(verb)
        reported = self.reporting_head(verb) is not None
        code, modality = self._stated_intention(verb, str(code), negated, modality, reported)
        return Candidate(code, [noun], sources, targets, negated, modality, reported, nominal=True, rule="light-noun")

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
            if node.dep_ == "xcomp" and node.head.lemma_.lower() in OBLIGATION_HEADS:
                modality = modality or "obligation"
            if node.dep_ in {"xcomp", "acl"} and node.head.lemma_.lower() in INTENTION_HEADS | {"plan", "readiness", "intention", "guarantee", "bid", "demand", "call", "threat"}:
                modality = modality or "intention"
            if node.dep_ == "acl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in children):
                modality = modality or "intention"
            parent = node.head
            if parent.i == node.i:
                break
            if node.dep_ in {"ccomp", "xcomp", "acl", "pcomp", "pobj", "dobj"} and parent.lemma_.lower() in NEGATING_VERBS \
                    and node.i != token.i:
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
            if parent.i == node.i:
                return None
            if node.dep_ in {"ccomp", "parataxis", "xcomp", "dobj", "advcl", "conj", "relcl", "acl", "pobj", "prep", "nsubj", "nsubjpass", "attr", "pcomp"} and self._is_reporting(parent):
                if node.dep_ in {"ccomp", "parataxis"} or node.i != token.i:
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
            own = [target for target in targets if source is not None and target is not None and (
                source.actor["id"] == target.actor["id"] or (source.code and source.code == target.code))]
            if own and len(own) == len(targets):
                # "the UN rejected a call for its peacekeeping forces to be deployed": the act has no other
                # party, but it happened
                yield self._event(doc, sentence_index, candidate, source, None)
                continue
            for target in targets:
                if any(target is t for t in own):
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
            "trigger": {"text": doc_text(doc)[trigger_start:trigger_end], "start": trigger_start, "end": trigger_end},
            "rule": candidate.rule,
            "dictionary": DICTIONARY_VERSION,
        }


def _discard_pattern(records: list[dict[str, Any]], story: bool, historical: bool) -> re.Pattern[str] | None:
    """One case-insensitive pattern for the discard phrases of a scope. A phrase starts a word and, unless
    marked ``exact_end``, may continue it ("GOLFER" also discards "golfers"), as in PETRARCH."""
    parts = []
    for record in records:
        if bool(record.get("story")) != story or (record.get("historical") and not historical):
            continue
        phrase = r"\s+".join(re.escape(word) for word in record["phrase"].split())
        parts.append(phrase + (r"(?![\w])" if record.get("exact_end") else ""))
    if not parts:
        return None
    return re.compile(r"(?<![\w])(?:" + "|".join(sorted(parts, key=len, reverse=True)) + ")", re.IGNORECASE)


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


def _nominal_agent(verb: Token, event_nouns: dict[str, Any]) -> Token | None:
    """The agent of a passive act given in the event noun it happened in: "was murdered in an attack on a
    police patrol by Kosovo Albanians" -> Albanians."""
    for prep in verb.children:
        if prep.dep_ != "prep" or prep.lower_ not in {"in", "during"}:
            continue
        for noun in prep.children:
            if noun.dep_ != "pobj" or noun.lemma_.lower() not in event_nouns:
                continue
            for by in noun.children:
                if by.dep_ == "prep" and by.lower_ == "by":
                    return next((g for g in by.children if g.dep_ == "pobj"), None)
            # "in an attack on a patrol by X": the "by" phrase may hang off the noun's own "on" phrase
            for inner in (g for c in noun.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"):
                for by in inner.children:
                    if by.dep_ == "prep" and by.lower_ == "by":
                        return next((g for g in by.children if g.dep_ == "pobj"), None)
    return None


def _misparsed_main_verb(verb: Token) -> bool:
    """A sentence's main verb parsed as a participle modifying its subject: "Palestinian youths resorted to
    throwing stones ..., officials said" (youths <-acl- resorted), "An official newspaper called on Arabs to
    unite" (newspaper as ROOT). The noun is then no argument of any verb, or shares its verb with another
    subject."""
    if verb.dep_ != "acl" or verb.tag_ not in {"VBN", "VBD"} or verb.i < verb.head.i:
        return False
    if any(c.dep_ in {"agent", "auxpass", "aux"} for c in verb.children):
        return False
    return _misparsed_subject(verb) is not None


def _misparsed_subject(verb: Token) -> Token | None:
    """The subject of a main verb misparsed as a participle (see :func:`_misparsed_main_verb`)."""
    noun = verb.head
    if noun.dep_ in {"ROOT", "dep"}:
        return noun
    root = verb.sent.root
    if root.pos_ in {"NOUN", "PROPN"} and root.i < verb.i and root.is_ancestor(verb):
        # "Doctors from two aid groups donated ...": the sentence's only verb hangs inside its subject
        return root
    # "X did Y, officials said": the reporting verb's own subject follows the misparsed clause
    if noun.dep_ in SUBJECT_DEPS and any(c.dep_ in SUBJECT_DEPS and c.i > verb.i for c in noun.head.children):
        return noun
    return None


def _in_noun_content_clause(token: Token) -> bool:
    node = token
    for _ in range(6):
        if node.dep_ in {"ccomp", "acl"} and node.head.pos_ in {"NOUN", "PROPN"} and node.head.i != node.i:
            if _misparsed_main_verb(node):
                return False
            # a participle modifying the noun ("the crisis caused by Russia") is no content clause; a clause
            # with its own subject is ("speculation that they were captured")
            participle = node.dep_ == "acl" and node.tag_ in {"VBN", "VBG"}
            return not participle or any(c.dep_ in SUBJECT_DEPS | PASSIVE_SUBJECT_DEPS for c in node.children)
        if node.dep_ in {"ROOT", "ccomp", "advcl", "parataxis"} or node.head.i == node.i:
            return False
        node = node.head
    return False


def _predicative_naming(verb: Token, lemma: str) -> bool:
    """"called Burma a good news story", "called the behavior outrageous": a naming verb whose object has a
    predicate of its own (an object predicate, or an adjective after the object noun)."""
    if lemma not in NAMING_VERBS or any(c.dep_ == "prt" for c in verb.children):
        return False
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    if not objects:
        return False
    if any(c.dep_ == "prep" for c in verb.children if c.i < objects[0].i):
        return False  # "called on X to resign": an appeal
    if any((c.dep_ == "oprd" or (c.dep_ in {"xcomp", "acomp"} and c.pos_ in {"ADJ", "NOUN", "PROPN"}))
           and c.i > objects[0].i for c in verb.children):
        return True
    return any(c.dep_ == "amod" and c.i > objects[0].i for c in objects[0].children)


def _own_coordinated_subject(verb: Token) -> bool:
    """Whether the verb's own grammatical subject is a coordination ("Japan and Korea signed"), not a
    pronoun or a controller it inherits ("X and Y say they are ready to discuss": the counterpart is unknown)."""
    subject = next((c for c in verb.children if c.dep_ in SUBJECT_DEPS), None)
    return subject is not None and subject.pos_ != "PRON" and bool(subject.conjuncts)


def _path_below(token: Token, head: Token) -> list[Token]:
    """The tokens from ``token`` up to (not including) its ancestor ``head``."""
    path: list[Token] = []
    node = token
    while node.i != head.i and node.head.i != node.i:
        path.append(node)
        node = node.head
    return path


def _in_of_phrase(token: Token, head: Token) -> bool:
    """Whether ``token`` sits in an "of" phrase below ``head`` ("exercise of more than 80,000 troops")."""
    node = token
    while node.i != head.i and node.head.i != node.i:
        if node.dep_ == "pobj" and node.head.lower_ == "of":
            return True
        node = node.head
    return False


def _direct_negation(token: Token) -> bool:
    return any(c.dep_ == "neg" for c in token.children)


def _locally_negated(token: Token) -> bool:
    """"not"/"never" on the word itself or its verb, "no"/"little" as determiner of a noun."""
    for child in token.children:
        if child.dep_ == "neg" or (child.dep_ in {"det", "amod", "advmod"} and child.lower_ in NEGATORS | {"little", "few"}):
            return True
    head = token.head
    if token.dep_ in {"dobj", "attr", "acomp", "pobj", "nsubj"} and head.i != token.i:
        if any(c.dep_ == "neg" for c in head.children):
            return True
        if token.dep_ == "pobj" and head.head.i != head.i and head.head.pos_ == "NOUN":
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
