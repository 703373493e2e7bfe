"""Places the NER misses, acronym traps, unknown buildings located by their surroundings, and the readings
and evidence kept on each place. Our own sentences; the gazetteer is the shipped one."""

from __future__ import annotations

from typing import Any

import pytest
from spacy.language import Language

from eventwire.coding import make_doc
from eventwire.evaluate.places import GoldArticle, GoldPlace, level_of
from eventwire.evaluate.places import score as score_places
from eventwire.geo import load_gazetteer
from eventwire.geo.gazetteer import Gazetteer
from eventwire.geo.resolve import candidates_for, distance_km
from eventwire.ingest.readers import read_text_article
from eventwire.nlp.pipeline import load_pipeline
from eventwire.settings import load_settings


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_pipeline(load_settings(), components=["eventwire_actors", "eventwire_places"])


def _places(nlp: Language, text: str) -> list[dict[str, Any]]:
    settings = load_settings()
    article = read_text_article(text, id="t", settings=settings, date="2023-03-02", date_source="user")
    return list(nlp(make_doc(nlp, article))._.places)


def _by_text(nlp: Language, text: str) -> dict[str, Any]:
    return {p["text"]: p for p in _places(nlp, text)}


# -- gazetteer (no model) ------------------------------------------------------------------------------
def test_gazetteer_builds_city_places_only_when_looked_up() -> None:
    # what keeps loading at about a second (timed in bench/cost.py, not here): the city rows stay text until
    # a key leads to them
    gazetteer = Gazetteer({"A.ADM1": 2_000_000})
    assert len(gazetteer) > 200_000
    built = len(gazetteer._cities)
    assert built < len(gazetteer) // 10, built  # capitals and what they need, not every row


def test_lazy_city_rows_keep_main_names_and_abbreviations() -> None:
    gazetteer = load_gazetteer()
    geneva = [c for c in gazetteer.lookup("Geneva") if c.place.country == "CHE"]
    assert geneva and geneva[0].primary and geneva[0].place.geonameid == 2660646
    # one place object per row, whichever key leads to it
    assert any(c.place is geneva[0].place for c in gazetteer.lookup("Genève"))
    us = gazetteer.lookup("US", abbreviations_only=True)
    assert [c.place.country for c in us] == ["USA"]


@pytest.mark.parametrize("acronym", ["EU", "OAS"])
def test_an_acronym_is_not_a_town_that_shares_its_letters(acronym: str) -> None:
    gazetteer = load_gazetteer()
    assert gazetteer.lookup(acronym), "the town exists under its own name"
    assert candidates_for(gazetteer, acronym, acronym_max_letters=3) == []


def test_capitalised_abbreviations_still_read() -> None:
    gazetteer = load_gazetteer()
    for name, country in (("UAE", "ARE"), ("U.S.", "USA"), ("DRC", "COD")):
        assert any(c.place.country == country for c in candidates_for(gazetteer, name, acronym_max_letters=3))


# -- the component --------------------------------------------------------------------------------------
@pytest.mark.model
def test_eu_stays_an_organisation(nlp: Language) -> None:
    places = _by_text(nlp, "Ministers of the EU met on Monday to discuss fishing quotas in the EU.")
    assert "EU" not in places


@pytest.mark.model
def test_a_country_name_is_the_country_not_its_capital(nlp: Language) -> None:
    text = "MEXICO CITY (AP) - Voters in Mexico went to the polls on Sunday."
    places = _by_text(nlp, text)
    assert places["Mexico"]["feature"] == "A.PCLI"


@pytest.mark.model
def test_a_dateline_inside_the_text_is_a_place(nlp: Language) -> None:
    text = (
        "A caption about the photo above. Photo by a staff photographer.\n\n"
        "TORONTO (CP) - The city council voted on Tuesday to extend the subway line."
    )
    toronto = _by_text(nlp, text)["TORONTO"]
    assert toronto["country"] == "CAN" and toronto["feature"].startswith("P.")


@pytest.mark.model
def test_a_town_after_a_locative_preposition_is_found_without_the_ner(nlp: Language) -> None:
    places = _places(nlp, "The regiment trained in Aldershot for six weeks before the deployment.")
    aldershot = [p for p in places if p["text"] == "Aldershot"]
    assert aldershot and aldershot[0]["country"] == "GBR"


@pytest.mark.model
def test_a_month_after_in_is_not_a_place(nlp: Language) -> None:
    places = _by_text(nlp, "The bridge reopened in March after repairs that began in January.")
    assert "March" not in places and "January" not in places


