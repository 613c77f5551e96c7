"""How many triples the union holds, kept as the store changes rather than counted after every build.

Counting the union is a pass over all of it (about 0.45 s per million triples: 2.6 s of a build that
adds 100 articles to 100,000). The store records the figure in a bookkeeping graph, outside the
union, only while it is right:

    <id/union-count> <id/union-count/triples> 953953 .

A process about to change the union first takes the record out (one small transaction) and keeps
the figure in memory; each change then adds what it measured it added or took away, on the only
triples it can change (those a load brings, those of a graph it removes, those about the nodes a
merge renames, those of a derived graph it replaces); once the build has counted its figures the
record is written back. A process killed in between leaves no record, and the next count is a pass
over the union again. So does any change nobody measured: an update that is not one of the measured
kinds (GraphStore.update), `serve --writable` (which takes the record out before the server starts),
and a load so big that checking each of its triples would cost more than counting them all.

With DIPLOGRAPH_VERIFY_COUNTS=1 (the test suite sets it) every change is measured, however big, and
every figure kept is checked against a count of the whole union: a difference is an error.
"""
from __future__ import annotations

import os
from collections.abc import Callable, Iterable

import pyoxigraph as ox

from . import iris

COUNT_GRAPH = iris.ID["union-count"]
_NODE = ox.NamedNode(str(COUNT_GRAPH))
_TRIPLES = ox.NamedNode(str(iris.ID["union-count/triples"]))
_UNION = ox.DefaultGraph()
VERIFY_VARIABLE = "DIPLOGRAPH_VERIFY_COUNTS"
# Checking that a triple is in the union costs about 16 times what counting one costs (7.4 against
# 0.47 µs): a change that would check more than a 16th of the union is left to a count.
CHECK_COST = 16


class CountDrift(AssertionError):
    """The figure kept is not what the union holds (raised only with DIPLOGRAPH_VERIFY_COUNTS set)."""


def recorded_triples(store: ox.Store) -> int | None:
    """The figure the store records, None when it has none."""
    for quad in store.quads_for_pattern(_NODE, _TRIPLES, None, _NODE):
        return int(quad.object.value)
    return None


def in_union(store: ox.Store, triples: Iterable[ox.Triple]) -> int:
    """How many of these (distinct) triples the union holds."""
    return sum(ox.Quad(t.subject, t.predicate, t.object, _UNION) in store for t in triples)


def touching(store: ox.Store, nodes: Iterable[str], graph: ox.NamedNode | ox.DefaultGraph | None = _UNION) -> set[ox.Triple]:
    """The triples of `graph` (the union by default, None for every graph) with one of these nodes as
    subject or object."""
    found: set[ox.Triple] = set()
    for value in nodes:
        node = ox.NamedNode(value)
        for quad in store.quads_for_pattern(node, None, None, graph):
            found.add(quad.triple)
        for quad in store.quads_for_pattern(None, None, node, graph):
            found.add(quad.triple)
    return found


class UnionCount:
    """The union's triples as this process knows them: None while unknown (then counted on demand).
    It is given the store on each call rather than keeping it: closing the store must release it."""

    def __init__(self, store: ox.Store) -> None:
        self._known: int | None = recorded_triples(store)
        self._on_disk = self._known is not None
        self._verifying = bool(os.environ.get(VERIFY_VARIABLE))

    def affordable(self, checks: int) -> bool:
        """Whether a change that has `checks` triples to look up is worth measuring rather than
        leaving the figure to a count."""
        if self._known is None:
            return False
        return self._verifying or checks * CHECK_COST <= self._known    # verifying: measure every change

    def changing(self, store: ox.Store) -> None:
        """Called before any change to the union: the record on disk stops being true from now on."""
        if self._on_disk:
            store.update(f"DROP SILENT GRAPH <{COUNT_GRAPH}>")
            self._on_disk = False

    def changed_by(self, delta: int) -> None:
        if self._known is not None:
            self._known += delta

    def forget(self, store: ox.Store) -> None:
        """A change nobody measured: the next figure is a count."""
        self.changing(store)
        self._known = None

    def triples(self, store: ox.Store, count: Callable[[], int], *, record: bool) -> int:
        """The union's triples: the figure kept, else `count()`; with `record`, written to the store."""
        if self._known is None:
            self._known = count()
        elif self._verifying and (actual := count()) != self._known:
            raise CountDrift(f"the union holds {actual} triples, the figure kept says {self._known}")
        if record and not self._on_disk:
            store.update(f"INSERT DATA {{ GRAPH <{COUNT_GRAPH}> {{ <{_NODE.value}> <{_TRIPLES.value}> {self._known} }} }}")
            self._on_disk = True
        return self._known
