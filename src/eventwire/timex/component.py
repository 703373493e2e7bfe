"""The ``eventwire_dates`` component: temporal expressions found and normalized against the article date.

Candidates are spaCy's DATE/TIME entities plus our own Matcher patterns for what it misses ("now",
"Monday's", "mid-December", "two days ago", ...). Overlapping candidates merge; a coordinated pair ("Jan. 5
and Sept. 3") splits. Each candidate is normalized (:mod:`eventwire.timex.normalize`) with the tense of
its governing verb; candidates that are not temporal expressions at all (ages, bare numbers) are dropped.

Writes ``doc._.dates`` (schema ``dates[]``) and ``doc.spans["dates"]`` with ``span.label_`` = type and
``span.kb_id_`` = normalized value ("" when null; :func:`span_value` gives it back as ``str | None``).
"""

from __future__ import annotations

from datetime import date
from typing import Any

import numpy
from spacy.attrs import IS_DIGIT, LOWER
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span, Token

from ..nlp.extensions import register_extensions
from ..records import DateExpr
from ..settings import component_settings
from ..words import word_set
from .calendar import FUTURE, PAST, PRESENT, Normalized
from .lexicon import lexicon
from .normalize import RULES_VERSION, Normalizer, is_age, parse_anchor

SPAN_KEY = "dates"

# verbs whose infinitive complement is still to come ("plans to meet on Friday")
_FUTURE_GOVERNORS = word_set("timex", "future_governors")
_SCHEDULE_PARTICIPLES = word_set("timex", "schedule_participles")
_FUTURE_AUX = word_set("timex", "future_aux")


def span_value(span: Span) -> str | None:
    """The normalized value of a span in ``doc.spans["dates"]`` (None when it could not be resolved)."""
    return span.kb_id_ or None


def verb_tense(verb: Token, depth: int = 0) -> str | None:
    """past / present / future of a verb from its tag and auxiliaries; None when it says nothing."""
    auxiliaries = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    for aux in auxiliaries:
        lower = aux.lower_
        if lower in _FUTURE_AUX:
            return FUTURE
        if aux.lemma_ == "have":
            return PAST
    if verb.dep_ == "xcomp" and verb.head.lemma_ in _FUTURE_GOVERNORS:
        return FUTURE
    if verb.lemma_ in ("due", "scheduled", "set", "slated") and verb.dep_ in ("acomp", "ROOT"):
        return FUTURE
    if auxiliaries:
        tag = auxiliaries[0].tag_
        if tag == "VBD":
            return PAST
        if tag in ("VBZ", "VBP"):
            return PRESENT
    if verb.tag_ == "VBD":
        return PAST
    if verb.tag_ == "VBN" and verb.lemma_ in _SCHEDULE_PARTICIPLES:
        return FUTURE
    if verb.tag_ == "VBN" and verb.dep_ in ("acl", "amod"):
        return None  # "a summit set for April": the participle alone does not date the clause
    if verb.tag_ == "VBN":
        # a reduced relative or a participle: take the tense of the clause it hangs on
        return verb_tense(verb.head, depth + 1) if depth < 4 and verb.head.i != verb.i and verb.head.pos_ in ("VERB", "AUX") else PAST
    if verb.tag_ in ("VBZ", "VBP"):
        return PRESENT
    if verb.tag_ in ("VB", "VBG") and depth < 4 and verb.head.i != verb.i and verb.head.pos_ in ("VERB", "AUX"):
        return verb_tense(verb.head, depth + 1)
    return None


def governing_verb(span: Span) -> Token | None:
    """The first verb above the expression's head word."""
    token = span.root
    for _ in range(12):
        if token.head.i == token.i:
            return token if token.pos_ in ("VERB", "AUX") else None
        token = token.head
        if token.pos_ in ("VERB", "AUX"):
            return token
    return None


def span_tense(span: Span) -> str | None:
    verb = governing_verb(span)
    return verb_tense(verb) if verb is not None else None


