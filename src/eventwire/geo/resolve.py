"""Place mentions in a Doc and their resolution to gazetteer entries.

A mention is a spaCy GPE/LOC/FAC entity or the dateline place. Each is looked up by name; among
same-named places the choice is by score (settings ``[places]``)::

    log10(population) + primary-name bonus + capital bonus
                      + context bonus (the place's country is one the article is about)
                      + division bonus (the place lies in, or is, a state/province the article names
                        or whose towns it clearly names: "Georgia" beside Atlanta and Savannah)
                      + proximity bonus (near a city the article clearly names)
                      + hint bonus (the place lies in the article's home: ``--place-hint``, setting
                        ``places.place_hint`` or the record's ``metadata.place``)
                      + qualifier bonus ("Paris, Texas": the state/country named right after it)
                      + list bonus (a state listed with states: "California or Washington")

The article's countries are collected first: the dateline's, every country named outright, and the
country of every mention whose best reading is far ahead of any reading elsewhere (Moscow -> Russia).
So "Geneva" in an article that names Switzerland, or that is datelined from Europe, is Geneva,
Switzerland, and a lone "Geneva" still is too, by population. A name repeated in one article is one place:
every mention takes the reading of its best-qualified mention ("Paris, Texas" ... "Paris").
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field, fields
from typing import Any

from spacy.tokens import Doc, Span

from ..nlp.text import doc_text
from ..words import word_set
from .gazetteer import (
    ADMIN1_FEATURE,
    ADMIN2_FEATURE,
    CAPITAL_FEATURE,
    Candidate,
    Gazetteer,
    Place,
    is_abbreviation,
    name_key,
)

EARTH_RADIUS_KM = 6371.0088

# Generic heads that name the kind of a division, dropped when the full name is unknown
# ("Nyanza Province" -> "Nyanza", "Akita Prefecture" -> "Akita").
# Only words whose division is named after (and centred near) its main city: "Nyanza Province" is not
# the town of Nyanza, "Scott County" is not the town of Scott.
DIVISION_WORDS = word_set("geo", "division_words")

# evidence: the rules that chose a place (records' ``places[].evidence``)
RULE_POPULATION = "population"
RULE_PRIMARY = "main_name"
RULE_CAPITAL = "capital"
RULE_CONTEXT_COUNTRY = "article_country"
RULE_CONTEXT_ADMIN1 = "article_division"
RULE_HINT = "place_hint"
RULE_PROXIMITY = "near_article_place"
RULE_NAMESAKE = "namesake_division"
RULE_QUALIFIER = "qualifier"
RULE_LISTED = "listed_with_divisions"
RULE_SETTLED = "same_name_in_article"
RULE_DATELINE = "dateline"


@dataclass(slots=True)
class Mention:
    start: int  # character offsets into doc_text(doc)
    end: int
    text: str
    source: str  # "entity" or "dateline"
    span: Span | None = None
    qualifier: Mention | None = None  # the place after a comma that locates this one
    country: str | None = None  # ISO3 of a country's adjective read as the country ("the Turkish border")
    # countries of the first-level divisions listed with this mention ("Hawaii, Louisiana and Nevada")
    listed_divisions: set[str] = field(default_factory=set)
    candidates: list[Candidate] = field(default_factory=list)
    place: Place | None = None
    scored: list[tuple[float, Candidate]] = field(default_factory=list)  # readings, best first
    evidence: list[str] = field(default_factory=list)  # the rules behind ``place``


@dataclass(frozen=True, slots=True)
class Weights:
    primary_name_bonus: float
    capital_bonus: float
    country_bonus: float
    context_country_bonus: float
    dateline_country_bonus: float
    qualifier_bonus: float
    unambiguous_margin: float
    context_admin1_bonus: float
    proximity_bonus: float
    proximity_km: float
    hint_country_bonus: float
    hint_admin1_bonus: float
    namesake_city_bonus: float
    list_division_bonus: float
    consensus_min_names: float
    acronym_max_letters: float

    @classmethod
    def from_settings(cls, table: dict[str, Any]) -> Weights:
        return cls(**{f.name: float(table[f.name]) for f in fields(cls)})


def _clean_name(text: str) -> str:
    """Mention text without a possessive or surrounding punctuation."""
    text = text.strip().strip(",;:\"'()[]")
    for suffix in ("'s", "\u2019s"):
        if text.endswith(suffix):
            text = text[: -len(suffix)]
    return text.strip()


def candidates_for(gazetteer: Gazetteer, text: str, acronym_max_letters: int = 0) -> list[Candidate]:
    """Readings of a mention: its full name, else without a generic division word. A mention in capitals
    of at most ``acronym_max_letters`` letters ("EU", "OAS") reads only as an abbreviation the gazetteer
    has in capitals ("US", "UAE"): otherwise it is an organisation's acronym, not a town that shares the
    letters."""
    name = _clean_name(text)
    letters = sum(ch.isalpha() for ch in name)
    if letters <= acronym_max_letters and is_abbreviation(name):
        return gazetteer.lookup(name, abbreviations_only=True)
    found = gazetteer.lookup(name)
    if found:
        return found
    words = name.split()
    if len(words) > 1 and words[-1].lower() in DIVISION_WORDS:
        return gazetteer.lookup(" ".join(words[:-1]))
    if len(words) > 1 and words[0].lower() in DIVISION_WORDS:  # "State of Qatar"-like, "City of X"
        if len(words) > 2 and words[1].lower() == "of":
            return gazetteer.lookup(" ".join(words[2:]))
    return []


def base_score(candidate: Candidate, weights: Weights) -> float:
    place = candidate.place
    score = math.log10(place.population + 1)
    if candidate.primary:
        score += weights.primary_name_bonus
    if place.feature == CAPITAL_FEATURE:
        score += weights.capital_bonus
    if place.is_country:
        # "Mexico" is the country before it is the capital's alternate name
        score += weights.country_bonus
    return score


def _qualifies(candidate: Candidate, qualifier: Mention, gazetteer: Gazetteer) -> bool:
    """The qualifier (a country or first-level division) contains the candidate."""
    place = candidate.place
    for q in qualifier.candidates:
        outer = q.place
        if outer.is_country and place.cc == outer.cc and not place.is_country:
            return True
        if outer.feature == ADMIN1_FEATURE and place.cc == outer.cc and place.is_city:
            code = outer.admin1 or gazetteer.admin1_by_name.get((outer.cc or "", name_key(outer.name)))
            if code is None or place.admin1 == code:
                return True
    return False


@dataclass(slots=True)
class Context:
    """What the article is about: country bonuses, first-level divisions, and anchor places."""

    countries: dict[str, float] = field(default_factory=dict)  # ISO alpha-2 -> bonus
    admin1: set[tuple[str, str]] = field(default_factory=set)  # (cc, GeoNames admin1 code)
    anchors: list[tuple[str, Place]] = field(default_factory=list)  # (mention name key, clear city)
    hint_admin1: set[tuple[str, str]] = field(default_factory=set)  # the home's divisions
    # which names put a country or division in the context: a name is not its own evidence ("Paris"
    # alone must not make France, or Paris's region, the article's place)
    given_by: dict[tuple[str, str], set[str]] = field(default_factory=dict)
    # _proximity's results by (place, name key, anchors so far): a long article repeats its names, and
    # each reading against every anchor made it quadratic (anchors are only ever appended)
    proximity_memo: dict[tuple[int, str, int], tuple[Place, float]] = field(default_factory=dict)

    def add_country(self, cc: str, bonus: float, by: str) -> None:
        self.countries.setdefault(cc, bonus)
        self.given_by.setdefault(("country", cc), set()).add(by)

    def add_admin1(self, division: tuple[str, str], by: str) -> None:
        self.admin1.add(division)
        self.given_by.setdefault(division, set()).add(by)

    def other_than(self, item: tuple[str, str], key: str) -> bool:
        """Something besides the name ``key`` put ``item`` here (the dateline and the hint always do)."""
        sources = self.given_by.get(item)
        return sources is None or bool(sources - {key})


def _admin1_of(place: Place, gazetteer: Gazetteer) -> tuple[str, str] | None:
    """(cc, admin1 code) of a town, county or state: what containment is tested on."""
    if not place.cc:
        return None
    code = place.admin1
    if place.feature == ADMIN1_FEATURE and not code:
        code = gazetteer.admin1_by_name.get((place.cc, name_key(place.name)))
    return (place.cc, code) if code and (place.is_city or place.is_division) else None


def distance_km(a_lat: float, a_lon: float, b_lat: float, b_lon: float) -> float:
    """Great-circle distance (haversine, mean Earth radius)."""
    p1, p2 = math.radians(a_lat), math.radians(b_lat)
    dp, dl = p2 - p1, math.radians(b_lon - a_lon)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def _proximity(place: Place, key: str, context: Context, weights: Weights) -> float:
    """Bonus for lying near a place the article clearly mentions (Geneva near Brussels and Vienna)."""
    if place.lat is None or place.lon is None or not context.anchors:
        return 0.0
    memo_key = (id(place), key, len(context.anchors))
    known = context.proximity_memo.get(memo_key)
    if known is not None and known[0] is place:
        return known[1]
    nearest = math.inf
    for anchor_key, anchor in context.anchors:
        if anchor_key == key or anchor.lat is None or anchor.lon is None:
            continue
        nearest = min(nearest, distance_km(place.lat, place.lon, anchor.lat, anchor.lon))
    bonus = 0.0 if nearest >= weights.proximity_km else weights.proximity_bonus * (1.0 - nearest / weights.proximity_km)
    context.proximity_memo[memo_key] = (place, bonus)
    return bonus


def _score(
    candidate: Candidate,
    mention: Mention,
    key: str,
    divisions: list[Place],
    gazetteer: Gazetteer,
    weights: Weights,
    context: Context | None,
) -> tuple[float, list[str]]:
    """A reading's score and the names of the rules that added to it (the place's evidence)."""
    place = candidate.place
    score = base_score(candidate, weights)
    rules = [RULE_POPULATION]
    if candidate.primary:
        rules.append(RULE_PRIMARY)
    if place.feature == CAPITAL_FEATURE:
        rules.append(RULE_CAPITAL)
    if context is not None:
        if context.other_than(("country", place.cc or ""), key) and place.cc in context.countries:
            score += context.countries[place.cc or ""]
            rules.append(RULE_CONTEXT_COUNTRY)
        division = _admin1_of(place, gazetteer)
        if division is not None and division in context.admin1 and context.other_than(division, key):
            score += weights.context_admin1_bonus
            rules.append(RULE_CONTEXT_ADMIN1)
        if division is not None and division in context.hint_admin1:
            score += weights.hint_admin1_bonus
            rules.append(RULE_HINT)
        if place.is_city:
            near = _proximity(place, key, context, weights)
            if near > 0.0:
                score += near
                rules.append(RULE_PROXIMITY)
    if place.is_city and _in_namesake(place, divisions, gazetteer):
        # "New York", "Lagos", "Sao Paulo": the town before the state named after it, even where the name is
        # only the town's alternate ("New York" for New York City): the state's main name is the town's too
        score += weights.namesake_city_bonus + (0.0 if candidate.primary else weights.primary_name_bonus)
        rules.append(RULE_NAMESAKE)
    if place.feature == ADMIN1_FEATURE and place.cc in mention.listed_divisions:
        # "states such as California or Washington": one kind of place in a list
        score += weights.list_division_bonus
        rules.append(RULE_LISTED)
    if mention.qualifier is not None and _qualifies(candidate, mention.qualifier, gazetteer):
        score += weights.qualifier_bonus
        rules.append(RULE_QUALIFIER)
    return score, rules


def _readings(mention: Mention) -> list[Candidate]:
    """The candidates worth scoring: a town known by a country's name only as an alternate ("Mexico" for
    Mexico City) is not a reading while the country is one."""
    if any(c.place.is_country for c in mention.candidates):
        return [c for c in mention.candidates if c.primary or not c.place.is_city]
    return mention.candidates


def choose(
    mention: Mention,
    gazetteer: Gazetteer,
    weights: Weights,
    context: Context | None = None,
) -> tuple[Place | None, float]:
    """The best reading of a mention and its lead over the best reading in another country. With a
    ``context`` (the final choice) the ranked readings and the winner's rules are kept on the mention."""
    best: tuple[float, Candidate, list[str]] | None = None
    scored: list[tuple[float, Candidate]] = []
    key = name_key(_clean_name(mention.text))
    readings = _readings(mention)
    divisions = [c.place for c in readings if c.place.is_division]
    for candidate in readings:
        score, rules = _score(candidate, mention, key, divisions, gazetteer, weights, context)
        scored.append((score, candidate))
        # ties go to the first listed (GeoNames id order), which keeps the choice deterministic
        if best is None or score > best[0]:
            best = (score, candidate, rules)
    if context is not None:
        mention.scored = sorted(scored, key=lambda item: -item[0])
        mention.evidence = list(best[2]) if best is not None else []
    if best is None:
        return None, 0.0
    others = [s for s, c in scored if c.place.cc != best[1].place.cc]
    lead = best[0] - max(others) if others else math.inf
    return best[1].place, lead


