"""Places on GeoWebNews (``../shared/eval/geo_geowebnews/GWN.xml``): 200 articles from 200 news sites with
fine-grained toponym types (Gritta, Pilehvar & Collier 2019). Scored like GeoVirus (places.py).

Which annotations count, following the paper's taxonomy:

- places (gold): ``Literal``, ``Mixed`` (literal and metonymic at once), ``Literal_Modifier`` ("a Paris
  cafe"), ``Embedded_Literal`` and ``Coercion`` (a non-toponym used as a location); geocoding is scored on
  those that carry coordinates;
- not places: ``Metonymic`` ("Moscow said": an actor), ``Non_Literal_Modifier``, ``Embedded_Non_Lit``,
  ``Demonym``, ``Language``, ``Homonym``, ``Non_Toponym``: a place we output there is a false place;
- ignored: ``Literal_Expression`` / ``Non_Lit_Expression`` are whole noun phrases ("the lot"), not toponyms:
  a place we output inside one (and on no scored name) is neither a hit nor a false place.

A gold toponym is a country when its GeoNames id is a country's.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

from spacy.language import Language

from . import eval_dir
from .places import GoldArticle, GoldPlace, code_gold, country_by_geonameid
from .splits import select

FOLDER = "geo_geowebnews"
FILE = "GWN.xml"
PLACE_TYPES = frozenset({"Literal", "Mixed", "Literal_Modifier", "Embedded_Literal", "Coercion"})
EXPRESSION_TYPES = frozenset({"Literal_Expression", "Non_Lit_Expression"})


def _coordinate(value: str | None) -> float | None:
    try:
        return float(value) if value not in (None, "", "None") else None
    except ValueError:
        return None


def read_geowebnews(path: Path, limit: int | None = None, split: str | None = None) -> list[GoldArticle]:
    articles = []
    for i, article in enumerate(ET.parse(path).getroot().iter("article")):
        places: list[GoldPlace] = []
        ignored: list[tuple[int, int]] = []
        for toponym in article.iter("toponym"):
            kind = toponym.findtext("type") or ""
            start, end = int(toponym.findtext("start") or 0), int(toponym.findtext("end") or 0)
            if kind in EXPRESSION_TYPES:
                ignored.append((start, end))
            elif kind in PLACE_TYPES:
                places.append(GoldPlace(
                    start, end, toponym.findtext("extractedName") or "",
                    _coordinate(toponym.findtext("latitude")), _coordinate(toponym.findtext("longitude")),
                    country_by_geonameid().get((toponym.findtext("geonamesID") or "").strip()),
                ))
        articles.append(GoldArticle(f"gwn-{i:04d}", article.findtext("text") or "", tuple(places), tuple(ignored)))
    return select(articles, lambda a: a.id, split, limit)


def evaluate(nlp: Language, settings: dict[str, Any], limit: int | None = None, split: str | None = None) -> dict[str, float]:
    return code_gold(nlp, settings, read_geowebnews(eval_dir(settings) / FOLDER / FILE, limit, split))
