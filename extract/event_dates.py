"""The day a contact took place, from its sentence and the publication date.

Explicit dates first; a day and month without a year take the publication's
year; weekdays and relative words («أمس الخميس», "on Monday», «امروز»,
«вчера») count back from the publication date. A weekday that contradicts
the date, or a relative word with no publication date, gives no date at all:
evidence or nothing.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

from persiantools.jdatetime import JalaliDate

from .dates import FoundDate, calendar, find_dates
from .matcher import PhraseMatcher

# How far after publication an event may lie and still be news (a report of "tomorrow's" talks).
_MAX_DAYS_AHEAD = 1


@dataclass(frozen=True, slots=True)
class EventDate:
    day: date
    certainty: str      # "explicit" or "relative"


@cache
def _weekday_matcher() -> PhraseMatcher[int]:
    return PhraseMatcher(calendar().weekdays.items())


@cache
def _relative_matcher() -> PhraseMatcher[int]:
    return PhraseMatcher(calendar().relative.items())


def _with_year(found: FoundDate, published: date) -> date | None:
    """Day and month from the text, year from the publication (the year before if that would be the future)."""
    for year_offset in (0, -1):
        try:
            if found.calendar == "jalali":
                year = JalaliDate(published).year + year_offset
                candidate = JalaliDate(year, found.month, found.day).to_gregorian()
            else:
                candidate = date(published.year + year_offset, found.month, found.day)
        except ValueError:
            return None
        if candidate <= published + timedelta(days=_MAX_DAYS_AHEAD):
            return candidate
    return None


def named_weekday(folded_sentence: str) -> int | None:
    """The one day of the week a sentence names ("on Thursday", «اليوم الخميس»), else None."""
    weekdays = {p for m in _weekday_matcher().find(folded_sentence) for p in m.payloads[:1]}
    return next(iter(weekdays)) if len(weekdays) == 1 else None


def _weekday_agrees(day: date, weekdays: set[int]) -> bool:
    return not weekdays or weekdays == {day.weekday()}


def event_date(folded_sentence: str, published: date | None, near: int | None = None) -> EventDate | None:
    """The contact's day; with `near` (the contact word's offset) the date closest to it wins, so
    "the statement of 10 March … talks were held on 6 April" gives 6 April."""
    found = find_dates(folded_sentence)
    if near is not None:
        found.sort(key=lambda f: min(abs(f.start - near), abs(f.end - near)))
    weekdays = {p for m in _weekday_matcher().find(folded_sentence) for p in m.payloads[:1]}
    if full := [f.value for f in found if f.value is not None]:
        day = full[0]
        return EventDate(day, "explicit") if _weekday_agrees(day, weekdays) else None
    if published is None:
        return None
    if partial := [f for f in found if f.value is None]:
        day = _with_year(partial[0], published)
        return EventDate(day, "explicit") if day and _weekday_agrees(day, weekdays) else None
    offsets = [m.payloads[0] for m in _relative_matcher().find(folded_sentence)]
    if offsets:
        day = published + timedelta(days=offsets[0])
        return EventDate(day, "relative") if _weekday_agrees(day, weekdays) else None
    if len(weekdays) == 1:
        (weekday,) = weekdays
        back = (published.weekday() - weekday) % 7
        return EventDate(published - timedelta(days=back), "relative")
    return None
