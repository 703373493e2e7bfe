"""Events: code tables, verb dictionary, and the coder on short sentences and the seed article."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwire.events.cameo import (
    code_info,
    frame_code,
    frame_family,
    given_code,
    halting_code,
    is_valid_code,
    modal_family,
)
from eventwire.events.patterns import DICTIONARY_VERSION, load_dictionary

SEED = Path(__file__).resolve().parents[2] / "shared/seed/000_716e416b2848e74f.txt"


@pytest.mark.parametrize(
    "code, root, quad, goldstein, plover",
    [("010", "01", 1, 0.0, "STATEMENT"), ("046", "04", 1, 7.0, "CONSULT"), ("0214", "02", 1, 3.4, None),
     ("120", "12", 3, -4.0, "REJECT"), ("190", "19", 4, -10.0, "ASSAULT"), ("0357", "03", 1, None, "AGREE")],
)
def test_code_facts(code: str, root: str, quad: int, goldstein: float | None, plover: str | None) -> None:
    info = code_info(code)
    assert (info.root, info.quad) == (root, quad)
    if goldstein is not None:
        assert info.goldstein == goldstein
    if plover != "STATEMENT":  # CAMEO2PLOVER-2021 has no 01/02 rows: their PLOVER type stays None
        assert info.plover_type == plover


def test_code_validation() -> None:
    assert is_valid_code("0214") and is_valid_code("20")
    assert not is_valid_code("21") and not is_valid_code("abc") and not is_valid_code(None)


def test_dictionary_keeps_petrarch_and_additions() -> None:
    dictionary = load_dictionary()
    assert len(dictionary.verbs) > 1500
    assert sum(len(p) for p in dictionary.patterns.values()) > 4000
    assert dictionary.verbs["reject"][0].code == "120"  # eventwire addition over PETRARCH's [---]
    assert dictionary.verbs["accuse"][0].code == "112"
    assert "talk" in dictionary.nouns
    assert DICTIONARY_VERSION


def test_reporting_verbs_come_from_the_one_reporting_lexicon() -> None:
    from eventwire.events.coder import EventCoder
    from eventwire.events.coder_base import shipped_reporting_verbs
    from eventwire.quotes.cues import load_cues
    from eventwire.settings import component_settings

    lexicon = load_cues(component_settings("reporting", None)["cues"])
    framing = shipped_reporting_verbs()
    assert "say" in framing and framing <= set(lexicon.verbs)
    assert EventCoder(load_dictionary(), {}).reporting == framing


@pytest.mark.parametrize(
    "family, content, code",
    [("02", "073", "0233"), ("02", None, "020"), ("10", "0831", "1041"), ("10", "0871", "1056"),
     ("12", "0333", "1223"),  # refusing an intent to give aid rejects the aid
     ("13", "163", "1312"), ("13", "1723", "1323"), ("142", "0831", "1421"), ("03", "04", "036")],
)
def test_complement_frames(family: str, content: str | None, code: str) -> None:
    assert frame_code(family, content) == code


def test_frame_helpers() -> None:
    assert frame_family("0214") == "02" and frame_family("1412") == "141" and frame_family("190") is None
    assert modal_family("0841") == "03" and modal_family("163") == "13" and modal_family("010") is None
    assert halting_code("lift", "163") == "085" and halting_code("stop", "046") == "164"
    assert halting_code("praise", "163") is None
    assert given_code("deliver", "073") == "073" and given_code("impose", "1723") == "1723"
    assert given_code("deliver", "190") is None


def test_discards() -> None:
    from eventwire.events.coder import EventCoder

    coder = EventCoder(load_dictionary(), {})
    assert coder.story_discards is not None and coder.story_discards.search("Spain won the World Cup final.")
    assert coder.sentence_discards is not None and coder.sentence_discards.search("The match went to the tennis club.")
    assert not coder.story_discards.search("Spain recalled its ambassador.")
    # the bare years are Phoenix's 2014-relative retrospectives: off unless asked for
    assert not coder.sentence_discards.search("The 2008 war left deep scars.")
    historical = EventCoder(load_dictionary(), {"discard_historical": True}).sentence_discards
    assert historical is not None and historical.search("The 2008 war left deep scars.")


def test_lexicon_is_versioned_and_read_once() -> None:
    from eventwire.events.coder import EventCoder
    from eventwire.events.lexicon import load_lexicon

    lexicon = load_lexicon()
    assert lexicon.version.startswith("events-lexicon-")
    assert "urge" in lexicon.object_control_verbs and "will" in lexicon.modal_future
    assert lexicon.antecedent_nouns["demand"] == ("10",)
    assert EventCoder(load_dictionary(), {}).lexicon is lexicon


def test_lexicon_rejects_a_missing_list() -> None:
    import json
    from importlib import resources

    from eventwire.errors import ConfigError
    from eventwire.events.lexicon import LEXICON_FILE, parse_lexicon

    data = json.loads(resources.files("eventwire").joinpath(LEXICON_FILE).read_text(encoding="utf-8"))
    del data["lists"]["negators"]
    with pytest.raises(ConfigError, match="negators"):
        parse_lexicon(data)


@pytest.fixture(scope="session")
def nlp():  # type: ignore[no-untyped-def]
    from eventwire.nlp.pipeline import load_pipeline
    from eventwire.settings import load_settings

    return load_pipeline(load_settings(), components=["eventwire_actors", "eventwire_events"])


def _events(nlp, text: str) -> list[dict]:  # type: ignore[no-untyped-def]
    import eventwire

    return eventwire.code_text(text, date="2022-01-12", nlp=nlp)["events"]


def _assert_coded(nlp, text: str, code: str, source: str, target: str | None) -> None:  # type: ignore[no-untyped-def]
    """``text`` gives an event with ``code`` whose source (and target, when given) codes start as expected."""
    events = _events(nlp, text)
    matching = [e for e in events if e["cameo"] == code]
    assert matching, events
    assert (matching[0]["source"]["code"] or "").startswith(source)
    if target:
        assert (matching[0]["target"]["code"] or "").startswith(target)


@pytest.mark.model
@pytest.mark.parametrize(
    "text, root, source, target",
    [
        ("Israel accused Hamas of firing rockets.", "11", "ISR", "PSE"),
        ("The Kenyan government urged Uganda to negotiate with the rebels.", "02", "KEN", "UGA"),
        ("Israel was criticized by Egypt on Monday.", "11", "EGY", "ISR"),
        ("France and Germany condemned the attack by Syria.", "11", "FRA", None),
        ("Egypt threatened to cut off water supplies to Ethiopia.", "13", "EGY", None),
        ("Japan will provide food aid to Sudan.", "03", "JPN", "SDN"),
    ],
)
def test_roles_and_roots(nlp, text: str, root: str, source: str, target: str | None) -> None:  # type: ignore[no-untyped-def]
    events = _events(nlp, text)
    matching = [e for e in events if e["root"] == root]
    assert matching, events
    event = matching[0]
    assert (event["source"]["code"] or "").startswith(source)
    if target:
        assert event["target"] and (event["target"]["code"] or "").startswith(target)


@pytest.mark.model
def test_negation_and_no_fallback(nlp) -> None:  # type: ignore[no-untyped-def]
    assert _events(nlp, "Russia painted the fence.") == []
    events = _events(nlp, "Jordan has said it would not take in further migrants from Lebanon.")
    assert all(e["root"] != "03" for e in events)


@pytest.mark.model
@pytest.mark.skipif(not SEED.is_file(), reason="seed article not present")
def test_seed_article(nlp) -> None:  # type: ignore[no-untyped-def]
    events = _events(nlp, SEED.read_text(encoding="utf-8"))
    found = {(e["root"], (e["source"] or {}).get("code", "")[:3], ((e["target"] or {}).get("code") or "")[:3]) for e in events}
    assert ("10", "RUS", "IGO") in found  # Moscow insisted on guarantees (against NATO)
    assert ("12", "USA", "RUS") in found  # Washington rejected the demands
    assert ("13", "RUS", "USA") in found  # Putin warned
    assert any(r == "04" for r, _, _ in found)  # the talks
    assert any(r == "01" and e == "RUS" for r, e, _ in found)  # no reason for optimism
    assert ("11", "USA", "RUS") in found  # "caused by Russia"
    for event in events:
        assert event["dictionary"] == DICTIONARY_VERSION
        assert event["trigger"]["start"] < event["trigger"]["end"]
        assert event["start"] <= event["trigger"]["start"]


@pytest.mark.model
@pytest.mark.parametrize(
    "text, code, source, target",
    [
        # what an appeal, threat, rejection or demand is about gives its sub-code
        ("The European Union urged Serbia to release the detained journalists.", "0253", "IGOEUREEC", "SRB"),
        ("Iran threatened to impose sanctions on Iraq.", "1312", "IRN", "IRQ"),
        ("Kenya rejected Uganda's request for military aid.", "1222", "KEN", "UGA"),
        # halting, giving, imposing what the object names
        ("Germany halted economic aid to Serbia.", "1621", "DEU", "SRB"),
        ("Brazil delivered food to Haiti.", "073", "BRA", "HTI"),
        ("Japan lifted sanctions against Burma.", "085", "JPN", "MMR"),
        # a protest noun after a light verb, with what it demands
        ("Egyptian students staged a rally in Cairo to demand the resignation of the president.", "1411", "EGY", None),
        # a stated future withdrawal of an ambassador is a threat to break relations; refusing aid a rejection
        ("Chile said it would withdraw its ambassador from Peru.", "1313", "CHL", None),
        ("Turkey said it would not accept any refugees from Syria.", "1223", "TUR", None),
    ],
)
def test_codes_from_complements(nlp, text: str, code: str, source: str, target: str | None) -> None:  # type: ignore[no-untyped-def]
    _assert_coded(nlp, text, code, source, target)


@pytest.mark.model
def test_framed_content_is_no_event_and_attribution_no_statement(nlp) -> None:  # type: ignore[no-untyped-def]
    # the sanctions threatened did not happen: one threat, no sanction event
    assert [e["cameo"] for e in _events(nlp, "Iran threatened to impose sanctions on Iraq.")] == ["1312"]
    # "officials said" attributes the attack; CAMEO codes no plain statement beside it
    events = _events(nlp, "Pakistan fired on Indian troops, officials said.")
    assert [e["root"] for e in events] == ["19"]
    assert _events(nlp, "Spain won the World Cup after Italy accused the referee of bias.") == []


@pytest.mark.model
@pytest.mark.parametrize(
    "text, code, source, target",
    [
        # CAMEO's readings of verbs in any sentence (dictionary version ew.3)
        ("Britain summoned the Iranian ambassador on Monday.", "110", "GBR", "IRN"),
        ("Iraq is suing Kuwait for damages.", "115", "IRQ", "KWT"),
        ("Egyptian police prevented a demonstration in Cairo.", "170", "EGY", None),
        ("Russia denied the allegations.", "016", "RUS", None),
        ("Serbian rebels surrendered to Croatian troops.", "0874", "SRB", "HRV"),
        ("Syrian warplanes killed ten Turkish soldiers.", "195", "SYR", "TUR"),
        # a protest takes its sub-code from the change it is for, wherever the sentence says it
        ("Nepalese workers went on strike over the new labour policy.", "1432", "NPL", None),
        # hyphenated organisation names (actors eventwire-3)
        ("The Inter-Parliamentary Union condemned the coup in Myanmar.", "111", "IGOLEGIPU", None),
        ("Russia and Ukraine failed to reach an agreement on gas prices.", "164", "RUS", None),
        ("The rebels accepted a formula for sharing power with the government.", "030", "---REB", None),
        ("The tribunal indicted the Serbian general for genocide.", "1124", "---JUD", None),
        ("Representatives from the World Bank visited Kenya on Monday.", "042", "IGOUNODEVWBK", "KEN"),
    ],
)
def test_dictionary_readings(nlp, text: str, code: str, source: str, target: str | None) -> None:  # type: ignore[no-untyped-def]
    _assert_coded(nlp, text, code, source, target)


@pytest.mark.model
def test_speech_event_for_quote_cues(nlp) -> None:  # type: ignore[no-untyped-def]
    from eventwire.coding import make_doc
    from eventwire.evaluate.events import asserted
    from eventwire.events import REPORTING_STATEMENT_RULE, code_speech_event
    from eventwire.records import Article

    doc = nlp(make_doc(nlp, Article(id="q", text="Russia said it would attack Ukraine.", date="2022-01-12")))
    said = next(t for t in doc if t.lower_ == "said")
    speaker = {"id": "rus", "name": "Russia", "code": "RUS", "start": 0, "end": 6}
    event = code_speech_event(doc, said, speaker)
    # the coder's own pass codes the reported threat, not a statement; quotes still get the speech act
    assert event is not None and event["cameo"] == "010" and event["rule"] == REPORTING_STATEMENT_RULE
    assert event["source"]["code"] == "RUS"
    # and that statement is never the sentence's event under CAMEO's convention
    assert not asserted(event)
    # a plain statement reporting no act is coded by both
    doc = nlp(make_doc(nlp, Article(id="q2", text="Russia said the weather was cold.", date="2022-01-12")))
    said = next(t for t in doc if t.lower_ == "said")
    event = code_speech_event(doc, said, speaker)
    assert event is not None and event["root"] == "01" and event["rule"] != REPORTING_STATEMENT_RULE


@pytest.mark.model
def test_coordinated_participle_shares_the_passive_agent(nlp) -> None:  # type: ignore[no-untyped-def]
    # a bare participle coordinated with a passive shares the passive itself, and its agent
    events = _events(nlp, "Three soldiers were captured by the rebels and later released.")
    released = [e for e in events if e["trigger"]["text"] == "released"]
    assert released and released[0]["source"]["code"] == "---REB"


@pytest.mark.model
@pytest.mark.parametrize("text", [
    "The minister called the opposition a threat to peace.",
    "Merkel called the French proposal unacceptable.",
    # a quoted name the parser hangs on the object phrase
    "The Ghanaian president called most of the Togolese ministers “thieves.”",
])
def test_calling_something_a_name_is_no_phone_call(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    events = _events(nlp, text)
    assert not [e for e in events if e["cameo"].startswith("04")], events


@pytest.mark.model
def test_coordinated_speakers_are_not_each_others_counterpart(nlp) -> None:  # type: ignore[no-untyped-def]
    events = _events(nlp, "Germany and France say they are willing to negotiate a new treaty.")
    pairs = {((e["source"] or {}).get("code"), (e["target"] or {}).get("code")) for e in events}
    assert ("DEU", "FRA") not in pairs and ("FRA", "DEU") not in pairs, events
    # a verb's own co-ordinated subject still acts with each other
    events = _events(nlp, "Japan and South Korea signed a trade pact.")
    assert {(e["source"]["code"], (e["target"] or {}).get("code")) for e in events} >= {("JPN", "KOR"), ("KOR", "JPN")}


@pytest.mark.model
def test_own_forces_in_the_object_are_no_counterpart(nlp) -> None:  # type: ignore[no-untyped-def]
    events = _events(nlp, "China held a large naval exercise of 20,000 sailors.")
    assert all(e["target"] is None or not (e["target"]["code"] or "---").startswith("---") for e in events), events


@pytest.mark.model
def test_one_statement_per_speaker_and_sentence(nlp) -> None:  # type: ignore[no-untyped-def]
    events = _events(nlp, "The Kremlin said the meeting was useful, adding that Moscow would wait.")
    statements = [e for e in events if e["cameo"] == "010" and (e["source"] or {}).get("code") == "RUSGOV"]
    assert len(statements) <= 1, events


@pytest.mark.model
def test_denial_target_is_not_taken_from_a_coordinated_clause(nlp) -> None:  # type: ignore[no-untyped-def]
    events = _events(nlp, "China has denied it plans to invade the island but pressed for talks with Japan.")
    denials = [e for e in events if e["cameo"] == "016"]
    assert denials and all((e["target"] or {}).get("code") != "JPN" for e in denials), events


@pytest.mark.model
def test_expanding_a_stockpile_is_no_cooperation(nlp) -> None:  # type: ignore[no-untyped-def]
    assert not [e for e in _events(nlp, "North Korea expanded its arsenal of missiles.") if e["root"] == "06"]


@pytest.mark.model
def test_concluding_talks_is_no_halt_of_negotiations(nlp) -> None:  # type: ignore[no-untyped-def]
    assert not [e for e in _events(nlp, "Egypt concluded three days of talks with Sudan.") if e["cameo"] == "164"]
    assert [e for e in _events(nlp, "Egypt abruptly broke off talks with Sudan.") if e["cameo"] == "164"]


@pytest.mark.model
@pytest.mark.parametrize(
    "text, one, other",
    [
        ("Peru and Chile have agreed to sign a fishing pact.", "PER", "CHL"),
        ("Ghana and Togo agreed to reopen their shared border.", "GHA", "TGO"),
        ("Vietnam and Cambodia agreed to hold talks next month.", "VNM", "KHM"),
        # a stated intention to meet is still done with each other ("will meet" 036 both ways)
        ("Ghana and Togo will meet in Accra.", "GHA", "TGO"),
    ],
)
def test_symmetric_act_with_a_recoding_complement_is_coded_both_ways(nlp, text: str, one: str, other: str) -> None:  # type: ignore[no-untyped-def]
    pairs = {((e["source"] or {}).get("code"), (e["target"] or {}).get("code")) for e in _events(nlp, text) if e["root"] == "03"}
    assert {(one, other), (other, one)} <= pairs, pairs


@pytest.mark.model
@pytest.mark.parametrize(
    "text, code, source, target",
    [
        ("The rebels rejected an offer from the Kenyan government to extend the truce.", "1246", "", "KEN"),
        ("Serbia rejected a proposal by Albania for joint border patrols.", "120", "SRB", "ALB"),
        # a claim is an accusation whose author is the one the denial answers
        ("China denied claims by Japan that it had hacked the network.", "016", "CHN", "JPN"),
    ],
)
def test_author_of_an_antecedent_act_in_its_prepositional_phrase_is_the_target(  # type: ignore[no-untyped-def]
        nlp, text: str, code: str, source: str, target: str) -> None:
    _assert_coded(nlp, text, code, source, target)


@pytest.mark.model
@pytest.mark.parametrize(
    "text, root, source, target",
    [
        ("India pledged its support to the Kenyan government.", "03", "IND", "KEN"),
        ("Norway offered its help to the Sudanese government.", "07", "NOR", "SDN"),
    ],
)
def test_an_object_naming_only_the_source_leaves_the_target_to_its_phrase(  # type: ignore[no-untyped-def]
        nlp, text: str, root: str, source: str, target: str) -> None:
    matching = [e for e in _events(nlp, text) if e["root"] == root]
    assert matching and matching[0]["source"]["code"].startswith(source), matching
    assert matching[0]["target"] and (matching[0]["target"]["code"] or "").startswith(target), matching


@pytest.mark.model
@pytest.mark.parametrize(
    "text, code, source, target",
    [
        ("Thailand signed a new rice agreement with Malaysia on Monday.", "057", "THA", "MYS"),
        ("Turkey restored full diplomatic relations with Armenia.", "050", "TUR", "ARM"),
        ("Chile opened a dialogue with Bolivia.", "046", "CHL", "BOL"),
    ],
)
def test_the_with_phrase_of_the_object_names_the_counterpart(  # type: ignore[no-untyped-def]
        nlp, text: str, code: str, source: str, target: str) -> None:
    _assert_coded(nlp, text, code, source, target)
