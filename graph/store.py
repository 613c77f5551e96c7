"""The build's store of record: one named graph per article, saved as TriG.

`DIR/graph.trig` keeps each article's triples in its own named graph, so an
article's provenance is kept and a rebuild can tell what is already there;
`DIR/graph.ttl` is the union, exported for users. Every file is written
atomically: a failed build leaves the previous files whole.
"""
from __future__ import annotations

from pathlib import Path

from rdflib import Dataset, Graph, URIRef

from extract.fileio import write_atomically

from . import iris
from .assemble import bind_prefixes

STORE_FILE = "graph.trig"
SCHEME_GRAPH = iris.ID["graph/scheme"]


class StoreError(RuntimeError):
    """The store in DIR cannot be read; the message names the file."""


class GraphStore:
    def __init__(self, directory: Path) -> None:
        self.directory = Path(directory)
        self.path = self.directory / STORE_FILE
        self.dataset = Dataset()
        bind_prefixes(self.dataset)
        if self.path.exists():
            try:
                self.dataset.parse(self.path, format="trig")
            except Exception as exc:  # rdflib raises many parser types
                raise StoreError(f"{self.path}: cannot read the existing store ({exc})") from None
        self._article_graphs = {g.identifier for g in self.dataset.graphs() if isinstance(g.identifier, URIRef)}

    def has_article(self, article_id: str) -> bool:
        return iris.graph_iri(article_id) in self._article_graphs

    def add_article(self, article_id: str, triples: Graph) -> None:
        identifier = iris.graph_iri(article_id)
        target = self.dataset.graph(identifier)
        for triple in triples:
            target.add(triple)
        self._article_graphs.add(identifier)

    def set_scheme(self, triples: Graph) -> None:
        """The topic scheme: shared by all articles, replaced on every build."""
        self.dataset.remove_graph(self.dataset.graph(SCHEME_GRAPH))
        target = self.dataset.graph(SCHEME_GRAPH)
        for triple in triples:
            target.add(triple)

    def union(self) -> Graph:
        graph = bind_prefixes(Graph())
        for subject, predicate, obj, _ in self.dataset.quads((None, None, None, None)):
            graph.add((subject, predicate, obj))
        return graph

    def save(self) -> None:
        write_atomically(self.path, self.dataset.serialize(format="trig").encode("utf-8"))
