"""The records the view read at the last build, kept to be read again only where the graph changed.

Reading the window's interactions, statements and articles node by node from the store is most of
drawing graph.html (4 of 7 s for a 10,000-interaction window), and a daily build changes few of
them. A build keeps them in `DIR/.graph.html.records` (JSON: an output folder may come from elsewhere,
and reading it must run nothing), with what tells whether each still holds:

- the digest of the manifest of graph.ttl's chunks (graph/turtle_chunks.py) written beside them:
  the records are used only by the build whose chunks are written from that very manifest;
- for each article graph they were read from, the chunk file that held it. Between one manifest
  and the next, a chunk file is kept only while none of its graphs changed or went, and a file
  written is never given the name of one before it: a graph whose chunk file is still named is as
  it was.

A record of an interaction or a statement comes from the graphs of its articles (every graph that
says something about one says that it comes from its article: prov:wasDerivedFrom, renamed with it
by a merge). It is read again when one of those graphs changed, or when a graph of a chunk written
since says something about its node (a new article reporting the same dated contact). An article's
record, and the statements an article gave, come from its own graph. Anything else — no file, one of
another format or view code, another manifest — and every record is read again.

Beside them, the latest interactions of the whole graph (twice as many as a view shows) with the
day each counts at (view_model._select) and the graphs it comes from, and the last of them, below
which every other interaction was: choosing the window reads every interaction's day otherwise (1.4 s
at 100,000 articles). A kept day holds as a record does; the others, and every node a new chunk's
graphs tell of, are looked up again. Only while no graph went or was loaded again since (a graph
removed may leave an interaction beyond the list with a later day), and while enough of the kept
ones are still above the last one to fill a view.
"""
from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox

from extract.fileio import write_atomically
from graph import iris
from graph.turtle_chunks import TurtleReport

if TYPE_CHECKING:  # pragma: no cover
    from graph.store import GraphStore

RECORDS_FILE = ".graph.html.records"
FORMAT = 1
_DERIVED_FROM = ox.NamedNode("http://www.w3.org/ns/prov#wasDerivedFrom")
_ARTICLE_PREFIX, _GRAPH_PREFIX = str(iris.ID["article/"]), str(iris.ID["graph/"])
DAYS = "days"     # the part of the records file that keeps the interactions' days
Dated = tuple[str, tuple[str, ...]]     # (the day an interaction counts at, or "", the graphs it comes from)
# The fields of each record as read from the store, in the order they are kept (the others — an
# interaction's topics and statements — are joined in by view_model from other records).
FIELDS = {
    "interactions": ("iri", "kind", "day", "place", "initiator", "participants", "articles", "sentences"),
    "statements": ("iri", "speakers", "topics", "texts", "during", "articles"),
    "articles": ("iri", "source_file", "url", "headline", "publisher", "published", "language"),
}


def graph_of(article: str) -> str | None:
    """The graph an article's facts are in (graph/iris.py names both after the article's id)."""
    return _GRAPH_PREFIX + article[len(_ARTICLE_PREFIX):] if article.startswith(_ARTICLE_PREFIX) else None


def _row(part: str) -> Callable[[Any], list]:
    """A record of `part` as JSON: its fields in FIELDS' order, sets as lists (a (text, language) pair as a list)."""
    return {
        "interactions": lambda r: [r.iri, r.kind, r.day, r.place, r.initiator, list(r.participants), list(r.articles),
                                   list(r.sentences)],
        "statements": lambda r: [r.iri, list(r.speakers), list(r.topics), list(r.texts), list(r.during), list(r.articles)],
        "articles": lambda r: [r.iri, r.source_file, r.url, r.headline, r.publisher, r.published, r.language],
    }[part]


def _made(part: str) -> Callable[[list], Any]:
    """The record of one row of `part`, as _row wrote it (the records' fields in FIELDS' order)."""
    from .view_model import Article, Interaction, Statement

    def interaction(row: list) -> Interaction:
        iri, kind, day, place, initiator, participants, articles, sentences = row
        return Interaction(iri, kind, day, place, initiator, set(participants), set(articles), set(map(tuple, sentences)))

    def statement(row: list) -> Statement:
        iri, speakers, topics, texts, during, articles = row
        return Statement(iri, set(speakers), set(topics), set(map(tuple, texts)), set(during), set(articles))

    def article(row: list) -> Article:
        iri, source_file, url, headline, publisher, published, language = row
        return Article(iri, source_file, url, headline, publisher, published, language)

    return {"interactions": interaction, "statements": statement, "articles": article}[part]


@dataclass(slots=True)
class Records:
    """Records as view_model reads them, before it joins them into the model: interactions, statements
    and articles by IRI (an article's publisher as its IRI, not its name), and the statements of each article."""
    interactions: dict[str, Any] = field(default_factory=dict)
    statements: dict[str, Any] = field(default_factory=dict)
    articles: dict[str, Any] = field(default_factory=dict)
    statements_of: dict[str, list[str]] = field(default_factory=dict)
    # The latest interactions' days and graphs (None: not kept), the key (day, IRI) of the last of
    # them, and the nodes whose day has to be looked up again: kept ones that may have changed, and
    # any a new chunk tells of.
    days: dict[str, Dated] | None = None
    days_floor: tuple[str, str] = ("", "")
    days_stale: set[str] = field(default_factory=set)


