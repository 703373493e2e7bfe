"""eventwire_quotes: who said what. Direct quotes from quotation marks, mixed and indirect speech from the
dependency parse, each with its cue (a reporting verb or phrase from the data file) and its speaker resolved
to an actor of the article.

Output ``doc._.quotes``: schema ``quotes[]`` (text, start, end, kind, cue {text, start, end}, speaker {actor,
name, code, start, end}) plus optional fields: ``id`` ("q0", "q1", ... in text order), ``sentence`` (index
into the record's sentences), ``parts`` (the content fragments when a quotation is interrupted by its cue:
"“A,” he said. “B.”"), ``cue.lemma`` / ``cue.category`` (speech, finding, cognition from the cue file;
"quoting" for any other verb whose object holds a quoted phrase; lemmas "signature" and "transcript" for
cues that come from layout) and ``event`` (id of the speech event the event coder made of it).

Order of the rules (each quotation is attributed once, first rule wins): signature lines and transcript
turns; quotations inside a cue's content clause (direct when the clause is all quotation, else mixed);
quotations with a cue in their own sentence; phrases quoted in what a subject did ("called him a “liar”");
quotations standing alone (colon cue before, the previous speaker's quote going on, a cue after); then
indirect speech from the remaining cues' content clauses.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..nlp.extensions import register_extensions
from ..nlp.text import doc_text
from ..records import Quote, as_record
from ..settings import component_settings
from ..words import word_set
from .cues import CueLexicon, load_cues
from .marks import QuotedRegion, find_quoted_regions, paragraphs

# subjects that stand for the noun a relative clause hangs on ("Sherman, who said ...")
_RELATIVE_PRONOUNS = word_set("quotes", "relative_pronouns")
# governors through which a subjectless cue inherits its speaker ("..., adding that", "and stressed")
_SPEAKER_CLIMB_DEPS = frozenset({"conj", "advcl", "xcomp"})
# right-hand dependents that belong to a speaker mention ("the leader of the delegation", "Trump and Pence")
_MENTION_RIGHT_DEPS = frozenset({"compound", "flat", "nummod", "cc", "conj"})
# clause dependents of a cue that carry what was said
_CONTENT_DEPS = frozenset({"ccomp"})
# cues read from the layout, not from a verb: no speech act to code
_LAYOUT_CUES = frozenset({"signature", "transcript"})
_TRIM_CHARS = " \t\r\n\u00a0,;:—–―-"
# dependencies by which a quotation is a clause of its sentence (not a name or a phrase in a clause)
_CLAUSE_DEPS = frozenset({"ROOT", "ccomp", "parataxis", "advcl", "conj", "dep", "xcomp", "csubj"})
# "“...” ― Name" closing a line: a signature (social media quotes, readers' comments)
_SIGNATURE = re.compile(r"[^\S\n]*([―—–]|--?)[^\S\n]*([^\s―—–\-][^\n]*?)(?:[^\S\n]|\.)*$", re.MULTILINE)
# "WALLACE: ..." opening a quoted transcript paragraph
_TRANSCRIPT = re.compile(r"([A-Z][A-Z.'\- ]{1,40}[A-Z.]):\s+")


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
    titled: bool = False
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
        self.signature_max_words: int = settings["signature_max_words"]
        self.versions: dict[str, str] = {"quotes": lexicon.version}
        self.code_events: bool = settings["code_events"]

    # ------------------------------------------------------------------ entry point
    def __call__(self, doc: Doc) -> Doc:
        quotes = find_quotes(doc, self)
        if self.code_events:
            _code_speech_events(doc, quotes)
        doc._.quotes = [as_record(quote, Quote) for quote in quotes]
        versions = dict(doc._.versions or {})
        versions.update(self.versions)
        doc._.versions = versions
        return doc


# ---------------------------------------------------------------------------------------------- events
def _code_speech_events(doc: Doc, quotes: list[dict[str, Any]]) -> None:
    """Each quote whose cue the verb dictionary codes (a statement, a warning, a demand...) becomes an event
    through the event coder (:func:`eventwire.events.code_speech_event`), never through rules of our own.
    The event goes into ``doc._.events`` (the events component keeps it and drops its own duplicate) and
    its id into ``quote["event"]``."""
    try:
        from ..events import code_speech_event
    except ImportError:  # an installation without the events package: quotes stay quotes
        return
    events = list(doc._.events or [])
    known = {event["id"] for event in events}
    for quote in quotes:
        cue, speaker = quote.get("cue"), quote.get("speaker")
        if not cue or not speaker or not speaker.get("actor") or cue.get("lemma") in _LAYOUT_CUES:
            continue
        span = doc.char_span(cue["start"], cue["end"], alignment_mode="expand")
        if span is None:
            continue
        known_actor = next((a for a in doc._.actors or [] if a.id == speaker["actor"]), None)
        actor = ({"id": known_actor.id, "name": known_actor.name, "code": known_actor.code} if known_actor
                 else {"id": speaker["actor"], "name": speaker["name"], "code": speaker["code"]})
        actor.update(start=speaker["start"], end=speaker["end"])
        event = code_speech_event(doc, span[0], actor)
        if event is None:
            continue
        quote["event"] = event["id"]
        if event["id"] not in known:
            known.add(event["id"])
            events.append(event)
    doc._.events = events


# ---------------------------------------------------------------------------------------------- helpers
def _words(tokens: list[Token] | Span) -> int:
    return sum(1 for t in tokens if not (t.is_punct or t.is_space))


def _char_end(token: Token) -> int:
    return token.idx + len(token.text)


def _trimmed(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Character range without surrounding whitespace, commas, colons and dashes."""
    text = doc_text(doc)
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


