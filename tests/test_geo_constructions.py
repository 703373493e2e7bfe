"""Constructions that make a name a place where the NER or the metonymy test would not: datelines in title
case, a town named with its state. Our own sentences."""

# ruff: noqa: F811  (pytest passes the imported `nlp` fixture to each test by name)
from __future__ import annotations

import pytest
from spacy.language import Language

from eventwire.coding import make_doc
from eventwire.ingest.readers import read_text_article
from eventwire.settings import load_settings
from test_geo_context import _by_text, nlp  # noqa: F401  (the model fixture and the reader)


@pytest.mark.model
@pytest.mark.parametrize(
    "text, name, country",
    [
        ("Doha: The city will host a trade fair next month.", "Doha", "QAT"),
        ("Quito, EFE- The city opened a new clinic on Monday.", "Quito", "ECU"),
        ("Nairobi, May 4 (Xinhua) - The county opened a new clinic on Monday.", "Nairobi", "KEN"),
        ("A short caption.\nLima: Buses stopped running after the strike began.", "Lima", "PER"),
    ],
)
def test_a_dateline_in_title_case_is_a_place(
    nlp: Language, text: str, name: str, country: str
) -> None:
    assert _by_text(nlp, text)[name]["country"] == country


@pytest.mark.model
@pytest.mark.parametrize("text", ["Note: The meeting is open to the public.", "Photo: A crowd gathered outside."])
def test_a_label_before_a_colon_is_no_dateline(nlp: Language, text: str) -> None:
    assert _by_text(nlp, text) == {}


@pytest.mark.model
@pytest.mark.parametrize(
    "text, name, country",
    [
        ("The Denver, Colorado-based company said on Monday that profits rose.", "Denver", "USA"),
        ("The Lima, Peru-based firm said on Monday that sales fell.", "Lima", "PER"),
    ],
)
def test_a_town_named_with_its_state_is_the_town(nlp: Language, text: str, name: str, country: str) -> None:
    place = _by_text(nlp, text)[name]
    assert place["country"] == country and "qualifier" in place["evidence"]


@pytest.mark.model
def test_a_capital_subject_without_a_state_stays_the_government(nlp: Language) -> None:
    assert "Madrid" not in _by_text(nlp, "Madrid said it would respond to the sanctions.")


@pytest.mark.model
@pytest.mark.parametrize("label", ["ORG", "PERSON"])
def test_a_town_the_ner_calls_an_organisation_is_a_place_when_named_with_its_state(nlp: Language, label: str) -> None:
    from spacy.tokens import Span

    settings = load_settings()
    text = "Shares of the Round Rock, Texas company fell on Monday."
    doc = make_doc(nlp, read_text_article(text, id="t", settings=settings, date="2023-03-02", date_source="user"))
    for name, proc in nlp.pipeline:
        doc = proc(doc)
        if name == "ner":  # the tag the small model gives such names now and then
            doc.ents = [Span(doc, 3, 5, label=label), Span(doc, 6, 7, label="GPE")]
    town = {p["text"]: p for p in doc._.places}["Round Rock"]
    assert town["country"] == "USA" and "qualifier" in town["evidence"]
