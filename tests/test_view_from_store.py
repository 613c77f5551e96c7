"""The view read from the build's store (fact by fact from its index, exports/view_model.py) gives the
records the same view read from graph.ttl with rdflib's SPARQL gives, for a whole graph and for windows."""
from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph

from exports.build import build
from exports.view_model import Window, read_view_model
from fault_helpers import write_tiny_corpus
from graph.store import GraphStore

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "articles"


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("view-from-store")
    files = [*map(str, sorted(EXAMPLES.iterdir())), *write_tiny_corpus(40, out / "tiny", per_file=20, seed=5)]
    assert build(files, out / "out", progress=False).ok
    return out / "out"


@pytest.mark.parametrize("window", [
    Window(),                                   # the whole graph: every statement
    Window(limit=7),                            # the latest few: statements of their articles only
    Window(start="2024-01-01"),                 # a period
    Window(end="2023-12-31", limit=5),
], ids=["whole", "latest", "since", "until"])
def test_the_store_gives_the_records_rdflib_gives(built, window):
    from_turtle = read_view_model(Graph().parse(built / "graph.ttl", format="turtle"), window)
    with GraphStore(built, read_only=True) as store:
        from_store = read_view_model(store, window)
    assert from_store.interactions, "the window holds interactions"
    assert any(event.sentences and event.articles for event in from_store.interactions.values())
    for part in ("interactions", "articles", "people", "pairs", "places", "topics", "reports", "shown"):
        assert getattr(from_store, part) == getattr(from_turtle, part), part
