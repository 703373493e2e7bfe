"""Speakers: the mention a cue attributes its content to, resolved to an article actor through the actors
component's lookup (:func:`eventwire.actors.actor_for_token`)."""

from __future__ import annotations

import bisect
from typing import Any

from spacy.tokens import Doc, Token

from ..actors import actor_for_token
from ..nlp.text import doc_text
from ..records import Actor
from ..words import word_map, word_set
from .clauses import Cue, char_end, noun_source, subject_of, trimmed

# subjects that stand for the noun a relative clause hangs on ("Sherman, who said ...")
_RELATIVE_PRONOUNS = word_set("quotes", "relative_pronouns")
# governors through which a subjectless cue inherits its speaker ("..., adding that", "and stressed")
_SPEAKER_CLIMB_DEPS = frozenset({"conj", "advcl", "xcomp"})
# right-hand dependents that belong to a speaker mention ("the leader of the delegation", "Trump and Pence")
# subject pronouns of a person speaking, and the gender every personal pronoun form shows
_SPEAKER_PRONOUNS = word_set("quotes", "speaker_pronouns")
_PRONOUN_GENDER: dict[str, str] = word_map("quotes", "pronoun_gender")
# what "says" without speaking ("a statement said", "according to a report"): the speaker is who stands behind it
_DOCUMENT_NOUNS = word_set("quotes", "document_nouns")
# prepositions that name the author of such a document ("a statement from the ministry", "a report by ...")
_DOCUMENT_AGENT_PREPS = word_set("quotes", "document_agent_preps")
_MENTION_RIGHT_DEPS = frozenset({"compound", "flat", "nummod", "cc", "conj"})


def _antecedent(subject: Token) -> Token:
    """The noun a relative pronoun stands for ("Sherman, who said ..." -> Sherman), else the token itself."""
    if subject.lower_ in _RELATIVE_PRONOUNS and subject.head.dep_ == "relcl":
        return subject.head.head
    return subject


