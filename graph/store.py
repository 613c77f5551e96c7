"""The build's store of record: a persistent Oxigraph store, one named graph per article.

`DIR/store/` holds every article's triples in its own named graph (provenance:
removing an article removes exactly what it said), the topic scheme in
`graph/scheme`, counts over the whole graph in `graph/tallies` (see
tallies.py), and the gazetteer's descriptions of the people, places and topics
the articles name in `graph/gazetteer`, once (see descriptions.py). The default graph is kept equal to the union of the named
graphs, as a set: queries run on it, so a fact that ten articles report is
joined once, not ten times (Oxigraph's union-default-graph option is a bag,
and its joins multiply). `DIR/graph.ttl` is written from here by chunks (turtle_chunks.py); every
exported file is written atomically.

Whatever moment the process dies, an article is wholly in the store (its graph
and its share of the union) or not at all. Removing a graph and replacing a
derived one are single SPARQL updates, which Oxigraph applies as one
transaction. The bulk loader is not transactional, so a batch first writes
its intent, the articles it is about to load, into the journal graph (one
transaction), loads, and then clears the journal; when the store is next
opened for writing, the articles of a journal left behind are taken out
again and the next build adds them whole.

Beside the articles, graphs of bookkeeping that are no data (outside the union, never exported):
the journal, the record of files built (sources.py), what the tallies still have to count
(pending_tallies.py), the store's size at its last compaction, and the articles graph.ttl's
chunks have to be written again for (turtle_chunks.py).
"""
from __future__ import annotations

import gc
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

from extract.fileio import atomic_path

from . import iris
from .assemble import PREFIXES
from .descriptions import (GAZETTEER_GRAPH, LoadableArticle, all_roots, descriptions_of, forget_descriptions_update,
                           loadable, named_elsewhere, roots_in)
from .merging import merge_undated_reports
from .pending_tallies import PENDING_GRAPH, added_quads, everything_quads, everything_update, read_pending, removed_update
from .sources import SOURCES_GRAPH, FileOutcome, forget_update, known_outcome, known_outcomes, record_update
from .step_times import StepTimes
from .tallies import TALLY_GRAPH, counted_facts_changed, new_descriptions_change_counts, update_tallies
from .turtle_chunks import (TURTLE_GRAPH, change_quads, changed_node_quads, changed_nodes_update, changed_update,
                            unknown_change_update)
from .union_count import COUNT_GRAPH, UnionCount, in_union, touching

STORE_DIR = "store"
SCHEME_GRAPH = iris.ID["graph/scheme"]
_ARTICLE_GRAPH_PREFIX = str(iris.ID["graph/"])
_DEFAULT = ox.DefaultGraph()
DERIVED_GRAPHS = (str(SCHEME_GRAPH), str(TALLY_GRAPH), str(GAZETTEER_GRAPH))   # named graphs that are no article
# The articles of the batch being loaded; never exported (its IRI is outside id/graph/).
JOURNAL_GRAPH = iris.ID["journal"]
_JOURNAL = ox.NamedNode(str(JOURNAL_GRAPH))
_IN_DOUBT = ox.NamedNode(str(iris.ID["journal/loading"]))
# The store's size on disk after its last compaction, to compact again only when it has grown.
COMPACTION_GRAPH = iris.ID["compaction"]
_COMPACTED_BYTES = ox.NamedNode(str(iris.ID["compaction/bytes"]))
# Graphs of bookkeeping, outside the union, never exported: the journal, the record of files built
# (sources.py), what the tallies have to count again (pending_tallies.py), the compaction's size,
# the article graphs graph.ttl's chunks have to be written again for (turtle_chunks.py) and the
# union's triples (union_count.py).
BOOKKEEPING_GRAPHS = (JOURNAL_GRAPH, SOURCES_GRAPH, PENDING_GRAPH, COMPACTION_GRAPH, TURTLE_GRAPH, COUNT_GRAPH)
_BOOKKEEPING = tuple(ox.NamedNode(str(graph)) for graph in BOOKKEEPING_GRAPHS)
# Compaction (RocksDB folding its write-ahead logs and the files of each load together) reads and
# writes the whole store: 5 s at 10,000 articles. A build compacts only once the store has grown by a
# quarter, and at least 64 MiB, since the last one, so that its cost is spread over the builds that
# grew it (a store that is never compacted is as right, only bigger on disk and a little slower).
COMPACT_GROWTH = 0.25
COMPACT_MIN_BYTES = 64 * 2**20
_UNFINISHED = f"SELECT ?g WHERE {{ GRAPH <{JOURNAL_GRAPH}> {{ <{JOURNAL_GRAPH}> <{_IN_DOUBT.value}> ?g }} }}"