def hint_context(hint: str, gazetteer: Gazetteer, weights: Weights, context: Context) -> None:
    """The article's home ("Louisiana, US", "Kent", "Canada"): its country and divisions get bonuses.
    Parts are read right to left, so "Lafayette, Louisiana" is the Lafayette in Louisiana."""
    country: str | None = None
    for part in reversed([p.strip() for p in hint.split(",") if p.strip()]):
        readings = [c.place for c in candidates_for(gazetteer, part)]
        if country:
            readings = [p for p in readings if p.cc == country]
        if not readings:
            continue
        best = max(readings, key=lambda p: (p.is_country, p.is_division, p.population))
        if not best.cc:
            continue
        country = best.cc
        context.countries[best.cc] = context.countries.get(best.cc, 0.0) + weights.hint_country_bonus
        context.given_by.setdefault(("country", best.cc), set()).add("")
        division = _admin1_of(best, gazetteer)
        if division is not None:
            context.hint_admin1.add(division)


def article_context(
    mentions: Sequence[Mention],
    gazetteer: Gazetteer,
    weights: Weights,
    dateline: Mention | None,
    hint: str | None = None,
) -> Context:
    """The countries, divisions and clear cities the article is about."""
    context = Context()
    anchored: set[tuple[str, int | None, float | None, float | None]] = set()
    if hint:
        hint_context(hint, gazetteer, weights, context)
    if dateline is not None and dateline.place is not None and dateline.place.cc:
        context.countries[dateline.place.cc] = weights.context_country_bonus + weights.dateline_country_bonus
        context.given_by.setdefault(("country", dateline.place.cc), set()).add("")
        if dateline.place.is_city:
            context.anchors.append((name_key(_clean_name(dateline.text)), dateline.place))
        division = _admin1_of(dateline.place, gazetteer)
        if division is not None:
            context.add_admin1(division, "")
    agreed = _consensus(mentions, gazetteer, weights)
    if agreed is not None:
        context.add_admin1(agreed, "")
    for mention in mentions:
        place, lead = choose(mention, gazetteer, weights)
        if place is None or not place.cc:
            continue
        key = name_key(_clean_name(mention.text))
        if place.is_country or place.feature == ADMIN1_FEATURE or lead >= weights.unambiguous_margin:
            context.add_country(place.cc, weights.context_country_bonus, key)
        if place.feature == ADMIN1_FEATURE or (place.is_division and lead >= weights.unambiguous_margin):
            division = _admin1_of(place, gazetteer)
            if division is not None:
                context.add_admin1(division, key)
        if place.is_city and lead >= weights.unambiguous_margin:
            # each anchor once: only the nearest counts, and a long article repeats its cities
            if (key, place.geonameid, place.lat, place.lon) not in anchored:
                anchored.add((key, place.geonameid, place.lat, place.lon))
                context.anchors.append((key, place))
            division = _admin1_of(place, gazetteer)
            if division is not None and _clear_within(mention, place, gazetteer, weights):
                # Atlanta and Savannah make "Georgia" the state
                context.add_admin1(division, key)
    # a county placed by the state around it locates the towns in it ("Lamar County" ... "Paris")
    for mention in mentions:
        if not any(c.place.feature == ADMIN2_FEATURE for c in mention.candidates):
            continue
        place, _ = choose(mention, gazetteer, weights, context)
        if place is not None and place.feature == ADMIN2_FEATURE and _admin1_of(place, gazetteer) in context.admin1:
            key = name_key(_clean_name(mention.text))
            if (key, place.geonameid, place.lat, place.lon) not in anchored:
                anchored.add((key, place.geonameid, place.lat, place.lon))
                context.anchors.append((key, place))
    return context


