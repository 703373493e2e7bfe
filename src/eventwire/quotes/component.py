"""eventwire_quotes: who said what. Direct quotes from quotation marks, mixed and indirect speech from the
dependency parse, each with its cue (a reporting verb or phrase from the data file) and its speaker resolved
to an actor of the article.

Output ``doc._.quotes``: schema ``quotes[]`` plus ``id``, ``sentence`` (index into the doc's sentences) and
``cue.lemma`` / ``cue.category`` so that the event coder can code the speech act from the cue.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..nlp.extensions import register_extensions
from ..settings import shipped
from .cues import CueLexicon, load_cues
from .marks import QuotedRegion, find_quoted_regions

# subjects that stand for the noun a relative clause hangs on ("Sherman, who said ...")
_RELATIVE_PRONOUNS = frozenset({"who", "that", "which", "whom"})
# governors through which a subjectless cue inherits its speaker ("..., adding that", "and stressed")
_SPEAKER_CLIMB_DEPS = frozenset({"conj", "advcl", "xcomp"})
# right-hand dependents that belong to a speaker mention ("the leader of the delegation", "Trump and Pence")
_MENTION_RIGHT_DEPS = frozenset({"compound", "flat", "nummod", "cc", "conj"})
# clause dependents of a cue that carry what was said
_CONTENT_DEPS = frozenset({"ccomp"})
_TRIM_CHARS = " \t\r\n,;:—–-"


@dataclass
class Cue:
    head: Token
    tokens: list[Token]
    category: str
    lemma: str
    content: tuple[int, int] | None = None  # token range [start, end) of the content clause
    used: bool = False

    @property
    def start(self) -> int:
        return self.tokens[0].idx

    @property
    def end(self) -> int:
        last = self.tokens[-1]
        return last.idx + len(last.text)


@dataclass
class Block:
    """One quotation: the regions of a quote group (several paragraphs when closing marks are omitted)."""

    regions: list[QuotedRegion]
    token_start: int
    token_end: int
    clause_like: bool
    attributed: bool = False
    speaker: dict[str, Any] | None = None
    sentences: set[int] = field(default_factory=set)

    @property
    def start(self) -> int:
        return self.regions[0].start

    @property
    def end(self) -> int:
        return self.regions[-1].end


class QuotesComponent:
    """Finds quotes and attributions; settings in the ``[quotes]`` table."""

    def __init__(self, settings: dict[str, Any]) -> None:
        lexicon = load_cues(settings["cues"])
        self.lexicon: CueLexicon = lexicon.categories_for(tuple(settings["cue_categories"]))
        self.direct_max_unquoted_words: int = settings["direct_max_unquoted_words"]
        self.direct_min_words: int = settings["direct_min_words"]
        self.indirect_min_words: int = settings["indirect_min_words"]
        self.inherit_max_paragraphs: int = settings["inherit_speaker_max_paragraphs"]
        self.versions: dict[str, str] = {"quotes": lexicon.version}

    # ------------------------------------------------------------------ entry point
    def __call__(self, doc: Doc) -> Doc:
        doc._.quotes = find_quotes(doc, self)
        versions = dict(doc._.versions or {})
        versions.update(self.versions)
        doc._.versions = versions
        return doc


# ---------------------------------------------------------------------------------------------- helpers
def _words(tokens: list[Token] | Span) -> int:
    return sum(1 for t in tokens if not (t.is_punct or t.is_space))


def _char_end(token: Token) -> int:
    return token.idx + len(token.text)


def _trimmed(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Character range without surrounding whitespace, commas, colons and dashes."""
    text = doc.text
    while start < end and text[start] in _TRIM_CHARS:
        start += 1
    while end > start and text[end - 1] in _TRIM_CHARS:
        end -= 1
    return start, end


def _token_at(doc: Doc, starts: list[int], char: int) -> int:
    """Index of the token containing character ``char`` (or the one just before it)."""
    return max(0, bisect.bisect_right(starts, char) - 1)


def _cue_tokens(doc: Doc, lexicon: CueLexicon, in_quote: list[int]) -> list[Cue]:
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
                cues.append(Cue(token, list(span), lexicon.phrases[words], " ".join(words)))
                continue
        if not (token.tag_.startswith("VB") or token.pos_ == "VERB") or token.dep_ in ("aux", "auxpass", "amod"):
            continue
        lemma = token.lemma_.lower()
        particle = next((c for c in token.children if c.dep_ == "prt"), None)
        if particle is not None and (lemma, particle.lower_) in lexicon.particle_verbs:
            cues.append(
                Cue(token, [token, particle], lexicon.particle_verbs[(lemma, particle.lower_)], f"{lemma} {particle.lower_}")
            )
        elif lemma in lexicon.verbs:
            cues.append(Cue(token, [token], lexicon.verbs[lemma], lemma))
    return cues


