"""The store (issue 5): incremental and idempotent builds, removal, one event per event, exports, SHACL."""
import csv
import shutil

import networkx as nx
import pytest
from rdflib import Dataset, Graph, Namespace
from rdflib.compare import isomorphic

from exports.cli import main
from graph.store import GraphStore
from graph.validate import violations

DG = Namespace("https://w3id.org/diplograph/ns#")
PROV = Namespace("http://www.w3.org/ns/prov#")
QUERIES = None


@pytest.fixture
def fixtures_dir(fixtures):
    return fixtures / "queries"


def build(out, *paths):
    assert main(["build", *map(str, paths), "--out", str(out), "-q"]) == 0
    return Graph().parse(out / "graph.ttl", format="turtle")


def interactions(graph):
    return {i: sorted(str(a) for a in graph.objects(i, PROV.wasDerivedFrom))
            for i in graph.subjects(predicate=DG.participant)}


def test_removing_an_article_removes_its_facts_and_only_them(tmp_path, fixtures_dir):
    first, second = sorted(fixtures_dir.glob("*.txt"))[:2]
    alone = build(tmp_path / "alone", first)
    both = build(tmp_path / "both", first, second)
    assert len(both) > len(alone)
    assert main(["remove", str(tmp_path / "both"), str(second), "-q"]) == 0
    after = Graph().parse(tmp_path / "both" / "graph.ttl", format="turtle")
    assert isomorphic(after, alone)


def test_removing_an_unknown_article_says_so(tmp_path, fixtures_dir, capsys):
    build(tmp_path / "out", *sorted(fixtures_dir.glob("*.txt"))[:1])
    assert main(["remove", str(tmp_path / "out"), "no-such-article.txt", "-q"]) == 1
    assert "no-such-article.txt: no such article" in capsys.readouterr().err


def test_one_event_reported_in_two_languages_is_one_interaction(tmp_path, fixtures):
    gold = fixtures.parent / "gold" / "articles"
    graph = build(tmp_path / "out", gold / "ar03_araghchi_calls_abdelatty.jsonl", gold / "fa01_araghchi_abdelatty_call.txt")
    calls = [sources for sources in interactions(graph).values() if len(sources) == 2]
    assert len(calls) == 1


def test_two_calls_of_one_minister_on_one_day_stay_two(tmp_path, fixtures):
    gold = fixtures.parent / "gold" / "articles"
    graph = build(tmp_path / "out", gold / "ar01_abdelatty_two_calls.txt")
    dated = [i for i in interactions(graph) if graph.value(i, DG.date) is not None]
    assert len(dated) == 2
    assert len({graph.value(i, DG.date) for i in dated}) == 1


UNDATED = ("Lavrov, Fidan talk by phone\nPublished: February 7, 2024\n"
           "Sergey Lavrov and Hakan Fidan held a telephone conversation, the ministry said.\n")
DATED = ("Lavrov and Fidan spoke\nPublished: February 6, 2024\n"
         "Sergey Lavrov spoke by phone today with Hakan Fidan about Syria.\n")
OTHER_DAY = ("Lavrov and Fidan spoke again\nPublished: February 5, 2024\n"
             "Sergey Lavrov spoke by phone today with Hakan Fidan about Gaza.\n")


@pytest.mark.parametrize(("articles", "expected"), [
    ((UNDATED, DATED), [2]),                 # the undated report joins the one dated call
    ((DATED, UNDATED), [2]),                 # in either order
    ((UNDATED, DATED, OTHER_DAY), [1, 1, 1]),  # two candidate calls: not safe, nothing merges
])
def test_undated_reports_merge_only_when_safe(tmp_path, articles, expected):
    out = tmp_path / "out"
    for number, text in enumerate(articles):
        path = tmp_path / f"a{number}.txt"
        path.write_text(text, encoding="utf-8")
        build(out, path)
    graph = Graph().parse(out / "graph.ttl", format="turtle")
    assert sorted(len(s) for s in interactions(graph).values()) == expected


def test_every_export_format_loads_in_its_reader(tmp_path, fixtures_dir):
    out = tmp_path / "out"
    union = build(out, fixtures_dir)
    for kind, rdf_format in (("ttl", "turtle"), ("jsonld", "json-ld")):
        assert main(["export", str(out), "--format", kind, "-q"]) == 0
        assert isomorphic(Graph().parse(out / f"graph.{kind}", format=rdf_format), union)
    for kind, rdf_format in (("trig", "trig"), ("nq", "nquads")):
        assert main(["export", str(out), "--format", kind, "-q"]) == 0
        dataset = Dataset()
        dataset.parse(out / f"graph.{kind}", format=rdf_format)
        assert len([g for g in dataset.graphs() if "graph/" in str(g.identifier)]) == 6   # 3 articles, scheme, tallies, gazetteer
        merged = Graph()
        for s, p, o, _ in dataset.quads((None, None, None, None)):
            merged.add((s, p, o))
        assert isomorphic(merged, union)
    people = {str(p) for p in union.objects(None, DG.participant)}
    for kind, reader in (("graphml", nx.read_graphml), ("gexf", nx.read_gexf)):
        assert main(["export", str(out), "--format", kind, "-q"]) == 0
        network = reader(out / f"graph.{kind}")
        assert set(network.nodes) == people
        assert network.number_of_edges() == 3
        assert {d["label"] for _, d in network.nodes(data=True)} == {"Sergey Lavrov", "Hakan Fidan", "Abbas Araghchi"}
    assert main(["export", str(out), "--format", "csv", "-q"]) == 0
    with open(out / "graph.csv", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == len(interactions(union)) == 3
    assert {(r["date"], r["type"], r["place"]) for r in rows} == {
        ("2024-03-01", "phone", ""), ("2025-01-10", "phone", ""), ("2025-04-18", "meeting", "Moscow")}
    assert all(r["evidence"] and r["sources"] and r["number_of_sources"] == "1" for r in rows)


def test_build_output_conforms_and_a_broken_graph_does_not(tmp_path, fixtures_dir, capsys):
    out = tmp_path / "out"
    build(out, fixtures_dir)
    assert main(["validate", str(out)]) == 0
    assert "conforms" in capsys.readouterr().out
    with GraphStore(out) as store:
        store.update("DELETE { ?i dg:participant ?p } WHERE { ?i a dg:Meeting ; dg:participant ?p }")
        broken = violations(store.union_graph())
    assert broken and all("participant" in v.path for v in broken)


def test_store_survives_a_copy_and_reopens(tmp_path, fixtures_dir):
    out = tmp_path / "out"
    first = build(out, fixtures_dir)
    shutil.copytree(out, tmp_path / "copy")
    assert isomorphic(build(tmp_path / "copy", fixtures_dir), first)


def test_the_store_size_skips_a_file_removed_while_it_is_measured(tmp_path, monkeypatch):
    """RocksDB deletes files of its own compactions at any moment: one listed and then gone is not an error."""
    import os

    class RemovedFile:
        name = "000001.sst"

        def is_file(self) -> bool:
            return True

        def stat(self):
            raise FileNotFoundError(2, "No such file or directory", self.name)

    with GraphStore(tmp_path / "out") as store:
        listed = os.scandir
        monkeypatch.setattr("graph.store.os.scandir", lambda path: [*listed(path), RemovedFile()])
        assert store.disk_bytes() > 0