def _in_namesake(place: Place, divisions: list[Place], gazetteer: Gazetteer) -> bool:
    """A town that lies in a same-named division among the mention's readings."""
    own = _admin1_of(place, gazetteer)
    return own is not None and any(_admin1_of(d, gazetteer) == own for d in divisions)


def _consensus(mentions: Sequence[Mention], gazetteer: Gazetteer, weights: Weights) -> tuple[str, str] | None:
    """The division that most of the article's names could lie in, when it leads: "Adair County",
    "Boone County" and "Callaway County" together are in Missouri though each is in several states."""
    names: dict[tuple[str, str], set[str]] = {}
    for mention in mentions:
        key = name_key(_clean_name(mention.text))
        for candidate in mention.candidates:
            if candidate.place.is_city or candidate.place.feature == ADMIN2_FEATURE:
                division = _admin1_of(candidate.place, gazetteer)
                if division is not None:
                    names.setdefault(division, set()).add(key)
    ranked = sorted(((len(v), k) for k, v in names.items()), reverse=True)
    if not ranked or ranked[0][0] < weights.consensus_min_names:
        return None
    if len(ranked) > 1 and ranked[1][0] == ranked[0][0]:
        return None
    return ranked[0][1]


def _clear_within(mention: Mention, place: Place, gazetteer: Gazetteer, weights: Weights) -> bool:
    """The mention's best reading also beats every reading in another division of its country."""
    own = _admin1_of(place, gazetteer)
    others = [
        base_score(c, weights)
        for c in mention.candidates
        if c.place is not place and _admin1_of(c.place, gazetteer) != own
    ]
    best = [base_score(c, weights) for c in mention.candidates if c.place is place]
    return not others or (bool(best) and best[0] - max(others) >= weights.unambiguous_margin)