class DateTagger:
    """spaCy component: finds, types and normalizes temporal expressions."""

    def __init__(self, nlp: Language, settings: dict[str, Any]) -> None:
        self.settings = settings
        self.labels = frozenset(settings["spacy_labels"])
        self.max_tokens = int(settings["max_span_tokens"])
        self.normalizer = Normalizer(int(settings["near_future_days"]), int(settings["near_future_months"]))
        lex = lexicon()
        self.versions = {"timex": f"{RULES_VERSION}+{lex['version']}"}
        self.matcher = Matcher(nlp.vocab)
        for name, patterns in _patterns(nlp, lex, settings).items():
            self.matcher.add(name, patterns)
        self.year_match = nlp.vocab.strings["YEAR"]
        triggers = {
            word.lower()
            for patterns in _patterns(nlp, lex, settings).values()
            for pattern in patterns
            for token in pattern
            for key in ("LOWER",)
            if key in token
            for word in (token[key]["IN"] if isinstance(token[key], dict) else [token[key]])
        }
        # number words open "two days ago"; digits are caught by IS_DIGIT; function words would put a
        # window everywhere and every pattern has a content word besides them
        triggers = (triggers | set(lex["numbers"])) - _FUNCTION_WORDS
        self.trigger_hashes = numpy.array(sorted(nlp.vocab.strings.add(w) for w in triggers), dtype=numpy.uint64)

    def __call__(self, doc: Doc) -> Doc:
        context = doc._.article or {}
        anchor = parse_anchor(context.get("date"))
        spans = self.candidates(doc)
        dates: list[DateExpr] = []
        kept: list[Span] = []
        for candidate in spans:
            normalized = self._normalize(candidate, anchor)
            if normalized is None:
                continue
            span, found = normalized
            out = Span(doc, span.start, span.end, label=found.type, kb_id=found.value or "", span_id=str(len(dates)))
            kept.append(out)
            dates.append(
                DateExpr(text=span.text, start=span.start_char, end=span.end_char, type=found.type, value=found.value)
            )
        doc._.dates = dates
        doc.spans[SPAN_KEY] = kept
        versions = dict(doc._.versions or {})
        versions.update(self.versions)
        doc._.versions = versions
        return doc

    def _normalize(self, span: Span, anchor: date | None) -> tuple[Span, Normalized] | None:
        """The candidate normalized whole, else its longest part that is a temporal expression
        ("the quarter ended Sept. 30" -> "Sept. 30")."""
        following = span.doc[span.end].lower_ if span.end < len(span.doc) else ""
        if is_age(span.text) or following == "old":
            return None
        tense = span_tense(span)
        found = self.normalizer.normalize(span.text, anchor, tense)
        if found is not None:
            return span, found
        for length in range(len(span) - 1, 0, -1):
            for start in range(span.start + len(span) - length, span.start - 1, -1):
                part = span.doc[start : start + length]
                if part[0].is_punct or part[-1].is_punct:
                    continue
                found = self.normalizer.normalize(part.text, anchor, tense)
                if found is not None and found.value is not None and not _bare_unit(part):
                    return part, found
        return None

    def _windows(self, doc: Doc) -> list[tuple[int, int]]:
        """Stretches of the Doc around words that can open or close a pattern: the Matcher runs only
        there, which keeps it off most of the text (a vectorised look-up instead of a token walk)."""
        if len(doc) == 0:
            return []
        lowers = doc.to_array([LOWER, IS_DIGIT])
        hits = numpy.flatnonzero(numpy.isin(lowers[:, 0], self.trigger_hashes) | (lowers[:, 1] > 0))
        windows: list[tuple[int, int]] = []
        for i in hits.tolist():
            start, end = max(0, i - _WINDOW), min(len(doc), i + _WINDOW + 1)
            if windows and start <= windows[-1][1]:
                windows[-1] = (windows[-1][0], end)
            else:
                windows.append((start, end))
        return windows

    def candidates(self, doc: Doc) -> list[Span]:
        """spaCy's and our own candidate spans, overlaps merged, coordinations split, edges trimmed."""
        ranges = [(e.start, e.end) for e in doc.ents if e.label_ in self.labels]
        for window_start, window_end in self._windows(doc):
            for match_id, start, end in self.matcher(doc[window_start:window_end]):
                start, end = start + window_start, end + window_start
                if match_id == self.year_match and (start == 0 or doc[start - 1].lower_ not in _YEAR_PREPOSITIONS):
                    continue
                ranges.append((start, end))
        ranges.sort()
        merged: list[list[int]] = []
        for start, end in ranges:
            if merged and start < merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([start, end])
        merged = _join_adjacent(doc, merged, self.normalizer)
        out: list[Span] = []
        for start, end in merged:
            for piece_start, piece_end in _split_coordination(doc, start, end, self.normalizer):
                trimmed = _trim(doc, piece_start, piece_end)
                if trimmed and trimmed[1] - trimmed[0] <= self.max_tokens:
                    out.append(doc[trimmed[0] : trimmed[1]])
        return out


