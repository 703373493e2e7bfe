"""TimeML-style normalization of one temporal expression against the article's publication date.

:func:`normalize` takes the expression text, the anchor (publication date, or None) and the tense of the
governing verb, and returns the TIMEX3 type (DATE, TIME, DURATION, SET) and value:

- dates at their own granularity: ``2022-01-12``, ``2022-W02`` (ISO week), ``2022-W02-WE`` (weekend),
  ``2022-01``, ``2022-Q1``, ``2022-H1``, ``2021-WI`` (season), ``2022``, ``202`` (decade), ``20`` (century),
  or ``PRESENT_REF`` / ``PAST_REF`` / ``FUTURE_REF``;
- times: ``2022-01-12T15:00`` or a part of day ``2022-01-12TMO`` (MO, AF, EV, NI, MI);
- durations ``P3D``, ``PT5H``, ``PXY`` (vague quantity); sets ``P1W``, ``XXXX-WXX-1``.

Relative expressions are resolved only against an anchor: with none, their value is None (never a
guess). Weekdays follow news usage, which dateparser gets wrong: a past-tense verb takes the occurrence
on or before the publication date ("said Wednesday" in a Wednesday article is that day), a future one
the occurrence on or after it, and otherwise the nearest occurrence.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from importlib import resources
from typing import Any

from ..words import alternation, word_set

LEXICON_FILE = "lexicon.json"
# the normalization rules in this module; a changed rule gets a new version (provenance: timex)
RULES_VERSION = "timex-rules-1.2"

PAST, PRESENT, FUTURE = "past", "present", "future"

TIMEX_TYPES = ("DATE", "TIME", "DURATION", "SET")

# a month this close ahead of the publication date stays in its year even in a past-tense clause
NEAR_FUTURE_MONTHS = 2
# with no tense to go by, a weekday this close ahead is the coming one, otherwise the last one
NEAR_FUTURE_DAYS = 1


@dataclass(frozen=True)
class Normalized:
    type: str
    value: str | None


@lru_cache(maxsize=1)
def lexicon() -> dict[str, Any]:
    """The shipped word lists (data/timex/lexicon-*.json); its ``version`` goes into provenance."""
    text = resources.files("eventwire").joinpath("data", "timex", LEXICON_FILE).read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


# ---------------------------------------------------------------------------------------------- calendar


def iso_week(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def add_months(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def nth_weekday(year: int, month: int, weekday: int, nth: int) -> date:
    """The nth (1-based; -1 = last) given weekday (Monday = 0) of a month."""
    if nth > 0:
        first = date(year, month, 1)
        return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (nth - 1))
    next_year, next_month = add_months(year, month, 1)
    last = date(next_year, next_month, 1) - timedelta(days=1)
    return last - timedelta(days=(last.weekday() - weekday) % 7)


def resolve_weekday(
    weekday: int, anchor: date, tense: str | None, modifier: str | None = None, near_days: int = NEAR_FUTURE_DAYS
) -> date:
    """The day a bare or modified weekday name refers to, seen from the publication date."""
    back = (anchor.weekday() - weekday) % 7  # days back to the occurrence on or before the anchor
    ahead = (weekday - anchor.weekday()) % 7  # days ahead to the occurrence on or after it
    if modifier == "last":
        return anchor - timedelta(days=back or 7)
    if modifier == "next":
        return anchor + timedelta(days=ahead or 7)
    if modifier == "this":
        return anchor + timedelta(days=weekday - anchor.weekday())
    if tense == PAST:
        return anchor - timedelta(days=back)
    if tense == FUTURE:
        return anchor + timedelta(days=ahead)
    return anchor + timedelta(days=ahead) if 0 < ahead <= near_days else anchor - timedelta(days=back)


def resolve_year(
    month: int, anchor: date, tense: str | None, modifier: str | None = None, near_months: int = NEAR_FUTURE_MONTHS
) -> int:
    """The year of a month named without one: past tense looks back, future tense looks ahead."""
    if modifier == "last":
        return anchor.year if month < anchor.month else anchor.year - 1
    if modifier == "next":
        return anchor.year if month > anchor.month else anchor.year + 1
    if modifier == "this":
        return anchor.year
    if tense == PAST and month > anchor.month + near_months:
        # a past-tense clause about a month just ahead is more often a tagging slip than last year
        return anchor.year - 1
    if tense == FUTURE and month < anchor.month:
        return anchor.year + 1
    if tense in (PAST, FUTURE):
        return anchor.year
    # no tense to go by: the nearest occurrence
    ahead = (month - anchor.month) % 12
    if month > anchor.month and 12 - ahead < ahead:
        return anchor.year - 1
    if month < anchor.month and ahead < 12 - ahead:
        return anchor.year + 1
    return anchor.year


def shift(anchor: date, unit: str, amount: int) -> str | None:
    """The anchor moved by ``amount`` units, written at the unit's granularity."""
    if unit == "D":
        return (anchor + timedelta(days=amount)).isoformat()
    if unit == "W":
        return iso_week(anchor + timedelta(weeks=amount))
    if unit == "2W":
        return iso_week(anchor + timedelta(weeks=2 * amount))
    if unit == "WE":
        return iso_week(anchor + timedelta(weeks=amount)) + "-WE"
    if unit == "M":
        year, month = add_months(anchor.year, anchor.month, amount)
        return f"{year:04d}-{month:02d}"
    if unit == "Q":
        year, month = add_months(anchor.year, anchor.month, 3 * amount)
        return f"{year:04d}-Q{(month - 1) // 3 + 1}"
    if unit == "Y":
        return f"{anchor.year + amount:04d}"
    if unit == "DE":
        return f"{anchor.year // 10 + amount:03d}"
    if unit == "CE":
        return f"{anchor.year // 100 + amount:02d}"
    if unit in ("H", "S"):
        return anchor.isoformat()
    return None


