"""Pin the current scores of one evaluation in tests/eval_baseline.json (a deliberate commit).

    python scripts/pin_baseline.py NAME [METRIC ...]

Without METRIC names, the metrics already pinned for NAME are refreshed (all metrics for a new set).
Metrics whose name contains "wrong", "error" or "missing" are pinned as lower-is-better.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from eventwire.coding import load
from eventwire.evaluate import run_evaluation
from eventwire.settings import load_settings

BASELINE = Path(__file__).resolve().parents[1] / "tests" / "eval_baseline.json"
LOWER_IS_BETTER = ("wrong", "error", "missing", "no_event")


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__)
        return 2
    name, wanted = argv[0], argv[1:]
    settings = load_settings()
    scores = run_evaluation(name, load(settings), settings)
    baseline = json.loads(BASELINE.read_text(encoding="utf-8")) if BASELINE.exists() else {}
    metrics = wanted or list(baseline.get(name, {})) or [m for m in scores if m != "documents"]
    baseline[name] = {
        metric: {
            "value": scores[metric],
            "better": "lower" if any(word in metric for word in LOWER_IS_BETTER) else "higher",
        }
        for metric in metrics
    }
    BASELINE.write_text(json.dumps(baseline, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    print(json.dumps({m: scores[m] for m in metrics}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
