"""Every shipped data file's declared version is checked against a hash of its content (data/VERSIONS.json)."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType

import pytest

from eventwire.errors import ConfigError
from eventwire.words import word_set, words

REPO = Path(__file__).resolve().parents[1]


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("refresh_data_versions", REPO / "scripts" / "refresh_data_versions.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


refresh = _script()


def test_every_data_file_is_in_the_manifest_with_its_current_hash_and_version() -> None:
    committed = json.loads(refresh.MANIFEST.read_text(encoding="utf-8"))
    found = refresh.problems(committed, refresh.build())
    assert not found, "\n".join(found)


def test_the_manifest_names_where_each_version_is_declared() -> None:
    files = json.loads(refresh.MANIFEST.read_text(encoding="utf-8"))["files"]
    assert files["timex/lexicon.json"]["version_from"] == "self:version"
    assert files["actors/curated.jsonl"]["version_from"] == "file:actors/manifest.json:version"
    assert files["verbs/eventwire-additions.jsonl"]["version_from"] == "python:eventwire.events.patterns:DICTIONARY_VERSION"
    assert files["geo/regions.tsv"]["version_from"] == "header"


def _write(data: Path, name: str, obj: object) -> None:
    (data / name).parent.mkdir(parents=True, exist_ok=True)
    (data / name).write_text(json.dumps(obj), encoding="utf-8")


def test_a_changed_file_that_keeps_its_version_is_refused(tmp_path: Path) -> None:
    _write(tmp_path, "birds/words.json", {"version": "birds-1", "names": ["heron", "wren"]})
    _write(tmp_path, "birds/extra.json", {"version": "extra-1", "names": ["owl"]})
    manifest = refresh.build(tmp_path)
    assert refresh.problems(manifest, refresh.build(tmp_path)) == []

    _write(tmp_path, "birds/words.json", {"version": "birds-1", "names": ["heron", "wren", "stork"]})
    (problem,) = refresh.problems(manifest, refresh.build(tmp_path))
    assert problem.startswith("birds/words.json: content changed but its version is still 'birds-1'")
    assert "bump the version and re-run scripts/refresh_data_versions.py to refresh the manifest" in problem

    _write(tmp_path, "birds/words.json", {"version": "birds-2", "names": ["heron", "wren", "stork"]})
    (problem,) = refresh.problems(manifest, refresh.build(tmp_path))
    assert "'birds-1' -> 'birds-2' not recorded; re-run scripts/refresh_data_versions.py" in problem
    assert refresh.problems(refresh.build(tmp_path), refresh.build(tmp_path)) == []


def test_new_and_removed_files_are_reported(tmp_path: Path) -> None:
    _write(tmp_path, "birds/words.json", {"version": "birds-1", "names": ["heron"]})
    manifest = refresh.build(tmp_path)
    _write(tmp_path, "fish/words.json", {"version": "fish-1", "names": ["carp"]})
    (tmp_path / "birds" / "words.json").unlink()
    found = refresh.problems(manifest, refresh.build(tmp_path))
    assert found == [
        "fish/words.json: not in data/VERSIONS.json; run scripts/refresh_data_versions.py",
        "birds/words.json: in data/VERSIONS.json but no longer shipped; re-run scripts/refresh_data_versions.py",
    ]


def test_a_file_without_a_declared_version_cannot_be_listed(tmp_path: Path) -> None:
    _write(tmp_path, "birds/words.json", {"names": ["heron"]})
    with pytest.raises(SystemExit, match="no declared version"):
        refresh.build(tmp_path)


@pytest.mark.parametrize("component", ["actors", "quotes", "geo", "timex", "ingest"])
def test_word_files_are_versioned_lists(component: str) -> None:
    data = words(component)
    assert data["version"].startswith(component.rstrip("s") + "-words-")
    for key, value in data.items():
        if key not in ("version", "about"):
            assert isinstance(value, list | dict) and value, key


def test_a_word_list_of_the_wrong_shape_is_a_coded_error() -> None:
    with pytest.raises(ConfigError, match="E012"):
        word_set("ingest", "months")  # a table, not a list
