"""Codes from what surrounds a name: titles and appositions ("Kremlin spokesperson Dmitry Peskov"),
descriptions ("the leader of the U.S. delegation") and nominal anaphors ("the alliance"), for the actors
component (:mod:`eventwire.actors.component`)."""

from __future__ import annotations

import bisect

from spacy.tokens import Doc, Token

from .coref import Mention
from .dictionary import ActorDictionary


def compose_code(codes: list[str | None], roles: list[str | None]) -> str | None:
    """Code from the coded actors and agent nouns of a title, nearest first: a full organisation code
    wins ("Kremlin spokesperson" -> RUSGOV), else country + role ("U.S. delegation" -> USAGOV), else
    the country, else ``---`` + role."""
    full = next((c for c in codes if c and len(c) > 3 and not c.startswith("---")), None)
    if full:
        return full
    country = next((c[:3] for c in codes if c and not c.startswith("---")), None)
    role = next((r[:3] for r in roles if r), None) or next((c[3:6] for c in codes if c and c.startswith("---")), None)
    if country and role:
        return country + role
    if country:
        return country
    if role:
        return "---" + role
    return None


def merge_title_appositions(doc: Doc, mentions: list[Mention]) -> None:
    """"Its director general, Rafael Grossi,": a person's name in apposition to a titled noun phrase is
    the same actor, coded from the title when the name has no code of its own."""
    nominal_at: dict[int, Mention] = {}
    for m in mentions:
        if m.kind == "nominal" and m.type == "person":
            nominal_at[doc[m.start:m.end].root.i] = m
    for m in mentions:
        if m.kind != "name" or m.type != "person":
            continue
        root = doc[m.start:m.end].root
        title = nominal_at.get(root.head.i) if root.dep_ == "appos" and root.head.i < root.i else None
        if title is None:
            continue
        if m.code is None or m.weak_code:
            m.code, m.weak_code = title.code, False
        title.key = m.key


def possessor_code(doc: Doc, head: Token, mentions: list[Mention], max_sentences: int) -> list[str]:
    """The code of the organisation or country a possessive "its"/"their" on an agent noun refers to: the
    subject of a main clause shortly before (the topic a sentence-initial "Its" continues), else the
    nearest coded organisation or country before it."""
    pronoun = next((c for c in head.children if c.dep_ == "poss" and c.lower_ in ("its", "their")), None)
    if pronoun is None:
        return []
    first_sentence = max(0, sentence_number(doc, pronoun) - max_sentences)
    candidates = [m for m in mentions if m.end <= pronoun.i and m.kind in ("name", "metonym")
                  and m.type in ("organization", "country", "group") and m.code and not m.code.startswith("---")
                  and sentence_number(doc, doc[m.start]) >= first_sentence]
    if not candidates:
        return []
    subjects = [m for m in candidates if doc[m.start:m.end].root.dep_ in ("nsubj", "nsubjpass")
                and doc[m.start:m.end].root.head.dep_ == "ROOT"]
    chosen = max(subjects or candidates, key=lambda m: m.start)
    return [chosen.code] if chosen.code else []


def country_after(head: Token, coded_at: dict[int, str | None], book: ActorDictionary,
                  located_preps: frozenset[str]) -> list[str]:
    """The country of a prepositional phrase "in/from COUNTRY" right of an agent noun, as a code list."""
    for prep in head.rights:
        if prep.dep_ != "prep" or prep.lower_ not in located_preps:
            continue
        for obj in prep.children:
            country = book.country_of(coded_at.get(obj.i)) if obj.dep_ == "pobj" else None
            if country and len(coded_at.get(obj.i) or "") == len(country):
                return [country]  # a country itself, not one of its organisations
    return []


