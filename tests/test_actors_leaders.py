"""Office holders since 2014 (data/actors/leaders.jsonl): the office at the article's date decides the code.
Sentences written for these tests (none from a gold set)."""

from __future__ import annotations

from typing import Any

import pytest

from eventwire.coding import code_articles
from eventwire.records import Article


def _code_of(nlp: Any, text: str, name: str, date: str | None) -> str | None:
    record = next(iter(code_articles([Article(id="leaders", text=text, date=date)], nlp)))
    for actor in record["actors"]:
        if any(name in m.text for m in actor.mentions):
            return actor.code
    return None


@pytest.mark.model
@pytest.mark.parametrize(
    "text, name, date, code",
    [
        ("Barack Obama spoke at a school in Ohio.", "Obama", "2015-06-01", "USAGOV"),
        ("Barack Obama spoke at a school in Ohio.", "Obama", "2019-06-01", "USAELI"),
        ("Emmanuel Macron arrived in Dakar on Monday.", "Macron", "2018-03-01", "FRAGOV"),
        ("Sergei Lavrov arrived in Hanoi on Monday.", "Lavrov", "2019-02-01", "RUSGOV"),
        ("Jens Stoltenberg arrived in Oslo on Monday.", "Stoltenberg", "2012-02-01", "NORGOV"),
        ("Jens Stoltenberg arrived in Oslo on Monday.", "Stoltenberg", "2018-02-01", "IGOWSTNAT"),
        ("Antonio Guterres arrived in Lima on Monday.", "Guterres", None, "IGOUNO"),
    ],
)
def test_the_office_at_the_article_date_decides_the_code(full_nlp: Any, text: str, name: str, date: str | None,
                                                         code: str) -> None:
    assert _code_of(full_nlp, text, name, date) == code
