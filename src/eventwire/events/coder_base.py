"""State shared by the parts of the event coder: the verb dictionary, the word lists and the per-Doc
dictionary matches. :class:`eventwire.events.coder.EventCoder` combines the parts."""

from __future__ import annotations

from typing import Any

from spacy.tokens import Doc, Token

from .lexicon import Lexicon, load_lexicon
from .participants import ActorIndex, Participant
from .patterns import Match, VerbDictionary
from .syntax import PASSIVE_SUBJECT_DEPS, SUBJECT_DEPS

# cooperative acts whose coordinated actors act with each other when no target is named (intent, consultation,
# diplomatic and material cooperation)
RECIPROCAL_ROOTS = frozenset({"03", "04", "05", "06"})
# conflictual acts two coordinated parties can only do to each other: "X and Y failed to reach a deal" or
# "broke off talks" (164, halting negotiations) is X -> Y and Y -> X
RECIPROCAL_CODES = frozenset({"164"})


def reciprocal_code(code: str) -> bool:
    """Whether coordinated parties doing ``code`` with no one named do it with each other."""
    return code[:2] in RECIPROCAL_ROOTS or code in RECIPROCAL_CODES


def shipped_reporting_verbs() -> frozenset[str]:
    """The shipped reporting lexicon's verbs that frame reported acts (for coders built outside a pipeline)."""
    from ..quotes.cues import load_cues
    from ..settings import component_settings

    return load_cues(component_settings("reporting", None)["cues"]).frames_reported_acts


