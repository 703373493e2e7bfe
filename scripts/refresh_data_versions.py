"""Write ``src/eventwire/data/VERSIONS.json``: every shipped data file's declared version and sha256.

    .venv/bin/python scripts/refresh_data_versions.py          # after changing a data file AND its version
    .venv/bin/python scripts/refresh_data_versions.py --check  # what tests/test_data_versions.py checks

A data file's version is declared where its loader reads it (``version_from`` in the manifest):

- ``self:KEY``: the JSON file's own top-level key (``timex/lexicon.json`` -> ``"version"``);
- ``file:PATH:KEY``: a key of another data file (the actor files -> ``actors/manifest.json``);
- ``header``: the ``(version X)`` / ``# X built from`` tag of the first line (the geo TSV files, read as
  ``eventwire.geo.gazetteer`` reads it);
- ``python:MODULE:NAME``: a constant in code (the verb files -> ``eventwire.events.patterns.DICTIONARY_VERSION``).

A file whose content changed while its declared version did not is refused: outputs name their data by
version, so two different files must never share one. Bump the version, then run this script.
"""

from __future__ import annotations

import argparse
import fnmatch
import gzip
import hashlib
import importlib
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "src" / "eventwire" / "data"
MANIFEST = DATA / "VERSIONS.json"
# not data: the documentation and the manifest itself
SKIP = ("README.md", "VERSIONS.json")
# where the version of a file that does not declare its own is read (first matching pattern wins)
RULES: tuple[tuple[str, str], ...] = (
    ("actors/*.jsonl", "file:actors/manifest.json:version"),
    ("actors/token_forms.json", "file:actors/manifest.json:version"),
    ("verbs/*.jsonl", "python:eventwire.events.patterns:DICTIONARY_VERSION"),
    ("geo/*.tsv", "header"),
    ("geo/*.tsv.gz", "header"),
)
REFRESH = "scripts/refresh_data_versions.py"


def data_files(data: Path = DATA) -> list[str]:
    """Every shipped data file, as a path relative to ``data/`` with forward slashes, sorted."""
    return sorted(
        p.relative_to(data).as_posix()
        for p in data.rglob("*")
        if p.is_file() and p.relative_to(data).as_posix() not in SKIP and "__pycache__" not in p.parts
    )


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _text(path: Path) -> str:
    data = path.read_bytes()
    return (gzip.decompress(data) if path.suffix == ".gz" else data).decode("utf-8")


def version_from(name: str, data: Path = DATA) -> str:
    """Where ``name``'s version is declared: a rule above, else its own ``version`` key if it is JSON."""
    for pattern, source in RULES:
        if fnmatch.fnmatch(name, pattern):
            return source
    if name.endswith(".json"):
        obj = json.loads(_text(data / name))
        if isinstance(obj, dict) and isinstance(obj.get("version"), str):
            return "self:version"
    raise SystemExit(f"{name}: no declared version found; give it a 'version' key or add a rule to RULES in {REFRESH}")


def declared_version(name: str, source: str, data: Path = DATA) -> str:
    kind, _, rest = source.partition(":")
    if kind == "self":
        return str(json.loads(_text(data / name))[rest])
    if kind == "file":
        other, _, key = rest.rpartition(":")
        return str(json.loads(_text(data / other))[key])
    if kind == "header":
        from eventwire.geo.gazetteer import _header_version  # the loader's own reading of the tag

        return _header_version(_text(data / name), "")
    if kind == "python":
        module, _, attr = rest.partition(":")
        return str(getattr(importlib.import_module(module), attr))
    raise ValueError(f"{name}: unknown version source {source!r}")


def build(data: Path = DATA) -> dict[str, Any]:
    files = {}
    for name in data_files(data):
        source = version_from(name, data)
        version = declared_version(name, source, data)
        if not version:
            raise SystemExit(f"{name}: {source} declares no version")
        files[name] = {"version": version, "version_from": source, "sha256": sha256(data / name)}
    return {
        "about": f"declared version and sha256 of every data file; checked by tests/test_data_versions.py, written by {REFRESH}",
        "files": files,
    }


def problems(manifest: dict[str, Any], current: dict[str, Any]) -> list[str]:
    """Why ``manifest`` (the committed one) does not describe ``current`` (the files as they are)."""
    out = []
    old, new = manifest.get("files", {}), current["files"]
    for name, entry in new.items():
        before = old.get(name)
        if before is None:
            out.append(f"{name}: not in data/VERSIONS.json; run {REFRESH}")
        elif entry["sha256"] != before["sha256"] and entry["version"] == before["version"]:
            out.append(
                f"{name}: content changed but its version is still {entry['version']!r} ({entry['version_from']}): "
                f"bump the version and re-run {REFRESH} to refresh the manifest"
            )
        elif entry != before:
            out.append(f"{name}: version {before['version']!r} -> {entry['version']!r} not recorded; re-run {REFRESH}")
    out.extend(f"{name}: in data/VERSIONS.json but no longer shipped; re-run {REFRESH}" for name in old if name not in new)
    return out


def _dump(manifest: dict[str, Any]) -> str:
    return json.dumps(manifest, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--check", action="store_true", help="report problems, write nothing")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT / "src"))  # versions declared in code are read from this checkout's code
    current = build()
    committed = json.loads(MANIFEST.read_text(encoding="utf-8")) if MANIFEST.is_file() else {}
    found = problems(committed, current)
    if args.check:
        print("\n".join(found) or "data/VERSIONS.json is up to date")
        return 1 if found else 0
    # refresh only what is consistent: a changed file keeping its version must be bumped first
    unbumped = [p for p in found if "content changed" in p]
    if unbumped:
        print("\n".join(unbumped), file=sys.stderr)
        return 1
    MANIFEST.write_text(_dump(current), encoding="utf-8")
    print(f"wrote {MANIFEST.relative_to(ROOT)} ({len(current['files'])} files)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
