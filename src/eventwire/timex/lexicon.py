"""The timex lexicon and what is built from it: the shipped word lists (:func:`lexicon`), the cleaning of
an expression's text (:func:`clean`) and the regular expressions over cleaned text (:func:`compiled_patterns`)."""

from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources
from typing import Any

from ..words import alternation, word_set

LEXICON_FILE = "lexicon.json"


@lru_cache(maxsize=1)
def lexicon() -> dict[str, Any]:
    """The shipped word lists (data/timex/lexicon-*.json); its ``version`` goes into provenance."""
    text = resources.files("eventwire").joinpath("data", "timex", LEXICON_FILE).read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data



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


class Patterns:
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
def compiled_patterns() -> Patterns:
    return Patterns()
