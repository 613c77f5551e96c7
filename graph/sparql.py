"""SPARQL over the store: named, documented queries and result tables.

Named queries live in graph/queries/NAME.rq. Their header comments document
them (`# summary:` and one `# param NAME:` per parameter); a parameter is
written `$NAME` in the query and replaced by an escaped, typed SPARQL string
literal, all parameters in one pass over the query's own text (a `$NAME`
inside a value is never replaced again, nor one inside the query's strings,
IRIs or comments), so a value can never change the query's structure. A
named query may not use SERVICE: running one never sends a request anywhere.
"""
from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pyoxigraph as ox

from .store import GraphStore

QUERY_DIR = Path(__file__).parent / "queries"
FORMATS = ("table", "csv", "tsv", "json")
_PARAM = re.compile(r"^#\s*param\s+(\w+)\s*:\s*(.+)$")
_SUMMARY = re.compile(r"^#\s*summary\s*:\s*(.+)$")
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
# SPARQL's lexical pieces that may hold any text, and $NAME: scanned in one pass, so a parameter or a
# keyword is only ever found in the query's own code.
_OPAQUE = (r"(?P<opaque>'{3}(?:[^'\\]|\\.|'(?!''))*'{3}|\"{3}(?:[^\"\\]|\\.|\"(?!\"\"))*\"{3}"
           r"|'(?:[^'\\\n\r]|\\.)*'|\"(?:[^\"\\\n\r]|\\.)*\"|<[^<>\"{}|^`\\\s]*>|#[^\n\r]*)")
_LEXER = re.compile(_OPAQUE + r"|\$(?P<param>\w+)|(?P<word>\b[A-Za-z]+\b)")


class QueryError(ValueError):
    """A query that cannot run: unknown name, missing parameter, SPARQL syntax."""


@dataclass(frozen=True, slots=True)
class NamedQuery:
    name: str
    summary: str
    params: dict[str, str]
    text: str


@dataclass(frozen=True, slots=True)
class Table:
    columns: list[str]
    rows: list[list[str | None]]


@cache
def named_queries() -> dict[str, NamedQuery]:
    queries = {}
    for path in sorted(QUERY_DIR.glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        summary = next((m.group(1) for line in text.splitlines() if (m := _SUMMARY.match(line))), None)
        if summary is None:
            raise QueryError(f"{path}: a named query needs a '# summary:' line")
        params = {m.group(1): m.group(2) for line in text.splitlines() if (m := _PARAM.match(line))}
        queries[path.stem] = NamedQuery(path.stem, summary, params, text)
    return queries


def sparql_string(value: str) -> str:
    """A SPARQL string literal holding exactly `value`."""
    escaped = value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    return f'"{escaped}"'


def _term(term: object) -> str | None:
    if term is None:
        return None
    return term.value if hasattr(term, "value") else str(term)


def substitute(text: str, params: dict[str, str]) -> str:
    """`text` with each `$NAME` of `params` in the query's code replaced, once, by a typed string literal."""
    def replace(match: re.Match[str]) -> str:
        name = match.group("param")
        if name is None or name not in params:
            return match.group(0)
        return f"{sparql_string(params[name])}^^<{_XSD_STRING}>"
    return _LEXER.sub(replace, text)


def uses_service(text: str) -> bool:
    """True when the query's code (not its strings, IRIs or comments) has the SERVICE keyword."""
    return any((m.group("word") or "").upper() == "SERVICE" for m in _LEXER.finditer(text))


def run(store: GraphStore, text: str, params: dict[str, str] | None = None) -> Table:
    """Run a SELECT query over the union of the store's graphs; `params` bind `$NAME` variables."""
    if params:
        text = substitute(text, params)
    try:
        result = store.query(text)
    except SyntaxError as exc:
        raise QueryError(f"SPARQL syntax: {exc}") from None
    if isinstance(result, bool):
        return Table(["ask"], [["true" if result else "false"]])
    if not isinstance(result, ox.QuerySolutions):
        rows = [[_term(t.subject), _term(t.predicate), _term(t.object)] for t in result]
        return Table(["subject", "predicate", "object"], rows)
    columns = [v.value for v in result.variables]
    return Table(columns, [[_term(solution[name]) for name in columns] for solution in result])


def run_named(store: GraphStore, name: str, params: dict[str, str]) -> Table:
    query = named_queries().get(name)
    if query is None:
        raise QueryError(f"no named query {name!r} (known: {', '.join(named_queries())})")
    missing = [p for p in query.params if p not in params]
    unknown = [p for p in params if p not in query.params]
    if missing or unknown:
        raise QueryError(f"query {name!r} takes --param {', '.join(f'{p}=…' for p in query.params) or 'nothing'}"
                         + (f"; missing {', '.join(missing)}" if missing else "")
                         + (f"; unknown {', '.join(unknown)}" if unknown else ""))
    text = substitute(query.text, params)
    if uses_service(text):
        raise QueryError(f"query {name!r} uses SERVICE: named queries never send requests to other servers")
    return run(store, text)


def render(table: Table, fmt: str) -> str:
    if fmt == "json":
        return json.dumps([dict(zip(table.columns, row)) for row in table.rows], ensure_ascii=False, indent=2) + "\n"
    if fmt in ("csv", "tsv"):
        out = io.StringIO()
        writer = csv.writer(out, delimiter="," if fmt == "csv" else "\t", lineterminator="\n")
        writer.writerow(table.columns)
        writer.writerows([["" if v is None else v for v in row] for row in table.rows])
        return out.getvalue()
    cells = [table.columns] + [["" if v is None else v for v in row] for row in table.rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(table.columns))]
    lines = ["  ".join(value.ljust(width) for value, width in zip(row, widths)).rstrip() for row in cells]
    lines.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(lines) + f"\n({len(table.rows)} rows)\n"
