"""Lookups that keep the actors component linear in the length of an article: spans inside or around a
range by bisection, and removals from the mention list in one pass. Each returns what the plain scan it
replaces returned, in the same order (long articles were quadratic: every entity, title and agent noun
scanned every mention)."""

from __future__ import annotations

import bisect
import dataclasses
from collections import deque
from collections.abc import Hashable, Iterable
from typing import Generic, Protocol, TypeVar

from .coref import Mention


class _Ranged(Protocol):
    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...


S = TypeVar("S", bound=_Ranged)


class SortedSpans(Generic[S]):
    """Non-empty spans sorted by start that do not overlap (spaCy's entities, the agent matches)."""

    def __init__(self, spans: list[S]) -> None:
        self.spans = spans
        self.starts = [span.start for span in spans]

    def inside(self, start: int, end: int) -> list[S]:
        """The spans with ``start <= span.start and span.end <= end``, in order."""
        lo, hi = bisect.bisect_left(self.starts, start), bisect.bisect_left(self.starts, end)
        return [span for span in self.spans[lo:hi] if span.end <= end]

    def holding(self, start: int, end: int) -> S | None:
        """The span with ``span.start <= start and end <= span.end``, if any (at most one: none overlap)."""
        at = bisect.bisect_right(self.starts, start) - 1
        if at >= 0 and self.spans[at].end >= end:
            return self.spans[at]
        return None


def _value(mention: Mention) -> Hashable:
    """What ``Mention.__eq__`` compares (every field), hashable."""
    values = (getattr(mention, f.name) for f in dataclasses.fields(mention))
    return tuple(tuple(v) if isinstance(v, list) else v for v in values)


def remove_each(mentions: list[Mention], doomed: Iterable[Mention]) -> None:
    """For each of ``doomed`` in turn, remove the first remaining mention equal to it, if there is one:
    what ``if m in mentions: mentions.remove(m)`` does for each, without a scan of the list per item."""
    at: dict[Hashable, deque[int]] = {}
    for index, mention in enumerate(mentions):
        at.setdefault(_value(mention), deque()).append(index)
    gone: set[int] = set()
    for mention in doomed:
        indexes = at.get(_value(mention))
        if indexes:
            gone.add(indexes.popleft())
    if gone:
        mentions[:] = [m for i, m in enumerate(mentions) if i not in gone]


class NameIndex:
    """The "name" mentions of the list by token, for step 2 of the component (entities against names):
    kept in step with the list as mentions are added and removed; results in list order."""

    def __init__(self, mentions: list[Mention]) -> None:
        self.order: dict[int, int] = {}
        self.at: dict[int, list[Mention]] = {}
        for mention in mentions:
            self.add(mention)

    def add(self, mention: Mention) -> None:
        if mention.kind != "name":
            return
        self.order[id(mention)] = len(self.order)
        for i in range(mention.start, mention.end):
            self.at.setdefault(i, []).append(mention)

    def remove(self, mention: Mention) -> None:
        for i in range(mention.start, mention.end):
            self.at[i] = [m for m in self.at.get(i, ()) if m is not mention]

    def _in_order(self, found: Iterable[Mention]) -> list[Mention]:
        unique = {id(m): m for m in found}
        return sorted(unique.values(), key=lambda m: self.order[id(m)])

    def overlapping(self, start: int, end: int) -> list[Mention]:
        """Name mentions with ``m.start < end and start < m.end``."""
        return self._in_order(m for i in range(start, end) for m in self.at.get(i, ()))

    def country_ending_at(self, end: int) -> list[Mention]:
        """Name mentions of countries with ``m.end == end``."""
        return self._in_order(m for m in self.at.get(end - 1, ()) if m.end == end and m.type == "country")


class StartIndex:
    """The mentions of a list that keeps its order by where each starts, for step 3 (titles), where a
    titled name's start moves left over its title (:meth:`move`)."""

    def __init__(self, mentions: list[Mention]) -> None:
        self.order = {id(m): index for index, m in enumerate(mentions)}
        self.at: dict[int, list[Mention]] = {}
        for mention in mentions:
            self.at.setdefault(mention.start, []).append(mention)

    def move(self, mention: Mention, start: int) -> None:
        """Before ``mention.start = start``."""
        self.at[mention.start] = [m for m in self.at.get(mention.start, ()) if m is not mention]
        self.at.setdefault(start, []).append(mention)

    def between(self, lo: int, hi: int) -> list[Mention]:
        """Mentions with ``lo <= m.start < hi``, in list order."""
        found = [m for start in range(lo, hi) for m in self.at.get(start, ())]
        return sorted(found, key=lambda m: self.order[id(m)])
