"""Indirect speech, issue 12 round 3: constructions of the dependency parse through which a cue reports
what was said. Every sentence is written for these tests."""

# ruff: noqa: F811  (pytest passes the imported `nlp` fixture to each test by name)
from __future__ import annotations

from typing import Any

import pytest

from test_quotes_news import _mention, _quotes, nlp  # noqa: F401  (the model fixture and the readers)

pytestmark = pytest.mark.model


def _indirect(nlp: Any, text: str) -> list[tuple[str, str | None, str | None]]:
    return [(q["text"], q["cue"] and q["cue"]["text"], _mention(text, q)) for q in _quotes(nlp, text) if q["kind"] == "indirect"]


# ------------------------------------------------------------------ the content clause after the cue
@pytest.mark.parametrize(
    ("text", "content", "speaker"),
    [
        # the parser hangs the clause of the relative clause ("the mayor won the debate") on "noted"
        ("Writing for a panel that agreed the mayor won the debate, the columnist noted that the mayor's calm "
         "manner was decisive.", "that the mayor's calm manner was decisive", "the columnist"),
    ],
)
def test_the_clause_after_the_cue_is_its_content(nlp: Any, text: str, content: str, speaker: str) -> None:
    assert (content, "noted", speaker) in _indirect(nlp, text)


def test_a_quotation_before_the_cue_stays_its_content(nlp: Any) -> None:
    # two clausal complements of "said": the quotation in front, a clause after; the quotation is the quote
    text = "“The count was fair,” the clerk said on Monday, the recount was over."
    quotes = [(q["kind"], q["text"], _mention(text, q)) for q in _quotes(nlp, text)]
    assert ("direct", "The count was fair", "the clerk") in quotes


# ------------------------------------------------------------------ the hearer of a cue and what it is told of
@pytest.mark.parametrize(
    ("text", "content", "cue", "speaker"),
    [
        ("The council accused the harbour board of hiding the cost of the new pier.",
         "the harbour board of hiding the cost of the new pier", "accused", "The council"),
        ("The mayor blamed the ferry company for the long delays at the terminal.",
         "the ferry company for the long delays at the terminal", "blamed", "The mayor"),
        # no infinitive and no "of" / "for": the object alone
        ("Local farmers praised the new irrigation plan for the valley.",
         "the new irrigation plan for the valley", "praised", "Local farmers"),
    ],
)
def test_a_hearer_with_what_it_is_told_of(nlp: Any, text: str, content: str, cue: str, speaker: str) -> None:
    assert (content, cue, speaker) in _indirect(nlp, text)


def test_a_short_hearer_alone_is_no_content(nlp: Any) -> None:
    assert _indirect(nlp, "The mayor told reporters at the station.") == []