class StoreError(RuntimeError):
    """The store in DIR cannot be opened or read; the message names it and says why."""


class GraphStore:
    def __init__(self, directory: Path, *, read_only: bool = False) -> None:
        self.directory = Path(directory)
        self.path = self.directory / STORE_DIR
        if read_only and not self.path.is_dir():
            raise StoreError(f"{self.directory} holds no diplograph store "
                             f"(run `diplograph build PATH --out {self.directory}` first)")
        try:
            if not read_only:
                self.path.mkdir(parents=True, exist_ok=True)
            self.store = ox.Store.read_only(str(self.path)) if read_only else ox.Store(str(self.path))
        except OSError as exc:
            raise StoreError(f"{self.path}: cannot open the store ({exc}); is another diplograph or "
                             "oxigraph process using it?") from None
        self.read_only = read_only
        self._union_count = UnionCount(self.store)
        if not read_only:
            self._undo_unfinished_batch()

    # --- articles -------------------------------------------------------------
    def has_article(self, article_id: str) -> bool:
        return self.has_graph(iris.graph_iri(article_id))

    def has_graph(self, graph_iri: str) -> bool:
        return self.store.contains_named_graph(ox.NamedNode(graph_iri))

    def add_articles(self, articles: Sequence[LoadableArticle | tuple[str, bytes]]) -> None:
        """Many articles at once with Oxigraph's bulk loader: about 2.5× faster than one by one. Each is
        split as extraction splits it (descriptions.loadable), or given as (article id, N-Triples).

        The bulk loader is no transaction: the journal names the batch while it loads, so that
        a process killed in the middle leaves articles the next writer takes out (see the top).
        """
        if not articles:
            return
        split = [item if isinstance(item, LoadableArticle) else loadable(*item) for item in articles]
        graphs = [str(iris.graph_iri(article.id)) for article in split]
        described, new = self._descriptions(split)
        # A minister's new term changes the months of their contacts counted before: count everything.
        everything = everything_quads() if new_descriptions_change_counts(self, new) else []
        self._union_count.changing(self.store)
        self.store.extend([*(ox.Quad(_JOURNAL, _IN_DOUBT, ox.NamedNode(graph), _JOURNAL) for graph in graphs),
                           *added_quads(graphs), *everything,   # the tallies' pending work, from before the load starts
                           *change_quads(graphs),    # and graph.ttl's, with the described nodes it reads again
                           *changed_node_quads(_subjects(described))])
        gazetteer = f" <{GAZETTEER_GRAPH}> .\n".encode()
        self._load_article_graphs(b"".join(
            article.said.replace(b" .\n", f" <{graph}> .\n".encode())
            for graph, article in zip(graphs, split)) + described.replace(b" .\n", gazetteer))
        # The union is a set: a triple many articles of the batch repeat is written once, and RocksDB
        # has less to compact (one core, 20k articles: loading 73 → 63 s).
        self._load_union(b"".join(dict.fromkeys(
            line for article in split for line in article.said.splitlines(keepends=True))) + described)
        self.update_bookkeeping(f"DROP SILENT GRAPH <{JOURNAL_GRAPH}>")

    def _descriptions(self, split: list[LoadableArticle]) -> tuple[bytes, list[ox.Triple]]:
        """The descriptions of a batch (descriptions.py) as N-Triples lines, each once, less those the topic
        scheme already holds (a topic's labels); and those of them the union does not hold yet."""
        scheme = ox.NamedNode(str(SCHEME_GRAPH))
        lines = list(dict.fromkeys(line for article in split for line in article.described.splitlines(keepends=True)))
        kept, new = [], []
        # One triple a line (the assembler writes N-Triples), parsed at once.
        for line, quad in zip(lines, ox.parse(b"".join(lines), format=ox.RdfFormat.N_TRIPLES), strict=True):
            triple = quad.triple
            if ox.Quad(triple.subject, triple.predicate, triple.object, scheme) not in self.store:
                kept.append(line)
                if ox.Quad(triple.subject, triple.predicate, triple.object, _DEFAULT) not in self.store:
                    new.append(triple)
        return b"".join(kept), new

    def record_files(self, outcomes: Iterable[FileOutcome]) -> None:
        """Record what these files gave (sources.py), once their articles are in the store: one transaction."""
        update = record_update(outcomes)
        if update:
            self.update_bookkeeping(update)

    def known_file(self, key: str) -> FileOutcome | None:
        """What a file with this key (sources.file_key) gave, when all of it is still in the store."""
        return known_outcome(self.store, key)

    def graph_names(self) -> set[str]:
        """The IRIs of every named graph (articles, derived and bookkeeping graphs)."""
        return {graph.value for graph in self.store.named_graphs() if isinstance(graph, ox.NamedNode)}

    def known_files(self, keys: Iterable[str]) -> dict[str, FileOutcome]:
        """known_file for many keys at once: those the record has."""
        return known_outcomes(self.store, keys)

    def _load_article_graphs(self, nquads: bytes) -> None:
        self.store.bulk_load(nquads, format=ox.RdfFormat.N_QUADS)

    def _load_union(self, ntriples: bytes) -> None:
        """Load these distinct N-Triples lines into the union, counting first those it did not hold."""
        if self._union_count.affordable(ntriples.count(b"\n")):
            triples = set(ox.parse(ntriples, format=ox.RdfFormat.N_TRIPLES))
            self._union_count.changed_by(len(triples) - in_union(self.store, triples))
        else:
            self._union_count.forget(self.store)
        self.store.bulk_load(ntriples, format=ox.RdfFormat.N_TRIPLES, to_graph=_DEFAULT)

    def unfinished_batch(self) -> list[str]:
        """The article graphs a load that never finished was writing (empty when none)."""
        return sorted(row["g"].value for row in self.query(_UNFINISHED))

    def _undo_unfinished_batch(self) -> list[str]:
        """Take out the articles of a batch whose load was interrupted; returns their graphs.

        One graph at a time, each removal a transaction: killed again, the journal still
        names those left, and the next open goes on."""
        graphs = self.unfinished_batch()
        for graph in graphs:
            self._remove_graph(ox.NamedNode(graph))
        if graphs:
            # The batch's descriptions were loaded beside graphs that may be missing some of their lines.
            self._forget_descriptions(all_roots(self.store))
            self.update_bookkeeping(f"DROP SILENT GRAPH <{JOURNAL_GRAPH}>")
        return graphs

    def remove_article(self, article_id: str) -> bool:
        graph = ox.NamedNode(iris.graph_iri(article_id))
        if not self.store.contains_named_graph(graph):
            return False
        self._remove_graph(graph)
        return True

    def _remove_graph(self, graph: ox.NamedNode) -> None:
        """Drop a named graph, and from the union every triple no other graph still holds, and forget the
        files that gave it, and leave the tallies and graph.ttl's chunks what it touched: one transaction."""
        everything = f"{everything_update()} ;\n" if counted_facts_changed(self, [graph.value]) else ""
        said = {quad.triple for quad in self.store.quads_for_pattern(None, None, None, graph)}
        # The descriptions of what no other article names go with it (descriptions.py).
        gone = descriptions_of(self.store, {root for root in roots_in(said)
                                            if not named_elsewhere(self.store, root, is_article_graph, graph.value)})
        forget = forget_descriptions_update(gone)
        self.update_union(f"{removed_update(graph.value)} ;\n{everything}{_remove_graph_update(graph.value)} ;\n"
                          f"{forget_update(graph.value)} ;\n{changed_update(graph.value)}"
                          + (f" ;\n{forget} ;\n{changed_nodes_update(t.subject.value for t in gone)}" if gone else ""),
                          said | gone)

    def _forget_descriptions(self, roots: set[str]) -> None:
        """Take out the descriptions of these roots that no article graph names (one transaction)."""
        gone = descriptions_of(self.store, {root for root in roots if not named_elsewhere(self.store, root, is_article_graph, None)})
        if gone:
            self.update_union(f"{forget_descriptions_update(gone)} ;\n{changed_nodes_update(t.subject.value for t in gone)}", gone)

    def resync(self, iris_changed: Iterable[str]) -> None:
        """Make the union right again for triples about nodes renamed inside named graphs."""
        nodes = set(iris_changed)
        if nodes:
            self.update_touching(self.resync_update(nodes), nodes)

    @staticmethod
    def resync_update(iris_changed: Iterable[str]) -> str:
        """The SPARQL update `resync` runs, to be run alone or inside a larger update ("" for no node)."""
        nodes = sorted(iris_changed)
        if not nodes:
            return ""
        # One pattern per node with the node in place (an index lookup), not a filter over every
        # triple of the store: that made each merge cost as much as the whole store.
        deletes = [f"DELETE WHERE {{ <{iri}> ?p ?o }} ; DELETE WHERE {{ ?s ?p <{iri}> }}" for iri in nodes]
        inserts = [f"INSERT {{ <{iri}> ?p ?o }} WHERE {{ GRAPH ?g {{ <{iri}> ?p ?o }} }} ;"
                   f"INSERT {{ ?s ?p <{iri}> }} WHERE {{ GRAPH ?g {{ ?s ?p <{iri}> }} }}" for iri in nodes]
        return " ;\n".join(deletes + inserts)

    def article_graphs(self) -> list[str]:
        return articles_among(self.graph_names())

    def set_scheme(self, triples: Iterable[ox.Triple]) -> None:
        """The topic scheme: shared by all articles, replaced on every build where it changed (and then
        every topic tally counted again: a topic may have moved under another)."""
        triples = list(triples)
        held = {str(q.triple) for q in self.store.quads_for_pattern(None, None, None, ox.NamedNode(str(SCHEME_GRAPH)))}
        if held != {str(triple) for triple in triples}:
            self.replace_derived_graph(SCHEME_GRAPH, triples, then=everything_update())

    def replace_derived_graph(self, graph_iri: str, triples: Iterable[ox.Triple], then: str = "") -> None:
        """Put `triples` in place of what the named graph held, in it and in the union, then run the
        update `then` (which must be safe to run again).

        Only the difference is written, REPLACE_STEP triples a transaction: one update of the 86,000
        tallies of a 10,000-article store held 300 MB more than the build's peak. The first transaction
        marks graph.ttl's chunk, `then` runs with the last. Killed in between, the graph is part old,
        part new, and what asked for it is still to do (the tallies' pending work, which `then` clears;
        the scheme's difference): the next build writes the rest."""
        graph = ox.NamedNode(str(graph_iri))
        wanted = set(triples)
        held = {quad.triple for quad in self.store.quads_for_pattern(None, None, None, graph)}
        changes = [("gone", t) for t in sorted(held - wanted, key=str)] + [("new", t) for t in sorted(wanted - held, key=str)]
        steps = [changes[start:start + REPLACE_STEP] for start in range(0, len(changes), REPLACE_STEP)] or [[]]
        for number, step in enumerate(steps):
            parts = [changed_update(str(graph_iri))] if number == 0 and changes else []
            if gone := [t for kind, t in step if kind == "gone"]:
                data = ox.serialize(gone, format=ox.RdfFormat.N_TRIPLES).decode("utf-8")
                rows = data.replace(" .\n", ")\n(")    # the same lines as VALUES rows
                parts += [f"DELETE DATA {{ GRAPH <{graph_iri}> {{ {data} }} }}",
                          # out of the union too, unless another graph holds it
                          f"DELETE {{ ?s ?p ?o }} WHERE {{ VALUES (?s ?p ?o) {{ ({rows[:-1]} }} "
                          f"FILTER NOT EXISTS {{ GRAPH ?other {{ ?s ?p ?o }} }} }}"]
            if new := [t for kind, t in step if kind == "new"]:
                data = ox.serialize(new, format=ox.RdfFormat.N_TRIPLES).decode("utf-8")
                parts += [f"INSERT DATA {{ GRAPH <{graph_iri}> {{ {data} }} }}", f"INSERT DATA {{ {data} }}"]
            if number == len(steps) - 1 and then:
                parts.append(then)
            if parts:
                self.update_union(" ;\n".join(parts), {t for _, t in step})

    def reconcile(self, times: StepTimes | None = None) -> int:
        """Bring what is derived from all articles together up to date after articles came or went:
        undated reports merged into the one dated event they can only be (returns how many), then
        the tallies. Nothing to do when nothing is pending: a rebuild of an unchanged folder costs no
        pass over the store's reports."""
        times = times or StepTimes()
        pending = read_pending(self.store)
        if pending.empty:
            return 0    # no article came or went since the last reconcile (every load and remove marks it)
        with times.step("merges"):
            merged = merge_undated_reports(self, pending)
        with times.step("tallies"):
            update_tallies(self)
        return merged

    def mark_all_derived_stale(self) -> None:
        """Make the next build merge and count over the whole store again: for a store about to be
        changed by something other than a build or `remove` (`serve --writable`), which marks nothing;
        and count the union's triples again."""
        self._union_count.forget(self.store)
        self.update_bookkeeping(everything_update())

    # --- reading ----------------------------------------------------------------
    def query(self, sparql: str):
        """A SPARQL query over the union of all graphs (SELECT solutions, CONSTRUCT triples or ASK)."""
        return self.store.query(sparql, prefixes=PREFIXES)

    def update(self, sparql: str) -> None:
        """Any SPARQL update: what it does is not measured, so the next triple count counts and the next
        graph.ttl lists every graph (marked first: a kill between the two leaves only a needless listing)."""
        self._union_count.forget(self.store)
        self.store.update(unknown_change_update())
        self.store.update(sparql, prefixes=PREFIXES)

    def update_bookkeeping(self, sparql: str) -> None:
        """An update of the bookkeeping graphs only (BOOKKEEPING_GRAPHS): the union stays as it is."""
        self.store.update(sparql, prefixes=PREFIXES)

    def update_union(self, sparql: str, candidates: set[ox.Triple]) -> None:
        """An update that adds to the union or takes from it only triples among `candidates`, which
        the union's triple count follows."""
        self._measured(sparql, len(candidates), lambda: in_union(self.store, candidates))

    def update_touching(self, sparql: str, nodes: set[str]) -> None:
        """An update that changes in the union only triples with one of these nodes as subject or object
        (a rename and its resync), which the union's triple count follows."""
        self._measured(sparql, 4 * len(nodes), lambda: len(touching(self.store, nodes)))

    def _measured(self, sparql: str, checks: int, held: Callable[[], int]) -> None:
        self._union_count.changing(self.store)
        if not self._union_count.affordable(checks):
            self._union_count.forget(self.store)
            self.store.update(sparql, prefixes=PREFIXES)
            return
        before = held()
        self.store.update(sparql, prefixes=PREFIXES)
        self._union_count.changed_by(held() - before)

    def union_triples(self) -> Iterator[ox.Triple]:
        """Every distinct triple of every graph."""
        return (ox.Triple(q.subject, q.predicate, q.object) for q in self.store.quads_for_pattern(None, None, None, _DEFAULT))

    def triple_count(self) -> int:
        """The union's distinct triples: kept as the store changes (union_count.py), counted when not known."""
        return self._union_count.triples(self.store, self._count_union, record=not self.read_only)

    def _count_union(self) -> int:
        (row,) = self.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
        return int(row["n"].value)

    def union_graph(self) -> Graph:
        """The union as an rdflib Graph, for exporters that want one."""
        graph = Graph()
        for prefix, namespace in PREFIXES.items():
            graph.bind(prefix, namespace, override=True)
        graph.parse(data=ox.serialize(self.union_triples(), format=ox.RdfFormat.N_TRIPLES), format="nt")
        return graph

    def dump(self, path: Path, kind: str) -> None:
        """Write the store, streaming to disk: "ttl" and "jsonld" (the union), "trig" and "nq" (one graph per article)."""
        with atomic_path(path) as temporary:
            if kind in ("ttl", "jsonld"):
                self.store.dump(str(temporary), format=ox.RdfFormat.TURTLE if kind == "ttl" else ox.RdfFormat.JSON_LD,
                                from_graph=_DEFAULT, prefixes=PREFIXES)
            else:
                named = (q for q in self.store.quads_for_pattern(None, None, None, None)
                         if not isinstance(q.graph_name, ox.DefaultGraph) and q.graph_name not in _BOOKKEEPING)
                ox.serialize(named, str(temporary), format=ox.RdfFormat.TRIG if kind == "trig" else ox.RdfFormat.N_QUADS,
                             **({"prefixes": PREFIXES} if kind == "trig" else {}))

    def compact(self, *, always: bool = False) -> bool:
        """Fold the write-ahead logs and the files of each load into the database files, when the store has
        grown enough since the last time (or `always`); returns whether it did."""
        last = self._compacted_bytes()
        if not always and last is not None and self.disk_bytes() - last < max(COMPACT_MIN_BYTES, COMPACT_GROWTH * last):
            return False
        self.store.optimize()
        node = ox.NamedNode(str(COMPACTION_GRAPH))
        self.update_bookkeeping(f"DROP SILENT GRAPH <{COMPACTION_GRAPH}> ;\nINSERT DATA {{ GRAPH <{COMPACTION_GRAPH}> "
                    f"{{ <{node.value}> <{_COMPACTED_BYTES.value}> {self.disk_bytes()} }} }}")
        return True

    def _compacted_bytes(self) -> int | None:
        node = ox.NamedNode(str(COMPACTION_GRAPH))
        for quad in self.store.quads_for_pattern(node, _COMPACTED_BYTES, None, node):
            return int(quad.object.value)
        return None

    def disk_bytes(self) -> int:
        """The store's files on disk (the database files and the write-ahead logs)."""
        total = 0
        for entry in os.scandir(self.path):
            try:
                total += entry.stat().st_size if entry.is_file() else 0
            except FileNotFoundError:
                continue    # RocksDB removed the file between the listing and the stat (its own compaction)
        return total

    def graph_ntriples(self, graph_iri: str) -> bytes:
        return self.store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(graph_iri))

    def flush(self) -> None:
        self.store.flush()

    def close(self) -> None:
        """Release the store (and its lock) now rather than whenever Python collects it."""
        if hasattr(self, "store"):
            del self.store
            gc.collect()   # query iterators may hold the last reference in a cycle

    def __enter__(self) -> "GraphStore":
        return self

    def __exit__(self, *_: object) -> None:
        self.close()


