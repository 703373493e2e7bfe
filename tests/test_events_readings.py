"""Verb readings in context: what a bare verb's category needs before it is an event, and the modality of an
announced act. Sentences written for these tests (none from a gold set)."""

# ruff: noqa: F811  (pytest passes the imported `nlp` fixture to each test by name)
from __future__ import annotations

import pytest

from test_event_targets import _coded, nlp  # noqa: F401  (the model fixture and the reader)


@pytest.mark.model
@pytest.mark.parametrize(
    "text, visitor, host",
    [
        ("The Chilean foreign minister will visit Peru next month.", "The Chilean foreign minister", "Peru"),
        ("Kenya's president is to visit Uganda in May.", "Kenya's president", "Uganda"),
    ],
)
def test_an_announced_visit_is_an_intent_and_nobody_has_hosted_it(nlp, text: str, visitor: str, host: str) -> None:  # type: ignore[no-untyped-def]
    coded = _coded(nlp, text)
    assert any(code.startswith("03") and s == visitor and t == host for code, s, t in coded), coded
    assert not [c for c in coded if c[0] == "043"], coded


@pytest.mark.model
def test_a_visit_that_happened_is_hosted(nlp) -> None:  # type: ignore[no-untyped-def]
    coded = _coded(nlp, "The Chilean foreign minister visited Peru on Monday.")
    assert ("043", "Peru", "The Chilean foreign minister") in coded, coded


@pytest.mark.model
@pytest.mark.parametrize(
    "text, root",
    [
        ("The Bolivian minister faced tough questions on Tuesday.", "04"),
        ("The Peruvian delegation ran into heavy traffic near the airport.", "04"),
        ("The Chilean tourism ministry promoted the wine festival abroad.", "05"),
        ("The Kenyan president encouraged the growth of small farms.", "05"),
    ],
)
def test_a_bare_reading_needs_a_party_not_a_thing(nlp, text: str, root: str) -> None:  # type: ignore[no-untyped-def]
    coded = _coded(nlp, text)
    assert not [c for c in coded if c[0].startswith(root)], coded


@pytest.mark.model
@pytest.mark.parametrize(
    "text, root, source, target",
    [
        ("The Bolivian minister met the Chilean ambassador on Tuesday.", "04", "The Bolivian minister", "the Chilean ambassador"),
        ("Peru backed Chile in the border dispute.", "05", "Peru", "Chile"),
        ("The Kenyan president praised Museveni for his patience.", "05", "The Kenyan president", "Museveni"),
    ],
)
def test_a_bare_reading_with_a_party_stays(nlp, text: str, root: str, source: str, target: str) -> None:  # type: ignore[no-untyped-def]
    coded = _coded(nlp, text)
    assert any(c[0].startswith(root) and c[1] == source and c[2] == target for c in coded), coded


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        "The Chilean senator attacked the new budget.",
        "The Peruvian army broke the rules of the truce.",
        "Protesters unfurled a banner on the parliament building.",
    ],
)
def test_force_needs_something_that_can_be_harmed(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    coded = _coded(nlp, text)
    assert not [c for c in coded if c[0][:2] in {"18", "19", "20"}], coded


@pytest.mark.model
@pytest.mark.parametrize(
    "text, source, target",
    [
        ("Gunmen attacked a Kenyan police convoy on Monday.", "Gunmen", "a Kenyan police convoy"),
        ("Bolivian troops shot two farmers near the border.", "Bolivian troops", "two farmers"),
    ],
)
def test_force_on_people_and_what_they_own_stays(nlp, text: str, source: str, target: str) -> None:  # type: ignore[no-untyped-def]
    coded = _coded(nlp, text)
    assert any(c[0][:2] in {"18", "19", "20"} and c[1] == source and c[2] == target for c in coded), coded


@pytest.mark.model
@pytest.mark.parametrize(
    "text, code, source, target",
    [
        ("The Peruvian senator called the Bolivian president a ruthless tyrant.", "111", "The Peruvian senator",
         "the Bolivian president"),
        ("Chile called the Bolivian proposal unacceptable.", "111", "Chile", None),
        ("The Kenyan minister called the accord with Uganda a breakthrough.", "051", "The Kenyan minister", None),
    ],
)
def test_an_evaluative_name_is_criticism_or_praise(nlp, text: str, code: str, source: str, target: str | None) -> None:  # type: ignore[no-untyped-def]
    coded = _coded(nlp, text)
    assert any(c[0] == code and c[1] == source and (target is None or c[2] == target) for c in coded), coded
    assert not [c for c in coded if c[0].startswith("04")], coded


@pytest.mark.model
def test_a_warning_of_a_trend_is_no_threat(nlp) -> None:  # type: ignore[no-untyped-def]
    coded = _coded(nlp, "The Chilean central bank warned of a rise in food prices.")
    assert not [c for c in coded if c[0].startswith("13")], coded


@pytest.mark.model
@pytest.mark.parametrize(
    "text, source",
    [
        ("Peru threatened Bolivia with sanctions.", "Peru"),
        ("Chile warned that it would close the border.", "Chile"),
    ],
)
def test_a_threat_with_a_party_or_an_act_stays(nlp, text: str, source: str) -> None:  # type: ignore[no-untyped-def]
    coded = _coded(nlp, text)
    assert any(c[0].startswith("13") and c[1] == source for c in coded), coded


@pytest.mark.model
@pytest.mark.parametrize("text", ["The Chilean delegation left Lima on Sunday.", "The Bolivian envoy left a letter at the embassy."])
def test_leaving_is_no_consultation(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    coded = _coded(nlp, text)
    assert not [c for c in coded if c[0].startswith("04")], coded


@pytest.mark.model
def test_a_broadcasters_attack_is_in_words(nlp) -> None:  # type: ignore[no-untyped-def]
    coded = _coded(nlp, "Peruvian state television attacked the Bolivian president on Monday.")
    assert ("111", "Peruvian state television", "the Bolivian president") in coded, coded
    assert not [c for c in coded if c[0].startswith("19")], coded


@pytest.mark.model
def test_defending_a_thing_is_no_military_protection(nlp) -> None:  # type: ignore[no-untyped-def]
    assert not [c for c in _coded(nlp, "The Peruvian president defended his budget in parliament.") if c[0] == "074"]
    assert ("074", "Kenyan soldiers", "the refugees") in _coded(nlp, "Kenyan soldiers protected the refugees.")
