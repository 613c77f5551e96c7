"""--jobs and the Dask executor write the same graph as one process (issue 7)."""
import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from exports import build as build_module
from exports.cli import main


def test_two_processes_give_the_same_graph(tmp_path, mixed_corpus, one_process_graph):
    assert main(["build", *mixed_corpus, "--out", str(tmp_path), "-q", "--jobs", "2"]) == 0
    assert isomorphic(Graph().parse(tmp_path / "graph.ttl", format="turtle"), one_process_graph)


def test_loading_in_a_thread_batch_after_batch_gives_the_same_graph(tmp_path, mixed_corpus, one_process_graph, monkeypatch):
    # Small batches: many loads run in the loader thread while the next batch is gathered, and the
    # same articles, given twice, must be counted once even while their batch is still loading.
    monkeypatch.setattr(build_module, "LOAD_BATCH", 3)
    report = build_module.build([*mixed_corpus, *mixed_corpus], tmp_path, progress=False, jobs=2)
    assert report.ok and report.added == report.already_present > 3 * 2
    assert isomorphic(Graph().parse(tmp_path / "graph.ttl", format="turtle"), one_process_graph)


def test_dask_local_cluster_gives_the_same_graph(dask_build, one_process_graph):
    assert isomorphic(Graph().parse(dask_build / "graph.ttl", format="turtle"), one_process_graph)


def test_unreachable_scheduler_is_a_clear_error(tmp_path, mixed_corpus, capsys):
    pytest.importorskip("distributed")
    assert main(["build", *mixed_corpus, "--out", str(tmp_path), "-q", "--executor", "dask",
                 "--scheduler", "tcp://127.0.0.1:9"]) == 2
    assert "cannot reach the Dask scheduler" in capsys.readouterr().err
