"""Place evaluation on GeoVirus (``../shared/eval/geo_geovirus``): WikiNews paragraphs whose place
mentions carry gold coordinates (Gritta et al., ACL 2018).

- ``recall``: share of gold place mentions that a predicted place overlaps;
- ``precision``: share of predicted places that overlap a gold mention;
- ``accuracy_161km``: among matched mentions, the share placed within 161 km (100 miles) of the gold
  point, the standard geocoding tolerance (a mention left without coordinates counts as wrong);
- ``median_error_km`` over matched mentions with coordinates.

GeoVirus annotates literal place names; a place name used as a government ("Washington said") is not
in its gold, so dropping such mentions (they are actors) costs nothing here.
"""

from __future__ import annotations

import statistics
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from spacy.language import Language

from ..geo.resolve import distance_km
from ..nlp.extensions import register_extensions
from . import eval_dir

FOLDER = "geo_geovirus"
FILE = "GeoVirus.xml"
TOLERANCE_KM = 161.0


@dataclass(frozen=True, slots=True)
class GoldPlace:
    start: int
    end: int
    name: str
    lat: float
    lon: float


@dataclass(frozen=True, slots=True)
class GoldArticle:
    id: str
    text: str
    places: tuple[GoldPlace, ...]


def read_geovirus(path: Path, limit: int | None = None) -> Iterator[GoldArticle]:
    root = ET.parse(path).getroot()
    for i, article in enumerate(root.iter("article")):
        if limit is not None and i >= limit:
            return
        text = article.findtext("text") or ""
        places = tuple(
            GoldPlace(
                int(loc.findtext("start") or 0),
                int(loc.findtext("end") or 0),
                loc.findtext("name") or "",
                float(loc.findtext("lat") or 0.0),
                float(loc.findtext("lon") or 0.0),
            )
            for loc in article.iter("location")
        )
        yield GoldArticle(f"geovirus-{i:04d}", text, places)


def _match(
    gold: tuple[GoldPlace, ...], predicted: list[dict[str, Any]]
) -> list[tuple[GoldPlace, dict[str, Any]]]:
    """One-to-one pairs of overlapping spans, in text order."""
    pairs: list[tuple[GoldPlace, dict[str, Any]]] = []
    used: set[int] = set()
    for g in sorted(gold, key=lambda p: (p.start, p.end)):
        for j, p in enumerate(predicted):
            if j not in used and p["start"] < g.end and g.start < p["end"]:
                pairs.append((g, p))
                used.add(j)
                break
    return pairs


def evaluate(nlp: Language, settings: dict[str, Any], limit: int | None = None) -> dict[str, float]:
    register_extensions()
    articles = list(read_geovirus(eval_dir(settings) / FOLDER / FILE, limit))

    def docs() -> Iterator[Any]:
        for article in articles:
            doc = nlp.make_doc(article.text)
            doc._.article = {"id": article.id, "date": None, "headline_span": None, "dateline": None}
            yield doc

    n_gold = n_pred = n_matched = n_within = 0
    errors: list[float] = []
    for article, doc in zip(
        articles, nlp.pipe(docs(), batch_size=settings["nlp"]["batch_size"]), strict=True
    ):
        predicted = doc._.places or []
        pairs = _match(article.places, predicted)
        n_gold += len(article.places)
        n_pred += len(predicted)
        n_matched += len(pairs)
        for g, p in pairs:
            if p.get("lat") is None or p.get("lon") is None:
                continue
            error = distance_km(g.lat, g.lon, float(p["lat"]), float(p["lon"]))
            errors.append(error)
            n_within += error <= TOLERANCE_KM
    recall = n_matched / n_gold if n_gold else 0.0
    precision = n_matched / n_pred if n_pred else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "recall": round(recall, 4),
        "precision": round(precision, 4),
        "f1": round(f1, 4),
        "accuracy_161km": round(n_within / n_matched if n_matched else 0.0, 4),
        "median_error_km": round(statistics.median(errors), 4) if errors else 0.0,
        "gold": float(n_gold),
        "predicted": float(n_pred),
    }
