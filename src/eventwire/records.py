"""Typed records: the input Article, what the components put on the Doc, and the output record.

The output types are ``msgspec.Struct`` classes. We picked msgspec over dataclasses and pydantic for speed and
for one source of truth: building a Struct costs about what building a dict costs (pydantic validates on every
construction, several times slower), ``msgspec.json.encode`` writes a record about 5x faster than
``json.dumps`` and gives the same bytes we wrote before (checked on every dev-set record), ``msgspec.convert``
checks a component's output against its type, and ``msgspec.json.schema`` generates the JSON Schema
(``schema/record.schema.json``, rebuilt by ``scripts/build_schema.py`` and compared with the types by a test).

Field order is the output key order and part of the byte-stable output: fields are only ever added. A field
typed ``... | UnsetType`` is left out of the JSON when unset (optional keys of the schema).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Annotated, Any, Literal, TypeVar

import msgspec
from msgspec import UNSET, Meta, Struct, UnsetType

SCHEMA_VERSION = "1.0"

Offset = Annotated[int, Meta(ge=0, description="character offset into the record's text")]
Iso3 = Annotated[str, Meta(pattern="^[A-Z]{3}$")]


def content_id(*parts: str, length: int = 16) -> str:
    """A stable id from content: same parts, same id, in every run and on every machine."""
    digest = hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()
    return digest[:length]


@dataclass
class Article:
    """One input article. ``text`` is the input unchanged; every offset we output indexes into it."""

    id: str
    text: str
    headline: str | None = None
    headline_span: tuple[int, int] | None = None
    dateline: dict[str, Any] | None = None
    date: str | None = None
    date_source: str | None = None
    metadata: dict[str, Any] = field(default_factory=dict)
    path: str = "<input>"
    line: int | None = None

    def context(self) -> dict[str, Any]:
        """What the NLP components may read about the article (stored on ``Doc._.article``)."""
        return {
            "id": self.id,
            "date": self.date,
            "headline_span": list(self.headline_span) if self.headline_span else None,
            "dateline": self.dateline,
            "metadata": self.metadata,
        }


class Record(Struct, kw_only=True, forbid_unknown_fields=True):
    """Base of every output type; field order is output key order.

    A record also reads like its JSON (``record["events"][0]["cameo"]``, ``.get("parts")``) so scripts and
    tests written against the JSON shape work on records unchanged; new code uses attributes."""

    def __getitem__(self, key: str) -> Any:
        try:
            value = getattr(self, key)
        except AttributeError:
            raise KeyError(key) from None
        if value is UNSET:
            raise KeyError(key)
        return value

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and getattr(self, key, UNSET) is not UNSET

    def keys(self) -> list[str]:
        return [name for name in self.__struct_fields__ if getattr(self, name) is not UNSET]

    def get(self, key: str, default: Any = None) -> Any:
        value = getattr(self, key, UNSET)
        return default if value is UNSET else value


class Offsets(Record, kw_only=True):
    start: Offset
    end: Offset


class Entity(Record, kw_only=True):
    text: str
    label: str
    start: Offset
    end: Offset


class Mention(Record, kw_only=True):
    """One place in the text where an actor is named, described, referred to by a pronoun or a metonym."""

    start: Offset
    end: Offset
    text: str
    kind: Literal["name", "nominal", "pronoun", "metonym"]


class Actor(Record, kw_only=True):
    id: str
    name: str
    code: Annotated[str | None, Meta(description="CAMEO actor code")]
    country: Annotated[Iso3 | None, Meta(description="ISO 3166 alpha-3")]
    role: Annotated[str | None, Meta(description="agent type: GOV, MIL, COP, REB, ... or null")]
    type: Literal["person", "organization", "country", "group"]
    mentions: list[Mention]


class ActorRef(Record, kw_only=True):
    """A participant (event source or target, quote speaker): ``actor`` is an ``actors[].id`` (null when the
    mention resolved to no actor); ``start``/``end`` the mention the text names it by."""

    actor: Annotated[str | None, Meta(description="id of an entry of actors[]")]
    name: str
    code: Annotated[str | None, Meta(description="CAMEO actor code")]
    start: Offset
    end: Offset


class Trigger(Record, kw_only=True):
    text: str
    start: Offset
    end: Offset


class Plover(Record, kw_only=True):
    type: str | None
    mode: str | None


class EventPlace(Record, kw_only=True):
    name: str
    country: str | None
    lat: float | None
    lon: float | None
    geonameid: int | None
    start: int | None
    end: int | None
    rule: Annotated[str, Meta(description="which rule chose the place, e.g. 'prep_in', 'nominal', 'dateline'")]


class Event(Record, kw_only=True):
    id: str
    source: ActorRef | None
    target: ActorRef | None
    cameo: Annotated[str, Meta(pattern="^[0-9]{2,4}$")]
    root: Annotated[str, Meta(pattern="^[0-9]{2}$")]
    quad: Annotated[int, Meta(ge=1, le=4)]
    goldstein: Annotated[float, Meta(ge=-10, le=10)]
    plover: Plover
    date: str | None
    date_source: str | None
    place: EventPlace | None
    negated: bool
    modality: str | None
    reported: Annotated[bool, Meta(description="the act is reported inside another's speech")]
    sentence: Annotated[int, Meta(ge=0, description="index into sentences[]")]
    start: Offset
    end: Offset
    trigger: Trigger
    rule: str
    dictionary: str


class Cue(Record, kw_only=True):
    text: str
    start: Offset
    end: Offset
    lemma: str
    category: str


class Quote(Record, kw_only=True):
    text: str
    start: Offset
    end: Offset
    kind: Literal["direct", "mixed", "indirect"]
    cue: Cue | None
    speaker: ActorRef | None
    sentence: Annotated[int, Meta(ge=0)]
    parts: Annotated[list[Offsets] | UnsetType, Meta(description="the quoted stretches when not one span")] = UNSET
    id: str
    event: Annotated[str | UnsetType, Meta(description="id of the speech event coded from the cue")] = UNSET


class DateExpr(Record, kw_only=True):
    text: str
    start: Offset
    end: Offset
    type: Literal["DATE", "TIME", "DURATION", "SET"]
    value: Annotated[str | None, Meta(description="TimeML value, null when it cannot be resolved")]


class PlaceCandidate(Record, kw_only=True):
    """One reading of a place mention that the gazetteer offered, with the score it got in the article."""

    geonameid: int | None
    name: str
    country: Iso3 | None
    admin1: Annotated[str | None, Meta(description="GeoNames first-level division code")]
    feature: Annotated[str | None, Meta(description="GeoNames feature class.code")]
    score: float


class Place(Record, kw_only=True):
    text: str
    start: Offset
    end: Offset
    name: str
    country: str | None
    lat: float | None
    lon: float | None
    geonameid: int | None
    feature: str | None
    source: str
    admin1: Annotated[str | None | UnsetType, Meta(description="GeoNames first-level division code")] = UNSET
    candidates: Annotated[
        list[PlaceCandidate] | UnsetType,
        Meta(description="the readings the gazetteer offered, the chosen one first, best first"),
    ] = UNSET
    evidence: Annotated[
        list[str] | UnsetType, Meta(description="the rules that chose or located the place")
    ] = UNSET


class Dateline(Record, kw_only=True):
    text: str
    start: Offset
    end: Offset
    place: str
    place_start: Offset
    place_end: Offset
    region: str | None
    agency: str | None
    date: str | None


class Pipeline(Record, kw_only=True):
    name: str
    version: str | None


class Provenance(Record, kw_only=True):
    schema: str
    eventwire: str
    pipeline: Pipeline
    components: list[str]
    dictionaries: dict[str, str]


class ArticleRecord(Record, kw_only=True):
    """One coded article (docs/schema.md)."""

    id: str
    headline: str | None
    dateline: Dateline | None
    date: Annotated[Annotated[str, Meta(pattern=r"^\d{4}-\d{2}-\d{2}$")] | None, Meta(description="publication date")]
    date_source: Literal["user", "record", "html", "dateline"] | None
    text: str
    metadata: dict[str, Any]
    sentences: list[Offsets]
    entities: list[Entity]
    actors: list[Actor]
    events: list[Event]
    quotes: list[Quote]
    dates: list[DateExpr]
    places: list[Place]
    provenance: Provenance


# the Doc-level record types (what components put on the Doc), by name for the process-boundary codec
DOC_TYPES: dict[str, type[Record]] = {
    cls.__name__: cls for cls in (Actor, Event, Quote, DateExpr, Place, ActorRef, Mention, Offsets)
}


def to_builtins(record: Record | list[Record]) -> Any:
    """Plain dicts and lists (for code that wants JSON-like data)."""
    return msgspec.to_builtins(record)


RecordT = TypeVar("RecordT", bound=Record)


def as_record(data: Any, type_: type[RecordT]) -> RecordT:
    """A component's plain output checked and turned into its record type (raises ``msgspec.ValidationError``)."""
    return msgspec.convert(data, type_)


