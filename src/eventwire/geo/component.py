"""spaCy component ``eventwire_places``: place mentions resolved to coordinates (schema ``places[]``).

Runs after actors and dates. Reads GPE/LOC/FAC entities and the dateline place, drops metonymic uses
(a place standing for its government is an actor: "Moscow insisted"), resolves the rest with the
gazetteer in the article's context (see :mod:`eventwire.geo.resolve`), and writes ``doc._.places`` plus
``doc.spans["places"]`` (``span.kb_id_`` = GeoNames id or "", ``span.label_`` = feature code or "").
"""

from __future__ import annotations

from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..actors import country_of_adjective, is_metonymic_place
from ..nlp.extensions import register_extensions
from ..nlp.text import doc_text
from ..records import Place, as_record
from ..settings import component_settings
from .fallback import FACILITY_HEADS, locate_unresolved
from .gazetteer import Place as GazetteerPlace
from .gazetteer import load_gazetteer
from .resolve import RULE_SETTLED, Mention, Weights, candidates_for, resolve_mentions
from .scan import Scanner, is_place_noun, named_by_place_noun, repeated_names

SPANS_KEY = "places"
DATELINE_SOURCE = "dateline"
ENTITY_SOURCE = "entity"
# their entity label as places
FACILITY_LABEL = "FAC"
SCORE_DIGITS = 3  # candidates' scores in the record: enough to rank, stable across platforms
GAZETTEER_SOURCE = "gazetteer"  # a name the NER missed, found by the gazetteer in context (geo/scan.py)
NATIONALITY_LABEL = "NORP"
DEMONYM_LABEL = "DEMONYM"  # our label on a country's adjective read as the country (not the NER's NORP)
MODIFIER_DEPS = ("amod", "compound")
ORG_PLACE_LINK = "of"  # "the University of Georgia": the place after "of" in an organisation's name
CONTAINMENT_PREP = "in"  # "the Rialto Cinema in Omaha": what lies in the place after it


def _strip_article(doc: Doc, span: Span) -> Span:
    """ "the Netherlands" -> "Netherlands": offsets cover the name only."""
    start = span.start
    while start < span.end - 1 and doc[start].lower_ in ("the",):
        start += 1
    end = span.end
    while end > start + 1 and doc[end - 1].tag_ == "POS":
        end -= 1
    return Span(doc, start, end, label=span.label_)  # the label tells a building from a sea (geo/fallback.py)


def _candidate_record(place: GazetteerPlace, score: float) -> dict[str, Any]:
    return {
        "geonameid": place.geonameid,
        "name": place.name,
        "country": place.country,
        "admin1": place.admin1,
        "feature": place.feature or None,
        "score": round(score, SCORE_DIGITS),
    }


