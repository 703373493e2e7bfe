"""Targets that name no coded actor, and statements as opt-in: constructions on sentences written for these
tests (none taken from a gold set)."""

from __future__ import annotations

import pytest

from eventwire.settings import load_settings


@pytest.fixture(scope="module")
def nlp(full_nlp):  # type: ignore[no-untyped-def]
    """The session's full pipeline (conftest), under the name the event test modules use."""
    return full_nlp


def _coded(nlp, text: str, settings=None) -> list[tuple[str, str | None, str | None]]:  # type: ignore[no-untyped-def]
    import eventwire

    events = eventwire.code_text(text, date="2022-01-12", nlp=nlp, settings=settings)["events"]
    return [(e["cameo"], e["source"] and text[e["source"]["start"]:e["source"]["end"]],
             e["target"] and text[e["target"]["start"]:e["target"]["end"]]) for e in events]


@pytest.mark.model
@pytest.mark.parametrize(
    "text, root, target",
    [
        # the direct object is the party acted on, coded or not
        ("Rebel fighters overran a border post near the lake.", "19", "a border post"),
        # the counted noun's "of" phrase ends the phrase
        ("The army detained dozens of students in the capital.", "17", "dozens of students"),
        # where the act is directed comes before the object handed over
        ("Germany gave 5 million euros to the flood victims.", "07", "the flood victims"),
        # a target preposition of an intransitive act
        ("Rebels fired on a checkpoint.", "19", "a checkpoint"),
        # the object's own participle phrase names the target
        ("Norway lifted sanctions imposed on Belarus.", "08", "Belarus"),
        # an event noun's target phrase
        ("The navy carried out air strikes on rebel positions.", "19", "rebel positions"),
        # a content noun is no party: its "about" phrase is, when it names one
        ("The minister voiced concern about the Somali rebels.", "01", "the Somali rebels"),
    ],
)
def test_uncoded_targets(nlp, text: str, root: str, target: str) -> None:  # type: ignore[no-untyped-def]
    found = [t for code, _, t in _coded(nlp, text) if code.startswith(root)]
    assert target in found, _coded(nlp, text)


@pytest.mark.model
@pytest.mark.parametrize(
    "text, root, target",
    [
        # a verbal act is aimed at a party; the thing it is about is no target, and the act stays
        ("The minister voiced concern about the fighting.", "01", None),
        ("The Kenyan president rejected the new timetable.", "12", None),
        # a party named by its examples stays
        ("The Kenyan president urged partners like Norway to send aid.", "02", "partners"),
        # force lands on a thing
        ("Rebel fighters overran a border post near the lake.", "19", "a border post"),
    ],
)
def test_a_verbal_act_is_aimed_at_a_party(nlp, text: str, root: str, target: str | None) -> None:  # type: ignore[no-untyped-def]
    assert [t for code, _, t in _coded(nlp, text) if code.startswith(root)] == [target], _coded(nlp, text)


@pytest.mark.model
@pytest.mark.parametrize(
    "text, root",
    [
        ("Police arrested the suspects on Monday.", "17"),  # a date is no party
        ("Canada gave 300 million dollars.", "07"),  # an amount handed over is no party
    ],
)
def test_times_and_amounts_are_no_targets(nlp, text: str, root: str) -> None:  # type: ignore[no-untyped-def]
    coded = [(code, t) for code, _, t in _coded(nlp, text) if code.startswith(root)]
    assert coded and all(t not in {"Monday", "300 million dollars"} for _, t in coded), coded


@pytest.mark.model
def test_a_source_s_own_forces_leave_a_place(nlp) -> None:  # type: ignore[no-untyped-def]
    coded = _coded(nlp, "Moscow pulled its forces out of Georgia.")
    assert any(t == "Georgia" for _, _, t in coded), coded


@pytest.mark.model
def test_uncoded_targets_can_be_turned_off(nlp) -> None:  # type: ignore[no-untyped-def]
    settings = load_settings(environ={})
    settings["events"]["uncoded_targets"] = False
    from eventwire.coding import load

    off = load(settings)
    coded = _coded(off, "Rebel fighters overran a border post near the lake.", settings)
    assert coded and all(t is None for _, _, t in coded), coded


@pytest.mark.model
def test_plain_statements_are_quotes_unless_asked_for(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "The minister said the talks would resume next week."
    assert all(code != "010" for code, _, _ in _coded(nlp, text))
    settings = load_settings(environ={})
    settings["events"]["statements"] = True
    from eventwire.coding import load

    assert any(code == "010" for code, _, _ in _coded(load(settings), text, settings))


@pytest.mark.model
def test_a_bare_consultation_verb_needs_someone_consulted(nlp) -> None:  # type: ignore[no-untyped-def]
    assert all(code[:2] != "04" for code, _, _ in _coded(nlp, "The senator thinks the plan is a mistake."))
    assert any(code[:2] == "04" for code, _, _ in _coded(nlp, "The envoy met the Kenyan president."))


@pytest.mark.model
def test_a_cue_noun_gives_no_speech_event_of_its_own(nlp) -> None:  # type: ignore[no-untyped-def]
    coded = _coded(nlp, "The council accepted demands from the farmers that the road be rebuilt.")
    assert all(code[:2] != "10" for code, _, _ in coded), coded


@pytest.mark.model
def test_an_intention_with_no_coded_act_is_no_event(nlp) -> None:  # type: ignore[no-untyped-def]
    assert _coded(nlp, "The senator wants to widen the road.") == []
    # the complement gives the intention its sub-code: that stays
    assert any(code == "0333" for code, _, _ in _coded(nlp, "Japan plans to send food aid to Haiti."))


@pytest.mark.model
def test_a_named_actor_the_dictionary_lacks_is_a_source_unless_turned_off(nlp) -> None:  # type: ignore[no-untyped-def]
    # an organisation named in the article but not in the actor dictionary acts like a coded one, with no code
    # (setting events.uncoded_sources = "actors"); "none" keeps PETRARCH's coded-only sources
    text = "Brightwater Holdings sued the government of Ecuador over the mine."
    assert any(s == "Brightwater Holdings" for _, s, _ in _coded(nlp, text)), _coded(nlp, text)
    settings = load_settings(environ={})
    settings["events"]["uncoded_sources"] = "none"
    from eventwire.coding import load

    assert not any(s == "Brightwater Holdings" for _, s, _ in _coded(load(settings), text, settings))