def _content_range(cue: Cue, cue_lemmas: frozenset[str] = frozenset()) -> tuple[int, int] | None:
    """Token range of what the cue reports: its clausal complement, or for 'according to X' the clause the
    phrase modifies, less the phrase itself. The complement stops before a co-ordinated cue verb with no
    subject or reported clause of its own but an object, in the cue's simple past while the reported clause has
    an auxiliary: the speaker's next act, not reported content ("said the talks had been serious and urged
    Tehran to ...": the parser hangs "urged" on "been")."""
    head = cue.head
    if len(cue.tokens) > 1 and cue.tokens[0].lower_ == "according":
        clause = head.head
        if clause.i == head.i:
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
            for conj in child.children:
                if conj.dep_ == "conj" and conj.i > child.i and conj.pos_ in {"VERB", "AUX"} \
                        and conj.lemma_.lower() in cue_lemmas \
                        and not any(c.dep_ in {"nsubj", "nsubjpass", "ccomp"} for c in conj.children) \
                        and any(c.dep_ in {"dobj", "xcomp"} for c in conj.children) \
                        and not any(t.is_quote for t in conj.subtree) \
                        and conj.tag_ == head.tag_ == "VBD" and not any(c.dep_ == "aux" for c in conj.children) \
                        and any(c.dep_ in {"aux", "auxpass"} for c in child.children):
                    left = conj.left_edge.i
                    # leave out the conjunction (and punctuation) before the co-ordinated verb
                    while left > start and conj.doc[left - 1].dep_ in {"cc", "punct"} and conj.doc[left - 1].head.i in {child.i, conj.i}:
                        left -= 1
                    end = min(end, left)
                    break
            return (start, end)
    return None


def _parenthetical_content(cue: Cue, in_quote: list[int]) -> list[tuple[int, int]] | None:
    """For a cue inserted into or appended to the clause it reports ("Lenox was a juggernaut, Mr. Clarke
    said, until ..."): the token ranges of its sentence outside the cue's own clause."""
    head = cue.head
    if head.dep_ != "parataxis" or _subject(head) is None:
        return None
    sentence = head.sent
    clause = {t.i for t in head.subtree}
    if any(in_quote[t.i] >= 0 for t in sentence):
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
    ranges = [(a, b) for a, b in ranges if _words(head.doc[a:b])]
    return ranges or None


