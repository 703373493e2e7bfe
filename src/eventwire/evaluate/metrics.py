"""Small shared metrics for the evaluations."""

from __future__ import annotations

DIGITS = 4


def ratio(numerator: float, denominator: float) -> float:
    return round(numerator / denominator, DIGITS) if denominator else 0.0


def prf(true_positives: int, predicted: int, gold: int) -> tuple[float, float, float]:
    """Precision, recall, F1 rounded to four places (0.0 where undefined)."""
    precision = true_positives / predicted if predicted else 0.0
    recall = true_positives / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return round(precision, DIGITS), round(recall, DIGITS), round(f1, DIGITS)