class PlacesComponent:
    def __init__(self, nlp: Language, name: str, settings: dict[str, Any]) -> None:
        self.name = name
        self.settings = settings
        self.labels = frozenset(settings["entity_labels"])
        self.default_population: dict[str, int] = dict(settings["default_population"])
        self.weights = Weights.from_settings(settings)
        self.keep_unresolved = bool(settings["keep_unresolved"])
        self.place_hint = str(settings["place_hint"])
        self.rescue_labels = frozenset(settings["rescue_labels"])
        self.locative_preps = frozenset(settings["locative_preps"])
        self.not_place_next_words = frozenset(settings["not_place_next_words"])
        self.acronyms = int(settings["acronym_max_letters"])
        self.max_candidates = int(settings["max_candidates"])
        self.locate_unresolved = bool(settings["locate_unresolved"])
        self.max_words = int(settings["scan_max_words"])
        self.scanner = Scanner(self.locative_preps, int(settings["scan_min_population"]), self.max_words, self.acronyms)
        self.scan_skip_labels = frozenset(settings["scan_skip_labels"])
        self.focus_labels = frozenset(settings["focus_labels"])
        self.focus_radius_km = float(settings["focus_radius_km"])
        self._versions: dict[str, str] | None = None

    @property
    def versions(self) -> dict[str, str]:
        # the gazetteer is loaded on first use (not when the pipeline is built), so are its versions
        if self._versions is None:
            self._versions = dict(load_gazetteer(self.default_population).versions)
        return self._versions

    def _names_area(self, text: str, political_only: bool = False) -> bool:
        """The gazetteer knows ``text`` as a country, division, region or sea (not only as a town);
        ``political_only``: as a country or an administrative division."""
        for candidate in candidates_for(load_gazetteer(self.default_population), text, self.acronyms):
            place = candidate.place
            if political_only and place.feature.startswith("A."):
                return True
            if not political_only and not place.is_city:
                return True
        return False

    def _after_locative(self, span: Span) -> bool:
        """ "in Malakal", "near Pirbright": the object of a locative preposition."""
        root = span.root
        if root.dep_ == "pobj" and root.head.lower_ in self.locative_preps:
            return True
        before = span.doc[span.start - 1] if span.start > 0 else None
        return before is not None and before.lower_ in self.locative_preps

    def _named_by_place_noun(self, span: Span) -> bool:
        """ "the city of X", "the village of X": the name after "of" and a noun of a place."""
        return named_by_place_noun(span.doc, span.start)

    def _followed_by_place(self, span: Span) -> bool:
        """ "... Kulture in Lagos": the name is followed by "in" and a place entity."""
        doc = span.doc
        after = span.end
        return (
            after + 1 < len(doc)
            and doc[after].lower_ == CONTAINMENT_PREP
            and doc[after + 1].ent_type_ in self.labels
        )

    def _listed_with_place(self, span: Span) -> bool:
        """ "the cities of Daegu and Gwangju": coordinated with a place entity, and a town of some size (or
        an area) by the gazetteer."""
        root = span.root
        partners = [c for c in root.children if c.dep_ == "conj"]
        if root.dep_ == "conj" and root.head.i != root.i:
            partners.append(root.head)
        if not any(t.ent_type_ in self.labels for t in partners):
            return False
        return self.scanner.known(load_gazetteer(self.default_population), span.text)

    def _owns_place(self, span: Span) -> bool:
        """ "Lima's northern suburbs", "Quito's main stadium": a possessor whose possession is a place on the
        ground is the place itself, not its government."""
        root = span.root
        if root.dep_ != "poss":
            return False
        head = root.head
        return is_place_noun(head) or head.lemma_.lower() in FACILITY_HEADS or head.ent_type_ in self.labels

    def _qualified(self, span: Span) -> bool:
        """ "Denver, Colorado", "Leeds, England": a town named with the state or country it lies in
        is the town itself, not its government."""
        doc = span.doc
        after = span.end
        if after + 1 >= len(doc) or doc[after].text != "," or doc[after + 1].ent_type_ not in self.labels:
            return False
        # the entity that starts there (walked token by token: a scan of doc.ents per name is quadratic)
        end = after + 2
        while end < len(doc) and doc[end].ent_iob_ == "I":
            end += 1
        return doc[after + 1].ent_iob_ == "B" and self._names_area(doc[after + 1 : end].text, political_only=True)

    def _demonym_of_place(self, span: Span) -> bool:
        """ "the Chilean border", "a British city": a country's adjective on a noun of a place on the ground
        names the country as a place."""
        root = span.root
        return (
            len(span) == 1
            and root.dep_ in MODIFIER_DEPS
            and (is_place_noun(root.head) or root.head.lemma_.lower() in FACILITY_HEADS)
            and country_of_adjective(root) is not None
        )

    def _names_disease(self, span: Span) -> bool:
        after = span.doc[span.end] if span.end < len(span.doc) else None
        return after is not None and after.lower_ in self.not_place_next_words

    def _inner_areas(self, span: Span) -> list[Span]:
        """Country and division names inside an organisation's name ("the U.S. Geological
        Survey", "the Texas Department of Transportation", "the Bank of England"): the longest, left to
        right, opening the name or after "of". A name in the middle qualifies a word before it, not a place
        ("the European Union", "Agence France-Presse", "the New England Journal")."""
        found: list[Span] = []
        first = span.start
        while first < span.end - 1 and span.doc[first].lower_ == "the":
            first += 1
        i = span.start
        while i < span.end:
            if i != first and span.doc[i - 1].lower_ != ORG_PLACE_LINK:
                i += 1
                continue
            for size in (4, 3, 2, 1):
                j = i + size
                if j > span.end:
                    continue
                inner = span.doc[i:j]
                if inner.root.pos_ != "PROPN" or inner[0].lower_ == "the":
                    continue
                # "the North Atlantic Council" is not in the ocean: only countries and divisions
                if self._names_area(inner.text, political_only=True) and (inner.start, inner.end) != (
                    span.start,
                    span.end,
                ):
                    found.append(inner)
                    i = j - 1
                    break
            i += 1
        return found

    def _candidate_spans(self, doc: Doc, taken: set[int]) -> list[Span]:
        """Entity spans (and parts of them) that may name places, before the metonymy test."""
        spans: list[Span] = []
        for ent in doc.ents:
            if any(i in taken for i in range(ent.start, ent.end)):
                continue
            span = _strip_article(doc, ent)
            if ent.label_ in self.labels:
                spans.append(span)
            elif ent.label_ in self.rescue_labels:
                known = candidates_for(load_gazetteer(self.default_population), span.text, self.acronyms)
                if known and (
                    self._names_area(span.text) or self._after_locative(span) or self._listed_with_place(span)
                    or (self._qualified(span) and self.scanner.known(load_gazetteer(self.default_population), span.text))
                ):
                    spans.append(span)
                elif self._named_by_place_noun(span):
                    # "the cities of Daegu and Gwangju", "the hill town of Xyzville": a place, known or not
                    spans.append(span if known else Span(doc, span.start, span.end, label=FACILITY_LABEL))
                elif self._after_locative(span) and self._followed_by_place(span):
                    # "at Blue Door Arts in Accra": a venue, located by the town after it (geo/fallback.py)
                    spans.append(Span(doc, span.start, span.end, label=FACILITY_LABEL))
                elif len(span) > 1 and span.root.lower_ in FACILITY_HEADS and self._after_locative(span):
                    # "at Northside Memorial Hospital", "on Dunmore Drive" tagged ORG or PERSON: a building or
                    # a street, located by the town in its name or the article's focus (geo/fallback.py)
                    spans.append(Span(doc, span.start, span.end, label=FACILITY_LABEL))
                elif ent.label_ == "ORG" and len(ent) > 1:
                    spans.extend(self._inner_areas(span))
                elif ent.label_ == NATIONALITY_LABEL and self._demonym_of_place(span):
                    spans.append(Span(doc, span.start, span.end, label=DEMONYM_LABEL))
        # proper nouns outside any entity that name a country or division ("DRC" left untagged)
        in_ents = {i for ent in doc.ents for i in range(ent.start, ent.end)} | taken
        i = 0
        while i < len(doc):
            if i in in_ents or doc[i].pos_ != "PROPN":
                i += 1
                continue
            j = i
            while j < len(doc) and j - i < 4 and j not in in_ents and doc[j].pos_ == "PROPN":
                j += 1
            matched = False
            for end in range(j, i, -1):
                if self._names_area(doc[i:end].text):
                    spans.append(doc[i:end])
                    i = end
                    matched = True
                    break
            if not matched:
                i += 1
        return [s for s in spans if not self._names_disease(s)]

    def mentions(self, doc: Doc) -> tuple[list[Mention], Mention | None]:
        """Literal place mentions in the text and the dateline place (None without a dateline)."""
        dateline_info = (doc._.article or {}).get("dateline") or None
        dateline: Mention | None = None
        taken: set[int] = set()
        if dateline_info and dateline_info.get("place"):
            start = int(dateline_info.get("place_start", dateline_info["start"]))
            end = int(dateline_info.get("place_end", start + len(dateline_info["place"])))
            span = doc.char_span(start, end, alignment_mode="expand")
            dateline = Mention(start, end, doc_text(doc)[start:end], DATELINE_SOURCE, span)
            if span is not None:
                taken.update(range(span.start, span.end))
        found: list[Mention] = []
        gazetteer = load_gazetteer(self.default_population)
        inner_datelines = self.scanner.datelines(doc, gazetteer)
        literal = {(s.start, s.end) for s in inner_datelines}
        for span in self._candidate_spans(doc, taken):
            if (
                is_metonymic_place(span) and (span.start, span.end) not in literal
                and not self._owns_place(span) and not self._qualified(span)
            ):
                continue
            mention = Mention(span.start_char, span.end_char, span.text, ENTITY_SOURCE, span)
            if span.label_ == DEMONYM_LABEL:
                mention.country = country_of_adjective(span[0])
            found.append(mention)
            taken.update(range(span.start, span.end))
        # names the NER missed: not inside a date, number or other entity the scanner must not read
        taken.update(t.i for t in doc if t.ent_type_ in self.scan_skip_labels)
        for span in self.scanner.spans(doc, gazetteer, taken, inner_datelines):
            if ((span.start, span.end) in literal or not is_metonymic_place(span)) and not self._names_disease(span):
                found.append(Mention(span.start_char, span.end_char, span.text, GAZETTEER_SOURCE, span))
        if dateline is not None and dateline_info.get("region"):
            # "BEIRUT, Lebanon -": the region after the dateline place qualifies it
            region_start = doc_text(doc).find(dateline_info["region"], dateline.end)
            if region_start >= 0:
                region_end = region_start + len(dateline_info["region"])
                if not any(m.start == region_start for m in found):
                    span = doc.char_span(region_start, region_end, alignment_mode="expand")
                    found.append(
                        Mention(region_start, region_end, dateline_info["region"], ENTITY_SOURCE, span)
                    )
        found.sort(key=lambda m: m.start)
        return found, dateline

    def _repeated(self, doc: Doc, found: list[Mention], dateline: Mention | None) -> list[Mention]:
        """Mentions of the names already placed that the NER tagged otherwise or missed (scan.repeated_names)."""
        # a country's adjective is a place only on a place noun: its other uses stay adjectives
        placed = [
            m for m in [*found, *([dateline] if dateline else [])]
            if m.place is not None and m.span is not None and m.country is None
        ]
        taken = {i for m in placed for i in range(m.span.start, m.span.end)}  # type: ignore[union-attr]
        taken.update(t.i for t in doc if t.ent_type_ in self.scan_skip_labels)
        repeats: list[Mention] = []
        by_span = {(m.span.start, m.span.end): m for m in placed}  # type: ignore[union-attr]
        pairs = [(m.span, (m.span.start, m.span.end)) for m in placed]  # type: ignore[union-attr]
        for span, key in repeated_names(doc, pairs, taken):
            if is_metonymic_place(span) or self._names_disease(span):
                continue
            source = by_span[key]  # type: ignore[index]
            mention = Mention(span.start_char, span.end_char, span.text, GAZETTEER_SOURCE, span)
            mention.candidates, mention.place, mention.scored = source.candidates, source.place, source.scored
            mention.evidence = [RULE_SETTLED]
            repeats.append(mention)
        return repeats

    def _ranked(self, mention: Mention) -> list[tuple[float, GazetteerPlace]]:
        """The mention's best readings (its place's first), at most ``max_candidates``, one per place."""
        ranked: list[tuple[float, GazetteerPlace]] = []
        seen: set[int] = set()
        for score, candidate in mention.scored:
            if id(candidate.place) not in seen:
                seen.add(id(candidate.place))
                ranked.append((score, candidate.place))
        chosen = [item for item in ranked if item[1] is mention.place]
        rest = [item for item in ranked if item[1] is not mention.place]
        return (chosen + rest)[: self.max_candidates]

    def __call__(self, doc: Doc) -> Doc:
        gazetteer = load_gazetteer(self.default_population)
        found, dateline = self.mentions(doc)
        article = doc._.article or {}
        hint = (article.get("metadata") or {}).get("place") or article.get("place_hint") or self.place_hint
        context = resolve_mentions(found, doc, gazetteer, self.weights, dateline, str(hint) if hint else None)
        found.extend(self._repeated(doc, found, dateline))
        if self.locate_unresolved:
            located = [m for m in found if m.place is not None or m.source == ENTITY_SOURCE]
            locate_unresolved(
                located, dateline, gazetteer, self.weights, context, self.max_words, self.scanner.known,
                self.focus_labels, self.focus_radius_km, self._after_locative,
            )
        ordered = sorted([*found, *([dateline] if dateline else [])], key=lambda m: m.start)
        places: list[Place] = []
        spans: list[Span] = []
        for mention in ordered:
            if mention.place is None and (not self.keep_unresolved or mention.source == DATELINE_SOURCE):
                continue
            if mention.place is None and mention.span is not None and mention.span.label_ == "FAC":
                continue  # buildings and roads the gazetteer does not know are not mapped places
            record: dict[str, Any] = {"text": mention.text, "start": mention.start, "end": mention.end}
            if mention.place is not None:
                record.update(mention.place.to_dict())
                record["feature"] = record["feature"] or None
            else:
                record.update(
                    {
                        "name": mention.text,
                        "country": None,
                        "lat": None,
                        "lon": None,
                        "geonameid": None,
                        "feature": None,
                    }
                )
            record["source"] = mention.source
            if mention.place is not None:
                record["admin1"] = mention.place.admin1
                record["candidates"] = [
                    _candidate_record(place, score) for score, place in self._ranked(mention)
                ]
                record["evidence"] = list(mention.evidence)
            places.append(as_record(record, Place))
            if mention.span is not None:
                span = Span(
                    doc,
                    mention.span.start,
                    mention.span.end,
                    label=record["feature"] or "",
                    kb_id=str(record["geonameid"] or ""),
                )
                spans.append(span)
        doc._.places = places
        doc.spans[SPANS_KEY] = spans
        doc._.versions = {**(doc._.versions or {}), **self.versions}
        return doc


@Language.factory(
    "eventwire_places",
    assigns=["doc._.places", "doc.spans"],
    requires=["doc.ents", "doc._.article", "doc._.actors", "token.dep"],
    default_config={"settings": None},
)
def make_places(nlp: Language, name: str, settings: dict[str, Any] | None) -> PlacesComponent:
    register_extensions()
    return PlacesComponent(nlp, name, component_settings("places", settings))
