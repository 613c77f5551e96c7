"""Bringing office holders in from outside: a Wikidata SPARQL JSON result or a CSV.

The result is merged into the user's gazetteer (people/imported.jsonl under
`gazetteer.user_dir()`), never into the shipped data, so an upgrade keeps it.
"""
from __future__ import annotations

import csv
import json
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from .datafiles import LANGUAGES
from .fileio import write_atomically
from .gazetteer import ROLES, Person, _person, add_people, load_people
from .normalize import decompose_accents, fold
from .records import Office

IMPORT_FILE = "imported.jsonl"
_CSV_COLUMNS = ("role", "country", "start", "name_en")


class GazetteerImportError(ValueError):
    """The file to import is not a Wikidata JSON result or a CSV of the expected shape."""


@dataclass(slots=True)
class ImportReport:
    rows: int = 0
    added: int = 0
    updated: int = 0
    path: Path | None = None


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", decompose_accents(name).lower()).strip("-")


def _day(value: str | None) -> date | None:
    """'2024-08-21T00:00:00Z' or '2024-08-21' → a date; blank → None."""
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        raise GazetteerImportError(f"{value!r} is not a date") from None


def _row_person(names: dict[str, str], wikidata: str | None, office: Office, given_id: str | None) -> Person:
    english = names.get("en") or next(iter(names.values()), "")
    person_id = given_id or _slug(english) or (wikidata or "").lower()
    if not person_id:
        raise GazetteerImportError("a row has neither an id nor an English name")
    return Person(person_id, {lang: [n] for lang, n in names.items() if n}, {}, (office,), wikidata)


def _wikidata_rows(document: dict, role: str) -> list[Person]:
    """Rows of a SPARQL JSON result with ?person, ?countryCode, ?start, ?end and ?label_en … ?label_ru."""
    bindings = document.get("results", {}).get("bindings")
    if not isinstance(bindings, list):
        raise GazetteerImportError("not a SPARQL JSON result (no results.bindings)")
    people = []
    for number, row in enumerate(bindings, start=1):
        value = {key: cell.get("value") for key, cell in row.items() if isinstance(cell, dict)}
        if not value.get("person") or not value.get("countryCode"):
            raise GazetteerImportError(f"result row {number} lacks ?person or ?countryCode")
        wikidata = value["person"].rsplit("/", 1)[-1]
        names = {lang: value.get(f"label_{lang}") for lang in LANGUAGES if value.get(f"label_{lang}")}
        office = Office(role, value["countryCode"].upper(), _day(value.get("start")), _day(value.get("end")))
        people.append(_row_person(names, wikidata if re.fullmatch(r"Q\d+", wikidata) else None, office, None))
    return people


def _csv_rows(path: Path) -> list[Person]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in _CSV_COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise GazetteerImportError(f"the CSV lacks the columns {', '.join(missing)}")
        people = []
        for number, row in enumerate(reader, start=2):
            if row["role"] not in ROLES:
                raise GazetteerImportError(f"line {number}: unknown role {row['role']!r}")
            try:
                office = Office(row["role"], row["country"].strip().upper(), _day(row["start"]), _day(row.get("end")))
            except GazetteerImportError as exc:
                raise GazetteerImportError(f"line {number}: {exc}") from None
            names = {lang: (row.get(f"name_{lang}") or "").strip() for lang in LANGUAGES}
            people.append(_row_person({k: v for k, v in names.items() if v}, (row.get("wikidata") or "").strip() or None,
                                      office, (row.get("id") or "").strip() or None))
    return people


def read_import(path: Path, role: str = "foreign_minister") -> list[Person]:
    """The people in a Wikidata JSON result or a CSV, one per row."""
    if role not in ROLES:
        raise GazetteerImportError(f"unknown role {role!r}")
    if path.suffix.lower() == ".csv":
        return _csv_rows(path)
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise GazetteerImportError(f"cannot read JSON ({exc})") from None
    return _wikidata_rows(document, role)


def _match_known(person: Person, known: dict[str, Person]) -> Person:
    """Give a row the id of the shipped person with the same Wikidata id or English name."""
    if person.wikidata:
        for existing in known.values():
            if existing.wikidata == person.wikidata:
                return Person(existing.id, person.names, person.short, person.offices, person.wikidata)
    english = {fold(decompose_accents(n)) for n in person.names.get("en", [])}
    for existing in known.values():
        if english & {fold(decompose_accents(n)) for n in existing.names.get("en", [])}:
            return Person(existing.id, person.names, person.short, person.offices, person.wikidata or existing.wikidata)
    return person


def _record(person: Person) -> dict:
    return {
        "id": person.id, **({"wikidata": person.wikidata} if person.wikidata else {}),
        "names": person.names, "short": person.short,
        "offices": [{"role": o.role, "country": o.country, "start": o.start and o.start.isoformat(),
                     "end": o.end and o.end.isoformat(), **({"acting": True} if o.acting else {})} for o in person.offices],
    }


def import_people(source: Path, into: Path, known: dict[str, Person], role: str = "foreign_minister") -> ImportReport:
    """Merge the people of `source` into `into`/people/imported.jsonl; `known` is the gazetteer so far."""
    rows = [_match_known(p, known) for p in read_import(source, role)]
    target = into / "people" / IMPORT_FILE
    previous = load_people([target]) if target.exists() else {}
    incoming: dict[str, Person] = {}
    for person in rows:
        incoming = add_people(incoming, {person.id: person})
    merged = add_people(previous, incoming)
    report = ImportReport(rows=len(rows), path=target)
    report.added = sum(1 for pid in incoming if pid not in known and pid not in previous)
    report.updated = len(incoming) - report.added
    lines = [json.dumps(_record(p), ensure_ascii=False) for p in merged.values()]
    for number, line in enumerate(lines, start=1):   # what we write must load again
        _person(json.loads(line), target, number)
    write_atomically(target, ("\n".join(lines) + "\n").encode("utf-8"))
    return report

