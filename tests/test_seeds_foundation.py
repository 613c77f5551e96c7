"""Acceptance on the shared seed articles (issue 2): header facts of each article."""
from datetime import date

from rdflib import Graph, Namespace
from rdflib.namespace import RDF

from exports.cli import main

SCHEMA = Namespace("https://schema.org/")
DG = Namespace("https://w3id.org/diplograph/ns#")

EXPECTED = {  # file prefix → (language, publication date or None)
    "000": ("ar", date(2024, 1, 9)),
    "001": ("ar", None),
    "002": ("ar", date(2023, 11, 19)),
    "003": ("fa", date(2023, 12, 20)),
    "004": ("ar", None),
}


def articles(graph):
    for node in graph.subjects(RDF.type, SCHEMA.NewsArticle):
        name = str(graph.value(node, DG.sourceFile)).rsplit("/", 1)[-1]
        yield name[:3], node


def test_seed_headers(shared_dir, tmp_path):
    out = tmp_path / "out"
    assert main(["build", str(shared_dir / "seeds"), "--out", str(out), "-q"]) == 0
    graph = Graph().parse(out / "graph.ttl", format="turtle")
    found = dict(articles(graph))
    assert sorted(found) == sorted(EXPECTED)
    for prefix, (language, published) in EXPECTED.items():
        node = found[prefix]
        assert str(graph.value(node, SCHEMA.inLanguage)) == language, prefix
        value = graph.value(node, SCHEMA.datePublished)
        assert (value.toPython() if value is not None else None) == published, prefix
        assert graph.value(node, SCHEMA.publisher) is not None, prefix
        assert graph.value(node, SCHEMA.headline) is not None, prefix
    triples = len(graph)
    assert main(["build", str(shared_dir / "seeds"), "--out", str(out), "-q"]) == 0
    assert len(Graph().parse(out / "graph.ttl", format="turtle")) == triples
