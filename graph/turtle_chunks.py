"""graph.ttl written from chunks: a build that adds k articles serialises about k articles, not the store.

`DIR/graph.ttl` is the whole graph as Turtle after every build (the contract). Serialising the
union from scratch costs what the store holds (1 s CPU at 2,000 articles, 5 s at 10,000). Here
it is the concatenation of chunk files kept in `DIR/.graph.ttl.chunks/`:

- one chunk per run of up to CHUNK_ARTICLES article graphs: the triples of those graphs, as Turtle
  with the project's prefixes; read from the store, or, for graphs the build loaded and no merge
  renamed since, the Turtle extraction wrote of each (graph/loaded_turtle.py), where a triple two
  of them hold is written twice;
- one chunk for the graphs that are no article (the topic scheme, the tallies), written when they
  change: a tally recount marks the tally nodes whose triples it changed, and the chunk is then the
  old one's text without those nodes' blocks, and their triples read again (reading the 134,000
  tally triples of a 100,000-article store whole takes 1.2 s, parsing the old chunk 0.5 s); a patch
  that does not give the derived graphs' triple counts, a replaced derived graph or an unknown
  change reads them whole.

Turtle allows a prefix to be declared again, and a parse is a set: a triple that two chunks
repeat (a minister's labels) is one triple of the graph, and the union of the chunks is the
union of the named graphs, which is what the store keeps as its default graph.

`manifest.json` says which graphs each chunk holds, with the merges recorded in each graph
(graph/merging.py renames nodes inside article graphs and records each rename in the graph
itself, so a graph's triples are what its article gave, renamed as its records say). A chunk is
written again when one of its graphs was removed, when the merges recorded in one of them differ
from the manifest's, or when the store marks one of them as changed; new graphs go into the
last chunk while it has room, then into new chunks. Graphs are marked, in a bookkeeping graph
(TURTLE_GRAPH), in the same transaction that loads or removes them (store.py), and the marks
are cleared only once the manifest that accounts for them is on disk: a process killed at any
moment leaves either the old manifest with the marks (the chunks are written again) or the new
one. Chunk files get new names and the old ones are deleted only after the manifest that stops
naming them, so a manifest never names a file half written.

Any doubt gives a full rewrite of every chunk: no manifest (`serve --writable` deletes it before
it lets SPARQL updates in), one unreadable or of another format,
a chunk file missing or of another size than the manifest says, or a store other than the one
the manifest was written for (the store keeps a random token in TURTLE_GRAPH, the manifest its
copy: a store copied in from elsewhere, or an older one without a token, does not match).

A build that finds no mark at all (nothing loaded, removed or replaced since; every merge and tally
follows a load or a removal, and any other update through GraphStore marks an unknown change) and
graph.ttl still as the manifest made it writes nothing and lists nothing. Only a write into the
Oxigraph files past GraphStore would go unseen, as it would by the store's other bookkeeping.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

import pyoxigraph as ox

from extract.fileio import atomic_path, write_atomically

from . import iris
from .assemble import PREFIXES
from .loaded_turtle import PROBE, LoadedTurtle, prefix_header

if TYPE_CHECKING:  # pragma: no cover
    from .store import GraphStore

CHUNKS_DIR = ".graph.ttl.chunks"
MANIFEST = "manifest.json"
FORMAT = 1
# Article graphs per chunk. Serialising a chunk costs about 0.7 ms per article (2,000-article store,
# 500 graphs in 0.34 s), and a build rewrites the last chunk it fills: the bigger the chunk, the
# dearer an add or a removal; the smaller, the more prefix headers and repeated gazetteer triples.
CHUNK_ARTICLES = 500
MARKS_PER_UPDATE = 10_000
TURTLE_GRAPH = iris.ID["turtle-chunks"]
_NODE = ox.NamedNode(str(TURTLE_GRAPH))
_STORE_TOKEN = ox.NamedNode(str(iris.ID["turtle-chunks/store"]))
_CHANGED = ox.NamedNode(str(iris.ID["turtle-chunks/changed"]))
_UNKNOWN = str(iris.ID["turtle-chunks/unknown"])
_CHANGED_NODE = ox.NamedNode(str(iris.ID["turtle-chunks/changed-node"]))
_MERGES = "SELECT ?g ?event ?report WHERE { GRAPH ?g { ?event dg:mergedFrom ?report } }"
_TRIPLES_OF = "CONSTRUCT {{ ?s ?p ?o }} WHERE {{ SELECT DISTINCT ?s ?p ?o WHERE {{ VALUES ?g {{ {graphs} }} GRAPH ?g {{ ?s ?p ?o }} }} }}"

Merges = list[list[str]]   # the [event, report] pairs recorded in one graph, sorted


@dataclass(slots=True)
class Chunk:
    file: str
    size: int
    graphs: dict[str, Merges]


@dataclass(slots=True)
class Manifest:
    store: str
    next: int
    derived: Chunk
    derived_counts: dict[str, int]      # the triples of each graph in the derived chunk
    chunks: list[Chunk] = field(default_factory=list)

    def as_json(self) -> str:
        def chunk(c: Chunk) -> dict:
            return {"file": c.file, "size": c.size, "graphs": c.graphs}
        return json.dumps({"format": FORMAT, "store": self.store, "next": self.next, "derived": chunk(self.derived),
                           "derived_counts": self.derived_counts, "chunks": [chunk(c) for c in self.chunks]})


@dataclass(slots=True)
class TurtleReport:
    full: bool                  # every chunk written (no manifest to trust)
    written: int                # article chunks written
    kept: int                   # article chunks kept as they were
    # A digest of the manifest written: equal digests, with `full` false both times, mean the same
    # chunks, so the same graph (exports/view_state.py keeps graph.html while it does not change).
    digest: str = ""
    previous_digest: str | None = None   # of the manifest the chunks were written from (None: none to trust)
    # The article chunks' files and the graphs in each: a file is kept only while none of its graphs
    # changed, and one written never takes the name of a file of the manifest before (exports/view_records.py).
    chunks: dict[str, frozenset[str]] = field(default_factory=dict)
    # Whether a graph of the manifest before went, or was loaded again, since (True when not known).
    graphs_removed: bool = True


def change_quads(graphs: list[str]) -> list[ox.Quad]:
    """Marks for graphs about to be loaded: to go in the transaction that names the batch."""
    return [ox.Quad(_NODE, _CHANGED, ox.NamedNode(graph), _NODE) for graph in graphs]


def changed_node_quads(nodes: Iterable[str]) -> list[ox.Quad]:
    """Marks for nodes of a derived graph about to be loaded into (the descriptions of a batch), as quads."""
    return [ox.Quad(_NODE, _CHANGED_NODE, ox.NamedNode(node), _NODE) for node in sorted(set(nodes))]


def unknown_change_update() -> str:
    """A mark for a change the store cannot name the graphs of (any SPARQL update, GraphStore.update):
    the next write lists every graph again instead of trusting that nothing changed."""
    return changed_update(_UNKNOWN)


def changed_update(graph_iri: str) -> str:
    """A SPARQL update marking a graph (an article's, or a derived one: the scheme, the tallies) as
    changed, to run inside the update that changes it."""
    return f"INSERT DATA {{ GRAPH <{_NODE.value}> {{ <{_NODE.value}> <{_CHANGED.value}> <{graph_iri}> }} }}"


def changed_nodes_update(nodes: Iterable[str]) -> str:
    """A SPARQL update marking nodes of a derived graph whose triples changed (the tallies that moved),
    to run inside the update that changes them: the derived chunk is then patched, not read whole
    (the 134,000 tally triples of a 100,000-article store take 1.2 s to read)."""
    listed = " ".join(f"<{_NODE.value}> <{_CHANGED_NODE.value}> <{node}> ." for node in sorted(set(nodes)))
    return f"INSERT DATA {{ GRAPH <{_NODE.value}> {{ {listed} }} }}"


def forget_chunks(out_dir: Path) -> None:
    """Make the next build write every chunk again: for a store about to be changed by something other
    than a build or `remove` (`serve --writable` lets SPARQL updates in), which leaves no marks."""
    (Path(out_dir) / CHUNKS_DIR / MANIFEST).unlink(missing_ok=True)


def write_turtle(store: "GraphStore", path: Path, loaded: LoadedTurtle | None = None) -> TurtleReport:
    """Write `path` (graph.ttl) as the concatenation of the chunks, writing again only those that changed.

    `loaded` holds the Turtle of the graphs this build loaded: a new chunk of those takes its text
    from there instead of reading them back from the store (graph/loaded_turtle.py)."""
    folder = Path(path).parent / CHUNKS_DIR
    token, changed, changed_nodes = _bookkeeping(store)
    from .store import articles_among
    old = _read_manifest(folder, token)
    previous = hashlib.sha256(old_json := (folder / MANIFEST).read_bytes()).hexdigest() if old is not None else None
    if (old is not None and not changed and not changed_nodes
            and _written_from(Path(path), folder, old_json, [*old.chunks, old.derived])):
        # Nothing loaded, removed, merged, recounted or updated since these chunks were written (each
        # leaves a mark): graph.ttl is what they make, and listing 100,000 graphs would only say so.
        return TurtleReport(full=False, written=0, kept=len(old.chunks), digest=previous, previous_digest=previous,
                            chunks={chunk.file: frozenset(chunk.graphs) for chunk in old.chunks}, graphs_removed=False)
    names = _names(store, old, changed)
    graphs = set(articles_among(names))
    merges = _merges(store)
    chunks: list[Chunk] = []
    numbering = old.next if old else 0

    def new_chunk(members: list[str], data: bytes | None = None, head: Chunk | None = None) -> Chunk:
        """A chunk of `members`: from `data`, or the graphs' Turtle as loaded (after `head`'s file, whose
        graphs come first), or read from the store."""
        nonlocal numbering
        name = f"{numbering:08d}.ttl"
        numbering += 1
        if data is None:
            data = _from_loaded(folder, loaded, members, merges, head)
        size = _write_chunk(store, folder / name, members) if data is None else _write_data(folder / name, data)
        return Chunk(name, size, {g: merges.get(g, []) for g in members})

    folder.mkdir(exist_ok=True)
    if old is None:
        (folder / MANIFEST).unlink(missing_ok=True)   # files it named are about to be written over
    placed: set[str] = set()
    for chunk in (old.chunks if old else []):
        placed.update(chunk.graphs)
        if all(g in graphs and g not in changed and merges.get(g, []) == recorded for g, recorded in chunk.graphs.items()):
            chunks.append(chunk)
        elif kept := [g for g in chunk.graphs if g in graphs]:
            chunks.append(new_chunk(kept))
    new = sorted(graphs - placed)
    if new and chunks and len(chunks[-1].graphs) < CHUNK_ARTICLES:    # fill the last chunk first
        last = chunks.pop()
        room = CHUNK_ARTICLES - len(last.graphs)
        chunks.append(new_chunk([*last.graphs, *new[:room]], head=last))
        new = new[room:]
    for start in range(0, len(new), CHUNK_ARTICLES):
        chunks.append(new_chunk(new[start:start + CHUNK_ARTICLES]))
    counts = _derived_counts(store, names - graphs)
    keep_derived, patched = False, None
    if old and not changed & {*counts, _UNKNOWN} and old.derived_counts.keys() == counts.keys():
        keep_derived = not changed_nodes and old.derived_counts == counts
        if not keep_derived:
            patched = _patched_derived(store, folder / old.derived.file, changed_nodes, counts,
                                       sum(old.derived_counts.values()))
    if old and keep_derived:
        derived = old.derived
    else:
        derived = new_chunk(sorted(counts), patched)
        derived.graphs = {}
    manifest = Manifest(token or uuid.uuid4().hex, numbering, derived, counts, chunks)
    manifest_json = manifest.as_json().encode("utf-8")
    if old is None or not _written_from(Path(path), folder, manifest_json, [*chunks, derived]):
        _concatenate(folder, [*chunks, derived], Path(path))
        write_atomically(folder / MANIFEST, manifest_json)
    _clear_marks(store, changed, changed_nodes, manifest.store if token is None else None)
    _delete_unnamed(folder, manifest)
    kept = len({id(c) for c in chunks} & {id(c) for c in (old.chunks if old else [])})
    return TurtleReport(full=old is None, written=len(chunks) - kept, kept=kept,
                        digest=hashlib.sha256(manifest_json).hexdigest(), previous_digest=previous,
                        chunks={chunk.file: frozenset(chunk.graphs) for chunk in chunks},
                        graphs_removed=old is None or any(g not in graphs or g in changed for g in placed))


def _bookkeeping(store: "GraphStore") -> tuple[str | None, set[str], set[str]]:
    """The store's token, and the graphs and the derived graphs' nodes marked as changed since the chunks
    were last written."""
    token, changed, nodes = None, set(), set()
    for quad in store.store.quads_for_pattern(_NODE, None, None, _NODE):
        if quad.predicate == _STORE_TOKEN:
            token = quad.object.value
        elif quad.predicate == _CHANGED:
            changed.add(quad.object.value)
        elif quad.predicate == _CHANGED_NODE:
            nodes.add(quad.object.value)
    return token, changed, nodes


def _names(store: "GraphStore", old: Manifest | None, changed: set[str]) -> set[str]:
    """The store's named graphs (less, maybe, bookkeeping ones). Every graph loaded, removed or replaced
    since `old` was written is marked, so with no unknown change the graphs are those `old` names that
    are not marked, and those marked that are there: a lookup per mark, not a listing of the store
    (0.7 s at 100,000 articles)."""
    if old is None or _UNKNOWN in changed:
        return store.graph_names()
    from .store import DERIVED_GRAPHS
    unmarked = {g for chunk in old.chunks for g in chunk.graphs if g not in changed}
    return unmarked | {g for g in changed | old.derived_counts.keys() | set(DERIVED_GRAPHS) if store.has_graph(g)}


def _merges(store: "GraphStore") -> dict[str, Merges]:
    recorded: dict[str, Merges] = {}
    for row in store.query(_MERGES):
        recorded.setdefault(row["g"].value, []).append([row["event"].value, row["report"].value])
    return {graph: sorted(pairs) for graph, pairs in recorded.items()}


def _derived_counts(store: "GraphStore", others: set[str]) -> dict[str, int]:
    """Every named graph of the union among `others` (the named graphs that are no article graph) that is no
    bookkeeping graph (the scheme, the tallies, any other), with its number of triples: a change the
    marks missed that changes the count still writes the chunk again."""
    from .store import BOOKKEEPING_GRAPHS
    graphs = sorted(others - {str(g) for g in BOOKKEEPING_GRAPHS})
    return {graph: int(next(iter(store.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}")))["n"].value)
            for graph in graphs}


def _from_loaded(folder: Path, loaded: LoadedTurtle | None, members: list[str], merges: dict[str, Merges],
                 head: Chunk | None) -> bytes | None:
    """A chunk's text without reading the store: `head`'s file (a chunk just kept or written, which holds
    its graphs as they are), then the Turtle the loader kept of the other members. None when one of
    those was not loaded by this build, or a merge has renamed a node in it since."""
    graphs = members[len(head.graphs):] if head else members
    if loaded is None or not graphs or any(merges.get(g) for g in graphs):
        return None
    body = loaded.body(graphs)
    if body is None:
        return None
    if head is None:
        return prefix_header() + body
    try:
        start = (folder / head.file).read_bytes()
    except OSError:
        return None
    return start + body if len(start) == head.size and start.startswith(prefix_header()) else None


def _write_chunk(store: "GraphStore", path: Path, graphs: list[str]) -> int:
    """The distinct triples of `graphs` as Turtle in `path`; returns its size."""
    if graphs:
        triples = store.query(_TRIPLES_OF.format(graphs=" ".join(f"<{g}>" for g in graphs)))
        return _write_data(path, ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=PREFIXES))
    return _write_data(path, b"")


def _write_data(path: Path, data: bytes) -> int:
    if data and not data.endswith(b"\n"):
        data += b"\n"
    path.write_bytes(data)
    return len(data)


def _patched_derived(store: "GraphStore", old_file: Path, nodes: set[str], counts: dict[str, int],
                     old_count: int) -> bytes | None:
    """The derived chunk as Turtle: the old one without the blocks of the marked nodes, and those nodes'
    triples read again from the derived graphs. The old chunk is handled as text, one block per run of
    a subject's lines (the serialiser starts a subject's block at the line's start and indents the
    rest), not parsed: a parse of its 134,000 tally triples was 0.5 s of every add at 100,000 articles.
    None (read them whole) when the old chunk cannot be read, holds a blank node or was written with
    other prefixes, or the result has not the triples the graphs count (`old_count`: the old chunk's)."""
    try:
        old = old_file.read_bytes()
    except OSError:
        return None
    header = prefix_header()
    if not old.startswith(header) or b"_:" in old:
        return None
    marked = sorted(nodes)
    tokens = _subject_tokens(marked)
    kept, dropped = [], []
    for token, block in _blocks(old[len(header):]):
        (dropped if token in tokens else kept).append(block)
    try:
        dropped_count = sum(1 for _ in ox.parse(header + b"".join(dropped), format=ox.RdfFormat.TURTLE))
    except (SyntaxError, ValueError):
        return None
    fresh = {quad.triple for graph in map(ox.NamedNode, counts) for node in map(ox.NamedNode, marked)
             for quad in store.store.quads_for_pattern(node, None, None, graph)}
    if old_count - dropped_count + len(fresh) != sum(counts.values()):
        return None
    written = ox.serialize(sorted(fresh, key=str), format=ox.RdfFormat.TURTLE, prefixes=PREFIXES) if fresh else header
    if not written.startswith(header):
        return None
    body = b"".join(kept) + written[len(header):]
    return header + body if body else b""


def _subject_tokens(nodes: list[str]) -> set[bytes]:
    """How the serialiser writes each of these IRIs as a subject (a prefixed name, escaped, or <IRI>)."""
    if not nodes:
        return set()
    text = ox.serialize([ox.Triple(ox.NamedNode(node), PROBE, ox.Literal(str(n))) for n, node in enumerate(nodes)],
                        format=ox.RdfFormat.TURTLE, prefixes=PREFIXES)
    return {token for token, _ in _blocks(text[len(prefix_header()):])}


def _blocks(body: bytes) -> Iterable[tuple[bytes, bytes]]:
    """(subject as written, its lines) for each block of a Turtle text past its prefixes, as the
    serialiser writes them: a block's first line starts with its subject, the next ones with a tab
    (a literal's line breaks are written escaped, so a line break ends a line of the text)."""
    start = position = 0
    token = b""
    while position < len(body):
        line_end = body.find(b"\n", position) + 1 or len(body)
        if body[position:position + 1] != b"\t":
            if position > start:
                yield token, body[start:position]
            space = body.find(b" ", position, line_end)
            start, token = position, body[position:space if space >= 0 else line_end]
        position = line_end
    if len(body) > start:
        yield token, body[start:]


def _read_manifest(folder: Path, token: str | None) -> Manifest | None:
    """The manifest, when it is of this format, written for this store, and every file it names is there."""
    if token is None:
        return None
    try:
        raw = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        if raw.get("format") != FORMAT or raw.get("store") != token:
            return None
        derived = Chunk(raw["derived"]["file"], int(raw["derived"]["size"]), {})
        chunks = [Chunk(str(c["file"]), int(c["size"]), {str(g): [list(map(str, pair)) for pair in merges]
                                                            for g, merges in c["graphs"].items()})
                  for c in raw["chunks"]]
        counts = {str(g): int(n) for g, n in raw["derived_counts"].items()}
        manifest = Manifest(token, int(raw["next"]), derived, counts, chunks)
        for chunk in [*chunks, derived]:
            if Path(chunk.file).name != chunk.file or (folder / chunk.file).stat().st_size != chunk.size:
                return None
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
    return manifest


def _written_from(path: Path, folder: Path, manifest_json: bytes, chunks: list[Chunk]) -> bool:
    """Whether `path` is already the concatenation `manifest_json` describes: the manifest on disk is that
    one, written after `path` (a concatenation is renamed into place before its manifest is written), and
    `path` has the chunks' size. Then a build that changed nothing copies no byte (480 MB at 100,000)."""
    try:
        written, described = path.stat(), (folder / MANIFEST).stat()
        return (written.st_mtime_ns <= described.st_mtime_ns and written.st_size == sum(c.size for c in chunks)
                and (folder / MANIFEST).read_bytes() == manifest_json)
    except OSError:
        return False


def _concatenate(folder: Path, chunks: list[Chunk], path: Path) -> None:
    with atomic_path(path) as temporary, open(temporary, "wb", buffering=0) as out:   # unbuffered: sendfile
        for chunk in chunks:
            with open(folder / chunk.file, "rb") as part:
                _append(part, out)


def _append(source: BinaryIO, target: BinaryIO) -> None:
    """Append `source` to the unbuffered `target`: in the kernel where it can (sendfile: 0.2 s against
    0.3 s through a buffer for the 447 MB of a 100,000-article graph.ttl), else through a buffer."""
    start = target.tell()
    try:
        offset, size = 0, os.fstat(source.fileno()).st_size
        while offset < size and (sent := os.sendfile(target.fileno(), source.fileno(), offset, size - offset)):
            offset += sent
        if offset == size:
            return
    except (AttributeError, OSError):     # no sendfile here (not Linux), or not for these files
        pass
    target.seek(start)
    target.truncate()
    source.seek(0)
    shutil.copyfileobj(source, target, 2**20)


def _clear_marks(store: "GraphStore", changed: set[str], nodes: set[str], new_token: str | None) -> None:
    """Forget the marks the manifest now accounts for (and keep the store's new token), MARKS_PER_UPDATE
    a transaction: a full build's 100,000 marks in one update held 100 MB more. A kill in between
    leaves some marks, whose chunks the next build writes again; a token not kept, a full rewrite."""
    marks = [*((_CHANGED, g) for g in sorted(changed)), *((_CHANGED_NODE, n) for n in sorted(nodes))]
    for start in range(0, len(marks), MARKS_PER_UPDATE):
        store.update_bookkeeping(f"DELETE DATA {{ GRAPH <{_NODE.value}> {{ " + " ".join(
            f"<{_NODE.value}> <{kind.value}> <{g}> ." for kind, g in marks[start:start + MARKS_PER_UPDATE]) + " } }")
    if new_token is not None:
        store.update_bookkeeping(
            f"DELETE WHERE {{ GRAPH <{_NODE.value}> {{ <{_NODE.value}> <{_STORE_TOKEN.value}> ?any }} }} ;\n"
            f"INSERT DATA {{ GRAPH <{_NODE.value}> {{ <{_NODE.value}> <{_STORE_TOKEN.value}> \"{new_token}\" }} }}")


def _delete_unnamed(folder: Path, manifest: Manifest) -> None:
    """Delete the chunk files the manifest no longer names (and any a killed process left)."""
    named = {MANIFEST, manifest.derived.file, *(c.file for c in manifest.chunks)}
    for entry in folder.iterdir():
        if entry.name not in named and entry.is_file():
            entry.unlink(missing_ok=True)
