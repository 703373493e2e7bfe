"""Who takes part in an event: actor mentions looked up on the parse (:class:`ActorIndex`), the
participants they become, and the event candidate that carries them until output."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Doc, Span, Token

from ..actors import actor_of_mention, has_mentions, mention_for_token
from ..records import content_id
from .lexicon import Lexicon


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

    @property
    def key(self) -> str:
        """What tells two participants apart: the actor's id, or an uncoded phrase's text."""
        return str(self.actor["id"] or self.actor.get("name") or "")


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


# modifiers of a noun that may be coordinated parties of their own ("Kenyan and Ugandan troops")
COORDINATED_MODIFIER_DEPS = frozenset({"amod", "compound", "nmod"})


class ActorIndex:
    """Participants for one Doc, over the pipeline's one actor index (:mod:`eventwire.actors`): a token's
    mention and its actor, or an actor made from the span when the mention has no record."""

    def __init__(self, doc: Doc, lexicon: Lexicon) -> None:
        self.doc = doc
        self.lexicon = lexicon
        self.has_mentions = has_mentions(doc)

    def _actor_for_span(self, span: Span) -> Any:
        actor = actor_of_mention(self.doc, span)
        if actor is None:
            # a mention without a record (a user-built pipeline): code it from the span
            return {"id": span.kb_id_ or content_id(span.text), "name": span.text, "code": span.label_ or None}
        return actor

    def at(self, token: Token) -> Participant | None:
        """The actor mention covering ``token`` or modifying it ("Russian" in "Russian officials")."""
        span = mention_for_token(self.doc, token)
        if span is None:
            return None
        actor = self._actor_for_span(span)
        start, end = self._named_by(span, actor)
        return Participant(actor, start, end, token.i)

    def _named_by(self, span: Span, actor: Any) -> tuple[int, int]:
        """The mention a participant is named by: a pronoun's is its antecedent's latest mention earlier in
        the sentence ("Peru said it would close the border": Peru closes it), so the event points at the
        name, not at "it"; else the span itself."""
        if len(span) != 1 or span[0].pos_ != "PRON":
            return span.start_char, span.end_char
        sentence_start = span.sent.start_char
        earlier = [m for m in actor.get("mentions") or () if m["kind"] != "pronoun"
                   and sentence_start <= m["start"] and m["end"] <= span.start_char]
        if not earlier:
            return span.start_char, span.end_char
        named = max(earlier, key=lambda m: m["start"])
        return int(named["start"]), int(named["end"])

    def in_phrase(self, head: Token) -> Participant | None:
        """The actor of a noun phrase: its head, else the nearest actor inside it ("the leader of the
        U.S. delegation" -> USA), never inside a clause hanging off the phrase."""
        found = self.at(head)
        if found:
            return found
        frontier = [c for c in head.children if c.dep_ in {"pobj", "compound", "amod", "poss", "nmod", "appos", "npadvmod"}
                    or (c.dep_ == "prep" and (c.lower_ == "of"
                                              or (c.lower_ in self.lexicon.representative_preps and head.lemma_.lower() in self.lexicon.representative_nouns)))]
        while frontier:
            frontier.sort(key=lambda t: abs(t.i - head.i))
            token = frontier.pop(0)
            found = self.at(token)
            if found:
                return found
            frontier.extend(c for c in token.children if c.dep_ in {"pobj", "compound", "amod", "poss", "nmod"}
                            or (c.dep_ == "prep" and c.lower_ == "of"))
        return None

    def phrase(self, head: Token | None) -> Participant | None:
        """An uncoded party: the noun phrase headed by ``head`` when it names no actor ("seized a police
        station", "fired on the convoy"). The mention runs from the phrase's first word to its head (or the
        noun of its "of" phrase), so its last word is the head; ``None`` for pronouns that stand for no party, amounts and times."""
        if head is None or head.pos_ not in {"NOUN", "PROPN", "PRON", "NUM"}:
            return None
        if head.lower_ in self.lexicon.non_target_pronouns or head.ent_type_ in self.lexicon.non_party_entity_labels:
            return None
        if head.ent_type_ == "CARDINAL" and not any(c.dep_ == "prep" and c.lower_ == "of" for c in head.children):
            # "sent 300" counts what is sent; "detained dozens of students" names who is acted on
            return None
        left = min((t.i for t in head.subtree if t.i <= head.i and not t.is_punct), default=head.i)
        # the phrase's own left part, never across a clause that hangs off it
        while left < head.i and self.doc[left].head.i > head.i and self.doc[left].dep_ in {"relcl", "acl", "advcl"}:
            left += 1
        right = head
        while True:
            # "dozens of protesters": the counted or owning noun ends the phrase
            of = next((c for c in right.children if c.dep_ == "prep" and c.lower_ == "of"), None)
            obj = next((g for g in of.children if g.dep_ == "pobj"), None) if of is not None else None
            if obj is None:
                break
            right = obj
        span = self.doc[left:right.i + 1]
        return Participant({"id": None, "name": span.text, "code": None}, span.start_char, span.end_char, head.i)

    def group(self, head: Token | None) -> list[Participant]:
        """The actors of a phrase and its coordinated phrases ("Kenya and its neighbours")."""
        if head is None:
            return []
        out: list[Participant] = []
        for token in (head, *head.conjuncts):
            participant = self.in_phrase(token)
            if participant and all(p.actor["id"] != participant.actor["id"] for p in out):
                out.append(participant)
        return out

    def with_coordinated_modifiers(self, head: Token, found: list[Participant]) -> list[Participant]:
        """``found`` and the parties named by coordinated modifiers of ``head`` ("the Kenyan and Tanzanian navies":
        Kenya's beside the navies' Tanzania), in text order; for acts the parties do with each other."""
        out = list(found)
        if head.tag_ not in {"NNS", "NNPS"}:
            # two countries' people are a plural ("ministers", "navies"); "the Kenyan and Ugandan position" is one thing
            return out
        for modifier in head.children:
            if modifier.dep_ in COORDINATED_MODIFIER_DEPS and any(g.dep_ == "cc" for g in modifier.children):
                participant = self.at(modifier)
                if participant and all(p.actor["id"] != participant.actor["id"] for p in out):
                    out.append(participant)
        return sorted(out, key=lambda p: p.start)



__all__ = ["ActorIndex", "Candidate", "Participant"]
