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
from .lexicons import junior_roles
from .records import Office, PersonRef
from .matcher import PhraseMatcher

# How far after publication an event may lie and still be news (a report of "tomorrow's" talks).
_MAX_DAYS_AHEAD = 1
# A weekday names the day and month beside it ("On Wednesday, September 24") within this many characters.
_WEEKDAY_REACH = 24
# The first year an inferred date may fall in: the gazetteer's offices begin in 2000.
_FIRST_INFERRED_YEAR = 1990


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


# Characters between "tomorrow" and the weekday that it names («فردا (پنجشنبه», «завтра, в четверг»).
_AHEAD_WEEKDAY_GAP = 5
# How far from its contact word a weekday may stand and still be that contact's day.
_WEEKDAY_FROM_CONTACT = 110


def named_weekday(folded_sentence: str, near: int | None = None) -> int | None:
    """The one day of the week a sentence names ("on Thursday", «اليوم الخميس»), else None; with `near`
    (the contact word's offset) only a weekday close to it ("the meeting … on Thursday … Lavrov said
    while opening talks": Thursday is the meeting's day, not the talks')."""
    # «فردا پنجشنبه», "tomorrow, Thursday": the day of what is still to come, not of a contact reported
    ahead = [m.end for m in _relative_matcher().find(folded_sentence) if m.payloads[0] > 0]
    found = [m for m in _weekday_matcher().find(folded_sentence)
             if not any(0 <= m.start - end <= _AHEAD_WEEKDAY_GAP for end in ahead)]
    if near is not None:
        found = [m for m in found if min(abs(m.start - near), abs(m.end - near)) <= _WEEKDAY_FROM_CONTACT]
    weekdays = {p for m in found for p in m.payloads[:1]}
    return next(iter(weekdays)) if len(weekdays) == 1 else None


def _weekday_agrees(day: date, weekdays: set[int]) -> bool:
    return not weekdays or weekdays == {day.weekday()}


def _by_nearness(found: list[FoundDate], near: int | None, before: int | None) -> list[FoundDate]:
    """`near`: the date closest to the contact word first; `before`: the last date before a party's
    name first ("met A on 22 September, and B on 21 September")."""
    if before is not None:
        return sorted(found, key=lambda f: (f.start >= before, before - f.start if f.start < before else f.start))
    if near is not None:
        return sorted(found, key=lambda f: min(abs(f.start - near), abs(f.end - near)))
    return found


def event_date(folded_sentence: str, published: date | None, near: int | None = None,
               before: int | None = None) -> EventDate | None:
    """The contact's day; with `near` (the contact word's offset) the date closest to it wins, so
    "the statement of 10 March … talks were held on 6 April" gives 6 April."""
    found = _by_nearness(find_dates(folded_sentence), near, before)
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


def _days_of(found: FoundDate, until: date) -> list[date]:
    """Every day with the found day and month, from the first inferable year to `until`."""
    days = []
    for year in range(_FIRST_INFERRED_YEAR, until.year + 1):
        try:
            if found.calendar == "jalali":
                day = JalaliDate(year - 621, found.month, found.day).to_gregorian()
            else:
                day = date(year, found.month, found.day)
        except ValueError:
            continue
        if day <= until:
            days.append(day)
    return days


def inferred_date(folded_sentence: str, participants: tuple[PersonRef, ...], until: date,
                  near: int | None = None, before: int | None = None) -> date | None:
    """A day and month with its weekday beside it and no year anywhere («الأربعاء 24 سبتمبر», "On
    Wednesday, September 24"): the one year in which that day is that weekday while every participant
    the gazetteer knows held an office. Two or more such years, or fewer than two known people: None."""
    known = _all_known(participants)
    if known is None:
        return None
    found_dates = find_dates(folded_sentence)
    partial = [f for f in found_dates if f.value is None]
    if not partial or len(partial) < len(found_dates) or (near is None and before is None and len(partial) != 1):
        return None
    # the day and month closest to the contact («اجتمع يوم الجمعة 22 أيلول … كما عقد لقاء يوم الخميس 21 أيلول»)
    found = _by_nearness(partial, near, before)[0]
    beside = [m.payloads[0] for m in _weekday_matcher().find(folded_sentence)
              if m.end >= found.start - _WEEKDAY_REACH and m.start <= found.end + _WEEKDAY_REACH
              and not any(other is not found and other.start <= m.start <= other.end + _WEEKDAY_REACH
                          and m.end >= other.start - _WEEKDAY_REACH and _closer(m, other, found) for other in partial)]
    if len(set(beside)) != 1:
        return None
    days = _fitting_days(found, beside[0], known, until)
    return days[0] if len(days) == 1 else None


def _all_known(participants: tuple[PersonRef, ...]) -> list[PersonRef] | None:
    """The participants, when there are two or more and the gazetteer knows the offices of each; else None."""
    known = [p for p in participants if p.known and p.offices]
    return known if len(known) >= 2 and len(known) == len(participants) else None


def _fitting_days(found: FoundDate, weekday: int, known: list[PersonRef], until: date) -> list[date]:
    """The days with the found day and month that fall on `weekday` while every person held an office."""
    offices = [_principal_offices(p) for p in known]
    return [day for day in _days_of(found, until) if day.weekday() == weekday
            and all(any(o.held_on(day) for o in held) for held in offices)]


# A relative word names the date written right after it («فردا (پنجشنبه ۲۸ فروردین)») within this many characters.
_ANCHOR_REACH = 24


def relative_offsets(folded_sentence: str) -> set[int]:
    """The day offsets the sentence's relative words give ("hours ago" 0, «أمس» -1, «завтра» 1)."""
    return {m.payloads[0] for m in _relative_matcher().find(folded_sentence)}


def anchored_today(folded_sentence: str, participants: tuple[PersonRef, ...], until: date) -> date | None:
    """The day a page was written, from a relative word with its date beside it ("tomorrow, Thursday, April
    17", «فردا (پنجشنبه ۲۸ فروردین)», «завтра, в четверг, 17 апреля»). With no year written, the one year in
    which the weekday beside it falls on that day while every participant held an office; else None."""
    known = _all_known(participants)
    found_dates = find_dates(folded_sentence)
    weekdays = _weekday_matcher().find(folded_sentence)
    days = set()
    for relative in _relative_matcher().find(folded_sentence):
        written = next((f for f in found_dates if 0 <= f.start - relative.end <= _ANCHOR_REACH), None)
        if written is None:
            continue
        offset = relative.payloads[0]
        if written.value is not None:
            days.add(written.value - timedelta(days=offset))
            continue
        beside = {m.payloads[0] for m in weekdays
                  if relative.end <= m.start and m.end <= written.end + _WEEKDAY_REACH}
        if len(beside) != 1 or known is None:
            continue
        fitting = _fitting_days(written, beside.pop(), known, until)
        if len(fitting) == 1:
            days.add(fitting[0] - timedelta(days=offset))
    return days.pop() if len(days) == 1 else None


def _closer(weekday, other: FoundDate, found: FoundDate) -> bool:
    """Does the weekday stand closer to `other` than to `found`?"""
    def gap(date_: FoundDate) -> int:
        return max(date_.start - weekday.end, weekday.start - date_.end, 0)
    return gap(other) < gap(found)


def _principal_offices(person: PersonRef) -> list[Office]:
    """The offices news gives the person: a deputy minister's years do not count once they were minister."""
    senior = [o for o in person.offices if o.role not in junior_roles()]
    return senior or list(person.offices)
