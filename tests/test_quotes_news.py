"""Quotes on news we never tuned on (issue 12): quotations over several paragraphs and back to back, quoted
words that are no speech, speakers (inverted cues, documents, pronouns after a paragraph break), indirect
speech through objects and infinitives. Every sentence is written for these tests."""

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


# ------------------------------------------------------------------------------------------ 1. layout
@pytest.mark.parametrize(
    ("text", "parts", "speaker"),
    [
        # an opening mark at each paragraph, one closing mark at the end: one quotation
        ("“The pier is finished,” the engineer said. “The cranes arrive next week.\n\n"
         "“After that the ferries can dock again.”", 3, "the engineer"),
        ("“We checked every bolt.\n\n“We checked every cable.\n\n“Nothing was left to chance,” the inspector told the board.",
         3, "the inspector"),
    ],
)
def test_quotation_over_several_paragraphs_is_one_quote(nlp: Any, text: str, parts: int, speaker: str) -> None:
    quotes = [q for q in _quotes(nlp, text) if q["kind"] == "direct"]
    assert len(quotes) == 1
    assert len(quotes[0]["parts"]) == parts
    assert _mention(text, quotes[0]) == speaker


@pytest.mark.parametrize(
    "text",
    [
        "“We will hold the line,” the mayor said, “and we will win.”",
        "“The pier is safe,” said the inspector, “whatever the papers write.”",
    ],
)
def test_a_quotation_going_on_after_its_cue_is_one_quote(nlp: Any, text: str) -> None:
    quotes = _quotes(nlp, text)
    assert [(q["kind"], len(q["parts"])) for q in quotes] == [("direct", 2)]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("“We owe the fishermen an answer.” “They have been patient for two years,” the mayor said.", "the mayor"),
        ("“The vote is close.” “Nobody can call it yet,” said Lena Park, a pollster.", "Lena Park"),
    ],
)
def test_back_to_back_quotations_share_the_speaker(nlp: Any, text: str, speaker: str) -> None:
    quotes = _quotes(nlp, text)
    assert len(quotes) == 2
    assert [_mention(text, q) for q in quotes] == [speaker, speaker]


# ------------------------------------------------------------------------------------------ 2. no speech
@pytest.mark.parametrize(
    "text",
    [
        "The council published a report titled “We Cannot Wait for the River to Rise” on Monday.",
        "Protesters carried banners with the slogan “no more closed harbours, no more lost jobs” through town.",
        "The so-called “peace plan for the whole valley now” was rejected by both parties.",
        "Her second novel, entitled “how we lost the harbour and won it back,” sold well.",
        "She has read “The Long Road Home” twice, and the film “A Quiet Harbour Story” won a prize.",
    ],
)
def test_titles_slogans_and_names_are_not_speech(nlp: Any, text: str) -> None:
    assert not [q for q in _quotes(nlp, text) if q["kind"] in ("direct", "mixed")]


def test_a_title_inside_reported_content_leaves_it_indirect(nlp: Any) -> None:
    text = "The mayor said the council would publish a report titled “Water for Every Village” in May."
    quotes = _quotes(nlp, text)
    assert [q["kind"] for q in quotes] == ["indirect"]


def test_transcript_turns_keep_their_speakers(nlp: Any) -> None:
    text = "“HOST: Will the harbour reopen this year?\n\n“MAYOR: It will reopen in May, and not a day later.”"
    quotes = _quotes(nlp, text)
    assert [q["speaker"]["name"] for q in quotes] == ["HOST", "MAYOR"]


# ------------------------------------------------------------------------------------------ 3. speakers
@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # the parser takes a noun inside the quotation for the subject of the cue
        ("“My answer, that was a mistake,” the former harbour director said in an interview on the radio.",
         "the former harbour director"),
        ("“A careful planner. One of the sharpest minds on the council,” the mayor said in a phone interview.",
         "the mayor"),
        # the cue after a long quotation, the speaker after the cue
        ("“Nobody asked the families what they wanted, and nobody will ask them now that the money is gone,” "
         "said Ms. Ortega, a spokeswoman for the union.", "Ms. Ortega"),
    ],
)
def test_speaker_of_a_direct_quote(nlp: Any, text: str, speaker: str) -> None:
    quotes = _quotes(nlp, text)
    assert len(quotes) == 1 and quotes[0]["kind"] == "direct"
    assert _mention(text, quotes[0]) == speaker


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("A statement from the ministry said the border would stay closed until March.", "the ministry"),
        ("According to a report by the audit office, the harbour project ran two years late.", "the audit office"),
        ("The union issued a statement saying the strike would go on until Friday.", "The union"),
        # the possessor is already part of the mention
        ("The ministry's statement said the border would stay closed until March.", "The ministry's statement"),
    ],
)
def test_a_document_speaks_for_its_author(nlp: Any, text: str, speaker: str) -> None:
    quotes = _quotes(nlp, text)
    assert len(quotes) == 1
    assert _mention(text, quotes[0]) == speaker


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        # "he" opens a new paragraph: the last speaker goes on, not the last name seen ("The mayor")
        ("“We will hold the line,” Tomas Berg said on Monday. The mayor met him on Friday.\n\n"
         "“We will not give up the docks,” he said.", "Tomas Berg"),
        # the last speaker is a woman ("her"): "he" is somebody else
        ("“We will hold the line,” Anna Berg said on Monday. The mayor, Peter Holm, met her on Friday.\n\n"
         "“We will not give up the docks,” he said.", "Peter Holm"),
    ],
)
def test_pronoun_after_a_paragraph_break(nlp: Any, text: str, actor: str) -> None:
    quotes = _quotes(nlp, text)
    assert len(quotes) == 2
    assert _mention(text, quotes[1]) == "he"
    assert quotes[1]["speaker"]["name"] == actor


