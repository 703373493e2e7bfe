"""Indirect speech, issue 12 round 3: constructions of the dependency parse through which a cue reports
what was said. Every sentence is written for these tests."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def nlp() -> Any:
    from eventwire.nlp.pipeline import load_pipeline
    from eventwire.settings import load_settings

    return load_pipeline(load_settings(environ={}), components=["eventwire_actors", "eventwire_quotes"])


def _quotes(nlp: Any, text: str) -> list[dict[str, Any]]:
    from eventwire import code_text

    return code_text(text, nlp=nlp)["quotes"]


def _mention(text: str, quote: dict[str, Any]) -> str | None:
    speaker = quote["speaker"]
    return None if speaker is None else text[speaker["start"] : speaker["end"]]


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
