"""Nothing lost when a build is killed (issue 16): every article is wholly in the store or not at all,
and the next build converges to what an uninterrupted build writes."""
from __future__ import annotations

import random
import signal
from collections import Counter
from pathlib import Path

import pytest

from exports.cli import main
from fault_helpers import STAGES, Forker, build_process, turtle_triples, write_tiny_corpus
from graph.store import GraphStore
from graph.validate import out_of_step


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> list[str]:
    return write_tiny_corpus(120, tmp_path_factory.mktemp("tiny"), per_file=40)


@pytest.fixture(scope="module")
def reference(tmp_path_factory, corpus) -> Path:
    out = tmp_path_factory.mktemp("reference")
    assert main(["build", *corpus, "--out", str(out), "-q"]) == 0
    return out


def counts(directory: Path) -> tuple[int, int]:
    with GraphStore(directory, read_only=True) as store:
        return store_counts(store)


def store_counts(store: GraphStore) -> tuple[int, int]:
    return len(store.article_graphs()), store.triple_count()


@pytest.mark.parametrize("hook", ["_load_union", "_load_article_graphs"])
def test_a_build_killed_inside_a_batch_load_loses_nothing(tmp_path, corpus, reference, capsys, hook):
    # Killed after the article graphs of the second batch are written and before the union (or before
    # anything of it is written): the next build must add those articles, not call them already present.
    out = tmp_path / "out"
    assert main(["build", corpus[0], "--out", str(out), "-q"]) == 0
    killed = build_process(corpus, out, batch=30, kill_at=hook)
    assert killed.wait(timeout=600) == -signal.SIGKILL   # a cold start on a loaded machine
    assert main(["validate", str(out)]) == 1
    assert "in doubt" in capsys.readouterr().out
    assert main(["build", *corpus, "--out", str(out)]) == 0
    assert "80 added, 40 already present" in capsys.readouterr().out
    assert turtle_triples(out / "graph.ttl") == turtle_triples(reference / "graph.ttl")
    assert counts(out) == counts(reference)
    assert main(["validate", str(out)]) == 0
    assert "the union and the article graphs agree" in capsys.readouterr().out


def test_validate_names_what_is_out_of_step(tmp_path, corpus):
    out = tmp_path / "out"
    assert main(["build", corpus[0], "--out", str(out), "-q"]) == 0
    with GraphStore(out) as store:
        graph = store.article_graphs()[0]
        store.update(f"DELETE {{ ?s ?p ?o }} WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} FILTER NOT EXISTS "
                     f"{{ GRAPH ?g {{ ?s ?p ?o }} FILTER(?g != <{graph}>) }} }}")
        store.update("INSERT DATA { <https://example.org/a> <https://example.org/b> <https://example.org/c> }")
        found = out_of_step(store)
    assert list(found.missing) == [graph] and found.stray == 1
    assert any(graph in line for line in found.lines())


# ---- kills at random moments ------------------------------------------------------------------------
# Slices of a corpus of one-sentence articles, each built into a folder of its own by builds killed at a
# random moment of a stage of their run (extraction, a batch load, merges and tallies, compaction,
# graph.ttl, the view; each in turn as on one core, then any on two), one after another. After each kill the store, opened again, must
# hold a clean part of the slice: no batch in doubt, the union in step with the graphs, every article
# graph whole; the builds that follow go on from there, and the last, uninterrupted one must write what
# an uninterrupted build of the slice writes. A kill is timed from the moment its build reports the
# stage, by a random share of how long that stage took in the uninterrupted build of the slice just
# before: a slow or loaded machine makes every stage slower, not the kills miss. Small folders keep
# each build, and the test, short.
SLICES = 16
PER_FILE, FILES_PER_SLICE = 43, 3
FAULT_SEED = 1616


def article_graphs(store: GraphStore) -> dict[str, frozenset[bytes]]:
    """Each article graph of the store as its set of N-Triples lines."""
    return {graph: frozenset(store.graph_ntriples(graph).splitlines()) for graph in store.article_graphs()}


def assert_clean_part_of(out: Path, expected: dict[str, frozenset[bytes]]) -> None:
    """`out` holds whole article graphs of the uninterrupted build's, `expected`, and nothing out of step."""
    with GraphStore(out) as store:        # opening for writing finishes what the kill left
        drift = out_of_step(store)
        assert not drift, drift.lines()
        assert all(expected.get(graph) == triples for graph, triples in article_graphs(store).items())


def test_builds_killed_at_random_moments_converge(tmp_path):
    files = write_tiny_corpus(SLICES * FILES_PER_SLICE * PER_FILE, tmp_path / "corpus", per_file=PER_FILE)
    # Each slice: one build killed as on one core, where the stages follow one another and the kill lands
    # in the one aimed at (each stage in turn), then one on two cores, where the store is loaded and
    # graph.ttl written in threads beside extraction and the view (a random stage).
    rng, forker = random.Random(FAULT_SEED), Forker(batch=30, warm_with=files[:1])
    killed_in, kills = Counter(), 0
    try:
        for number in range(SLICES):
            given = files[number * FILES_PER_SLICE:(number + 1) * FILES_PER_SLICE]
            reference, out = tmp_path / f"reference-{number}", tmp_path / f"out-{number}"
            whole = forker.build(given, reference, cores=1)
            assert whole.status == 0 and set(STAGES) <= {stage for stage, _ in whole.stages}, whole
            with GraphStore(reference, read_only=True) as store:
                expected, expected_counts = article_graphs(store), store_counts(store)
                assert not store.query("ASK { ?event dg:mergedFrom ?report }"), "merges would rename nodes in graphs"
            for cores in (1, 2):
                stage = STAGES[number % len(STAGES)] if cores == 1 else rng.choice(STAGES)
                occurrence = rng.randrange(len(whole.spans(stage))) + 1
                run = forker.build(given, out, kill_in=stage, occurrence=occurrence, cores=cores,
                                   kill_after=rng.uniform(0, whole.spans(stage)[occurrence - 1]))
                assert run.status in (0, -signal.SIGKILL), run
                kills += run.killed_in is not None
                if cores == 1:
                    killed_in[run.killed_in] += run.killed_in is not None
                if out.is_dir():
                    assert_clean_part_of(out, expected)
            assert forker.build(given, out).status == 0
            assert turtle_triples(out / "graph.ttl") == turtle_triples(reference / "graph.ttl")
            assert counts(out) == expected_counts
            assert not list(out.glob(".*.tmp"))
    finally:
        forker.close()
    assert kills >= 2 * SLICES - 2, f"only {kills} of {2 * SLICES} builds were killed: {killed_in}"
    assert set(killed_in) >= set(STAGES), f"no kill landed in {set(STAGES) - set(killed_in)}: {killed_in}"
    assert len(files) * PER_FILE >= 2000


def test_temporary_files_a_kill_left_are_deleted_by_the_next_build(tmp_path, corpus):
    out = tmp_path / "out"
    assert main(["build", corpus[0], "--out", str(out), "-q"]) == 0
    left = [out / ".graph.ttl.k1ll3d.tmp", out / ".graph.html.x9.tmp", out / "..sources-index.json.q7.tmp",
            out / "..graph.html.records.z2.tmp", out / "..graph.html.state.json.r5.tmp"]
    for path in left:
        path.write_bytes(b"half a file")
    assert main(["build", corpus[0], "--out", str(out), "-q"]) == 0
    assert not any(path.exists() for path in left)