def link_qualifiers(mentions: Sequence[Mention], doc: Doc) -> None:
    """ "Portland, Oregon": a mention followed by a comma and another mention is located by it."""
    by_start = {m.start: m for m in mentions}
    for mention in mentions:
        rest = doc_text(doc)[mention.end : mention.end + 3]
        if not rest.startswith(","):
            continue
        offset = mention.end + 1
        while offset < len(doc_text(doc)) and doc_text(doc)[offset] == " ":
            offset += 1
        following = by_start.get(offset)
        # "China, Japan and Korea" is a list of countries, not a town called China in Japan
        if any(c.place.is_country for c in mention.candidates):
            continue
        if following is not None and any(
            c.place.is_country or c.place.feature == ADMIN1_FEATURE for c in following.candidates
        ):
            mention.qualifier = following


def _list_head(span: Span) -> int:
    """The first item of the coordination ``span`` belongs to ("Hawaii, Louisiana and Nevada": Hawaii)."""
    node = span.root
    while node.dep_ == "conj" and node.head.i != node.i:
        node = node.head
    return node.i


def link_lists(mentions: Sequence[Mention]) -> None:
    """A mention listed with others that read as first-level divisions learns their countries."""
    lists: dict[int, list[Mention]] = {}
    for mention in mentions:
        if mention.span is not None and len(mention.span):
            lists.setdefault(_list_head(mention.span), []).append(mention)
    for members in lists.values():
        if len(members) < 2:
            continue
        for mention in members:
            mention.listed_divisions = {
                other.place.cc for other in members
                if other is not mention and other.place is not None and other.place.cc
                and other.place.feature == ADMIN1_FEATURE
            }


