"""Cues and what they report, from the dependency parse: reporting verbs and phrases outside quotation
marks (the lexicon is :mod:`eventwire.quotes.cues`), their content clauses, and the small token helpers the
quotes component shares."""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Doc, Span, Token

from ..nlp.text import doc_text
from ..words import word_set
from .cues import CueLexicon

# clause dependents of a cue that carry what was said
_CONTENT_DEPS = frozenset({"ccomp"})
# complements of a cue that report through a noun phrase or an infinitive (no content clause)
_OBJECT_DEPS = frozenset({"dobj", "xcomp"})
# prepositions naming the source of a cue noun ("a claim by the ministry", "a warning from the coast guard")
_NOUN_SOURCE_PREPS = word_set("quotes", "document_agent_preps") - {"of"}
# prepositions whose object a possessed cue noun reports ("the union's support for the strike")
_NOUN_CONTENT_PREPS = word_set("quotes", "noun_content_preps")
# dependents of a cue after its object that complete what the object reports
_OBJECT_COMPLEMENT_DEPS = frozenset({"oprd", "acomp"})
_OBJECT_COMPLEMENT_PREPS = word_set("quotes", "object_complement_preps")
# prepositions after the hearer of a cue that name what the hearer is told of ("accused the board of secrecy")
_ADDRESSEE_COMPLEMENT_PREPS = word_set("quotes", "addressee_complement_preps")
_TRIM_CHARS = " \t\r\n\u00a0,;:—–―-"
# what a reported clause ends before: a semicolon (the writer's next clause); after a comma, an apposition,
# a non-restrictive relative clause or a participle clause ("..., a former governor", "..., who ...",
# "..., arguing that ...": the writer's or the speaker's aside, not what was reported)
_CLAUSE_BREAKS = frozenset({";"})
_ASIDE_DEPS = frozenset({"appos", "relcl", "advcl"})


@dataclass
class Cue:
    head: Token
    tokens: list[Token]
    category: str
    lemma: str
    content: tuple[int, int] | None = None  # token range [start, end) of the content clause
    reported: tuple[int, int] | None = None  # token range of what an object reports ("noted the absence of a plan")
    used: bool = False
    # a prepositional phrase naming the source of the clause it modifies ("according to X")
    source_phrase: bool = False
    # a noun with a content clause and a named source ("the ministry's claim that ...")
    noun: bool = False
    # a cue whose object is the hearer (lexicon ``addressee``): its passive subject is spoken to ("were urged to")
    hearer: bool = False

    @property
    def start(self) -> int:
        return self.tokens[0].idx

    @property
    def end(self) -> int:
        last = self.tokens[-1]
        return last.idx + len(last.text)


def word_count(tokens: list[Token] | Span) -> int:
    return sum(1 for t in tokens if not (t.is_punct or t.is_space))


def char_end(token: Token) -> int:
    return token.idx + len(token.text)


