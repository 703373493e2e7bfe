"""Calendar arithmetic for TIMEX3 values: the result type, the tenses, and days, weeks, months and years
resolved against the anchor (publication) date."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from .lexicon import lexicon

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


def _season_of(day: date) -> tuple[str, int]:
    if day.month in (12, 1, 2):
        return "WI", day.year if day.month == 12 else day.year - 1
    return ("SP", "SU", "FA")[(day.month - 3) // 3], day.year


def ymd(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None
