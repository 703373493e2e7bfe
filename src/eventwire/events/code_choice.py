"""Code choice: which CAMEO code an act gets from what its complement, object or purpose names (an appeal
for aid, halting negotiations, giving medicine, a stated intention), read through the complement frames
and content nouns (:mod:`eventwire.events.cameo`, the verb dictionary)."""

from __future__ import annotations

from spacy.tokens import Token

from .cameo import frame_code, frame_family, given_code, halting_code, modal_family
from .coder_base import CoderBase
from .syntax import COMPLEMENT_DEPS, PASSIVE_SUBJECT_DEPS, SUBJECT_DEPS

# roots of acts whose complement, not the act, is the content: statements ("saying the minister should go")
# and protests ("marched against the plan to close the mines")
TRANSPARENT_ROOTS = frozenset({"01", "14"})
# protests (14x) take their sub-code from the change they are for: leadership, policy, rights or institutions,
# the acts coded 0831-0834 (accede to demands for that change)
PROTEST_ROOT = "14"
REFORM_CONTENT = "083"
# releasing or returning persons or property (084x): the object is who or what is released
RELEASE_ROOT = "084"
HALT_NEGOTIATIONS_CODE = "164"
NEGOTIATION_CODE = "046"


class CodeChoice(CoderBase):
    """The code of an act from the act its complement or object names."""

    # -- complements: what an appeal, intent, demand, rejection or threat is about ----------------------
    def framing_head(self, token: Token) -> Token | None:
        """The appeal/intent/demand/rejection/threat verb whose complement holds ``token`` ("urged Chad
        to free" -> urged), or None. Reported speech ("said", 01) frames nothing: its content is an
        event of its own."""
        node = token
        for _ in range(4):
            parent = node.head
            asked = self.subject_clause(node)
            purpose = not asked and node.dep_ == "advcl" and any(
                c.dep_ == "aux" and c.lower_ == "to" or c.tag_ == "VBG" for c in [node, *node.children])
            if parent.i == node.i or (node.dep_ not in COMPLEMENT_DEPS and not purpose and not asked):
                return None
            if parent.pos_ in {"VERB", "AUX"}:
                code = self._act_code(parent)
                family = frame_family(code)
                if family is not None and (not purpose or family[:2] == "14"):
                    # a protest's purpose ("marched to demand new elections") is what the protest is for
                    return parent
                if purpose:
                    return None
                if node.dep_ in {"ccomp", "xcomp"}:
                    return None
            node = parent
        return None

    def _object_act_code(self, verb: Token) -> str | None:
        """The code a verb gets from what its object names: halting it ("called off the strike" 082,
        "suspended military aid" 1622), giving it ("shipped vaccines" 073) or imposing it ("imposed a
        naval blockade" 191)."""
        content = self._object_content(verb)
        if content is None:
            return None
        lemma = self.dictionary.lemma(verb)
        particles = [c.lower_ for c in verb.children if c.dep_ == "prt"]
        phrasal = " ".join([lemma, *particles])
        code = halting_code(phrasal, content) or halting_code(lemma, content) or given_code(phrasal, content) \
            or given_code(lemma, content)
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
                # "carried out air strikes" is force (195), not a labour strike: a modifier's code first
                code = self.noun_code(child, directed=False) if child.dep_ == "dobj" else None
                if code:
                    return code
        match = self.match(verb)
        return match.code if match is not None else None

    def _framed_code(self, verb: Token, code: str, keep_without_content: bool = False) -> str:
        """The sub-code of an appeal/intent/demand/rejection/threat from the act its complement names:
        "urged Chad to free the prisoners" -> 0253 (appeal for the release of persons)."""
        family = frame_family(code)
        if family is None:
            return code
        content = self.complement_content(verb)
        if content is None and family.startswith(PROTEST_ROOT):
            content = self.protest_reason(verb)
        if content is None:
            return code
        if family.startswith(PROTEST_ROOT) and frame_code(family, content) == frame_code(family, None):
            # "walked out in a strike over the new pension law": what the protest is for
            content = self.protest_reason(verb) or content
        if frame_code(family, content) == frame_code(family, None) and (keep_without_content or code != frame_code(family, None)):
            # the complement names no act the family distinguishes: a specific code stands
            return code
        if family == "03":
            # an intent takes the family of the act intended: vowing to fight is a threat (13)
            family = modal_family(content) or "03"
        return frame_code(family, content)

    def protest_reason(self, verb: Token) -> str | None:
        """What a protest is for when no complement says it in so many words ("in protest at the jailing of
        reporters", "over a new pension law", "rallies against press censorship"): the first noun in
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
            if child.dep_ in {"xcomp", "ccomp", "dobj", "attr", "oprd", "acl", "nsubjpass", "acomp"} and child.i > head.i:
                found = self._content(child, depth + 1)
            elif child.dep_ == "prep" and child.lower_ in self.lexicon.content_preps:
                for obj in child.children:
                    if obj.dep_ in {"pobj", "pcomp"}:
                        found = found or self._content(obj, depth + 1)
            elif child.dep_ == "advcl" and (child.tag_ == "VBG" or any(g.dep_ == "aux" and g.lower_ == "to" for g in child.children)):
                # purpose: "marched to demand new elections"
                found = self._content(child, depth + 1)
            if found:
                return found
        return None

    def _object_content(self, verb: Token) -> str | None:
        """The act a verb's direct object names ("suspended military aid" -> 072), from the content nouns."""
        for child in verb.children:
            if child.dep_ in {"dobj", "nsubjpass"}:
                noun: Token | None = child
                for _ in range(3):
                    found = self.noun_content(noun) if noun is not None else None
                    if found is not None or noun is None:
                        return found
                    # "two tonnes of vaccines", "a share of the food aid": the "of" phrase names the thing
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
            if obj is not None and (code is None or len(obj) > len(code) or code.endswith("0")
                                    or frame_family(code) is not None):
                # "respect press freedom": the object names the act more precisely than a generic verb
                return obj
            if code is not None and frame_family(code) is None and code[:2] not in TRANSPARENT_ROOTS:
                return code
            # "take steps to end", "demanded that the ban be dropped": look further in
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
            # "a food aid scheme": the compound names the act, the head's modifiers refine it
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
        return entry.get("code")

    def _stated_intention(self, verb: Token, code: str, negated: bool, modality: str | None,
                          reported: bool) -> tuple[str, str | None]:
        """CAMEO codes a stated intention to cooperate (03x) or to use force or sanctions (13x) as the act of
        expressing it: "will send food aid" 033, "said it would seal the ports" 1381."""
        # a possible act ("could", "may") is no stated intention
        if negated or modality not in {"future", "intention"} or self._hypothetical(verb):
            return code, modality
        family = modal_family(code)
        if family == "03" or (family == "13" and (reported or modality == "intention")):
            return frame_code(family, code), None
        return code, modality


__all__ = ["CodeChoice", "HALT_NEGOTIATIONS_CODE", "NEGOTIATION_CODE", "PROTEST_ROOT",
           "REFORM_CONTENT", "RELEASE_ROOT", "TRANSPARENT_ROOTS"]