def season_code(name: str) -> str:
    seasons: dict[str, str] = lexicon()["seasons"]
    return seasons[name]


# ---------------------------------------------------------------------------------------------- cleaning

_HYPHEN_IN_WORDS = re.compile(r"(?<=[a-z])-(?=[a-z0-9])|(?<=[0-9])-(?=[a-z])")
_TRAILING_POSSESSIVE = re.compile(r"'s?$")
_TIME_ZONES = re.compile(rf"\b(?:{alternation('timex', 'time_zones')})\b")

# words before or around an expression that do not change its value (TimeML keeps some inside spans)
_FILLERS = word_set("timex", "fillers")
_LEADING_FILLERS = word_set("timex", "leading_fillers")


_SPOKEN_CENTURIES = word_set("timex", "spoken_centuries")
_TENS = word_set("timex", "tens")


def _words_to_numbers(words: list[str]) -> list[str]:
    """'twenty four' -> '24', 'a year' -> '1 year', 'a few days' -> 'X days'."""
    lex = lexicon()
    numbers: dict[str, float] = lex["numbers"]
    units: dict[str, str] = lex["units"]
    out: list[str] = []
    i = 0
    while i < len(words):
        word = words[i]
        nxt = words[i + 1] if i + 1 < len(words) else ""
        if word in ("a", "an", "one") and (nxt in units or nxt in ("half", "couple", "few", "dozen")):
            if nxt in ("couple", "few", "dozen"):
                i += 1
                continue
            out.append("1")
            i += 1
            continue
        if word in ("couple", "few", "several", "many", "numerous", "multiple") and (
            nxt in units or nxt == "of" or nxt == "more"
        ):
            out.append("2" if word == "couple" else "x")
            i += 2 if nxt == "of" else 1
            continue
        if word in _SPOKEN_CENTURIES and nxt in _TENS:
            # "nineteen ninety seven" -> 1997
            year = int(numbers[word]) * 100 + int(numbers[nxt])
            j = i + 2
            if j < len(words) and words[j] in numbers and numbers[words[j]] < 10:
                year += int(numbers[words[j]])
                j += 1
            out.append(str(year))
            i = j
            continue
        if word in numbers and word != "half":
            total = numbers[word]
            j = i + 1
            while j < len(words) and words[j] in numbers and words[j] != "half":
                value = numbers[words[j]]
                total = total * value if value >= 100 else total + value
                j += 1
            if j < len(words) and words[j] == "and" and j + 2 < len(words) and words[j + 1] == "a" and words[j + 2] == "half":
                total += 0.5
                j += 3
            out.append(str(int(total)) if float(total).is_integer() else str(total))
            i = j
            continue
        out.append(word)
        i += 1
    return out


@lru_cache(maxsize=4096)
def clean(text: str) -> str:
    """Lower-case words separated by single spaces, with numbers as digits and fillers kept."""
    s = text.lower().replace("\u2019", "'").replace("\u2018", "'").replace("\u2013", "-").replace("\u2014", "-")
    s = re.sub(r"\ba\.?\s?m\b\.?", " am ", s)
    s = re.sub(r"\bp\.?\s?m\b\.?", " pm ", s)
    s = re.sub(r"\bnoon\b", " noon ", s)
    s = _HYPHEN_IN_WORDS.sub(" ", s)
    s = re.sub(r"(?<=[a-z])\.", " ", s)  # "Jan." -> "jan"
    s = re.sub(r"[,;()\"]", " ", s)
    s = re.sub(r"\s+", " ", s).strip()
    s = _TRAILING_POSSESSIVE.sub("", s).strip()
    s = re.sub(r"(\d) 1/2\b", r"\1.5", s)
    s = _TIME_ZONES.sub(" ", s).strip()
    words = _words_to_numbers(s.split())
    while words and words[0] in _LEADING_FILLERS:
        words = words[1:]
    return " ".join(words)


