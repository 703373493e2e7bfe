"""The accuracy gate: development scores may not drop below the pinned baseline.

Raising a baseline is a deliberate commit (scripts/pin_baseline.py NAME). Skips cleanly when
../shared/eval is absent.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from eventwire.evaluate import EVALUATIONS, available, run_evaluation

BASELINE = Path(__file__).with_name("eval_baseline.json")
# scores are deterministic; the tolerance only absorbs float formatting
TOLERANCE = 0.0005

pytestmark = [pytest.mark.model, pytest.mark.eval]


def _baseline() -> dict[str, dict[str, dict[str, Any]]]:
    return json.loads(BASELINE.read_text(encoding="utf-8"))


def test_baseline_names_known_sets_and_metrics() -> None:
    for name, metrics in _baseline().items():
        assert name in EVALUATIONS
        for metric, pin in metrics.items():
            assert pin["better"] in ("higher", "lower"), metric
            assert isinstance(pin["value"], int | float)


@pytest.mark.parametrize("name", sorted(_baseline()))
def test_scores_do_not_drop(name: str, full_nlp: Any, settings: dict[str, Any]) -> None:
    if not available(name, settings):
        pytest.skip(f"gold data or evaluation for {name} not available")
    scores = run_evaluation(name, full_nlp, settings)
    drops = []
    for metric, pin in _baseline()[name].items():
        value = scores[metric]
        worse = value < pin["value"] - TOLERANCE if pin["better"] == "higher" else value > pin["value"] + TOLERANCE
        if worse:
            drops.append(f"{metric}: {value:.4f} (baseline {pin['value']:.4f}, {pin['better']} is better)")
    assert not drops, f"{name} scores dropped: " + "; ".join(drops)