def _speaker_head(cue: Cue, cue_heads: set[int], in_quote: list[int]) -> Token | None:
    """The token the text attributes the speech to: the cue's subject; for a subjectless cue ("...,
    adding that") the speaker of the nearest cue above it, else the subject of the verb it hangs on."""
    head = cue.head
    if cue.noun:
        return noun_source(head)
    if cue.source_phrase:
        to = cue.tokens[-1]
        return next((c for c in to.children if c.dep_ == "pobj"), None)
    subject = subject_of(head, in_quote)
    if subject is not None and cue.hearer and subject.dep_ == "nsubjpass":
        # "residents were urged to stay indoors": the passive subject is spoken to; the speaker is the agent
        return next((g for c in head.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"), None)
    if subject is not None:
        return subject
    if head.dep_ == "acl" and head.head.pos_ in ("NOUN", "PROPN", "PRON"):
        # "a statement saying that ...", "officials telling reporters ...": the noun speaks
        return head.head
    for ancestor in head.ancestors:
        if ancestor.i in cue_heads:
            found = subject_of(ancestor, in_quote)
            if found is not None:
                return found
    verb = head
    for _ in range(4):
        if verb.head.i == verb.i:
            break
        if verb.dep_ == "pcomp" and verb.head.dep_ == "prep" and verb.head.head.i != verb.head.i:
            # a gerund after a preposition ("began by saying", "after saying ...") has the speaker of the
            # verb the preposition hangs on
            verb = verb.head.head
        elif verb.dep_ in _SPEAKER_CLIMB_DEPS:
            governor = verb.head
            hearer = next((c for c in governor.children if c.dep_ == "dobj" and c.i < verb.i), None)
            if verb.dep_ == "xcomp" and hearer is not None:
                # object control: in "led the panel to warn" / "urged her to say" the object speaks
                return hearer
            verb = governor
        else:
            break
        subject = subject_of(verb, in_quote)
        if subject is not None:
            return subject
    return None


def _mention_range(head: Token) -> tuple[int, int]:
    """Token range of the speaker mention around its head: left modifiers, compounds, 'of' phrases."""
    start = head.left_edge.i
    # a leading quotation mark or punctuation is no part of the mention
    while start < head.i and (head.doc[start].is_punct or head.doc[start].is_space):
        start += 1
    end = head.i + 1
    for child in head.rights:
        if child.dep_ in _MENTION_RIGHT_DEPS or (child.dep_ == "prep" and child.lower_ == "of"):
            if child.left_edge.i <= end:
                end = max(end, child.right_edge.i + 1)
        else:
            break
    return start, end


def _actor_lookup(doc: Doc, head: Token, start: int, end: int) -> Actor | None:
    """The article actor the mention refers to, through the actors component's one lookup: the head's actor,
    else that of the mention's other words, nearest the head first ("a spokesman for the ministry")."""
    actor = actor_for_token(doc, head)
    if actor is not None:
        return actor
    for i in sorted(range(start, end), key=lambda i: abs(i - head.i)):
        if i != head.i:
            actor = actor_for_token(doc, doc[i])
            if actor is not None:
                return actor
    return None


def _behind_document(noun: Token, in_quote: list[int]) -> Token | None:
    """Who stands behind a statement, report or recording that "says" something: the agent of "a statement
    from the ministry" / "a report by the audit office", else the subject of the verb that put it out ("the
    union issued a statement saying ..."); None when the text names nobody (the possessor of "the ministry's
    statement" is already part of the mention)."""
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ in _DOCUMENT_AGENT_PREPS:
            agent = next((c for c in child.children if c.dep_ == "pobj"), None)
            if agent is not None and agent.lemma_.lower() not in _DOCUMENT_NOUNS and agent.pos_ in ("PROPN", "NOUN"):
                return agent
    if noun.dep_ in ("dobj", "pobj"):
        verb = noun.head.head if noun.dep_ == "pobj" else noun.head
        if verb.pos_ in ("VERB", "AUX"):
            return subject_of(verb, in_quote)
    return None


def document_author(noun: Token) -> Token | None:
    """Who a document ("a statement", "a report", "a resolution") comes from, for other components: its
    possessor ("the ministry's statement"), its "from"/"by" phrase, or the subject of the verb that put it out
    ("the union issued a statement ..."); None for other nouns or when the text names nobody."""
    if noun.lemma_.lower() not in _DOCUMENT_NOUNS:
        return None
    owner = next((c for c in noun.children if c.dep_ == "poss"), None)
    return owner if owner is not None else _behind_document(noun, [-1] * len(noun.doc))


def speaker_for(doc: Doc, cue: Cue, cue_heads: set[int], in_quote: list[int]) -> dict[str, Any] | None:
    """The speaker of a cue: the mention (``start``/``end``) and its article actor, if any."""
    head = _speaker_head(cue, cue_heads, in_quote)
    if head is None:
        return None
    if head.lemma_.lower() in _DOCUMENT_NOUNS and not any(c.dep_ == "poss" for c in head.children):
        head = _behind_document(head, in_quote) or head
    referent = _antecedent(head)
    r_start, r_end = _mention_range(referent)
    actor = _actor_lookup(doc, referent, r_start, r_end)
    # the text attributes the speech to "who" when a relative clause speaks; the actor is its noun
    start, end = (head.i, head.i + 1) if referent.i != head.i else (r_start, r_end)
    char_start, char_stop = doc[start].idx, char_end(doc[end - 1])
    if actor:
        return {
            "actor": actor.get("id"),
            "name": actor.get("name"),
            "code": actor.get("code") or None,
            "start": char_start,
            "end": char_stop,
        }
    name = doc_text(doc)[doc[r_start].idx : char_end(doc[r_end - 1])]
    return {"actor": None, "name": name, "code": None, "start": char_start, "end": char_stop}


def speaker_from_chars(doc: Doc, start: int, end: int) -> dict[str, Any] | None:
    """A speaker named by a stretch of text outside the parse's subjects (a "― Name" signature line, a
    transcript's "NAME:" prefix)."""
    start, end = trimmed(doc, start, end)
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    head = span.root
    actor = _actor_lookup(doc, head, span.start, span.end)
    if actor:
        return {"actor": actor.get("id"), "name": actor.get("name"), "code": actor.get("code") or None, "start": start, "end": end}
    return {"actor": None, "name": doc_text(doc)[start:end], "code": None, "start": start, "end": end}



def _paragraph_of(starts: list[int], char: int) -> int:
    return max(0, bisect.bisect_right(starts, char) - 1)


def repoint_pronoun_speakers(
    doc: Doc, quotes: list[dict[str, Any]], paragraph_spans: list[tuple[int, int]], max_paragraphs: int
) -> None:
    """A "he" or "she" speaking in a new paragraph is the last speaker, not the last name seen: news goes on
    with the speaker after a paragraph break ("“...,” Berg said. The mayor met him ...\n\n“...,” he said").
    The actors component resolves the pronoun to the nearest fitting name; the speaker is moved to the
    previous quote's person when that person is no more than ``max_paragraphs`` back, the pronoun's own
    paragraph names its actor nowhere before it, and no pronoun of the other gender refers to the person."""
    actors = {actor.id: actor for actor in doc._.actors or []}
    text = doc_text(doc)
    last: tuple[Actor, int] | None = None  # the last quote's person speaker and its paragraph
    paragraph_starts = [start for start, _ in paragraph_spans]  # once, not per quote
    for quote in quotes:
        speaker = quote.get("speaker")
        if not speaker or not speaker.get("actor"):
            continue
        actor = actors.get(speaker["actor"])
        paragraph = _paragraph_of(paragraph_starts, speaker["start"])
        mention = text[speaker["start"] : speaker["end"]].lower()
        if actor is not None and last is not None and mention in _SPEAKER_PRONOUNS and last[0].id != actor.id:
            previous, previous_paragraph = last
            para_start = paragraph_spans[paragraph][0] if paragraph_spans else 0
            named_here = any(
                m.kind != "pronoun" and para_start <= m.start < speaker["start"] for m in actor.mentions
            )
            gender = _PRONOUN_GENDER.get(mention)
            other_pronoun = any(
                m.kind == "pronoun" and _PRONOUN_GENDER.get(m.text.lower(), gender) != gender for m in previous.mentions
            )
            if 0 < paragraph - previous_paragraph <= max_paragraphs and not named_here and not other_pronoun:
                speaker.update(actor=previous.id, name=previous.name, code=previous.code or None)
                actor = previous
        if actor is not None and actor.type == "person":
            last = (actor, paragraph)
