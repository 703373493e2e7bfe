"""The lookups that keep long articles linear (issue 16) give what the plain scans they replaced gave, in
the same order: each is checked against that scan on random input."""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from typing import Any

import pytest
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from eventwire.actors.coref import Mention
from eventwire.actors.lookup import NameIndex, SortedSpans, StartIndex, remove_each
from eventwire.nlp.text import last_non_space, search_before

_LEAD_WORD = re.compile(r"([\w-]+)[\s,]*$")  # the quotes component's pattern and its tails
_LEAD_TAIL = re.compile(r"[\w-]*[\s,]*")
_CHARS = st.sampled_from(list("ab-_ ,\n\t:“\"é9") + ["\u00a0", "\u2003", "Ж"])


@hypothesis_settings(max_examples=400, deadline=None)
@given(text=st.text(_CHARS, max_size=700), cut=st.integers(0, 700))
def test_search_before_finds_what_a_search_from_the_start_finds(text: str, cut: int) -> None:
    end = min(cut, len(text))
    expected = _LEAD_WORD.search(text, 0, end)
    found = search_before(_LEAD_WORD, text, end, _LEAD_TAIL)
    assert (found.span(), found.group(1)) == (expected.span(), expected.group(1)) if expected else found is None


def test_search_before_sees_a_word_longer_than_its_first_window() -> None:
    text = "He wrote " + "w" * 2000 + ",  \u201cyes\u201d"
    match = search_before(_LEAD_WORD, text, text.index("\u201c"), _LEAD_TAIL)
    assert match is not None and match.group(1) == "w" * 2000 and match.start() == len("He wrote ")
    assert search_before(_LEAD_WORD, text, len("He wrote") + 1, _LEAD_TAIL).group(1) == "wrote"
    assert search_before(_LEAD_WORD, "(" + " " * 3000, 3001, _LEAD_TAIL) is None


@given(text=st.text(_CHARS, max_size=60), start=st.integers(0, 70), end=st.integers(0, 70))
def test_last_non_space_is_where_rstrip_ends(text: str, start: int, end: int) -> None:
    stripped = text[start:end].rstrip()
    at = last_non_space(text, end, start)
    assert (at < start) == (not stripped)
    if stripped:
        assert text[at] == stripped[-1] and at == start + len(stripped) - 1


@dataclass
class _Span:
    start: int
    end: int


@st.composite
def _sorted_spans(draw: st.DrawFn) -> list[_Span]:
    """Non-empty spans sorted by start, none overlapping (as spaCy's entities)."""
    spans, at = [], 0
    for gap, length in draw(st.lists(st.tuples(st.integers(0, 3), st.integers(1, 4)), max_size=12)):
        spans.append(_Span(at + gap, at + gap + length))
        at += gap + length
    return spans


@given(spans=_sorted_spans(), start=st.integers(0, 60), length=st.integers(1, 8))
def test_sorted_spans_inside_and_holding_as_the_scans(spans: list[_Span], start: int, length: int) -> None:
    end = start + length
    index = SortedSpans(spans)
    assert index.inside(start, end) == [s for s in spans if start <= s.start and s.end <= end]
    holders = [s for s in spans if s.start <= start and end <= s.end]
    assert index.holding(start, end) == (holders[0] if holders else None)


def _mention(start: int, length: int, kind: str, type_: str) -> Mention:
    return Mention(start, start + length, kind, type_, None, (kind, type_, str(start)))


_MENTIONS = st.lists(st.builds(_mention, st.integers(0, 30), st.integers(1, 4), st.sampled_from(["name", "nominal"]),
                               st.sampled_from(["person", "country"])), max_size=15)


@given(mentions=_MENTIONS, picks=st.lists(st.integers(0, 20), max_size=10), copies=st.booleans())
def test_remove_each_removes_as_list_remove_does(mentions: list[Mention], picks: list[int], copies: bool) -> None:
    if copies:  # equal mentions, as list.remove compares by value
        mentions = mentions + [Mention(**vars(m)) for m in mentions[::2]]
    doomed = [mentions[i] for i in picks if i < len(mentions)] + [_mention(99, 1, "name", "person")]
    expected = list(mentions)
    for m in doomed:
        if m in expected:
            expected.remove(m)
    remove_each(mentions, doomed)
    assert [id(m) for m in mentions] == [id(m) for m in expected]


