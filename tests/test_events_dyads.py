"""Who acts on whom: how sources and targets are named, on sentences written for these tests (none taken
from a gold set)."""

# ruff: noqa: F811  (pytest passes the imported `nlp` fixture to each test by name)
from __future__ import annotations

import pytest

from test_event_targets import _coded, nlp  # noqa: F401  (the model fixture and the reader)


@pytest.mark.model
@pytest.mark.parametrize(
    "text, root, source",
    [
        # a pronoun subject of reported speech is named by its antecedent in the sentence
        ("The Kenyan government said it will not lift the ban on the rebels.", "12", "The Kenyan government"),
        ("The rebels said they will release two kidnapped engineers.", "03", "The rebels"),
        ("Peru says it will not accept more refugees from Chile.", "12", "Peru"),
    ],
)
def test_a_pronoun_source_is_named_by_its_antecedent(nlp, text: str, root: str, source: str) -> None:  # type: ignore[no-untyped-def]
    found = [s for code, s, _ in _coded(nlp, text) if code.startswith(root)]
    assert source in found, _coded(nlp, text)


@pytest.mark.model
@pytest.mark.parametrize(
    "text, root, source, target",
    [
        # a country adjective acts, the "on"/"against" phrase is acted on
        ("Israeli strikes on Gaza killed ten people.", "19", "Israeli", "Gaza"),
        ("Residents fled after Kenyan attacks on rebel villages.", "19", "Kenyan", "rebel villages"),
        ("The Kenyan sanctions against Uganda hurt trade.", "16", "Kenyan", "Uganda"),
        # the modifier's code still decides ("air strike")
        ("Ten people died in a Kenyan air strike on the camp.", "19", "Kenyan", "the camp"),
    ],
)
def test_a_directed_event_noun_names_source_and_target(nlp, text: str, root: str, source: str, target: str) -> None:  # type: ignore[no-untyped-def]
    assert any(code.startswith(root) and (s, t) == (source, target) for code, s, t in _coded(nlp, text)), _coded(nlp, text)


@pytest.mark.model
@pytest.mark.parametrize(
    "text, absent",
    [
        ("Kenya lifted its sanctions on Uganda.", "16"),  # the lifting is the event, not the sanctions
        ("Workers announced a strike on Monday.", "19"),  # a date is no target: a labour strike stays one
        ("The strikes on the railway lines were called off.", "19"),  # no one named who strikes
    ],
)
def test_a_directed_event_noun_needs_its_parties(nlp, text: str, absent: str) -> None:  # type: ignore[no-untyped-def]
    assert not any(code.startswith(absent) for code, _, _ in _coded(nlp, text)), _coded(nlp, text)


@pytest.mark.model
@pytest.mark.parametrize(
    "text, root, target",
    [
        # an object pronoun is never its own clause's subject, nor the subject its verb inherits
        ("Kenyan President William Ruto called Ugandan President Yoweri Museveni on Monday and urged him to reopen "
         "the border.", "02", "Ugandan President Yoweri Museveni"),
        ("A Kenyan lawyer filed a lawsuit against Ugandan President Yoweri Museveni, accusing him of torture.", "11",
         "Ugandan President Yoweri Museveni"),
    ],
)
def test_an_object_pronoun_is_not_bound_by_its_subject(nlp, text: str, root: str, target: str) -> None:  # type: ignore[no-untyped-def]
    assert target in [t for code, _, t in _coded(nlp, text) if code.startswith(root)], _coded(nlp, text)
