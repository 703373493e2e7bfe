"""Bare verb readings whose object is a thing or a piece of information, and force between unarmed persons.
Sentences written for these tests (none from a gold set)."""

# ruff: noqa: F811  (pytest passes the imported `nlp` fixture to each test by name)
from __future__ import annotations

import pytest

from test_event_targets import _coded, nlp  # noqa: F401  (the model fixture and the reader)


@pytest.mark.model
@pytest.mark.parametrize(
    "text, root",
    [
        ("The Peruvian army will offer training courses next year.", "03"),
        ("The Bolivian government established a new agency for roads.", "06"),
    ],
)
def test_cooperation_done_to_a_thing_is_no_event(nlp, text: str, root: str) -> None:  # type: ignore[no-untyped-def]
    coded = _coded(nlp, text)
    assert not [c for c in coded if c[0].startswith(root)], coded


@pytest.mark.model
@pytest.mark.parametrize(
    "text, code, source, target",
    [
        ("Peru will provide Bolivia with emergency loans.", "031", "Peru", "Bolivia"),
        ("The Chilean minister enhanced cooperation with Peru.", "060", "The Chilean minister", "Peru"),
    ],
)
def test_cooperation_with_a_party_stays(nlp, text: str, code: str, source: str, target: str) -> None:  # type: ignore[no-untyped-def]
    assert (code, source, target) in _coded(nlp, text)


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        "The Finance Ministry of Chile released new export figures on Monday.",
        "A study released by the Ugandan health ministry found a rise in malaria.",
        "The Kenyan police released a video of the arrest.",
    ],
)
def test_releasing_information_is_no_release(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    coded = _coded(nlp, text)
    assert not [c for c in coded if c[0].startswith("084") or c[0].startswith("124")], coded


@pytest.mark.model
def test_freeing_a_person_is_a_release(nlp) -> None:  # type: ignore[no-untyped-def]
    coded = _coded(nlp, "Bolivian police freed the kidnapped engineer.")
    assert ("0841", "Bolivian police", "the kidnapped engineer") in coded, coded


@pytest.mark.model
@pytest.mark.parametrize(
    "text, source, target",
    [
        ("Senator Jane Marwick hit Governor Tom Briggs hard on his tax record on Tuesday.", "Senator Jane Marwick",
         "Governor Tom Briggs"),
        ("Mayor Ruth Okafor attacked Senator Paul Demby over the closure of the port.", "Mayor Ruth Okafor",
         "Senator Paul Demby"),
    ],
)
def test_one_unarmed_person_striking_another_is_criticism(nlp, text: str, source: str, target: str) -> None:  # type: ignore[no-untyped-def]
    coded = _coded(nlp, text)
    assert ("111", source, target) in coded, coded
    assert not [c for c in coded if c[0][:2] in {"18", "19", "20"}], coded


@pytest.mark.model
def test_an_armed_source_keeps_its_force(nlp) -> None:  # type: ignore[no-untyped-def]
    coded = _coded(nlp, "A gunman shot a Bolivian judge.")
    assert any(code.startswith(("18", "19")) for code, _, _ in coded), coded


@pytest.mark.model
@pytest.mark.parametrize(
    "text, code, source, target",
    [
        # a thing given back goes to the party of the "to" phrase, active or passive, "return" or "hand back"
        ("Bolivian police returned a looted altar piece to Peru.", "0842", "Bolivian police", "Peru"),
        ("The stolen manuscripts were returned to Chile by Argentine police.", "0842", "Argentine police", "Chile"),
        ("Ecuador handed back the seized fishing boats to Colombia.", "0842", "Ecuador", "Colombia"),
    ],
)
def test_returning_a_thing_to_a_party(nlp, text: str, code: str, source: str, target: str) -> None:  # type: ignore[no-untyped-def]
    coded = _coded(nlp, text)
    assert (code, source, target) in coded, coded


@pytest.mark.model
def test_going_back_somewhere_returns_nothing(nlp) -> None:  # type: ignore[no-untyped-def]
    # "return" without an object is travel, not a handover
    coded = _coded(nlp, "The Bolivian minister returned to La Paz on Sunday.")
    assert not [c for c in coded if c[0].startswith("084")], coded


@pytest.mark.model
@pytest.mark.parametrize(
    "text, source, target",
    [
        # what is sent is a countryless group; the party it is sent to is acted on
        ("Chile sent relief supplies and nurses to Ecuador.", "Chile", "Ecuador"),
        ("Brazil sent troops to Haiti last year.", "Brazil", "Haiti"),
    ],
)
def test_a_group_sent_to_a_party_is_what_is_sent(nlp, text: str, source: str, target: str) -> None:  # type: ignore[no-untyped-def]
    coded = _coded(nlp, text)
    assert any(s == source and t == target for _, s, t in coded), coded


@pytest.mark.model
def test_a_group_expelled_to_a_country_is_acted_on(nlp) -> None:  # type: ignore[no-untyped-def]
    # an expulsion is done to the persons expelled, not to where they are sent
    coded = _coded(nlp, "Peruvian police expelled the protesters to Bolivia.")
    assert any(c.startswith("17") and t == "the protesters" for c, _, t in coded), coded


@pytest.mark.model
@pytest.mark.parametrize(
    "text, root, target",
    [
        # the passive subject that names no coded actor is still what the act is done to
        ("The fishing boats were seized by the Peruvian navy.", "17", "The fishing boats"),
        ("Two grain silos were shelled by Bolivian rebels overnight.", "19", "Two grain silos"),
    ],
)
def test_an_uncoded_passive_subject_is_the_target(nlp, text: str, root: str, target: str) -> None:  # type: ignore[no-untyped-def]
    coded = _coded(nlp, text)
    assert any(c.startswith(root) and t == target for c, _, t in coded), coded


@pytest.mark.model
@pytest.mark.parametrize(
    "text, target",
    [
        # the object noun's "of" phrase names who the lifted or eased act was aimed at
        ("Colombia eased its embargo of Venezuela.", "Venezuela"),
        ("Turkey ended its blockade of the Armenian border towns.", "the Armenian border towns"),
    ],
)
def test_the_of_phrase_of_an_ended_act_is_the_target(nlp, text: str, target: str) -> None:  # type: ignore[no-untyped-def]
    coded = _coded(nlp, text)
    assert any(t == target for _, _, t in coded), coded


@pytest.mark.model
@pytest.mark.parametrize(
    "text, target",
    [
        # a restriction imposed on an area is done to that area
        ("Bolivian police imposed a curfew across the southern districts.", "the southern districts"),
        ("The Peruvian army imposed a curfew in Cusco.", "Cusco"),
        # a time is no area
        ("The Peruvian army imposed a curfew on Monday.", None),
    ],
)
def test_the_area_of_an_imposed_restriction_is_the_target(nlp, text: str, target: str | None) -> None:  # type: ignore[no-untyped-def]
    coded = _coded(nlp, text)
    assert [t for c, _, t in coded if c.startswith("17")] == [target], coded


@pytest.mark.model
@pytest.mark.parametrize(
    "text, root, target",
    [
        # "carry out" has no code of its own: the event noun it carries decides, not a block pattern matched
        # on a word inside the noun's phrase ("army" read as a military exercise)
        ("The guerrillas carried out raids on army barracks.", "19", "army barracks"),
        ("Bolivian rebels carried out attacks on police stations.", "19", "police stations"),
    ],
)
def test_a_phrasal_light_verb_without_a_code_takes_its_noun(nlp, text: str, root: str, target: str) -> None:  # type: ignore[no-untyped-def]
    coded = _coded(nlp, text)
    assert any(c.startswith(root) and t == target for c, _, t in coded), coded
    assert not any(c.startswith("06") for c, _, _ in coded), coded


@pytest.mark.model
@pytest.mark.parametrize(
    "text, code, target",
    [
        # a coordinated modifier the parse splits off ("air and artillery strikes") still decides the code
        ("Colombian troops launched air and artillery strikes on rebel camps.", "195", "rebel camps"),
        ("Nigerian jets launched air and ground attacks on militant hideouts.", "195", "militant hideouts"),
        # strikes aimed at someone are force, not a labour strike
        ("The army launched strikes on rebel positions.", "190", "rebel positions"),
        ("Dock workers launched a strike over pay.", "143", None),
    ],
)
def test_a_conjoined_or_directed_event_noun_takes_its_code(nlp, text: str, code: str, target: str | None) -> None:  # type: ignore[no-untyped-def]
    coded = _coded(nlp, text)
    assert (code, target) in {(c, t) for c, _, t in coded}, coded


@pytest.mark.model
@pytest.mark.parametrize(
    "text, code, source, target",
    [
        # a country adjective on an act noun names its doer; the means decides the kind of force
        ("Five civilians were killed in an Israeli air strike.", "195", "Israeli", "Five civilians"),
        ("An Israeli air strike killed five civilians.", "195", "Israeli", "five civilians"),
        # the act noun's "by" phrase, or the agent of a participle on a weapon noun
        ("A suicide bombing by al-Shabab militants killed twelve soldiers in Mogadishu.", "1831",
         "al-Shabab militants", "twelve soldiers"),
        ("Two Kenyan police officers were killed by a roadside bomb planted by al-Shabab.", "1833", "al-Shabab",
         "Two Kenyan police officers"),
        # the subject of "die" is harmed, never the doer
        ("Twelve people died in Israeli strikes on Gaza.", "190", "Israeli", "Twelve people"),
    ],
)
def test_the_doer_of_a_harm_is_the_author_of_its_means(nlp, text: str, code: str, source: str, target: str) -> None:  # type: ignore[no-untyped-def]
    assert (code, source, target) in _coded(nlp, text), _coded(nlp, text)


@pytest.mark.model
@pytest.mark.parametrize("text", ["Twelve people died in the floods.", "The minister died in hospital.",
                                  "Four miners were killed in an explosion at the mine."])
def test_a_death_with_no_author_is_no_event(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    assert _coded(nlp, text) == []


@pytest.mark.model
def test_the_uncoded_author_of_a_charge_is_the_target_of_its_denial(nlp) -> None:  # type: ignore[no-untyped-def]
    coded = _coded(nlp, "The mayor rejected charges by local farmers that he had sold the land.")
    assert ("016", "The mayor", "local farmers") in coded, coded


@pytest.mark.model
@pytest.mark.parametrize(
    "text, code, target",
    [
        # a count's "of" phrase names who is counted: the party acted on
        ("Rebels killed dozens of villagers.", "190", "dozens of villagers"),
        # a participle after force carried by an event noun is an act of its own, not a protest's purpose
        ("Kenyan jets conducted several air raids near the coast, killing dozens of insurgents.", "195",
         "dozens of insurgents"),
    ],
)
def test_the_counted_party_of_a_participle_of_force_is_its_target(nlp, text: str, code: str, target: str) -> None:  # type: ignore[no-untyped-def]
    coded = _coded(nlp, text)
    assert any(c == code and t == target for c, _, t in coded), coded


@pytest.mark.model
@pytest.mark.parametrize(
    "text, code, target",
    [
        # "for X to do": the act is asked of X, who is the appeal's target; the asked act is no event
        ("Kenya called for Iraq to withdraw its troops.", "0256", "Iraq"),
        ("Kenya called for Iraq to release the prisoners.", "0253", "Iraq"),
        # the one asked may share the speaker's country
        ("The Ghanaian president called for Ghana to remain in the customs union.", "020", "Ghana"),
    ],
)
def test_an_act_asked_of_a_clause_subject_targets_it(nlp, text: str, code: str, target: str) -> None:  # type: ignore[no-untyped-def]
    coded = _coded(nlp, text)
    assert [(c, t) for c, _, t in coded] == [(code, target)], coded


@pytest.mark.model
def test_a_trip_for_a_purpose_is_no_appeal(nlp) -> None:  # type: ignore[no-untyped-def]
    assert _coded(nlp, "The Kenyan minister left for Nairobi to receive an honorary degree.") == []


@pytest.mark.model
def test_the_author_of_an_answered_charge_hung_on_the_verb_is_the_target(nlp) -> None:  # type: ignore[no-untyped-def]
    # the parser attaches "by ..." after the object to the active verb
    coded = _coded(nlp, "The Chilean ministry has rejected charges by the miners' union that its safety rules endanger workers.")
    assert ("016", "Chilean ministry", "the miners' union") in coded, coded


@pytest.mark.model
@pytest.mark.parametrize(
    "text, code, source, target",
    [
        # escalating an act is doing it; a force noun's "of" phrase is whom it is done to
        ("The Turkish army escalated its shelling of Kurdish positions.", "194", "The Turkish army", "Kurdish positions"),
        ("The army resumed its shelling of the town.", "194", "The army", "the town"),
    ],
)
def test_force_carried_by_a_noun(nlp, text: str, code: str, source: str, target: str) -> None:  # type: ignore[no-untyped-def]
    assert (code, source, target) in _coded(nlp, text), _coded(nlp, text)


@pytest.mark.model
@pytest.mark.parametrize(
    "text, expected",
    [
        # the passive subject of a cue spoken to is the hearer, not the speaker
        ("Fishermen were encouraged to report their catches by phone.", []),
        ("Residents were urged by the Kenyan government to stay indoors.", [("020", "the Kenyan government", "Residents")]),
        # leading a party is no cooperation; leading a delegation keeps its pattern
        ("The party, led by a former general, won the vote.", []),
        # a participle done in an act whose author is named is that author's act
        ("Five soldiers killed in Taliban attack", [("190", "Taliban", "Five soldiers")]),
    ],
)
def test_readings_of_passives_and_generic_verbs(nlp, text: str, expected: list[tuple[str, str, str]]) -> None:  # type: ignore[no-untyped-def]
    assert _coded(nlp, text) == expected


@pytest.mark.model
def test_a_headline_participle_is_passive(nlp) -> None:  # type: ignore[no-untyped-def]
    import eventwire

    text = "Farmer arrested over stolen Kenyan cattle\n\nKenyan police made arrests on Monday."
    events = eventwire.code_text(text, date="2022-01-12", nlp=nlp)["events"]
    # the farmer is arrested, he arrests no one (the tagger reads "arrested" as a finite past here)
    assert all(text[e["source"]["start"]:e["source"]["end"]] != "Farmer" for e in events), events
    # what a headline's passive subject did is still his act
    text = "Driver arrested for firing shots at Kenyan police\n\nKenyan police made arrests on Monday."
    events = eventwire.code_text(text, date="2022-01-12", nlp=nlp)["events"]
    assert [(e["trigger"]["text"], text[e["source"]["start"]:e["source"]["end"]]) for e in events] == [("firing", "Driver")]


@pytest.mark.model
@pytest.mark.parametrize(
    "text, expected",
    [
        # a trip meets or visits a party only where one with a country is named
        ("The envoy flew to Moscow on Monday.", []),
        ("The diplomats went to the police station.", []),
        ("The Kenyan president travelled to Uganda.", [("040", "The Kenyan president", "Uganda")]),
        # giving commands is no cooperation; a preposition after the object is no particle ("give in")
        ("The Kenyan minister gave the students a lecture on history.", []),
        ("Britain gave 10 million pounds in aid to Kenya.", [("070", "Britain", "Kenya")]),
        # freeing someone releases persons
        ("Ghana freed the former minister.", [("0841", "Ghana", "the former minister")]),
    ],
)
def test_trips_gifts_and_releases(nlp, text: str, expected: list[tuple[str, str, str]]) -> None:  # type: ignore[no-untyped-def]
    assert _coded(nlp, text) == expected


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        # wanting someone to do an act no code names is no event
        "The Kenyan ministry wants Uganda to read the report.",
        # heading home or heading a party is no cooperation; what someone meant is no intent
        "The Kenyan delegation will head home on Friday.",
        "Reporters wondered what the Kenyan president meant.",
    ],
)
def test_generic_verbs_without_an_act_are_no_events(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    assert _coded(nlp, text) == []


@pytest.mark.model
def test_agreeing_to_an_uncoded_act_is_an_intent_to_cooperate(nlp) -> None:  # type: ignore[no-untyped-def]
    coded = _coded(nlp, "The Government of Ghana has agreed to build a seed bank in Tamale.")
    assert [c[:2] for c, _, _ in coded] == ["03"], coded
    assert _coded(nlp, "The Kenyan ministry wants to widen the road.") == []


@pytest.mark.model
@pytest.mark.parametrize(
    "text, one, other",
    [
        # coordinated country words qualifying one noun are two parties acting with each other
        ("The Kenyan and Tanzanian navies began joint drills off the coast.", "KENMIL", "TZAMIL"),
        ("Kenyan and Ugandan ministers met in Kampala.", "KENGOV", "UGAGOV"),
        ("Ghanaian and Nigerian negotiators signed a fishing accord.", "GHAGOV", "NGAGOV"),
        # an event noun's coordinated subject with no one else named
        ("Peru and Bolivia will hold talks next week.", "PER", "BOL"),
    ],
)
def test_coordinated_parties_of_one_noun_act_with_each_other(nlp, text: str, one: str, other: str) -> None:  # type: ignore[no-untyped-def]
    import eventwire

    events = eventwire.code_text(text, date="2022-01-12", nlp=nlp)["events"]
    pairs = {((e["source"] or {}).get("code"), (e["target"] or {}).get("code")) for e in events}
    assert {(one, other), (other, one)} <= pairs, pairs


@pytest.mark.model
def test_the_result_of_force_is_done_by_its_means(nlp) -> None:  # type: ignore[no-untyped-def]
    coded = _coded(nlp, "Rebels shelled the town, killing ten civilians.")
    assert ("194", "Rebels", "ten civilians") in coded, coded


@pytest.mark.model
@pytest.mark.parametrize(
    "text, code, source, target",
    [
        # a document's participle is its author's act
        ("The Ugandan ministry released a statement urging Kenya to reopen the border.", "022",
         "The Ugandan ministry", "Kenya"),
        ("The Ghanaian parliament passed a resolution condemning the Togolese government.", "111",
         "The Ghanaian parliament", "the Togolese government"),
    ],
)
def test_a_documents_participle_is_its_authors_act(nlp, text: str, code: str, source: str, target: str) -> None:  # type: ignore[no-untyped-def]
    assert (code, source, target) in _coded(nlp, text), _coded(nlp, text)


@pytest.mark.model
def test_a_dative_recipient_phrase_is_the_uncoded_target(nlp) -> None:  # type: ignore[no-untyped-def]
    coded = _coded(nlp, "Nurses from Ghana delivered medicine to a clinic in Lome.")
    assert [t for _, _, t in coded] == ["a clinic"], coded


@pytest.mark.model
@pytest.mark.parametrize(
    "text, code, source, target",
    [
        # an act attributed to the subject is the subject's act
        ("The Kenyan army was responsible for the attacks on the villages.", "190", "The Kenyan army", "the villages"),
        ("The Ugandan army was responsible for mass killings near the lake.", "202", "The Ugandan army", None),
    ],
)
def test_an_attributed_act_is_the_subjects(nlp, text: str, code: str, source: str, target: str | None) -> None:  # type: ignore[no-untyped-def]
    assert _coded(nlp, text) == [(code, source, target)]


@pytest.mark.model
def test_a_gerund_after_guilty_of_is_the_subjects_act(nlp) -> None:  # type: ignore[no-untyped-def]
    coded = _coded(nlp, "The Ugandan army is guilty of torturing prisoners.")
    assert [(c[:2], s) for c, s, _ in coded] == [("18", "The Ugandan army")], coded


@pytest.mark.model
def test_an_offer_to_send_troops_targets_where_they_go(nlp) -> None:  # type: ignore[no-untyped-def]
    assert _coded(nlp, "Ghana has offered to send soldiers to Liberia.") == [("0332", "Ghana", "Liberia")]


@pytest.mark.model
@pytest.mark.parametrize(
    "text, expected",
    [
        # the source's own country's borders are what is closed; the party is across them
        ("The Kenyan president closed Kenya's borders with Somalia and Ethiopia.",
         [("172", "The Kenyan president", "Somalia"), ("172", "The Kenyan president", "Ethiopia")]),
        # an own-country party stays the target
        ("The Kenyan president praised Kenya's army.", [("051", "The Kenyan president", "Kenya's army")]),
    ],
)
def test_an_object_of_the_sources_own_country(nlp, text: str, expected: list[tuple[str, str, str]]) -> None:  # type: ignore[no-untyped-def]
    assert _coded(nlp, text) == expected


@pytest.mark.model
def test_an_operations_name_is_no_target(nlp) -> None:  # type: ignore[no-untyped-def]
    coded = _coded(nlp, "The Malian army launched a new operation, Operation Desert Lion, against jihadists near Gao.")
    assert coded == [("190", "The Malian army", "jihadists")], coded


@pytest.mark.model
@pytest.mark.parametrize(
    "text, denial_target",
    [
        # a denial answers the latest accusation against the denier, in the sentence or before it
        ("Kenya accused Uganda of shelling the border town. Uganda denied it.", "Kenya"),
        ("Kenya accused Uganda of the raid, which Uganda denied.", "Kenya"),
        # no accusation against the denier: no one is answered
        ("Kenya accused Uganda of fraud. Tanzania denied it.", None),
    ],
)
def test_a_denial_answers_the_accusation_against_its_source(nlp, text: str, denial_target: str | None) -> None:  # type: ignore[no-untyped-def]
    denials = [t for c, _, t in _coded(nlp, text) if c == "016"]
    assert denials == [denial_target], _coded(nlp, text)
