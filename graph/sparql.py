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
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import pyoxigraph as ox

from .sparql_errors import explain
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
    # The same cells as SPARQL 1.1 JSON results terms (type, datatype, language), for --format json.
    terms: list[list[dict[str, str] | None]] = field(default_factory=list)
    boolean: bool | None = None     # the answer of an ASK query


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


def substitute(text: str, params: dict[str, str], *, typed: bool = True) -> str:
    """`text` with each `$NAME` of `params` in the query's code replaced, once, by a typed string literal
    (`typed=False`: a plain one, the same term in RDF 1.1, for a query a person reads and edits)."""
    datatype = f"^^<{_XSD_STRING}>" if typed else ""

    def replace(match: re.Match[str]) -> str:
        name = match.group("param")
        if name is None or name not in params:
            return match.group(0)
        return sparql_string(params[name]) + datatype
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
        raise QueryError(explain(text, str(exc))) from None
    return _table(result)


def _table(result: object) -> Table:
    if isinstance(result, ox.QueryBoolean):
        return Table(["ask"], [["true" if result else "false"]], boolean=bool(result))
    if isinstance(result, ox.QuerySolutions):
        columns = [v.value for v in result.variables]
        cells = [[solution[name] for name in columns] for solution in result]
    else:   # CONSTRUCT and DESCRIBE: one row per triple
        columns = ["subject", "predicate", "object"]
        cells = [[t.subject, t.predicate, t.object] for t in result]
    return Table(columns, [[_term(c) for c in row] for row in cells], [[_json_term(c) for c in row] for row in cells])


def _json_term(term: object) -> dict[str, str] | None:
    """A term as the SPARQL 1.1 Query Results JSON Format writes it."""
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        if term.language:
            return {"type": "literal", "value": term.value, "xml:lang": term.language}
        if term.datatype.value != _XSD_STRING:
            return {"type": "literal", "value": term.value, "datatype": term.datatype.value}
        return {"type": "literal", "value": term.value}
    return {"type": "literal", "value": str(term)}


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


def render(table: Table, fmt: str, *, csv_cell: Callable[[str], object] | None = None) -> str:
    """The table as text in `fmt` (FORMATS); `csv_cell`, when given, rewrites each value of csv and tsv output
    (exports.csv_events.spreadsheet_safe keeps a spreadsheet from evaluating one)."""
    if fmt == "json":
        return json.dumps(_json_results(table), ensure_ascii=False, indent=2) + "\n"
    if fmt in ("csv", "tsv"):
        out = io.StringIO()
        writer = csv.writer(out, delimiter="," if fmt == "csv" else "\t", lineterminator="\n")
        writer.writerow(table.columns)
        cell = csv_cell or (lambda value: value)
        writer.writerows([["" if v is None else cell(v) for v in row] for row in table.rows])
        return out.getvalue()
    cells = [table.columns] + [["" if v is None else v for v in row] for row in table.rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(table.columns))]
    lines = ["  ".join(value.ljust(width) for value, width in zip(row, widths)).rstrip() for row in cells]
    lines.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(lines) + f"\n({len(table.rows)} {'row' if len(table.rows) == 1 else 'rows'})\n"


def _json_results(table: Table) -> dict[str, object]:
    """The SPARQL 1.1 Query Results JSON Format (https://www.w3.org/TR/sparql11-results-json/)."""
    if table.boolean is not None:
        return {"head": {}, "boolean": table.boolean}
    bindings = [{name: term for name, term in zip(table.columns, row) if term is not None} for row in table.terms]
    return {"head": {"vars": table.columns}, "results": {"bindings": bindings}}
