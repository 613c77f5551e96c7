"""Checking a graph against the contract's SHACL shapes (graph/shapes.ttl), and the store against itself."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from pyshacl import validate as shacl_validate
from rdflib import Graph, Namespace

if TYPE_CHECKING:  # pragma: no cover
    from .store import GraphStore

SHAPES = Path(__file__).parent / "shapes.ttl"
SH = Namespace("http://www.w3.org/ns/shacl#")


@dataclass(frozen=True, slots=True)
class Violation:
    focus: str
    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.focus} {self.path}: {self.message}"


def violations(data: Graph) -> list[Violation]:
    """Every way `data` breaks the contract; an empty list when it conforms."""
    shapes = Graph().parse(SHAPES, format="turtle")
    _, report, _ = shacl_validate(data, shacl_graph=shapes, inference="none", advanced=True)
    found = []
    for result in report.subjects(SH.resultSeverity, None):
        focus = report.value(result, SH.focusNode)
        path = report.value(result, SH.resultPath)
        message = report.value(result, SH.resultMessage)
        found.append(Violation(str(focus), str(path) if path is not None else "", str(message or "violation")))
    return sorted(found, key=lambda v: (v.focus, v.path))


@dataclass(slots=True)
class OutOfStep:
    """Where the union (the default graph every query reads) and the named graphs disagree."""
    unfinished: list[str] = field(default_factory=list)     # graphs an interrupted load was writing
    missing: dict[str, int] = field(default_factory=dict)   # graph → its triples the union lacks
    stray: int = 0                                          # union triples no graph holds
    stray_examples: list[str] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.unfinished or self.missing or self.stray)

    def lines(self) -> list[str]:
        found = []
        if self.unfinished:
            found.append(f"{len(self.unfinished)} article(s) of an interrupted load are in doubt (the next "
                         f"`diplograph build` into this folder takes them out and adds them again whole): "
                         + ", ".join(self.unfinished[:5]) + (" …" if len(self.unfinished) > 5 else ""))
        for graph, count in sorted(self.missing.items()):
            found.append(f"{graph}: {count} triple(s) of this graph are missing from the union")
        if self.stray:
            found.append(f"{self.stray} triple(s) of the union are in no graph, e.g. "
                         + "; ".join(self.stray_examples))
        return found


_MISSING = """SELECT ?g (COUNT(*) AS ?n) WHERE {{
  GRAPH ?g {{ ?s ?p ?o }} FILTER(?g NOT IN ({bookkeeping})) FILTER NOT EXISTS {{ ?s ?p ?o }}
}} GROUP BY ?g"""
_STRAY = "SELECT ?s ?p ?o WHERE { ?s ?p ?o FILTER NOT EXISTS { GRAPH ?g { ?s ?p ?o } } }"
_STRAY_EXAMPLES = 3


def out_of_step(store: "GraphStore") -> OutOfStep:
    """Check the union against the article graphs (and the derived ones): each must hold what the others say."""
    from .store import BOOKKEEPING_GRAPHS

    found = OutOfStep(unfinished=store.unfinished_batch())
    found.missing = {row["g"].value: int(row["n"].value)
                     for row in store.query(_MISSING.format(bookkeeping=", ".join(f"<{g}>" for g in BOOKKEEPING_GRAPHS)))}
    for row in store.query(_STRAY):
        if found.stray < _STRAY_EXAMPLES:
            found.stray_examples.append(f"{row['s']} {row['p']} {row['o']}")
        found.stray += 1
    return found
