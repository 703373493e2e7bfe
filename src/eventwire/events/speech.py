"""Reported speech, negation and modality: whether an act is denied, hypothetical, future or obliged,
which reporting verb reports it, and how a statement is coded (a stance, a demand on another actor, or
nothing when the sentence reports a more specific act)."""

from __future__ import annotations

from spacy.tokens import Token

from .cameo import frame_code
from .coder_base import CoderBase
from .participants import ActorIndex, Participant
from .syntax import PASSIVE_SUBJECT_DEPS, SUBJECT_DEPS, clause_tokens, locally_negated


class ReportedSpeech(CoderBase):
    def _hypothetical(self, verb: Token) -> bool:
        return self.negation_and_modality(verb)[1] == "conditional"

    def _demanded(self, verb: Token, sources: list[Participant], actors: ActorIndex) -> tuple[str, list[Participant]] | None:
        """A statement that another actor must or should act is a demand on that actor ("Peru said Chile
        must hand back the trawler"), CAMEO's convention."""
        for clause in (c for c in verb.children if c.dep_ == "ccomp"):
            aux = {c.lower_ for c in clause.children if c.dep_ in {"aux", "auxpass"}}
            if not aux & self.lexicon.modal_obligation:
                continue
            subject = next((c for c in clause.children if c.dep_ in SUBJECT_DEPS | PASSIVE_SUBJECT_DEPS), None)
            targets = actors.group(subject)
            source_ids = {p.actor["id"] for p in sources}
            targets = [t for t in targets if t.actor["id"] not in source_ids]
            if subject is None or (not targets and actors.has_mentions):
                continue
            return frame_code("10", self._content(clause, 1)), targets
        return None

    def _reports_coded_act(self, verb: Token) -> bool:
        """Whether the clause ``verb`` reports (or attributes, when the reporting verb hangs off the act:
        "X fired on Y, police said") holds a verb or event noun with a code of its own."""
        clauses = [c for c in verb.children if c.dep_ in {"ccomp", "parataxis"}]
        if verb.dep_ in {"parataxis", "ccomp"} and verb.head.i != verb.i:
            clauses.append(verb.head)
        for clause in clauses:
            tokens = [clause] if clause.i == verb.head.i else clause_tokens(clause, keep_clauses=True)
            for token in tokens:
                if token.pos_ in {"VERB", "AUX"} and token.i != verb.i:
                    code = self._act_code(token)
                    if code and code[:2] != "01" and self._predicate(token):
                        negated, modality = self.negation_and_modality(token)
                        # "said it might not retaliate": a denied or hypothetical act leaves the statement
                        if not negated and modality not in {"conditional", "possible", "obligation"}:
                            return True
        return False

    def _is_statement(self, verb: Token, code: str) -> bool:
        return code == "010"

    def _statement_code(self, verb: Token, code: str) -> str:
        """A statement whose reported clause carries an explicit stance takes its code ("said she was
        gloomy about" -> 012; "see no reason for optimism" -> 012; "confident that" -> 013)."""
        clause = [c for c in verb.children if c.dep_ in {"ccomp", "xcomp", "acomp", "dobj"}]
        if not clause:
            return code
        for cue_code, cues in self.dictionary.cues.items():
            for cue in cues:
                for head in clause:
                    for token in clause_tokens(head):
                        if token.lemma_.lower() not in cue["words"] and token.lower_ not in cue["words"]:
                            continue
                        negated = locally_negated(token, self.lexicon)
                        if bool(cue.get("negated")) == negated and not (cue.get("alone") and self._reports_coded_act(verb)):
                            return cue_code
        return code

    # -- negation, modality, reported speech ----------------------------------------------------------
    def negation_and_modality(self, token: Token) -> tuple[bool, str | None]:
        negated = locally_negated(token, self.lexicon)
        modality: str | None = None
        node = token
        for _ in range(8):
            children = list(node.children)
            aux = {c.lower_ for c in children if c.dep_ == "aux"}
            if modality is None:
                if aux & self.lexicon.modal_future:
                    modality = "future"
                elif aux & self.lexicon.modal_possible:
                    modality = "possible"
                elif aux & self.lexicon.modal_obligation:
                    modality = "obligation"
            if any(c.dep_ == "mark" and c.lower_ in self.lexicon.condition_markers for c in children):
                return negated, "conditional"
            if modality is None and node.dep_ == "xcomp" and node.head.lower_ in self.lexicon.future_heads \
                    and any(c.dep_ == "aux" and c.lower_ == "to" for c in children):
                # "is to visit", "are going to sign": an announced act
                modality = "future"
            if node.dep_ == "xcomp" and node.head.lemma_.lower() in self.lexicon.obligation_heads:
                modality = modality or "obligation"
            if node.dep_ in {"xcomp", "acl"} and node.head.lemma_.lower() in self.lexicon.intention_heads | self.lexicon.intention_nouns:
                modality = modality or "intention"
            if node.dep_ == "acl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in children):
                modality = modality or "intention"
            parent = node.head
            if parent.i == node.i:
                break
            if node.dep_ in {"ccomp", "xcomp", "acl", "pcomp", "pobj", "dobj"} and parent.lemma_.lower() in self.lexicon.negating_verbs \
                    and node.i != token.i:
                negated = True
            if node.dep_ in {"ccomp", "xcomp"} and parent.lemma_.lower() in self.lexicon.negating_verbs:
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


__all__ = ["ReportedSpeech"]