class CoderBase:
    def __init__(
        self, dictionary: VerbDictionary, lexicon: Lexicon | None = None, reporting: frozenset[str] | None = None
    ) -> None:
        self.dictionary = dictionary
        # a party acted on that names no coded actor is kept as an uncoded target (setting events.uncoded_targets)
        self.uncoded_targets = True
        self.lexicon = lexicon if lexicon is not None else load_lexicon()
        # verbs that frame a reported act, from the one reporting lexicon (setting reporting.cues)
        self.reporting = reporting if reporting is not None else shipped_reporting_verbs()
        # the source of the latest unmodalised act per CAMEO root in the article being coded
        self._recent_sources: dict[str, Participant] = {}
        # the actor id of the target of that act, per root
        self._recent_targets: dict[str, str | None] = {}
        self._match_doc: Doc | None = None
        self._matches: dict[int, Match | None] = {}

    def start_document(self) -> None:
        """Forget what the previous article's coding remembered (its recent sources)."""
        self._recent_sources = {}
        self._recent_targets = {}

    def answered_author(self, code: str, sources: list[Participant]) -> Participant | None:
        """The author of the latest earlier act against one of ``sources`` that an act of ``code`` answers
        (lexicon ``answering_codes``: a denial answers an accusation), or None."""
        source_ids = {p.actor["id"] for p in sources if p.actor["id"] is not None}
        for root in self.lexicon.answering_codes.get(code, ()):
            if root in self._recent_sources and self._recent_targets.get(root) in source_ids:
                return self._recent_sources[root]
        return None

    def _content_of_object(self, verb: Token) -> bool:
        """An infinitive the parser hangs on the verb right after an object that names a plan, a move or an
        offer ("the move to shut the crossing", "a plan to build a dam"): the object's content."""
        if verb.dep_ != "advcl" or not any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
            return False
        start = verb.left_edge.i
        return any(o.dep_ == "dobj" and o.right_edge.i + 1 == start and o.lemma_.lower() in self.lexicon.antecedent_nouns
                   for o in verb.head.children)

    def _is_party(self, doc: Doc, participant: Participant) -> bool:
        """Whether a target can be the party an act is done to or with: a coded actor, a name (person,
        organisation, place) or a pronoun, not a thing ("faced emergencies", "suggested designs")."""
        head = doc[participant.token]
        if participant.code or head.pos_ in {"PRON", "PROPN"} or head.ent_type_ in self.lexicon.party_entity_labels \
                or head.lemma_.lower() in self.lexicon.party_nouns:
            return True
        # "16 Soviet advisers", "the Chilean embassy": a group or place named by its people or country
        if any(c.dep_ in {"amod", "compound", "nmod", "poss"} and c.ent_type_ in self.lexicon.party_entity_labels
               for c in head.children):
            return True
        # "partners like Norway", "donors such as Japan": a group named by its examples
        return any(g.dep_ == "pobj" and (g.ent_type_ in self.lexicon.party_entity_labels or g.pos_ == "PROPN")
                   for c in head.children if c.dep_ == "prep" and c.lower_ in self.lexicon.example_preps for g in c.children)

    def _is_area(self, doc: Doc, participant: Participant) -> bool:
        """Whether a phrase names an area: a coded actor (its country), a (place) name or a noun of an area
        ("in Tigray", "across the border districts", not "in a surprise move"); lexicon ``area_entity_labels``,
        ``area_nouns``."""
        head = doc[participant.token]
        return bool(participant.code) or any(t.ent_type_ in self.lexicon.area_entity_labels or t.pos_ == "PROPN"
                                             or t.lemma_.lower() in self.lexicon.area_nouns for t in head.subtree)

    def covers_area(self, code: str) -> bool:
        """Whether an act with this code is done to the area it covers (lexicon ``area_target_roots``)."""
        return any(code.startswith(root) for root in self.lexicon.area_target_roots)

    def match(self, token: Token) -> Match | None:
        """The verb dictionary's match for ``token``, computed once per token of the Doc being coded."""
        if self._match_doc is not token.doc:
            self._match_doc, self._matches = token.doc, {}
        if token.i not in self._matches:
            # "left for Nairobi to receive a degree": after a movement verb the clause is the trip's purpose
            lemma = self.dictionary.lemma(token)
            asked = lemma not in self.lexicon.movement_verbs and lemma not in self.lexicon.departure_verbs
            self._matches[token.i] = self.dictionary.match(token, asked_clauses=asked)
        return self._matches[token.i]

    def subject_clause(self, clause: Token) -> bool:
        """Whether an adverbial clause is "for X to do": an act asked of its own subject, a complement."""
        return clause.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in self.lexicon.subject_clause_marks
                                              for c in clause.children)

    def _noun_entry(self, noun: Token) -> dict[str, Any] | None:
        # a gerund parsed as a verb ("wounded in shelling by ...") is looked up by its form
        return self.dictionary.nouns.get(noun.lemma_.lower()) or (
            self.dictionary.nouns.get(noun.lower_) if noun.tag_ == "VBG" else None)

    def noun_code(self, noun: Token, directed: bool = True) -> str | None:
        """An act noun's own code, a modifier's ("air strike" 195, "roadside bomb" 1833) before the noun's;
        with ``directed``, the noun's code for an act aimed at someone ("strikes" 190, not a labour strike)."""
        entry = self._noun_entry(noun)
        if entry is None and noun.lemma_.lower() in self.lexicon.weapon_nouns:
            # "a car bomb device": a weapon noun takes the code of a coded modifier noun
            entry = next((self.dictionary.nouns[c.lemma_.lower()] for c in noun.children
                          if c.dep_ in {"compound", "amod"} and c.lemma_.lower() in self.dictionary.nouns), None)
        if entry is None:
            return None
        modifiers = entry.get("modifiers") or {}
        code = next((modifiers[c.lemma_.lower()] for c in noun.children
                     if c.dep_ in {"compound", "amod", "nmod"} and c.lemma_.lower() in modifiers), None)
        return code or (entry.get("directed") if directed else None) or entry.get("code")

    def attribution_head(self, token: Token) -> Token | None:
        """The attributing adjective (lexicon ``attribution_heads``) whose preposition ``token``
        is the object of ("responsible for [the attacks]", "guilty of [violating]"), or None."""
        prep = token.head
        if token.dep_ not in {"pobj", "pcomp"} or prep.dep_ != "prep":
            return None
        head = prep.head
        if head.lemma_.lower() in self.lexicon.attribution_heads or head.lower_ in self.lexicon.attribution_heads:
            return head
        return None

    def attribution_holder(self, token: Token, actors: ActorIndex | None = None) -> list[Participant] | None:
        """Who an attributed act is attributed to: the subject of the attributing word's clause; None when
        ``token`` is no attributed act."""
        head = self.attribution_head(token)
        if head is None:
            return None
        clause = head.head if head.dep_ in {"acomp", "amod", "attr"} else head
        subject = next((c for c in clause.children if c.dep_ in SUBJECT_DEPS | PASSIVE_SUBJECT_DEPS), None)
        index = actors if actors is not None else ActorIndex(token.doc, self.lexicon)
        return index.group(subject) if subject is not None else []


__all__ = ["RECIPROCAL_CODES", "RECIPROCAL_ROOTS", "CoderBase", "reciprocal_code"]