# ------------------------------------------------------------------------------------------ 4. indirect
@pytest.mark.parametrize(
    ("text", "content", "cue", "speaker"),
    [
        ("The council agreed to delay the vote until the spring session.",
         "to delay the vote until the spring session", "agreed", "The council"),
        ("The senator noted the absence of any plan for the refugees.",
         "the absence of any plan for the refugees", "noted", "The senator"),
        ("The group called for an independent inquiry into the shooting.",
         "an independent inquiry into the shooting", "called for", "The group"),
        # the hearer comes with the infinitive, never alone
        ("The mayor urged the council to wait for the audit.", "the council to wait for the audit", "urged", "The mayor"),
        ("The governor told reporters the budget would be balanced by June.",
         "the budget would be balanced by June", "told", "The governor"),
        ("The mayor's spokesman said the office would respond next week.",
         "the office would respond next week", "said", "The mayor's spokesman"),
        ("Russia would wait for other meetings, according to the ambassador.",
         "Russia would wait for other meetings", "according to", "the ambassador"),
        ("The union believes the harbour deal is unfair to the older workers.",
         "the harbour deal is unfair to the older workers", "believes", "The union"),
    ],
)
def test_indirect_speech(nlp: Any, text: str, content: str, cue: str, speaker: str) -> None:
    quotes = _quotes(nlp, text)
    assert len(quotes) == 1
    quote = quotes[0]
    assert quote["kind"] == "indirect" and quote["text"].rstrip(".") == content
    assert quote["cue"]["text"] == cue and _mention(text, quote) == speaker


@pytest.mark.parametrize("text", ["The mayor told reporters at the station.", "The senator denied it."])
def test_no_content_no_quote(nlp: Any, text: str) -> None:
    assert _quotes(nlp, text) == []


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        "On Monday the minister called for calm and said the talks would go on.",
        "On Sunday, the mayor called the budget plan “a costly fantasy” and left the hall.",
        "On Friday, the union leader called on members to “stand firm” until the vote.",
    ],
)
def test_a_preposition_before_the_verb_is_no_particle_of_its_cue(nlp: Any, text: str) -> None:
    """"On Monday ... called": "call on" needs its particle after the verb; every cue's offsets are its text."""
    for quote in _quotes(nlp, text):
        cue = quote["cue"]
        if cue is not None:
            assert cue["start"] < cue["end"] and text[cue["start"] : cue["end"]] == cue["text"]


@pytest.mark.parametrize(
    ("text", "contents"),
    [
        # the speaker's next act is no part of what was said; it is reported on its own
        ("Mr. Lund said the ferry would run again in May and warned against any delay.",
         ["the ferry would run again in May"]),
        # a semicolon ends the report wherever the parser hangs it
        ("The mayor said the docks would stay open; the council met the next day.", ["the docks would stay open"]),
        # a participle clause after a comma: an aside, with its own report
        ("The minister said the bridge would reopen in June, arguing that the repairs were nearly done.",
         ["the bridge would reopen in June", "that the repairs were nearly done"]),
        # an apposition or a non-restrictive relative clause closing the report is the writer's
        ("Critics say the money could be better spent on the old harbour, the oldest part of the town.",
         ["the money could be better spent on the old harbour"]),
        ("The senator said she would back Anna Holm, who has never run for office.", ["she would back Anna Holm"]),
    ],
)
def test_a_report_ends_before_asides_and_next_acts(nlp: Any, text: str, contents: list[str]) -> None:
    quotes = _quotes(nlp, text)
    assert [q["text"] for q in quotes if q["kind"] == "indirect"][: len(contents)] == contents


@pytest.mark.parametrize(
    ("text", "content", "cue"),
    [
        # a naming verb reports with its object and the complement, and the complement comes with the object
        ("The union called the new rota a betrayal of the night shift.", "the new rota a betrayal of the night shift",
         "called"),
        ("The senator cited the closure of the mill as an example of the failed policy.",
         "the closure of the mill as an example of the failed policy", "cited"),
    ],
)
def test_an_object_with_its_complement(nlp: Any, text: str, content: str, cue: str) -> None:
    quotes = _quotes(nlp, text)
    assert [(q["kind"], q["text"].rstrip("."), q["cue"]["text"]) for q in quotes] == [("indirect", content, cue)]


