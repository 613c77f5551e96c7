"""What the tallies and the undated merges still have to do again: the articles that came and the keys that went.

A build that adds k articles to a store of N recounts only the tallies those articles touch
(tallies.update_tallies): the people who speak in their statements and the months of their
dated interactions; and it weighs again only the undated merges of the groups of people taking
part in their interactions (merging.merge_undated_reports). What is pending is kept in the store, in a
bookkeeping graph outside the union, so that a build killed between loading and counting leaves
the next build its work:

    <id/pending-tallies> <…/graph> <id/graph/ARTICLE> .   an article loaded since the last count
    <…> <…/person> <id/person/…> .                         a speaker of a removed article
    <…> <…/month> "2024-03" .                               a month of a removed article's contacts
    <…> <…/group> "…/person/a …/person/b" .                 the people of one of a removed article's contacts
    <…> <…/everything> true .                               count and merge everything again
    <id/pending-tallies/basis> <…/speakers> 274660 ; <…/dated> 99894 .
        what the union held when the tallies were last counted (see `Basis`)

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
_GROUP_P = f"<{iris.ID['pending-tallies/group']}>"
_PENDING = ox.NamedNode(str(PENDING_GRAPH))
_SUBJECT = ox.NamedNode(str(PENDING_GRAPH))
_BASIS = ox.NamedNode(str(iris.ID["pending-tallies/basis"]))
_SPEAKERS_P, _DATED_P = (ox.NamedNode(str(iris.ID[f"pending-tallies/{name}"])) for name in ("speakers", "dated"))


@dataclass(frozen=True, slots=True)
class Basis:
    """What the union held when the tallies were last counted: its dg:speaker facts and the nodes it
    dates. A build that only added articles expects these plus what the articles alone hold; any other
    figure means the store was changed behind the builds' back, and what the build touches is counted
    again rather than grown (tallies.update_tallies)."""
    speakers: int
    dated: int


@dataclass(slots=True)
class Pending:
    graphs: set[str] = field(default_factory=set)
    people: set[str] = field(default_factory=set)
    months: set[str] = field(default_factory=set)
    groups: set[frozenset[str]] = field(default_factory=set)    # the people of a contact, each
    everything: bool = False

    @property
    def empty(self) -> bool:
        return not (self.graphs or self.people or self.months or self.groups or self.everything)


def read_basis(store: ox.Store) -> Basis | None:
    figures = {quad.predicate: int(quad.object.value) for quad in store.quads_for_pattern(_BASIS, None, None, _PENDING)}
    if _SPEAKERS_P not in figures or _DATED_P not in figures:
        return None
    return Basis(figures[_SPEAKERS_P], figures[_DATED_P])


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
        elif predicate == _GROUP_P:
            pending.groups.add(frozenset(value.split()))
        elif predicate == _ALL_P:
            pending.everything = True
    return pending


def added_quads(graphs: list[str]) -> list[ox.Quad]:
    """Quads naming articles about to be loaded, to be written before their load starts."""
    predicate = ox.NamedNode(_GRAPH_P[1:-1])
    return [ox.Quad(_SUBJECT, predicate, ox.NamedNode(graph), _PENDING) for graph in graphs]


def removed_update(graph_iri: str) -> str:
    """A SPARQL update, to run before the graph is dropped in the same update: its speakers, the
    months of its dated contacts and the people of each of its contacts become pending (an
    interaction with nobody named in it, which no group can stand for, makes everything pending),
    and it stops being a pending added article."""
    return (f"INSERT {{ GRAPH <{PENDING_GRAPH}> {{ {_NODE} {_PERSON_P} ?who }} }} "
            f"WHERE {{ GRAPH <{graph_iri}> {{ ?statement <https://w3id.org/diplograph/ns#speaker> ?who }} }} ;\n"
            f"INSERT {{ GRAPH <{PENDING_GRAPH}> {{ {_NODE} {_MONTH_P} ?month }} }} "
            f"WHERE {{ GRAPH <{graph_iri}> {{ ?event <https://w3id.org/diplograph/ns#date> ?day }} "
            f"BIND(SUBSTR(STR(?day), 1, 7) AS ?month) }} ;\n"
            f"INSERT {{ GRAPH <{PENDING_GRAPH}> {{ {_NODE} {_GROUP_P} ?group }} }} "
            f"WHERE {{ {groups_query(f'<{graph_iri}>')} }} ;\n"
            f"INSERT {{ GRAPH <{PENDING_GRAPH}> {{ {_NODE} {_ALL_P} true }} }} "
            f"WHERE {{ GRAPH <{graph_iri}> {{ ?event a <https://w3id.org/diplograph/ns#Interaction> "
            f"FILTER NOT EXISTS {{ ?event <https://w3id.org/diplograph/ns#participant> ?anyone }} }} }} ;\n"
            f"DELETE DATA {{ GRAPH <{PENDING_GRAPH}> {{ {_NODE} {_GRAPH_P} <{graph_iri}> }} }}")


def groups_query(graphs: str) -> str:
    """SELECT ?group: for each interaction of these graphs (IRIs in <>, space-separated), its people's
    IRIs joined by spaces (in any order)."""
    return ("SELECT (GROUP_CONCAT(STR(?who); separator=\" \") AS ?group) "
            f"WHERE {{ VALUES ?g {{ {graphs} }} GRAPH ?g {{ ?event <https://w3id.org/diplograph/ns#participant> ?who }} }} "
            "GROUP BY ?g ?event")


def everything_quads() -> list[ox.Quad]:
    """everything_update as quads, to go in a transaction of quads."""
    return [ox.Quad(_SUBJECT, ox.NamedNode(_ALL_P[1:-1]), ox.Literal("true", datatype=ox.NamedNode(
        "http://www.w3.org/2001/XMLSchema#boolean")), _PENDING)]


def everything_update() -> str:
    return f"INSERT DATA {{ GRAPH <{PENDING_GRAPH}> {{ {_NODE} {_ALL_P} true }} }}"


def clear_update(basis: Basis | None = None) -> str:
    """Nothing pending any more; with `basis`, what the union holds as the tallies are written."""
    if basis is None:
        return f"DROP SILENT GRAPH <{PENDING_GRAPH}>"
    return (f"DROP SILENT GRAPH <{PENDING_GRAPH}> ;\nINSERT DATA {{ GRAPH <{PENDING_GRAPH}> {{ "
            f"<{_BASIS.value}> <{_SPEAKERS_P.value}> {basis.speakers} ; <{_DATED_P.value}> {basis.dated} }} }}")
