"""The Turtle of the article graphs a build loads, kept on disk until graph.ttl's chunks are written.

A chunk of graph.ttl read back from the store costs about 0.3 s per 500 article graphs (every term
of every quad is looked up in RocksDB's string table, 7 µs a quad): most of graph.ttl's time in a
full build. Extraction writes each article's own triples as Turtle as well (0.13 ms an article,
graph/descriptions.loadable); the loader appends them to one temporary file beside the outputs,
and a new chunk of graphs loaded by this build takes its text from there. A graph a merge renamed
after it was loaded is read from the store instead (graph/turtle_chunks.py).

The file is `.graph.ttl.loaded-*.tmp` in the output folder: deleted when the build ends, and
by the next build (exports/build.remove_stale_temporaries) when a killed one left it.
"""
from __future__ import annotations

import functools
import uuid
from collections.abc import Iterable
from pathlib import Path
from threading import Lock
from typing import BinaryIO

import pyoxigraph as ox

from .assemble import PREFIXES

PROBE = ox.NamedNode("urn:diplograph:probe")   # an IRI no prefix abbreviates


@functools.cache
def prefix_header() -> bytes:
    """The @prefix lines the serialiser starts every Turtle text with (the project's prefixes)."""
    text = ox.serialize([ox.Triple(PROBE, PROBE, PROBE)], format=ox.RdfFormat.TURTLE, prefixes=PREFIXES)
    return text[:text.index(b"<urn:diplograph:probe>")]


def turtle_body(ntriples: bytes) -> bytes | None:
    """N-Triples as Turtle with the project's prefixes, without the @prefix lines, ending with a line
    break; None when the serialiser did not start with those lines (nothing to write)."""
    text = ox.serialize(ox.parse(ntriples, format=ox.RdfFormat.N_TRIPLES), format=ox.RdfFormat.TURTLE,
                        prefixes=PREFIXES)
    header = prefix_header()
    if not text.startswith(header) or len(text) == len(header):
        return None
    return text[len(header):] if text.endswith(b"\n") else text[len(header):] + b"\n"


class LoadedTurtle:
    """Each loaded article graph's triples as Turtle (no @prefix lines), by graph IRI."""

    def __init__(self, folder: Path) -> None:
        self.path = Path(folder) / f".graph.ttl.loaded-{uuid.uuid4().hex}.tmp"
        self._file: BinaryIO | None = None
        self._where: dict[str, tuple[int, int]] = {}     # graph → (offset, length) in the file
        self._end = 0
        self._failed = False     # a write failed: nothing is kept from then on
        self._lock = Lock()     # the loader thread appends while nothing reads; kept simple and safe

    def add(self, graphs: Iterable[tuple[str, bytes | None]]) -> None:
        """Keep these (graph IRI, Turtle body) pairs; a graph with none is forgotten (read from the store).
        One write a batch: a thread that wrote an article at a time waited for the GIL at every write."""
        with self._lock:
            parts, offset = [], self._end
            for graph, body in graphs:
                if body is None:
                    self._where.pop(graph, None)
                    continue
                parts.append(body)
                self._where[graph] = (offset, len(body))
                offset += len(body)
            if parts and not self._failed:
                try:
                    if self._file is None:
                        self._file = open(self.path, "w+b")
                    self._file.seek(self._end)
                    self._file.write(b"".join(parts))
                    self._end = offset
                except OSError:
                    # A full disk must not fail the build: graph.ttl's chunks are then read from the store.
                    self._failed = True
            if self._failed:
                self._where.clear()

    def body(self, graphs: list[str]) -> bytes | None:
        """The Turtle of all these graphs, one after another; None when one of them is not held."""
        with self._lock:
            if self._file is None or any(graph not in self._where for graph in graphs):
                return None
            parts = []
            try:
                for graph in graphs:
                    offset, length = self._where[graph]
                    self._file.seek(offset)
                    parts.append(self._file.read(length))
            except OSError:
                return None
            return b"".join(parts) if all(len(part) == self._where[g][1] for part, g in zip(parts, graphs)) else None

    def close(self) -> None:
        with self._lock:
            if self._file is not None:
                self._file.close()
                self._file = None
            self.path.unlink(missing_ok=True)
            self._where.clear()
            self._end = 0

    def __enter__(self) -> "LoadedTurtle":
        return self

    def __exit__(self, *_: object) -> None:
        self.close()