_UNIT_WORDS = word_set("timex", "unit_words")


def _bare_unit(span: Span) -> bool:
    """'year' or 'the year' left over from a longer phrase: not an expression by itself."""
    words = [t.lower_ for t in span if t.lower_ not in ("the", "this", "that", "'s")]
    return len(words) == 1 and words[0] in _UNIT_WORDS


def _join_adjacent(doc: Doc, ranges: list[list[int]], normalizer: Normalizer) -> list[list[int]]:
    """'noon' + 'Saturday', '5 p.m. EST' + ', Nov. 9', 'Friday' + 'Oct. 13': one expression."""
    out: list[list[int]] = []
    for start, end in ranges:
        if out:
            previous = out[-1]
            gap = doc[previous[1] : start]
            if len(gap) == 0 or (len(gap) == 1 and gap[0].text in (",", "on", "at")):
                left, right = doc[previous[0] : previous[1]].text, doc[start:end].text
                if normalizer.is_point(left) and normalizer.is_point(right):
                    previous[1] = end
                    continue
        out.append([start, end])
    return out


_LEADING_WORDS = word_set("timex", "leading_words")
_EDGE_WORDS = word_set("timex", "edge_words")


def _trim(doc: Doc, start: int, end: int) -> tuple[int, int] | None:
    while start < end and (doc[start].is_punct or doc[start].is_space or doc[start].lower_ in _LEADING_WORDS):
        start += 1
    while end > start and (
        doc[end - 1].is_punct and doc[end - 1].text not in (".",) or doc[end - 1].is_space or doc[end - 1].lower_ in _EDGE_WORDS
    ):
        end -= 1
    if end > start and doc[end - 1].text == "." and not _is_abbreviation_period(doc, end - 1):
        end -= 1
    return (start, end) if end > start else None


def _is_abbreviation_period(doc: Doc, i: int) -> bool:
    # "p.m ." keeps its period; a sentence full stop does not belong to the expression
    return i > start_of(doc, i) and doc[i - 1].lower_ in ("a.m", "p.m")


def start_of(doc: Doc, i: int) -> int:
    return doc[i].sent.start if doc.has_annotation("SENT_START") else 0


# tokens either side of a trigger word searched by the Matcher (the longest pattern is 5 tokens)
_WINDOW = 5
_FUNCTION_WORDS = word_set("timex", "function_words")
_YEAR_PREPOSITIONS = word_set("timex", "year_prepositions")
_COORDINATORS = word_set("timex", "coordinators")
_RANGE_WORDS = word_set("timex", "range_words")


def _split_coordination(doc: Doc, start: int, end: int, normalizer: Normalizer) -> list[tuple[int, int]]:
    """'Jan. 5 and Sept. 3', 'January 23 through March 9', '2000 - 2050' -> two spans each;
    'two and a half years', 'the next 12 to 18 months' stay whole; a paragraph break always splits."""
    pieces: list[tuple[int, int]] = []
    piece_start = start
    for i in range(start + 1, end - 1):
        token = doc[i]
        if token.is_space and "\n" in token.text:
            pieces.append((piece_start, i))
            piece_start = i + 1
            continue
        lower = token.lower_
        if lower in _COORDINATORS:
            if doc[i + 1].lower_ in ("a", "an", "one", "half"):
                continue
            if doc[i - 1].like_num and doc[i + 1].like_num and not doc[i + 1].text.isdigit():
                continue
        elif lower in _RANGE_WORDS:
            left, right = doc[piece_start:i].text, doc[i + 1 : end].text
            if not (normalizer.is_calendar(left) and normalizer.is_calendar(right)):
                continue
        else:
            continue
        pieces.append((piece_start, i))
        piece_start = i + 1
    pieces.append((piece_start, end))
    return [(a, b) for a, b in pieces if b > a]