def _content_range(cue: Cue) -> tuple[int, int] | None:
    """Token range of what the cue reports: its clausal complement, or for 'according to X' the clause the
    phrase modifies, less the phrase itself."""
    head = cue.head
    if len(cue.tokens) > 1 and cue.tokens[0].lower_ == "according":
        clause = head.head
        if clause is head:
            return None
        phrase = list(head.subtree)
        p_start, p_end = phrase[0].i, phrase[-1].i + 1
        c_start, c_end = clause.left_edge.i, clause.right_edge.i + 1
        if p_start <= c_start:
            return (p_end, c_end)
        return (c_start, p_start)
    for child in head.children:
        if child.dep_ in _CONTENT_DEPS:
            start, end = child.left_edge.i, child.right_edge.i + 1
            # a complement never includes the cue itself (non-projective parses)
            if start <= head.i < end:
                if child.i > head.i:
                    start = head.i + 1
                else:
                    end = head.i
            return (start, end)
    return None


def _subject(verb: Token) -> Token | None:
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.lower_ != "it"), None)
    if subject is not None and subject.lower_ in _RELATIVE_PRONOUNS and verb.dep_ == "relcl":
        return verb.head
    return subject


def _speaker_head(cue: Cue, cue_heads: set[int]) -> Token | None:
    """The token the text attributes the speech to: the cue's subject; for a subjectless cue ("...,
    adding that") the speaker of the nearest cue above it, else the subject of the verb it hangs on."""
    head = cue.head
    if cue.tokens[0].lower_ == "according":
        to = cue.tokens[-1]
        return next((c for c in to.children if c.dep_ == "pobj"), None)
    subject = _subject(head)
    if subject is not None:
        return subject
    for ancestor in head.ancestors:
        if ancestor.i in cue_heads:
            found = _subject(ancestor)
            if found is not None:
                return found
    verb = head
    for _ in range(4):
        if verb.dep_ not in _SPEAKER_CLIMB_DEPS or verb.head is verb:
            break
        verb = verb.head
        subject = _subject(verb)
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


def _actor_lookup(doc: Doc, head: Token, start: int, end: int) -> dict[str, Any] | None:
    """The article actor the mention refers to: the actors component's resolver, else an overlapping span."""
    try:
        from ..actors import actor_for_token  # type: ignore[attr-defined]
    except ImportError:
        actor_for_token = None
    if actor_for_token is not None:
        actor = actor_for_token(doc, head)
        if actor:
            return actor
    spans = doc.spans.get("actors") if "actors" in doc.spans else None
    if not spans:
        return None
    actors = {a.get("id"): a for a in (doc._.actors or [])}
    best: Span | None = None
    for span in spans:
        if span.start < end and start < span.end:
            if best is None or (span.start <= head.i < span.end) > (best.start <= head.i < best.end):
                best = span
    if best is None:
        return None
    actor = actors.get(best.kb_id_)
    if actor:
        return actor
    return {"id": best.kb_id_ or None, "name": best.text, "code": best.label_ or None}


def _speaker(doc: Doc, cue: Cue, cue_heads: set[int]) -> dict[str, Any] | None:
    head = _speaker_head(cue, cue_heads)
    if head is None:
        return None
    start, end = _mention_range(head)
    char_start, char_end = doc[start].idx, _char_end(doc[end - 1])
    actor = _actor_lookup(doc, head, start, end)
    if actor:
        return {
            "actor": actor.get("id"),
            "name": actor.get("name"),
            "code": actor.get("code") or None,
            "start": char_start,
            "end": char_end,
        }
    return {"actor": None, "name": doc.text[char_start:char_end], "code": None, "start": char_start, "end": char_end}


def _cue_dict(cue: Cue | None) -> dict[str, Any] | None:
    if cue is None:
        return None
    doc = cue.head.doc
    return {
        "text": doc.text[cue.start : cue.end],
        "start": cue.start,
        "end": cue.end,
        "lemma": cue.lemma,
        "category": cue.category,
    }


