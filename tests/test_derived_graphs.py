"""A derived graph (the tallies, the topic scheme) replaced in steps of bounded size (graph/store.py):
the graph and the union end as one replacement would leave them, a triple another graph holds stays in
the union, the update that follows runs once, with the last step, and a replacement killed between
two steps is finished by the next."""
from __future__ import annotations

import pyoxigraph as ox
import pytest

import graph.store
from graph.store import GraphStore

EX = "https://example.org/"
DERIVED = f"{EX}derived"
MARK = ox.Quad(ox.NamedNode(f"{EX}mark"), ox.NamedNode(f"{EX}ran"), ox.Literal("then"), ox.NamedNode(f"{EX}marks"))
THEN = f'INSERT DATA {{ GRAPH <{EX}marks> {{ <{EX}mark> <{EX}ran> "then" }} }}'


def triple(n: int, literal: bool = False) -> ox.Triple:
    obj = ox.Literal(f"value {n}", language="en") if literal else ox.NamedNode(f"{EX}o{n}")
    return ox.Triple(ox.NamedNode(f"{EX}s{n}"), ox.NamedNode(f"{EX}p"), obj)


def graph_of(store: GraphStore, iri: str) -> set[ox.Triple]:
    return {q.triple for q in store.store.quads_for_pattern(None, None, None, ox.NamedNode(iri))}


def union(store: GraphStore) -> set[ox.Triple]:
    return set(store.union_triples())


@pytest.mark.parametrize("held, wanted, elsewhere", [
    (set(), {1, 2, 3, 4, 5}, set()),            # a first count: only insertions, in three steps
    ({1, 2, 3, 4, 5}, set(), set()),            # all gone
    ({1, 2, 3}, {2, 3, 4, 5, 6}, set()),        # some go, some come, some stay
    ({1, 2, 3}, {3}, {1}),                      # 1 goes from the graph, stays in the union: an article holds it
    ({1, 2}, {1, 2}, set()),                    # no difference
])
def test_a_replaced_derived_graph_and_the_union_are_as_one_replacement_leaves_them(tmp_path, monkeypatch, held,
                                                                                    wanted, elsewhere):
    monkeypatch.setattr(graph.store, "REPLACE_STEP", 2)
    with GraphStore(tmp_path) as store:
        other = [triple(n, literal=True) for n in sorted(elsewhere)] + [triple(n) for n in sorted(elsewhere)]
        store.store.extend([ox.Quad(*t, ox.NamedNode(f"{EX}article")) for t in other]
                           + [ox.Quad(*t, ox.DefaultGraph()) for t in other])
        store.replace_derived_graph(DERIVED, [triple(n) for n in held] + [triple(n, literal=True) for n in held])
        rest = union(store) - {triple(n) for n in held} - {triple(n, literal=True) for n in held}
        store.replace_derived_graph(DERIVED, [triple(n) for n in wanted] + [triple(n, literal=True) for n in wanted],
                                    then=THEN)
        expected = {triple(n) for n in wanted} | {triple(n, literal=True) for n in wanted}
        assert graph_of(store, DERIVED) == expected
        assert union(store) == rest | expected | set(other)
        assert MARK in store.store
        assert store.triple_count() == store._count_union()      # the union's count followed


def test_a_replacement_killed_between_two_steps_is_finished_by_the_next(tmp_path, monkeypatch):
    monkeypatch.setattr(graph.store, "REPLACE_STEP", 2)
    wanted = [triple(n) for n in range(7)]
    with GraphStore(tmp_path) as store:
        store.replace_derived_graph(DERIVED, [triple(n) for n in range(10, 14)])
        original, calls = store.update_union, []

        def killed_at_the_third(sparql, candidates):
            calls.append(sparql)
            if len(calls) == 3:
                raise KeyboardInterrupt
            original(sparql, candidates)

        monkeypatch.setattr(store, "update_union", killed_at_the_third)
        with pytest.raises(KeyboardInterrupt):
            store.replace_derived_graph(DERIVED, wanted, then=THEN)
        assert MARK not in store.store                # what asked for the replacement is still to do
        monkeypatch.setattr(store, "update_union", original)
        store.replace_derived_graph(DERIVED, wanted, then=THEN)
        assert graph_of(store, DERIVED) == set(wanted) and MARK in store.store
        assert union(store) == set(wanted)
