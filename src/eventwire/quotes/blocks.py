"""Quotation blocks: the quoted regions of one quote group as a unit of the quotes component, which
tokens they cover, and whether their words read as speech or as a name; plus the token-level helpers the
component's steps share about them."""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Doc, Token

from ..nlp.text import doc_text, last_non_space, search_before
from ..words import word_set
from .clauses import subject_of, token_at, trimmed
from .marks import QuotedRegion, find_quoted_regions

# words that introduce a quotation as a name, not as speech ("titled", "so-called", "the slogan")
_NAME_MARKERS = word_set("quotes", "name_markers")
# the word just before a quotation's opening mark (commas and spaces between)
_LEAD_WORD = re.compile(r"([\w-]+)[\s,]*$")
_LEAD_TAIL = re.compile(r"[\w-]*[\s,]*")  # every tail of a _LEAD_WORD match
# "WALLACE: ..." opening a quoted transcript paragraph
TRANSCRIPT = re.compile(r"([A-Z][A-Z.'\- ]{1,40}[A-Z.]):\s+")


@dataclass
class Block:
    """One quotation: the regions of a quote group (several paragraphs when closing marks are omitted)."""

    regions: list[QuotedRegion]
    token_start: int
    token_end: int
    clause_like: bool
    titled: bool = False
    named: bool = False  # introduced as a name ("a report titled “...”", "the slogan “...”"): never speech
    attributed: bool = False
    speaker: dict[str, Any] | None = None
    sentences: set[int] = field(default_factory=set)

    @property
    def start(self) -> int:
        return self.regions[0].start

    @property
    def end(self) -> int:
        return self.regions[-1].end


def build_blocks(doc: Doc, starts: list[int], sentence_of: list[int], direct_min_words: int) -> tuple[list[Block], list[int]]:
    """The quotation blocks of ``doc`` in text order and, for every token, the block it lies in (-1: outside
    quotation marks)."""
    # quotation blocks and, for every token, the block it lies in (-1: outside quotation marks)
    groups: dict[tuple[int, int], list[QuotedRegion]] = {}
    last_key: dict[int, tuple[int, int]] = {}  # the key of each group inserted last into groups
    for region in find_quoted_regions(doc_text(doc)):
        # a transcript turn ("PENCE: ...") opens a new quotation even where the marks run on
        turn = region.start if TRANSCRIPT.match(doc_text(doc), region.start, region.end) else -1
        key = (region.group, turn)
        if turn < 0:
            key = last_key.get(region.group, key)
        if key not in groups:
            last_key[region.group] = key
        groups.setdefault(key, []).append(region)
    in_quote = [-1] * len(doc)
    blocks: list[Block] = []
    for regions in groups.values():
        first = token_at(doc, starts, regions[0].start)
        last = token_at(doc, starts, regions[-1].end - 1) + 1
        index = len(blocks)
        tokens: list[Token] = []
        for region in regions:
            lo = token_at(doc, starts, region.start)
            hi = token_at(doc, starts, region.end - 1) + 1
            for i in range(lo, hi):
                in_quote[i] = index
                tokens.append(doc[i])
        words = doc_text(doc)[regions[0].start : regions[-1].end].split()
        has_verb = any(t.pos_ in ("VERB", "AUX") for t in tokens)
        # a title ("Fox News Sunday") or a scare-quoted phrase is no speech
        titled = all(w[:1].isupper() or not w[:1].isalpha() for w in words)
        clause_like = (has_verb and not (titled and len(words) < direct_min_words)) or (
            len(words) >= direct_min_words and not titled
        )
        # a title, slogan or nickname introduced as such is a name, whatever its words
        lead = search_before(_LEAD_WORD, doc_text(doc), regions[0].mark_start, _LEAD_TAIL)
        named = lead is not None and lead.group(1).lower() in _NAME_MARKERS
        block = Block(regions, first, last, clause_like and not named, titled or named, named=named)
        block.sentences = {sentence_of[i] for i in range(first, last)}
        blocks.append(block)
    return blocks, in_quote


def governing_verb(doc: Doc, block: Block, in_quote: list[int]) -> Token | None:
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
            return token if subject_of(token) is not None else None
    return None


def quote_parts(doc: Doc, regions: list[QuotedRegion]) -> list[dict[str, int]]:
    """The content fragments of a quotation, trimmed like the quote itself."""
    parts = []
    for region in regions:
        start, end = trimmed(doc, region.start, region.end)
        if end > start:
            parts.append({"start": start, "end": end})
    return parts


def opens_sentence(doc: Doc, block: Block, paragraph_start: int) -> bool:
    """The quotation starts its paragraph or a new sentence (not a phrase quoted inside a sentence)."""
    last = last_non_space(doc_text(doc), block.regions[0].mark_start, paragraph_start)
    return last < paragraph_start or doc_text(doc)[last] in ".!?:;)—―–"


def covering(quotes: list[dict[str, Any]]) -> Callable[[int, dict[str, Any]], bool]:
    """``covers(x, q)``: does a quote other than ``q`` hold character ``x`` (start <= x < end)? By counting
    starts and ends at or before ``x`` (bisection), not by a scan of all quotes per quote."""
    spans = [(q["start"], q["end"]) for q in quotes if q["start"] < q["end"]]
    starts, ends = sorted(s for s, _ in spans), sorted(e for _, e in spans)

    def covers(x: int, q: dict[str, Any]) -> bool:
        count = bisect.bisect_right(starts, x) - bisect.bisect_right(ends, x)
        return count - (q["start"] <= x < q["end"]) > 0

    return covers
