"""The Turtle extraction writes of each article's own triples, kept while a build runs for graph.ttl's new
chunks (graph/loaded_turtle.py): the same triples as the N-Triples loaded, handed back per graph, gone
when the build ends."""
from __future__ import annotations

import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from exports.build import build
from fault_helpers import write_tiny_corpus
from graph.descriptions import loadable
from graph.loaded_turtle import LoadedTurtle, prefix_header, turtle_body

EX = "https://example.org/"
ID = "https://w3id.org/diplograph/id/"


@pytest.mark.parametrize("ntriples", [
    f'<{EX}a> <{EX}said> "plain" .\n',
    f'<{EX}a> <{EX}said> "a \\"quoted\\" word, a back\\\\slash" .\n',
    f'<{EX}a> <{EX}said> "two\\nlines\\r\\tand a tab"@en .\n',
    f'<{EX}a> <{EX}said> "نص عربي"@ar .\n<{EX}a> <{EX}said> "текст"@ru .\n',
    f'<{EX}a> <{EX}on> "2024-03-01"^^<http://www.w3.org/2001/XMLSchema#date> .\n',
    f'<{ID}article/x> <https://schema.org/headline> "a prefixed subject" .\n<{ID}article/x> <{EX}n> "1" .\n',
    f'<{EX}a> <{EX}p> <{EX}b> .\n<{EX}b> <{EX}p> <{EX}a> .\n<{EX}a> <{EX}q> "x" .\n',
])
def test_the_turtle_body_holds_the_triples_of_the_ntriples(ntriples):
    body = turtle_body(ntriples.encode())
    assert body is not None and body.endswith(b"\n") and not body.startswith(b"@prefix")
    parsed = Graph().parse(data=(prefix_header() + body).decode(), format="turtle")
    assert isomorphic(parsed, Graph().parse(data=ntriples, format="nt"))


def test_an_article_with_a_blank_node_has_no_turtle_and_is_read_from_the_store():
    article = loadable("0" * 20, f'_:b <{EX}p> "x" .\n<{EX}a> <{EX}p> "y" .\n'.encode(), with_turtle=True)
    assert article.turtle is None and article.said


@pytest.mark.parametrize("added, asked, expected", [
    ([("g1", b"one\n"), ("g2", b"two\n")], ["g2", "g1"], b"two\none\n"),       # in the order asked
    ([("g1", b"one\n"), ("g2", b"two\n")], ["g1", "g3"], None),                # one not held: none
    ([("g1", b"one\n"), ("g1", None)], ["g1"], None),                          # forgotten: read from the store
    ([("g1", b"one\n"), ("g2", None), ("g3", b"three\n")], ["g3"], b"three\n"),
    ([], ["g1"], None),
])
def test_the_loaded_turtle_is_handed_back_per_graph(tmp_path, added, asked, expected):
    with LoadedTurtle(tmp_path) as loaded:
        for pair in added:             # one batch a pair: offsets carry over from one batch to the next
            loaded.add([pair])
        assert loaded.body(asked) == expected
        path = loaded.path
    assert not path.exists()


def test_a_build_leaves_no_loaded_turtle_behind_and_takes_a_killed_ones_away(tmp_path):
    corpus = write_tiny_corpus(6, tmp_path / "in", per_file=3, seed=3)
    out = tmp_path / "out"
    out.mkdir()
    left = out / ".graph.ttl.loaded-0123456789abcdef.tmp"    # as a killed build leaves it
    left.write_bytes(b"half a chunk")
    assert build(corpus, out, progress=False).ok
    assert list(out.glob(".graph.ttl.loaded-*")) == []


def test_a_loaded_turtle_that_cannot_be_written_keeps_nothing_and_the_build_goes_on(tmp_path):
    with LoadedTurtle(tmp_path / "no such folder") as loaded:       # the file cannot be made
        loaded.add([("g1", b"one\n")])
        assert loaded.body(["g1"]) is None