def add_descriptions(doc: Doc, mentions: list[Mention], used: list[bool],
                     description_verbs: dict[str, str]) -> None:
    """'The leader of the U.S. delegation' -> the person 'who led the U.S. delegation' (or who is in
    apposition to it); else a person of its own, coded from what it leads."""
    by_token: dict[int, Mention] = {}
    for m in mentions:
        for i in range(m.start, m.end):
            by_token.setdefault(i, m)
    # persons with a relative clause: (verb lemma, object head lemma) -> mention
    relcl: dict[tuple[str, str], Mention] = {}
    for m in mentions:
        if m.type != "person" or m.kind != "name":
            continue
        root = doc[m.name_start:m.name_end].root
        for child in root.children:
            if child.dep_ == "relcl":
                for obj in child.children:
                    if obj.dep_ in ("dobj", "obj", "attr"):
                        relcl.setdefault((child.lemma_.lower(), obj.lemma_.lower()), m)
    new: list[Mention] = []
    for token in doc:
        verb = description_verbs.get(token.lower_)
        if verb is None or used[token.i] or token.pos_ != "NOUN":
            continue
        of = next((c for c in token.rights if c.dep_ == "prep" and c.lower_ == "of"), None)
        obj = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
        if obj is None or obj.i not in by_token:
            continue
        target = by_token[obj.i]
        start = min([token.i] + [c.left_edge.i for c in token.lefts if c.dep_ in ("det", "amod", "compound")])
        end = obj.right_edge.i + 1
        description = Mention(start, end, "nominal", "person", target.code,
                              ("description", token.lower_, str(target.key)))
        linked = relcl.get((verb, obj.lemma_.lower()))
        if linked is None and token.dep_ == "appos" and token.head.i in by_token:
            candidate = by_token[token.head.i]
            linked = candidate if candidate.type == "person" else None
        if linked is not None:
            description.key = linked.key
            if linked.code is None:
                linked.code = target.code
        new.append(description)
        for i in range(start, token.i + 1):
            used[i] = True
    mentions.extend(new)
    mentions.sort(key=lambda m: (m.start, -m.end))


def add_anaphors(doc: Doc, mentions: list[Mention], used: list[bool], book: ActorDictionary) -> None:
    """'the alliance' / 'its' + generic noun -> the most recent organisation it can name."""
    new: list[Mention] = []
    for token in doc:
        anaphor = book.anaphors.get(token.lemma_.lower())
        if anaphor is None or used[token.i] or token.pos_ != "NOUN" or token.tag_ in ("NNS", "NNPS"):
            continue
        dets = [c for c in token.lefts if c.dep_ in ("det", "poss") and c.lower_ in ("the", "this", "that", "its")]
        if not dets:
            continue
        chosen: Mention | None = None
        for m in mentions:
            if m.end > token.i or m.type not in ("organization", "group"):
                continue
            name_words = set(doc[m.name_start:m.name_end].text.lower().split()) if m.name_start >= 0 else set()
            if (m.code and any(m.code.startswith(c) for c in anaphor.codes)) or (anaphor.name_words & name_words):
                if chosen is None or m.start > chosen.start:
                    chosen = m
        if chosen is None:
            continue
        start = min([token.i] + [c.left_edge.i for c in token.lefts if c.dep_ in ("det", "amod", "poss")])
        new.append(Mention(start, token.i + 1, "nominal", chosen.type, chosen.code, chosen.key))
        used[token.i] = True
    mentions.extend(new)
    mentions.sort(key=lambda m: (m.start, -m.end))


# sentence starts of the last Doc asked about: recounting doc.sents per pronoun made long articles quadratic
_SENTENCE_STARTS: tuple[Doc | None, list[int]] = (None, [])


def sentence_number(doc: Doc, token: Token) -> int:
    """The index of the sentence holding ``token``."""
    global _SENTENCE_STARTS
    if _SENTENCE_STARTS[0] is not doc:
        _SENTENCE_STARTS = (doc, [sent.start for sent in doc.sents])
    return bisect.bisect_right(_SENTENCE_STARTS[1], token.i) - 1
