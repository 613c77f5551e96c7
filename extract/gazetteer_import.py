"""Bringing office holders in from outside: a Wikidata query result (SPARQL JSON, the query
service's plain JSON array or its TSV) or a CSV/TSV of our own columns.

The result is merged into the user's gazetteer (people/imported.jsonl under
`gazetteer.user_dir()`), never into the shipped data, so an upgrade keeps it.
Every row is read and validated before anything is written: one bad row
refuses the whole file, with the row's line, so a later build never meets it.
"""
from __future__ import annotations

import csv
import io
import json
import os
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from .datafiles import DATA_DIR, LANGUAGES, DataFileError
from .fileio import write_atomically
from .gazetteer import ORGANISATION_CODES, ROLES, Person, _person, add_people, load_countries, load_people
from .ingest import DecodeError, decode
from .limits import Limits, default_limits, describe_size
from .normalize import decompose_accents, fold
from .records import Office

IMPORT_FILE = "imported.jsonl"
# Row errors listed in the message before "and N more".
_ERRORS_SHOWN = 10
_WIKIDATA_ENTITY = re.compile(r"(?:https?://www\.wikidata\.org/entity/)?(Q\d+)")
# A query service TSV cell: <IRI>, "text"@lang or "text"^^<type>.
_TSV_IRI = re.compile(r"<(.*)>")
# The script each language's names are written in (the start of its letters' Unicode names): a
# column in another script is a misread encoding or a shifted column.
_SCRIPTS = {"en": "LATIN", "ar": "ARABIC", "fa": "ARABIC", "ru": "CYRILLIC"}
_TSV_LITERAL = re.compile(r'"(.*)"(?:@[A-Za-z-]+|\^\^<[^>]*>)?', re.S)


class GazetteerImportError(ValueError):
    """The file to import is not of a shape we read, or a row of it is wrong; the message says where."""


@dataclass(slots=True)
class ImportReport:
    rows: int = 0
    added: int = 0
    updated: int = 0
    path: Path | None = None


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", decompose_accents(name).lower()).strip("-")


class _RowError(ValueError):
    pass


def _day(value: str | None, column: str) -> date | None:
    """'2024-08-21T00:00:00Z' or '2024-08-21' → a date; blank → None."""
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        raise _RowError(f"{column} {value[:40]!r} is not a date like 2024-08-21") from None


# Reading: every format becomes (where, {column: text}) rows.

def _read_text(path: Path, limits: Limits) -> str:
    try:
        with path.open("rb") as handle:
            data = handle.read(min(os.fstat(handle.fileno()).st_size, limits.max_article_bytes) + 1)
    except OSError as exc:
        raise GazetteerImportError(f"cannot read ({exc.strerror or exc})") from None
    if len(data) > limits.max_article_bytes:
        raise GazetteerImportError(f"larger than the size limit of {describe_size(limits.max_article_bytes)}")
    try:
        return decode(data, limits)     # UTF-8, UTF-16, Windows-1256 …; binary is refused
    except DecodeError as exc:
        raise GazetteerImportError(str(exc)) from None


def _tsv_value(cell: str) -> str:
    cell = cell.strip()
    if match := _TSV_IRI.fullmatch(cell):
        return match.group(1)
    if match := _TSV_LITERAL.fullmatch(cell):
        return match.group(1).replace('\\"', '"').replace("\\\\", "\\")
    return cell


def _table_rows(text: str, delimiter: str, limits: Limits) -> Iterator[tuple[str, dict[str, str]]]:
    csv.field_size_limit(max(limits.max_import_field_chars * 4, 1 << 16))
    # The query service's TSV quotes each literal itself ("Lavrov"@en): read its quotes as text.
    quoting = csv.QUOTE_NONE if delimiter == "\t" else csv.QUOTE_MINIMAL
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, quoting=quoting)
    try:
        header = next(reader, None)
        if not header:
            raise GazetteerImportError("the file is empty")
        columns = [c.strip().lstrip("?\ufeff") for c in header]
        if not {"country", "countryCode"} & set(columns):
            raise GazetteerImportError(f"line 1: the header has no 'country' (or 'countryCode') column: {header[:8]}")
        for cells in reader:
            where = f"line {reader.line_num}"
            if not any(c.strip() for c in cells):
                continue
            if len(cells) > len(columns):
                raise _located(where, f"has {len(cells)} fields, the header {len(columns)}")
            values = [_tsv_value(c) if delimiter == "\t" else c.strip() for c in cells]
            yield where, dict(zip(columns, values + [""] * (len(columns) - len(values))))
    except csv.Error as exc:
        raise GazetteerImportError(f"line {reader.line_num}: not a well-formed table ({exc})") from None


def _located(where: str, problem: str) -> GazetteerImportError:
    return GazetteerImportError(f"{where}: {problem}")


def _scalar(value: object) -> str | None:
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        return None
    return str(value).strip()