# ---------------------------------------------------------------------------------------------- patterns


def _alternation(words: object) -> str:
    return "|".join(sorted((re.escape(str(w)) for w in words), key=len, reverse=True))  # type: ignore[attr-defined]


class _Patterns:
    """Regular expressions over cleaned text, built once from the lexicon."""

    def __init__(self) -> None:
        lex = lexicon()
        self.months: dict[str, int] = lex["months"]
        self.weekdays: dict[str, int] = lex["weekdays"]
        self.units: dict[str, str] = lex["units"]
        self.ordinals: dict[str, int] = lex["ordinals"]
        self.parts_of_day: dict[str, str] = lex["parts_of_day"]
        self.reference: dict[str, str] = lex["reference_words"]
        self.set_adverbs: dict[str, str] = lex["set_adverbs"]
        self.holidays_fixed: dict[str, list[int]] = lex["holidays_fixed"]
        self.holidays_nth: dict[str, list[int]] = lex["holidays_nth_weekday"]
        month = _alternation(self.months)
        weekday = _alternation(self.weekdays)
        unit = _alternation(self.units)
        ordinal = _alternation(self.ordinals)
        season = _alternation(lex["seasons"])
        part = _alternation(self.parts_of_day)
        num = r"(?:\d+(?:\.\d+)?|x)"
        self.clock = re.compile(
            r"\b(?P<h>\d{1,2})(?::(?P<m>\d\d))?\s?(?P<ampm>am|pm)\b|\b(?P<hh>\d{1,2}):(?P<mm>\d\d)\b"
            r"|\b(?P<oc>\d{1,2})(?: o'clock\b| (?=in the (?:morning|afternoon|evening)|at night))|\b(?P<noon>noon|midnight|midday)\b"
        )
        self.part_of_day = re.compile(rf"\b(?P<mod>this|last|tomorrow|yesterday|early|late|the)?\s?(?P<part>{part})\b|\btonight\b")
        self.relative_shift = re.compile(
            rf"^(?P<n>{num}) (?P<unit>{unit})(?: and (?:a )?half)? (?P<dir>ago|earlier|before|back|previously|prior|later|after|from now|hence|on)$"
        )
        self.modified_unit = re.compile(
            rf"^(?P<the>the |this |that )?(?P<mod>past|last|previous|prior|preceding|next|coming|following|first|final|recent|remaining|latest|current|same|upcoming|ensuing|subsequent|this|present)? ?(?P<n>{num})? ?(?P<unit>{unit})$"
        )
        self.bare_units = re.compile(rf"^(?:the |that |those |these )?(?P<n>{num})? ?(?P<more>more )?(?P<unit>{unit})(?: (?:long|old))?$")
        self.set_every = re.compile(rf"^(?:every|each|per|a|an) (?:(?P<n>{num}) )?(?:other )?(?P<unit>{unit})$")
        self.set_weekday = re.compile(rf"^(?:every|each|on) (?P<wd>{weekday})(?: (?P<part>{part}))?$|^(?P<wds>{weekday})s(?: (?P<parts>{part}))?$")
        self.set_month = re.compile(rf"^(?:every|each) (?P<month>{month})$")
        self.iso = re.compile(r"^(?P<y>\d{4})-(?P<m>\d\d)-(?P<d>\d\d)$")
        self.slashed = re.compile(r"^(?P<m>\d{1,2})/(?P<d>\d{1,2})(?:/(?P<y>\d{2}|\d{4}))?$")
        self.month_day = re.compile(
            rf"^(?:(?P<wd>{weekday}) )?(?:the )?(?P<month>{month}) (?:the )?(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?: (?P<year>\d{{4}}))?$"
        )
        self.day_month = re.compile(
            rf"^(?:(?P<wd>{weekday}) )?(?:the )?(?P<day>\d{{1,2}})(?:st|nd|rd|th)? (?:of )?(?P<month>{month})(?: (?P<year>\d{{4}}))?$"
        )
        self.ordinal_of_month = re.compile(rf"^(?:the )?(?P<ord>{ordinal}) (?:of )?(?P<month>{month})(?: (?P<year>\d{{4}}))?$")
        self.month_year = re.compile(rf"^(?P<month>{month}) (?:of )?(?P<year>\d{{4}})$")
        self.month_only = re.compile(rf"^(?P<mod>last|next|this|coming|past|previous|early|late|mid)? ?(?P<month>{month})$")
        self.year_only = re.compile(r"^(?:the )?(?:(?:fiscal|calendar|model|school) )?(?:year )?(?:fy ?)?(?P<year>1\d{3}|20\d\d)$")
        self.short_year = re.compile(r"^(?:fiscal |fy ?)?'(?P<yy>\d\d)$")
        self.decade = re.compile(r"^(?:the )?(?:early |mid |late )?(?:(?P<cent>1\d|20)|')?(?P<dec>\d)0's?$|^(?:the )?(?:early |mid |late )?(?P<full>1\d\d|20\d)0s$")
        self.century = re.compile(rf"^(?:the )?(?P<ord>{ordinal}|\d{{1,2}}(?:st|nd|rd|th)) century$")
        self.weekday_only = re.compile(rf"^(?P<mod>last|next|this|coming|past|previous|early|late)? ?(?P<wd>{weekday})$")
        self.relative_unit = re.compile(
            r"^(?:the )?(?P<mod>last|next|this|coming|past|previous|following|current|same|latest|upcoming|prior|present) (?P<unit>week|weekend|month|year|quarter|decade|century)$"
        )
        self.quarter = re.compile(
            rf"^(?:the )?(?:(?P<rel0>this|last|next) year's )?(?:(?P<year1>\d{{4}}) )?(?:fiscal )?(?P<which>{ordinal}|final|last|latest|current|previous|past|next|this|year earlier|recent|same|q\d) (?:fiscal )?(?:quarter|period)(?: (?:of )?(?:fiscal |the )?(?:(?P<year2>\d{{4}})|(?P<rel>this|last|next|the) year))?$"
        )
        self.quarter_code = re.compile(r"^(?:the )?q(?P<q>[1-4])(?: (?P<year>\d{4}))?$")
        self.half = re.compile(
            r"^(?:the )?(?P<which>first|second|latter|last) half(?: (?:of )?(?:the )?(?:(?P<year>\d{4})|(?P<rel>this|last|next)? ?year))?$"
        )
        self.season = re.compile(
            rf"^(?:the )?(?P<mod>this|last|next|past|coming|early|late|mid)? ?(?P<season>{season})(?: (?:of )?(?P<year>\d{{4}}))?$"
        )
        self.year_ago = re.compile(
            rf"^(?:the )?(?:comparable |corresponding |same )?year (?:ago|earlier)(?: (?P<ord>{ordinal}))?(?: fiscal)? ?(?P<what>quarter|period|results|level|month|week)?$"
        )
        self.month_relative_year = re.compile(rf"^(?P<month>{month}) (?:of )?(?P<rel>this|last|next) year$")
        self.day_words = re.compile(
            r"^(?P<w>today|yesterday|tomorrow|tonight|the day before yesterday|the day after tomorrow|this day)$"
        )


