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

import re
from datetime import date, timedelta
from functools import lru_cache

from ..words import alternation
from .calendar import (
    FUTURE,
    NEAR_FUTURE_DAYS,
    NEAR_FUTURE_MONTHS,
    PAST,
    PRESENT,
    TIMEX_TYPES,
    Normalized,
    add_months,
    iso_week,
    nth_weekday,
    resolve_weekday,
    resolve_year,
    season_code,
    shift,
)
from .dates import DateRules
from .lexicon import LEXICON_FILE, clean, compiled_patterns, lexicon

# the normalization rules (this module, dates.py, lexicon.py); a changed rule gets a new version (provenance: timex)
RULES_VERSION = "timex-rules-1.2"

# the module's names from before the split into lexicon, calendar and dates, still importable from here
__all__ = [
    "FUTURE",
    "LEXICON_FILE",
    "NEAR_FUTURE_DAYS",
    "NEAR_FUTURE_MONTHS",
    "PAST",
    "PRESENT",
    "RULES_VERSION",
    "TIMEX_TYPES",
    "Normalized",
    "Normalizer",
    "add_months",
    "clean",
    "default_normalizer",
    "duration_value",
    "is_age",
    "iso_week",
    "lexicon",
    "normalize",
    "nth_weekday",
    "parse_anchor",
    "resolve_weekday",
    "resolve_year",
    "season_code",
    "shift",
]

_TRAILING_WORDS = re.compile(rf"(?: (?:{alternation('timex', 'trailing_words')}))+$")


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


class Normalizer(DateRules):
    """Types and values for temporal expressions; stateless apart from the compiled patterns."""

    def __init__(self, near_future_days: int = NEAR_FUTURE_DAYS, near_future_months: int = NEAR_FUTURE_MONTHS) -> None:
        self.p = compiled_patterns()
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