@pytest.mark.parametrize("text", ["The mayor called the harbour office on Monday morning.", "She called him twice."])
def test_a_naming_verb_alone_is_no_cue(nlp: Any, text: str) -> None:
    assert _quotes(nlp, text) == []


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Ortega: The harbour will not close this winter.\n\nMaria Ortega, the mayor, spoke on Monday.", "Ortega"),
        ("Harbour Workers Union: Night shifts will stop at the end of May.\n\nThe Harbour Workers Union met on Monday.",
         "Harbour Workers Union"),
    ],
)
def test_a_line_opened_by_a_name_and_a_colon(nlp: Any, text: str, speaker: str) -> None:
    quotes = _quotes(nlp, text)
    assert len(quotes) == 1 and quotes[0]["cue"]["text"] == ":"
    assert _mention(text, quotes[0]) == speaker and quotes[0]["speaker"]["actor"] is not None


@pytest.mark.parametrize(
    "text",
    [
        "WASHINGTON: The harbour will not close this winter, officials in the city believe.",
        "Two questions: Why would the mayor do that? And will the council agree to it?",
    ],
)
def test_a_place_or_a_phrase_before_a_colon_does_not_speak(nlp: Any, text: str) -> None:
    assert not [q for q in _quotes(nlp, text) if q["cue"] and q["cue"]["text"] == ":"]


@pytest.mark.parametrize(
    ("text", "content", "cue", "speaker"),
    [
        # a side taken in words (category stance)
        ("The union condemned the closure of the night ferry.", "the closure of the night ferry", "condemned",
         "The union"),
        ("The mayor defended her plan to sell the old harbour.", "her plan to sell the old harbour", "defended",
         "The mayor"),
        # cues with their particle: what follows the preposition is what was said
        ("The fishermen complained about the strict new quotas.", "the strict new quotas", "complained about",
         "The fishermen"),
        ("The inspector warned of further delays at the pier.", "further delays at the pier", "warned of",
         "The inspector"),
        ("The minister expressed concern about the harbour budget.", "concern about the harbour budget", "expressed",
         "The minister"),
    ],
)
def test_stance_and_particle_cues(nlp: Any, text: str, content: str, cue: str, speaker: str) -> None:
    quotes = _quotes(nlp, text)
    assert [(q["kind"], q["text"].rstrip("."), q["cue"]["text"]) for q in quotes] == [("indirect", content, cue)]
    assert _mention(text, quotes[0]) == speaker


def test_stance_cues_can_be_switched_off() -> None:
    from eventwire.quotes.cues import load_cues

    lexicon = load_cues("reporting-2026.5")
    assert lexicon.verbs["condemn"] == "stance" and "condemn" not in lexicon.categories_for(("speech",)).verbs


@pytest.mark.parametrize(
    ("text", "content", "cue", "speaker"),
    [
        ("The video contradicted the police's earlier claim that the driver had refused to stop.",
         "that the driver had refused to stop", "claim", "the police"),
        ("The mayor's plan to sell the old harbour angered the fishermen.", "to sell the old harbour", "plan",
         "The mayor"),
        ("Villagers ignored a warning from the coast guard that the ice would break.", "that the ice would break",
         "warning", "the coast guard"),
        # with a possessor, the object of the noun's preposition
        ("The mayor's criticism of the harbour budget surprised nobody.", "the harbour budget", "criticism",
         "The mayor"),
        ("The union's support for the long strike was strong.", "the long strike", "support", "The union"),
    ],
)
def test_a_cue_noun_with_a_named_source(nlp: Any, text: str, content: str, cue: str, speaker: str) -> None:
    quotes = _quotes(nlp, text)
    assert [(q["kind"], q["text"], q["cue"]["text"]) for q in quotes] == [("indirect", content, cue)]
    assert _mention(text, quotes[0]) == speaker


def test_a_cue_noun_with_a_that_clause_and_nobody_named(nlp: Any) -> None:
    text = "The claim that the driver had refused to stop was false."
    quotes = _quotes(nlp, text)
    assert [(q["text"], q["cue"]["text"], q["speaker"]) for q in quotes] == [
        ("that the driver had refused to stop", "claim", None)]


@pytest.mark.parametrize(
    "text",
    [
        "The plan to sell the old harbour angered the fishermen.",  # an infinitive needs a source
        "The mayor's claim, which he made in May, was false.",  # a relative clause, not what was claimed
    ],
)
def test_a_cue_noun_needs_a_content_clause_and_an_infinitive_a_source(nlp: Any, text: str) -> None:
    assert _quotes(nlp, text) == []
