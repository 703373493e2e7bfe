"""Pin the current scores of one evaluation, both splits, in tests/eval_baseline.json (a deliberate commit).

    python scripts/pin_baseline.py NAME [METRIC ...] [--scores FILE]

With ``--scores FILE`` the scores are read from FILE (the output of ``eventwire eval NAME --json``, full
splits) instead of being measured again.

METRIC is a plain metric name ("root_recall"); it is pinned for the check and the tune split
("check.root_recall", "tune.root_recall"), beside the metrics already pinned for NAME, which are refreshed
too. Without METRIC names only those are refreshed (for a new set: every score that is not a count). Metrics whose name contains "wrong", "error",
"missing", "no_event" or "no_coordinates" are pinned as lower-is-better.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from eventwire.coding import load
from eventwire.evaluate import run_evaluation
from eventwire.evaluate.splits import SPLITS
from eventwire.settings import load_settings

BASELINE = Path(__file__).resolve().parents[1] / "tests" / "eval_baseline.json"
LOWER_IS_BETTER = ("wrong", "error", "missing", "no_event", "no_coordinates")
# counts and rates that describe the output rather than grade it
NOT_PINNED = ("documents", "sentences", "articles", "gold", "predicted", "coref_mentions", "per_sentence")


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__)
        return 2
    scores_file = None
    if "--scores" in argv:
        at = argv.index("--scores")
        scores_file, argv = Path(argv[at + 1]), argv[:at] + argv[at + 2:]
    name, wanted = argv[0], argv[1:]
    if scores_file is not None:
        scores = json.loads(scores_file.read_text(encoding="utf-8"))
    else:
        settings = load_settings()
        scores = run_evaluation(name, load(settings), settings)
    baseline = json.loads(BASELINE.read_text(encoding="utf-8")) if BASELINE.exists() else {}
    plain = {key.split(".", 1)[1] for key in scores}
    pinned = {key.split(".", 1)[-1] for key in baseline.get(name, {})} & plain
    metrics = sorted(pinned | set(wanted)) or sorted(m for m in plain if not any(word in m for word in NOT_PINNED))
    baseline[name] = {
        f"{split}.{metric}": {
            "value": scores[f"{split}.{metric}"],
            "better": "lower" if any(word in metric for word in LOWER_IS_BETTER) else "higher",
        }
        for split in SPLITS
        for metric in metrics
    }
    BASELINE.write_text(json.dumps(baseline, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    print(json.dumps({key: pin["value"] for key, pin in baseline[name].items()}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
