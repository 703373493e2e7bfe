"""Targets named by where an act lands: the country a mission is sent to, the area a restriction or its easing
covers, the place a party's own forces leave; and gifts of military means. Sentences written for these tests
(none from a gold set)."""

# ruff: noqa: F811  (pytest passes the imported `nlp` fixture to each test by name)
from __future__ import annotations

import pytest

from test_event_targets import _coded, nlp  # noqa: F401  (the model fixture and the reader)


@pytest.mark.model
@pytest.mark.parametrize(
    "text, expected",
    [
        # the act a mission is sent for is done to the party it is sent to, when it names none of its own
        ("Sweden dispatched inspectors to Liberia to examine the prison conditions.", ("090", "Sweden", "Liberia")),
        ("Norway flew a team of doctors to Fiji to help treat the injured.", ("070", "Norway", "Fiji")),
        # ... and keeps a party it names
        ("Sweden dispatched inspectors to Liberia to investigate the Liberian police.",
         ("090", "Sweden", "the Liberian police")),
    ],
)
def test_a_missions_act_is_done_where_it_is_sent(nlp, text: str, expected: tuple[str, str, str]) -> None:  # type: ignore[no-untyped-def]
    assert expected in _coded(nlp, text), _coded(nlp, text)


@pytest.mark.model
@pytest.mark.parametrize(
    "text, expected",
    [
        ("Ethiopia lifted the curfew in Tigray.", ("0813", "Ethiopia", "Tigray")),
        ("Ethiopia declared a state of emergency in Tigray.", ("1724", "Ethiopia", "Tigray")),
        ("The army imposed a blockade in parts of Darfur.", ("191", "The army", "Darfur")),
        ("Peru lifted the curfew in two of the country's provinces.", ("0813", "Peru", "the country's provinces")),
        # an "in" phrase that names no area is how or why, no target
        ("Ethiopia lifted the state of emergency in a surprise move.", ("0814", "Ethiopia", None)),
        ("Ethiopia imposed a curfew in response to the protests.", ("1723", "Ethiopia", None)),
    ],
)
def test_a_restriction_or_its_easing_is_done_to_its_area(nlp, text: str, expected: tuple[str, str, str]) -> None:  # type: ignore[no-untyped-def]
    assert _coded(nlp, text) == [expected]


@pytest.mark.model
@pytest.mark.parametrize(
    "text, target",
    [
        # a part of the source's own forces leaves a place: the place is the target
        ("Burundi pulled some of its soldiers out of Congo.", "Congo"),
        ("Burundi withdrew most of its soldiers from Congo in March.", "Congo"),
    ],
)
def test_part_of_an_own_force_moves(nlp, text: str, target: str) -> None:  # type: ignore[no-untyped-def]
    assert [t for _, _, t in _coded(nlp, text)] == [target], _coded(nlp, text)


@pytest.mark.model
def test_a_part_of_a_group_is_the_party_acted_on(nlp) -> None:  # type: ignore[no-untyped-def]
    assert _coded(nlp, "The army killed some of the rebels.") == [("190", "The army", "some of the rebels")]


@pytest.mark.model
def test_giving_military_means_is_military_aid(nlp) -> None:  # type: ignore[no-untyped-def]
    assert _coded(nlp, "Poland gave military trucks to Lithuania.") == [("072", "Poland", "Lithuania")]


@pytest.mark.model
@pytest.mark.parametrize(
    "text, target",
    [
        # a show of force is made where the source's own forces stand
        ("Greece reinforced its troops in Thrace.", "Thrace"),
        ("Russia deployed its troops in Belarus.", "Belarus"),
    ],
)
def test_a_show_of_force_is_made_where_the_forces_stand(nlp, text: str, target: str) -> None:  # type: ignore[no-untyped-def]
    assert [(c[:2], t) for c, _, t in _coded(nlp, text)] == [("15", target)], _coded(nlp, text)


@pytest.mark.model
@pytest.mark.parametrize(
    "text, expected",
    [
        # a threat names no party: it is made against the party the threatened act is done to
        ("The rebels threatened to punish the families of the defectors.",
         ("137", "The rebels", "the families of the defectors")),
        # ... a thing it is done to is no party
        ("The rebels threatened to attack the convoy.", ("1384", "The rebels", None)),
        # ... and against the party whose act its condition names ("... if Iran attacks")
        ("The Chadian president threatened to shell the rebel camps if Sudan shelters the rebels.",
         ("1384", "The Chadian president", "Sudan")),
    ],
)
def test_a_threat_is_made_against_what_the_threatened_act_hits(nlp, text: str, expected: tuple[str, str, str]) -> None:  # type: ignore[no-untyped-def]
    assert _coded(nlp, text)[0] == expected, _coded(nlp, text)


@pytest.mark.model
def test_an_acronym_opening_a_clause_is_its_subject(nlp) -> None:  # type: ignore[no-untyped-def]
    # the parser reads "USAID" as an adverb of the verb
    coded = _coded(nlp, "USAID funded a new clinic for the Liberian army.")
    assert [(s, t) for _, s, t in coded] == [("USAID", "the Liberian army")], coded
