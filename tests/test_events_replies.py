"""Who a reply or a failed negotiation is aimed at: the author of an accusation that is denied or rejected,
and two coordinated parties that fail to agree. Sentences written for these tests (none from a gold set)."""

# ruff: noqa: F811  (pytest passes the imported `nlp` fixture to each test by name)
from __future__ import annotations

import pytest

from test_event_targets import _coded, nlp  # noqa: F401  (the model fixture and the reader)


@pytest.mark.model
@pytest.mark.parametrize(
    "text, source, target",
    [
        # the accuser, named in the accusation's "by" / "from" phrase, is the one answered
        ("The Peruvian government denied charges by Chilean officials that it had spied on them.",
         "The Peruvian government", "Chilean officials"),
        ("The ministry rejected an accusation from a Kenyan lawmaker that it had lied.",
         "The ministry", "a Kenyan lawmaker"),
        ("Ghana dismissed allegations by Togo that its troops had crossed the border.", "Ghana", "Togo"),
        ("Finland rejected criticism from Russia over its new border fence.", "Finland", "Russia"),
    ],
)
def test_the_author_of_a_rejected_accusation_is_the_target(nlp, text: str, source: str, target: str) -> None:  # type: ignore[no-untyped-def]
    coded = _coded(nlp, text)
    assert any(s == source and t == target for _, s, t in coded), coded


@pytest.mark.model
def test_a_denial_without_an_accuser_has_no_invented_target(nlp) -> None:  # type: ignore[no-untyped-def]
    coded = _coded(nlp, "Ghana denied the charges on Monday.")
    assert all(t is None for _, _, t in coded), coded


@pytest.mark.model
@pytest.mark.parametrize(
    "text, one, other",
    [
        ("Mexico and Peru failed to reach agreement on tariffs.", "Mexico", "Peru"),
        ("Chile and Bolivia failed to reach a deal over the shared river.", "Chile", "Bolivia"),
    ],
)
def test_parties_that_fail_to_agree_are_coded_both_ways(nlp, text: str, one: str, other: str) -> None:  # type: ignore[no-untyped-def]
    halted = {(s, t) for code, s, t in _coded(nlp, text) if code == "164"}
    assert {(one, other), (other, one)} <= halted, _coded(nlp, text)


@pytest.mark.model
def test_a_one_sided_cut_is_not_made_reciprocal(nlp) -> None:  # type: ignore[no-untyped-def]
    # "suspended aid" (16x, not halting talks) done by two parties together is not done to each other
    coded = _coded(nlp, "Chile and Bolivia suspended aid to the rebels.")
    assert not any({s, t} == {"Chile", "Bolivia"} for _, s, t in coded), coded


@pytest.mark.model
@pytest.mark.parametrize(
    "text, one, other",
    [
        ("Ecuador and Colombia agreed to reopen their border crossing.", "Ecuador", "Colombia"),
        ("Chile and Peru agreed on Tuesday to share the fishing grounds.", "Chile", "Peru"),
    ],
)
def test_parties_that_agree_are_each_the_source_of_their_own_side(nlp, text: str, one: str, other: str) -> None:  # type: ignore[no-untyped-def]
    # the cue "agreed" has both parties as its speaker: each direction takes its own party's mention as source
    pairs = {(s, t) for _, s, t in _coded(nlp, text)}
    assert {(one, other), (other, one)} <= pairs, _coded(nlp, text)


@pytest.mark.model
@pytest.mark.parametrize(
    "text, source, target",
    [
        # a judgement of an act is aimed at its author, named in its "by" phrase or as its modifier
        ("The bishop condemned the shelling by the army.", "The bishop", "the army"),
        ("Peru praised the decision by the Chilean government.", "Peru", "the Chilean government"),
        ("Ghana denounced the Togolese decision to close the border.", "Ghana", "Togolese"),
        # an agent noun compounded with the offer, with the country word before it, is one party
        ("The separatists dismissed a Cameroonian government proposal for dialogue.", "separatists", "Cameroonian government"),
        # a demand of a body in the source's country is its author's, not an own thing of the source
        ("Malian rebels rejected Mali's demand for disarmament.", "Malian rebels", "Mali"),
        # efforts, attempts and moves are acts of their authors too ("effort" also carries an operation's target)
        ("Chile mocked an effort by the Peruvian government to rename the river.", "Chile", "the Peruvian government"),
        ("Uganda condemned the attempt by Kenyan troops to cross the border.", "Uganda", "Kenyan troops"),
        # the agent of a participle on the proposal made it
        ("The Ghanaian president rejected a plan prepared by the Togolese cabinet.", "The Ghanaian president",
         "the Togolese cabinet"),
    ],
)
def test_the_author_of_a_judged_act_is_the_target(nlp, text: str, source: str, target: str) -> None:  # type: ignore[no-untyped-def]
    coded = _coded(nlp, text)
    assert any(s is not None and s.endswith(source) and t == target for _, s, t in coded), coded


@pytest.mark.model
def test_the_infinitive_of_a_judged_move_is_no_act_of_the_judge(nlp) -> None:  # type: ignore[no-untyped-def]
    # the parser hangs "to close" on "criticized": the closing is the move's content, not Uganda's act
    assert _coded(nlp, "Uganda criticized the Kenyan move to close the border.") == [("111", "Uganda", "Kenyan")]
