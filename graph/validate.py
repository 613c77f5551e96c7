"""Checking a graph against the contract's SHACL shapes (graph/shapes.ttl)."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pyshacl import validate as shacl_validate
from rdflib import Graph, Namespace

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