@lru_cache(maxsize=1)
def _patterns() -> _Patterns:
    return _Patterns()


# ---------------------------------------------------------------------------------------------- normalizer


_MODIFIER_WORDS = re.compile(rf"^(?:the )?(?:(?:very )?(?:{alternation('timex', 'modifier_words')})(?: of)?(?: the)? )+")
_TRAILING_WORDS = re.compile(rf"(?: (?:{alternation('timex', 'trailing_words')}))+$")
_ORDINAL_NUMBER = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)$")


def _amount(raw: str | None) -> str:
    if raw is None:
        return "1"
    if raw == "x":
        return "X"
    value = float(raw)
    return str(int(value)) if value.is_integer() else raw


def duration_value(amount: str, unit: str) -> str:
    if unit in ("H", "S") or (unit == "M" and amount.endswith("MIN")):
        return f"PT{amount}{unit}"
    if unit == "2W":
        return f"P{amount}W" if amount == "X" else f"P{2 * float(amount):g}W"
    if unit == "WE":
        return f"P{amount}WE"
    if "." in amount and unit == "Y":
        return f"P{round(float(amount) * 12)}M"
    if "." in amount and unit == "D":
        return f"PT{round(float(amount) * 24)}H"
    return f"P{amount}{unit}"


_AGE = re.compile(r"\bold\b|\baged?\b")


def is_age(text: str) -> bool:
    """'62-year-old', '37 years old', 'aged 5': ages are not temporal expressions."""
    return _AGE.search(text.lower()) is not None


