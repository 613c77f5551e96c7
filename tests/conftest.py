"""Shared fixtures. Tests that need ../shared (seeds, scorer) run in CI; elsewhere they
skip with a stated reason when it is missing."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"


@pytest.fixture
def shared_dir() -> Path:
    if not SEEDS.is_dir():
        if os.environ.get("CI"):
            pytest.fail(f"{SHARED} is missing: CI must run with ../shared beside the project")
        pytest.skip(f"{SHARED} is not beside the project (it is in CI)")
    return SHARED


# Keep a developer's own gazetteer imports out of the tests: every test process
# (and every build it starts) sees an empty user gazetteer unless a test sets one.
os.environ["DIPLOGRAPH_GAZETTEER"] = str(Path(__file__).resolve().parent / "fixtures" / "no-user-gazetteer")
# Every triple count a test's builds keep as the store changes is checked against a count of the
# whole union (graph/union_count.py): a change that is not measured right fails the test that made it.
os.environ["DIPLOGRAPH_VERIFY_COUNTS"] = "1"


@pytest.fixture
def fixtures() -> Path:
    return Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session")
def mixed_corpus() -> list[str]:
    """The bundled examples and our gold articles: four languages, three formats, merged events."""
    return [str(ROOT / "examples" / "articles"), str(ROOT / "tests" / "gold" / "articles")]


@pytest.fixture(scope="session")
def one_process_graph(tmp_path_factory, mixed_corpus):
    """`mixed_corpus` built by one process, as the rdflib graph of its graph.ttl: what every executor must give."""
    from rdflib import Graph

    from exports.cli import main
    out = tmp_path_factory.mktemp("one-process")
    assert main(["build", *mixed_corpus, "--out", str(out), "-q"]) == 0
    return Graph().parse(out / "graph.ttl", format="turtle")


@pytest.fixture(scope="session")
def dask_build(tmp_path_factory, mixed_corpus) -> Path:
    """`mixed_corpus` built with extraction on a two-worker Dask LocalCluster: the build's DIR."""
    distributed = pytest.importorskip("distributed")
    from exports.cli import main
    out = tmp_path_factory.mktemp("dask")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster:
        assert main(["build", *mixed_corpus, "--out", str(out), "-q", "--executor", "dask",
                     "--scheduler", cluster.scheduler_address]) == 0
    return out
