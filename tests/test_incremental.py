"""Builds that cost what they add (issue 13): files built before are skipped before extraction, and what
a sequence of builds and removes leaves equals one build of the same articles from scratch."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

import exports.executors
from exports.build import build
from exports.cli import main
from fault_helpers import turtle_triples, write_tiny_corpus
from graph.sources import SOURCES_GRAPH
from graph.store import GraphStore


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> list[str]:
    return write_tiny_corpus(60, tmp_path_factory.mktemp("tiny"), per_file=20)


@pytest.fixture(scope="module")
def reference(tmp_path_factory, corpus) -> Path:
    out = tmp_path_factory.mktemp("reference")
    assert build(corpus, out, progress=False).ok
    return out


@pytest.fixture
def no_extraction(monkeypatch) -> list[str]:
    """Extraction that fails the test on any file it is given; returns the files it was asked for."""
    asked: list[str] = []

    def refuse(path, limits=None):
        asked.append(path)
        raise AssertionError(f"{path} was extracted again")

    monkeypatch.setattr(exports.executors, "extract_file", refuse)
    return asked


def recorded_graphs(directory: Path) -> set[str]:
    with GraphStore(directory, read_only=True) as store:
        return {row["g"].value for row in store.query(
            f"SELECT ?g WHERE {{ GRAPH <{SOURCES_GRAPH}> {{ ?file ?p ?g FILTER(isIRI(?g)) }} }}")}


def test_a_rebuild_of_an_unchanged_folder_extracts_nothing(tmp_path, corpus, reference, no_extraction):
    out = tmp_path / "out"
    shutil.copytree(reference, out)
    report = build(corpus, out, progress=False)
    assert (report.added, report.already_present, report.unchanged_files) == (0, 60, 3)
    assert not no_extraction
    assert turtle_triples(out / "graph.ttl") == turtle_triples(reference / "graph.ttl")


def test_the_record_is_bookkeeping_outside_the_graph(reference):
    with GraphStore(reference, read_only=True) as store:
        assert recorded_graphs(reference) == set(store.article_graphs())
        assert not store.query(f"ASK {{ ?file ?p ?o FILTER(STRSTARTS(STR(?file), '{SOURCES_GRAPH}')) }}")
    assert str(SOURCES_GRAPH) not in (reference / "graph.ttl").read_text(encoding="utf-8")


def test_exports_and_validate_leave_the_record_out(tmp_path, reference, capsys):
    for kind in ("trig", "nq"):
        target = tmp_path / f"graph.{kind}"
        assert main(["export", str(reference), "--format", kind, "--out", str(target)]) == 0
        assert str(SOURCES_GRAPH) not in target.read_text(encoding="utf-8")
    assert main(["validate", str(reference)]) == 0
    assert "the union and the article graphs agree" in capsys.readouterr().out


def test_the_same_text_in_other_bytes_is_read_but_not_added_twice(tmp_path, corpus, reference):
    out = tmp_path / "out"
    shutil.copytree(reference, out)
    first = json.loads(Path(corpus[0]).read_text(encoding="utf-8").splitlines()[0])
    again = tmp_path / "again.txt"
    again.write_text(first["text"] + "\n\n", encoding="utf-8")   # the text of a built article, in a .txt file
    report = build([str(again)], out, progress=False)
    assert (report.added, report.already_present, report.unchanged_files) == (0, 1, 0)
    assert build([str(again)], out, progress=False).unchanged_files == 1     # now its bytes are known too
    assert turtle_triples(out / "graph.ttl") == turtle_triples(reference / "graph.ttl")


def test_a_copy_of_a_built_file_elsewhere_is_skipped(tmp_path, corpus, reference, no_extraction):
    out = tmp_path / "out"
    shutil.copytree(reference, out)
    copy = tmp_path / "copy.jsonl"
    shutil.copyfile(corpus[1], copy)
    report = build([str(copy)], out, progress=False)
    assert (report.added, report.already_present, report.unchanged_files) == (0, 20, 1)


def test_a_removed_article_is_forgotten_by_the_record_and_built_again(tmp_path, corpus, reference, capsys):
    out = tmp_path / "out"
    shutil.copytree(reference, out)
    assert main(["remove", str(out), f"{corpus[1]}:3", "-q"]) == 0
    with GraphStore(out, read_only=True) as store:
        graphs = set(store.article_graphs())
    assert len(graphs) == 59
    assert recorded_graphs(out) <= graphs      # the file that gave it is forgotten, not half remembered
    report = build(corpus, out, progress=False)
    assert (report.added, report.already_present, report.unchanged_files) == (1, 59, 2)
    assert turtle_triples(out / "graph.ttl") == turtle_triples(reference / "graph.ttl")
    assert recorded_graphs(out) == recorded_graphs(reference)


def test_a_file_with_a_problem_is_read_again_and_reported_again(tmp_path, corpus):
    broken = tmp_path / "broken.jsonl"
    broken.write_text(Path(corpus[0]).read_text(encoding="utf-8") + "{not json\n", encoding="utf-8")
    out = tmp_path / "out"
    first = build([str(broken)], out, progress=False)
    again = build([str(broken)], out, progress=False)
    assert (first.added, len(first.problems)) == (20, 1)
    assert (again.added, again.already_present, again.unchanged_files, len(again.problems)) == (0, 20, 0, 1)


def test_a_record_whose_articles_left_the_store_does_not_skip(tmp_path, corpus, reference):
    # A store whose record outlived an article (as a kill between the two could leave it): the file is read again.
    out = tmp_path / "out"
    shutil.copytree(reference, out)
    with GraphStore(out) as store:
        graph = sorted(recorded_graphs(out))[0]
        store.update(f"DROP GRAPH <{graph}>")
        store.update(f"DELETE {{ ?s ?p ?o }} WHERE {{ ?s ?p ?o FILTER NOT EXISTS {{ GRAPH ?g {{ ?s ?p ?o }} }} }}")
    report = build(corpus, out, progress=False)
    assert (report.added, report.unchanged_files) == (1, 2)
    assert turtle_triples(out / "graph.ttl") == turtle_triples(reference / "graph.ttl")
