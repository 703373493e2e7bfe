"""Within-article resolution rules: names to earlier full names, pronouns to people, generic nouns ("the
alliance") to organizations. Rules, not a model: coreferee's English model cannot be installed offline."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from ..quotes.marks import find_quoted_regions
from ..words import word_set, word_tuple

MALE_PRONOUNS = word_set("actors", "male_pronouns")
FEMALE_PRONOUNS = word_set("actors", "female_pronouns")
PERSON_PRONOUNS = MALE_PRONOUNS | FEMALE_PRONOUNS
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
# words in a title that give a person's gender
MALE_TITLE_WORDS = word_set("actors", "male_title_words")
FEMALE_TITLE_WORDS = word_set("actors", "female_title_words")
# Slavic and Baltic feminine surname endings ("Zakharova", "Matviyenko" is not one)
FEMALE_SURNAME_ENDINGS = word_tuple("actors", "female_surname_endings")


@dataclass
class Mention:
    """A resolved or to-be-resolved mention, in token offsets."""

    start: int
    end: int
    kind: str  # name, nominal, pronoun, metonym
    type: str  # person, organization, country, group
    code: str | None
    key: tuple[str, ...]
    name_start: int = -1  # the name part of a titled name ("Dmitry Peskov" in "Kremlin spokesperson ...")
    name_end: int = -1
    cluster: int = -1
    gender: str = ""
    in_quote: bool = False
    weak_code: bool = False  # the dictionary's undated fallback code; a title may know better
    links: list[int] = field(default_factory=list)  # indices of mentions this one corefers with


def quote_mask(doc: Doc) -> list[bool]:
    """For each token: is it inside a quotation? The quotes component's detector decides
    (:func:`eventwire.quotes.marks.find_quoted_regions`: paragraphs, omitted closing marks, straight marks)."""
    mask = [False] * len(doc)
    regions = find_quoted_regions(doc.text)
    if not regions:
        return mask
    starts = [r.start for r in regions]
    for token in doc:
        at = bisect.bisect_right(starts, token.idx) - 1
        mask[token.i] = at >= 0 and token.idx < regions[at].end
    return mask


def gender_of_name(words: list[str], title_words: list[str], given_names: dict[str, str]) -> str:
    """'male', 'female' or '' from title words, the first given name, a feminine surname ending."""
    lowered = [w.lower() for w in title_words]
    if any(w in MALE_TITLE_WORDS for w in lowered):
        return "male"
    if any(w in FEMALE_TITLE_WORDS for w in lowered):
        return "female"
    if not words:
        return ""
    first = words[0].lower()
    if given_names.get(first):
        return given_names[first]
    if len(words) > 1 and words[-1].lower().endswith(FEMALE_SURNAME_ENDINGS):
        return "female"
    return ""


def pronoun_gender(text: str) -> str:
    lowered = text.lower()
    if lowered in MALE_PRONOUNS:
        return "male"
    if lowered in FEMALE_PRONOUNS:
        return "female"
    return ""


def best_antecedent(doc: Doc, pronoun_i: int, mentions: list[Mention], cluster_gender: dict[int, str],
                    max_sentences: int, sentence_of: list[int]) -> Mention | None:
    """Most recent compatible person, preferring subjects, within ``max_sentences``; mentions inside a
    quotation are never antecedents of a pronoun outside it."""
    gender = pronoun_gender(doc[pronoun_i].text)
    here = sentence_of[pronoun_i]
    best: tuple[int, int, int] | None = None
    chosen: Mention | None = None
    bound = _clause_subjects(doc[pronoun_i])
    for mention in mentions:
        if mention.type != "person" or mention.end > pronoun_i or mention.in_quote or mention.cluster < 0:
            continue
        if any(mention.start <= i < mention.end for i in bound):
            continue
        distance = here - sentence_of[mention.start]
        if distance > max_sentences:
            continue
        known = cluster_gender.get(mention.cluster, "")
        if gender and known and known != gender:
            continue
        root = doc[mention.start:mention.end].root
        subject = 0 if root.dep_ in SUBJECT_DEPS or (root.dep_ == "appos" and root.head.dep_ in SUBJECT_DEPS) else 1
        rank = (distance, subject, -mention.start)
        if best is None or rank < best:
            best, chosen = rank, mention
    return chosen


# an object pronoun's own verb: "X called Y and urged him" is Y, never X (a pronoun object is not its clause's
# subject; that would be "himself")
OBJECT_DEPS = frozenset({"dobj", "dative", "iobj"})
INHERITING_DEPS = frozenset({"conj", "xcomp", "advcl"})


def _clause_subjects(pronoun: Token) -> list[int]:
    """The subject tokens of the clause whose object ``pronoun`` is, including a subject its verb takes from
    the verb it is coordinated with or depends on ("called Y on Monday and urged him"); none for other pronouns."""
    if pronoun.dep_ not in OBJECT_DEPS or pronoun.tag_ != "PRP":
        return []
    verb = pronoun.head
    for _ in range(3):
        subjects = [c.i for c in verb.children if c.dep_ in SUBJECT_DEPS]
        if subjects or verb.dep_ not in INHERITING_DEPS or verb.head.i == verb.i:
            return subjects
        verb = verb.head
    return []


# "it"/"its" and "they"/"their" for organisations, countries and groups: only as a clause's subject or a
# possessor, only when one candidate is in reach (precision first: "it" is mostly a thing, "they" people)
SINGULAR_GROUP_PRONOUNS = word_set("actors", "singular_group_pronouns")
PLURAL_GROUP_PRONOUNS = word_set("actors", "plural_group_pronouns")
GROUP_PRONOUNS = SINGULAR_GROUP_PRONOUNS | PLURAL_GROUP_PRONOUNS
GROUP_PRONOUN_DEPS = frozenset({"nsubj", "poss"})
GROUP_TYPES = frozenset({"organization", "country", "group"})
SINGULAR_NOUN_TAGS = frozenset({"NN", "NNP"})
PLURAL_NOUN_TAGS = frozenset({"NNS", "NNPS"})
ARGUMENT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "appos", "attr"})


def group_antecedent(doc: Doc, pronoun_i: int, mentions: list[Mention], sentence_of: list[int],
                     covered: set[int], non_agentive_verbs: frozenset[str], max_sentences: int) -> Mention | None:
    """The organisation/country/group an "it"/"they" (subject) or "its"/"their" (possessor) stands for: the
    nearest such mention that is a subject within ``max_sentences``, when no other noun of the same number
    stands between them as an argument (a thing or person it could be instead); None when unsure."""
    token = doc[pronoun_i]
    lowered = token.lower_
    plural = lowered in PLURAL_GROUP_PRONOUNS
    if token.dep_ not in GROUP_PRONOUN_DEPS:
        return None
    if token.dep_ == "nsubj" and (token.head.lemma_.lower() in non_agentive_verbs or token.head.pos_ != "VERB"):
        return None  # "it is likely", "it seems": no actor
    if lowered == "it" and any(c.dep_ in ("ccomp", "xcomp") and c.i > token.head.i for c in token.head.children) \
            and token.head.lemma_.lower() in non_agentive_verbs:
        return None
    here = sentence_of[pronoun_i]
    candidates = [m for m in mentions if m.end <= pronoun_i and m.kind != "pronoun" and not m.in_quote
                  and here - sentence_of[m.start] <= max_sentences]
    if not candidates:
        return None
    nearest = max(candidates, key=lambda m: (m.end, -m.start))
    if nearest.type not in GROUP_TYPES:
        return None  # a person (or nothing coded) is nearer: "it"/"they" may well be about them
    root = doc[nearest.start:nearest.end].root
    if root.dep_ not in ("nsubj", "nsubjpass") and not (root.dep_ == "conj" and root.head.dep_ == "nsubj"):
        return None
    head_tag = doc[nearest.end - 1].tag_
    is_plural = head_tag in PLURAL_NOUN_TAGS or root.dep_ == "conj" or nearest.type == "group"
    if plural != is_plural:
        return None
    wanted_tags = PLURAL_NOUN_TAGS if plural else SINGULAR_NOUN_TAGS
    for between in doc[nearest.end:pronoun_i]:
        if between.i in covered or between.tag_ not in wanted_tags or between.dep_ not in ARGUMENT_DEPS:
            continue
        return None  # "NATO rejected the plan. It ...": the plan is as near a reading
    return nearest
