"""Within-article resolution for the actors component: clusters of mentions by key, person pronouns
(he/she/his/her), group pronouns (it/its/they/their), and national bodies coded from their possessor."""

from __future__ import annotations

import bisect

from spacy.tokens import Doc

from .coref import (
    GROUP_PRONOUNS,
    PERSON_PRONOUNS,
    Mention,
    best_antecedent,
    group_antecedent,
    pronoun_gender,
    quote_mask,
)
from .dictionary import ActorDictionary


def resolve_person_pronouns(doc: Doc, mentions: list[Mention], max_sentences: int) -> tuple[list[bool], list[int]]:
    """Clusters by key, then he/she/his/her to the best person antecedent (:func:`best_antecedent`);
    returns the quote mask and the sentence number of each token, for the group pronouns."""
    in_quote = quote_mask(doc)
    sentence_of = [0] * len(doc)
    first_token: list[int] = []
    for number, sent in enumerate(doc.sents):
        first_token.append(sent.start)
        for i in range(sent.start, sent.end):
            sentence_of[i] = number
    for m in mentions:
        m.in_quote = in_quote[m.start]
    # clusters by key, with later short person names joining earlier full ones ("Peskov")
    clusters: dict[tuple[str, ...], int] = {}
    person_last: dict[str, int] = {}
    cluster_gender: dict[int, str] = {}
    for m in mentions:
        if m.type == "person" and m.kind == "name" and m.key[0] == "name":
            words = doc[m.name_start:m.name_end].text.lower().replace("'s", "").split()
            if words and len(words) == 1 and words[-1] in person_last:
                m.cluster = person_last[words[-1]]
                continue
        if m.key not in clusters:
            clusters[m.key] = len(clusters)
        m.cluster = clusters[m.key]
        if m.type == "person" and m.kind == "name":
            words = doc[m.name_start:m.name_end].text.lower().replace("'s", "").split()
            if words:
                person_last.setdefault(words[-1], m.cluster)
        if m.gender and m.type == "person":
            cluster_gender.setdefault(m.cluster, m.gender)
    # pronouns, in text order, so that a resolved "he" is itself an antecedent later
    covered = set()
    for m in mentions:
        covered.update(range(m.start, m.end))
    ordered = False
    by_start = _starts_in_order(mentions)
    for token in doc:
        if token.lower_ not in PERSON_PRONOUNS or token.i in covered or in_quote[token.i]:
            continue
        reach = _in_reach(mentions, by_start or ordered, first_token, sentence_of, token.i, max_sentences)
        antecedent = best_antecedent(doc, token.i, reach, cluster_gender, max_sentences, sentence_of)
        if antecedent is None:
            continue
        gender = pronoun_gender(token.text)
        cluster_gender.setdefault(antecedent.cluster, gender)
        pronoun = Mention(token.i, token.i + 1, "pronoun", "person", antecedent.code, antecedent.key,
                          cluster=antecedent.cluster, gender=gender)
        ordered = add_in_order(mentions, pronoun, ordered)
    return in_quote, sentence_of


def resolve_group_pronouns(doc: Doc, mentions: list[Mention], in_quote: list[bool], sentence_of: list[int],
                           non_agentive_verbs: frozenset[str], max_sentences: int) -> None:
    """'NATO said it would ...', 'Russian officials said they ...': it/its/they/their to an organisation,
    country or group, where :func:`group_antecedent` is sure."""
    covered: set[int] = set()
    for m in mentions:
        covered.update(range(m.start, m.end))
    ordered = False
    by_start = _starts_in_order(mentions)
    first_token = [sent.start for sent in doc.sents]
    for token in doc:
        if token.lower_ not in GROUP_PRONOUNS or token.i in covered or in_quote[token.i]:
            continue
        reach = _in_reach(mentions, by_start or ordered, first_token, sentence_of, token.i, max_sentences)
        antecedent = group_antecedent(doc, token.i, reach, sentence_of, covered, non_agentive_verbs, max_sentences)
        if antecedent is None:
            continue
        ordered = add_in_order(mentions, Mention(token.i, token.i + 1, "pronoun", antecedent.type, antecedent.code,
                                                  antecedent.key, cluster=antecedent.cluster), ordered)
        covered.add(token.i)


def code_from_possessor(doc: Doc, mentions: list[Mention], book: ActorDictionary) -> None:
    """An agent noun without a country takes its possessor's ("his Security Council" after Putin ->
    RUSGOV, "Russia's troops" -> RUSMIL): a national body, not an international one."""
    by_token: dict[int, Mention] = {}
    for m in mentions:
        for i in range(m.start, m.end):
            if i not in by_token or m.end - m.start < by_token[i].end - by_token[i].start:
                by_token[i] = m
    for m in mentions:
        if m.kind == "pronoun" or not m.code or not m.code.startswith("---"):
            continue
        head = doc[m.start:m.end].root
        for child in head.children:
            owner = by_token.get(child.i) if child.dep_ == "poss" else None
            country = book.country_of(owner.code) if owner is not None and owner is not m else None
            if country:
                m.code = country + m.code[3:]
                break


def _mention_order(m: Mention) -> tuple[int, int]:
    return (m.start, -m.end)


def _start(m: Mention) -> int:
    return m.start


def _starts_in_order(mentions: list[Mention]) -> bool:
    return all(a.start <= b.start for a, b in zip(mentions, mentions[1:], strict=False))


def _in_reach(mentions: list[Mention], by_start: bool, first_token: list[int], sentence_of: list[int],
              pronoun_i: int, max_sentences: int) -> list[Mention]:
    """The mentions a pronoun's antecedent can be among, in list order: those starting before it, at most
    ``max_sentences`` sentences back (both antecedent finders skip every other mention). Found by
    bisection when the list is in order of starts (else all of it): a scan of every mention per pronoun
    made long articles quadratic."""
    if not by_start:
        return mentions
    lo = first_token[max(0, sentence_of[pronoun_i] - max_sentences)]
    return mentions[bisect.bisect_left(mentions, lo, key=_start) : bisect.bisect_left(mentions, pronoun_i, key=_start)]


def add_in_order(mentions: list[Mention], mention: Mention, ordered: bool) -> bool:
    """Append ``mention`` and keep text order: a full sort the first time (the list may come unordered),
    then bisect.insort, which places it after equal keys as the stable sort did; sorting the whole list per
    pronoun made long articles quadratic. Returns True (the list is ordered now)."""
    if ordered:
        bisect.insort(mentions, mention, key=_mention_order)
    else:
        mentions.append(mention)
        mentions.sort(key=_mention_order)
    return True

