"""Quoted regions from quotation marks alone (no parse): straight and curly double quotes, paragraph by paragraph.

News conventions handled here:

- a quotation that runs over several paragraphs omits the closing mark at the end of each paragraph but
  the last, and reopens each following paragraph with an opening mark: such paragraphs form one *group*;
- an unmatched mark affects only its own paragraph: a quote opened at the start of a sentence and never
  closed runs to the end of its paragraph, any other unmatched mark is ignored. Nothing leaks into the
  next paragraph, and the rest of the article is never dropped (textacy drops the whole text).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

OPENING_MARKS = ("“", "„", "«", "``")
CLOSING_MARKS = ("”", "»")
# marks whose direction comes from their neighbours; two apostrophes stand for one mark in some archives
STRAIGHT_MARKS = ('"', "''")
_MARK = re.compile("|".join(re.escape(m) for m in sorted((*OPENING_MARKS, *CLOSING_MARKS, *STRAIGHT_MARKS), key=len, reverse=True)))
# characters after which a straight mark opens a quotation (besides whitespace and the text start)
_OPENS_AFTER = "([{—–-:/"
_SENTENCE_END = ".!?:;—–"
_LINE_BREAK = re.compile(r"\n\s*")


@dataclass(frozen=True)
class QuotedRegion:
    """Content between a pair of marks. ``start``/``end`` exclude the marks; ``mark_start``/``mark_end``
    include them (``mark_end == end`` when the closing mark is omitted)."""

    start: int
    end: int
    mark_start: int
    mark_end: int
    closed: bool
    group: int
    paragraph: int


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph. Every line break ends one: news texts put one paragraph on a line
    (with or without blank lines between), and a quotation never runs on past a line break unmarked."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _LINE_BREAK.finditer(text):
        if match.start() > start:
            spans.append((start, match.start()))
        start = match.end()
    if start < len(text):
        spans.append((start, len(text)))
    return [(s, e) for s, e in spans if text[s:e].strip()]


def _direction(text: str, i: int, j: int, para_start: int, para_end: int, is_open: bool) -> str:
    """'open' or 'close' for the mark ``text[i:j]``; straight marks are decided by their neighbours."""
    mark = text[i:j]
    if mark in OPENING_MARKS:
        return "open"
    if mark in CLOSING_MARKS:
        return "close"
    before = text[i - 1] if i > para_start else " "
    after = text[j] if j < para_end else " "
    space_before = before.isspace() or before in _OPENS_AFTER
    space_after = after.isspace() or after in ",.;:!?)]}"
    if space_before and not space_after:
        return "open"
    if space_after and not space_before:
        return "close"
    return "close" if is_open else "open"


def _opens_sentence(text: str, i: int, para_start: int) -> bool:
    """The mark at ``i`` starts its paragraph or follows sentence-final punctuation."""
    before = text[para_start:i].rstrip()
    return not before or before[-1] in _SENTENCE_END


def find_quoted_regions(text: str) -> list[QuotedRegion]:
    """All quoted regions of ``text`` in order, each paragraph paired on its own. The one quotation detector:
    the actors component (pronouns inside quotes), the quotes component and the evaluation all use it;
    the last few texts are remembered, as two components ask about each article."""
    return list(_quoted_regions(text))


@lru_cache(maxsize=8)
def _quoted_regions(text: str) -> tuple[QuotedRegion, ...]:
    regions: list[QuotedRegion] = []
    group = -1
    carried_group: int | None = None  # group left open by the previous paragraph (closing mark omitted)
    for index, (para_start, para_end) in enumerate(paragraphs(text)):
        opened_at: int | None = None
        first_mark = True
        continues_group: int | None = None
        content_start = para_start
        for match in _MARK.finditer(text, para_start, para_end):
            i, j = match.start(), match.end()
            direction = _direction(text, i, j, para_start, para_end, opened_at is not None)
            if direction == "open":
                # a paragraph opening with a mark continues a quote the previous paragraph left open
                continues_group = carried_group if first_mark and i == para_start else None
                opened_at, content_start = i, j
            elif opened_at is not None:
                if continues_group is None:
                    group += 1
                this_group = group if continues_group is None else continues_group
                regions.append(QuotedRegion(content_start, i, opened_at, j, True, this_group, index))
                opened_at = None
                continues_group = None
            first_mark = False
        carried_group = None
        if opened_at is not None and _opens_sentence(text, opened_at, para_start):
            end = para_end
            if continues_group is None:
                group += 1
            this_group = group if continues_group is None else continues_group
            regions.append(QuotedRegion(content_start, end, opened_at, end, False, this_group, index))
            carried_group = this_group
    return tuple(r for r in regions if r.end > r.start)