def _governing_verb(doc: Doc, block: Block, in_quote: list[int]) -> Token | None:
    """The nearest verb with a subject that governs the quotation from its left, outside quotation marks."""
    index = in_quote[block.token_start]
    root = next((doc[i] for i in range(block.token_start, block.token_end) if in_quote[doc[i].head.i] != index), None)
    if root is None:
        return None
    token = root
    while token.head.i != token.i:
        token = token.head
        if in_quote[token.i] >= 0:
            return None
        if token.pos_ == "VERB" and token.i < block.token_start:
            return token if _subject(token) is not None else None
    return None


def _subject(verb: Token) -> Token | None:
    """The subject of a verb; not the dummy "it" of a passive ("it was said")."""
    return next(
        (c for c in verb.children if c.dep_ == "nsubj" or (c.dep_ == "nsubjpass" and c.lower_ != "it")), None
    )


def _antecedent(subject: Token) -> Token:
    """The noun a relative pronoun stands for ("Sherman, who said ..." -> Sherman), else the token itself."""
    if subject.lower_ in _RELATIVE_PRONOUNS and subject.head.dep_ == "relcl":
        return subject.head.head
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
    if head.dep_ == "acl" and head.head.pos_ in ("NOUN", "PROPN", "PRON"):
        # "a statement saying that ...", "officials telling reporters ...": the noun speaks
        return head.head
    for ancestor in head.ancestors:
        if ancestor.i in cue_heads:
            found = _subject(ancestor)
            if found is not None:
                return found
    verb = head
    for _ in range(4):
        if verb.dep_ not in _SPEAKER_CLIMB_DEPS or verb.head.i == verb.i:
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


# the actors and mention spans of the last Doc asked about: rebuilt per quote, they made long articles quadratic
_ACTOR_CACHE: dict[str, Any] = {"key": None}


def _actor_spans(doc: Doc, spans: Any, start: int, end: int) -> tuple[dict[str, Any], list[Span]]:
    """The actors by id, and the mention spans that can overlap tokens ``start:end``, in their own order."""
    actors_list = doc._.actors or []
    key = (doc, id(spans), len(spans), id(actors_list), len(actors_list))
    if _ACTOR_CACHE["key"] != key:
        listed = list(spans)
        order = sorted(range(len(listed)), key=lambda i: listed[i].start)
        _ACTOR_CACHE.update(key=key, actors={a.id: a for a in actors_list}, spans=listed, order=order,
                            starts=[listed[i].start for i in order], longest=max((len(x) for x in listed), default=0))
    cache = _ACTOR_CACHE
    # a span overlapping start:end begins before end and at most its own length before start
    first = bisect.bisect_left(cache["starts"], start - cache["longest"])
    last = bisect.bisect_left(cache["starts"], end)
    return cache["actors"], [cache["spans"][i] for i in sorted(cache["order"][first:last])]


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
    actors, overlapping = _actor_spans(doc, spans, start, end)
    best: Span | None = None
    for span in overlapping:
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
    referent = _antecedent(head)
    r_start, r_end = _mention_range(referent)
    actor = _actor_lookup(doc, referent, r_start, r_end)
    # the text attributes the speech to "who" when a relative clause speaks; the actor is its noun
    start, end = (head.i, head.i + 1) if referent.i != head.i else (r_start, r_end)
    char_start, char_end = doc[start].idx, _char_end(doc[end - 1])
    if actor:
        return {
            "actor": actor.get("id"),
            "name": actor.get("name"),
            "code": actor.get("code") or None,
            "start": char_start,
            "end": char_end,
        }
    name = doc_text(doc)[doc[r_start].idx : _char_end(doc[r_end - 1])]
    return {"actor": None, "name": name, "code": None, "start": char_start, "end": char_end}


def _cue_dict(cue: Cue | None) -> dict[str, Any] | None:
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


# ---------------------------------------------------------------------------------------------- the finder
def _speaker_from_chars(doc: Doc, start: int, end: int) -> dict[str, Any] | None:
    """A speaker named by a stretch of text outside the parse's subjects (a "― Name" signature line, a
    transcript's "NAME:" prefix)."""
    start, end = _trimmed(doc, start, end)
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    head = span.root
    actor = _actor_lookup(doc, head, span.start, span.end)
    if actor:
        return {"actor": actor.get("id"), "name": actor.get("name"), "code": actor.get("code") or None, "start": start, "end": end}
    return {"actor": None, "name": doc_text(doc)[start:end], "code": None, "start": start, "end": end}


