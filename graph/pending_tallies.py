"""What the tallies still have to count again: the articles that came and the keys that went.

A build that adds k articles to a store of N recounts only the tallies those articles touch
(tallies.update_tallies): the people who speak in their statements and the months of their
dated interactions. What is pending is kept in the store, in a bookkeeping graph outside the
union, so that a build killed between loading and counting leaves the next build its work:

    <id/pending-tallies> <…/graph> <id/graph/ARTICLE> .   an article loaded since the last count
    <…> <…/person> <id/person/…> .                         a speaker of a removed article
    <…> <…/month> "2024-03" .                               a month of a removed article's contacts
    <…> <…/everything> true .                               count everything again

An added article is named before its load starts (with the journal); a removed one leaves its
people and months in the update that removes it. Each recount clears what it counted in the
update that writes the new tallies: a kill at any moment leaves the work pending, never lost.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import pyoxigraph as ox

from . import iris

if TYPE_CHECKING:  # pragma: no cover
    from .store import GraphStore

PENDING_GRAPH = iris.ID["pending-tallies"]
_NODE = f"<{PENDING_GRAPH}>"
_GRAPH_P, _PERSON_P = f"<{iris.ID['pending-tallies/graph']}>", f"<{iris.ID['pending-tallies/person']}>"
_MONTH_P, _ALL_P = f"<{iris.ID['pending-tallies/month']}>", f"<{iris.ID['pending-tallies/everything']}>"
_PENDING = ox.NamedNode(str(PENDING_GRAPH))
_SUBJECT = ox.NamedNode(str(PENDING_GRAPH))


@dataclass(slots=True)
class Pending:
    graphs: set[str] = field(default_factory=set)
    people: set[str] = field(default_factory=set)
    months: set[str] = field(default_factory=set)
    everything: bool = False

    @property
    def empty(self) -> bool:
        return not (self.graphs or self.people or self.months or self.everything)


def read_pending(store: ox.Store) -> Pending:
    pending = Pending()
    for quad in store.quads_for_pattern(_SUBJECT, None, None, _PENDING):
        predicate, value = f"<{quad.predicate.value}>", quad.object.value
        if predicate == _GRAPH_P:
            pending.graphs.add(value)
        elif predicate == _PERSON_P:
            pending.people.add(value)
        elif predicate == _MONTH_P:
            pending.months.add(value)
        elif predicate == _ALL_P:
            pending.everything = True
    return pending


def added_quads(graphs: list[str]) -> list[ox.Quad]:
    """Quads naming articles about to be loaded, to be written before their load starts."""
    predicate = ox.NamedNode(_GRAPH_P[1:-1])
    return [ox.Quad(_SUBJECT, predicate, ox.NamedNode(graph), _PENDING) for graph in graphs]


def removed_update(graph_iri: str) -> str:
    """A SPARQL update, to run before the graph is dropped in the same update: its speakers and the
    months of its dated contacts become pending, and it stops being a pending added article."""
    return (f"INSERT {{ GRAPH <{PENDING_GRAPH}> {{ {_NODE} {_PERSON_P} ?who }} }} "
            f"WHERE {{ GRAPH <{graph_iri}> {{ ?statement <https://w3id.org/diplograph/ns#speaker> ?who }} }} ;\n"
            f"INSERT {{ GRAPH <{PENDING_GRAPH}> {{ {_NODE} {_MONTH_P} ?month }} }} "
            f"WHERE {{ GRAPH <{graph_iri}> {{ ?event <https://w3id.org/diplograph/ns#date> ?day }} "
            f"BIND(SUBSTR(STR(?day), 1, 7) AS ?month) }} ;\n"
            f"DELETE DATA {{ GRAPH <{PENDING_GRAPH}> {{ {_NODE} {_GRAPH_P} <{graph_iri}> }} }}")


def everything_update() -> str:
    return f"INSERT DATA {{ GRAPH <{PENDING_GRAPH}> {{ {_NODE} {_ALL_P} true }} }}"


def clear_update() -> str:
    return f"DROP SILENT GRAPH <{PENDING_GRAPH}>"
