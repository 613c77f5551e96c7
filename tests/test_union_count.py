"""The union's triple count, kept as builds and removes change the store (graph/union_count.py): the
figure a build reports is what a count of the union gives, without the count."""
from __future__ import annotations

import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest

import graph.union_count
from exports.build import build
from exports.cli import main
from exports.serve import _mark_all_derived_stale
from fault_helpers import write_tiny_corpus
from graph.store import GraphStore
from graph.union_count import VERIFY_VARIABLE, CountDrift, recorded_triples


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> list[str]:
    return write_tiny_corpus(40, tmp_path_factory.mktemp("tiny"), per_file=10)


@pytest.fixture(scope="module")
def built(tmp_path_factory, corpus) -> Path:
    out = tmp_path_factory.mktemp("built")
    assert build(corpus[:2], out, progress=False).ok
    return out


def counted(directory: Path) -> int:
    """The union's triples, counted."""
    with GraphStore(directory, read_only=True) as store:
        return store._count_union()


def recorded(directory: Path) -> int | None:
    with GraphStore(directory, read_only=True) as store:
        return recorded_triples(store.store)


@pytest.fixture
def no_union_count(monkeypatch) -> None:
    """Builds that may not count the union, and measure every change however big it is (a tiny store
    would otherwise be counted: checking a load's triples one by one costs more than counting it)."""
    monkeypatch.delenv(VERIFY_VARIABLE, raising=False)
    monkeypatch.setattr(graph.union_count, "CHECK_COST", 0)

    def refuse(self) -> int:
        raise AssertionError("the union was counted")

    monkeypatch.setattr(GraphStore, "_count_union", refuse)


def test_a_build_records_the_triples_it_counted(built):
    assert recorded(built) == counted(built) > 0


def test_adds_and_removes_follow_the_figure_without_counting(tmp_path, corpus, built, monkeypatch, no_union_count):
    out = tmp_path / "out"
    shutil.copytree(built, out)
    reports = [build(corpus[:3], out, progress=False)]
    assert main(["remove", str(out), f"{corpus[0]}:2", f"{corpus[2]}:5", "-q"]) == 0
    reports.append(build(corpus[3:4], out, progress=False))
    monkeypatch.undo()     # counting allowed again, to check
    assert reports[0].added == 10 and reports[1].added == 10
    assert recorded(out) == counted(out)
    assert reports[-1].triples == counted(out)


def test_an_update_nobody_measured_takes_the_record_out(tmp_path, built):
    out = tmp_path / "out"
    shutil.copytree(built, out)
    before = counted(out)
    with GraphStore(out) as store:
        store.update("INSERT DATA { <https://example.org/a> <https://example.org/b> <https://example.org/c> }")
    assert recorded(out) is None
    with GraphStore(out) as store:
        assert store.triple_count() == before + 1
    assert recorded(out) == before + 1


def test_a_change_left_unfinished_leaves_no_record(tmp_path, built):
    # A build killed between its load and its count: the next build counts.
    out = tmp_path / "out"
    shutil.copytree(built, out)
    with GraphStore(out) as store:
        store.add_articles([("0" * 64, b"<https://example.org/a> <https://example.org/b> <https://example.org/c> .\n")])
    assert recorded(out) is None


def test_a_writable_serve_takes_the_record_out(tmp_path, built):
    out = tmp_path / "out"
    shutil.copytree(built, out)
    _mark_all_derived_stale(out)
    assert recorded(out) is None


def test_the_check_sees_a_figure_that_drifted(tmp_path, built):
    # A triple put in behind the store's back (not through GraphStore): the figure kept is wrong, and
    # the check the tests run with says so.
    out = tmp_path / "out"
    shutil.copytree(built, out)
    with GraphStore(out) as store:
        store.store.add(ox.Quad(ox.NamedNode("https://example.org/a"), ox.NamedNode("https://example.org/b"),
                                ox.NamedNode("https://example.org/c"), ox.DefaultGraph()))
        with pytest.raises(CountDrift):
            store.triple_count()