# ---------------------------------------------------------------------------------------------- the finder
def find_quotes(doc: Doc, component: QuotesComponent) -> list[dict[str, Any]]:
    """All quotes of ``doc`` in text order."""
    starts = [t.idx for t in doc]
    if not starts:
        return []
    sentence_of = [0] * len(doc)
    for index, s in enumerate(doc.sents):
        for i in range(s.start, s.end):
            sentence_of[i] = index

    # quotation blocks and, for every token, the block it lies in (-1: outside quotation marks)
    groups: dict[int, list[QuotedRegion]] = {}
    for region in find_quoted_regions(doc.text):
        groups.setdefault(region.group, []).append(region)
    in_quote = [-1] * len(doc)
    blocks: list[Block] = []
    for regions in groups.values():
        first = _token_at(doc, starts, regions[0].start)
        last = _token_at(doc, starts, regions[-1].end - 1) + 1
        index = len(blocks)
        tokens: list[Token] = []
        for region in regions:
            lo = _token_at(doc, starts, region.start)
            hi = _token_at(doc, starts, region.end - 1) + 1
            for i in range(lo, hi):
                in_quote[i] = index
                tokens.append(doc[i])
        clause_like = any(t.pos_ in ("VERB", "AUX") for t in tokens) or _words(tokens) >= component.direct_min_words
        block = Block(regions, first, last, clause_like)
        block.sentences = {sentence_of[i] for i in range(first, last)}
        blocks.append(block)

    cues = _cue_tokens(doc, component.lexicon, in_quote)
    for cue in cues:
        cue.content = _content_range(cue)
    cue_heads = {cue.head.i for cue in cues}

    quotes: list[dict[str, Any]] = []

    def emit(kind: str, start: int, end: int, cue: Cue | None, speaker: dict[str, Any] | None) -> None:
        start, end = _trimmed(doc, start, end)
        if end <= start:
            return
        quotes.append(
            {
                "text": doc.text[start:end],
                "start": start,
                "end": end,
                "kind": kind,
                "cue": _cue_dict(cue),
                "speaker": speaker,
                "sentence": sentence_of[_token_at(doc, starts, start)],
            }
        )

    def unquoted_words(start: int, end: int) -> int:
        return _words([t for t in doc[start:end] if in_quote[t.i] < 0])

    # 1. quotations inside a cue's content clause: direct when the clause is all quote, else mixed
    for cue in cues:
        if cue.content is None:
            continue
        c_start, c_end = cue.content
        inside = [b for b in blocks if not b.attributed and b.token_start < c_end and c_start < b.token_end]
        if not inside:
            continue
        speaker = _speaker(doc, cue, cue_heads)
        cue.used = True
        if unquoted_words(c_start, c_end) <= component.direct_max_unquoted_words and all(b.clause_like for b in inside):
            for block in inside:
                block.attributed, block.speaker = True, speaker
                emit("direct", block.start, block.end, cue, speaker)
        else:
            for block in inside:
                block.attributed, block.speaker = True, speaker
            start = min(doc[c_start].idx, inside[0].regions[0].mark_start)
            end = max(_char_end(doc[c_end - 1]), inside[-1].regions[-1].mark_end)
            emit("mixed", start, end, cue, speaker)

    # 2. a speech-like quotation with a cue in its own sentence ("“...,” he said"), nearest cue first
    for block in blocks:
        if block.attributed or not block.clause_like:
            continue
        candidates = [
            c for c in cues if not c.used and sentence_of[c.head.i] in block.sentences and c.content is None
        ]
        if not candidates:
            continue
        cue = min(candidates, key=lambda c: min(abs(c.head.i - block.token_start), abs(c.head.i - block.token_end)))
        cue.used = True
        block.attributed, block.speaker = True, _speaker(doc, cue, cue_heads)
        emit("direct", block.start, block.end, cue, block.speaker)

    # 3. quotations standing alone: a cue ending the sentence before with a colon, the speaker of the
    #    quotation just before, or a cue in the next sentence
    paragraph_of_block = {id(b): b.regions[0].paragraph for b in blocks}
    previous: Block | None = None
    for block in blocks:
        if not block.attributed and block.clause_like:
            cue = None
            speaker = None
            first_sentence = min(block.sentences)
            before = [c for c in cues if not c.used and sentence_of[c.head.i] == first_sentence - 1]
            before_colon = [c for c in before if doc.text[: block.regions[0].mark_start].rstrip().endswith(":")]
            after = [
                c for c in cues if not c.used and c.content is None and sentence_of[c.head.i] == max(block.sentences) + 1
            ]
            if before_colon:
                cue = before_colon[-1]
            elif (
                previous is not None
                and previous.speaker is not None
                and block.regions[0].paragraph - paragraph_of_block[id(previous)] <= component.inherit_max_paragraphs
            ):
                speaker = previous.speaker
            elif after:
                cue = after[0]
            if cue is not None:
                cue.used = True
                speaker = _speaker(doc, cue, cue_heads)
            block.attributed, block.speaker = True, speaker
            emit("direct", block.start, block.end, cue, speaker)
        if block.attributed and block.speaker is not None:
            previous = block

    # 4. indirect speech: a cue with a content clause free of quotation marks
    for cue in cues:
        if cue.used or cue.content is None:
            continue
        c_start, c_end = cue.content
        if _words(doc[c_start:c_end]) < component.indirect_min_words:
            continue
        cue.used = True
        emit("indirect", doc[c_start].idx, _char_end(doc[c_end - 1]), cue, _speaker(doc, cue, cue_heads))

    quotes.sort(key=lambda q: (q["start"], q["end"]))
    for index, quote in enumerate(quotes):
        quote["id"] = f"q{index}"
    return quotes


@Language.factory(
    "eventwire_quotes",
    assigns=["doc._.quotes", "doc._.versions"],
    requires=["doc._.article"],
    default_config={"settings": None},
)
def make_quotes(nlp: Language, name: str, settings: dict[str, Any] | None) -> QuotesComponent:
    register_extensions()
    return QuotesComponent(settings or shipped()["quotes"])
