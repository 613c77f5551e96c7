"""--jobs and the Dask executor write the same graph as one process (issue 7), and keep each
article's time budget (issue 16)."""
import json
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from exports import build as build_module
from exports.cli import main
from exports.executors import extract_file
from extract.limits import default_limits
from graph.store import GraphStore

ROOT = Path(__file__).resolve().parents[1]
QUICK = ["Russian Foreign Minister Sergey Lavrov met Turkish Foreign Minister Hakan Fidan in Ankara on Monday.\n",
         "Iranian Foreign Minister Abbas Araghchi spoke by phone with Omani Foreign Minister Badr Albusaidi on Tuesday.\n"]


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


def test_a_file_over_its_time_budget_on_dask_is_skipped_and_the_others_are_built(tmp_path):
    # Dask workers run tasks in threads, where no alarm signal reaches: the budget is kept by extraction itself
    distributed = pytest.importorskip("distributed")
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from long_article import long_article

    folder = tmp_path / "in"
    folder.mkdir()
    slow = folder / "slow.jsonl"
    # 3 M characters take far longer than the 1 s budget on any machine (about 14 s a megabyte here)
    slow.write_text(json.dumps({"text": long_article(3_000_000)}) + "\n", encoding="utf-8")
    quick = [folder / f"quick-{number}.txt" for number in range(len(QUICK))]
    for path, text in zip(quick, QUICK):
        path.write_text(text, encoding="utf-8")
    limits = replace(default_limits(), max_seconds_per_article=1.0)
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster, distributed.Client(cluster) as client:
        client.run(extract_file, str(quick[0]))     # the worker loads the gazetteer outside any budget
        report = build_module.build([str(slow), *map(str, quick)], tmp_path / "out", progress=False,
                                    executor="dask", scheduler=cluster.scheduler_address, limits=limits)
    assert [(Path(problem.path).resolve(), problem.line) for problem in report.problems] == [(slow.resolve(), 1)]
    assert "took longer than 1 s to extract" in report.problems[0].reason
    assert report.added == len(QUICK)
    with GraphStore(tmp_path / "out", read_only=True) as store:
        assert len(store.article_graphs()) == len(QUICK)
