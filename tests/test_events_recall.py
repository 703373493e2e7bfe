"""Recall constructions: acts the coder used to read no event in. Sentences written for these tests (none
from a gold set)."""

# ruff: noqa: F811  (pytest passes the imported `nlp` fixture to each test by name)
from __future__ import annotations

import pytest

from test_event_targets import _coded, nlp  # noqa: F401  (the model fixture and the reader)


@pytest.mark.model
@pytest.mark.parametrize(
    "text, sources, partner",
    [
        ("Chile and Peru held naval exercises off the coast.", {"Chile", "Peru"}, None),
        ("The Indian navy began joint military drills with Japan.", {"The Indian navy"}, "Japan"),
        ("Brazil and Argentina launched war games near the border.", {"Brazil", "Argentina"}, None),
        ("Poland staged a large military exercise with Lithuania.", {"Poland"}, "Lithuania"),
    ],
)
def test_military_exercises_are_military_cooperation(nlp, text: str, sources: set[str], partner: str | None) -> None:  # type: ignore[no-untyped-def]
    coded = [c for c in _coded(nlp, text) if c[0] == "062"]
    assert {s for _, s, _ in coded} == sources, coded
    if partner is not None:
        assert all(t == partner for _, _, t in coded), coded


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        "The school team held a training game on Sunday.",
        "The Kenyan president exercised his veto on Friday.",
    ],
)
def test_other_games_and_exercising_a_power_are_no_military_cooperation(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    assert not [c for c in _coded(nlp, text) if c[0] == "062"], _coded(nlp, text)


@pytest.mark.model
@pytest.mark.parametrize(
    "text, defender, defended",
    [
        ("The Chilean foreign minister defended Peru over the border dispute.", "The Chilean foreign minister", "Peru"),
        ("The Kenyan trade minister strongly defended Tanzania during the debate.", "The Kenyan trade minister", "Tanzania"),
    ],
)
def test_an_unarmed_source_defends_in_words(nlp, text: str, defender: str, defended: str) -> None:  # type: ignore[no-untyped-def]
    coded = _coded(nlp, text)
    assert ("051", defender, defended) in coded, coded
    assert not [c for c in coded if c[0] == "074"], coded


@pytest.mark.model
def test_a_minister_defending_a_thing_of_his_own_is_no_event(nlp) -> None:  # type: ignore[no-untyped-def]
    coded = _coded(nlp, "The Peruvian minister defended his budget.")
    assert not [c for c in coded if c[0] in {"051", "074"}], coded


@pytest.mark.model
@pytest.mark.parametrize(
    "text, defender",
    [
        ("Ugandan soldiers defended Kampala on Sunday.", "Ugandan soldiers"),
        ("The Malian police defended the ministry on Friday.", "The Malian police"),
    ],
)
def test_armed_forces_defend_by_protection(nlp, text: str, defender: str) -> None:  # type: ignore[no-untyped-def]
    coded = _coded(nlp, text)
    assert any(code == "074" and s == defender for code, s, _ in coded), coded


@pytest.mark.model
@pytest.mark.parametrize(
    "text, code, source",
    [
        ("Boko Haram militants have stepped up attacks on Nigerian villages.", "190", "Boko Haram militants"),
        ("The Sudanese army intensified air strikes on rebel towns.", "195", "The Sudanese army"),
    ],
)
def test_intensifying_an_act_is_that_act(nlp, text: str, code: str, source: str) -> None:  # type: ignore[no-untyped-def]
    coded = _coded(nlp, text)
    assert any(c == code and s == source for c, s, _ in coded), coded
    assert not [c for c in coded if c[0] == "060"], coded
