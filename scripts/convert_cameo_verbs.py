"""Rebuild eventwire's event-coding data from ../shared/reference (run from the repository root).

Writes
- ``src/eventwire/data/verbs/petrarch2-cameo-2.0.jsonl``: PETRARCH2's CAMEO.2.0.txt verb dictionary as
  JSON lines: ``synset`` (word classes), ``verb`` (verb lemma, particles, own code) and ``pattern`` (the
  words around the verb, parsed into elements a dependency matcher can use) records. Every code is kept.
- ``src/eventwire/data/verbs/phoenix-discards.jsonl``: Phoenix.discards.txt as ``discard`` records (phrase,
  ``story`` for a whole-story discard, ``exact_end`` when the phrase must end a word, ``historical`` for the
  bare years and "YEARS AGO"-style phrases, which Phoenix used to drop retrospectives from 2014 news).
- ``src/eventwire/data/cameo/cameo-codes.json``: per CAMEO code its name, Goldstein value (GDELT's
  CAMEO.goldsteinscale.txt), GDELT QuadClass and PLOVER event type, mode and context (CAMEO2PLOVER-2021).

Pattern element shapes (see eventwire.events.patterns)::

    {"w": ["violat"], "exact": false}      a word (alternatives; exact=false allows a stem match)
    {"syn": "CURRENCY"}                     any member of a synset
    {"np": [element, ...]}                  consecutive words of one noun phrase
    {"pp": ["to", "for"], "obj": [...]}     a prepositional phrase: preposition and words inside it
    {"role": "source" | "target" | "compound" | "skip"}   PETRARCH's $ + % ^ markers

Usage: python scripts/convert_cameo_verbs.py [--reference ../shared/reference]
"""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
VERBS_OUT = REPO / "src/eventwire/data/verbs/petrarch2-cameo-2.0.jsonl"
CODES_OUT = REPO / "src/eventwire/data/cameo/cameo-codes.json"
DISCARDS_OUT = REPO / "src/eventwire/data/verbs/phoenix-discards.jsonl"
HISTORICAL_RE = re.compile(r"^(?:\d{4}|(?:DAYS|WEEKS|MONTHS|YEARS) (?:AGO|LATER))$")

CODE_RE = re.compile(r"\[([^\]]*)\]")
BLOCK_RE = re.compile(r"^---\s+(\S+)\s+\[([^\]]*)\]")
ROLE_MARKS = {"$": "source", "+": "target", "%": "compound", "^": "skip"}


def clean_word(raw: str) -> dict[str, Any]:
    """A dictionary word: ``_`` at the end means exact form; ``/`` separates alternatives."""
    exact = raw.endswith("_")
    words = [w.strip("_").replace("_", " ").lower() for w in raw.split("/") if w.strip("_")]
    return {"w": words, "exact": exact}


def parse_elements(text: str) -> list[dict[str, Any]]:
    """Parse the words on one side of ``*`` into nested elements."""
    tokens = re.findall(r"\{|\}|\(|\)|[^\s{}()]+", text)
    pos = 0

    def parse_until(closer: str | None) -> list[dict[str, Any]]:
        nonlocal pos
        out: list[dict[str, Any]] = []
        while pos < len(tokens):
            tok = tokens[pos]
            pos += 1
            if tok == closer:
                return out
            if tok == "{":
                out.append({"np": parse_until("}")})
            elif tok == "(":
                inner = parse_until(")")
                if inner and "w" in inner[0]:
                    out.append({"pp": inner[0]["w"], "obj": inner[1:]})
                elif inner:
                    out.extend(inner)
            elif tok in ROLE_MARKS:
                out.append({"role": ROLE_MARKS[tok]})
            elif tok.startswith("&"):
                out.append({"syn": tok[1:].rstrip("_")})
            elif tok in {"}", ")"}:
                continue
            else:
                out.append(clean_word(tok))
        return out

    return parse_until(None)


def parse_code(raw: str) -> tuple[str | None, str | None]:
    """``[042:043]`` -> ("042", "043"): the event and the reverse event (target acts on source)."""
    raw = raw.strip()
    if not raw or raw.startswith("---"):
        return None, None
    main, _, reverse = raw.partition(":")
    main = main.strip() or None
    reverse = reverse.strip() or None
    if main and not main.isdigit():
        main = None
    if reverse and not reverse.isdigit():
        reverse = None
    return main, reverse


