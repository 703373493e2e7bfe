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


def test_components_follow_the_fixed_order_whatever_the_setting_order() -> None:
    settings = load_settings(environ={})
    names = [name for name, _, _ in COMPONENTS]
    settings["nlp"]["components"] = list(reversed(names))
    nlp = load_pipeline(settings)
    ours = [name for name in nlp.pipe_names if name in names]
    assert ours == names
    assert nlp.pipe_names.index("eventwire_layout") < nlp.pipe_names.index("parser")
