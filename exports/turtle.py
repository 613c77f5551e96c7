"""The whole graph as Turtle."""
from __future__ import annotations

from pathlib import Path

from rdflib import Graph

from extract.fileio import write_atomically


def write_turtle(graph: Graph, path: Path) -> None:
    write_atomically(path, graph.serialize(format="turtle").encode("utf-8"))