_encoder = msgspec.json.Encoder()


def encode(record: ArticleRecord | dict[str, Any], indent: int | None = None) -> str:
    """Serialise deterministically: field order as declared, no ASCII escaping, compact separators."""
    if indent:
        return json.dumps(msgspec.to_builtins(record), ensure_ascii=False, indent=indent, allow_nan=False)
    return _encoder.encode(record).decode("utf-8")


def decode(line: str | bytes) -> ArticleRecord:
    """One JSONL line back into a typed record (raises ``msgspec.ValidationError`` on a malformed one)."""
    return msgspec.json.decode(line, type=ArticleRecord)


def generated_schema() -> dict[str, Any]:
    """The JSON Schema of :class:`ArticleRecord`, generated from the types above."""
    schema = msgspec.json.schema(ArticleRecord)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://eventwire.invalid/schema/record-{SCHEMA_VERSION}.json",
        "title": "eventwire article record",
        "description": "One coded article. Every start/end is a character offset into `text`, end exclusive.",
        **schema,
    }


@lru_cache(maxsize=1)
def record_schema() -> dict[str, Any]:
    """The shipped JSON Schema file (equal to :func:`generated_schema`; a test keeps them equal)."""
    text = resources.files("eventwire").joinpath("schema/record.schema.json").read_text(encoding="utf-8")
    return json.loads(text)


def dumps(record: ArticleRecord | dict[str, Any], indent: int | None = None) -> str:
    """Alias of :func:`encode` for callers that think in ``json.dumps`` terms."""
    return encode(record, indent)
