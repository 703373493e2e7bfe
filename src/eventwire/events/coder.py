"""The event coder: CAMEO/PLOVER events from a parsed, actor-tagged Doc.

For every verb with a dictionary match (and every event noun such as "talks"), the coder finds the
source and target on the dependency parse (subject/object/prepositional roles, passive voice, coordinated
actors, relative clauses, control), marks negation, modality and reported speech, and keeps an event
only when its source is a coded actor and differs from its target (PETRARCH's same-actor discard).

This module assembles events: which tokens are triggers, the verb's code after the rules of the other
parts, and the output dicts. The parts: :mod:`.arguments` (source and target), :mod:`.code_choice` (the
code from what the complement names), :mod:`.speech` (negation, modality, reported speech, statements),
:mod:`.nominal` (event nouns and light verbs), :mod:`.syntax` (parse helpers), :mod:`.participants`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from spacy.tokens import Doc, Span, Token

from ..geo import event_place
from ..nlp.text import doc_text
from ..quotes.speakers import document_author
from ..records import content_id
from ..timex import event_date
from .arguments import ArgumentFinder
from .cameo import code_info, frame_code, frame_family, is_valid_code
from .code_choice import RELEASE_ROOT, CodeChoice
from .coder_base import reciprocal_code
from .lexicon import Lexicon
from .nominal import NominalEvents
from .participants import ActorIndex, Candidate, Participant
from .patterns import DICTIONARY_VERSION, Match, VerbDictionary, VerbEntry
from .speech import ReportedSpeech
from .syntax import (
    coordinated_subject,
    direct_negation,
    in_noun_content_clause,
    own_coordinated_subject,
    predicative_naming,
)

# a visit or a sending stays the event when its purpose is a statement or a meeting (the visit itself is then
# the consultation)
MOVEMENT_KEPT_ROOTS = frozenset({"01", "04"})
STATEMENT_CODE = "010"
# the root of stated intentions to cooperate (030 "express intent to cooperate, not specified below")
INTENT_ROOT = "03"
# "called the plan a fraud": naming or describing the object is a comment on it
NAMING_CODE = STATEMENT_CODE
CRITICISM_CODE = "111"
CONSULT_ROOT = "04"
PRAISE_CODE = "051"


class EventCoder(CodeChoice, ArgumentFinder, ReportedSpeech, NominalEvents):
    """Codes the events of a parsed, actor-tagged Doc (see the module docstring)."""

    def __init__(
        self,
        dictionary: VerbDictionary,
        settings: Any,
        lexicon: Lexicon | None = None,
        reporting: frozenset[str] | None = None,
        places: Any = None,
    ) -> None:
        super().__init__(dictionary, lexicon, reporting)
        # the places settings an event's place is chosen with (the shipped ones when None)
        self.place_settings = places
        self.settings = settings
        self.require_source = bool(settings.get("require_source", True))
        self.uncoded_sources = str(settings.get("uncoded_sources", "none"))
        self.unattributed_harm = bool(settings.get("unattributed_harm", True))
        self.uncoded_targets = bool(settings.get("uncoded_targets", True))
        self.bare_target_roots = frozenset(settings.get("bare_verb_target_roots", ()))
        self.bare_party_roots = frozenset(settings.get("bare_verb_party_roots", ()))
        self.bare_party_codes = frozenset(settings.get("bare_verb_party_codes", ()))
        self.bare_harm_roots = frozenset(settings.get("bare_verb_harm_roots", ()))
        self.party_target_roots = frozenset(settings.get("party_target_roots", ()))
        self.bare_threat_roots = frozenset(settings.get("bare_verb_threat_roots", ()))
        self.bare_thing_roots = frozenset(settings.get("bare_verb_thing_target_roots", ()))
        self.bare_verbal_codes = dict(settings.get("bare_verb_verbal_codes", {}))
        self.blocked_lemmas = frozenset(settings.get("never_trigger", ()))
        # PETRARCH's discards (Phoenix.discards.txt): sports and similar stories and sentences are out of scope
        historical = bool(settings.get("discard_historical", False))
        self.story_discards = _discard_pattern(dictionary.discards, story=True, historical=historical)
        self.sentence_discards = _discard_pattern(dictionary.discards, story=False, historical=historical)

    # -- document -----------------------------------------------------------------------------------
    def code_doc(self, doc: Doc) -> list[dict[str, Any]]:
        actors = ActorIndex(doc, self.lexicon)
        events: list[dict[str, Any]] = []
        seen: set[Any] = set()
        nominal_seen: set[tuple[Any, ...]] = set()
        nominal_context: dict[str, tuple[list[Participant], list[Participant]]] = {}
        self.start_document()
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
                            self._recent_targets[event["root"]] = (event["target"] or {}).get("actor")
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
                    # ("curtailed fuel deliveries": a cut in aid)
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
    def _predicate(self, verb: Token) -> bool:
        """A verb that predicates an act: not a participle used as a modifier ("US-led forces", "the
        alleged bombers", "a group tied to"), unless it names who acted ("the crisis caused by Russia")."""
        if verb.dep_ in {"amod", "compound", "nmod"}:
            return False
        if verb.lower_ in self.lexicon.future_heads and any(
                c.dep_ == "xcomp" and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children) for c in verb.children):
            # "is going to visit": "going" announces the visit, it is no movement of its own
            return False
        if verb.dep_ == "acl" and verb.tag_ == "VBG" and document_author(verb.head) is not None:
            # "a statement urging Kenya to ...", "a resolution condemning the government": the document acts
            return True
        if verb.dep_ == "acl" and verb.tag_ in {"VBN", "VBG"}:
            # ... or the act it was done by names who did it ("five soldiers killed in a Taliban attack")
            return any(c.dep_ == "agent" for c in verb.children) \
                or (verb.tag_ == "VBN" and any(self.act_doer(n, ActorIndex(verb.doc, self.lexicon)) for n in self._cause_nouns(verb)))
        return True

    def _verb_candidates(self, verb: Token, match: Match, actors: ActorIndex) -> Iterator[Candidate]:
        flags = set(match.pattern.flags) if match.pattern else set()
        if in_noun_content_clause(verb) and "blame" not in flags:
            # "guarantees that NATO deny membership": the content of a demand is no event
            return
        if self._content_of_object(verb):
            # "criticized the Kenyan move to shut the crossing": the parser hangs the move's infinitive on the verb
            return
        if "blame" not in flags and self.framing_head(verb) is not None:
            # "urged Chad to free", "demanded that Spain withdraw", "warned that Moscow would take
            # measures": the act asked for, promised or threatened is coded in the governing act, not as
            # an event of its own
            return
        if self._moves_to_act(verb):
            # "flew to Oslo to negotiate", "sent experts to inspect": the act the trip or the
            # mission is for is the event (coded on its own, with the traveller or sender as source)
            return
        if self._light_verb_with_event_noun(verb):
            # "held a march", "delivered an ultimatum": the noun carries the event
            return
        sources, targets = self.roles(verb, match, actors)
        negated, modality = self.negation_and_modality(verb)
        reported = self.reporting_head(verb) is not None
        trigger = [verb, *[c for c in verb.children if c.dep_ == "prt"]]
        code = match.code
        reverse = match.reverse
        # "died in a suicide bombing": PETRARCH's reverse reading (the bomber did it to the one who died) is the
        # forward one here, as roles() already make the doer the source and the victim the target; the
        # pattern names the means
        dying = self.dictionary.lemma(verb) in self.lexicon.victim_subject_verbs and reverse is not None and code is None
        if dying:
            code, reverse = reverse, None
        if code is not None and match.pattern is None and code.startswith(RELEASE_ROOT) and self._releases_information(verb):
            # "released the figures", "a report released by the ministry": published, not freed or returned
            return
        naming = match.pattern is None and predicative_naming(verb, self.dictionary.lemma(verb), self.lexicon)
        if naming:
            # "X called Y a Z" / "called the behaviour outrageous": a comment on Y, not a phone call; an
            # evaluative name is criticism or praise of Y
            code, reverse = self._naming_code(verb), None
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
            # "suspended military aid", "lifted the curfew": the code of stopping that act; the object names
            # the act, it is not its target ("declared martial law": no actor "law"), except for the
            # persons or property released or returned (084x: "freed the hostages")
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
        stated = code
        if code is not None:
            code, modality = self._stated_intention(verb, code, negated, modality, reported)
            if code != stated and code.startswith(INTENT_ROOT):
                # "will visit Albania" is the visitor's stated intention (036); the host has hosted nothing yet
                reverse = None
        if code is not None and negated and modality in {None, "future"} and direct_negation(verb) \
                and 3 <= int(code[:2]) <= 8:
            # "will not receive the envoy", "would not sign the accord": refusing to cooperate is a rejection
            content = self.complement_content(verb) if code.endswith("0") else None
            if content is None or not 3 <= int(content[:2]) <= 8:
                content = code
            # "would not give in to calls to free the detainees": refusing to yield on the release (1243)
            code, negated, modality = frame_code("12", content), False, None
        symmetric = self.dictionary.lemma(verb) in self.lexicon.symmetric_verbs
        if code is not None and reciprocal_code(code) and (subject := coordinated_subject(verb)) is not None:
            # "Kenyan and Ugandan ministers met": both countries qualifying the one subject noun take part
            sources = actors.with_coordinated_modifiers(subject, sources)
        if code is not None and not any(t.code for t in targets) and len(sources) > 1 \
                and reciprocal_code(code) and (stated == match.code or symmetric) \
                and modality in {None, "future", "intention"} and own_coordinated_subject(verb):
            # "Japan and South Korea signed a trade pact", "Chilean and Peruvian ministers met": each with
            # the other (CAMEO codes two reciprocal events; same-actor pairs are dropped on output); an act
            # done with each other ("Peru and Chile agreed to sign a pact") also when its complement recodes it;
            # an uncoded phrase is where, not with whom ("clashed on the border")
            targets = list(sources)
        if code is not None and not targets and (answered := self.answered_author(code, sources)) is not None:
            # "Kenya accused Uganda of the raid, which Uganda denied": the denial answers Kenya
            targets = [answered]
        if code is not None and not targets and "blame" not in flags:
            targets = self.phrase_target(verb, actors, objects_name_act=halted is not None and not code.startswith(RELEASE_ROOT))
        if code is not None and not targets and code[:2] in self.lexicon.threat_complement_roots:
            # "threatened to shell the rebel camps": a threat is made against what the threatened act is done to
            act = next((c for c in verb.children if _infinitive_complement(c)), None)
            if act is not None:
                targets = self.phrase_target(act, actors)
        if code is not None and not any(t.code for t in targets) and self.covers_area(code):
            # "declared a state of emergency in three provinces", "lifted the curfew in the capital": a
            # restriction (or its easing) is done to the area it covers
            objects = [c for c in verb.children if c.dep_ == "dobj"]
            targets = next((found for head in (*objects, verb) if (found := self.area_party(head, actors))), targets)
        if code is not None and verb.dep_ == "advcl" and not any(t.code for t in targets) and self._moves_to_act(verb.head):
            # "dispatched inspectors to Liberia to examine the prisons": the act a mission is sent for is done to the
            # party it is sent to, when the act names no party of its own
            sent_to = self._destination(verb.head, actors, self.lexicon.recipient_preps, {p.actor["id"] for p in sources},
                                        places=False)
            targets = sent_to or targets
        lemma = self.dictionary.lemma(verb)
        if code is not None and match.pattern is None and lemma in self.lexicon.intention_heads \
                and lemma not in self.lexicon.commitment_heads and any(_infinitive_complement(c) for c in verb.children) \
                and code == frame_code(INTENT_ROOT, None):
            # "wants to widen the road", "wants Britain to answer": an intention whose complement names no coded
            # act is no event
            # ("plans to send aid to Haiti" takes its sub-code from the complement and stays)
            return
        if code is not None and code[:2] in self.bare_harm_roots and (means := self.means_code(verb)) is not None \
                and (means[:2] in self.bare_harm_roots if match.pattern is None else means != code and means.startswith(code)):
            # "were killed in a suicide bombing": the means decides the kind of force (1831), not "kill"; it
            # refines a pattern's code it is a sub-code of ("wounded by a car bomb": 183 -> 1832)
            code = means
        elif code is not None and match.pattern is None and code[:2] in self.bare_harm_roots \
                and verb.dep_ == "advcl" and verb.tag_ == "VBG" and (act := self._act_code(verb.head)) is not None \
                and act[:2] in self.bare_harm_roots:
            # "shelled the town, killing ten": the result of the shelling is done by shelling (194)
            code = act
        if code is not None and match.pattern is None and code[:2] in self.bare_harm_roots and sources \
                and all(_role(p.code) in self.lexicon.speech_roles for p in sources):
            # "the magazine attacked the defectors": a newspaper's attack is in words (111)
            code = CRITICISM_CODE
        if code is not None and match.pattern is None and code[:2] in self.bare_harm_roots \
                and _unarmed_person_on_person(sources, targets, self.lexicon.armed_roles):
            # "the senator hit the governor hard on taxes": one unarmed person striking another in the news
            # is a verbal attack (111); an armed source ("the gunman hit the guard") keeps its force reading
            code = CRITICISM_CODE
        if code is not None and match.pattern is None and code in self.bare_verbal_codes and sources \
                and not any(_role(p.code) in self.lexicon.armed_roles for p in sources):
            # "the president defended Russia's policy": an unarmed source defends in words (051), troops protect
            code = self.bare_verbal_codes[code]
        if code is not None and (code[:2] in self.lexicon.trip_codes or code in self.lexicon.trip_codes) \
                and self.dictionary.lemma(verb) in self.lexicon.movement_verbs | self.lexicon.departure_verbs \
                and not any(t.code and not t.code.startswith("---") for t in targets):
            # "travelled to the coast", "went to the police station": a trip meets or visits a party only where
            # one with a country is named
            return
        if code is not None and match.pattern is None and not naming and not self._bare_reading_holds(verb, code, targets):
            # "left a parcel outside the embassy" is no consultation, "thinks" no meeting: a verb's
            # reading without a pattern needs the party its category requires
            return
        if code is not None:
            # "a roadside bomb wounded three police officers": the means is named, its author is not
            unattributed = not sources and code[:2] in self.bare_harm_roots and (dying or self.attack_means(verb))
            yield Candidate(code, trigger, sources, targets, negated, modality, reported,
                            rule="pattern" if match.pattern else "verb", extra={"unattributed": True} if unattributed else {})
        if reverse is not None:
            yield Candidate(reverse, trigger, targets, sources, negated, modality, reported, rule="reverse")

    def _bare_reading_holds(self, verb: Token, code: str, targets: list[Participant]) -> bool:
        """Whether a bare verb's code has the party its root requires (setting ``events.bare_verb_target_roots``)."""
        if code[:2] == CONSULT_ROOT and self.dictionary.lemma(verb) in self.lexicon.departure_verbs:
            # "left Washington", "left a parcel outside the embassy": leaving meets no one
            return False
        if code[:2] in self.bare_party_roots or code in self.bare_party_codes:
            return any(self._is_party(verb.doc, t) for t in targets)
        if code[:2] in self.bare_threat_roots:
            # a threat needs a threatened party or act: "warned of a rise in prices" is no threat
            return any(self._is_party(verb.doc, t) for t in targets) or self.complement_content(verb) is not None
        if code[:2] in self.bare_harm_roots:
            # force on what its direct object names needs a party there ("slapped tariffs", "broke the rules" are
            # no violence); a phrase target is where the force lands ("fired on a checkpoint")
            objects = {c.i for c in verb.children if c.dep_ == "dobj"}
            named = [t for t in targets if t.token in objects]
            return not named or len(named) < len(targets) or any(self._is_party(verb.doc, t) for t in named)
        if (code[:2] in self.bare_thing_roots or code in self.bare_thing_roots) and targets and not any(self._is_party(verb.doc, t) for t in targets):
            # "pledged to ensure growth", "released the figures": what is done names a thing, not a party
            return False
        return code[:2] not in self.bare_target_roots or bool(targets)

    def _releases_information(self, verb: Token) -> bool:
        """What the verb lets out (its object, passive subject, or the noun it modifies) is information."""
        released = [c for c in verb.children if c.dep_ in {"dobj", "nsubjpass"}]
        if verb.dep_ == "acl":
            released.append(verb.head)
        return any(t.lemma_.lower() in self.lexicon.information_nouns for t in released)

    def _naming_code(self, verb: Token) -> str:
        """The code of naming or describing an object: criticism (111) when the name or description is
        disparaging ("called the general a tyrant"), praise (051) when it commends, else a comment (010)."""
        objects = [c for c in verb.children if c.dep_ == "dobj"]
        words = [c for c in verb.children if c.dep_ in {"oprd", "xcomp", "acomp", "attr"} and (not objects or c.i > objects[0].i)]
        words += [g for w in list(words) for g in w.children if g.dep_ in {"amod", "compound"}]
        words += [c for o in objects for c in o.children if c.dep_ == "amod" and c.i > o.i]
        lemmas = {w.lemma_.lower() for w in words} | {w.lower_ for w in words}
        if lemmas & self.lexicon.disparaging_words:
            return CRITICISM_CODE
        if lemmas & self.lexicon.commending_words:
            return PRAISE_CODE
        return NAMING_CODE

    def _moves_to_act(self, verb: Token) -> bool:
        """Whether ``verb`` only moves someone (visit, travel, send) to do a coded act its purpose clause names,
        other than a statement or a meeting (a visit to hold talks stays a visit)."""
        if self.dictionary.lemma(verb) not in self.lexicon.movement_verbs:
            return False
        for clause in verb.children:
            if clause.dep_ != "advcl" or not any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children):
                continue
            code = self._act_code(clause)
            if code and code[:2] not in MOVEMENT_KEPT_ROOTS and self._predicate(clause):
                return True
        return False

    # -- output ------------------------------------------------------------------------------------
    def _finish(self, doc: Doc, sentence_index: int, candidate: Candidate) -> Iterator[dict[str, Any]]:
        if not is_valid_code(candidate.code):
            return
        if not self.require_source:
            sources = candidate.sources or [None]
        elif self.uncoded_sources == "actors":
            sources = [p for p in candidate.sources if p.code or p.actor["id"] is not None]
        else:
            sources = [p for p in candidate.sources if p.code]
        if not sources and self.unattributed_harm and candidate.extra.get("unattributed") \
                and any(t.code for t in candidate.targets):
            sources = [None]
        found = list(candidate.targets)
        if candidate.code[:2] in self.party_target_roots:
            # "expressed concern about the impact": a verbal act is aimed at a party, not at what it is about
            found = [t for t in found if self._is_party(doc, t)]
        targets: list[Participant | None] = found or [None]
        for source in sources:
            own = [target for target in targets if source is not None and target is not None and (
                (source.actor["id"] is not None and source.actor["id"] == target.actor["id"])
                or (source.code and source.code == target.code))]
            if own and len(own) == len(targets):
                # "the alliance rejected a request that its own troops stay": the act has no other
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
            source.key if source else "", target.key if target else "",
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
            "place": event_place(doc, head, self.place_settings),
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


