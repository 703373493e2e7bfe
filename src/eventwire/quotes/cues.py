"""The reporting-cue data file (``eventwire/data/quotes/<version>.json``): verbs, particle verbs, phrases, and
(from reporting-2026.2) the cues whose direct object is the hearer, not what was said ("told reporters"),
(from reporting-2026.5) the verbs that cue only with an object and its complement ("called the plan a mistake")
and the nouns that cue with a clause and a named source ("the ministry's claim that ...")."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from ..errors import ConfigError, ErrorCode

CATEGORIES: tuple[str, ...] = ("speech", "finding", "cognition", "stance")


@dataclass(frozen=True)
class CueLexicon:
    version: str
    verbs: dict[str, str]  # lemma -> category
    particle_verbs: dict[tuple[str, str], str]  # (lemma, particle) -> category
    phrases: dict[tuple[str, ...], str]  # lower-cased words -> category
    addressee: frozenset[str] = frozenset()  # cue lemmas ("tell", "call on") whose object is the hearer
    # lemmas under which the event coder reads a clause as reported speech ("said it would attack": the attack
    # is reported, not done); a subset of ``verbs``
    frames_reported_acts: frozenset[str] = frozenset()
    # lemma -> category of verbs that cue only with an object and its complement ("called the plan a mistake")
    predicative: dict[str, str] = field(default_factory=dict)
    # lemma -> category of nouns that cue with a that-clause, or an infinitive or preposition and a named source
    nouns: dict[str, str] = field(default_factory=dict)

    def categories_for(self, enabled: tuple[str, ...]) -> CueLexicon:
        """The lexicon restricted to the enabled categories."""
        return CueLexicon(
            self.version,
            {k: v for k, v in self.verbs.items() if v in enabled},
            {k: v for k, v in self.particle_verbs.items() if v in enabled},
            {k: v for k, v in self.phrases.items() if v in enabled},
            self.addressee,
            self.frames_reported_acts,
            {k: v for k, v in self.predicative.items() if v in enabled},
            {k: v for k, v in self.nouns.items() if v in enabled},
        )


def _invalid(path: str, reason: str) -> ConfigError:
    return ConfigError(ErrorCode.E012, path=path, reason=reason)


@lru_cache(maxsize=4)
def load_cues(version: str) -> CueLexicon:
    """Load and check one version of the shipped cue file."""
    path = f"eventwire/data/quotes/{version}.json"
    try:
        raw = resources.files("eventwire").joinpath("data", "quotes", f"{version}.json").read_text(encoding="utf-8")
        data = json.loads(raw)
    except (OSError, json.JSONDecodeError) as exc:
        raise _invalid(path, str(exc)) from exc
    if data.get("version") != version:
        raise _invalid(path, f"version field {data.get('version')!r} does not match the file name")
    verbs: dict[str, str] = {}
    particle_verbs: dict[tuple[str, str], str] = {}
    phrases: dict[tuple[str, ...], str] = {}
    for section in ("verbs", "particle_verbs", "phrases"):
        for key, category in data.get(section, {}).items():
            if category not in CATEGORIES:
                raise _invalid(path, f"{section}[{key!r}]: unknown category {category!r}")
            words = tuple(key.lower().split())
            if section == "verbs":
                if len(words) != 1:
                    raise _invalid(path, f"verbs[{key!r}]: one lemma expected")
                verbs[words[0]] = category
            elif section == "particle_verbs":
                if len(words) != 2:
                    raise _invalid(path, f"particle_verbs[{key!r}]: 'lemma particle' expected")
                particle_verbs[(words[0], words[1])] = category
            else:
                phrases[words] = category
    addressee = data.get("addressee", [])
    if not isinstance(addressee, list) or not all(isinstance(a, str) for a in addressee):
        raise _invalid(path, "addressee: a list of cue lemmas expected")
    known = set(verbs) | {" ".join(k) for k in particle_verbs}
    unknown = sorted(a for a in addressee if a.lower() not in known)
    if unknown:
        raise _invalid(path, f"addressee: not a cue of the file: {', '.join(unknown)}")
    framing = data.get("frames_reported_acts", [])
    if not isinstance(framing, list) or not all(isinstance(a, str) for a in framing):
        raise _invalid(path, "frames_reported_acts: a list of verb lemmas expected")
    stray = sorted(a for a in framing if a.lower() not in verbs)
    if stray:
        raise _invalid(path, f"frames_reported_acts: not a verb of the file: {', '.join(stray)}")
    predicative = _lemma_categories(data, "predicative", path)
    nouns = _lemma_categories(data, "nouns", path)
    return CueLexicon(version, verbs, particle_verbs, phrases, frozenset(a.lower() for a in addressee),
                      frozenset(a.lower() for a in framing), predicative, nouns)


def _lemma_categories(data: dict[str, object], section: str, path: str) -> dict[str, str]:
    """An optional section of one-word lemma -> category."""
    raw = data.get(section, {})
    if not isinstance(raw, dict):
        raise _invalid(path, f"{section}: an object of lemma -> category expected")
    out: dict[str, str] = {}
    for key, category in raw.items():
        if category not in CATEGORIES:
            raise _invalid(path, f"{section}[{key!r}]: unknown category {category!r}")
        if len(key.split()) != 1:
            raise _invalid(path, f"{section}[{key!r}]: one lemma expected")
        out[key.lower()] = category
    return out