def resolve_mentions(
    mentions: list[Mention],
    doc: Doc,
    gazetteer: Gazetteer,
    weights: Weights,
    dateline: Mention | None = None,
    hint: str | None = None,
) -> Context:
    """Fill ``place`` on each mention (None when the gazetteer has no reading); returns the article's
    context the choices were made in."""
    everything: list[Mention] = [*mentions, *([dateline] if dateline else [])]
    acronyms = int(weights.acronym_max_letters)
    for mention in mentions:
        country = gazetteer.by_iso3.get(mention.country) if mention.country else None
        mention.candidates = [Candidate(country, True)] if country else candidates_for(gazetteer, mention.text, acronyms)
    if dateline is not None:
        # "ROME (AP) -": a dateline is in capitals by convention, not an acronym
        dateline.candidates = candidates_for(gazetteer, dateline.text)
    link_qualifiers(everything, doc)
    if dateline is not None:
        dateline.place, _ = choose(dateline, gazetteer, weights, Context())
        dateline.evidence = [RULE_DATELINE, *dateline.evidence] if dateline.place is not None else []
    context = article_context(mentions, gazetteer, weights, dateline, hint)
    for mention in mentions:
        mention.place, _ = choose(mention, gazetteer, weights, context)
    link_lists(mentions)
    for mention in mentions:
        if mention.listed_divisions:
            mention.place, _ = choose(mention, gazetteer, weights, context)
    # one name, one place: a qualified mention ("Paris, Texas") settles the name's other mentions
    settled: dict[str, Place] = {}
    for mention in everything:
        if mention.qualifier is not None and mention.place is not None:
            settled.setdefault(name_key(_clean_name(mention.text)), mention.place)
    for mention in mentions:
        place = settled.get(name_key(_clean_name(mention.text)))
        if place is not None and mention.qualifier is None and mention.place is not place:
            mention.place = place
            mention.evidence = [RULE_SETTLED]
    return context


def token_of(doc: Doc, start: int, end: int) -> Span | None:
    return doc.char_span(start, end, alignment_mode="expand")


__all__ = [
    "DIVISION_WORDS",
    "Context",
    "Mention",
    "Weights",
    "article_context",
    "base_score",
    "candidates_for",
    "choose",
    "distance_km",
    "hint_context",
    "link_qualifiers",
    "resolve_mentions",
    "token_of",
]
