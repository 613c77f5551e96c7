"""Which stored articles a user means: by file, file:line, the JSONL line's own id, the IRI or the hash.

`diplograph remove` takes what a user has at hand. A .txt or .html file is
one article; a .jsonl file is one article per line, so `feed.jsonl` means all
of them, `feed.jsonl:3` the third line's, and the line's `"id"` field that one
too (looked up in the file, which the graph does not copy).
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from graph.store import GraphStore

_ARTICLES = """
SELECT ?article ?file ?line ?headline WHERE {
  ?article a schema:NewsArticle ; dg:sourceFile ?file .
  OPTIONAL { ?article dg:jsonlLine ?line }
  OPTIONAL { ?article schema:headline ?headline }
}"""


@dataclass(frozen=True, slots=True)
class StoredArticle:
    iri: str
    source_file: str
    line: int | None
    headline: str | None

    @property
    def id(self) -> str:
        return self.iri.rsplit("/", 1)[-1]

    @property
    def source(self) -> str:
        """Where it was read from: the file, and the line of a JSONL file."""
        return self.source_file if self.line is None else f"{self.source_file}:{self.line}"


def stored_articles(store: GraphStore) -> list[StoredArticle]:
    found: dict[str, StoredArticle] = {}
    for row in store.query(_ARTICLES):
        line = row["line"]
        headline = row["headline"]
        found.setdefault(row["article"].value, StoredArticle(
            row["article"].value, row["file"].value, int(line.value) if line is not None else None,
            headline.value if headline is not None else None))
    return sorted(found.values(), key=lambda a: (a.source_file, a.line or 0, a.id))


def _same_file(given: str, stored: str) -> bool:
    if given == stored:
        return True
    try:
        return Path(given).resolve() == Path(stored).resolve()
    except (OSError, RuntimeError, ValueError):
        return False


def _jsonl_ids(path: str) -> dict[str, int]:
    """The `"id"` of each line of a JSONL file → its line number; {} when the file cannot be read."""
    ids: dict[str, int] = {}
    try:
        lines = Path(path).read_text(encoding="utf-8", errors="replace").split("\n")
    except OSError:
        return ids
    for number, line in enumerate(lines, start=1):
        try:
            record = json.loads(line) if line.strip() else None
        except (json.JSONDecodeError, RecursionError):
            continue
        if isinstance(record, dict) and record.get("id") not in (None, ""):
            ids.setdefault(str(record["id"]), number)
    return ids


def matching(articles: list[StoredArticle], given: str) -> list[StoredArticle]:
    """The stored articles `given` names (empty when it names none)."""
    direct = [a for a in articles if given in (a.iri, a.id) or _same_file(given, a.source_file)]
    if direct:
        return direct
    file, sep, line = given.rpartition(":")
    if sep and line.isdigit():
        by_line = [a for a in articles if a.line == int(line) and _same_file(file, a.source_file)]
        if by_line:
            return by_line
    by_source_id = []
    for jsonl in sorted({a.source_file for a in articles if a.line is not None}):
        number = _jsonl_ids(jsonl).get(given)
        if number is not None:
            by_source_id += [a for a in articles if a.source_file == jsonl and a.line == number]
    return by_source_id
