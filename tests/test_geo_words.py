"""The place rules of geo-words-7 and their setting: street heads (a street named after a place lies in the
article's town), place nouns (a possessor or a country's adjective on a noun of a place on the ground, "the
village of X") and ``places.list_division_bonus`` (a state listed with states). Our own sentences."""

from __future__ import annotations

from typing import Any

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from eventwire.coding import make_doc
from eventwire.geo.fallback import FACILITY_HEADS, STREET_HEADS
from eventwire.geo.resolve import distance_km
from eventwire.geo.scan import PLACE_NOUNS, named_by_place_noun
from eventwire.ingest.readers import read_text_article
from eventwire.nlp.pipeline import load_pipeline
from eventwire.settings import load_settings

COMPONENTS = ["eventwire_actors", "eventwire_places"]


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_pipeline(load_settings(), components=COMPONENTS)


def _doc(nlp: Language, text: str, settings: dict[str, Any] | None = None) -> Doc:
    settings = settings or load_settings()
    article = read_text_article(text, id="t", settings=settings, date="2023-03-02", date_source="user")
    return nlp(make_doc(nlp, article))


def _places(nlp: Language, text: str, settings: dict[str, Any] | None = None) -> dict[str, dict[str, Any]]:
    return {p["text"]: p for p in _doc(nlp, text, settings)._.places}


# -- the word lists (no model) ---------------------------------------------------------------------------
def test_street_heads_are_facility_heads() -> None:
    # a street is located like any building (by the focus); the street list only stops the inner-place rule
    assert STREET_HEADS and STREET_HEADS <= FACILITY_HEADS, STREET_HEADS - FACILITY_HEADS


@pytest.mark.parametrize("noun", ["border", "outskirts", "suburb", "village", "waters"])
def test_place_nouns_hold_nouns_of_places_on_the_ground(noun: str) -> None:
    assert noun in PLACE_NOUNS


# -- street heads ----------------------------------------------------------------------------------------
@pytest.mark.model
@pytest.mark.parametrize(
    "text, street, lat, lon",
    [
        ("OMAHA, Neb. (AP) - Crews repaved Boston Avenue on Monday, and the road reopened by noon.",
         "Boston Avenue", 41.26, -95.94),
        ("WICHITA, Kan. (AP) - Police closed Denver Road after a truck overturned on Friday.",
         "Denver Road", 37.69, -97.34),
        ("KNOXVILLE, Tenn. (AP) - A water main broke under Memphis Street on Tuesday morning.",
         "Memphis Street", 35.96, -83.92),
    ],
)
def test_a_street_named_after_a_town_lies_in_the_article_town(
    nlp: Language, text: str, street: str, lat: float, lon: float
) -> None:
    place = _places(nlp, text)[street]
    assert place["evidence"] == ["article_focus"]
    assert distance_km(place["lat"], place["lon"], lat, lon) < 30


@pytest.mark.model
def test_a_building_named_after_a_town_still_takes_that_town(nlp: Language) -> None:
    # not a street head: the place inside the name wins over the dateline's town
    text = "OMAHA, Neb. (AP) - Visitors lined up at the Denver Art Museum on Monday to see the new exhibit."
    place = _places(nlp, text)["Denver Art Museum"]
    assert place["evidence"] == ["place_in_name"]
    assert distance_km(place["lat"], place["lon"], 39.74, -104.98) < 30


# -- place nouns -----------------------------------------------------------------------------------------
@pytest.mark.model
@pytest.mark.parametrize(
    "text, name, country",
    [
        ("Kabul's suburbs emptied as the fighting spread.", "Kabul", "AFG"),
        ("Residents fled Kabul's outskirts as the shelling went on.", "Kabul", "AFG"),
        ("Nairobi's neighborhoods lost power for six hours on Sunday.", "Nairobi", "KEN"),
        ("Madrid's downtown was closed to cars for the marathon.", "Madrid", "ESP"),
    ],
)
def test_a_possessor_of_a_place_noun_is_the_place(nlp: Language, text: str, name: str, country: str) -> None:
    assert _places(nlp, text)[name]["country"] == country


@pytest.mark.model
def test_a_possessor_of_a_decision_stays_the_government(nlp: Language) -> None:
    assert "Madrid" not in _places(nlp, "Madrid's decision angered several allies.")


@pytest.mark.model
@pytest.mark.parametrize(
    "text, adjective, country",
    [
        ("Trucks queued for days at the Chilean frontier last month.", "Chilean", "CHL"),
        ("Tourists crowded the Italian coastline in August.", "Italian", "ITA"),
        ("Fishermen along the Kenyan coast reported record catches this season.", "Kenyan", "KEN"),
        # on a building or ground (facility_heads) too
        ("Fans packed the Peruvian stadium for the final.", "Peruvian", "PER"),
        ("Cargo piled up at the Kenyan port after the strike.", "Kenyan", "KEN"),
    ],
)
def test_a_country_adjective_on_a_place_noun_names_the_country(
    nlp: Language, text: str, adjective: str, country: str
) -> None:
    place = _places(nlp, text)[adjective]
    assert place["country"] == country and place["feature"] == "A.PCLI"


@pytest.mark.model
@pytest.mark.parametrize("text", ["Italian officials met on Monday.", "A French diplomat flew home on Sunday."])
def test_a_country_adjective_on_other_nouns_is_no_place(nlp: Language, text: str) -> None:
    assert _places(nlp, text) == {}


@pytest.mark.model
@pytest.mark.parametrize(
    "text, name, country",
    [
        ("Families returned to the district of Gulu after the floods.", "Gulu", "UGA"),
        ("Families returned to the town of Mbale after the floods.", "Mbale", "UGA"),
        ("Shelling hit the outskirts of Kharkiv overnight.", "Kharkiv", "UKR"),
    ],
)
def test_a_name_after_a_place_noun_and_of_is_a_place(nlp: Language, text: str, name: str, country: str) -> None:
    doc = _doc(nlp, text)
    assert named_by_place_noun(doc, next(t.i for t in doc if t.text == name))
    assert {p["text"]: p for p in doc._.places}[name]["country"] == country


# -- list_division_bonus ---------------------------------------------------------------------------------
@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        "Crops failed in Nebraska, Kansas and Washington this summer.",
        "Wildfires spread across Oregon, Washington and Idaho over the weekend.",
        "Crops failed in Nebraska and Washington this summer.",
    ],
)
def test_a_state_listed_with_states_is_the_state(nlp: Language, text: str) -> None:
    washington = _places(nlp, text)["Washington"]
    assert washington["feature"] == "A.ADM1" and washington["country"] == "USA"
    assert "listed_with_divisions" in washington["evidence"]


@pytest.mark.model
def test_without_the_list_bonus_a_listed_name_takes_its_usual_reading() -> None:
    settings = load_settings()
    settings["places"]["list_division_bonus"] = 0.0
    nlp = load_pipeline(settings, components=COMPONENTS)
    text = "Crops failed in Nebraska, Kansas and Washington this summer."
    washington = _places(nlp, text, settings)["Washington"]
    assert washington["feature"] != "A.ADM1" and "listed_with_divisions" not in washington["evidence"]


@pytest.mark.model
def test_the_capital_outside_a_list_of_states_stays_the_capital(nlp: Language) -> None:
    washington = _places(nlp, "The senator flew from Washington to Chicago on Monday.")["Washington"]
    assert washington["feature"] == "P.PPLC"
