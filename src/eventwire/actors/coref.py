"""Within-article resolution rules: names to earlier full names, pronouns to people, generic nouns ("the
alliance") to organizations. Rules, not a model: coreferee's English model cannot be installed offline."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc

MALE_PRONOUNS = frozenset({"he", "him", "his", "himself"})
FEMALE_PRONOUNS = frozenset({"she", "her", "hers", "herself"})
PERSON_PRONOUNS = MALE_PRONOUNS | FEMALE_PRONOUNS
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
# words in a title that give a person's gender
MALE_TITLE_WORDS = frozenset({"mr", "mr.", "spokesman", "chairman", "king", "prince", "sir", "father", "son",
                              "brother", "husband", "businessman", "congressman", "lord"})
FEMALE_TITLE_WORDS = frozenset({"mrs", "mrs.", "ms", "ms.", "spokeswoman", "chairwoman", "queen", "princess",
                                "lady", "madam", "mother", "daughter", "sister", "wife", "businesswoman",
                                "congresswoman", "dame"})
# Slavic and Baltic feminine surname endings ("Zakharova", "Matviyenko" is not one)
FEMALE_SURNAME_ENDINGS = ("ova", "eva", "yova", "ina", "skaya", "tskaya", "aite", "ienė")


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
    """For each token: is it inside a quotation (between opening and closing quote marks)?"""
    mask = [False] * len(doc)
    inside = False
    for token in doc:
        text = token.text
        if text in ("\u201c", "\u00ab"):
            inside = True
            continue
        if text in ("\u201d", "\u00bb"):
            inside = False
            continue
        if text == '"' or text == "''" or text == "``":
            inside = not inside
            continue
        mask[token.i] = inside
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
    for mention in mentions:
        if mention.type != "person" or mention.end > pronoun_i or mention.in_quote or mention.cluster < 0:
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