def parse_verb_line(line: str, block: str) -> dict[str, Any] | None:
    body = line.split("#", 1)[0].strip()
    if not body:
        return None
    code_match = CODE_RE.search(body)
    code, reverse = parse_code(code_match.group(1)) if code_match else (None, None)
    own_code = bool(code_match)
    body = CODE_RE.sub("", body)
    forms_match = re.search(r"\{([^}]*)\}", body)
    forms = forms_match.group(1).split() if forms_match else []
    head = re.sub(r"\{[^}]*\}", "", body).strip().split()
    if not head:
        return None
    phrase = head[0].lstrip("+").strip("_").lower().split("_")
    return {
        "type": "verb",
        "block": block,
        "lemma": phrase[0],
        "particles": phrase[1:],
        "forms": sorted({f.lstrip("+").strip("_").lower().split("_")[0] for f in forms}),
        "code": code if own_code else None,
        "reverse": reverse if own_code else None,
        "own_code": own_code,
        "origin": "petrarch2",
    }


def convert_verbs(path: Path) -> list[dict[str, Any]]:
    lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    records: list[dict[str, Any]] = []
    section = "head"
    synset: dict[str, Any] | None = None
    block = ""
    block_code: tuple[str | None, str | None] = (None, None)
    for raw in lines:
        line = raw.rstrip()
        if line.startswith("####### SYNONYM"):
            section = "synsets"
            continue
        if line.startswith("####### VERB PATTERNS"):
            section = "verbs"
            continue
        if line.startswith("######## TRANSFORMATIONS"):
            break
        if section == "synsets":
            if line.startswith("&"):
                synset = {"type": "synset", "name": line[1:].split()[0].rstrip("_"), "members": []}
                records.append(synset)
            elif line.startswith("+") and synset is not None:
                word = line[1:].split("#")[0].strip()
                if word:
                    synset["members"].append(clean_word(word))
            continue
        if section != "verbs" or not line.strip() or line.lstrip().startswith("#"):
            continue
        header = BLOCK_RE.match(line)
        if header:
            block = header.group(1)
            block_code = parse_code(header.group(2))
            records.append({"type": "block", "block": block, "code": block_code[0], "reverse": block_code[1]})
            continue
        if line.startswith("-"):
            body, _, comment = line[1:].partition("#")
            code_match = CODE_RE.search(body)
            if not code_match:
                continue
            code, reverse = parse_code(code_match.group(1))
            words = CODE_RE.sub("", body)
            if "*" not in words:
                continue
            pre, _, post = words.partition("*")
            if code is None and reverse is None:
                continue
            records.append(
                {
                    "type": "pattern",
                    "block": block,
                    "code": code,
                    "reverse": reverse,
                    "pre": parse_elements(pre),
                    "post": parse_elements(post),
                    "verb": (comment.strip().split() or [""])[0].strip(",").lower() or None,
                    "origin": "petrarch2",
                }
            )
            continue
        verb = parse_verb_line(line, block)
        if verb:
            if not verb["own_code"]:
                verb["code"], verb["reverse"] = block_code
            records.append(verb)
    return records


def convert_discards(path: Path) -> list[dict[str, Any]]:
    """Phoenix discard phrases: ``+PHRASE`` discards the story, ``PHRASE`` the sentence; ``_`` ends a word."""
    records: list[dict[str, Any]] = []
    seen: set[tuple[str, bool]] = set()
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        body = raw.split("#", 1)[0].strip()
        if not body:
            continue
        story = body.startswith("+")
        phrase = body.lstrip("+").strip()
        exact_end = phrase.endswith("_")
        phrase = " ".join(phrase.rstrip("_").split())
        if not phrase or (phrase.lower(), story) in seen:
            continue
        seen.add((phrase.lower(), story))
        records.append({"type": "discard", "phrase": phrase.lower(), "story": story, "exact_end": exact_end,
                        "historical": bool(HISTORICAL_RE.match(phrase)), "origin": "phoenix"})
    return records


