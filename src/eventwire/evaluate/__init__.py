"""Development evaluations on the gold sets in ``../shared/eval`` (never copied into the repo).

Each evaluation is a function ``evaluate(nlp, settings, limit=None, split=None) -> dict[str, float]`` in a
module of this package, registered in :data:`EVALUATIONS`; ``split`` is ``"tune"``, ``"check"`` (see
:mod:`.splits`) or None for all items. Predictions are read from output records (``code_articles`` /
``doc_to_record``), never from Doc extensions. :func:`run_evaluation` scores each split separately and
keys the results ``check.<metric>`` / ``tune.<metric>``; ``eventwire eval NAME`` prints them and the
accuracy gate (tests/test_eval_gate.py) compares them with ``tests/eval_baseline.json``.
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..errors import ErrorCode, UsageError
from .splits import SPLITS, check_split

# name -> (module, function, folder under the shared eval directory it needs)
EVALUATIONS: dict[str, tuple[str, str, str]] = {
    "gum_news": ("eventwire.evaluate.gum", "evaluate_entities", "gum_news"),
    "actors": ("eventwire.evaluate.actors", "evaluate", "gum_news"),
    "events": ("eventwire.evaluate.events", "evaluate", "cameo_codebook_examples"),
    "conflibert": ("eventwire.evaluate.conflibert", "evaluate", "conflibert_cameo"),
    "quotes": ("eventwire.evaluate.quotes", "evaluate", "polnear"),
    "dates": ("eventwire.evaluate.dates", "evaluate", "tempeval3_tbaq_cleaned"),
    "gum_dates": ("eventwire.evaluate.dates", "evaluate_gum", "gum_news"),
    "places": ("eventwire.evaluate.places", "evaluate", "geo_geovirus"),
    "geowebnews": ("eventwire.evaluate.geowebnews", "evaluate", "geo_geowebnews"),
}


def eval_dir(settings: dict[str, Any]) -> Path:
    return Path(settings["eval"]["shared_dir"]).expanduser()


def available(name: str, settings: dict[str, Any]) -> bool:
    """The evaluation exists in this build and its gold data is present."""
    if name not in EVALUATIONS:
        return False
    module, _, folder = EVALUATIONS[name]
    return importlib.util.find_spec(module) is not None and (eval_dir(settings) / folder).is_dir()


def run_evaluation(
    name: str, nlp: Any, settings: dict[str, Any], limit: int | None = None, splits: Sequence[str] = SPLITS
) -> dict[str, float]:
    """Scores of each split, keyed ``"{split}.{metric}"`` (check first); ``limit`` applies per split."""
    if name not in EVALUATIONS:
        raise UsageError(ErrorCode.E011, reason=f"unknown evaluation {name!r}; known: {', '.join(EVALUATIONS)}")
    for split in splits:
        check_split(split)
    module, function, folder = EVALUATIONS[name]
    if not (eval_dir(settings) / folder).is_dir():
        raise UsageError(
            ErrorCode.E011, reason=f"gold data for {name!r} not found in {eval_dir(settings) / folder} (settings: eval.shared_dir)"
        )
    evaluate = getattr(importlib.import_module(module), function)
    scores: dict[str, float] = {}
    for split in splits:
        scores.update({f"{split}.{metric}": value for metric, value in evaluate(nlp, settings, limit=limit, split=split).items()})
    return scores