def _unarmed_person_on_person(sources: list[Participant], targets: list[Participant], armed_roles: frozenset[str]) -> bool:
    """Every source and target is a person actor, no source with an armed role."""
    return bool(sources and targets) and all(p.actor.get("type") == "person" for p in (*sources, *targets)) \
        and not any(_role(p.code) in armed_roles for p in sources)


def _infinitive_complement(child: Token) -> bool:
    """A controlled complement ("wants to widen") or a to-infinitive with its own subject ("wants Britain to answer")."""
    return child.dep_ == "xcomp" or (child.dep_ == "ccomp" and any(g.dep_ == "aux" and g.lower_ == "to" for g in child.children))


def _role(code: str | None) -> str:
    """The role part of a CAMEO actor code ("RUSMED" -> "MED", "---MED" -> "MED")."""
    return (code or "")[3:6]


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


def _event_date(doc: Doc, trigger: Token, article: dict[str, Any]) -> tuple[str | None, str | None]:
    """The date eventwire.timex attaches to the trigger, else the publication date."""
    value, source = event_date(doc, trigger)
    if value:
        return value, source
    date = article.get("date")
    return (date, "publication") if date else (None, None)

__all__ = ["ActorIndex", "Candidate", "EventCoder", "Participant", "STATEMENT_CODE"]
