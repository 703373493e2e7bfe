"""Parties the act names indirectly: seeking a haven (refuge, asylum) is a demand for humanitarian aid made of
the country it is sought in; a harm done with a named means whose author is not named has no source.
Sentences written for these tests (none from a gold set)."""

# ruff: noqa: F811  (pytest passes the imported `nlp` fixture to each test by name)
from __future__ import annotations

import pytest

from test_event_targets import _coded, nlp  # noqa: F401  (the model fixture and the reader)


@pytest.mark.model
@pytest.mark.parametrize(
    "text, source, target",
    [
        ("Hundreds of Eritrean families sought sanctuary in Ethiopia.", "Eritrean families", "Ethiopia"),
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


@pytest.mark.model
@pytest.mark.parametrize(
    "text, expected",
    [
        # the means is named, its author is not: an event with no source, the means' kind of force
        ("A roadside bomb wounded three Malian police officers outside Gao.", ("1833", None, "three Malian police officers")),
        ("Two Chadian soldiers were wounded by a car bomb near the barracks.", ("1832", None, "Two Chadian soldiers")),
        ("Two Afghan soldiers died in a suicide bombing in Kabul.", ("1831", None, "Two Afghan soldiers")),
        # a named author does it to the one who died (PETRARCH's reverse reading of "die" turned forward)
        ("Two Afghan soldiers died in a Taliban suicide bombing in Kabul.", ("1831", "Taliban", "Two Afghan soldiers")),
    ],
)
def test_a_harm_by_an_unnamed_author(nlp, text: str, expected: tuple[str, str | None, str]) -> None:  # type: ignore[no-untyped-def]
    assert _coded(nlp, text) == [expected]


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        "The storm killed two Kenyan soldiers.",  # no act or weapon named: no one did it
        "A fire killed two Kenyan soldiers.",  # an accident is no attack by someone unknown
        "Two Kenyan soldiers were killed by friendly fire.",
    ],
)
def test_no_sourceless_event_without_an_attack(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    assert _coded(nlp, text) == []


@pytest.mark.model
def test_a_named_source_keeps_its_own_harm(nlp) -> None:  # type: ignore[no-untyped-def]
    coded = _coded(nlp, "Kenyan soldiers killed two al-Shabab fighters with a roadside bomb.")
    assert [(c[:2], s) for c, s, _ in coded] == [("18", "Kenyan soldiers")], coded


@pytest.mark.model
def test_unattributed_harms_can_be_turned_off(nlp) -> None:  # type: ignore[no-untyped-def]
    from eventwire.coding import load
    from eventwire.settings import load_settings

    settings = load_settings(environ={})
    settings["events"]["unattributed_harm"] = False
    assert _coded(load(settings), "A roadside bomb wounded three Malian police officers outside Gao.", settings) == []
