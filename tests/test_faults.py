"""Nothing lost when a build is killed (issue 16): every article is wholly in the store or not at all,
and the next build converges to what an uninterrupted build writes."""
from __future__ import annotations

import random
import signal
import time
from pathlib import Path

import pytest

from exports.cli import main
from fault_helpers import Forker, build_process, turtle_triples, write_tiny_corpus
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
        return len(store.article_graphs()), store.triple_count()


@pytest.mark.parametrize("hook", ["_load_union", "_load_article_graphs"])
def test_a_build_killed_inside_a_batch_load_loses_nothing(tmp_path, corpus, reference, capsys, hook):
    # Killed after the article graphs of the second batch are written and before the union (or before
    # anything of it is written): the next build must add those articles, not call them already present.
    out = tmp_path / "out"
    assert main(["build", corpus[0], "--out", str(out), "-q"]) == 0
    killed = build_process(corpus, out, batch=30, kill_at=hook)
    assert killed.wait(timeout=120) == -signal.SIGKILL
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
# Slices of a corpus of short articles, each built into a folder of its own by builds killed at a random
# moment of their run (extraction, a batch load, merges and tallies, compaction, graph.ttl, the view),
# one after another. After each kill the store, opened again, must hold a clean part of the slice: no
# batch in doubt, the union in step with the graphs, every article graph whole; the builds that follow go
# on from there, and the last, uninterrupted one must write what an uninterrupted build of the slice
# writes. Small folders keep each build, and the test, short.
SLICES, KILLS_PER_SLICE = 10, 3
PER_FILE, FILES_PER_SLICE = 35, 3
FAULT_SEED = 1616


def article_graphs(directory: Path) -> dict[str, frozenset[str]]:
    graphs: dict[str, set[str]] = {}
    with GraphStore(directory, read_only=True) as store:
        wanted = set(store.article_graphs())
        for quad in store.store.quads_for_pattern(None, None, None, None):
            if getattr(quad.graph_name, "value", None) in wanted:
                graphs.setdefault(quad.graph_name.value, set()).add(str(quad.triple))
    return {graph: frozenset(triples) for graph, triples in graphs.items()}


def assert_clean_part_of(out: Path, reference: Path) -> None:
    with GraphStore(out) as store:        # opening for writing finishes what the kill left
        drift = out_of_step(store)
    assert not drift, drift.lines()
    expected = article_graphs(reference)
    assert all(expected.get(graph) == triples for graph, triples in article_graphs(out).items())


def test_builds_killed_at_random_moments_converge(tmp_path):
    files = write_tiny_corpus(SLICES * FILES_PER_SLICE * PER_FILE, tmp_path / "corpus", per_file=PER_FILE)
    rng, forker = random.Random(FAULT_SEED), Forker(batch=30)
    kills = 0
    try:
        for number in range(SLICES):
            given = files[number * FILES_PER_SLICE:(number + 1) * FILES_PER_SLICE]
            reference, out = tmp_path / f"reference-{number}", tmp_path / f"out-{number}"
            started = time.monotonic()
            assert forker.build(given, reference) == 0
            whole_build = time.monotonic() - started
            window = whole_build
            for _ in range(KILLS_PER_SLICE):
                started = time.monotonic()
                status = forker.build(given, out, kill_after=rng.uniform(0, window))
                assert status in (0, -signal.SIGKILL)
                kills += status == -signal.SIGKILL
                if status == 0:    # the next build skips the files this one built: it is as short as this one
                    window = time.monotonic() - started
                if out.is_dir():
                    assert_clean_part_of(out, reference)
            assert forker.build(given, out) == 0
            assert turtle_triples(out / "graph.ttl") == turtle_triples(reference / "graph.ttl")
            assert counts(out) == counts(reference)
            assert not list(out.glob(".*.tmp"))
            with GraphStore(reference, read_only=True) as store:
                assert not store.query("ASK { ?event dg:mergedFrom ?report }"), "merges would rename nodes in graphs"
    finally:
        forker.close()
    # A build after a kill skips the files loaded before it, so it may end before a moment drawn from
    # the whole build's length: most, not all, are killed.
    assert kills >= 0.75 * SLICES * KILLS_PER_SLICE, f"only {kills} builds were killed before they ended"


def test_temporary_files_a_kill_left_are_deleted_by_the_next_build(tmp_path, corpus):
    out = tmp_path / "out"
    assert main(["build", corpus[0], "--out", str(out), "-q"]) == 0
    left = [out / ".graph.ttl.k1ll3d.tmp", out / ".graph.html.x9.tmp"]
    for path in left:
        path.write_bytes(b"half a file")
    assert main(["build", corpus[0], "--out", str(out), "-q"]) == 0
    assert not any(path.exists() for path in left)
