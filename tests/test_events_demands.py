"""Demands whose party is a place: seeking a haven (refuge, asylum) is a demand for humanitarian aid made of
the country it is sought in. Sentences written for these tests (none from a gold set)."""

# ruff: noqa: F811  (pytest passes the imported `nlp` fixture to each test by name)
from __future__ import annotations

import pytest

from test_event_targets import _coded, nlp  # noqa: F401  (the model fixture and the reader)


@pytest.mark.model
@pytest.mark.parametrize(
    "text, source, target",
    [
        ("Thousands of Sudanese refugees sought shelter in Chad.", "Sudanese refugees", "Chad"),
        ("The Eritrean dissident is seeking asylum in Sweden.", "The Eritrean dissident", "Sweden"),
        # no place named: the haven itself is no party
        ("The Eritrean dissident sought asylum.", "The Eritrean dissident", None),
    ],
)
def test_seeking_a_haven_demands_aid_of_where_it_is_sought(nlp, text: str, source: str, target: str | None) -> None:  # type: ignore[no-untyped-def]
    assert _coded(nlp, text) == [("1033", source, target)]


@pytest.mark.model
def test_granting_asylum_stays_aid(nlp) -> None:  # type: ignore[no-untyped-def]
    assert _coded(nlp, "Kenya granted asylum to the Eritrean dissident.") == [("075", "Kenya", "the Eritrean dissident")]