class Normalizer:
    """Types and values for temporal expressions; stateless apart from the compiled patterns."""

    def __init__(self, near_future_days: int = NEAR_FUTURE_DAYS, near_future_months: int = NEAR_FUTURE_MONTHS) -> None:
        self.p = _patterns()
        self.near_days = near_future_days
        self.near_months = near_future_months

    # -- public

    def normalize(self, text: str, anchor: date | None, tense: str | None = None) -> Normalized | None:
        """Type and value of ``text``; None when it is not a temporal expression at all (e.g. an age)."""
        s = clean(text)
        s = _TRAILING_WORDS.sub("", s).strip()
        if not s or is_age(s):
            return None
        try:
            found = self._reference(s) or self._set(s) or self._duration(s, anchor)
            return found or self._time_and_date(s, anchor, tense)
        except (OverflowError, ValueError):
            # a relative date that falls off the calendar (anchor near year 1 or 9999): typed, no value
            return self.normalize(text, None, tense) if anchor is not None else None

    def is_point(self, text: str) -> bool:
        """A clock time, part of day, weekday or calendar date: pieces that join into one expression."""
        s = clean(text)
        p = self.p
        if p.clock.search(s) or p.part_of_day.search(s) or p.weekday_only.match(s):
            return True
        return bool(p.month_day.match(s) or p.day_month.match(s) or p.day_words.match(s) or p.iso.match(s))

    def is_calendar(self, text: str) -> bool:
        """A point on the calendar (date, month, year, weekday): what stands on each side of a range."""
        s = clean(text)
        if self.is_point(text):
            return True
        p = self.p
        return bool(p.year_only.match(s) or p.month_year.match(s) or p.month_only.match(s))

    # -- rules

    def _reference(self, s: str) -> Normalized | None:
        value = self.p.reference.get(s)
        return Normalized("DATE", value) if value else None

    def _set(self, s: str) -> Normalized | None:
        p = self.p
        if s in p.set_adverbs:
            return Normalized("SET", p.set_adverbs[s])
        m = p.set_every.match(s)
        if m and not s.startswith(("a ", "an ")):
            unit = p.units[m["unit"]]
            return Normalized("SET", duration_value(_amount(m["n"]), "MIN" if False else unit))
        m = p.set_weekday.match(s)
        if m:
            weekday = p.weekdays[m["wd"] or m["wds"]] + 1
            part = m["part"] or m["parts"]
            suffix = f"T{p.parts_of_day[part]}" if part else ""
            return Normalized("SET", f"XXXX-WXX-{weekday}{suffix}")
        m = p.set_month.match(s)
        if m:
            return Normalized("SET", f"XXXX-{p.months[m['month']]:02d}")
        return None

    def _duration(self, s: str, anchor: date | None) -> Normalized | None:
        p = self.p
        m = p.relative_shift.match(s)
        if m:
            unit = p.units[m["unit"]]
            if m["n"] == "x":
                backwards = m["dir"] in ("ago", "earlier", "before", "back", "previously", "prior")
                return Normalized("DATE", "PAST_REF" if backwards else "FUTURE_REF")
            amount = float(m["n"])
            if not amount.is_integer() or anchor is None:
                return Normalized("DATE", None)
            sign = -1 if m["dir"] in ("ago", "earlier", "before", "back", "previously", "prior") else 1
            kind = "TIME" if unit in ("H", "S") or (unit == "M" and m["unit"].startswith("minute")) else "DATE"
            if kind == "TIME":
                return Normalized("TIME", None)
            return Normalized("DATE", shift(anchor, unit, sign * int(amount)))
        m = p.modified_unit.match(s)
        if m and m["unit"]:
            unit = p.units[m["unit"]]
            plural = m["unit"].endswith("s") and m["unit"] not in ("hours",) or m["unit"] in ("hours", "centuries", "millennia")
            mod = m["mod"]
            if mod is None and m["the"] is None and m["n"] is None:
                return None  # a bare unit word is handled below
            if mod in ("this", "current", "present", "same") and not m["n"] and not plural:
                return None  # a date: "this week"
            if m["the"] is None and mod in ("last", "next", "past", "previous", "coming", "following") and not m["n"] and not plural:
                return None  # a date: "last week"
            if m["the"] and mod in ("previous", "prior", "preceding", "latest", "following", "same") and not m["n"] and not plural:
                return None  # a date: "the previous year"
            if mod is None and not m["n"] and not plural:
                return None  # "the year": a date
            amount = _amount(m["n"]) if m["n"] else ("X" if plural else "1")
            if m["unit"].startswith("minute"):
                return Normalized("DURATION", f"PT{amount}M")
            return Normalized("DURATION", duration_value(amount, unit))
        m = p.bare_units.match(s)
        if m:
            unit = p.units[m["unit"]]
            plural = m["unit"].endswith("s") or m["unit"] in ("centuries", "millennia")
            if m["n"] is None and not plural and s.startswith(("the ", "that ")):
                return None
            amount = _amount(m["n"]) if m["n"] else ("X" if plural else "1")
            if m["unit"].startswith("minute"):
                return Normalized("DURATION", f"PT{amount}M")
            return Normalized("DURATION", duration_value(amount, unit))
        return None

    def _time_and_date(self, s: str, anchor: date | None, tense: str | None) -> Normalized | None:
        p = self.p
        clock = p.clock.search(s)
        time_suffix: str | None = None
        rest = s
        if clock:
            if clock["noon"]:
                time_suffix = "T24:00" if clock["noon"] == "midnight" else "T12:00"
            else:
                hour = int(clock["h"] or clock["hh"] or clock["oc"])
                minute = int(clock["m"] or clock["mm"] or 0)
                if clock["ampm"] == "pm" and hour < 12:
                    hour += 12
                if clock["ampm"] == "am" and hour == 12:
                    hour = 0
                if hour > 24 or minute > 59:
                    return None
                time_suffix = f"T{hour:02d}:{minute:02d}"
            rest = (s[: clock.start()] + " " + s[clock.end() :]).strip()
            rest = re.sub(r"^(?:at|on|of|in the)\b|\b(?:at|on|of|in the)$", "", rest).strip()
        part = p.part_of_day.search(rest)
        day_shift = 0
        if part and time_suffix is None:
            word = part.group(0)
            if word == "tonight":
                time_suffix = "TNI"
            else:
                time_suffix = "T" + p.parts_of_day[part["part"]]
                if part["mod"] == "last" and part["part"] in ("night", "nights"):
                    day_shift = -1
                elif part["mod"] in ("yesterday", "tomorrow"):
                    day_shift = -1 if part["mod"] == "yesterday" else 1
            rest = (rest[: part.start()] + " " + rest[part.end() :]).strip()
        elif part:
            # "4 in the morning": the clock already says it
            if part["part"] in ("evening", "night", "afternoon") and time_suffix and int(time_suffix[1:3]) < 12:
                time_suffix = f"T{int(time_suffix[1:3]) + 12:02d}{time_suffix[3:]}"
            rest = (rest[: part.start()] + " " + rest[part.end() :]).strip()
        rest = re.sub(r"^(?:on|of|in|at|the)\b|\b(?:on|of|in|at|the)$", "", rest).strip()
        rest = re.sub(r"^(?:on|of|in|at|the)\b|\b(?:on|of|in|at)$", "", rest).strip()
        if time_suffix is not None:
            if not rest or rest in ("this", "that", "early", "late", "mid", "the", "later this", "earlier this"):
                if anchor is None:
                    return Normalized("TIME", None)
                return Normalized("TIME", (anchor + timedelta(days=day_shift)).isoformat() + time_suffix)
            found = self._date(rest, anchor, tense)
            if found is None:
                return None
            if found.value is None:
                return Normalized("TIME", None)
            if re.match(r"^\d{4}-\d\d-\d\d$", found.value):
                return Normalized("TIME", found.value + time_suffix)
            return Normalized("TIME", None)
        return self._date(s, anchor, tense)

    def _date(self, s: str, anchor: date | None, tense: str | None) -> Normalized | None:
        value = self._absolute(s)
        if value:
            return Normalized("DATE", value)
        stripped = _MODIFIER_WORDS.sub("", s).strip()
        stripped = re.sub(r"^(?:the |this past |so far this )", lambda m: "this " if "this" in m.group(0) else "", stripped)
        if stripped != s:
            value = self._absolute(stripped)
            if value:
                return Normalized("DATE", value)
            if stripped in ("year", "month", "week", "weekend", "decade", "century", "quarter", "day"):
                stripped = "this " + stripped
        relative = self._relative(stripped or s, anchor, tense)
        if relative is not None:
            return relative
        if stripped != s:
            return self._relative(s, anchor, tense)
        return None

    def _absolute(self, s: str) -> str | None:
        """Values that need no anchor: a year, a full date, a decade, a century."""
        p = self.p
        m = p.iso.match(s)
        if m:
            return s
        m = p.month_day.match(s) or p.day_month.match(s)
        if m and m["year"]:
            return _ymd(int(m["year"]), p.months[m["month"]], int(m["day"]))
        m = p.slashed.match(s)
        if m and m["y"]:
            year = int(m["y"]) if len(m["y"]) == 4 else (1900 + int(m["y"]) if int(m["y"]) > 30 else 2000 + int(m["y"]))
            return _ymd(year, int(m["m"]), int(m["d"]))
        m = p.month_year.match(s)
        if m:
            return f"{m['year']}-{p.months[m['month']]:02d}"
        m = p.year_only.match(s)
        if m:
            return m["year"]
        m = p.decade.match(s)
        if m:
            if m["full"]:
                return m["full"]
            century = m["cent"] or "19"
            return f"{century}{m['dec']}"
        m = p.century.match(s)
        if m:
            raw = m["ord"]
            ordinal = p.ordinals.get(raw) or int(_ORDINAL_NUMBER.match(raw)[1])  # type: ignore[index]
            return f"{ordinal - 1:02d}"
        m = p.quarter.match(s)
        if m and (m["year1"] or m["year2"]) and m["which"] in p.ordinals:
            return f"{m['year1'] or m['year2']}-Q{p.ordinals[m['which']]}"
        m = p.quarter_code.match(s)
        if m and m["year"]:
            return f"{m['year']}-Q{m['q']}"
        m = p.half.match(s)
        if m and m["year"]:
            return f"{m['year']}-H{1 if m['which'] == 'first' else 2}"
        m = p.season.match(s)
        if m and m["year"]:
            return f"{m['year']}-{season_code(m['season'])}"
        m = p.short_year.match(s)
        if m:
            yy = int(m["yy"])
            return f"{1900 + yy if yy > 30 else 2000 + yy}"
        return None

    def _relative(self, s: str, anchor: date | None, tense: str | None) -> Normalized | None:
        """Values that need the publication date; None value when there is none."""
        p = self.p
        value: str | None = None
        matched = False
        m = p.year_ago.match(s)
        if m:
            if anchor:
                if m["ord"] and m["ord"] in p.ordinals and p.ordinals[m["ord"]] <= 4:
                    value = f"{anchor.year - 1}-Q{p.ordinals[m['ord']]}"
                elif m["what"] in ("quarter", "period"):
                    # the quarter a year before the one just reported
                    year, month = add_months(anchor.year, anchor.month, -15)
                    value = f"{year}-Q{(month - 1) // 3 + 1}"
                else:
                    value = str(anchor.year - 1)
            return Normalized("DATE", value)
        m = p.month_relative_year.match(s)
        if m:
            if anchor:
                year = anchor.year + {"last": -1, "next": 1}.get(m["rel"], 0)
                value = f"{year}-{p.months[m['month']]:02d}"
            return Normalized("DATE", value)
        m = p.day_words.match(s)
        if m:
            matched = True
            if anchor:
                offsets = {"today": 0, "tonight": 0, "this day": 0, "yesterday": -1, "tomorrow": 1}
                offset = offsets.get(m["w"], -2 if "before" in m["w"] else 2)
                value = (anchor + timedelta(days=offset)).isoformat()
                if m["w"] == "tonight":
                    return Normalized("TIME", value + "TNI")
            return Normalized("DATE", value)
        m = p.weekday_only.match(s)
        if m:
            if anchor:
                modifier = {"past": "last", "previous": "last", "coming": "next"}.get(m["mod"] or "", m["mod"])
                value = resolve_weekday(p.weekdays[m["wd"]], anchor, tense, modifier, self.near_days).isoformat()
            return Normalized("DATE", value)
        m = p.month_day.match(s) or p.day_month.match(s)
        if m:
            if m["wd"] and anchor:
                # "Monday, Oct. 26": the weekday fixes the year when it is near
                day = resolve_weekday(p.weekdays[m["wd"]], anchor, tense, None, self.near_days)
                if day.month == p.months[m["month"]] and day.day == int(m["day"]):
                    return Normalized("DATE", day.isoformat())
            if anchor:
                month = p.months[m["month"]]
                value = _ymd(resolve_year(month, anchor, tense, None, self.near_months), month, int(m["day"]))
            return Normalized("DATE", value)
        m = p.ordinal_of_month.match(s)
        if m:
            month = p.months[m["month"]]
            if m["year"]:
                return Normalized("DATE", _ymd(int(m["year"]), month, p.ordinals[m["ord"]]))
            if anchor:
                value = _ymd(resolve_year(month, anchor, tense, None, self.near_months), month, p.ordinals[m["ord"]])
            return Normalized("DATE", value)
        m = p.slashed.match(s)
        if m:
            if anchor:
                month = int(m["m"])
                value = _ymd(resolve_year(month, anchor, tense, None, self.near_months), month, int(m["d"])) if 1 <= month <= 12 else None
            return Normalized("DATE", value)
        m = p.month_only.match(s)
        if m:
            if anchor:
                month = p.months[m["month"]]
                modifier = {"past": "last", "previous": "last", "coming": "next"}.get(m["mod"] or "", m["mod"])
                value = f"{resolve_year(month, anchor, tense, modifier, self.near_months)}-{month:02d}"
            return Normalized("DATE", value)
        m = p.relative_unit.match(s)
        if m:
            if anchor:
                value = self._relative_unit(m["mod"], m["unit"], anchor, tense)
            return Normalized("DATE", value)
        m = p.quarter.match(s) or p.quarter_code.match(s)
        if m:
            if anchor:
                value = self._quarter(m, anchor, tense)
            return Normalized("DATE", value)
        m = p.half.match(s)
        if m:
            if anchor:
                year = anchor.year + {"last": -1, "next": 1}.get(m["rel"] or "", 0)
                value = f"{year}-H{1 if m['which'] == 'first' else 2}"
            return Normalized("DATE", value)
        m = p.season.match(s)
        if m:
            if anchor:
                value = self._season(m["season"], m["mod"], anchor, tense)
            return Normalized("DATE", value)
        holiday = self._holiday(s, anchor, tense)
        if holiday is not None:
            return holiday
        if s in ("year", "month", "week", "weekend", "quarter", "decade"):
            matched = True
            if anchor:
                value = self._relative_unit("this", s, anchor, tense)
        if s in ("that day", "the same day", "the day", "that time", "the time", "then", "that week",
                 "that year", "that month", "the same time", "the same period", "same day"):
            matched = True
        return Normalized("DATE", value) if matched else None

    def _relative_unit(self, mod: str, unit: str, anchor: date, tense: str | None = None) -> str | None:
        step = {"last": -1, "past": -1, "previous": -1, "prior": -1, "latest": -1, "next": 1, "coming": 1,
                "following": 1, "upcoming": 1}.get(mod, 0)
        code = self.p.units[unit]
        if code == "Q" and step == 0 and tense == PAST and mod != "current":
            step = -1  # "earned $5 million in the quarter": the quarter reported on is the last one
        if code == "WE":
            if step == 0 and anchor.weekday() >= 5:
                return iso_week(anchor) + "-WE"
            if step == 0 and tense == PAST:
                step = -1  # "this weekend" told in the past tense on a weekday: the one just gone
            return iso_week(anchor + timedelta(weeks=step)) + "-WE"
        return shift(anchor, code, step)

    def _quarter(self, m: re.Match[str], anchor: date, tense: str | None) -> str | None:
        current = (anchor.month - 1) // 3 + 1
        groups = m.groupdict()
        if "q" in groups and groups.get("q"):
            which_number: int | None = int(groups["q"])
            which = ""
        else:
            which = groups.get("which") or ""
            which_number = self.p.ordinals.get(which)
            if which.startswith("q") and which[1:].isdigit():
                which_number = int(which[1:])
        rel = groups.get("rel") or groups.get("rel0")
        year = anchor.year + {"last": -1, "next": 1}.get(rel or "", 0)
        if which_number:
            if which_number > 4:
                return None
            if not rel and which_number > current and tense != FUTURE:
                year -= 1
            return f"{year}-Q{which_number}"
        if which in ("final",) or (which == "last" and rel):
            return f"{year}-Q4"
        step = {"latest": -1, "last": -1, "previous": -1, "past": -1, "recent": -1, "next": 1, "year earlier": -5}.get(which, 0)
        if which in ("", "this", "current") and not rel and tense == PAST:
            # "earned $5 million in the quarter": a quarter reported on in the past tense is the last one
            step = -1
        if which == "same" and rel == "last":
            step = -4
        y, mo = add_months(anchor.year, anchor.month, 3 * step)
        return f"{y}-Q{(mo - 1) // 3 + 1}"

    def _season(self, name: str, mod: str | None, anchor: date, tense: str | None) -> str:
        """A season named without a year: winter belongs to the year of its December."""
        code = season_code(name)
        start_month: int = lexicon()["season_start_month"][code]

        def bounds(year: int) -> tuple[date, date]:
            end_year, end_month = add_months(year, start_month, 3)
            return date(year, start_month, 1), date(end_year, end_month, 1) - timedelta(days=1)

        current_year = anchor.year - 1 if code == "WI" and anchor.month < 3 else anchor.year
        start, end = bounds(current_year)
        if mod in ("last", "past") or (mod is None and tense == PAST):
            year = current_year if start <= anchor and (mod is None or end < anchor) else current_year - 1
        elif mod in ("next", "coming") or (mod is None and tense == FUTURE):
            year = current_year if end >= anchor and (mod is None or start > anchor) else current_year + 1
        else:
            year = current_year
        return f"{year}-{code}"

    def _holiday(self, s: str, anchor: date | None, tense: str | None) -> Normalized | None:
        p = self.p
        m = re.match(r"^(?:(?P<mod>last|next|this) )?(?P<name>.+?)(?: (?P<year>\d{4}))?$", s)
        if not m:
            return None
        name = m["name"]
        if name not in p.holidays_fixed and name not in p.holidays_nth:
            return None
        if m["year"]:
            year = int(m["year"])
        elif anchor is None:
            return Normalized("DATE", None)
        else:
            month = (p.holidays_fixed.get(name) or p.holidays_nth[name])[0]
            modifier = m["mod"] if m["mod"] in ("last", "next") else None
            year = resolve_year(month, anchor, tense, modifier, self.near_months)
        if name in p.holidays_fixed:
            month, day = p.holidays_fixed[name]
            return Normalized("DATE", _ymd(year, month, day))
        month, weekday, nth = p.holidays_nth[name]
        return Normalized("DATE", nth_weekday(year, month, weekday, nth).isoformat())


def _season_of(day: date) -> tuple[str, int]:
    if day.month in (12, 1, 2):
        return "WI", day.year if day.month == 12 else day.year - 1
    return ("SP", "SU", "FA")[(day.month - 3) // 3], day.year


def _ymd(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


@lru_cache(maxsize=1)
def default_normalizer() -> Normalizer:
    return Normalizer()


def normalize(text: str, anchor: date | str | None, tense: str | None = None) -> Normalized | None:
    """Type and value of a temporal expression against the publication date ``anchor``."""
    if isinstance(anchor, str):
        anchor = parse_anchor(anchor)
    return default_normalizer().normalize(text, anchor, tense)


def parse_anchor(raw: str | None) -> date | None:
    """The date part of an ISO date or date-time string, or None."""
    if not raw:
        return None
    m = re.match(r"^(\d{4})-(\d\d)-(\d\d)", raw)
    if not m:
        return None
    try:
        return date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None
