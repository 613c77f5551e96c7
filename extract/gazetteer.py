"""Who is who: people with dated offices, countries, places and organisations.

Loaded once from extract/data/ and validated on load; an error names the file
and line. See extract/data/README.md for the formats.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from .datafiles import DATA_DIR, LANGUAGES, DataFileError, read_jsonl, require, string_lists_by_language
from .long_lived import long_lived
from .normalize import fold
from .records import Office, PersonRef, PlaceRef

ROLES = frozenset({
    "foreign_minister", "head_of_state", "head_of_government", "deputy_foreign_minister",
    "foreign_ministry_spokesperson", "special_envoy", "high_representative", "secretary_general",
    "head_of_legislature", "national_security_adviser", "defence_minister", "ambassador", "presidential_aide",
})
_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_COUNTRY = re.compile(r"^[A-Z]{2,5}$")
# Organisations whose heads and envoys hold offices like a country's: the UN (and its agencies
# IAEA, UNRWA), the EU, the Arab League, the GCC, the OIC, the African Union Commission (AUC: AU is
# Australia), ASEAN, NATO, the ICRC.
ORGANISATION_CODES = frozenset({"UN", "LAS", "EU", "GCC", "OIC", "AUC", "ASEAN", "NATO", "IAEA", "UNRWA", "ICRC"})


@dataclass(frozen=True, slots=True)
class Person:
    id: str
    names: dict[str, list[str]]
    short: dict[str, list[str]]
    offices: tuple[Office, ...]
    wikidata: str | None = None

    def label(self, language: str) -> str | None:
        names = self.names.get(language)
        return names[0] if names else None

    def ref(self) -> PersonRef:
        labels = tuple((lang, self.names[lang][0]) for lang in LANGUAGES if self.names.get(lang))
        return PersonRef(self.id, labels, self.offices, True, self.wikidata)

    def holds(self, role: str, country: str, on: date | None) -> bool:
        return any(o.role == role and o.country == country and (on is None or o.held_on(on)) for o in self.offices)

    def countries(self, on: date | None = None) -> set[str]:
        return {o.country for o in self.offices if on is None or o.held_on(on)}


@dataclass(frozen=True, slots=True)
class Country:
    code: str
    names: dict[str, list[str]]
    adjectives: dict[str, list[str]]
    capital: str | None


@dataclass(frozen=True, slots=True)
class Place:
    id: str
    kind: str
    names: dict[str, list[str]]
    country: str | None
    within: str | None = None     # the city a venue stands in («مقر الأمم المتحدة» → New York)

    def ref(self) -> PlaceRef:
        labels = tuple((lang, self.names[lang][0]) for lang in LANGUAGES if self.names.get(lang))
        return PlaceRef(self.id, labels, self.country, self.within)


@dataclass(slots=True)
class Gazetteer:
    people: dict[str, Person] = field(default_factory=dict)
    countries: dict[str, Country] = field(default_factory=dict)
    places: dict[str, Place] = field(default_factory=dict)      # cities, venues and organisations

    def holders(self, role: str, country: str, on: date | None) -> list[Person]:
        """Everyone holding the office on the day (on None: ever), the latest appointed first.

        An open-ended term that the data has not closed yet is superseded by a
        later appointment, so the latest start comes first.
        """
        def latest_start(person: Person) -> date:
            starts = [o.start for o in person.offices if o.role == role and o.country == country and o.start
                      and (on is None or o.held_on(on))]
            return max(starts, default=date.min)

        found = [p for p in self.people.values() if p.holds(role, country, on)]
        return sorted(found, key=latest_start, reverse=True)


def _date(value: Any, field_name: str, path: Path, line: int) -> date | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise DataFileError(path, line, f"{field_name} must be a YYYY-MM-DD string or null")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise DataFileError(path, line, f"{field_name} {value!r} is not a YYYY-MM-DD date") from None


def _office(raw: Any, path: Path, line: int) -> Office:
    if not isinstance(raw, dict):
        raise DataFileError(path, line, "each office must be an object")
    role = require(raw, "role", str, path, line)
    if role not in ROLES:
        raise DataFileError(path, line, f"unknown role {role!r} (known: {', '.join(sorted(ROLES))})")
    country = require(raw, "country", str, path, line)
    if not _COUNTRY.match(country):
        raise DataFileError(path, line, f"country {country!r} is not an ISO code like 'EG' (or EU, UN, LAS)")
    start, end = _date(raw.get("start"), "start", path, line), _date(raw.get("end"), "end", path, line)
    if start and end and end < start:
        raise DataFileError(path, line, f"office {role} {country} ends ({end}) before it starts ({start})")
    return Office(role, country, start, end, bool(raw.get("acting", False)), raw.get("government"))


def _person(record: dict[str, Any], path: Path, line: int) -> Person:
    person_id = require(record, "id", str, path, line)
    if not _ID.match(person_id):
        raise DataFileError(path, line, f"id {person_id!r} must be a lowercase ASCII slug")
    names = string_lists_by_language(require(record, "names", dict, path, line), "names", path, line)
    short = string_lists_by_language(record.get("short", {}), "short", path, line, required=False)
    offices = tuple(_office(o, path, line) for o in require(record, "offices", list, path, line))
    wikidata = record.get("wikidata")
    if wikidata is not None and not (isinstance(wikidata, str) and re.fullmatch(r"Q\d+", wikidata)):
        raise DataFileError(path, line, f"wikidata {wikidata!r} is not a Q-id")
    return Person(person_id, names, short, offices, wikidata)


def load_people(paths: list[Path]) -> dict[str, Person]:
    people: dict[str, Person] = {}
    seen_at: dict[str, str] = {}
    for path in paths:
        for line, record in read_jsonl(path):
            person = _person(record, path, line)
            if person.id in people:
                raise DataFileError(path, line, f"id {person.id!r} is already used at {seen_at[person.id]}")
            people[person.id] = person
            seen_at[person.id] = f"{path.name}:{line}"
    return people


def _cldr_names() -> dict[str, dict[str, list[str]]]:
    """Country names in the four languages from CLDR (babel): what it has, we need not retype."""
    try:
        from babel import Locale
    except ImportError:  # pragma: no cover - babel is a dependency; without it the file alone serves
        return {}
    names: dict[str, dict[str, list[str]]] = {}
    locales = {lang: Locale.parse(lang).territories for lang in LANGUAGES}
    for code in locales["en"]:
        if len(code) == 2 and code.isalpha() and code not in _NOT_COUNTRIES:
            names[code] = {lang: _split_parenthesis(locales[lang][code]) for lang in LANGUAGES if code in locales[lang]}
    return names


def _split_parenthesis(name: str) -> list[str]:
    """«Myanmar (Burma)» → ["Myanmar", "Burma"]."""
    match = re.fullmatch(r"(.+?)\s*\((.+)\)", name)
    return [match.group(1), match.group(2)] if match else [name]


# CLDR territory codes that are not countries a minister serves.
_NOT_COUNTRIES = frozenset({"EU", "EZ", "UN", "ZZ", "QO", "XA", "XB", "AQ", "BV", "HM", "TF", "UM", "CP", "DG", "IC", "EA", "TA", "AC"})


def load_countries(path: Path) -> dict[str, Country]:
    """The countries file, plus every other country CLDR names (names only, no adjectives)."""
    countries: dict[str, Country] = {}
    not_names: dict[str, dict[str, set[str]]] = {}
    for line, record in read_jsonl(path):
        code = require(record, "code", str, path, line)
        if not _COUNTRY.match(code) or code in countries:
            raise DataFileError(path, line, f"country code {code!r} is malformed or repeated")
        names = string_lists_by_language(require(record, "names", dict, path, line), "names", path, line)
        adjectives = string_lists_by_language(record.get("adjectives", {}), "adjectives", path, line, required=False)
        countries[code] = Country(code, names, adjectives, record.get("capital"))
        # «Того» is also Russian "of that", «مالي» Arabic "financial": CLDR's short name, never a match
        not_names[code] = {lang: {fold(n) for n in words} for lang, words in string_lists_by_language(
            record.get("not_names", {}), "not_names", path, line, required=False).items()}
        if any(fold(n) in not_names[code].get(lang, set()) for lang, words in names.items() for n in words):
            raise DataFileError(path, line, f"country {code}: a name is also listed under not_names")
    for code, names in _cldr_names().items():
        if code in countries:
            known = countries[code]
            dropped = not_names.get(code, {})
            names = {lang: [n for n in words if fold(n) not in dropped.get(lang, set())] for lang, words in names.items()}
            merged = {lang: list(dict.fromkeys(known.names.get(lang, []) + names.get(lang, []))) for lang in LANGUAGES}
            countries[code] = Country(code, {k: v for k, v in merged.items() if v}, known.adjectives, known.capital)
        else:
            countries[code] = Country(code, names, {}, None)
    return countries


def load_places(paths: list[Path]) -> dict[str, Place]:
    places: dict[str, Place] = {}
    for path in paths:
        for line, record in read_jsonl(path):
            place_id = require(record, "id", str, path, line)
            if not _ID.match(place_id) or place_id in places:
                raise DataFileError(path, line, f"id {place_id!r} is malformed or repeated")
            names = string_lists_by_language(require(record, "names", dict, path, line), "names", path, line)
            within = record.get("within")
            if within is not None and not (isinstance(within, str) and _ID.match(within)):
                raise DataFileError(path, line, f"within {within!r} must be a place id")
            places[place_id] = Place(place_id, str(record.get("kind", "place")), names, record.get("country"), within)
    for place in places.values():
        if place.within is not None and place.within not in places:
            raise DataFileError(paths[-1], None, f"place {place.id!r} is within {place.within!r}, which is no place")
    return places


def user_dir() -> Path:
    """Where `diplograph gazetteer import` keeps the user's additions ($DIPLOGRAPH_GAZETTEER to move it)."""
    configured = os.environ.get("DIPLOGRAPH_GAZETTEER")
    if configured:
        return Path(configured)
    base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / "diplograph" / "gazetteer"


