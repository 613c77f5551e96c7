"""Finding calendar dates in text: Gregorian in four languages, Solar Hijri, ISO.

All patterns run on folded text (extract/normalize.py): ASCII digits, folded
Arabic/Persian letters, lower case. Month and weekday words come from
data/calendar.json.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache

from persiantools.jdatetime import JalaliDate

from .datafiles import DATA_DIR, DataFileError, read_json
from .normalize import fold

_GREGORIAN_YEARS = range(1900, 2101)
_JALALI_YEARS = range(1300, 1480)


@dataclass(frozen=True, slots=True)
class FoundDate:
    """A date found in folded text: [start, end) span, the day, and how sure the text is of the year."""

    start: int
    end: int
    value: date | None          # None when the text gives day and month but no year
    month: int
    day: int
    calendar: str               # "gregorian" or "jalali"


@dataclass(frozen=True, slots=True)
class Calendar:
    gregorian: dict[str, int]   # folded month word → month number
    jalali: dict[str, int]
    weekdays: dict[str, int]    # folded weekday word → 0 (Monday) … 6
    relative: dict[str, int]    # folded relative-day phrase → day offset


def _word_table(section: dict, path, name: str, valid: range) -> dict[str, int]:
    table: dict[str, int] = {}
    for key, words in section.items():
        try:
            number = int(key)
        except ValueError:
            raise DataFileError(path, None, f"{name}: key {key!r} is not a number") from None
        if number not in valid or not isinstance(words, list) or not words:
            raise DataFileError(path, None, f"{name}: entry {key!r} must be in {valid} with a list of words")
        for word in words:
            table[fold(word)] = number
    return table


@cache
def calendar() -> Calendar:
    path = DATA_DIR / "calendar.json"
    data = read_json(path)
    return Calendar(
        gregorian=_word_table(data["gregorian_months"], path, "gregorian_months", range(1, 13)),
        jalali=_word_table(data["jalali_months"], path, "jalali_months", range(1, 13)),
        weekdays=_word_table(data["weekdays"], path, "weekdays", range(0, 7)),
        relative=_word_table(data["relative_days"], path, "relative_days", range(-7, 8)),
    )


def _alternation(words) -> str:
    # Longest first, so «كانون الثاني» wins over a shorter word inside it.
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_B = r"(?<![\w])"   # word start
_E = r"(?![\w])"    # word end
_BN = r"(?<![\d])"  # a number's start: page furniture glues numeric dates to words («وعالم6-12-2023»)
_YE = r"(?:[مهش](?![\w]))?(?![\w])"   # a year's end, with «م»/«هـ»/«ش» (Gregorian/Hijri/Solar) glued on
_ORD = r"(?:st|nd|rd|th)?"
_SEP = r"[\s,./\-]+"


@cache
def _patterns() -> list[tuple[re.Pattern[str], str]]:
    cal = calendar()
    months = _alternation(list(cal.gregorian) + list(cal.jalali))
    return [
        (re.compile(rf"{_BN}(?P<y>\d{{4}})-(?P<m>\d{{1,2}})-(?P<d>\d{{1,2}})(?!\d)"), "iso"),
        (re.compile(rf"{_B}(?P<d>\d{{1,2}}){_ORD}{_SEP}(?P<mon>{months})\.?{_SEP}(?P<y>\d{{4}}){_YE}"), "dmy"),
        (re.compile(rf"{_B}(?P<mon>{months})\.?\s+(?P<d>\d{{1,2}}){_ORD},?\s+(?P<y>\d{{4}}){_YE}"), "mdy"),
        (re.compile(rf"{_B}(?P<y>\d{{4}})\s+(?P<mon>{months})\s+(?P<d>\d{{1,2}}){_E}"), "ymd"),
        # «2024/03/17», «1403/01/15» (a Solar year): year first, never inside a URL's path
        (re.compile(rf"(?<![\d/])(?P<y>\d{{4}})(?P<sep>[/.])(?P<m>\d{{1,2}})(?P=sep)(?P<d>\d{{1,2}})(?![\d/])"), "ymd_numeric"),
        (re.compile(rf"{_BN}(?P<d>\d{{1,2}})(?P<sep>[/.\-])(?P<m>\d{{1,2}})(?P=sep)(?P<y>\d{{4}}){_YE}"), "numeric"),
        (re.compile(rf"{_B}(?P<d>\d{{1,2}}){_ORD}\s+(?P<mon>{months}){_E}"), "dm"),
        (re.compile(rf"{_B}(?P<mon>{months})\.?\s+(?P<d>\d{{1,2}}){_ORD}{_E}"), "md"),
    ]


def _build(match: re.Match[str], kind: str, language: str | None) -> FoundDate | None:
    cal = calendar()
    groups = match.groupdict()
    day = int(groups["d"])
    word = groups.get("mon")
    if word is not None:
        calendar_name = "jalali" if word in cal.jalali and word not in cal.gregorian else "gregorian"
        month = (cal.jalali if calendar_name == "jalali" else cal.gregorian)[word]
    else:
        calendar_name, month = "gregorian", int(groups["m"])
        if kind == "numeric" and language == "en" and groups["sep"] == "/" and day <= 12 and month <= 12 and day != month:
            return None  # 03/04/2024 is ambiguous in English text: leave it out (dotted dates are day first)
        if kind == "numeric" and language == "en" and groups["sep"] == "/" and month > 12 >= day:
            day, month = month, day  # unambiguous US order
    year = int(groups["y"]) if groups.get("y") else None
    if year is not None and year in _JALALI_YEARS and (kind == "ymd_numeric" or (word is not None and word in cal.jalali)):
        calendar_name = "jalali"
    try:
        if year is None:
            date(2000, month, day) if calendar_name == "gregorian" else JalaliDate(1400, month, day)
            return FoundDate(match.start(), match.end(), None, month, day, calendar_name)
        if calendar_name == "jalali":
            if year not in _JALALI_YEARS:
                return None
            value = JalaliDate(year, month, day).to_gregorian()
        else:
            if year not in _GREGORIAN_YEARS:
                return None
            value = date(year, month, day)
    except ValueError:
        return None
    return FoundDate(match.start(), match.end(), value, month, day, calendar_name)


def find_dates(folded: str, language: str | None = None) -> list[FoundDate]:
    """Every date in the folded text, in text order; a span is claimed by the fullest pattern first."""
    found: list[FoundDate] = []
    taken: list[tuple[int, int]] = []
    for pattern, kind in _patterns():
        for match in pattern.finditer(folded):
            if any(match.start() < end and start < match.end() for start, end in taken):
                continue
            result = _build(match, kind, language)
            if result is not None:
                found.append(result)
                taken.append((match.start(), match.end()))
    return sorted(found, key=lambda f: f.start)


def first_full_date(text: str, language: str | None = None) -> date | None:
    """The first date with a year in a piece of (unfolded) text."""
    for found in find_dates(fold(text), language):
        if found.value is not None:
            return found.value
    return None


def parse_instant(value: str, language: str | None = None) -> date | datetime | None:
    """A machine-written time (meta tag, JSONL field): ISO 8601 first, then any date in the text."""
    value = value.strip()
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return first_full_date(value, language)
    # A bare date stays a date: the source said nothing about the time of day.
    return parsed.date() if len(value) <= 10 else parsed
