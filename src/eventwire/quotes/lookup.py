"""Lookups that keep the quotes finder linear in the length of an article: cues by sentence and by head,
quotation blocks overlapping a token range. Each returns what the scan over all cues or all blocks it
replaces returned, in the same order (long articles were quadratic: every block scanned every cue)."""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from typing import Generic, Protocol, TypeVar

from .clauses import Cue


class CueIndex:
    """The cues of a Doc by the sentence of their head and by their head token, in the cues' order."""

    def __init__(self, cues: list[Cue], sentence_of: Sequence[int]) -> None:
        self.position = {id(cue): index for index, cue in enumerate(cues)}
        self.by_sentence: dict[int, list[Cue]] = {}
        self.by_head: dict[int, Cue] = {}
        for cue in cues:
            self.by_sentence.setdefault(sentence_of[cue.head.i], []).append(cue)
            self.by_head.setdefault(cue.head.i, cue)

    def in_sentence(self, sentence: int) -> list[Cue]:
        return list(self.by_sentence.get(sentence, ()))

    def in_sentences(self, sentences: Iterable[int]) -> list[Cue]:
        found = [cue for sentence in set(sentences) for cue in self.by_sentence.get(sentence, ())]
        return sorted(found, key=lambda cue: self.position[id(cue)])


class _TokenRange(Protocol):
    token_start: int
    token_end: int


B = TypeVar("B", bound=_TokenRange)


class BlockIndex(Generic[B]):
    """Blocks (token ranges) overlapping a range: by bisection on their starts and on the running maximum
    of their ends when the blocks come in order of their starts, else by a scan."""

    def __init__(self, blocks: list[B]) -> None:
        self.blocks = blocks
        self.starts = [b.token_start for b in blocks]
        self.in_order = all(a <= b for a, b in zip(self.starts, self.starts[1:], strict=False))
        self.reach: list[int] = []  # reach[i]: the furthest end among blocks[0..i]
        for block in blocks:
            self.reach.append(max(block.token_end, self.reach[-1] if self.reach else block.token_end))

    def overlapping(self, start: int, end: int) -> list[B]:
        """Blocks with ``b.token_start < end and start < b.token_end``, in order."""
        if self.in_order:
            lo, hi = bisect.bisect_right(self.reach, start), bisect.bisect_left(self.starts, end)
            window = self.blocks[lo:hi]
        else:
            window = self.blocks
        return [b for b in window if b.token_start < end and start < b.token_end]
