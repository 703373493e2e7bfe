"""The accuracy gate and the scorers behind it.

The gate: development scores of both splits (``check.<metric>``, ``tune.<metric>``) may not drop below the
pinned baseline. Raising a baseline is a deliberate commit (scripts/pin_baseline.py NAME). Skips cleanly when
../shared/eval is absent.

The scorer tests use small hand-made records (our own sentences, no gold text) and need no model.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from eventwire.evaluate import EVALUATIONS, available, run_evaluation
from eventwire.evaluate.conflibert import GoldSentence, family_of, matching_span
from eventwire.evaluate.conflibert import score as score_conflibert
from eventwire.evaluate.events import score_sets
from eventwire.evaluate.metrics import haversine_km, prf, ratio
from eventwire.evaluate.places import GoldArticle, GoldPlace, resolved
from eventwire.evaluate.places import score as score_places
from eventwire.evaluate.splits import CHECK, SPLITS, TUNE, select, split_of

BASELINE = Path(__file__).with_name("eval_baseline.json")
# scores are deterministic; the tolerance only absorbs float formatting
TOLERANCE = 0.0005


def _baseline() -> dict[str, dict[str, dict[str, Any]]]:
    return json.loads(BASELINE.read_text(encoding="utf-8"))


# ---------------------------------------------------------------------------------------------- the gate


def test_baseline_names_known_sets_and_both_splits() -> None:
    baseline = _baseline()
    assert set(baseline) == set(EVALUATIONS), "every evaluation is pinned"
    for name, metrics in baseline.items():
        for key, pin in metrics.items():
            split, _, metric = key.partition(".")
            assert split in SPLITS and metric, key
            assert f"{CHECK if split == TUNE else TUNE}.{metric}" in metrics, f"{name} pins {key} on one split only"
            assert pin["better"] in ("higher", "lower"), key
            assert isinstance(pin["value"], int | float)


@pytest.mark.model
@pytest.mark.eval
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


# ---------------------------------------------------------------------------------------------- splits


def test_split_rule_is_the_fixed_hash_rule() -> None:
    # pinned outcomes of sha256(id)[:8] % 3 == 0: a changed rule (digits, modulus, encoding) fails here
    assert [split_of(i) for i in ("x", "b", "f", "gwn-0002")] == [CHECK] * 4
    assert [split_of(i) for i in ("a", "c", "gwn-0000", "geovirus-0007", "010:2")] == [TUNE] * 5


def test_split_takes_about_a_third_and_keeps_order() -> None:
    ids = [f"item-{n}" for n in range(3000)]
    check = select(ids, str, CHECK)
    tune = select(ids, str, TUNE)
    assert 900 < len(check) < 1100 and len(check) + len(tune) == len(ids) and not set(check) & set(tune)
    assert check == sorted(check, key=ids.index)
    assert select(ids, str, CHECK, limit=5) == check[:5] and select(ids, str, None) == ids


# ---------------------------------------------------------------------------------------------- metrics


def test_metrics() -> None:
    assert prf(2, 4, 8) == (0.5, 0.25, 0.3333)
    assert prf(0, 0, 3) == (0.0, 0.0, 0.0) and ratio(1, 0) == 0.0
    # one degree of latitude is about 111.2 km
    assert 111.0 < haversine_km(10.0, 20.0, 11.0, 20.0) < 111.4


# ---------------------------------------------------------------------------------------------- events


def _event(code: str, source: tuple[int, int] | None = None, target: tuple[int, int] | None = None,
           **marks: Any) -> dict[str, Any]:
    def mention(span: tuple[int, int] | None) -> dict[str, Any] | None:
        return {"actor": "a", "name": "n", "code": None, "start": span[0], "end": span[1]} if span else None

    return {"cameo": code, "root": code[:2], "negated": False, "modality": None, "rule": "verb",
            "source": mention(source), "target": mention(target), **marks}


def test_a_false_event_lowers_precision_not_recall() -> None:
    alone = score_sets([("190", [_event("190")])])
    with_false = score_sets([("190", [_event("190"), _event("042")])])
    assert alone["root_recall"] == with_false["root_recall"] == 1.0
    assert alone["root_precision"] == 1.0 and with_false["root_precision"] == 0.5
    assert with_false["events_per_sentence"] == 2.0


def test_negated_or_hypothetical_events_are_no_hit() -> None:
    scores = score_sets([("190", [_event("190", negated=True)]), ("190", [_event("190", modality="conditional")])])
    assert scores["root_recall"] == 0.0 and scores["no_event_share"] == 1.0
    assert scores["marked_per_sentence"] == 1.0 and scores["root_precision"] == 0.0


def test_full_code_needs_the_exact_code() -> None:
    scores = score_sets([("0231", [_event("0234")])])
    assert scores["root_recall"] == 1.0 and scores["full_recall"] == 0.0 and scores["wrong_root_share"] == 0.0


# ---------------------------------------------------------------------------------------------- conflibert

TEXT = "Freedonia and Sylvania signed a river treaty in the old capital."  # our own sentence
FREEDONIA, SYLVANIA, TREATY = (0, 9), (14, 22), (30, 44)


def _sentence(**spans: tuple[tuple[int, int], ...]) -> GoldSentence:
    return GoldSentence("s", TEXT, 1, spans.get("sources", ()), spans.get("targets", ()),
                        spans.get("reciprocal", ()), True)


def test_family_mapping() -> None:
    assert [family_of(r) for r in ("01", "02", "03", "05", "06", "08", "09", "13", "14", "15", "16", "17", "20")] == [
        0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 3, 4, 4]


def test_a_reciprocal_span_counts_both_ways() -> None:
    gold = _sentence(reciprocal=(FREEDONIA, SYLVANIA))
    for source, target in ((FREEDONIA, SYLVANIA), (SYLVANIA, FREEDONIA)):
        scores = score_conflibert([(gold, [_event("057", source, target)])])
        assert scores["full_accuracy"] == scores["source_accuracy"] == scores["target_accuracy"] == 1.0
    # one party as both source and target is not the symmetric act
    assert score_conflibert([(gold, [_event("057", FREEDONIA, FREEDONIA)])])["full_accuracy"] == 0.0


def test_one_reciprocal_span_holding_both_parties() -> None:
    # the gold often spans "Freedonia and Sylvania" as one reciprocal party
    both = (FREEDONIA[0], SYLVANIA[1])
    gold = _sentence(reciprocal=(both,))
    for source, target in ((FREEDONIA, SYLVANIA), (SYLVANIA, FREEDONIA)):
        assert score_conflibert([(gold, [_event("057", source, target)])])["full_accuracy"] == 1.0
    # the same mention twice is still no dyad; a non-reciprocal span never counts twice
    assert score_conflibert([(gold, [_event("057", SYLVANIA, SYLVANIA)])])["full_accuracy"] == 0.0
    plain = _sentence(sources=(both,), targets=(TREATY,))
    assert score_conflibert([(plain, [_event("057", FREEDONIA, SYLVANIA)])])["full_accuracy"] == 0.0


def test_wrong_family_or_wrong_target_is_no_hit() -> None:
    gold = _sentence(sources=(FREEDONIA,), targets=(SYLVANIA,))
    wrong_family = score_conflibert([(gold, [_event("190", FREEDONIA, SYLVANIA)])])
    assert wrong_family["family_recall"] == 0.0 and wrong_family["full_accuracy"] == 0.0
    wrong_target = score_conflibert([(gold, [_event("057", FREEDONIA, TREATY), _event("190", FREEDONIA, SYLVANIA)])])
    assert wrong_target["family_recall"] == 1.0 and wrong_target["family_precision"] == 0.5
    assert wrong_target["source_accuracy"] == 1.0 and wrong_target["target_accuracy"] == 0.0


def test_a_mention_matches_when_its_last_word_is_inside_the_span() -> None:
    gold = ((0, 22),)  # "Freedonia and Sylvania"
    assert matching_span(TEXT, {"start": 14, "end": 22}, gold) == (0, 22)
    # overlapping, but its last word ("signed") lies outside the gold phrase
    assert matching_span(TEXT, {"start": 14, "end": 29}, gold) is None
    assert matching_span(TEXT, None, gold) is None


# ---------------------------------------------------------------------------------------------- places


def _place(start: int, end: int, lat: float | None, lon: float | None, country: str | None = None,
           feature: str = "P.PPL") -> dict[str, Any]:
    return {"start": start, "end": end, "lat": lat, "lon": lon, "country": country, "feature": feature}


def test_a_country_counts_by_country() -> None:
    gold = GoldPlace(0, 6, "n", 60.0, 100.0, country="RUS")
    # a country's reference point far from the gold point: the same country still counts
    assert resolved(gold, _place(0, 6, 55.75, 37.6, "RUS", "A.PCLI"))
    assert not resolved(gold, _place(0, 6, 60.0, 100.0, "MNG", "A.PCLI"))
    city = GoldPlace(0, 6, "n", 10.0, 20.0)
    assert resolved(city, _place(0, 6, 10.9, 20.0)) and not resolved(city, _place(0, 6, 11.6, 20.0))
    assert not resolved(city, _place(0, 6, None, None))


def test_place_scores_count_misses_false_places_and_ignored_spans() -> None:
    article = GoldArticle("gwn-0000", "", (GoldPlace(0, 5, "n", 10.0, 20.0), GoldPlace(10, 15, "n", 30.0, 40.0)),
                          ignored=((20, 30),))
    predicted = [_place(0, 5, 10.0, 20.0), _place(10, 15, None, None), _place(40, 45, 1.0, 1.0), _place(22, 26, 1.0, 1.0)]
    scores = score_places([(article, predicted)])
    # the prediction inside the ignored expression is not counted; the one at 40 is a false place
    assert scores["predicted"] == 3.0 and scores["precision"] == 0.6667 and scores["recall"] == 1.0
    assert scores["recall_161km"] == 0.5 and scores["accuracy_161km"] == 0.5 and scores["no_coordinates"] == 0.5
