"""The only place the evaluations compute their figures: ratios, P/R/F1, distances and accuracy@km.

The distance is computed here, not borrowed from ``eventwire.geo``: the scorer must not share code with
the system it scores.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Iterable

DIGITS = 4
EARTH_RADIUS_KM = 6371.0088  # mean Earth radius (IUGG)
# the standard geocoding tolerance: 100 miles (Gritta et al. 2019)
TOLERANCE_KM = 161.0


def fraction(numerator: float, denominator: float) -> float:
    """``numerator / denominator`` unrounded (to combine further); 0.0 when the denominator is 0."""
    return numerator / denominator if denominator else 0.0


def ratio(numerator: float, denominator: float) -> float:
    """``numerator / denominator`` rounded to four places; 0.0 when the denominator is 0."""
    return round(fraction(numerator, denominator), DIGITS)


def f1(precision: float, recall: float) -> float:
    return round(2 * precision * recall / (precision + recall), DIGITS) if precision + recall else 0.0


def prf(true_positives: int, predicted: int, gold: int) -> tuple[float, float, float]:
    """Precision, recall, F1 rounded to four places (0.0 where undefined)."""
    return prf_split(true_positives, predicted, true_positives, gold)


def prf_split(predicted_hits: int, predicted: int, gold_hits: int, gold: int) -> tuple[float, float, float]:
    """P/R/F1 when hits are counted on each side (a prediction and a gold item may match several)."""
    precision = predicted_hits / predicted if predicted else 0.0
    recall = gold_hits / gold if gold else 0.0
    return round(precision, DIGITS), round(recall, DIGITS), f1(precision, recall)


def prf_scores(prefix: str, true_positives: int, predicted: int, gold: int) -> dict[str, float]:
    """``{prefix}precision``, ``{prefix}recall``, ``{prefix}f1``."""
    p, r, f = prf(true_positives, predicted, gold)
    return {f"{prefix}precision": p, f"{prefix}recall": r, f"{prefix}f1": f}


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km between two WGS84 points."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    d_phi, d_lambda = phi2 - phi1, math.radians(lon2 - lon1)
    a = math.sin(d_phi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(d_lambda / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def within_km(lat1: float, lon1: float, lat2: float, lon2: float, tolerance: float = TOLERANCE_KM) -> bool:
    return haversine_km(lat1, lon1, lat2, lon2) <= tolerance


def median(values: Iterable[float]) -> float:
    data = list(values)
    return round(statistics.median(data), DIGITS) if data else 0.0


def rounded(scores: dict[str, float]) -> dict[str, float]:
    return {key: round(value, DIGITS) for key, value in scores.items()}