def trimmed(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Character range without surrounding whitespace, commas, colons and dashes."""
    text = doc_text(doc)
    while start < end and text[start] in _TRIM_CHARS:
        start += 1
    while end > start and text[end - 1] in _TRIM_CHARS:
        end -= 1
    return start, end


def token_at(doc: Doc, starts: list[int], char: int) -> int:
    """Index of the token containing character ``char`` (or the one just before it)."""
    return max(0, bisect.bisect_right(starts, char) - 1)


def noun_clause(noun: Token) -> Token | None:
    """What a cue noun reports: a that-clause ("the claim that ...") or an infinitive ("a plan to ..."), not a
    relative clause ("the claim, which he made"); given a possessor, the object of a preposition of
    ``_NOUN_CONTENT_PREPS`` ("the mayor's criticism of the plan")."""
    for child in noun.rights:
        if child.dep_ not in ("acl", "ccomp") or child.pos_ not in ("VERB", "AUX"):
            continue
        deps = {c.dep_: c for c in child.children}
        if "mark" in deps and deps["mark"].lower_ == "that":
            return child
        if "aux" in deps and deps["aux"].lower_ == "to" and "nsubj" not in deps:
            return child
    # with a possessor, what a preposition names: "the mayor's criticism of the plan", "his call for calm"
    if any(c.dep_ == "poss" for c in noun.children):
        for child in noun.rights:
            if child.dep_ == "prep" and child.lower_ in _NOUN_CONTENT_PREPS:
                target = next((c for c in child.children if c.dep_ in ("pobj", "pcomp")), None)
                if target is not None:
                    return target
    return None


def noun_source(noun: Token) -> Token | None:
    """Who a cue noun's content is attributed to: its possessor ("the ministry's claim"), else the object of
    a "by" or "from" phrase ("a claim by the ministry")."""
    for child in noun.children:
        if child.dep_ == "poss":
            return child
    for child in noun.rights:
        if child.dep_ == "prep" and child.lower_ in _NOUN_SOURCE_PREPS:
            source = next((c for c in child.children if c.dep_ == "pobj"), None)
            if source is not None:
                return source
    return None


def cue_tokens(doc: Doc, lexicon: CueLexicon, in_quote: list[int]) -> list[Cue]:
    """Reporting verbs, particle verbs and cue phrases outside quotation marks."""
    cues: list[Cue] = []
    phrase_heads = {words[0]: words for words in lexicon.phrases}
    for token in doc:
        if in_quote[token.i] >= 0 or token.is_space:
            continue
        lower = token.lower_
        if lower in phrase_heads:
            words = phrase_heads[lower]
            span = doc[token.i : token.i + len(words)]
            if len(span) == len(words) and tuple(t.lower_ for t in span) == words:
                cues.append(Cue(token, list(span), lexicon.phrases[words], " ".join(words), source_phrase=True))
                continue
        if token.pos_ == "NOUN" and token.lemma_.lower() in lexicon.nouns:
            clause = noun_clause(token)
            # a that-clause is reported even with nobody named ("the claim that ..."); the rest need a source
            that_clause = clause is not None and any(c.dep_ == "mark" for c in clause.children)
            if clause is not None and (that_clause or noun_source(token) is not None):
                lemma = token.lemma_.lower()
                cues.append(Cue(token, [token], lexicon.nouns[lemma], lemma, noun=True))
            continue
        if not (token.tag_.startswith("VB") or token.pos_ == "VERB") or token.dep_ in ("aux", "auxpass", "amod"):
            continue
        lemma = token.lemma_.lower()
        # the parser makes the particle of "call for" / "speak of" a preposition: either dependent will do, as
        # long as it follows the verb ("the town on which they called" has no cue "call on")
        particle = next((c for c in token.rights if c.dep_ == "prt"), None) or next(
            (c for c in token.rights if c.dep_ == "prep" and (lemma, c.lower_) in lexicon.particle_verbs), None
        )
        if particle is not None and (lemma, particle.lower_) in lexicon.particle_verbs:
            cues.append(
                Cue(token, [token, particle], lexicon.particle_verbs[(lemma, particle.lower_)], f"{lemma} {particle.lower_}",
                    hearer=f"{lemma} {particle.lower_}" in lexicon.addressee)
            )
        elif lemma in lexicon.verbs:
            cues.append(Cue(token, [token], lexicon.verbs[lemma], lemma, hearer=lemma in lexicon.addressee))
        elif lemma in lexicon.predicative and {"dobj", "oprd"} <= {c.dep_ for c in token.rights}:
            cues.append(Cue(token, [token], lexicon.predicative[lemma], lemma))
    return cues


def _is_aside(child: Token, cue_lemmas: frozenset[str]) -> bool:
    """A right dependent set off by a comma that is an aside of the writer or the speaker's next act."""
    doc = child.doc
    before = child.left_edge.i - 1
    if before < 0 or doc[before].text != ",":
        return False
    if child.dep_ == "appos":
        return True
    if child.dep_ == "relcl":
        return any(t.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj") and t.tag_ in ("WP", "WDT") for t in child.children)
    if child.dep_ == "advcl":
        has_subject = any(c.dep_ in ("nsubj", "nsubjpass") for c in child.children)
        return child.tag_ == "VBG" and not has_subject
    return False


def trim_reported(head: Token, start: int, end: int, cue_lemmas: frozenset[str]) -> int:
    """The end of what a clause or an object reports, before a semicolon, an aside after a comma (see
    ``_ASIDE_DEPS``) or a co-ordinated cue verb without a subject of its own ("... and warned against ..."):
    the cue's next act, reported on its own. Looks along the right edge of the clause, head first."""
    doc = head.doc
    # a semicolon ends the report wherever the parser hangs it (it makes the clause after it the head)
    end = next((i for i in range(start + 1, end) if doc[i].text in _CLAUSE_BREAKS), end)
    node: Token | None = head
    while node is not None:
        following: Token | None = None
        for child in node.rights:
            if child.i >= end:
                break
            if _is_aside(child, cue_lemmas):
                return max(start, child.left_edge.i - 1)
            if child.dep_ == "conj" and child.pos_ in ("VERB", "AUX") and child.lemma_.lower() in cue_lemmas \
                    and not any(c.dep_ in ("nsubj", "nsubjpass") for c in child.children):
                left = child.left_edge.i
                while left > start and doc[left - 1].dep_ in ("cc", "punct") and doc[left - 1].head.i in (node.i, child.i):
                    left -= 1
                return max(start, left)
            if not child.is_punct:
                following = child
        node = following
    return end


def content_range(
    cue: Cue, cue_lemmas: frozenset[str] = frozenset(), in_quote: list[int] | None = None
) -> tuple[int, int] | None:
    """Token range of what the cue reports: its clausal complement, or for 'according to X' the clause the
    phrase modifies, less the phrase itself. The complement ends where :func:`trim_reported` says: before a
    semicolon, an aside after a comma, or a co-ordinated cue verb with no subject of its own, the speaker's
    next act ("said the talks had been serious and urged Tehran to ...": the parser hangs "urged" on "been")."""
    head = cue.head
    if cue.noun:
        clause = noun_clause(head)
        if clause is None:
            return None
        start, end = clause.left_edge.i, clause.right_edge.i + 1
        return (start, trim_reported(clause, start, end, cue_lemmas))
    if cue.source_phrase:
        clause = head.head
        if clause.i == head.i:
            return None
        phrase = list(head.subtree)
        p_start, p_end = phrase[0].i, phrase[-1].i + 1
        c_start, c_end = clause.left_edge.i, clause.right_edge.i + 1
        if p_start <= c_start:
            return (p_end, c_end)
        return (c_start, p_start)
    child = _content_clause(head, in_quote)
    if child is None:
        return None
    start, end = child.left_edge.i, child.right_edge.i + 1
    # a complement never includes the cue itself (non-projective parses)
    if start <= head.i < end:
        if child.i > head.i:
            start = head.i + 1
        else:
            end = head.i
    last = child
    if child.i > head.i:
        # the parser splits one reported clause into sibling complements ("said the port has “no ships” and
        # the quay was empty": "was" hangs on "said"): the content runs to the last of them
        for sibling in head.rights:
            if sibling.i > last.i and sibling.dep_ in _CONTENT_DEPS and sibling.left_edge.i <= end + 1:
                last, end = sibling, sibling.right_edge.i + 1
    return (start, trim_reported(last, start, end, cue_lemmas))


def _content_clause(head: Token, in_quote: list[int] | None) -> Token | None:
    """The content clause of a cue: one after the cue before one in front of it, unless that one is a
    quotation ("“We won,” she wrote, “and ...”"): the parser hangs a clause of what comes before the subject
    on the cue ("Writing for a panel that agreed the mayor won, the columnist noted that ...", "Should the
    dam fail, engineers fear that ...")."""
    clauses = [c for c in head.children if c.dep_ in _CONTENT_DEPS]
    if not clauses:
        return None
    first = clauses[0]
    after = next((c for c in clauses if c.i > head.i), None)
    quoted = in_quote is not None and any(in_quote[t.i] >= 0 for t in first.subtree)
    if first.i < head.i and after is not None and not quoted:
        return after
    return first


def object_range(cue: Cue, addressee: frozenset[str], cue_lemmas: frozenset[str] = frozenset()) -> tuple[int, int] | None:
    """Token range of what a cue without a content clause reports through its complement: the object of a
    prepositional particle ("called for an inquiry"), else the direct object or the infinitive ("noted the
    absence of a plan", "agreed to delay the vote"); for a cue whose object is the hearer ("urged the
    council to wait") the hearer and the infinitive, else the hearer with an "of" / "for" phrase ("accused
    the board of secrecy") or alone ("praised the harbour master's patience"; a one-word hearer, "told
    reporters", is too short for content). Ends like a content clause (:func:`trim_reported`)."""
    head = cue.head
    if len(cue.tokens) > 1 and cue.tokens[-1].dep_ == "prep":
        target = next((c for c in cue.tokens[-1].children if c.dep_ in ("pobj", "pcomp")), None)
        if target is None:
            return None
        start = target.left_edge.i
        return (start, trim_reported(target, start, target.right_edge.i + 1, cue_lemmas))
    objects = [c for c in head.rights if c.dep_ in _OBJECT_DEPS]
    infinitive = next((c for c in objects if c.dep_ == "xcomp"), None)
    hearer = cue.lemma in addressee
    if hearer and infinitive is not None:
        start = objects[0].left_edge.i
        return (start, trim_reported(infinitive, start, infinitive.right_edge.i + 1, cue_lemmas))
    if not objects:
        return None
    last = objects[-1]
    if hearer:
        # the hearer with what they are told of ("accused the board of secrecy", "blamed the mayor for the
        # delay"), else the object alone (too short a hearer, "told reporters", is no content)
        told = next((c for c in head.rights if c.i > last.i and c.dep_ == "prep" and c.lower_ in _ADDRESSEE_COMPLEMENT_PREPS
                     and any(g.dep_ in ("pobj", "pcomp") for g in c.children)), None)
        last = told or last
        start = objects[0].left_edge.i
        return (start, trim_reported(last, start, last.right_edge.i + 1, cue_lemmas))
    # the object's complement comes with it: "called the plan a mistake", "cited the closure as an example"
    for child in head.rights:
        if child.i > last.i and (child.dep_ in _OBJECT_COMPLEMENT_DEPS or (
                child.dep_ == "prep" and child.lower_ in _OBJECT_COMPLEMENT_PREPS)):
            last = child
        elif child.i > last.i and not child.is_punct:
            break
    start = objects[0].left_edge.i
    return (start, trim_reported(last, start, last.right_edge.i + 1, cue_lemmas))


def parenthetical_content(cue: Cue, in_quote: list[int], quoted: bool = False) -> list[tuple[int, int]] | None:
    """For a cue inserted into or appended to the clause it reports ("The plan was a bargain, Ms. Ortiz
    said, until ..."): the token ranges of its sentence outside the cue's own clause. A sentence with
    quotation marks only when ``quoted`` ("The port, she said, is “a bargain”": a mixed quote)."""
    head = cue.head
    if head.dep_ != "parataxis" or subject_of(head) is None:
        return None
    sentence = head.sent
    clause = {t.i for t in head.subtree}
    if any(in_quote[t.i] >= 0 for t in sentence) != quoted:
        return None
    ranges: list[tuple[int, int]] = []
    start: int | None = None
    for token in sentence:
        inside = token.i not in clause and not token.is_space
        if inside and start is None:
            start = token.i
        elif not inside and start is not None:
            ranges.append((start, token.i))
            start = None
    if start is not None:
        ranges.append((start, sentence.end))
    ranges = [(a, b) for a, b in ranges if word_count(head.doc[a:b])]
    return ranges or None



def subject_of(verb: Token, in_quote: list[int] | None = None) -> Token | None:
    """The subject of a verb; not the dummy "it" of a passive ("it was said"). Given ``in_quote`` (the
    quotation of each token, -1 outside), a subject inside quotation marks is passed over for one outside,
    nearest the verb first: the parser takes a quoted clause's noun for the subject of "..., the director said"."""
    subjects = [c for c in verb.children if c.dep_ == "nsubj" or (c.dep_ == "nsubjpass" and c.lower_ != "it")]
    if in_quote is None:
        return subjects[0] if subjects else None
    outside = [c for c in subjects if in_quote[c.i] < 0]
    if outside:
        return min(outside, key=lambda c: abs(c.i - verb.i))
    return subjects[0] if subjects and in_quote[verb.i] >= 0 else None


def cue_dict(cue: Cue | None) -> dict[str, Any] | None:
    if cue is None:
        return None
    doc = cue.head.doc
    return {
        "text": doc_text(doc)[cue.start : cue.end],
        "start": cue.start,
        "end": cue.end,
        "lemma": cue.lemma,
        "category": cue.category,
    }

