"""--jobs and the Dask executor write the same graph as one process (issue 7)."""
import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from exports import build as build_module
from exports.cli import main


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    from conftest import ROOT
    return [str(ROOT / "examples" / "articles"), str(ROOT / "tests" / "gold" / "articles")]


@pytest.fixture(scope="module")
def single(tmp_path_factory, corpus):
    out = tmp_path_factory.mktemp("single")
    assert main(["build", *corpus, "--out", str(out), "-q"]) == 0
    return Graph().parse(out / "graph.ttl", format="turtle")


def test_two_processes_give_the_same_graph(tmp_path, corpus, single):
    assert main(["build", *corpus, "--out", str(tmp_path), "-q", "--jobs", "2"]) == 0
    assert isomorphic(Graph().parse(tmp_path / "graph.ttl", format="turtle"), single)


def test_loading_in_a_thread_batch_after_batch_gives_the_same_graph(tmp_path, corpus, single, monkeypatch):
    # Small batches: many loads run in the loader thread while the next batch is gathered, and the
    # same articles, given twice, must be counted once even while their batch is still loading.
    monkeypatch.setattr(build_module, "LOAD_BATCH", 3)
    report = build_module.build([*corpus, *corpus], tmp_path, progress=False, jobs=2)
    assert report.ok and report.added == report.already_present > 3 * 2
    assert isomorphic(Graph().parse(tmp_path / "graph.ttl", format="turtle"), single)


def test_dask_local_cluster_gives_the_same_graph(tmp_path, corpus, single):
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster:
        assert main(["build", *corpus, "--out", str(tmp_path), "-q", "--executor", "dask",
                     "--scheduler", cluster.scheduler_address]) == 0
    assert isomorphic(Graph().parse(tmp_path / "graph.ttl", format="turtle"), single)


def test_unreachable_scheduler_is_a_clear_error(tmp_path, corpus, capsys):
    pytest.importorskip("distributed")
    assert main(["build", *corpus, "--out", str(tmp_path), "-q", "--executor", "dask",
                 "--scheduler", "tcp://127.0.0.1:9"]) == 2
    assert "cannot reach the Dask scheduler" in capsys.readouterr().err
