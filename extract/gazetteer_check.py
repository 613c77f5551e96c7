"""Checks over the gazetteer: offices held twice at once, and offices nobody holds.

`overlaps(gazetteer)` finds every pair of people whose terms in one office
(role, country, government) overlap in time; a successor may start the day
the predecessor ends. `gaps(gazetteer, day)` names, for every UN member state
(extract/data/un_members.json), which of foreign minister, head of state and
head of government nobody holds on that day. `diplograph gazetteer check` prints both.
"""
from __future__ import annotations

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
_FIELDS = {"head_of_state_is_head_of_government": bool, "joint_offices": list, "name": str, "code": str, "admitted": str}


@dataclass(frozen=True, slots=True)
class Member:
    code: str
    name: str
    head_of_state_is_head_of_government: bool = False
    joint_offices: frozenset[str] = frozenset()
    admitted: date | None = None            # None: a member since before 1999


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
        for key, value in row.items():
            if key not in _FIELDS:
                raise DataFileError(path, None, f"{where}: unknown field {key!r} (known: {', '.join(sorted(_FIELDS))})")
            if not isinstance(value, _FIELDS[key]):
                raise DataFileError(path, None, f"{where}: {key} must be a {_FIELDS[key].__name__}")
        code = row.get("code")
        if not isinstance(code, str) or len(code) != 2 or not code.isalpha() or not code.isupper():
            raise DataFileError(path, None, f"{where}: code {code!r} is not an ISO 3166-1 alpha-2 code")
        if code in members:
            raise DataFileError(path, None, f"{where}: code {code} is repeated")
        joint = row.get("joint_offices", [])
        unknown = [role for role in joint if role not in ROLES]
        if unknown:
            raise DataFileError(path, None, f"{where} ({code}): unknown role(s) in joint_offices: {', '.join(map(str, unknown))}")
        try:
            admitted = date.fromisoformat(row["admitted"]) if "admitted" in row else None
        except ValueError:
            raise DataFileError(path, None, f"{where} ({code}): admitted {row['admitted']!r} is not a YYYY-MM-DD date") from None
        members[code] = Member(code, row.get("name") or code, row.get("head_of_state_is_head_of_government", False),
                               frozenset(joint), admitted)
    if len(members) != 193:
        raise DataFileError(path, None, f"the UN has 193 member states; the file lists {len(members)}")
    return members


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
    un_members.json) has its head of government in its head of state.
    """
    members = un_members() if members is None else members
    held: set[tuple[str, str]] = set()
    for person in gazetteer.people.values():
        for office in person.offices:
            if office.role in GAP_ROLES and office.held_on(day):
                held.add((office.role, office.country))
    found = []
    for member in sorted(members.values(), key=lambda m: m.code):
        if member.admitted and day < member.admitted:
            continue
        for role in GAP_ROLES:
            if (role, member.code) in held:
                continue
            if (role == "head_of_government" and member.head_of_state_is_head_of_government
                    and ("head_of_state", member.code) in held):
                continue
            found.append(Gap(member.code, member.name, role, day))
    return found