def _patterns(nlp: Language, lex: dict[str, Any], settings: dict[str, Any]) -> dict[str, list[list[dict[str, Any]]]]:
    """Matcher patterns for expressions spaCy's NER misses or cuts short."""
    months = sorted(lex["months"])
    long_weekdays = [w for w in lex["weekdays"] if len(w) > 4]
    units = sorted(u for u in lex["units"] if u not in ("night", "nights"))
    # "a"/"an" would open a match at every article: "a year ago" is left to spaCy's NER
    quantity_words = sorted(lex["numbers"]) + ["several", "few", "many"]
    relative = ["last", "next", "this", "past", "coming", "previous", "following", "current"]
    reference_single = [w for w in settings["match_reference_words"] if " " not in w]
    reference_multi = [w.split() for w in settings["match_reference_words"] if " " in w]
    holidays = list(lex["holidays_fixed"]) + list(lex["holidays_nth_weekday"])
    relative_units = ["week", "weekend", "month", "year", "quarter", "spring", "summer", "fall", "autumn", "winter"]
    return {
        "REFERENCE": [[{"LOWER": {"IN": reference_single}}]] + [[{"LOWER": w} for w in words] for words in reference_multi],
        "DAY_WORD": [[{"LOWER": {"IN": ["today", "yesterday", "tomorrow", "tonight"]}}]],
        "WEEKDAY": [
            [{"LOWER": {"IN": long_weekdays}, "IS_TITLE": True}],
            [{"LOWER": {"IN": relative}}, {"LOWER": {"IN": long_weekdays}, "IS_TITLE": True}],
            [{"LOWER": {"IN": long_weekdays}, "IS_TITLE": True}, {"LOWER": {"IN": list(lex["parts_of_day"])}}],
        ],
        "MONTH_DAY": [
            [{"LOWER": {"IN": months}, "IS_TITLE": True}, {"ORTH": ".", "OP": "?"}, {"IS_DIGIT": True, "LENGTH": {"<=": 2}}],
            [{"IS_DIGIT": True, "LENGTH": {"<=": 2}}, {"LOWER": {"IN": months}, "IS_TITLE": True}],
        ],
        # a bare year; kept only after a preposition (see DateTagger.candidates)
        "YEAR": [[{"IS_DIGIT": True, "LENGTH": 4}]],
        "MID_MONTH": [[{"LOWER": {"IN": ["mid", "early", "late"]}}, {"ORTH": "-", "OP": "?"}, {"LOWER": {"IN": months}, "IS_TITLE": True}]],
        "AGO": [
            [{"LIKE_NUM": True}, {"LOWER": {"IN": units}}, {"LOWER": {"IN": ["ago", "earlier", "later"]}}],
            [{"LOWER": {"IN": quantity_words}}, {"LOWER": {"IN": units}}, {"LOWER": {"IN": ["ago", "earlier", "later"]}}],
            [{"LOWER": {"IN": ["few", "couple"]}}, {"LOWER": "of", "OP": "?"}, {"LOWER": {"IN": units}}, {"LOWER": {"IN": ["ago", "earlier", "later"]}}],
        ],
        "RELATIVE_UNIT": [
            [{"LOWER": {"IN": relative}}, {"LOWER": {"IN": relative_units}}],
            [{"LOWER": {"IN": ["earlier", "later", "early", "late"]}}, {"LOWER": {"IN": relative}}, {"LOWER": {"IN": relative_units}}],
            [{"LOWER": "weekend"}],
        ],
        "HOLIDAY": [
            [{"LOWER": token.lower_, "IS_TITLE": True} if i == 0 else {"LOWER": token.lower_} for i, token in enumerate(nlp.make_doc(name))]
            for name in holidays
        ],
    }


@Language.factory(
    "eventwire_dates",
    assigns=["doc._.dates", "doc.spans", "doc._.versions"],
    requires=["doc._.article", "doc.ents", "token.dep"],
    default_config={"settings": None},
)
def make_date_tagger(nlp: Language, name: str, settings: dict[str, Any] | None) -> DateTagger:
    register_extensions()
    return DateTagger(nlp, component_settings("dates", settings))


def anchor_of(doc: Doc) -> date | None:
    """The publication date the component normalized against, as a date."""
    return parse_anchor((doc._.article or {}).get("date"))
