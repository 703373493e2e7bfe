"""Divisions (data/geo/admin.tsv.gz), area points, and resolution by article context and home hint.
Sentences are written for these tests."""

from __future__ import annotations

import pytest
from spacy.language import Language

from eventwire.coding import make_doc
from eventwire.geo import load_gazetteer
from eventwire.geo.areas import area_point
from eventwire.geo.resolve import Context, Weights, distance_km, hint_context
from eventwire.ingest.readers import read_text_article
from eventwire.nlp.pipeline import load_pipeline
from eventwire.settings import component_settings, load_settings


def test_area_point_is_the_middle_of_the_box_not_the_crowd() -> None:
    # three places bunched in one corner and one far off: the box middle, not the mean
    lat, lon = area_point([(0.0, 0.0), (0.1, 0.1), (0.2, 0.0), (10.0, 10.0)], 0.0)
    assert (lat, lon) == (5.0, 5.0)


def test_area_point_across_the_antimeridian() -> None:
    lat, lon = area_point([(-17.0, 179.0), (-16.0, -179.0)], 0.0)
    assert lat == -16.5 and abs(abs(lon) - 180.0) < 1e-9


@pytest.mark.parametrize(
    "name, feature, cc",
    [
        ("Ky.", "A.ADM1", "US"),  # AP-style abbreviations of US states
        ("W.Va.", "A.ADM1", "US"),
        ("B.C.", "A.ADM1", "CA"),
        ("Benue", "A.ADM1", "NG"),  # first-level divisions the overlay does not carry
        ("Lamar County", "A.ADM2", "US"),  # counties and parishes
        ("Bossier Parish", "A.ADM2", "US"),
    ],
)
def test_divisions_are_in_the_gazetteer(name: str, feature: str, cc: str) -> None:
    found = load_gazetteer().lookup(name)
    assert any(c.place.feature == feature and c.place.cc == cc and c.place.lat is not None for c in found)


def test_overlay_state_and_division_table_are_one_entry() -> None:
    readings = [c.place for c in load_gazetteer().lookup("Kentucky") if c.place.feature == "A.ADM1"]
    assert len(readings) == 1 and readings[0].admin1 == "KY"


def test_a_county_carries_its_state() -> None:
    states = {c.place.admin1 for c in load_gazetteer().lookup("Lamar County")}
    assert {"TX", "MS"} <= states


def test_hint_gives_the_home_state_and_country() -> None:
    weights = Weights.from_settings(component_settings("places", None))
    context = Context()
    hint_context("Louisiana, US", load_gazetteer(), weights, context)
    assert "US" in context.countries and ("US", "LA") in context.hint_admin1


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_pipeline(load_settings(), components=["eventwire_actors", "eventwire_places"])


def _places(nlp: Language, text: str, hint: str | None = None) -> dict[str, dict[str, object]]:
    settings = load_settings()
    article = read_text_article(text, id="t", settings=settings, date="2023-03-02", date_source="user")
    doc = make_doc(nlp, article)
    if hint:
        doc._.article = {**doc._.article, "place_hint": hint}
    return {p["text"]: p for p in nlp(doc)._.places}


@pytest.mark.model
def test_towns_of_a_county_and_state_settle_an_ambiguous_town(nlp: Language) -> None:
    text = (
        "The fair drew farmers from across Lamar County and northeast Texas. "
        "Vendors in Paris said sales were the best in years."
    )
    paris = _places(nlp, text)["Paris"]
    assert paris["country"] == "USA"
    assert distance_km(float(paris["lat"]), float(paris["lon"]), 33.66, -95.56) < 50  # type: ignore[arg-type]


@pytest.mark.model
def test_abbreviated_state_gets_coordinates(nlp: Language) -> None:
    place = _places(nlp, "A new clinic opened on Monday in Paducah, Ky., officials said.")["Ky."]
    assert place["name"] == "Kentucky" and place["lat"] is not None


@pytest.mark.model
def test_a_qualified_name_settles_its_later_mentions(nlp: Language) -> None:
    text = "Rain flooded roads in Paris, Texas, on Sunday. By Monday the water in Paris had gone down."
    doc_places = [p for p in _places_list(nlp, text) if p["text"] == "Paris"]
    assert len(doc_places) == 2 and {p["country"] for p in doc_places} == {"USA"}


def _places_list(nlp: Language, text: str) -> list[dict[str, object]]:
    settings = load_settings()
    article = read_text_article(text, id="t", settings=settings, date="2023-03-02", date_source="user")
    return list(nlp(make_doc(nlp, article))._.places)


@pytest.mark.model
def test_home_hint_picks_the_local_namesake(nlp: Language) -> None:
    text = "The mayor of Alexandria opened a new library on Friday."
    place = _places(nlp, text, hint="Louisiana, US")["Alexandria"]
    assert place["country"] == "USA"
    assert distance_km(float(place["lat"]), float(place["lon"]), 31.31, -92.45) < 50  # type: ignore[arg-type]