def is_article_graph(graph_iri: str) -> bool:
    """Whether a named graph is an article's (not the scheme, the tallies, the gazetteer or bookkeeping)."""
    return graph_iri.startswith(_ARTICLE_GRAPH_PREFIX) and graph_iri not in DERIVED_GRAPHS


def _subjects(ntriples: bytes) -> set[str]:
    """The subjects of these N-Triples lines (IRIs: the descriptions have no blank node)."""
    return {line[1:line.index(b">")].decode("utf-8") for line in ntriples.splitlines() if line.startswith(b"<")}


def articles_among(graph_names: Iterable[str]) -> list[str]:
    """The article graphs among these named graphs, sorted."""
    return sorted(filter(is_article_graph, graph_names))


# Triples per transaction when a derived graph is replaced: bounded memory, few transactions.
REPLACE_STEP = 10_000


def _remove_graph_update(graph_iri: str) -> str:
    """A SPARQL update that drops a graph and the union's triples no other graph holds."""
    return (f"DELETE {{ ?s ?p ?o }} WHERE {{ GRAPH <{graph_iri}> {{ ?s ?p ?o }} "
            f"FILTER NOT EXISTS {{ GRAPH ?other {{ ?s ?p ?o }} FILTER(?other != <{graph_iri}>) }} }} ;\n"
            f"DROP SILENT GRAPH <{graph_iri}>")