@given(mentions=_MENTIONS, start=st.integers(0, 35), length=st.integers(1, 6), drop=st.integers(0, 15))
def test_name_index_overlaps_as_the_scan(mentions: list[Mention], start: int, length: int, drop: int) -> None:
    index = NameIndex(mentions)
    if drop < len(mentions):
        index.remove(mentions[drop])
        mentions = mentions[:drop] + mentions[drop + 1 :]
    extra = _mention(start, 2, "name", "country")
    mentions.append(extra)
    index.add(extra)
    end = start + length
    assert index.overlapping(start, end) == [m for m in mentions if m.kind == "name" and m.start < end and start < m.end]
    assert index.country_ending_at(end) == [m for m in mentions if m.kind == "name" and m.type == "country" and m.end == end]


@given(mentions=_MENTIONS, moves=st.lists(st.tuples(st.integers(0, 15), st.integers(0, 30)), max_size=5),
       lo=st.integers(0, 30), width=st.integers(0, 8))
def test_start_index_between_as_the_scan(mentions: list[Mention], moves: list[tuple[int, int]], lo: int, width: int) -> None:
    mentions.sort(key=lambda m: m.start)
    index = StartIndex(mentions)
    for which, new_start in moves:
        if which < len(mentions):
            index.move(mentions[which], new_start)
            mentions[which].start = new_start
    assert index.between(lo, lo + width) == [m for m in mentions if lo <= m.start < lo + width]


# ------------------------------------------------------------------------------------ the components (model)
_FIRST = ("Alan", "Ines", "Tomas", "Mira", "Jonas", "Sadia", "Pavel")
_LAST = ("Brekke", "Varga", "Oduya", "Lindqvist", "Moreau", "Haddad", "Kowal", "Amari", "Rossi", "Tanaka", "Novak")
_CITIES = ("Vienna", "Geneva", "Nairobi", "Ankara", "Lima", "Hanoi", "Oslo", "Accra", "Quito", "Tbilisi")


def _varied_article(chars: int) -> str:
    """Our own sentences, varied: many people, quotations, pronouns, places and paragraphs, as a long
    article has (a repeated sentence without quotation marks hides quadratic work in the quotes finder)."""
    paragraphs: list[str] = []
    size, i = 0, 0
    while size < chars:
        name, city = f"{_FIRST[i % len(_FIRST)]} {_LAST[i % len(_LAST)]}", _CITIES[i % len(_CITIES)]
        paragraphs.append(
            f"\u201cWe will not accept more delays,\u201d {name}, the foreign minister, said in {city} on Monday. "
            f"He added that talks with the neighbouring government would resume next week. Police detained dozens "
            f"of protesters outside the parliament, a spokesman said, and {name.split()[-1]} called the decision "
            f"\u201ca costly mistake\u201d. The delegation had agreed to meet again: \u201cThe door is open.\u201d")
        size += len(paragraphs[-1]) + 2
        i += 1
    return "\n\n".join(paragraphs)[:chars]


@pytest.mark.model
def test_our_components_cost_linear_time_on_a_long_varied_article(full_nlp: Any, settings: dict[str, Any]) -> None:
    """The eventwire components alone (spaCy's are not timed): 8x the text is well under 64x the time."""
    from eventwire.coding import make_doc
    from eventwire.ingest.readers import read_text_article

    def seconds(chars: int) -> float:
        article = read_text_article(_varied_article(chars), id="long", settings=settings)
        doc, spent = make_doc(full_nlp, article), 0.0
        for name, proc in full_nlp.pipeline:
            start = time.process_time()
            doc = proc(doc)
            if name.startswith("eventwire_"):
                spent += time.process_time() - start
        return spent

    seconds(2_000)
    small, large = seconds(25_000), seconds(200_000)
    assert large / small < 16, (small, large)
