"""The record of files already built: which articles each file's bytes gave, so a rebuild skips them.

An article's id is a digest of its text, which only extraction can read (an HTML page's text is
what the reader finds in it). Reading a file's bytes and hashing them is cheap: the store keeps,
in a graph of its own, what each file's bytes (and kind) gave the last time, and a build skips a
file whose bytes it knows and whose articles are all still in the store.

    <id/sources/file/KEY> <id/sources/article> <id/graph/ARTICLE> ; <id/sources/articles> N .

The record is bookkeeping, not data: it is outside the union (queries and graph.ttl never see
it) and no export or push sends it. It only ever says what a file gave: a file is skipped when
every article it names is in the store, so a record left stale by a kill or a `remove` only
means the file is extracted again. `remove` also forgets every file that gave the article, in
the update that removes it, so that the record stays what the store holds.
"""
from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from . import iris

SOURCES_GRAPH = iris.ID["sources"]
_SOURCES = ox.NamedNode(str(SOURCES_GRAPH))
_ARTICLE = ox.NamedNode(str(iris.ID["sources/article"]))
_ARTICLES = ox.NamedNode(str(iris.ID["sources/articles"]))
_INTEGER = ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")
_FILE_PREFIX = str(iris.ID["sources/file/"])
_HASH_CHUNK = 1 << 20
WHOLE_RECORD_FROM = 500    # keys from which known_outcomes reads the whole record


@dataclass(frozen=True, slots=True)
class FileOutcome:
    """What one file gave when it was built: the graphs of its articles, and how many it read
    (a .jsonl file may give one text twice: the second is 'already present', not a new graph)."""

    key: str
    graphs: frozenset[str]
    articles: int


def file_key(path: str) -> str | None:
    """A digest of a regular file's kind (its suffix) and bytes; None for what is not a regular
    file or cannot be read (extraction then reports it)."""
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return None
        digest = hashlib.sha256(Path(path).suffix.lower().encode("utf-8", "surrogateescape") + b"\0")
        with open(path, "rb") as handle:
            while chunk := handle.read(_HASH_CHUNK):
                digest.update(chunk)
    except OSError:
        return None
    return digest.hexdigest()[:32]


def _file_node(key: str) -> ox.NamedNode:
    return ox.NamedNode(_FILE_PREFIX + key)


def known_outcome(store: ox.Store, key: str) -> FileOutcome | None:
    """What the file with this key gave, if the record has it and every article it gave is still in the store."""
    node = _file_node(key)
    graphs = frozenset(q.object.value for q in store.quads_for_pattern(node, _ARTICLE, None, _SOURCES))
    counts = [int(q.object.value) for q in store.quads_for_pattern(node, _ARTICLES, None, _SOURCES)]
    if not graphs or len(counts) != 1:
        return None
    if not all(store.contains_named_graph(ox.NamedNode(graph)) for graph in graphs):
        return None
    return FileOutcome(key, graphs, counts[0])


def known_outcomes(store: ox.Store, keys: Iterable[str]) -> dict[str, FileOutcome]:
    """known_outcome for each of `keys`, those the record has. For many keys (a rebuild of a whole folder),
    one pass over the record and the list of graphs is cheaper than a lookup per file: 10,000 files,
    0.13 s against 0.47 s; for a few (a day's new files), the lookups are."""
    wanted = set(keys)
    if len(wanted) < WHOLE_RECORD_FROM:
        return {key: outcome for key in wanted if (outcome := known_outcome(store, key)) is not None}
    graphs: dict[str, set[str]] = {}
    counts: dict[str, list[int]] = {}
    for quad in store.quads_for_pattern(None, None, None, _SOURCES):
        key = quad.subject.value[len(_FILE_PREFIX):] if quad.subject.value.startswith(_FILE_PREFIX) else None
        if key not in wanted:
            continue
        if quad.predicate == _ARTICLE:
            graphs.setdefault(key, set()).add(quad.object.value)
        elif quad.predicate == _ARTICLES:
            counts.setdefault(key, []).append(int(quad.object.value))
    present = {graph.value for graph in store.named_graphs() if isinstance(graph, ox.NamedNode)}
    return {key: FileOutcome(key, frozenset(graphs[key]), counts[key][0]) for key in wanted
            if graphs.get(key) and len(counts.get(key, [])) == 1 and graphs[key] <= present}


def record_update(outcomes: Iterable[FileOutcome]) -> str:
    """A SPARQL update that records what these files gave (replacing what was recorded for them); "" for none."""
    outcomes = list(outcomes)
    if not outcomes:
        return ""
    keys = " ".join(f"<{_FILE_PREFIX}{o.key}>" for o in outcomes)
    lines = []
    for outcome in outcomes:
        node = f"<{_FILE_PREFIX}{outcome.key}>"
        lines += [f"{node} <{_ARTICLE.value}> <{graph}> ." for graph in sorted(outcome.graphs)]
        lines.append(f'{node} <{_ARTICLES.value}> "{outcome.articles}"^^<{_INTEGER.value}> .')
    return (f"DELETE {{ GRAPH <{SOURCES_GRAPH}> {{ ?f ?p ?o }} }} WHERE {{ VALUES ?f {{ {keys} }} "
            f"GRAPH <{SOURCES_GRAPH}> {{ ?f ?p ?o }} }} ;\n"
            f"INSERT DATA {{ GRAPH <{SOURCES_GRAPH}> {{ {' '.join(lines)} }} }}")


def forget_update(graph_iri: str) -> str:
    """A SPARQL update that forgets every file that gave this article graph."""
    return (f"DELETE {{ GRAPH <{SOURCES_GRAPH}> {{ ?f ?p ?o }} }} WHERE {{ GRAPH <{SOURCES_GRAPH}> "
            f"{{ ?f <{_ARTICLE.value}> <{graph_iri}> . ?f ?p ?o }} }}")
