"""Publication dates as records and pages write them, read with ``dateutil``.

What is read: any form ``dateutil`` parses without guessing a part: "24 November 2016", "November 24, 2016",
"Dec 18, 2016 9:57 AM ET", RFC 2822 "Tue, 15 Nov 2016 08:12:31 GMT", ISO 8601 with time and offset
"2016-11-24T13:05:00+01:00", "2016/11/24", "11/24/2016".

- The date kept is the calendar date as written, in the article's own time zone: the time and any offset
  or zone name are ignored, never converted ("2016-11-24T23:30:00-05:00" is 2016-11-24, not the 25th in
  UTC). A wire story is dated where it was filed.
- Every part must be written: "November 2016", "Sunday" or "12" are not publication dates (dateutil would
  fill the missing parts from a default), nor is a year in two digits ("24/11/16": which century?).
- Numeric day and month in either order ("03/04/2016") are read month first, as US wires write them, unless
  the setting ``input.date_day_first`` is true; a reading only one order allows ("24/11/2016") is taken.
- Numbers, booleans, lists and objects are not read (20161124 could be a day or seconds since 1970).

A value that cannot be read is the caller's to report (coded warning W001) and keep (``metadata.date_raw``).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from dateutil import parser as date_parser

# two defaults that differ in every part: a part missing from the text shows as a difference
_DEFAULTS = (dt.datetime(2001, 1, 1), dt.datetime(2002, 2, 2))
_FULL_YEAR = re.compile(r"(?<!\d)\d{4}(?!\d)|(?<!\d)\d{8}(?!\d)")
# a date that opens with its year is year-month-day; dateutil's dayfirst would swap "2016-11-04" to April
_YEAR_FIRST = re.compile(r"\s*\d{4}\D")


def read_publication_date(value: Any, day_first: bool = False) -> str | None:
    """``YYYY-MM-DD`` for a date string in any form described above; None when it cannot be read."""
    if not isinstance(value, str) or not _FULL_YEAR.search(value):
        return None
    try:  # ISO 8601, the common case, is never ambiguous
        return dt.datetime.fromisoformat(value.strip()).date().isoformat()
    except ValueError:
        pass
    day_first = day_first and not _YEAR_FIRST.match(value)
    readings = set()
    for default in _DEFAULTS:
        try:
            parsed = date_parser.parse(value, default=default, dayfirst=day_first, ignoretz=True)
        except (ValueError, OverflowError):
            return None
        readings.add(parsed.date())
    return readings.pop().isoformat() if len(readings) == 1 else None


def is_absent(value: Any) -> bool:
    """No date given: a missing key, null or an empty string (nothing to read, nothing to warn about)."""
    return value is None or (isinstance(value, str) and not value.strip())
