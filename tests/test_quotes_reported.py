"""Quotes (issue 12, round 4): quotation marks inside what a cue reports through its object or infinitive,
and the speaker of a cue with no subject of its own (a gerund after a preposition, an infinitive under a verb
with an object). Every sentence is written for these tests."""

# ruff: noqa: F811  (pytest passes the imported `nlp` fixture to each test by name)
from __future__ import annotations

from typing import Any

import pytest

from test_quotes_news import _mention, _quotes, nlp  # noqa: F401  (the model fixture and the readers)

pytestmark = pytest.mark.model


# ------------------------------------------------------------ quotation marks in what an object reports
@pytest.mark.parametrize(
    ("text", "content", "cue", "speaker"),
    [
        # an infinitive holding a quoted phrase the parse hangs on its own verb
        ("The coach also outlined his training plan and vowed to severely punish “anyone who skips practice.”",
         "to severely punish “anyone who skips practice.”", "vowed", "The coach"),
        # a direct object with a scare-quoted phrase deep inside it
        ("The minister is stressing the need to protect the pipelines under “constant threat” from hackers.",
         "the need to protect the pipelines under “constant threat” from hackers", "stressing", "The minister"),
        # a hearer and what they are praised for
        ('The governor praised the engineers for building "a bridge we can trust."',
         'the engineers for building "a bridge we can trust."', "praised", "The governor"),
        # a title-cased phrase is still part of the cue's report (a slogan proclaimed)
        ('In her speech, the senator proclaimed a plan of "Jobs For Every Town."',
         'a plan of "Jobs For Every Town."', "proclaimed", "the senator"),
        ("The auditor cited the council's spending on the fountain as “Grand Folly” and a warning to others.",
         "the council's spending on the fountain as “Grand Folly”", "cited", "The auditor"),
    ],
)
def test_quotation_marks_in_an_object_make_a_mixed_quote(nlp: Any, text: str, content: str, cue: str, speaker: str) -> None:
    quotes = [q for q in _quotes(nlp, text) if q["cue"] and q["cue"]["text"] == cue]
    assert len(quotes) == 1, quotes
    quote = quotes[0]
    assert quote["kind"] == "mixed"
    assert quote["text"].startswith(content.rstrip(".”\""))
    assert _mention(text, quote) == speaker


@pytest.mark.parametrize(
    "text",
    [
        "The inspectors noted the absence of a fire exit in the basement.",
        "The union called for an inquiry into the closure of the depot.",
    ],
)
def test_an_object_without_quotation_marks_stays_indirect(nlp: Any, text: str) -> None:
    assert [q["kind"] for q in _quotes(nlp, text)] == ["indirect"]


# ------------------------------------------------------------------------------ speakers of bare cues
@pytest.mark.parametrize(
    ("text", "cue", "speaker"),
    [
        # a gerund after a preposition speaks for the subject of the verb the preposition hangs on
        ("The mayor began by saying he would “never” sell the park.", "saying", "The mayor"),
        ("After saying the bridge was “as safe as ever,” the engineer left the room.", "saying", "the engineer"),
        ("The inspector was praised for saying that the ferry was “a floating hazard.”", "saying", "The inspector"),
        # an infinitive under a verb with an object: the object speaks, not the verb's subject
        ("The storm has led the harbour master to fear a “total loss” of the season.", "fear", "the harbour master"),
        ("The scandal forced the treasurer to admit that the fund was “badly run.”", "admit", "the treasurer"),
    ],
)
def test_the_speaker_of_a_cue_without_a_subject(nlp: Any, text: str, cue: str, speaker: str) -> None:
    quotes = [q for q in _quotes(nlp, text) if q["cue"] and q["cue"]["text"] == cue]
    assert len(quotes) == 1, quotes
    assert _mention(text, quotes[0]) == speaker


# -------------------------------------------------------------- a cue set into a sentence with quotations
@pytest.mark.parametrize(
    ("text", "parts", "speaker"),
    [
        ("Taxes, the senator said, are ''a burden we cannot bear'' for farmers.",
         ["Taxes", "are ''a burden we cannot bear'' for farmers."], "the senator"),
        ("The harbour, the mayor added, is like “a garden nobody waters.”",
         ["The harbour", "is like “a garden nobody waters.”"], "the mayor"),
    ],
)
def test_a_cue_set_into_a_sentence_with_quotation_marks(nlp: Any, text: str, parts: list[str], speaker: str) -> None:
    quotes = _quotes(nlp, text)
    assert [q["kind"] for q in quotes] == ["mixed"]
    assert [text[p["start"] : p["end"]].rstrip(".”'") for p in quotes[0]["parts"]] == [p.rstrip(".”'") for p in parts]
    assert _mention(text, quotes[0]) == speaker


