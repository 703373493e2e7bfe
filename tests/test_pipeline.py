"""Pipeline construction: the layered settings reach every component, components run in a fixed order."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwire.errors import ConfigError
from eventwire.nlp.pipeline import COMPONENTS, load_pipeline
from eventwire.settings import load_settings

pytestmark = pytest.mark.model


def test_user_settings_file_reaches_the_components(tmp_path: Path) -> None:
    """A dictionary named only in the user's settings file codes an actor the shipped data does not know."""
    extra = tmp_path / "my_actors.jsonl"
    extra.write_text('{"names": ["Zorblat Vexmoor"], "code": "FRAGOV", "type": "person"}\n')
    user = tmp_path / "mine.toml"
    user.write_text(f'[actors]\nextra_dictionaries = ["{extra}"]\n')
    settings = load_settings(user, environ={})
    settings["nlp"]["components"] = ["eventwire_actors"]
    doc = load_pipeline(settings)("Zorblat Vexmoor said on Monday that talks would resume.")
    assert [(a["name"], a["code"]) for a in doc._.actors] == [("Zorblat Vexmoor", "FRAGOV")]


def test_missing_user_dictionary_is_a_coded_error(tmp_path: Path) -> None:
    settings = load_settings(overrides={"actors": {"extra_dictionaries": [str(tmp_path / "nope.jsonl")]}}, environ={})
    settings["nlp"]["components"] = ["eventwire_actors"]
    with pytest.raises(ConfigError, match="E012.*nope.jsonl"):
        load_pipeline(settings)


def test_declared_reads_and_writes_leave_no_problem_in_the_full_pipeline() -> None:
    """Every cross-component read is declared in ``requires`` and satisfied by an earlier ``assigns``."""
    nlp = load_pipeline(load_settings(environ={}))
    analysis = nlp.analyze_pipes(pretty=False)
    # doc._.article is set before the pipe (eventwire.coding.make_doc); the pretrained pipeline's pipes
    # assign token.pos without declaring it. Everything our components write must be declared and in order.
    outside = {"doc._.article", "token.pos"}
    assert {name: set(problems) - outside for name, problems in analysis["problems"].items()} == {
        name: set() for name in nlp.pipe_names
    }
    events = nlp.get_pipe_meta("eventwire_events")
    assert {"doc._.actors", "doc._.dates", "doc._.places", "doc._.quotes"} <= set(events.requires)


def test_order_follows_the_declarations() -> None:
    from eventwire.nlp.pipeline import pipeline_order

    load_pipeline(load_settings(environ={}), components=[])
    for _, module, _ in COMPONENTS:
        __import__(module)
    order = pipeline_order(["eventwire_events", "eventwire_quotes", "eventwire_places", "eventwire_actors"])
    assert order.index("eventwire_actors") < order.index("eventwire_places") < order.index("eventwire_events")
    assert order.index("eventwire_quotes") < order.index("eventwire_events")


def test_unknown_component_is_a_coded_error() -> None:
    settings = load_settings(environ={})
    settings["nlp"]["components"] = ["eventwire_actors", "eventwire_sentiment"]
    with pytest.raises(ConfigError, match="E009.*eventwire_sentiment"):
        load_pipeline(settings)


TEXT = ("GENEVA (AP) — The Norwegian government sent aid to Chad on Monday. Foreign Minister Ola Berg visited "
        "the capital. He said the shipment would leave from Bergen. Berg promised: “We will keep helping the people of "
        "Chad this year.” Rebels fired on a checkpoint. A convoy was attacked near the border. Aid groups believe the route through Zorvania Province is unsafe.")

# one setting per component whose change shows in the output, set through a user file (--settings FILE)
SETTING_EFFECTS = [
    ("actors", "pronoun_max_sentences = 0",
     lambda r: any(m["text"] == "He" for a in r["actors"] for m in a["mentions"])),
    ("dates", "max_span_tokens = 1", lambda r: any(d["text"] == "this year" for d in r["dates"])),
    ("places", 'entity_labels = ["LOC"]', lambda r: sorted(p["text"] for p in r["places"] if p["source"] == "entity")),
    ("quotes", "indirect_min_words = 50", lambda r: len(r["quotes"])),
    ("events", "speech_events = false", lambda r: any("event" in q for q in r["quotes"])),
    ("events", "require_source = false", lambda r: len(r["events"])),
    ("events", "statements = true", lambda r: sorted(e["cameo"] for e in r["events"])),
    ("events", "uncoded_targets = false", lambda r: [(e["target"] or {}).get("name") for e in r["events"]]),
    ("actors", "title_max_tokens = 0", lambda r: sorted(m["text"] for a in r["actors"] for m in a["mentions"])),
    ("quotes", 'cue_categories = ["speech"]', lambda r: len(r["quotes"])),
    ("places", "max_candidates = 1", lambda r: [len(p["candidates"]) for p in r["places"]]),
    ("reporting", 'cues = "reporting-2026.1"', lambda r: r["provenance"]["dictionaries"]["quotes"]),
]


@pytest.mark.parametrize(("table", "line", "measure"), SETTING_EFFECTS, ids=[f"{t}.{line.split()[0]}" for t, line, _ in SETTING_EFFECTS])
def test_a_user_settings_file_changes_each_components_output(tmp_path: Path, table: str, line: str, measure) -> None:
    from eventwire import code_text

    user = tmp_path / "mine.toml"
    user.write_text(f"[{table}]\n{line}\n", encoding="utf-8")
    shipped_settings = load_settings(environ={})
    user_settings = load_settings(user, environ={})
    before = measure(code_text(TEXT, date="2026-03-02", nlp=load_pipeline(shipped_settings), settings=shipped_settings))
    after = measure(code_text(TEXT, date="2026-03-02", nlp=load_pipeline(user_settings), settings=user_settings))
    assert before != after, f"[{table}] {line} did not change the output"


def test_components_follow_the_fixed_order_whatever_the_setting_order() -> None:
    settings = load_settings(environ={})
    names = [name for name, _, _ in COMPONENTS]
    settings["nlp"]["components"] = list(reversed(names))
    nlp = load_pipeline(settings)
    ours = [name for name in nlp.pipe_names if name in names]
    assert ours == names
    assert nlp.pipe_names.index("eventwire_layout") < nlp.pipe_names.index("parser")


def test_shared_tables_reach_the_components_that_use_them(tmp_path: Path) -> None:
    """[reporting] reaches quotes and events; [places] reaches the events' place choice (event_place)."""
    user = tmp_path / "mine.toml"
    user.write_text('[reporting]\ncues = "reporting-2026.2"\n[places]\nlocative_preps = ["in"]\n', encoding="utf-8")
    nlp = load_pipeline(load_settings(user, environ={}))
    assert nlp.get_pipe("eventwire_quotes").versions["quotes"] == "reporting-2026.2"
    events = nlp.get_pipe("eventwire_events")
    assert events.versions["reporting"] == "reporting-2026.2"
    assert list(events.coder.place_settings["locative_preps"]) == ["in"]