class RecordCache:
    """What a view may take from the last build's records (`reusable`), and what it read this time
    (`keep`: copies made before the model joins them, which changes them), for `save` to keep."""

    def __init__(self, reusable: Records | None = None) -> None:
        self.reusable = reusable or Records()
        self._kept: dict[str, Any] = {}
        self._articles: set[str] = set()    # the articles whose graphs the kept records come from

    def keep_days(self, days: dict[str, Dated], floor: tuple[str, str]) -> None:
        """Keep these latest interactions' days and graphs, every other one being below `floor`: one line
        each, "IRI day graph…" ("-" for no day)."""
        lines = "".join(f"{event} {day or '-'} {' '.join(graphs)}\n" for event, (day, graphs) in days.items())
        self._kept[DAYS] = {"floor": list(floor), "lines": lines}

    def keep(self, part: str, records: dict) -> None:
        """Keep a copy of one part of the records (a field of Records) as the view read it."""
        if part == "statements_of":
            self._kept[part] = {article: sorted(statements) for article, statements in records.items()}
            self._articles |= set(records)
            return
        row = _row(part)
        self._kept[part] = [row(record) for record in records.values()]
        if part == "articles":
            self._articles |= set(records)
        else:
            self._articles |= {article for record in records.values() for article in record.articles}

    @classmethod
    def for_build(cls, out_dir: Path, turtle: TurtleReport, store: "GraphStore", code: str) -> "RecordCache":
        """The records still true of the graph `turtle` was just written from (none when there is doubt)."""
        kept = _load(Path(out_dir) / RECORDS_FILE)
        if (kept is None or turtle.full or turtle.previous_digest is None or kept.get("manifest") != turtle.previous_digest
                or kept.get("code") != code):
            return cls()
        try:
            parts = {part: {row[0]: made(row) for row in kept["records"].get(part, [])}
                     for part, made in ((part, _made(part)) for part in FIELDS)}
            statements_of = {str(article): list(map(str, statements))
                             for article, statements in kept["records"].get("statements_of", {}).items()}
            chunk_of = {str(graph): str(file) for graph, file in kept["chunk_of"].items()}
            known_files = set(map(str, kept["files"]))
        except (KeyError, TypeError, ValueError, AttributeError):
            return cls()
        files_now = set(turtle.chunks)
        unchanged = {graph for graph, file in chunk_of.items() if file in files_now}
        told_again = {quad.subject.value for file, graphs in turtle.chunks.items() if file not in known_files
                      for graph in graphs for quad in store.store.quads_for_pattern(None, _DERIVED_FROM, None, ox.NamedNode(graph))}

        days, floor, days_stale = _days(kept["records"].get(DAYS), turtle, known_files, told_again)

        def holds(iri: str, articles: set[str]) -> bool:
            # No article: nothing to tell whether it changed (a build never writes one), so read it again.
            return bool(articles) and iri not in told_again and all(graph_of(article) in unchanged for article in articles)

        return cls(Records(
            interactions={iri: r for iri, r in parts["interactions"].items() if holds(iri, r.articles)},
            statements={iri: r for iri, r in parts["statements"].items() if holds(iri, r.articles)},
            articles={iri: r for iri, r in parts["articles"].items() if graph_of(iri) in unchanged},
            statements_of={article: s for article, s in statements_of.items() if graph_of(article) in unchanged},
            days=days, days_floor=floor, days_stale=days_stale))

    def save(self, out_dir: Path, turtle: TurtleReport, code: str) -> None:
        """Keep what this view read, beside the manifest `turtle` wrote (records of anything else go)."""
        wanted = {graph for graph in map(graph_of, self._articles) if graph}
        chunk_of = {graph: file for file, graphs in turtle.chunks.items() for graph in graphs if graph in wanted}
        kept = {"format": FORMAT, "manifest": turtle.digest, "code": code, "chunk_of": chunk_of,
                "files": sorted(turtle.chunks), "records": self._kept}
        write_atomically(Path(out_dir) / RECORDS_FILE, json.dumps(kept, ensure_ascii=False).encode("utf-8"))


def _days(kept: Any, turtle: TurtleReport, known_files: set[str],
          told_again: set[str]) -> tuple[dict[str, Dated] | None, tuple[str, str], set[str]]:
    """The kept days that still hold, the key below which the others were, and the nodes to look up
    again (see the top); None for the days when none can be trusted."""
    if turtle.graphs_removed or not isinstance(kept, dict):
        return None, ("", ""), set()
    try:
        floor = (str(kept["floor"][0]), str(kept["floor"][1]))
        lines = str(kept["lines"])
    except (KeyError, IndexError, TypeError):
        return None, ("", ""), set()
    # A chunk file kept since the last build holds the graphs it held then, unchanged (see the top).
    unchanged = {graph for file, graphs in turtle.chunks.items() if file in known_files for graph in graphs}
    days: dict[str, Dated] = {}
    stale = set(told_again)
    for line in lines.splitlines():
        fields = line.split(" ")
        if len(fields) < 2 or not fields[0]:
            return None, ("", ""), set()     # not a line keep_days wrote: trust none
        event, day, graphs = fields[0], fields[1], fields[2:]
        if graphs and event not in told_again and all(graph in unchanged for graph in graphs):
            days[event] = ("" if day == "-" else day, tuple(graphs))
        else:
            stale.add(event)
    return days, floor, stale


def _load(path: Path) -> dict | None:
    try:
        kept = json.loads(path.read_bytes())
    except (OSError, ValueError):
        return None
    return kept if isinstance(kept, dict) and kept.get("format") == FORMAT else None
