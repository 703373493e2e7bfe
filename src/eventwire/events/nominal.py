"""Nominal events: event nouns ("talks", "sanctions", "riots") with the actors they name, and light
verbs that carry an event noun ("held a march", "delivered an ultimatum")."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from spacy.tokens import Token

from ..actors import country_of_adjective
from .cameo import frame_code, frame_family
from .code_choice import PROTEST_ROOT
from .coder_base import CoderBase, reciprocal_code
from .participants import ActorIndex, Candidate, Participant
from .syntax import coordinated_subject


class NominalEvents(CoderBase):
    def _light_verb_with_event_noun(self, verb: Token) -> bool:
        if not self._is_light_verb(verb):
            return False
        for child in verb.children:
            if child.dep_ == "dobj":
                # "launched air and artillery strikes" (parsed as "air", conjoined "strikes"): each conjunct
                nouns = [child, *(c for c in child.conjuncts if c.pos_ in {"NOUN", "PROPN"})]
                nouns += [c for n in list(nouns) if n.lemma_.lower() in self.lexicon.carrier_nouns
                          for c in n.children if c.dep_ == "compound"]
                for noun in nouns:
                    entry = self.dictionary.nouns.get(noun.lemma_.lower())
                    if entry is not None and not (entry.get("plural") and noun.tag_ not in {"NNS", "NNPS"}):
                        return True
        return False

    def _nominal_candidate(
        self, noun: Token, actors: ActorIndex, context: dict[str, tuple[list[Participant], list[Participant]]]
    ) -> Candidate | None:
        entry = self.dictionary.nouns.get(noun.lemma_.lower())
        if entry is None or (entry.get("plural") and noun.tag_ not in {"NNS", "NNPS"}):
            return None
        carrier = noun.head if noun.dep_ == "compound" and noun.head.lemma_.lower() in self.lexicon.carrier_nouns else noun
        while carrier.dep_ == "conj" and carrier.head.pos_ in {"NOUN", "PROPN"}:
            # a conjoined object shares the first conjunct's verb ("held talks and a joint press conference")
            carrier = carrier.head
        light = carrier.dep_ in {"dobj", "attr"} and self._is_light_verb(carrier.head)
        holder = self.attribution_holder(noun, actors)
        if holder:
            # "the army was responsible for the raids on the villages": the army's raids
            return self._attributed_nominal(noun, entry, holder, actors)
        if entry.get("light_only") and not light:
            # a noun that is an event only with a light verb, unless it names who acts on whom
            return self._directed_nominal(noun, entry, actors)
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
            elif child.dep_ == "prep" and child.lower_ in self.lexicon.participant_preps:
                for obj in child.children:
                    if obj.dep_ == "pobj":
                        add(actors.group(obj))
        if noun.dep_ in {"dobj", "attr"} and head.lemma_.lower() in self.dictionary.light_verbs:
            for child in head.children:
                if child.dep_ == "prep" and child.lower_ in self.lexicon.counterpart_preps:
                    add(actors.group(next((g for g in child.children if g.dep_ == "pobj"), None)))
        lemma = noun.lemma_.lower()
        if len(participants) == 1:
            speaker = self.reporting_head(noun)
            if speaker is not None:
                add(self.roles(speaker, None, actors)[0])
                participants = participants[1:] + participants[:1]
        if len(participants) < 2:
            directed = self._directed_nominal(noun, entry, actors)
            if directed is not None:
                return directed
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

    def _directed_nominal(self, noun: Token, entry: dict[str, Any], actors: ActorIndex) -> Candidate | None:
        """"Israeli strikes on Gaza", "Kenya's sanctions against Uganda": an event noun whose modifier names
        who acts (an actor, or a country adjective the actors component keeps no mention of) and whose
        target phrase names whom. Not when a verb halts the act the noun names ("lifted the sanctions on
        Iran": the lifting is the event)."""
        if not entry.get("code") or (noun.dep_ in {"dobj", "nsubjpass"} and self._object_act_code(noun.head) is not None):
            return None
        sources: list[Participant] = []
        for child in noun.children:
            if child.dep_ in {"compound", "amod", "nmod", "poss"} and not sources:
                sources = actors.group(child) or self._adjective_actor(child)
        if not any(p.code for p in sources):
            return None
        source_ids = {p.actor["id"] for p in sources}
        targets: list[Participant] = []
        for child in noun.children:
            if child.dep_ == "prep" and child.lower_ in self.lexicon.directed_noun_preps and not targets:
                obj = next((g for g in child.children if g.dep_ == "pobj"), None)
                targets = [t for t in actors.group(obj) if t.actor["id"] not in source_ids]
                if not targets and self.uncoded_targets and (phrase := actors.phrase(obj)):
                    targets = [phrase]
        if not targets:
            return None
        # a modifier's code ("air strikes"), else the noun's when it is directed at someone ("strikes on X" is
        # force, not a labour strike), else its own
        code = self.noun_code(noun)
        negated, modality = self.negation_and_modality(noun)
        return Candidate(str(code), [noun], sources, targets, negated, modality,
                         self.reporting_head(noun) is not None, nominal=True, rule="nominal-target")

    def _attributed_nominal(self, noun: Token, entry: dict[str, Any], sources: list[Participant],
                            actors: ActorIndex) -> Candidate | None:
        code = self.noun_code(noun, directed=False)
        if code is None:
            return None
        source_ids = {p.actor["id"] for p in sources}
        preps = self.lexicon.directed_noun_preps
        if code[:2] in self.lexicon.force_noun_roots:
            preps = preps | self.lexicon.force_noun_patient_preps
        targets = self._prep_party(noun, preps, actors, source_ids)
        if targets and entry.get("directed") and code == entry.get("code"):
            code = entry["directed"]
        head = self.attribution_head(noun)
        negated, modality = self.negation_and_modality(head.head if head is not None else noun)
        return Candidate(code, [noun], sources, targets, negated, modality,
                         self.reporting_head(noun) is not None, nominal=True, rule="attributed")

    def area_party(self, head: Token, actors: ActorIndex) -> list[Participant]:
        """The area of the head's first area phrase ("in Tigray", "across the districts"), if it names one."""
        return [t for t in self._prep_party(head, self.lexicon.area_target_preps, actors) if self._is_area(head.doc, t)]

    def _prep_party(self, noun: Token, preps: frozenset[str], actors: ActorIndex,
                    exclude: Collection[str] = ()) -> list[Participant]:
        """The party (or uncoded phrase) of the noun's first phrase with one of ``preps``."""
        for child in noun.children:
            if child.dep_ == "prep" and child.lower_ in preps:
                found = self.party_or_phrase(next((g for g in child.children if g.dep_ == "pobj"), None), actors,
                                             exclude=exclude)
                if found:
                    return found
        return []

    def _adjective_actor(self, token: Token) -> list[Participant]:
        """A country adjective as a party ("Israeli" in "Israeli strikes"): its country, no actor record."""
        code = country_of_adjective(token)
        if code is None:
            return []
        return [Participant({"id": None, "name": token.text, "code": code}, token.idx, token.idx + len(token.text), token.i)]

    def _is_light_verb(self, verb: Token) -> bool:
        """"staged", "issued", "held": but not a phrasal verb with a meaning of its own ("called off"); one
        without a code of its own ("carried out", whose block's patterns are other verbs') stays light."""
        if self.dictionary.lemma(verb) not in self.dictionary.light_verbs:
            return False
        match = self.match(verb)
        return match is None or not match.entry.particles or match.entry.code is None

    def _light_noun_candidate(self, noun: Token, entry: dict[str, Any], actors: ActorIndex,
                              carrier: Token | None = None) -> Candidate | None:
        """"Farmers held a march against X", "Chile delivered an ultimatum to Peru": the light verb's
        subject is the source, the noun's or verb's "to"/"against"/"with" phrase the target, and an
        appeal, demand or protest noun takes its sub-code from what it is for. ``carrier`` is the verb's
        object when the event noun modifies it ("began a mediation effort")."""
        carrier = noun if carrier is None else carrier
        verb = carrier.head
        sources, _ = self.roles(verb, None, actors)
        if not sources:
            return None
        modifiers = entry.get("modifiers") or {}
        # a conjoined carrier is a modifier the parse split off ("air and artillery strikes")
        modifying = [c for c in noun.children if c.dep_ in {"compound", "amod", "nmod"}] + ([carrier] if carrier is not noun else [])
        code = (entry.get("light") or {}).get(self.dictionary.lemma(verb)) or next(
            (modifiers[c.lemma_.lower()] for c in modifying if c.lemma_.lower() in modifiers), None) or entry["code"]
        if code is None:
            return None
        family = frame_family(code)
        if family is not None and code == frame_code(family, None):
            # an appeal, demand or protest for something (an ultimatum is specific already)
            content = self.complement_content(noun) or self.complement_content(verb, skip=carrier)
            if family.startswith(PROTEST_ROOT) and frame_code(family, content) == frame_code(family, None):
                content = self.protest_reason(verb) or content
            if content is not None:
                code = frame_code(family, content)
        targets: list[Participant] = []
        for head in dict.fromkeys((noun, carrier, verb)):
            for child in head.children:
                if child.dep_ in {"prep", "dative"} and child.lower_ in self.lexicon.light_noun_target_preps \
                        and not targets:
                    obj = next((g for g in child.children if g.dep_ == "pobj"), None)
                    targets = actors.group(obj) if obj is not None else []
                elif child.dep_ == "dative" and not targets:
                    targets = actors.group(child)
        if not targets and self.uncoded_targets:
            # "launched strikes on the rebels' positions": the target phrase names no coded actor
            targets = next(([found] for head in dict.fromkeys((noun, carrier, verb)) for child in head.children
                            if child.dep_ == "prep" and child.lower_ in self.lexicon.light_noun_target_preps
                            for found in [actors.phrase(next((g for g in child.children if g.dep_ == "pobj"), None))]
                            if found), [])
        if not targets and str(code)[:2] in self.lexicon.force_noun_roots:
            # "resumed its shelling of the market town": whom the force is done to
            targets = self._prep_party(noun, self.lexicon.force_noun_patient_preps, actors)
        if not targets and self.covers_area(str(code)):
            # "ordered a curfew across the border districts": a restriction is done to the area it covers
            targets = next((found for head in dict.fromkeys((noun, carrier, verb)) if (found := self.area_party(head, actors))), [])
        source_ids = {p.actor["id"] for p in sources}
        targets = [t for t in targets if t.actor["id"] not in source_ids]
        subject = coordinated_subject(verb) if reciprocal_code(str(code)) else None
        if subject is not None:
            sources = actors.with_coordinated_modifiers(subject, sources)
        if not any(t.code for t in targets) and len(sources) > 1 and subject is not None:
            # "Kenya and Uganda held talks", "the Kenyan and Tanzanian navies began drills": with each other
            targets = list(sources)
        if targets and code == entry["code"] and entry.get("directed"):
            # "launched strikes on rebel positions": directed at someone, force, not a labour strike
            code = entry["directed"]
        negated, modality = self.negation_and_modality(verb)
        reported = self.reporting_head(verb) is not None
        code, modality = self._stated_intention(verb, str(code), negated, modality, reported)
        return Candidate(code, [noun], sources, targets, negated, modality, reported, nominal=True, rule="light-noun")


__all__ = ["NominalEvents"]
