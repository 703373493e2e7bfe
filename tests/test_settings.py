from __future__ import annotations

from pathlib import Path

import pytest

from eventwire.errors import ConfigError
from eventwire.settings import load_settings


def test_layers_user_file_then_environment_then_overrides(tmp_path: Path) -> None:
    user = tmp_path / "mine.toml"
    user.write_text('[nlp]\npipeline = "my_pipeline"\nbatch_size = 4\n')
    merged = load_settings(user, environ={"EVENTWIRE_NLP__BATCH_SIZE": "8"})
    assert merged["nlp"]["pipeline"] == "my_pipeline"
    assert merged["nlp"]["batch_size"] == 8  # the environment wins over the file
    assert merged["input"]["max_chars"] > 0  # untouched defaults stay
    assert load_settings(user, overrides={"nlp": {"batch_size": 2}}, environ={})["nlp"]["batch_size"] == 2


def test_settings_file_from_environment(tmp_path: Path) -> None:
    user = tmp_path / "env.toml"
    user.write_text("[cli]\nprogress_min_articles = 99\n")
    assert load_settings(environ={"EVENTWIRE_SETTINGS": str(user)})["cli"]["progress_min_articles"] == 99


def test_invalid_settings_file_names_the_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text("[nlp\n")
    with pytest.raises(ConfigError) as info:
        load_settings(bad, environ={})
    assert "E010" in str(info.value) and str(bad) in str(info.value)


@pytest.mark.parametrize(
    ("environ", "message"),
    [
        ({"EVENTWIRE_NLP__BATCH_SIZE": "0"}, "nlp.batch_size must be a positive integer"),
        ({"EVENTWIRE_NLP__BATCH_SIZE": '"eight"'}, "nlp.batch_size must be of type integer"),
        ({"EVENTWIRE_INPUT__ENCODINGS": "5"}, "input.encodings must be of type list"),
    ],
)
def test_wrong_values_are_refused_with_their_name(environ: dict[str, str], message: str) -> None:
    with pytest.raises(ConfigError) as info:
        load_settings(environ=environ)
    assert "E010" in str(info.value) and message in str(info.value) and "environment" in str(info.value)
