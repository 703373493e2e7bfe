"""Metonymy for the actors component: a capital or a government building acting as its government
("Moscow insisted", "the Kremlin said")."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from . import MENTION_KIND_METONYM
from .coref import Mention
from .dictionary import ActorDictionary


def acting_dep(token: Token, object_verbs: frozenset[str]) -> bool:
    """A direct object is a government only as the object of an appeal or pressure to act ("urged Tehran
    to restore access"), not of a movement or attack ("visited Tehran")."""
    if token.dep_ != "dobj":
        return True
    verb = token.head
    # only with a complement that the object is to carry out ("urged Tehran to restore", "pressed Moscow to"):
    # a bare object may still be the place ("warned Kyiv residents", "criticized Beijing's plan")
    return verb.lemma_.lower() in object_verbs and any(
        c.dep_ in ("xcomp", "ccomp") and c.i > token.i and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
        for c in verb.children)


def add_place_metonyms(doc: Doc, place_spans: list[Span], mentions: list[Mention], used: list[bool],
                       book: ActorDictionary, date: str | None, metonymy_deps: frozenset[str],
                       place_verbs: frozenset[str], object_verbs: frozenset[str]) -> None:
    """A capital or a government building as the subject of a verb is the government: a metonym mention
    coded COUNTRY + GOV, its tokens marked used."""
    for span in place_spans:
        root = span.root
        subject = root if root.dep_ != "conj" else root.head
        if subject.dep_ == "pobj" and subject.head.dep_ == "agent":
            subject = subject.head  # "criticized by Moscow": the passive's agent acts
        if subject.dep_ not in metonymy_deps or not acting_dep(subject, object_verbs):
            continue
        verb = subject.head
        if subject.dep_ != "poss" and verb.lemma_.lower() in place_verbs:
            continue
        text = span.text.lower()
        country = book.capitals.get(text)
        if country is None:
            entry = book.names.get(text)
            country = entry.code_on(date) if entry else None
        if not country:
            continue
        code = country[:3] + "GOV"
        mentions.append(Mention(span.start, span.end, MENTION_KIND_METONYM, "organization", code,
                                ("metonym", code, text), name_start=span.start, name_end=span.end))
        for i in range(span.start, span.end):
            used[i] = True