@pytest.mark.model
def test_a_building_is_located_by_the_town_in_its_name(nlp: Language) -> None:
    place = _by_text(nlp, "Thousands prayed at the Lima Cathedral on Sunday morning.")["Lima Cathedral"]
    assert place["evidence"] == ["place_in_name"] and place["geonameid"] is None and place["feature"] is None
    assert distance_km(place["lat"], place["lon"], -12.05, -77.04) < 30
    assert place["candidates"][0]["name"] == "Lima"


@pytest.mark.model
def test_a_street_is_located_by_the_article_focus_not_by_a_town_called_street(nlp: Language) -> None:
    text = "Fans filled Hangang Stadium near Seoul on Friday, and traffic backed up for hours."
    place = _by_text(nlp, text)["Hangang Stadium"]
    assert place["evidence"] == ["article_focus"]
    assert distance_km(place["lat"], place["lon"], 37.57, 126.98) < 30


@pytest.mark.model
def test_a_sea_is_not_placed_at_a_town(nlp: Language) -> None:
    places = _by_text(nlp, "Tankers waited off the Quiet Bluewater Gulf while talks went on in Seoul.")
    assert all(p["lat"] is not None for p in places.values())  # nothing unlocated is emitted
    assert "Quiet Bluewater Gulf" not in places or places["Quiet Bluewater Gulf"]["evidence"] != ["article_focus"]


@pytest.mark.model
def test_readings_and_evidence_are_kept(nlp: Language) -> None:
    text = "The fair drew farmers from across Lamar County and northeast Texas. Vendors in Paris said sales rose."
    paris = _by_text(nlp, text)["Paris"]
    readings = paris["candidates"]
    assert 1 < len(readings) <= load_settings()["places"]["max_candidates"]
    assert readings[0]["geonameid"] == paris["geonameid"] and readings[0]["country"] == "USA"
    assert any(r["country"] == "FRA" for r in readings[1:])
    assert readings[0]["score"] >= max(r["score"] for r in readings[1:])
    assert "article_division" in paris["evidence"] or "near_article_place" in paris["evidence"]


# -- the scorer's feature levels (no model) ------------------------------------------------------------
def test_scores_by_feature_level() -> None:
    text = "Aaaa Bbbb Cccc Dddd"
    gold = GoldArticle(
        "x",
        text,
        (
            GoldPlace(0, 4, "Aaaa", 10.0, 10.0, "FRA"),
            GoldPlace(5, 9, "Bbbb", 20.0, 20.0),
            GoldPlace(10, 14, "Cccc", 30.0, 30.0),
        ),
    )
    predicted = [
        {"start": 0, "end": 4, "lat": 46.0, "lon": 2.0, "feature": "A.PCLI", "country": "FRA"},
        {"start": 5, "end": 9, "lat": 20.0, "lon": 20.0, "feature": "A.ADM1", "country": None},
        {"start": 10, "end": 14, "lat": 35.0, "lon": 35.0, "feature": "P.PPL", "country": None},
    ]
    assert [level_of(p) for p in predicted] == ["country", "admin", "city"]
    scores = score_places([(gold, predicted)])
    assert scores["country_accuracy_161km"] == 1.0 and scores["admin_accuracy_161km"] == 1.0
    assert scores["city_found"] == 1.0 and scores["city_accuracy_161km"] == 0.0
    assert scores["other_found"] == 0.0


def test_a_name_placed_once_is_found_where_it_comes_again() -> None:
    import spacy

    from eventwire.geo.scan import repeated_names
    from eventwire.nlp.extensions import register_extensions

    register_extensions()
    doc = spacy.blank("en")("GLENROY - Crews paved roads. Glenroy growers met. The glenroy mill and Glenroy Smith left.")
    placed = doc[0:1]
    found = repeated_names(doc, [(placed, "the place")], taken={0})
    # a lower-case word is not the name; the rest are, each once, with the place of the named span
    assert [(span.start, what) for span, what in found] == [(6, "the place"), (14, "the place")]


@pytest.mark.model
def test_unknown_places_are_left_out_when_locating_them_is_off() -> None:
    settings = load_settings()
    settings["places"]["locate_unresolved"] = False
    nlp = load_pipeline(settings, components=["eventwire_actors", "eventwire_places"])
    article = read_text_article("Thousands prayed at the Lima Cathedral on Sunday morning.", id="t",
                                settings=settings, date="2023-03-02", date_source="user")
    assert [p["text"] for p in nlp(make_doc(nlp, article))._.places] == []


@pytest.mark.model
def test_an_unknown_name_after_a_preposition_is_located_by_the_focus(nlp: Language) -> None:
    text = "CAPE TOWN (AP) - Families in Nqobeville waited for water on Monday, officials said."
    places = [p for p in _places(nlp, text) if p["text"] == "Nqobeville"]
    assert places and places[0]["evidence"] == ["article_focus"]
    assert distance_km(places[0]["lat"], places[0]["lon"], -33.93, 18.42) < 50