def _parts(doc: Doc, regions: list[QuotedRegion]) -> list[dict[str, int]]:
    """The content fragments of a quotation, trimmed like the quote itself."""
    parts = []
    for region in regions:
        start, end = _trimmed(doc, region.start, region.end)
        if end > start:
            parts.append({"start": start, "end": end})
    return parts


def _opens_sentence(doc: Doc, block: Block, paragraph_start: int) -> bool:
    """The quotation starts its paragraph or a new sentence (not a phrase quoted inside a sentence)."""
    before = doc_text(doc)[paragraph_start : block.regions[0].mark_start].rstrip()
    return not before or before[-1] in ".!?:;)—―–"


def find_quotes(doc: Doc, component: QuotesComponent) -> list[dict[str, Any]]:
    """All quotes of ``doc`` in text order."""
    starts = [t.idx for t in doc]
    if not starts:
        return []
    sentence_of = [0] * len(doc)
    for index, s in enumerate(doc.sents):
        for i in range(s.start, s.end):
            sentence_of[i] = index
    paragraph_spans = paragraphs(doc_text(doc))

    # quotation blocks and, for every token, the block it lies in (-1: outside quotation marks)
    groups: dict[tuple[int, int], list[QuotedRegion]] = {}
    for region in find_quoted_regions(doc_text(doc)):
        # a transcript turn ("PENCE: ...") opens a new quotation even where the marks run on
        turn = region.start if _TRANSCRIPT.match(doc_text(doc), region.start, region.end) else -1
        key = (region.group, turn)
        if turn < 0:
            key = next((k for k in reversed(groups) if k[0] == region.group), key)
        groups.setdefault(key, []).append(region)
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
        words = doc_text(doc)[regions[0].start : regions[-1].end].split()
        has_verb = any(t.pos_ in ("VERB", "AUX") for t in tokens)
        # a title ("Fox News Sunday") or a scare-quoted phrase is no speech
        titled = all(w[:1].isupper() or not w[:1].isalpha() for w in words)
        clause_like = (has_verb and not (titled and len(words) < component.direct_min_words)) or (
            len(words) >= component.direct_min_words and not titled
        )
        block = Block(regions, first, last, clause_like, titled)
        block.sentences = {sentence_of[i] for i in range(first, last)}
        blocks.append(block)

    cues = _cue_tokens(doc, component.lexicon, in_quote)
    for cue in cues:
        cue.content = _content_range(cue, frozenset(component.lexicon.verbs))
    cue_heads = {cue.head.i for cue in cues}

    quotes: list[dict[str, Any]] = []
    quote_of_block: dict[int, dict[str, Any]] = {}

    def emit(
        kind: str, start: int, end: int, cue: Cue | dict[str, Any] | None, speaker: dict[str, Any] | None
    ) -> dict[str, Any] | None:
        start, end = _trimmed(doc, start, end)
        if end <= start:
            return None
        quote = {
            "text": doc_text(doc)[start:end],
            "start": start,
            "end": end,
            "kind": kind,
            "cue": cue if isinstance(cue, dict) or cue is None else _cue_dict(cue),
            "speaker": speaker,
            "sentence": sentence_of[_token_at(doc, starts, start)],
        }
        quotes.append(quote)
        return quote

    def emit_block(block: Block, cue: Cue | dict[str, Any] | None, speaker: dict[str, Any] | None) -> None:
        block.attributed, block.speaker = True, speaker
        quote = emit("direct", block.start, block.end, cue, speaker)
        if quote is not None:
            quote["parts"] = _parts(doc, block.regions)
            quote_of_block[id(block)] = quote

    def register_mixed(quote: dict[str, Any] | None, quoted: list[Block]) -> None:
        """A mixed quote's blocks point to it, so that the speaker's next quotation can join it."""
        if quote is None:
            return
        quote["parts"] = [{"start": quote["start"], "end": quote["end"]}]
        for block in quoted:
            quote_of_block[id(block)] = quote

    def unquoted_words(start: int, end: int) -> int:
        return _words([t for t in doc[start:end] if in_quote[t.i] < 0])

    def paragraph_start(block: Block) -> int:
        return paragraph_spans[block.regions[0].paragraph][0]

    # 0. signatures and transcripts: “...” ― Name; "NAME: ..."
    for block in blocks:
        last = block.regions[-1]
        line_end = doc_text(doc).find("\n", last.mark_end)
        line_end = len(doc_text(doc)) if line_end < 0 else line_end
        signature = _SIGNATURE.match(doc_text(doc), last.mark_end, line_end)
        if signature and len(signature.group(2).split()) <= component.signature_max_words:
            dash_start = signature.start(1)
            cue_dict = {"text": signature.group(1), "start": dash_start, "end": signature.end(1), "lemma": "signature", "category": "speech"}
            emit_block(block, cue_dict, _speaker_from_chars(doc, signature.start(2), signature.end(2)))
            continue
        first = block.regions[0]
        speaker_prefix = _TRANSCRIPT.match(doc_text(doc), first.start, first.end)
        if speaker_prefix:
            colon = speaker_prefix.end(1)
            cue_dict = {"text": ":", "start": colon, "end": colon + 1, "lemma": "transcript", "category": "speech"}
            block.attributed = True
            block.speaker = _speaker_from_chars(doc, speaker_prefix.start(1), speaker_prefix.end(1))
            quote = emit("direct", speaker_prefix.end(), block.end, cue_dict, block.speaker)
            if quote is not None:
                quote["parts"] = [{"start": quote["start"], "end": quote["end"]}]
                quote_of_block[id(block)] = quote

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
                emit_block(block, cue, speaker)
        else:
            for block in inside:
                block.attributed, block.speaker = True, speaker
            start = min(doc[c_start].idx, inside[0].regions[0].mark_start)
            end = max(_char_end(doc[c_end - 1]), inside[-1].regions[-1].mark_end)
            register_mixed(emit("mixed", start, end, cue, speaker), inside)

    # 2. a speech-like quotation with a cue in its own sentence ("“...,” he said"), nearest cue first
    for block in blocks:
        if block.attributed or not block.clause_like:
            continue
        root_deps = {doc[i].dep_ for i in range(block.token_start, block.token_end) if in_quote[doc[i].head.i] != in_quote[i]}
        if not (_opens_sentence(doc, block, paragraph_start(block)) or root_deps & _CLAUSE_DEPS):
            continue
        candidates = [
            c for c in cues if not c.used and sentence_of[c.head.i] in block.sentences and c.content is None
        ]
        if not candidates:
            continue
        cue = min(candidates, key=lambda c: min(abs(c.head.i - block.token_start), abs(c.head.i - block.token_end)))
        cue.used = True
        emit_block(block, cue, _speaker(doc, cue, cue_heads))

    # 3. a phrase quoted in what someone did or said ("Trump called the senator a “nasty guy”", "accused
    #    him of “fanatic recklessness”"): the quotation marks attribute the words to the verb's subject
    by_verb: dict[int, list[Block]] = {}
    for block in blocks:
        if block.attributed or block.titled:
            continue
        if block.clause_like and _opens_sentence(doc, block, paragraph_start(block)):
            continue  # a quotation standing as a sentence of its own: step 4
        verb = _governing_verb(doc, block, in_quote)
        if verb is not None:
            by_verb.setdefault(verb.i, []).append(block)
    for verb_i, verb_blocks in by_verb.items():
        verb = doc[verb_i]
        # the words attributed run from the verb through its dependents up to the one holding the last
        # quoted phrase ("called the senator a “nasty guy”"), not through the adjuncts after it
        # a verb outside the cue list cues the phrase only through the marks: category "quoting"
        cue = next((c for c in cues if c.head.i == verb_i), None) or Cue(verb, [verb], "quoting", verb.lemma_.lower())
        cue.used = True
        speaker = _speaker(doc, cue, cue_heads)
        for block in verb_blocks:
            block.attributed, block.speaker = True, speaker
        start = doc[verb.i + 1].idx if verb.i + 1 < len(doc) else verb.idx
        last_block = verb_blocks[-1]
        end_token = verb.i + 1
        for child in verb.rights:
            end_token = child.right_edge.i + 1
            if child.right_edge.i >= last_block.token_start:
                break
        end = max(_char_end(doc[end_token - 1]), last_block.regions[-1].mark_end)
        quote = emit("mixed", start, end, cue, speaker)
        register_mixed(quote, verb_blocks)

    # 4. quotations standing alone as sentences: a cue ending the sentence before with a colon, else the
    #    speaker of the quotation just before (the same speaker's quote goes on: one quote in several
    #    parts within a paragraph), else a bare cue in the next sentence ("“...” He was blunt, he said.")
    previous: Block | None = None
    for block in blocks:
        if not block.attributed and block.clause_like and _opens_sentence(doc, block, paragraph_start(block)):
            first_sentence = min(block.sentences)
            before_colon = doc_text(doc)[: block.regions[0].mark_start].rstrip().endswith(":")
            before = [c for c in cues if not c.used and sentence_of[c.head.i] == first_sentence - 1]
            after = [
                c for c in cues if not c.used and c.content is None and sentence_of[c.head.i] == max(block.sentences) + 1
            ]
            gap = block.regions[0].paragraph - previous.regions[-1].paragraph if previous else None
            if before_colon and before:
                cue = before[-1]
                cue.used = True
                emit_block(block, cue, _speaker(doc, cue, cue_heads))
            elif previous is not None and gap == 0 and id(previous) in quote_of_block:
                # the same speaker's quotation goes on in the same paragraph: another part of one quote
                quote = quote_of_block[id(previous)]
                quote["end"] = block.end
                quote["text"] = doc_text(doc)[quote["start"] : block.end]
                quote["parts"].extend(_parts(doc, block.regions))
                block.attributed, block.speaker = True, previous.speaker
                quote_of_block[id(block)] = quote
            elif previous is not None and gap is not None and gap <= component.inherit_max_paragraphs:
                emit_block(block, None, previous.speaker)
            elif after:
                cue = after[0]
                cue.used = True
                emit_block(block, cue, _speaker(doc, cue, cue_heads))
            else:
                emit_block(block, None, None)
        if block.attributed and block.speaker is not None:
            previous = block

    # 5. indirect speech: a cue with a content clause free of quotation marks
    for cue in cues:
        if cue.used:
            continue
        if cue.content is None:
            parenthetical = _parenthetical_content(cue, in_quote)
            if parenthetical and sum(_words(doc[a:b]) for a, b in parenthetical) >= component.indirect_min_words:
                cue.used = True
                quote = emit(
                    "indirect",
                    doc[parenthetical[0][0]].idx,
                    _char_end(doc[parenthetical[-1][1] - 1]),
                    cue,
                    _speaker(doc, cue, cue_heads),
                )
                if quote is not None:
                    quote["parts"] = [
                        dict(zip(("start", "end"), _trimmed(doc, doc[a].idx, _char_end(doc[b - 1])), strict=True))
                        for a, b in parenthetical
                    ]
            continue
        c_start, c_end = cue.content
        if _words(doc[c_start:c_end]) < component.indirect_min_words:
            continue
        cue.used = True
        emit("indirect", doc[c_start].idx, _char_end(doc[c_end - 1]), cue, _speaker(doc, cue, cue_heads))

    # PolNeAR's convention and a reader's: in "X said he thinks Y" the attribution is X's; an indirect
    # quote whose cue lies inside another quote's content is part of that quote, not a second one
    quotes = [
        q
        for q in quotes
        if not (
            q["kind"] == "indirect"
            and q["cue"]
            and any(o is not q and o["start"] <= q["cue"]["start"] < o["end"] for o in quotes)
        )
    ]
    quotes.sort(key=lambda q: (q["start"], q["end"]))
    for index, quote in enumerate(quotes):
        quote["id"] = f"q{index}"
    return quotes


@Language.factory(
    "eventwire_quotes",
    assigns=["doc._.quotes", "doc._.events", "doc._.versions"],
    requires=["doc._.article", "doc._.actors", "token.dep", "token.lemma"],
    default_config={"settings": None},
)
def make_quotes(nlp: Language, name: str, settings: dict[str, Any] | None) -> QuotesComponent:
    register_extensions()
    return QuotesComponent(component_settings("quotes", settings))
