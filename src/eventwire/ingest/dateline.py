"""Wire-story datelines: ``MOSCOW:``, ``GENEVA (AP) —``, ``WASHINGTON, Jan 12 (Reuters) -``,
``BEIRUT, Lebanon —``. The dateline stays in the text (offsets never shift); we only describe it."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from ..words import word_map

_MONTHS: dict[str, int] = word_map("ingest", "months")

# An upper-case place (one to four words), an optional region in title case, an optional date,
# an optional agency in brackets, then a colon or a dash.
_DATELINE = re.compile(
    r"""
    (?P<place>[A-Z][A-Z.'\-]+(?:[ ][A-Z][A-Z.'\-]+){0,3})
    (?:,[ ](?P<region>(?:[A-Z][a-z.]+|[A-Z]{2,}\.?)(?:[ ][A-Z][a-z.]+){0,2}))??
    (?:,[ ](?P<date>(?P<month>[A-Z][a-z]{2,8})\.?[ ](?P<day>\d{1,2})(?:,[ ](?P<year>\d{4}))?))?
    [ \u00a0]?(?:\((?P<agency>[A-Za-z][A-Za-z .&-]{0,30})\))?
    [ \u00a0]?(?P<sep>:|—|–|--|-)(?:[ \t\u00a0]|$)
    """,
    re.VERBOSE,
)


@dataclass(frozen=True)
class Dateline:
    text: str
    start: int
    end: int
    place: str
    place_start: int
    place_end: int
    region: str | None
    agency: str | None
    date: str | None  # YYYY-MM-DD only when the dateline carries a year

    def to_dict(self) -> dict[str, object]:
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "place": self.place,
            "place_start": self.place_start,
            "place_end": self.place_end,
            "region": self.region,
            "agency": self.agency,
            "date": self.date,
        }


def _dateline_date(match: re.Match[str]) -> str | None:
    month = _MONTHS.get((match.group("month") or "").lower().rstrip("."))
    if not month or not match.group("year"):
        return None
    try:
        return dt.date(int(match.group("year")), month, int(match.group("day"))).isoformat()
    except ValueError:
        return None


def find_dateline(text: str, body_start: int = 0, max_chars: int = 80) -> Dateline | None:
    """Look for a dateline at ``body_start`` (after leading whitespace) within ``max_chars``."""
    pos = body_start
    while pos < len(text) and text[pos].isspace():
        pos += 1
    match = _DATELINE.match(text, pos, min(len(text), pos + max_chars))
    if not match:
        return None
    place = match.group("place")
    # A real dateline place is upper-case text of at least two letters, not a shouted sentence start
    # such as "I -" or an acronym followed by a hyphenated word.
    if sum(ch.isalpha() for ch in place) < 3 or (match.group("month") and not _MONTHS.get(match.group("month").lower())):
        return None
    end = match.end("sep")
    return Dateline(
        text=text[match.start() : end].rstrip(),
        start=match.start(),
        end=end,
        place=place.title() if place.isupper() else place,
        place_start=match.start("place"),
        place_end=match.end("place"),
        region=match.group("region"),
        agency=match.group("agency"),
        date=_dateline_date(match),
    )