def test_a_quotation_interrupted_by_its_cue_stays_direct(nlp: Any) -> None:
    text = "“The ferry is late,” the captain said, “and the fog is getting worse.”"
    quotes = _quotes(nlp, text)
    assert [(q["kind"], len(q["parts"])) for q in quotes] == [("direct", 2)]


# ---------------------------------------------------------- one reported clause split by the parser
@pytest.mark.parametrize(
    ("text", "content"),
    [
        # the parser hangs the second clause ("... was instead a sign ...") on the cue beside the first
        ("But the mayor said the city has “enormous faith” in the harbour and her budget plan was instead a sign "
         "of her trust in the workers.",
         "the city has “enormous faith” in the harbour and her budget plan was instead a sign of her trust in the workers"),
    ],
)
def test_sibling_complements_of_a_cue_are_one_report(nlp: Any, text: str, content: str) -> None:
    quotes = _quotes(nlp, text)
    assert [(q["kind"], q["text"]) for q in quotes] == [("mixed", content)]


# ------------------------------------------------- a cue right after a question or exclamation mark
@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("“We came here to win,” the captain said.\n\n“Who would have thought that a small club from the coast could "
         "beat the champions twice in one season?” the coach said, looking out at the cheering fans.", "the coach"),
        ("“The vote is tomorrow,” the clerk said.\n\n“What a night this has been for the whole village!” the mayor "
         "told the crowd, raising a glass.", "the mayor"),
    ],
)
def test_a_cue_after_a_question_mark_beats_the_previous_speaker(nlp: Any, text: str, speaker: str) -> None:
    quotes = _quotes(nlp, text)
    assert len(quotes) == 2
    assert quotes[1]["cue"] is not None
    assert _mention(text, quotes[1]) == speaker


def test_a_question_standing_alone_still_takes_the_previous_speaker(nlp: Any) -> None:
    text = "“The ferry will run again,” the captain said.\n\n“Who would stop it now? The harbour is ours.”"
    quotes = _quotes(nlp, text)
    assert len(quotes) == 2 and quotes[1]["cue"] is None
    assert _mention(text, quotes[1]) == "the captain"


# ------------------------------------------------ a quotation co-ordinated with one attributed already
@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("The coach told his players at practice to “run until your legs give out” and then “run some more and "
         "never stop until the whistle.”", 2),
    ],
)
def test_a_quotation_coordinated_with_a_quoted_clause_is_one_quote(nlp: Any, text: str, parts: int) -> None:
    quotes = _quotes(nlp, text)
    assert [(q["kind"], len(q["parts"])) for q in quotes] == [("direct", parts)]
    assert _mention(text, quotes[0]) == "The coach"


def test_separate_quotations_of_two_speakers_stay_apart(nlp: Any) -> None:
    text = "“The bridge is safe,” the engineer said. “It is not,” the mayor replied."
    quotes = _quotes(nlp, text)
    assert [_mention(text, q) for q in quotes] == ["the engineer", "the mayor"]


# ------------------------------------------------------ a quotation interrupted by its cue, any parse
@pytest.mark.parametrize(
    ("text", "parts", "speaker"),
    [
        # the parser makes the second quotation the root and the cue a clause of it
        ("“Now that the season is over and the trophies are counted,” the coach told the host, “it was exhausting "
         "to play for that club.”", ["Now that the season is over and the trophies are counted",
                                     "it was exhausting to play for that club."], "the coach"),
        ("“The ferry runs at noon,” the captain told the crew, “unless the fog comes back.”",
         ["The ferry runs at noon", "unless the fog comes back."], "the captain"),
    ],
)
def test_a_quotation_interrupted_by_its_cue_is_one_quote_whatever_the_parse(
    nlp: Any, text: str, parts: list[str], speaker: str
) -> None:
    quotes = _quotes(nlp, text)
    assert len(quotes) == 1 and quotes[0]["kind"] == "direct"
    assert [text[p["start"] : p["end"]] for p in quotes[0]["parts"]] == parts
    assert _mention(text, quotes[0]) == speaker


def test_two_quotations_without_a_comma_before_the_cue_stay_apart(nlp: Any) -> None:
    text = "“The pier is finished.” The engineer smiled. “The cranes arrive next week,” she said."
    quotes = _quotes(nlp, text)
    assert all(len(q.get("parts") or []) <= 1 for q in quotes)
