"""Parse helpers of the event coder: dependency-label groups and tests on a spaCy parse (clauses,
coordination, naming, negation) that need no dictionary."""

from __future__ import annotations

from spacy.tokens import Token

from .lexicon import Lexicon

SUBJECT_DEPS = frozenset({"nsubj", "csubj"})
PASSIVE_SUBJECT_DEPS = frozenset({"nsubjpass", "csubjpass"})
OBJECT_DEPS = frozenset({"dobj", "dative", "iobj"})
# dependencies by which a complement hangs off the act it is the content of
COMPLEMENT_DEPS = frozenset({"xcomp", "ccomp", "dobj", "pobj", "prep", "pcomp", "acl"})


def clause_tokens(head: Token, keep_clauses: bool = False) -> list[Token]:
    """A clause's tokens without the clauses embedded in it (unless ``keep_clauses``)."""
    out: list[Token] = []
    stack = [head]
    while stack:
        token = stack.pop()
        out.append(token)
        for child in token.children:
            if keep_clauses or child.dep_ not in {"ccomp", "advcl", "relcl", "parataxis"}:
                stack.append(child)
    return out


def in_noun_content_clause(token: Token) -> bool:
    node = token
    for _ in range(6):
        if node.dep_ in {"ccomp", "acl"} and node.head.pos_ in {"NOUN", "PROPN"} and node.head.i != node.i:
            # a participle modifying the noun ("the crisis caused by Russia") is no content clause; a clause
            # with its own subject is ("speculation that they were captured")
            participle = node.dep_ == "acl" and node.tag_ in {"VBN", "VBG"}
            return not participle or any(c.dep_ in SUBJECT_DEPS | PASSIVE_SUBJECT_DEPS for c in node.children)
        if node.dep_ in {"ROOT", "ccomp", "advcl", "parataxis"} or node.head.i == node.i:
            return False
        node = node.head
    return False


def predicative_naming(verb: Token, lemma: str, lexicon: Lexicon) -> bool:
    """"called the plan a fraud", "called the vote unfair": a naming verb whose object has a
    predicate of its own (an object predicate, or an adjective after the object noun)."""
    if lemma not in lexicon.naming_verbs or any(c.dep_ == "prt" for c in verb.children):
        return False
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    if not objects:
        return False
    if any(c.dep_ == "prep" for c in verb.children if c.i < objects[0].i):
        return False  # "called on X to resign": an appeal
    if any((c.dep_ == "oprd" or (c.dep_ in {"xcomp", "acomp"} and c.pos_ in {"ADJ", "NOUN", "PROPN"}))
           and c.i > objects[0].i for c in verb.children):
        return True
    if any(c.dep_ == "amod" and c.i > objects[0].i for c in objects[0].children):
        return True
    # "called many of his rivals “cowards”": the parser hangs a quoted name at the end of the object phrase
    # (an apposition, or the object of its "of")
    last = objects[0].right_edge
    return last.i > objects[0].i and last.pos_ in {"NOUN", "ADJ"} and verb.doc[last.i - 1].tag_ == "``"


def headline_passive(verb: Token) -> bool:
    """A passive without its auxiliary, as headlines write it ("Man arrested after raid", "Five killed in
    blast"): in the headline, a past form rooting its clause with a subject and no object, complement or
    auxiliary (the tagger reads it as VBD or VBN alike; in body text such a verb is a finite active one)."""
    headline = (verb.doc._.article or {}).get("headline_span")
    return bool(headline) and verb.idx < headline[1] and verb.tag_ in {"VBN", "VBD"} and verb.dep_ == "ROOT" \
        and any(c.dep_ == "nsubj" for c in verb.children) \
        and not any(c.dep_ in {"aux", "auxpass", "dobj", "dative", "xcomp", "ccomp", "prt", "attr", "acomp"} for c in verb.children)


def coordinated_subject(verb: Token) -> Token | None:
    """The verb's own grammatical subject when it is a coordination ("Japan and Korea signed", "Kenyan and
    Ugandan ministers met": coordinated modifiers of one noun), not a pronoun ("X and Y say they are ready to
    discuss": the counterpart is unknown). A controlled complement takes its controller's subject ("Peru and
    Chile plan to sign a treaty")."""
    node = verb
    while node.dep_ == "xcomp" and not any(c.dep_ in SUBJECT_DEPS for c in node.children):
        node = node.head
    subject = next((c for c in node.children if c.dep_ in SUBJECT_DEPS), None)
    if subject is None or subject.pos_ == "PRON":
        return None
    modifiers = any(c.dep_ in {"amod", "compound", "nmod"} and any(g.dep_ == "cc" for g in c.children) for c in subject.children)
    return subject if subject.conjuncts or modifiers else None


def own_coordinated_subject(verb: Token) -> bool:
    """Whether the verb's own subject is a coordination (:func:`coordinated_subject`)."""
    return coordinated_subject(verb) is not None


def path_below(token: Token, head: Token) -> list[Token]:
    """The tokens from ``token`` up to (not including) its ancestor ``head``."""
    path: list[Token] = []
    node = token
    while node.i != head.i and node.head.i != node.i:
        path.append(node)
        node = node.head
    return path


def in_of_phrase(token: Token, head: Token) -> bool:
    """Whether ``token`` sits in an "of" phrase below ``head`` ("a parade of some 5,000 soldiers")."""
    node = token
    while node.i != head.i and node.head.i != node.i:
        if node.dep_ == "pobj" and node.head.lower_ == "of":
            return True
        node = node.head
    return False


def direct_negation(token: Token) -> bool:
    return any(c.dep_ == "neg" for c in token.children)


def locally_negated(token: Token, lexicon: Lexicon) -> bool:
    """"not"/"never" on the word itself or its verb, "no"/"little" as determiner of a noun."""
    for child in token.children:
        if child.dep_ == "neg" or (child.dep_ in {"det", "amod", "advmod"} and child.lower_ in lexicon.negators | lexicon.weak_negators):
            return True
    head = token.head
    if token.dep_ in {"dobj", "attr", "acomp", "pobj", "nsubj"} and head.i != token.i:
        if any(c.dep_ == "neg" for c in head.children):
            return True
        if token.dep_ == "pobj" and head.head.i != head.i and head.head.pos_ == "NOUN":
            return locally_negated(head.head, lexicon)
    return False


__all__ = ["COMPLEMENT_DEPS", "OBJECT_DEPS", "PASSIVE_SUBJECT_DEPS", "SUBJECT_DEPS", "clause_tokens", "direct_negation",
           "in_noun_content_clause", "in_of_phrase", "locally_negated", "own_coordinated_subject", "path_below",
           "predicative_naming"]
