"""Code choice: which CAMEO code an act gets from what its complement, object or purpose names (an appeal
for aid, halting negotiations, giving medicine, a stated intention), read through the complement frames
and content nouns (:mod:`eventwire.events.cameo`, the verb dictionary)."""

from __future__ import annotations

from spacy.tokens import Token

from .cameo import frame_code, frame_family, given_code, halting_code, modal_family
from .coder_base import CoderBase
from .syntax import COMPLEMENT_DEPS, OBJECT_DEPS, PASSIVE_SUBJECT_DEPS, SUBJECT_DEPS

# roots of acts whose complement, not the act, is the content: statements ("saying he must resign") and
# protests ("to protest the failure to introduce reforms")
TRANSPARENT_ROOTS = frozenset({"01", "14"})
# protests (14x) take their sub-code from the change they are for: leadership, policy, rights or institutions,
# the acts coded 0831-0834 (accede to demands for that change)
PROTEST_ROOT = "14"
REFORM_CONTENT = "083"
# preparing to use force is a force posture (15), CAMEO's "military moves that fall short of the use of force"
FORCE_ROOTS = frozenset({"18", "19", "20"})
FORCE_POSTURE_CODE = "150"
# releasing or returning persons or property (084x): the object is who or what is released
RELEASE_ROOT = "084"
HALT_NEGOTIATIONS_CODE = "164"
NEGOTIATION_CODE = "046"


class CodeChoice(CoderBase):
    """The code of an act from the act its complement or object names."""

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
        if code == HALT_NEGOTIATIONS_CODE and lemma in self.lexicon.concluding_verbs and not particles \
                and not any(c.dep_ == "advmod" and c.lower_ in self.lexicon.disruption_adverbs for c in verb.children):
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
        if family == "03" and self.dictionary.lemma(verb) in self.lexicon.preparation_verbs and content[:2] in FORCE_ROOTS:
            # "the army prepared to resume shelling": readying force is a force posture (150), not an intent
            return FORCE_POSTURE_CODE
        if family == "03":
            # "wants Germany to pay": wanting another actor to act is an appeal; vowing to fight a threat
            clauses = [c for c in verb.children if c.dep_ in {"xcomp", "ccomp"}]
            if self.dictionary.lemma(verb) in self.lexicon.wanting_verbs and (
                    any(c.dep_ in OBJECT_DEPS for c in verb.children) and clauses or any(
                    g.dep_ in SUBJECT_DEPS and g.lower_ not in self.lexicon.speaker_pronouns for c in clauses for g in c.children)):
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
            if child.dep_ == "acl" and head.pos_ in {"NOUN", "PROPN"} and head.lemma_.lower() not in self.lexicon.proposal_nouns | self.lexicon.need_nouns:
                # "roads leading to the centre": a participle describing a noun is no content; "a request
                # to interrogate detainees" is
                continue
            if child.dep_ in {"xcomp", "ccomp", "dobj", "attr", "oprd", "acl", "nsubjpass", "acomp"} and child.i > head.i:
                found = self._content(child, depth + 1)
            elif child.dep_ == "prep" and child.lower_ in self.lexicon.content_preps:
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
        objects = [g for c in noun.children if c.dep_ == "prep" and c.lower_ in self.lexicon.noun_content_preps
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


__all__ = ["CodeChoice", "FORCE_POSTURE_CODE", "HALT_NEGOTIATIONS_CODE", "NEGOTIATION_CODE", "PROTEST_ROOT",
           "REFORM_CONTENT", "RELEASE_ROOT", "TRANSPARENT_ROOTS"]