def _json_rows(text: str) -> Iterator[tuple[str, dict[str, str]]]:
    try:
        document = json.loads(text)
    except ValueError as exc:
        raise GazetteerImportError(f"not valid JSON ({exc})") from None
    except RecursionError:
        raise GazetteerImportError("JSON nested too deeply to be a query result") from None
    if isinstance(document, list):        # the query service's "JSON file": [{"person": "…", …}, …]
        rows, plain = document, True
    elif isinstance(document, dict) and isinstance(document.get("results"), dict) \
            and isinstance(document["results"].get("bindings"), list):
        rows, plain = document["results"]["bindings"], False
    else:
        raise GazetteerImportError("not a SPARQL JSON result (no results.bindings) nor a JSON array of rows")
    for number, row in enumerate(rows, start=1):
        where = f"row {number}"
        if not isinstance(row, dict):
            raise _located(where, f"is a {type(row).__name__}, not an object of columns")
        if plain:
            values = {k: v for k, raw in row.items() if (v := _scalar(raw)) is not None}
        else:
            values = {k: v for k, cell in row.items() if isinstance(cell, dict) and (v := _scalar(cell.get("value")))}
        yield where, values


def _rows(path: Path, limits: Limits) -> Iterator[tuple[str, dict[str, str]]]:
    text = _read_text(path, limits)
    suffix = path.suffix.lower()
    if suffix in (".csv", ".tsv"):
        return _table_rows(text, "\t" if suffix == ".tsv" else ",", limits)
    return _json_rows(text)


# Checking: each row → one Person, or the reason it is refused.

@dataclass(frozen=True, slots=True)
class _Checks:
    role: str
    countries: frozenset[str]
    limits: Limits


def _name(value: str, column: str, language: str, checks: _Checks) -> str:
    letters = [c for c in value if c.isalpha()]
    if len(letters) < checks.limits.min_name_letters:
        raise _RowError(f"{column} {value!r} is too short to name anyone "
                        f"(at least {checks.limits.min_name_letters} letters)")
    script = _SCRIPTS[language]
    if sum(1 for c in letters if unicodedata.name(c, "").startswith(script)) * 2 < len(letters):
        raise _RowError(f"{column} {value[:40]!r} is not in {script.title()} script "
                        "(if the file is not UTF-8, save it as UTF-8)")
    return value


def _row_person(values: dict[str, str], checks: _Checks) -> Person:
    for column, value in values.items():
        if len(value) > checks.limits.max_import_field_chars:
            raise _RowError(f"{column} is {len(value)} characters long (at most {checks.limits.max_import_field_chars})")
    role = values.get("role") or checks.role
    if role not in ROLES:
        raise _RowError(f"unknown role {role!r} (known: {', '.join(sorted(ROLES))})")
    country = (values.get("country") or values.get("countryCode") or "").upper()
    if not country:
        raise _RowError("no country (a 'country' or 'countryCode' column)")
    if country not in checks.countries:
        raise _RowError(f"unknown country code {country!r} (an ISO 3166 code like EG, or one of "
                        f"{', '.join(sorted(ORGANISATION_CODES))})")
    start, end = _day(values.get("start"), "start"), _day(values.get("end"), "end")
    if start and end and end < start:
        raise _RowError(f"the office ends ({end}) before it starts ({start})")
    names = {lang: _name(value, column, lang, checks) for lang in LANGUAGES
             for column in (f"name_{lang}", f"label_{lang}") if (value := values.get(column))}
    if not names:
        raise _RowError("no name (a name_en … name_ru or label_en … label_ru column)")
    entity = _WIKIDATA_ENTITY.fullmatch(values.get("wikidata") or values.get("person") or "")
    person_id = values.get("id") or _slug(names.get("en") or next(iter(names.values()))) \
        or (entity.group(1).lower() if entity else "")
    if not person_id:
        raise _RowError("neither an id nor a name that gives one")
    office = Office(role, country, start, end)
    return Person(person_id, {lang: [n] for lang, n in names.items()}, {}, (office,), entity.group(1) if entity else None)


def read_import(path: Path, role: str = "foreign_minister", *, countries: frozenset[str] | None = None,
                limits: Limits | None = None) -> list[Person]:
    """The people in the file, one per row; every row is checked, and all the faults found are
    given together (with their lines) before anything is used."""
    if role not in ROLES:
        raise GazetteerImportError(f"unknown role {role!r}")
    limits = limits or default_limits()
    if countries is None:
        countries = frozenset(load_countries(DATA_DIR / "countries.jsonl")) | ORGANISATION_CODES
    checks = _Checks(role, countries, limits)
    people, errors = [], []
    for where, values in _rows(path, limits):
        try:
            person = _row_person(values, checks)
            _person(_record(person), path, 0)          # what the loader will demand of it later
        except (_RowError, DataFileError) as exc:
            errors.append(f"{where}: {getattr(exc, 'problem', exc)}")
            continue
        people.append(person)
    if errors:
        more = f"; and {len(errors) - _ERRORS_SHOWN} more" if len(errors) > _ERRORS_SHOWN else ""
        raise GazetteerImportError("; ".join(errors[:_ERRORS_SHOWN]) + more + " (nothing was imported)")
    if not people:
        raise GazetteerImportError("no rows to import")
    return people


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