def read_tsv(path: Path) -> dict[str, str]:
    out: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines()[1:]:
        parts = line.strip().split("\t")
        if len(parts) >= 2 and parts[0].strip().isdigit():
            out[parts[0].strip()] = parts[1].strip()
    return out


def quad_class(code: str) -> int:
    """GDELT QuadClass: 1 verbal cooperation (01-05), 2 material cooperation (06-08),
    3 verbal conflict (09-13), 4 material conflict (14-20)."""
    root = int(code[:2])
    if root <= 5:
        return 1
    if root <= 8:
        return 2
    if root <= 13:
        return 3
    return 4


def convert_codes(reference: Path) -> dict[str, Any]:
    names = read_tsv(reference / "goldstein/gdelt_CAMEO.eventcodes.txt")
    # a known glitch of the GDELT copy: row 1056 carries "106:[-5.0] Demand withdrawal" merged in
    for code, name in list(names.items()):
        merged = re.match(r"(.*?)(\d{3,4}):\[[-0-9.]+\]\s*(.*)", name)
        if merged:
            names[code] = merged.group(1).strip()
            names.setdefault(merged.group(2), merged.group(3).strip())
    names = {code: name for code, name in names.items() if len(code) >= 2}
    goldstein = {code: float(value) for code, value in read_tsv(reference / "goldstein/gdelt_CAMEO.goldsteinscale.txt").items()}
    plover: dict[str, dict[str, str | None]] = {}
    for line in (reference / "plover/CAMEO2PLOVER-2021.txt").read_text(encoding="utf-8").splitlines():
        match = re.match(r"^(\d{2,4}):\s*([^#]*)", line)
        if not match:
            continue
        fields = [f.strip() or None for f in match.group(2).split(",")]
        fields += [None] * (3 - len(fields))
        plover[match.group(1)] = {"type": fields[0], "mode": fields[1], "context": fields[2]}
    codes: dict[str, Any] = {}
    all_codes = sorted(set(names) | set(goldstein) | set(plover))
    for code in all_codes:
        if not code.isdigit() or len(code) < 2 or int(code[:2]) < 1 or int(code[:2]) > 20:
            continue

        def inherit(table: dict[str, Any], key: str) -> Any:
            # a sub-code missing from a table takes its parent's value (e.g. 0110 -> 011 -> 01)
            while key:
                if key in table:
                    return table[key]
                key = key[:-1] if len(key) > 2 else ""
            return None

        entry = inherit(plover, code) or {"type": None, "mode": None, "context": None}
        codes[code] = {
            "name": names.get(code) or inherit(names, code),
            "goldstein": inherit(goldstein, code),
            "quad": quad_class(code),
            "plover": {"type": entry["type"], "mode": entry["mode"] if code in plover else None,
                       "context": entry["context"] if code in plover else None},
        }
    return {
        "version": "cameo-codes-1",
        "goldstein_table": "gdelt_CAMEO.goldsteinscale.txt",
        "quad": "GDELT QuadClass 1-4",
        "plover": "CAMEO2PLOVER-2021 (PLOVER Draft 0.8)",
        "codes": codes,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reference", type=Path, default=REPO.parent / "shared/reference")
    args = parser.parse_args()
    records = convert_verbs(args.reference / "petrarch2/CAMEO.2.0.txt")
    VERBS_OUT.parent.mkdir(parents=True, exist_ok=True)
    with VERBS_OUT.open("w", encoding="utf-8") as fh:
        for record in records:
            fh.write(json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n")
    discards = convert_discards(args.reference / "petrarch2/Phoenix.discards.txt")
    with DISCARDS_OUT.open("w", encoding="utf-8") as fh:
        for record in discards:
            fh.write(json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n")
    print(f"{DISCARDS_OUT.relative_to(REPO)}: {len(discards)} discards")
    codes = convert_codes(args.reference)
    CODES_OUT.parent.mkdir(parents=True, exist_ok=True)
    CODES_OUT.write_text(json.dumps(codes, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    kinds: dict[str, int] = {}
    for record in records:
        kinds[record["type"]] = kinds.get(record["type"], 0) + 1
    print(f"{VERBS_OUT.relative_to(REPO)}: {kinds}")
    print(f"{CODES_OUT.relative_to(REPO)}: {len(codes['codes'])} codes")


if __name__ == "__main__":
    main()
