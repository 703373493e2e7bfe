"""Calendar-date rules of the :class:`~eventwire.timex.normalize.Normalizer`: absolute values ("March 3,
2022", "the 1990s") and values relative to the anchor date ("last Tuesday", "the third quarter", "next
winter", holidays)."""

from __future__ import annotations

import re
from datetime import date, timedelta

from ..words import alternation
from .calendar import (
    FUTURE,
    PAST,
    Normalized,
    add_months,
    iso_week,
    nth_weekday,
    resolve_weekday,
    resolve_year,
    season_code,
    shift,
    ymd,
)
from .lexicon import Patterns, lexicon

_MODIFIER_WORDS = re.compile(rf"^(?:the )?(?:(?:very )?(?:{alternation('timex', 'modifier_words')})(?: of)?(?: the)? )+")
_ORDINAL_NUMBER = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)$")


class DateRules:
    """The date half of the normalizer: ``p`` (the compiled patterns) and the near-future windows are set by
    :class:`~eventwire.timex.normalize.Normalizer`."""

    p: Patterns
    near_days: int
    near_months: int

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
            return ymd(int(m["year"]), p.months[m["month"]], int(m["day"]))
        m = p.slashed.match(s)
        if m and m["y"]:
            year = int(m["y"]) if len(m["y"]) == 4 else (1900 + int(m["y"]) if int(m["y"]) > 30 else 2000 + int(m["y"]))
            return ymd(year, int(m["m"]), int(m["d"]))
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
                value = ymd(resolve_year(month, anchor, tense, None, self.near_months), month, int(m["day"]))
            return Normalized("DATE", value)
        m = p.ordinal_of_month.match(s)
        if m:
            month = p.months[m["month"]]
            if m["year"]:
                return Normalized("DATE", ymd(int(m["year"]), month, p.ordinals[m["ord"]]))
            if anchor:
                value = ymd(resolve_year(month, anchor, tense, None, self.near_months), month, p.ordinals[m["ord"]])
            return Normalized("DATE", value)
        m = p.slashed.match(s)
        if m:
            if anchor:
                month = int(m["m"])
                value = ymd(resolve_year(month, anchor, tense, None, self.near_months), month, int(m["d"])) if 1 <= month <= 12 else None
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
            return Normalized("DATE", ymd(year, month, day))
        month, weekday, nth = p.holidays_nth[name]
        return Normalized("DATE", nth_weekday(year, month, weekday, nth).isoformat())
