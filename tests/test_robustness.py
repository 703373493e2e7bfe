"""Hostile but plausible input through the whole pipeline: no crash, valid records, offsets that hold."""

from __future__ import annotations

from typing import Any

import jsonschema
import pytest

from eventwire import code_text
from eventwire.records import record_schema, to_builtins

pytestmark = pytest.mark.model

HOSTILE = [
    '"""" "" " "',
    "!!! ??? ... ;;; ---",
    "Peskov said “the talks were open and “direct.\n\nHe added “nothing”.”",
    "The minister said the talks went on " + "and on " * 800,
    "Talks\r\nend\r\n\r\nMOSCOW: The Kremlin said\ton Monday\u200b that \u202etalks\u202c went on 😀.",
    "GENEVA, Jan 12, 2022 (AP) —",
    "THE KREMLIN SAID ON MONDAY THAT TALKS WITH WASHINGTON WOULD GO ON.",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_gives_a_valid_record(text: str, full_nlp: Any, settings: dict[str, Any]) -> None:
    record = code_text(text, date="2022-01-12", nlp=full_nlp, settings=settings)
    jsonschema.validate(to_builtins(record), record_schema())
    for item in record["entities"] + record["dates"] + record["places"] + record["quotes"]:
        assert text[item["start"] : item["end"]] == item["text"]


@pytest.mark.parametrize(
    ("date", "text"),
    [("9999-12-31", "The minister said the talks would resume tomorrow and again next Monday."),
     ("0001-01-01", "The minister said the talks had ended yesterday, three days after they began last week.")],
)
def test_relative_dates_off_the_calendar_keep_their_type_without_a_value(
    date: str, text: str, full_nlp: Any, settings: dict[str, Any]
) -> None:
    record = code_text(text, date=date, nlp=full_nlp, settings=settings)
    relative = [d for d in record["dates"] if d["text"] in ("tomorrow", "next Monday", "yesterday", "last week")]
    assert relative and all(d["value"] is None and d["type"] == "DATE" for d in relative)
