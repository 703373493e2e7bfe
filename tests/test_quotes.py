"""Quotes: quotation marks, cues, direct/mixed/indirect speech, speakers, the seed, PolNeAR dev."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

import pytest

from eventwire.quotes.cues import load_cues
from eventwire.quotes.marks import find_quoted_regions

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT.parent / "shared" / "seed" / "000_716e416b2848e74f.txt"
POLNEAR = ROOT.parent / "shared" / "eval" / "polnear" / "dev"


# ------------------------------------------------------------------------------------------ marks (no model)
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('He said "we will win" and left.', ["we will win"]),
        ("He said “we will win” and left.", ["we will win"]),
        # the closing mark omitted at a paragraph's end: the quote goes on in the next paragraph
        ("“First part.\n\n“Second part,” he said.", ["First part.", "Second part,"]),
        # an unmatched mark affects only its paragraph; the next paragraph pairs normally
        ("A stray “ mark inside a sentence.\n\n“Fine,” she said.", ["Fine,"]),
        ("“Opened at a sentence start and never closed\n\nNext paragraph, “quoted” here.", ["Opened at a sentence start and never closed", "quoted"]),
        ('Two "one" and "two" quotes.', ["one", "two"]),
        # two apostrophes stand for a double mark in some archives
        ("He said ''we will win'' and left.", ["we will win"]),
        ("Don't count ''em'' twice.", ["em"]),
        ("No quotes at all.", []),
    ],
)
def test_quoted_regions(text: str, expected: list[str]) -> None:
    assert [text[r.start : r.end] for r in find_quoted_regions(text)] == expected


def test_multi_paragraph_quote_is_one_group() -> None:
    text = "“First part.\n\n“Second part.\n\n“Last part,” he said.\n\nUnrelated “scare” quote."
    regions = find_quoted_regions(text)
    assert [r.group for r in regions[:3]] == [regions[0].group] * 3
    assert [r.closed for r in regions[:3]] == [False, False, True]
    assert regions[3].group != regions[0].group


@pytest.mark.parametrize("version", ["reporting-2026.1", "reporting-2026.2", "reporting-2026.3", "reporting-2026.5"])
def test_cue_file(version: str) -> None:
    lexicon = load_cues(version)
    assert lexicon.version == version
    assert lexicon.verbs["say"] == "speech" and lexicon.verbs["warn"] == "speech"
    assert lexicon.phrases[("according", "to")] == "speech"
    assert lexicon.particle_verbs[("point", "out")] == "speech"
    assert "believe" not in lexicon.categories_for(("speech",)).verbs


def test_cue_file_names_predicative_verbs() -> None:
    lexicon = load_cues("reporting-2026.5")
    assert lexicon.predicative["call"] == "speech" and "call" not in lexicon.verbs
    assert load_cues("reporting-2026.3").predicative == {}
    assert "deem" not in lexicon.categories_for(("speech",)).predicative


def test_cue_file_names_the_hearer_verbs() -> None:
    lexicon = load_cues("reporting-2026.2")
    assert {"tell", "urge", "call on"} <= lexicon.addressee
    assert "say" not in lexicon.addressee and "tell" in lexicon.categories_for(("speech",)).addressee


# ------------------------------------------------------------------------------------------ with the parser
@pytest.fixture(scope="session")
def quotes_nlp() -> Any:
    from eventwire.nlp.pipeline import load_pipeline
    from eventwire.settings import load_settings

    return load_pipeline(load_settings(environ={}), components=["eventwire_quotes"])


def _quotes(nlp: Any, text: str) -> list[dict[str, Any]]:
    from eventwire import code_text

    return code_text(text, nlp=nlp)["quotes"]


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "kind", "content", "cue", "speaker"),
    [
        ("“We see no reason for optimism,” he said in a call with reporters.", "direct", "We see no reason for optimism", "said", "he"),
        ('"The talks were useful," said Dmitry Peskov.', "direct", "The talks were useful", "said", "Dmitry Peskov"),
        ("The minister said: “We will not accept any deadline for the talks.”", "direct", "We will not accept any deadline for the talks.", "said", "The minister"),
        ("Peskov noted that Russia isn't setting any deadlines for the talks.", "indirect", "that Russia isn't setting any deadlines for the talks.", "noted", "Peskov"),
        ("The Kremlin said Wednesday the talks have given little reason for optimism.", "indirect", "the talks have given little reason for optimism.", "said", "The Kremlin"),
        ("Russia would wait for other meetings, according to the ambassador.", "indirect", "Russia would wait for other meetings", "according to", "the ambassador"),
        ("She stressed the security crisis was “caused by Russia” and its troop buildup.", "mixed", "the security crisis was “caused by Russia” and its troop buildup.", "stressed", "She"),
        ("Putin has warned that Moscow would take “military-technical measures” if needed.", "mixed", "that Moscow would take “military-technical measures” if needed.", "warned", "Putin"),
        ("The bank, the senator said, had failed its customers for years.", "indirect", "The bank", "said", "the senator"),
        # the speaker's next act, co-ordinated with the reported clause by the parser, is not reported content
        ('The envoy said the meeting had been "useful but tough" and urged both sides to keep talking.', "mixed",
         'the meeting had been "useful but tough"', "said", "The envoy"),
        ("The minister said the army had attacked the town and seized the bridge.", "indirect",
         "the army had attacked the town and seized the bridge.", "said", "The minister"),
    ],
)
def test_attribution(quotes_nlp: Any, text: str, kind: str, content: str, cue: str, speaker: str) -> None:
    quotes = _quotes(quotes_nlp, text)
    assert quotes, f"no quote in {text!r}"
    quote = quotes[0]
    assert quote["kind"] == kind
    assert quote["text"].startswith(content.rstrip("."))
    assert text[quote["start"] : quote["end"]] == quote["text"]
    assert quote["cue"]["text"] == cue and text[quote["cue"]["start"] : quote["cue"]["end"]] == cue
    assert text[quote["speaker"]["start"] : quote["speaker"]["end"]] == speaker


@pytest.mark.model
def test_standalone_quote_takes_the_previous_speaker(quotes_nlp: Any) -> None:
    text = "“We are ready for talks,” Peskov said.\n\n“But we will not wait forever for an answer.”"
    quotes = _quotes(quotes_nlp, text)
    assert [q["kind"] for q in quotes] == ["direct", "direct"]
    assert quotes[1]["cue"] is None
    assert text[quotes[1]["speaker"]["start"] : quotes[1]["speaker"]["end"]] == "Peskov"


@pytest.mark.model
def test_interrupted_quotation_is_one_quote_in_parts(quotes_nlp: Any) -> None:
    text = "“We are ready for talks,” Peskov said. “But we will not wait forever.”"
    quotes = _quotes(quotes_nlp, text)
    assert len(quotes) == 1
    parts = [text[p["start"] : p["end"]] for p in quotes[0]["parts"]]
    assert parts == ["We are ready for talks", "But we will not wait forever."]


@pytest.mark.model
def test_reported_speech_inside_reported_speech_is_one_attribution(quotes_nlp: Any) -> None:
    text = "The senator said he thinks the campaign has stayed vague on the details."
    quotes = _quotes(quotes_nlp, text)
    assert len(quotes) == 1 and quotes[0]["cue"]["text"] == "said"


@pytest.mark.model
def test_relative_clause_speaker(quotes_nlp: Any) -> None:
    text = "Wendy Sherman, who said the talks were useful, left Geneva on Tuesday."
    speaker = _quotes(quotes_nlp, text)[0]["speaker"]
    assert text[speaker["start"] : speaker["end"]] == "who" and speaker["name"] == "Wendy Sherman"


@pytest.mark.model
def test_signature_line_names_the_speaker(quotes_nlp: Any) -> None:
    text = "Listeners called in.\n\n“She never gives a straight answer to anyone.” ― Marta Ruiz\n"
    quotes = _quotes(quotes_nlp, text)
    assert len(quotes) == 1 and quotes[0]["speaker"]["name"] == "Marta Ruiz"


@pytest.mark.model
def test_scare_quotes_and_titles_are_not_speech(quotes_nlp: Any) -> None:
    text = "On “Fox News Sunday,” the host asked about the weather in the studio."
    assert all(q["kind"] != "direct" for q in _quotes(quotes_nlp, text))


@pytest.mark.model
def test_unmatched_mark_does_not_drop_the_article(quotes_nlp: Any) -> None:
    text = "He called it a “mistake.\n\n“We will respond,” the minister said.\n\nThe ministry said that it would respond soon."
    quotes = _quotes(quotes_nlp, text)
    assert ("direct", "We will respond") in [(q["kind"], q["text"]) for q in quotes]
    assert any(q["kind"] == "indirect" and q["text"].startswith("that it would respond") for q in quotes)


# ------------------------------------------------------------------------------------------ the seed
SEED_QUOTES = [
    ("caused by Russia", "The leader of the U.S. delegation", "Wendy Sherman"),
    ("open, comprehensive and direct", "Kremlin spokesperson Dmitry Peskov", "Dmitry Peskov"),
    ("So far, let’s say we see no significant reason for optimism", "he", "Dmitry Peskov"),
    ("There are still several rounds (of talks) ahead of us", "Peskov", "Dmitry Peskov"),
    ("military-technical measures", "Russian President Vladimir Putin", "Vladimir Putin"),
    ("The United States is committed to working in lockstep", "she", "Wendy Sherman"),
]


@pytest.fixture(scope="session")
def seed_quotes() -> tuple[str, list[dict[str, Any]], bool]:
    if not SEED.exists():
        pytest.skip("../shared/seed is absent")
    from eventwire import code_text
    from eventwire.nlp.pipeline import load_pipeline
    from eventwire.settings import load_settings

    with_actors = importlib.util.find_spec("eventwire.actors.component") is not None
    components = ["eventwire_actors", "eventwire_quotes"] if with_actors else ["eventwire_quotes"]
    nlp = load_pipeline(load_settings(environ={}), components=components)
    text = SEED.read_text(encoding="utf-8")
    return text, code_text(text, date="2022-01-12", nlp=nlp)["quotes"], with_actors


@pytest.mark.model
@pytest.mark.parametrize(("quoted", "mention", "actor_name"), SEED_QUOTES)
def test_seed_quotes(seed_quotes: tuple[str, list[dict[str, Any]], bool], quoted: str, mention: str, actor_name: str) -> None:
    text, quotes, with_actors = seed_quotes
    at = text.index(quoted)
    found = [q for q in quotes if q["start"] <= at < q["end"]]
    assert len(found) == 1, f"{quoted!r}: {found}"
    quote = found[0]
    speaker = quote["speaker"]
    assert text[speaker["start"] : speaker["end"]] == mention
    if with_actors:
        assert speaker["name"] == actor_name and speaker["actor"] and speaker["code"] in ("RUSGOV", "USAGOV")


@pytest.mark.model
def test_seed_indirect_speech(seed_quotes: tuple[str, list[dict[str, Any]], bool]) -> None:
    text, quotes, _ = seed_quotes
    for content, mention in [
        ("the security talks with the United States", "The Kremlin"),
        ("that Moscow expects a quick Washington’s answer", "Russian Foreign Ministry spokesperson Maria Zakharova"),
        ("that Russia isn’t setting any deadlines", "He"),
    ]:
        quote = next(q for q in quotes if q["text"].startswith(content))
        assert quote["kind"] == "indirect"
        assert text[quote["speaker"]["start"] : quote["speaker"]["end"]] == mention


# ------------------------------------------------------------------------------------------ PolNeAR dev
@pytest.mark.model
def test_polnear_evaluation_runs(quotes_nlp: Any) -> None:
    if not POLNEAR.is_dir():
        pytest.skip("../shared/eval/polnear is absent")
    from eventwire.evaluate.quotes import evaluate
    from eventwire.settings import load_settings

    settings = load_settings(overrides={"eval": {"shared_dir": str(POLNEAR.parents[1])}}, environ={})
    scores = evaluate(quotes_nlp, settings, limit=8)
    assert scores["articles"] == 8
    assert all(0.0 <= value <= 1.0 for key, value in scores.items() if key != "articles")
    # a floor far below the full-set scores: a broken matcher or reader falls through it
    assert scores["direct_f1"] >= 0.6 and scores["all_f1"] >= 0.4


@pytest.mark.model
def test_reported_content_stops_before_the_speakers_next_act(quotes_nlp: Any) -> None:
    text = 'The envoy said the meeting had been "useful but tough" and urged both sides to keep talking.'
    quotes = _quotes(quotes_nlp, text)
    assert quotes and quotes[0]["text"] == 'the meeting had been "useful but tough"'
