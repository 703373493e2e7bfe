"""Temporal expressions: normalization rules (no model), the eventwire_dates component and event dates
(model), and the gold-set readers (skip without ../shared/eval)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from eventwire.evaluate.dates import read_timeml, score, value_matches
from eventwire.records import DateExpr
from eventwire.timex import event_date, normalize, span_value
from eventwire.timex.normalize import resolve_weekday

# Wednesday 12 January 2022: the seed article's date
PUBLISHED = "2022-01-12"


# ---------------------------------------------------------------------------------------------- normalize


@pytest.mark.parametrize(
    ("text", "tense", "expected"),
    [
        ("Wednesday", "past", ("DATE", "2022-01-12")),
        ("Monday's", None, ("DATE", "2022-01-10")),
        ("Tuesday", "past", ("DATE", "2022-01-11")),
        ("Thursday", "future", ("DATE", "2022-01-13")),
        ("Thursday", None, ("DATE", "2022-01-13")),
        ("Friday", "past", ("DATE", "2022-01-07")),
        ("Friday", "future", ("DATE", "2022-01-14")),
        ("last Friday", None, ("DATE", "2022-01-07")),
        ("next Monday", None, ("DATE", "2022-01-17")),
        ("this week", None, ("DATE", "2022-W02")),
        ("last week", None, ("DATE", "2022-W01")),
        ("earlier this month", None, ("DATE", "2022-01")),
        ("two days ago", None, ("DATE", "2022-01-10")),
        ("three weeks ago", None, ("DATE", "2021-W51")),
        ("a year ago", None, ("DATE", "2021")),
        ("Jan. 5", "past", ("DATE", "2022-01-05")),
        ("mid-December", "past", ("DATE", "2021-12")),
        ("December", "future", ("DATE", "2022-12")),
        ("last year", None, ("DATE", "2021")),
        ("next month", None, ("DATE", "2022-02")),
        ("yesterday", None, ("DATE", "2022-01-11")),
        ("today", None, ("DATE", "2022-01-12")),
        ("tomorrow", None, ("DATE", "2022-01-13")),
        ("the weekend", None, ("DATE", "2022-W02-WE")),
        ("this summer", None, ("DATE", "2022-SU")),
        ("last winter", None, ("DATE", "2020-WI")),
        ("the third quarter", "past", ("DATE", "2021-Q3")),
        ("the first half of 2021", None, ("DATE", "2021-H1")),
        ("October 26, 1998", None, ("DATE", "1998-10-26")),
        ("26 October 1998", None, ("DATE", "1998-10-26")),
        ("March 1998", None, ("DATE", "1998-03")),
        ("1998", None, ("DATE", "1998")),
        ("the 1990s", None, ("DATE", "199")),
        ("the 20th century", None, ("DATE", "19")),
        ("nineteen ninety-seven", None, ("DATE", "1997")),
        ("Christmas", "future", ("DATE", "2022-12-25")),
        ("Thanksgiving", "past", ("DATE", "2021-11-25")),
        ("now", None, ("DATE", "PRESENT_REF")),
        ("recently", None, ("DATE", "PAST_REF")),
        ("the future", None, ("DATE", "FUTURE_REF")),
        ("this morning", None, ("TIME", "2022-01-12TMO")),
        ("last night", None, ("TIME", "2022-01-11TNI")),
        ("9 a.m. Tuesday", "past", ("TIME", "2022-01-11T09:00")),
        ("5 p.m. EST", None, ("TIME", "2022-01-12T17:00")),
        ("noon Thursday", "future", ("TIME", "2022-01-13T12:00")),
        ("three years", None, ("DURATION", "P3Y")),
        ("the past three years", None, ("DURATION", "P3Y")),
        ("two-day", None, ("DURATION", "P2D")),
        ("five hours", None, ("DURATION", "PT5H")),
        ("the next few years", None, ("DURATION", "PXY")),
        ("a week", None, ("DURATION", "P1W")),
        ("every day", None, ("SET", "P1D")),
        ("weekly", None, ("SET", "P1W")),
        ("every Monday", None, ("SET", "XXXX-WXX-1")),
    ],
)
def test_normalize(text: str, tense: str | None, expected: tuple[str, str]) -> None:
    found = normalize(text, PUBLISHED, tense)
    assert found is not None
    assert (found.type, found.value) == expected


@pytest.mark.parametrize("text", ["Monday", "two days ago", "this week", "Jan. 5", "last year", "tonight"])
def test_relative_expressions_have_no_value_without_a_publication_date(text: str) -> None:
    found = normalize(text, None, "past")
    assert found is not None and found.value is None


@pytest.mark.parametrize("text", ["October 26, 1998", "1998", "the 1990s", "March 1998"])
def test_absolute_expressions_keep_their_value_without_a_publication_date(text: str) -> None:
    found = normalize(text, None)
    assert found is not None and found.value is not None


@pytest.mark.parametrize("text", ["62-year-old", "44", "37 years old", "Olympic"])
def test_non_temporal_candidates_are_rejected(text: str) -> None:
    assert normalize(text, PUBLISHED) is None


def test_weekday_on_the_publication_day_is_that_day_in_past_and_future() -> None:
    from datetime import date

    wednesday = date(2022, 1, 12)
    assert resolve_weekday(2, wednesday, "past") == wednesday
    assert resolve_weekday(2, wednesday, "future") == wednesday


# ---------------------------------------------------------------------------------------------- scoring


def test_value_matches_accepts_timeml_underspecification() -> None:
    assert value_matches("1948-XX", "1948")
    assert value_matches("1989-WXX", "1989-W43")
    assert value_matches("2000-W6", "2000-W06")
    assert not value_matches("1989-WXX", "1989-10")
    assert not value_matches("1998-01-08", None)


def test_score_counts_relaxed_overlaps_once() -> None:
    gold = [(0, 10, "DATE", "2022-01-12"), (20, 25, "TIME", "2022-01-12T09:00"), (30, 40, "DURATION", "P3D")]
    predicted = [(2, 8, "DATE", "2022-01-12"), (3, 9, "DATE", "2022-01-11"), (30, 40, "DURATION", "P3D")]
    scores = score([(gold, predicted)])
    assert scores["span_recall"] == 0.5
    assert scores["span_precision"] == 0.5
    assert scores["value_accuracy"] == 1.0


# ---------------------------------------------------------------------------------------------- component


@pytest.fixture(scope="session")
def nlp() -> Iterator[Language]:
    from eventwire.nlp.pipeline import load_pipeline
    from eventwire.settings import load_settings

    yield load_pipeline(load_settings(), components=["eventwire_dates"])


def _doc(nlp: Language, text: str, published: str | None = PUBLISHED) -> Doc:
    from eventwire.nlp.extensions import register_extensions

    register_extensions()
    doc = nlp.make_doc(text)
    doc._.article = {"id": "t", "date": published, "headline_span": None, "dateline": None}
    return nlp(doc)


def _values(doc: Doc) -> dict[str, str | None]:
    return {d["text"]: d["value"] for d in doc._.dates}


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "expression", "value"),
    [
        ("The Kremlin said Wednesday the talks had given little reason for optimism.", "Wednesday", "2022-01-12"),
        ("The leader of the delegation at Monday's talks briefed allies in Brussels.", "Monday", "2022-01-10"),
        ("Putin on Tuesday held a video call with his Security Council.", "Tuesday", "2022-01-11"),
        ("The ministers will meet on Thursday in Vienna.", "Thursday", "2022-01-13"),
        ("Russia would wait for the outcome of other meetings this week.", "this week", "2022-W02"),
        ("The ceasefire collapsed two days ago, officials said.", "two days ago", "2022-01-10"),
        ("Prices rose sharply earlier this month.", "earlier this month", "2022-01"),
        ("The accord was signed on Jan. 5 in Geneva.", "Jan. 5", "2022-01-05"),
        ("Fighting broke out in mid-December near the border.", "mid-December", "2021-12"),
        ("Exports fell 4% last year.", "last year", "2021"),
        ("The company is now the largest employer in the region.", "now", "PRESENT_REF"),
    ],
)
def test_component_normalizes_against_the_publication_date(nlp: Language, text: str, expression: str, value: str) -> None:
    doc = _doc(nlp, text)
    assert _values(doc).get(expression) == value


@pytest.mark.model
def test_component_output_matches_schema_and_spans(nlp: Language) -> None:
    doc = _doc(nlp, "The talks lasted three days and ended on Friday, Jan. 7, 2022.")
    assert doc._.dates
    spans = list(doc.spans["dates"])
    assert len(spans) == len(doc._.dates)
    for span, item in zip(spans, doc._.dates, strict=True):
        assert isinstance(item, DateExpr) and set(item.keys()) == {"text", "start", "end", "type", "value"}
        assert doc.text[item["start"] : item["end"]] == item["text"] == span.text
        assert span.label_ == item["type"]
        assert span_value(span) == item["value"]
    assert {d["type"] for d in doc._.dates} == {"DURATION", "DATE"}
    assert _values(doc)["Friday, Jan. 7, 2022"] == "2022-01-07"


@pytest.mark.model
def test_component_leaves_relative_values_null_without_a_publication_date(nlp: Language) -> None:
    doc = _doc(nlp, "The minister said Wednesday that talks would resume in 2023.", published=None)
    values = _values(doc)
    assert values["Wednesday"] is None
    assert values["2023"] == "2023"


@pytest.mark.model
def test_component_drops_ages(nlp: Language) -> None:
    doc = _doc(nlp, "Maria Lopez, 37, and her 9-year-old daughter were found safe.")
    assert doc._.dates == []


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "trigger", "expected"),
    [
        ("The Kremlin said Wednesday the talks failed.", "said", ("2022-01-12", "predicate")),
        ("The ministers will meet on Thursday in Vienna.", "meet", ("2022-01-13", "predicate")),
        ("Allies praised Monday's talks in Geneva.", "talks", ("2022-01-10", "predicate")),
        ("On Tuesday, as tensions rose, NATO said it would send troops.", "send", ("2022-01-11", "sentence")),
        ("NATO condemned the buildup.", "condemned", ("2022-01-12", "publication")),
        # a date on a noun in the subject dates that noun, not the act
        ("The head of the team at Monday's meeting informed reporters.", "informed", ("2022-01-12", "publication")),
        ("Rebels attacked the convoy on Tuesday.", "attacked", ("2022-01-11", "predicate")),
    ],
)
def test_event_date(nlp: Language, text: str, trigger: str, expected: tuple[str, str]) -> None:
    doc = _doc(nlp, text)
    token = next(t for t in doc if t.text == trigger)
    assert event_date(doc, token) == expected


@pytest.mark.model
def test_event_date_without_any_date(nlp: Language) -> None:
    doc = _doc(nlp, "NATO condemned the buildup.", published=None)
    assert event_date(doc, doc[1]) == (None, "none")


@pytest.mark.model
def test_seed_article_dates(nlp: Language) -> None:
    seed = Path(__file__).resolve().parents[2] / "shared" / "seed" / "000_716e416b2848e74f.txt"
    if not seed.is_file():
        pytest.skip("seed article not present")
    doc = _doc(nlp, seed.read_text(encoding="utf-8"))
    found = {(d["text"], d["value"]) for d in doc._.dates}
    assert {
        ("Wednesday", "2022-01-12"),
        ("this week", "2022-W02"),
        ("Monday", "2022-01-10"),
        ("Thursday", "2022-01-13"),
        ("Tuesday", "2022-01-11"),
    } <= found


# ---------------------------------------------------------------------------------------------- gold readers


@pytest.mark.eval
def test_timeml_reader_offsets() -> None:
    folder = Path(__file__).resolve().parents[2] / "shared" / "eval" / "tempeval3_tbaq_cleaned"
    paths = sorted(folder.glob("*/*.tml"))[:5]
    if not paths:
        pytest.skip("TempEval-3 gold data not present")
    for path in paths:
        dct, text, gold = read_timeml(path)
        assert dct[:4].isdigit()
        assert gold and all(text[start:end].strip() for start, end, _, _ in gold)
        assert "<TIMEX3" not in text


@pytest.mark.eval
def test_gum_reader_rebuilds_text_and_dates() -> None:
    from eventwire.evaluate.dates import read_gum

    folder = Path(__file__).resolve().parents[2] / "shared" / "eval" / "gum_news"
    conllu = sorted((folder / "conllu").glob("*.conllu"))[:3]
    if not conllu:
        pytest.skip("GUM gold data not present")
    for path in conllu:
        created, text, gold = read_gum(path, folder / "xml" / (path.stem + ".xml"))
        assert created and created[:4].isdigit()
        assert all(text[start:end].strip() and value for start, end, _, value in gold)


def test_value_matches_a_day_against_a_time_on_that_day() -> None:
    assert value_matches("2015-09-17", "2015-09-17TNI")
    assert not value_matches("2015-09-17", "2015-09-18TNI")
