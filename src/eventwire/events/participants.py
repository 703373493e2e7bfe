"""Who takes part in an event: actor mentions looked up on the parse (:class:`ActorIndex`), the
participants they become, and the event candidate that carries them until output."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Doc, Span, Token

from ..actors import actor_for_token
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
    """Actor lookups for one Doc over ``doc.spans["actors"]``: a mention's actor through
    eventwire.actors.actor_for_token, else its ``doc._.actors`` record, else one made from the span."""

    def __init__(self, doc: Doc, lexicon: Lexicon) -> None:
        self.doc = doc
        self.lexicon = lexicon
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
        actor = actor_for_token(self.doc, token)
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



__all__ = ["ActorIndex", "Candidate", "Participant"]
