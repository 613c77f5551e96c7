"""Checks over the gazetteer: offices held twice at once, and offices nobody holds.

`overlaps(gazetteer)` finds every pair of people whose terms in one office
(role, country, government) overlap in time; a successor may start the day
the predecessor ends. `gaps(gazetteer, day)` names, for every UN member state
(extract/data/un_members.json), which of foreign minister, head of state and
head of government nobody holds on that day; where the state has no head of
government (always, or in the periods the file dates), its head of state counts
as one; in a dated period without any government (Somalia before 2000) nothing
is checked, nor an office in a dated vacancy (a new president's cabinet not yet named). `diplograph gazetteer check` prints both.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import cache
from itertools import combinations
from pathlib import Path

from .datafiles import DATA_DIR, DataFileError, read_json
from .gazetteer import ROLES, Gazetteer
from .records import Office

UN_MEMBERS_FILE = DATA_DIR / "un_members.json"
# The offices every state has one holder of, in the order gaps are reported.
GAP_ROLES = ("head_of_state", "head_of_government", "foreign_minister")
# Offices many people hold at once (a country's envoys, deputy ministers, ambassadors and aides):
# their terms overlap by nature, so overlaps() does not pair them.
MANY_HOLDER_ROLES = frozenset({"special_envoy", "deputy_foreign_minister", "ambassador", "presidential_aide"})
_FIELDS = {"head_of_state_is_head_of_government": bool, "joint_offices": list, "name": str, "code": str, "admitted": str,
           "no_head_of_government": list, "no_government": list, "vacant_offices": list}
_PERIOD_FIELDS = {"start": str, "end": (str, type(None)), "comment": str}
_VACANCY_FIELDS = {**_PERIOD_FIELDS, "role": str}


@dataclass(frozen=True, slots=True)
class Period:
    """Days from start to end, both included; end None: still running."""
    start: date
    end: date | None
    comment: str

    def covers(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)


@dataclass(frozen=True, slots=True)
class Member:
    code: str
    name: str
    head_of_state_is_head_of_government: bool = False
    joint_offices: frozenset[str] = frozenset()
    admitted: date | None = None            # None: a member since before 1999
    # Periods the state had no head of government (the post abolished or left vacant).
    no_head_of_government: tuple[Period, ...] = ()
    # Periods the state had no government at all (a collapsed state): no office is checked.
    no_government: tuple[Period, ...] = ()
    # Known vacancies of one office (a cabinet not yet named, a post left empty), by role.
    vacancies: tuple[tuple[str, Period], ...] = ()

    def vacant(self, role: str, day: date) -> bool:
        return any(r == role and p.covers(day) for r, p in self.vacancies)

    def head_of_state_heads_government(self, day: date) -> bool:
        """The head of state counts as head of government on `day`: always, or in a dated period without one."""
        return self.head_of_state_is_head_of_government or any(p.covers(day) for p in self.no_head_of_government)

    def has_government(self, day: date) -> bool:
        return not any(p.covers(day) for p in self.no_government)


@dataclass(frozen=True, slots=True)
class Gap:
    country: str
    name: str
    role: str
    day: date

    def __str__(self) -> str:
        return f"gap: {self.country} ({self.name}) has no {self.role} on {self.day.isoformat()}"


@dataclass(frozen=True, slots=True)
class Overlap:
    role: str
    country: str
    government: str | None
    first: tuple[str, Office]
    second: tuple[str, Office]

    @property
    def period(self) -> tuple[date | None, date | None]:
        """The days both hold the office (None: open on that side)."""
        (_, a), (_, b) = self.first, self.second
        starts = [d for d in (a.start, b.start) if d]
        ends = [d for d in (a.end, b.end) if d]
        return max(starts, default=None), min(ends, default=None)

    def __str__(self) -> str:
        office = f"{self.role} of {self.country}" + (f" ({self.government} government)" if self.government else "")
        start, end = self.period
        return (f"overlap: {office}: {_term(*self.first)} and {_term(*self.second)} "
                f"both hold it from {_day(start)} to {_day(end)}")


def _day(value: date | None) -> str:
    return value.isoformat() if value else "…"


def _term(person_id: str, office: Office) -> str:
    return f"{person_id} ({_day(office.start)} to {_day(office.end) if office.end else 'now'})"


def load_members(path: Path = UN_MEMBERS_FILE) -> dict[str, Member]:
    """The UN member states, validated: 193 distinct two-letter codes, known fields only."""
    document = read_json(path)
    rows = document.get("members")
    if not isinstance(rows, list):
        raise DataFileError(path, None, "the file must hold a list under 'members'")
    members: dict[str, Member] = {}
    for number, row in enumerate(rows, start=1):
        where = f"member {number}"
        if not isinstance(row, dict):
            raise DataFileError(path, None, f"{where} must be an object")
        _check_fields(row, _FIELDS, where, path, lambda key: f"a {_FIELDS[key].__name__}")
        code = row.get("code")
        if not isinstance(code, str) or len(code) != 2 or not code.isalpha() or not code.isupper():
            raise DataFileError(path, None, f"{where}: code {code!r} is not an ISO 3166-1 alpha-2 code")
        if code in members:
            raise DataFileError(path, None, f"{where}: code {code} is repeated")
        joint = row.get("joint_offices", [])
        unknown = [role for role in joint if role not in ROLES]
        if unknown:
            raise DataFileError(path, None, f"{where} ({code}): unknown role(s) in joint_offices: {', '.join(map(str, unknown))}")
        admitted = _iso_date(row["admitted"], f"{where} ({code}): admitted", path) if "admitted" in row else None
        no_head = _periods(row.get("no_head_of_government", []), f"{where} ({code}): no_head_of_government", path)
        no_government = _periods(row.get("no_government", []), f"{where} ({code}): no_government", path)
        vacancies = _vacancies(row.get("vacant_offices", []), f"{where} ({code}): vacant_offices", path)
        members[code] = Member(code, row.get("name") or code, row.get("head_of_state_is_head_of_government", False),
                               frozenset(joint), admitted, no_head, no_government, vacancies)
    if len(members) != 193:
        raise DataFileError(path, None, f"the UN has 193 member states; the file lists {len(members)}")
    return members


def _check_fields(row: dict, fields: dict, where: str, path: Path, kind: Callable[[str], str]) -> None:
    """Only known fields, each of its type (`kind` names the type in the message)."""
    for key, value in row.items():
        if key not in fields:
            raise DataFileError(path, None, f"{where}: unknown field {key!r} (known: {', '.join(sorted(fields))})")
        if not isinstance(value, fields[key]):
            raise DataFileError(path, None, f"{where}: {key} must be {kind(key)}")


def _iso_date(value: str, what: str, path: Path) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise DataFileError(path, None, f"{what} {value!r} is not a YYYY-MM-DD date") from None


def _vacancies(rows: list, what: str, path: Path) -> tuple[tuple[str, Period], ...]:
    """Dated vacancies of one office each: a role of GAP_ROLES and a period, periods of one role apart."""
    by_role: dict[str, list[dict]] = {}
    for number, row in enumerate(rows, start=1):
        role = row.get("role") if isinstance(row, dict) else None
        if role not in GAP_ROLES:
            raise DataFileError(path, None, f"{what} {number}: role must be one of {', '.join(GAP_ROLES)}")
        by_role.setdefault(role, []).append(row)
    return tuple((role, period) for role, group in by_role.items()
                 for period in _periods(group, f"{what} ({role})", path, _VACANCY_FIELDS))


def _periods(rows: list, what: str, path: Path, fields: dict | None = None) -> tuple[Period, ...]:
    """Dated periods: known fields, start before end, sorted by start and not overlapping."""
    fields = fields or _PERIOD_FIELDS
    periods: list[Period] = []
    for number, row in enumerate(rows, start=1):
        where = f"{what} period {number}"
        if not isinstance(row, dict):
            raise DataFileError(path, None, f"{where} must be an object")
        _check_fields(row, fields, where, path, lambda key: "a string" + (" or null" if key == "end" else ""))
        missing = [key for key in ("start", "comment") if key not in row]
        if missing:
            raise DataFileError(path, None, f"{where}: missing {', '.join(missing)}")
        start = _iso_date(row["start"], f"{where}: start", path)
        end = _iso_date(row["end"], f"{where}: end", path) if row.get("end") is not None else None
        if end is not None and end <= start:
            raise DataFileError(path, None, f"{where}: must end after it starts (start {start}, end {end})")
        if periods and (periods[-1].end is None or start <= periods[-1].end):
            raise DataFileError(path, None, f"{where}: starts ({start}) before period {number - 1} ends; list periods in order, apart")
        periods.append(Period(start, end, row["comment"]))
    return tuple(periods)


@cache
def un_members() -> dict[str, Member]:
    return load_members(UN_MEMBERS_FILE)


def _overlap(a: Office, b: Office) -> bool:
    """Both terms hold more than a shared boundary day (a successor may start the day the predecessor ends)."""
    return (a.end is None or b.start is None or b.start < a.end) and (b.end is None or a.start is None or a.start < b.end)


def overlaps(gazetteer: Gazetteer, members: dict[str, Member] | None = None) -> list[Overlap]:
    """Every pair of people holding one (role, country, government) at the same time.

    Offices many hold at once (MANY_HOLDER_ROLES) and a member's joint offices are left out.
    """
    members = un_members() if members is None else members
    by_office: dict[tuple[str, str, str | None], list[tuple[str, Office]]] = {}
    for person in gazetteer.people.values():
        for office in person.offices:
            if office.role in MANY_HOLDER_ROLES:
                continue
            member = members.get(office.country)
            if member and office.role in member.joint_offices:
                continue
            by_office.setdefault((office.role, office.country, office.government), []).append((person.id, office))
    found = []
    for (role, country, government), terms in sorted(by_office.items(), key=lambda kv: (kv[0][1], kv[0][0], kv[0][2] or "")):
        terms.sort(key=lambda term: (term[1].start or date.min, term[0]))
        for first, second in combinations(terms, 2):
            if first[0] != second[0] and _overlap(first[1], second[1]):
                found.append(Overlap(role, country, government, first, second))
    return found


def gaps(gazetteer: Gazetteer, day: date, members: dict[str, Member] | None = None) -> list[Gap]:
    """For every state that is a UN member on `day`, the offices of GAP_ROLES nobody holds that day.

    A state whose head of state is also its head of government (a field of
    un_members.json), or that had no head of government on `day` (a dated
    period of the file), has its head of government in its head of state. A
    state without any government on `day` (another dated period) is not checked, nor an office
    the file records as vacant that day (a cabinet not yet named).
    """
    members = un_members() if members is None else members
    held: set[tuple[str, str]] = set()
    for person in gazetteer.people.values():
        for office in person.offices:
            if office.role in GAP_ROLES and office.held_on(day):
                held.add((office.role, office.country))
    found = []
    for member in sorted(members.values(), key=lambda m: m.code):
        if (member.admitted and day < member.admitted) or not member.has_government(day):
            continue
        for role in GAP_ROLES:
            if (role, member.code) in held or member.vacant(role, day):
                continue
            if (role == "head_of_government" and member.head_of_state_heads_government(day)
                    and ("head_of_state", member.code) in held):
                continue
            found.append(Gap(member.code, member.name, role, day))
    return found
