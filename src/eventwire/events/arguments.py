"""Arguments: the source and target actors of an act on the dependency parse (subjects, objects,
prepositional phrases, passive agents, control, relative clauses, coordinated and inherited subjects)."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import replace

from spacy.tokens import Token

from ..quotes.speakers import document_author
from .coder_base import CoderBase
from .participants import ActorIndex, Participant
from .patterns import Match
from .syntax import (
    OBJECT_DEPS,
    PASSIVE_SUBJECT_DEPS,
    SUBJECT_DEPS,
    clause_tokens,
    headline_passive,
    in_of_phrase,
    path_below,
)


def _is_count(noun: Token) -> bool:
    """A number or a counting noun ("300", "dozens", "hundreds") or a part ("some of", "most of"), whose "of"
    phrase names who is counted."""
    return noun.pos_ == "NUM" or noun.ent_type_ == "CARDINAL" or (
        noun.pos_ in {"PRON", "DET", "ADJ"} and any(c.dep_ == "prep" and c.lower_ == "of" for c in noun.children))


class ArgumentFinder(CoderBase):
    def roles(self, verb: Token, match: Match | None, actors: ActorIndex) -> tuple[list[Participant], list[Participant]]:
        """Source and target actors of a verb, from its dependents and, when it has no subject of its
        own, from the clause it depends on."""
        doc = verb.doc
        children = list(verb.children)
        # of two subjects (a misparse of a reporting clause after the act), the one next to the verb
        subject = max((c for c in children if c.dep_ in SUBJECT_DEPS), key=lambda c: (c.i < verb.i, -abs(c.i - verb.i)),
                      default=None)
        if subject is None and not any(c.dep_ in PASSIVE_SUBJECT_DEPS for c in children):
            # "USAID funded a clinic ...": the parser reads an unknown acronym opening the clause as an adverb
            subject = next((c for c in children if c.dep_ in {"advmod", "npadvmod"} and c.i == verb.left_edge.i
                            and c.i < verb.i and actors.at(c) is not None), None)
        passive_subject = next((c for c in children if c.dep_ in PASSIVE_SUBJECT_DEPS), None)
        if headline_passive(verb):
            passive_subject, subject = subject, None
        agent = next((g for c in children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"), None)
        passive = passive_subject is not None or any(c.dep_ == "auxpass" for c in children) or (
            verb.tag_ == "VBN" and verb.dep_ == "acl"
        )
        if passive and match and match.roles.get("source") is not None and passive_subject is not None \
                and match.roles["source"] == passive_subject.i:
            # a pattern's subject slot filled by a passive subject names whom the act is done to
            match = None
        if self.dictionary.lemma(verb) in self.lexicon.victim_subject_verbs:
            # "twelve people died in a rebel ambush": the subject is harmed; the ambush's author did it
            victims = actors.group(subject) or ([p] if subject is not None and (p := actors.phrase(subject)) else [])
            doers = self._cause_doer(verb, actors)
            return doers, [v for v in victims if v.actor["id"] not in {d.actor["id"] for d in doers}]
        if match and match.roles.get("source") is not None:
            sources = actors.group(doc[match.roles["source"]])
        elif passive:
            # "was killed by a bomb planted by the rebels", "were killed in an air strike"
            if agent is not None:
                sources = self.act_doer(agent, actors) or actors.group(agent)
            else:
                sources = self._cause_doer(verb, actors)
        elif subject is not None and self._act_or_weapon(subject):
            # "a bombing by the rebels killed ten": who does the act the subject names
            sources = self.act_doer(subject, actors) or actors.group(subject)
        else:
            sources = actors.group(subject) if subject is not None and subject.lower_ not in self.lexicon.relative_pronouns else []
            if not sources and subject is None or (subject is not None and subject.lower_ in self.lexicon.relative_pronouns):
                sources = self._inherited_subject(verb, actors)
            elif not sources and subject is not None and subject.lower_ in self.lexicon.speaker_pronouns:
                # "The ministry said it would reopen the border": an unresolved pronoun subject of reported
                # speech is the speaker, the reading news prose almost always intends
                reporter = self.reporting_head(verb)
                if reporter is not None and reporter.i != verb.i:
                    sources = self.roles(reporter, None, actors)[0]
        source_ids = {p.actor["id"] for p in sources}

        def others(found: list[Participant]) -> list[Participant]:
            # "pledged its support to Kenya": a phrase that names only the source ("its") is no target; look on
            return [t for t in found if t.actor["id"] not in source_ids]

        targets: list[Participant] = []
        if match and match.roles.get("target") is not None:
            targets = actors.group(doc[match.roles["target"]])
        if not targets and match is not None and match.code in self.lexicon.haven_codes:
            # "sought sanctuary in Ethiopia": where the haven is sought is asked for it; the refuge is no party
            return sources, self._destination(verb, actors, self.lexicon.haven_preps, source_ids, places=True)
        if not targets and passive:
            head = passive_subject if passive_subject is not None else (verb.head if verb.dep_ == "acl" else None)
            targets = actors.group(head)
        if not targets:
            for child in children:
                if child.dep_ in OBJECT_DEPS and self._own(child):
                    # "pulled its troops out of the valley": the source's own forces move; where they leave
                    # or go is the target
                    preps = self.lexicon.departure_preps | self.lexicon.recipient_preps
                    if match is not None and match.code is not None and self.covers_area(match.code):
                        # "reinforced its troops in Thrace": a show of force is made where the forces stand
                        preps = preps | self.lexicon.area_target_preps
                    targets = self._destination(verb, actors, preps, source_ids, places=True)
                elif child.dep_ == "dobj" and self._conveys(match) and self._countryless(actors.group(child)):
                    # "sent troops and doctors to Chad": a countryless group is what is sent; who receives it
                    # is the party acted on
                    targets = self._destination(verb, actors, self.lexicon.recipient_preps, source_ids, places=False)
                if targets:
                    break
        if not targets:
            for child in children:
                if child.dep_ in OBJECT_DEPS and not self._names_party(child, actors) and self._owned_by(child, sources, actors) \
                        and child.lemma_.lower() not in self.lexicon.antecedent_nouns:
                    # "the Kenyan president closed Kenya's borders with Somalia": the source's own country's borders are
                    # what is closed; the object's own phrase names the party (below). A demand or offer is
                    # its author's act, so its possessor stays the party answered
                    continue
                if child.dep_ == "dobj" and child.lemma_.lower() in self.lexicon.carrier_nouns:
                    # "began a campaign, Operation Dry Wind, against the smugglers": the campaign's own phrase
                    # (or the verb's, below) names whom it is against; its apposition is its name, no party
                    targets = next((found for prep in child.children if prep.dep_ == "prep"
                                    and prep.lower_ in self.lexicon.object_target_preps
                                    for found in [others(actors.group(next((g for g in prep.children if g.dep_ == "pobj"), None)))]
                                    if found), []) or others(self._antecedent_owner(child, actors))
                    # ... else a reply to it or a judgement of it is aimed at its author ("ridiculed an effort by X")
                    if targets:
                        break
                    continue
                if child.dep_ in OBJECT_DEPS:
                    # a reply to a demand or a judgement of an act is aimed at its author ("condemned the
                    # bombing by the rebels", "rejected a Kenyan government offer")
                    targets = others(self._antecedent_owner(child, actors) or others(self.act_doer(child, actors))
                                     or actors.group(child))
                    # "carried out an exercise of 80,000 troops": a countryless group in the object's "of"
                    # phrase is what the act is made of (the source's own forces), not its counterpart
                    # ("killed dozens of villagers": a count's "of" phrase is who is counted, the party acted on)
                    counted = [t for t in targets if in_of_phrase(child.doc[t.token], child)]
                    if _is_count(child):
                        # the mention spans the count too ("dozens of students")
                        targets = [replace(t, start=min(t.start, child.left_edge.idx)) if t in counted else t for t in targets]
                    else:
                        targets = [t for t in targets if not (t in counted and (t.code or "---").startswith("---"))]
                    if targets:
                        break
        if not targets:
            for child in verb.rights:
                if child.dep_ == "prep" and child.lower_ in self.lexicon.target_preps:
                    objects = [g for g in child.children if g.dep_ == "pobj"]
                    targets = others(actors.group(objects[0])) if objects else []
                    if targets:
                        break
        if not targets:
            # "eased the embargo on Cuba", "shipped grain to Yemen": the object's own "on"/"to" phrase
            for child in children:
                if child.dep_ == "dobj":
                    preps = self.lexicon.object_target_preps
                    if self._names_act(child):
                        preps = preps | self.lexicon.act_object_target_preps
                    for prep in child.children:
                        if prep.dep_ == "prep" and prep.lower_ in preps:
                            targets = others(actors.group(next((g for g in prep.children if g.dep_ == "pobj"), None)))
                            if targets:
                                break
        if not targets:
            # "called for Ghana to remain in the union": the one the act is asked of
            asked_of = [s for c in children if self.subject_clause(c) for s in c.children if s.dep_ in SUBJECT_DEPS]
            targets = others(actors.group(asked_of[0])) if asked_of else []
        if not targets:
            for child in children:
                if child.dep_ in {"ccomp", "xcomp"}:
                    targets = self._first_actor_in_clause(child, actors, exclude=sources)
                    if targets:
                        break
        return sources, others(targets)

    def _act_or_weapon(self, noun: Token) -> bool:
        """Whether a noun names an act the dictionary codes ("bombing", "raid") or a weapon ("mine")."""
        return self._noun_entry(noun) is not None or noun.lemma_.lower() in self.lexicon.weapon_nouns

    def act_doer(self, noun: Token | None, actors: ActorIndex) -> list[Participant]:
        """Who does the act a noun names or uses the weapon it names: a modifier ("an Israeli air strike",
        "the army's shelling"), its "by" phrase ("a bombing by the rebels") or the agent of a participle on
        it ("a bomb planted by the militants"); none for other nouns."""
        if noun is None or not self._act_or_weapon(noun):
            return []
        for child in noun.children:
            if child.dep_ in {"poss", "compound", "amod", "nmod"} and (found := actors.group(child)):
                return found
        for child in self._noun_dependents(noun):
            holder: Token | None = None
            if child.dep_ == "prep" and child.lower_ in self.lexicon.doer_preps:
                holder = child
            elif child.dep_ == "acl":
                holder = next((g for g in child.children if g.dep_ == "agent"), None)
            obj = next((g for g in holder.children if g.dep_ == "pobj"), None) if holder is not None else None
            if obj is not None and (found := actors.group(obj)):
                return found
        return []

    def _cause_doer(self, verb: Token, actors: ActorIndex) -> list[Participant]:
        """The author of the act or weapon in a verb's cause phrase ("died in an air strike by the army")."""
        for noun in self._cause_nouns(verb):
            if found := self.act_doer(noun, actors):
                return found
        return []

    def _cause_nouns(self, verb: Token) -> list[Token]:
        return [g for prep in verb.children if prep.dep_ == "prep" and prep.lower_ in self.lexicon.cause_preps
                for g in prep.children if g.dep_ in {"pobj", "pcomp"} and self._act_or_weapon(g)]

    def means_code(self, verb: Token) -> str | None:
        """The code of the act or weapon a harm was done by or with ("killed in a suicide bombing" 1831,
        "a car bomb killed" 1832): the agent, the cause phrase, or an active subject; None if none is coded."""
        for noun in self.means_nouns(verb):
            if code := self.noun_code(noun):
                return code
        return None

    def attack_means(self, verb: Token) -> bool:
        """Whether a harm names an attack or a weapon it was done with, not an accident ("a fire", "a storm":
        lexicon ``accident_nouns``)."""
        return any(n.lemma_.lower() not in self.lexicon.accident_nouns for n in self.means_nouns(verb))

    def means_nouns(self, verb: Token) -> list[Token]:
        """The acts or weapons a harm was done by or with: the agent, the cause phrase, or an active subject."""
        children = list(verb.children)
        passive = any(c.dep_ in PASSIVE_SUBJECT_DEPS or c.dep_ == "auxpass" for c in children)
        agents = [g for c in children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
        subjects = [c for c in children if c.dep_ in SUBJECT_DEPS and not passive]
        if self.dictionary.lemma(verb) in self.lexicon.victim_subject_verbs:
            subjects = []
        return [noun for noun in [*agents, *self._cause_nouns(verb), *subjects] if self._act_or_weapon(noun)]

    def _destination(self, verb: Token, actors: ActorIndex, preps: frozenset[str], source_ids: set[str],
                     places: bool) -> list[Participant]:
        """The actor (or with ``places``, the uncoded phrase) a verb's own movement phrase leads to or from."""
        for prep in verb.rights:
            # the parser labels a recipient "to" as prep or dative ("sent supplies and nurses to Ecuador")
            if prep.dep_ in {"prep", "dative"} and prep.lower_ in preps:
                obj = next((g for g in prep.subtree if g.dep_ == "pobj"), None)
                found = self.party_or_phrase(obj, actors, phrases=places, exclude=source_ids)
                if found:
                    return found
        return []

    def party_or_phrase(self, obj: Token | None, actors: ActorIndex, phrases: bool = True,
                        exclude: Collection[str] = ()) -> list[Participant]:
        """The actors ``obj`` names (but those in ``exclude``), else with ``phrases`` (and setting
        ``events.uncoded_targets``) the uncoded noun phrase it heads."""
        if obj is None:
            return []
        found = [t for t in actors.group(obj) if t.actor["id"] not in exclude]
        if not found and phrases and self.uncoded_targets and (phrase := actors.phrase(obj)):
            found = [phrase]
        return found

    def _names_act(self, noun: Token) -> bool:
        """Whether a noun names an act the verb dictionary codes ("blockade", "embargo")."""
        lemma = noun.lemma_.lower()
        return lemma in self.dictionary.nouns or lemma in self.dictionary.content

    def _conveys(self, match: Match | None) -> bool:
        """Whether the matched act sends or gives its object (lexicon ``conveyed_object_roots``)."""
        code = match.code if match is not None else None
        return code is not None and any(code.startswith(root) for root in self.lexicon.conveyed_object_roots)

    @staticmethod
    def _countryless(group: list[Participant]) -> bool:
        """A coded group with no country of its own ("troops", "doctors"), as against a named party."""
        return bool(group) and all((p.code or "---").startswith("---") for p in group)

    def phrase_target(self, verb: Token, actors: ActorIndex, objects_name_act: bool = False) -> list[Participant]:
        """The party acted on when it is no coded actor (setting ``events.uncoded_targets``): where the act
        is directed ("sent aid to the flood victims"), else the direct object's own target phrase ("lifted the
        curbs imposed on the port"), else the direct object ("seized a police station") unless it is what the
        act conveys or is made of ("expressed concern about ...", "moved its troops into ...") or
        ``objects_name_act``, else the verb's other target phrases ("fired on the convoy")."""
        if not self.uncoded_targets:
            return []

        def prep_object(prep: Token, preps: frozenset[str]) -> Participant | None:
            if prep.dep_ not in {"prep", "dative"} or prep.lower_ not in preps:
                return None
            return actors.phrase(next((g for g in prep.children if g.dep_ == "pobj"), None))

        for child in verb.rights:
            if found := prep_object(child, self.lexicon.recipient_preps):
                return [found]
        # "the fishing boats were seized by the navy": the passive subject is what the act is done to
        passive_subject = next((c for c in verb.children if c.dep_ in PASSIVE_SUBJECT_DEPS), None)
        if passive_subject is not None and not objects_name_act and (found := actors.phrase(passive_subject)):
            return [found]
        objects = [c for c in verb.children if c.dep_ in OBJECT_DEPS]
        for obj in objects:
            for holder in [obj] + [c for c in obj.children if c.dep_ == "acl"]:
                for prep in holder.children:
                    if found := prep_object(prep, self.lexicon.object_phrase_preps):
                        return [found]
            if not objects_name_act and not self._conveyed(obj) and (found := actors.phrase(obj)):
                return [found]
        if not objects or objects_name_act or all(self._conveyed(o) for o in objects):
            for child in verb.rights:
                if found := prep_object(child, self.lexicon.phrase_target_preps):
                    return [found]
        return []

    def _conveyed(self, obj: Token) -> bool:
        """Whether a direct object is what the act conveys or is made of, not a party: a content noun
        ("voiced concern", "filed a lawsuit") or the subject's own ("withdrew its troops")."""
        return obj.lemma_.lower() in self.lexicon.content_object_nouns or self._own(obj)

    def _own(self, obj: Token) -> bool:
        """"its troops", "their borders", also a part of them ("some of its soldiers"): an object the acting
        party owns."""
        counted = [g for c in obj.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
        if counted and _is_count(obj):
            obj = counted[0]
        return any(c.dep_ == "poss" and c.lower_ in self.lexicon.own_possessives for c in obj.children)

    @staticmethod
    def _names_party(noun: Token, actors: ActorIndex) -> bool:
        """Whether an actor mention spans the noun itself ("Kenya's army"), not only a modifier of it."""
        found = actors.at(noun)
        return found is not None and found.start <= noun.idx < found.end

    @staticmethod
    def _owned_by(obj: Token, sources: list[Participant], actors: ActorIndex) -> bool:
        """Whether an object's possessor is the source's own country ("Kenya's borders" after the Kenyan president; the
        caller keeps objects that are parties themselves, "Kenya's army")."""
        # the country itself or the source's own body: "the Malian government's demand" is no own thing of Malian rebels
        owners = {code for p in sources if p.code and not p.code.startswith("---") for code in (p.code[:3], p.code)}
        return bool(owners) and any(
            c.dep_ == "poss" and any(o.code in owners for o in actors.group(c)) for c in obj.children)

    def _antecedent_owner(self, noun: Token, actors: ActorIndex) -> list[Participant]:
        """Whose demand/proposal a noun names: its possessor ("North Korea's demand"), else the source of
        the latest such act coded earlier in the article ("rejected the demands" after "Moscow insisted")."""
        roots = self.lexicon.antecedent_nouns.get(noun.lemma_.lower())
        if roots is None:
            return []
        for child in noun.children:
            if child.dep_ in {"poss", "compound", "amod"}:
                owner = actors.group(child)
                if owner:
                    return owner
        # "turned down an offer from the rebels", "met the demands by the strikers": the act's author
        for child in self._noun_dependents(noun):
            if child.dep_ == "acl" and (agent := next((g for g in child.children if g.dep_ == "agent"), None)) is not None:
                # "rejected a plan prepared by the cabinet": the participle's agent made them
                child = agent
            if child.dep_ in {"prep", "agent"} and child.lower_ in self.lexicon.antecedent_author_preps:
                # the author is the party replied to, named or not ("denied charges by local farmers")
                owner = self.party_or_phrase(next((g for g in child.children if g.dep_ == "pobj"), None), actors)
                if owner:
                    return owner
        for root in roots:
            if root in self._recent_sources:
                return [self._recent_sources[root]]
        return []

    @staticmethod
    def _noun_dependents(noun: Token) -> list[Token]:
        """A noun's dependents, and the phrase right after an object noun, which the parser often hangs on
        the (active) verb instead ("condemned the shelling by the army")."""
        following = [c for c in noun.head.children if c.i == noun.right_edge.i + 1] if noun.dep_ == "dobj" else []
        return [*noun.children, *following]

    def _inherited_subject(self, verb: Token, actors: ActorIndex) -> list[Participant]:
        if verb.dep_ == "conj":
            if verb.head.pos_ not in {"VERB", "AUX"}:
                return []
            return self.roles(verb.head, None, actors)[0]
        if verb.dep_ == "relcl":
            return actors.group(verb.head)
        if verb.dep_ == "acl" and (author := document_author(verb.head)) is not None:
            # "released a statement urging Kenya to ...": the document's author acts
            return actors.group(author)
        if (holder := self.attribution_holder(verb, actors)) is not None:
            # "are guilty of torturing prisoners": the subject did it
            return holder
        if verb.dep_ == "pcomp" and verb.head.dep_ == "prep" and verb.head.head.pos_ in {"VERB", "AUX"}:
            # "the farmers took to blocking the roads": the verb the preposition hangs off has the subject,
            # also a headline passive's ("Driver held for firing at police": the driver fired)
            governor = verb.head.head
            if headline_passive(governor):
                return actors.group(next((c for c in governor.children if c.dep_ == "nsubj"), None))
            return self.roles(governor, None, actors)[0]
        if verb.dep_ in {"xcomp", "advcl"}:
            head = verb.head
            if verb.dep_ == "xcomp" and head.lemma_.lower() in self.lexicon.object_control_verbs:
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
        for token in sorted(clause_tokens(head, keep_clauses=True), key=lambda t: t.i):
            if any(n.dep_ == "conj" and n.pos_ in {"VERB", "AUX"} for n in path_below(token, head)):
                # "denied it has plans to attack ... but pressed for guarantees from NATO": a coordinated
                # clause with its own verb is no part of what the verb is about
                continue
            participant = actors.at(token)
            if participant and self._countryless([participant]) and token.dep_ == "dobj" and any(
                    c.dep_ in {"prep", "dative"} and c.lower_ in self.lexicon.recipient_preps for c in token.head.children):
                # "offered to send soldiers to Liberia": a countryless group sent somewhere is what is sent
                continue
            if participant and participant.actor["id"] not in excluded_ids and participant.code not in excluded_codes \
                    and (participant.code or "")[:3] not in excluded_countries:
                return [participant]
        return []


__all__ = ["ArgumentFinder"]
