"""Named-query parameters cannot become code (issue 16): each value is substituted once, as a typed string
literal, and a named query never uses SERVICE, so running one sends no request anywhere."""
import socket

import pytest
from conftest import ROOT

from exports.cli import main
from graph import sparql
from graph.store import GraphStore


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory):
    out = tmp_path_factory.mktemp("params")
    assert main(["build", str(ROOT / "tests" / "fixtures" / "queries"), "--out", str(out), "-q"]) == 0
    return out


def pair_rows(store_dir, a, b):
    with GraphStore(store_dir, read_only=True) as store:
        return sparql.run_named(store, "pair-timeline", {"a": a, "b": b}).rows


def test_a_value_naming_another_parameter_is_only_text(store_dir):
    assert pair_rows(store_dir, "Lavrov", "Fidan")                 # the pair has contacts
    assert pair_rows(store_dir, "$b", "Fidan") == []               # no one's name holds "$b"
    assert pair_rows(store_dir, "Lavrov", "$a") == []


def test_a_crafted_value_sends_no_request(store_dir, capsys):
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(1)
        listener.settimeout(1)
        port = listener.getsockname()[1]
        crafted = f'x")) }} SERVICE <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} ?x ?y ?z FILTER(STR(?z) = ("'
        status = main(["query", str(store_dir), "--named", "pair-timeline", "--param", "a=$b",
                       "--param", f"b={crafted}", "--format", "tsv"])
        try:
            listener.accept()
            called = True
        except TimeoutError:
            called = False
    assert not called
    assert status == 0 and capsys.readouterr().out.splitlines()[1:] == []


def test_values_are_typed_string_literals():
    text = sparql.substitute('SELECT * { ?x ?p $a FILTER(?x != "$a") } # $a', {"a": 'say "hi"\n'})
    assert text == ('SELECT * { ?x ?p "say \\"hi\\"\\n"^^<http://www.w3.org/2001/XMLSchema#string> '
                    'FILTER(?x != "$a") } # $a')


def test_a_named_query_with_service_is_refused(store_dir, monkeypatch, tmp_path):
    (tmp_path / "remote.rq").write_text("# summary: asks another server\n"
                                        "SELECT * { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }\n")
    (tmp_path / "quoted.rq").write_text("# summary: only says SERVICE\n"
                                        'SELECT * { ?s ?p "SERVICE" } LIMIT 1 # no service here\n')
    monkeypatch.setattr(sparql, "QUERY_DIR", tmp_path)
    sparql.named_queries.cache_clear()
    try:
        with GraphStore(store_dir, read_only=True) as store:
            with pytest.raises(sparql.QueryError, match="SERVICE"):
                sparql.run_named(store, "remote", {})
            assert sparql.run_named(store, "quoted", {}).rows == []
    finally:
        sparql.named_queries.cache_clear()
