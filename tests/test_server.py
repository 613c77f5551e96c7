"""A real Oxigraph server (issue 5): push to it, query it over HTTP, serve a build."""
import json
import shutil
import subprocess
import sys
from urllib.parse import urlencode
from urllib.request import urlopen

import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from exports.cli import main
from graph import sparql
from graph.assemble import PREFIXES
from graph.store import GraphStore
from server_helpers import free_port, oxigraph_server, wait_for

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } }"
PAIRS = """PREFIX dg: <https://w3id.org/diplograph/ns#>
SELECT DISTINCT ?event ?person WHERE { ?event a dg:Interaction ; dg:participant ?person } ORDER BY ?event ?person"""


@pytest.fixture
def oxigraph(tmp_path):
    if shutil.which("oxigraph") is None:
        pytest.skip("the oxigraph server is not installed (pip install oxigraph)")
    with oxigraph_server(tmp_path / "server", union_default_graph=True) as base:
        yield base


def remote(base: str, query: str) -> list[dict]:
    url = f"{base}/query?" + urlencode({"query": query})
    with urlopen(url, timeout=30) as response:
        document = json.load(response)
    return [{k: v["value"] for k, v in row.items()} for row in document["results"]["bindings"]]


@pytest.fixture
def built(tmp_path, fixtures):
    out = tmp_path / "out"
    assert main(["build", str(fixtures / "queries"), "--out", str(out), "-q"]) == 0
    return out


def test_push_then_query_over_http_gives_the_local_answers(oxigraph, built):
    assert main(["push", str(built), "--endpoint", f"{oxigraph}/store", "-q"]) == 0
    with GraphStore(built, read_only=True) as store:
        local_count = int(sparql.run(store, COUNT).rows[0][0])
        local_pairs = sparql.run(store, PAIRS).rows
    assert int(remote(oxigraph, COUNT)[0]["n"]) == local_count
    assert [[r["event"], r["person"]] for r in remote(oxigraph, PAIRS)] == local_pairs
    # pushing again replaces the graphs: the same number of triples
    assert main(["push", str(built), "--endpoint", f"{oxigraph}/store", "-q"]) == 0
    assert int(remote(oxigraph, COUNT)[0]["n"]) == local_count
    graphs = remote(oxigraph, "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
    assert len(graphs) == 6                       # three articles, the topic scheme, the tallies, the gazetteer


def test_named_queries_over_http_give_the_local_answers(oxigraph, built):
    # The server's default graph is the union as a bag (a label in three article graphs is there three
    # times): the named queries must count the same as on the store, whose union is a set.
    assert main(["push", str(built), "--endpoint", f"{oxigraph}/store", "-q"]) == 0
    prefixes = "".join(f"PREFIX {name}: <{iri}>\n" for name, iri in PREFIXES.items())
    for name in ("topics-by-minister", "contacts-per-country-month", "most-contacted"):
        with GraphStore(built, read_only=True) as store:
            local = sparql.run_named(store, name, {})
        answer = remote(oxigraph, prefixes + sparql.named_queries()[name].text)
        assert local.rows and [[row.get(column) for column in local.columns] for row in answer] == local.rows


def test_a_dask_build_pushed_to_a_server_is_the_one_process_graph(oxigraph, dask_build, one_process_graph):
    # Issue 7: extraction on a Dask cluster, then the graph into a SPARQL server, gives the same
    # graph as one process building locally; every article arrives as its own named graph.
    assert main(["push", str(dask_build), "--endpoint", f"{oxigraph}/store", "-q", "--connections", "3"]) == 0
    with urlopen(f"{oxigraph}/query?" + urlencode({"query": "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"}),
                 timeout=30) as response:
        served = Graph().parse(data=response.read(), format=response.headers.get_content_type())
    assert isomorphic(served, one_process_graph)
    with GraphStore(dask_build, read_only=True) as store:
        articles = set(store.article_graphs())
    graphs = {row["g"] for row in remote(oxigraph, "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")}
    assert articles and articles < graphs


def test_push_to_nowhere_is_a_clear_error(built, capsys):
    assert main(["push", str(built), "--endpoint", f"http://127.0.0.1:{free_port()}/store"]) == 2
    assert "cannot reach" in capsys.readouterr().err


def test_serve_answers_sparql_and_serves_the_view(built):
    if shutil.which("oxigraph") is None:
        pytest.skip("the oxigraph server is not installed (pip install oxigraph)")
    port, view_port = free_port(), free_port()
    server = subprocess.Popen([sys.executable, "-m", "exports.cli", "serve", str(built), "--port", str(port),
                               "--view-port", str(view_port)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        wait_for(f"http://127.0.0.1:{port}/")
        base = f"http://127.0.0.1:{port}"
        with urlopen(base + "/", timeout=10) as page:
            home = page.read().decode("utf-8", "replace")
        assert 'id="query"' in home and "yasgui" not in home.lower()     # our own query page (test_query_page.py)
        assert int(remote(base, COUNT)[0]["n"]) > 0
        with urlopen(f"http://127.0.0.1:{view_port}/graph.html", timeout=10) as view:
            assert view.status == 200 and b"<html" in view.read(2000).lower()
        with pytest.raises(OSError):
            urlopen(f"http://127.0.0.1:{view_port}/store/CURRENT", timeout=10)
        with pytest.raises(OSError):                  # read-only by default: updates are refused
            urlopen(base + "/update", data=b"update=CLEAR+ALL", timeout=10)
    finally:
        server.terminate()
        server.wait(timeout=15)