def merge_person(old: Person, new: Person) -> Person:
    """The same person known twice: names and offices together, the first spelling first."""
    names = {lang: list(dict.fromkeys(old.names.get(lang, []) + new.names.get(lang, []))) for lang in LANGUAGES}
    short = {lang: list(dict.fromkeys(old.short.get(lang, []) + new.short.get(lang, []))) for lang in LANGUAGES}
    known = {(o.role, o.country, o.start) for o in old.offices}
    offices = old.offices + tuple(o for o in new.offices if (o.role, o.country, o.start) not in known)
    return Person(old.id, {k: v for k, v in names.items() if v}, {k: v for k, v in short.items() if v},
                  offices, old.wikidata or new.wikidata)


def add_people(people: dict[str, Person], additions: dict[str, Person]) -> dict[str, Person]:
    """Additions join the person with the same id or Wikidata id, or come in as new people."""
    by_wikidata = {p.wikidata: p.id for p in people.values() if p.wikidata}
    merged = dict(people)
    for person in additions.values():
        target = person.id if person.id in merged else by_wikidata.get(person.wikidata or "")
        merged[target or person.id] = merge_person(merged[target], person) if target else person
    return merged


def load(data_dir: Path = DATA_DIR, extra: Path | None = None) -> Gazetteer:
    """The gazetteer in `data_dir`, with the people files of `extra` (the user's imports) merged in."""
    people = load_people(sorted((data_dir / "people").glob("*.jsonl")))
    if extra is not None and (extra / "people").is_dir():
        people = add_people(people, load_people(sorted((extra / "people").glob("*.jsonl"))))
    gazetteer = Gazetteer(
        people=people,
        countries=load_countries(data_dir / "countries.jsonl"),
        places=load_places([data_dir / "places.jsonl", data_dir / "organisations.jsonl"]),
    )
    for person in gazetteer.people.values():
        for office in person.offices:
            if office.country not in gazetteer.countries and office.country not in ORGANISATION_CODES:
                raise DataFileError(data_dir / "people", None,
                                    f"person {person.id!r} holds an office in unknown country {office.country!r}")
    return gazetteer


@cache
@long_lived
def default() -> Gazetteer:
    """The shipped gazetteer plus the user's imports, loaded once per process."""
    return load(DATA_DIR, user_dir())
