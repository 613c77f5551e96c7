"""Tallies: counts over the whole graph, written at the end of every build so big stores answer fast.

Two named queries aggregate over every statement or every dated contact
through several joins: on 100,000 articles Oxigraph takes 5–14 s for them.
Their counts are computed here once per build (and after `remove`) into the
graph `id:graph/tallies`, and the queries read those few thousand nodes:

    <id/tally/topic/…>   a dg:TopicTally ;   dg:person ?who ; dg:topic ?core ; dg:count ?n .
        ?n statements with ?who among the speakers about ?core or a topic under it
    <id/tally/contacts/…> a dg:ContactTally ; dg:countryCode "RU" ; dg:month "2024-03"^^xsd:gYearMonth ; dg:count ?n .
        ?n dated interactions that month with an office holder of the country taking part

The tallies are derived data: they are rebuilt from scratch, never edited,
and a graph without them (an older store, a hand-written graph) simply has
none: `tests/test_queries.py` checks them against the full aggregation.
"""
from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

import pyoxigraph as ox
from rdflib.namespace import RDF, XSD

from . import iris
from .vocab import DG

if TYPE_CHECKING:  # pragma: no cover
    from .store import GraphStore

TALLY_GRAPH = iris.ID["graph/tallies"]
_TYPE = ox.NamedNode(str(RDF.type))
_TOPIC_TALLY, _CONTACT_TALLY = ox.NamedNode(str(DG.TopicTally)), ox.NamedNode(str(DG.ContactTally))
_PERSON, _TOPIC, _COUNT = ox.NamedNode(str(DG.person)), ox.NamedNode(str(DG.topic)), ox.NamedNode(str(DG.count))
_COUNTRY_CODE, _MONTH = ox.NamedNode(str(DG.countryCode)), ox.NamedNode(str(DG.month))
_INTEGER, _YEAR_MONTH = ox.NamedNode(str(XSD.integer)), ox.NamedNode(str(XSD.gYearMonth))

_BROADER = "SELECT DISTINCT ?narrower ?wider WHERE { ?narrower skos:broader ?wider }"
_TOPICS_SPOKEN_OF = "SELECT DISTINCT ?topic WHERE { ?statement dg:about ?topic }"
# Statements per person and core topic; VALUES maps each topic to its core topics, and COUNT(DISTINCT)
# counts a statement about two topics under one core once. The store does the join and keeps its
# state compact: memory stays far lower than the same join in Python dictionaries.
_TOPICS = """
SELECT ?who ?core (COUNT(DISTINCT ?statement) AS ?statements) WHERE {{
  VALUES (?topic ?core) {{ {pairs} }}
  ?statement dg:about ?topic .
  ?statement dg:speaker ?who .
}} GROUP BY ?who ?core"""
# One row per country, month and interaction: an office counts when held on the day (open ends allowed).
_CONTACTS = """
SELECT ?country ?month (COUNT(DISTINCT ?event) AS ?contacts) WHERE {
  { SELECT DISTINCT ?who ?country ?start ?end WHERE {
      ?who dg:holds ?office . ?office dg:country/dg:countryCode ?country .
      OPTIONAL { ?office dg:startDate ?start } OPTIONAL { ?office dg:endDate ?end } } }
  ?event a dg:Interaction ; dg:participant ?who ; dg:date ?day .
  FILTER((!BOUND(?start) || ?start <= ?day) && (!BOUND(?end) || ?day <= ?end))
  BIND(SUBSTR(STR(?day), 1, 7) AS ?month)
} GROUP BY ?country ?month"""


def _cores(store: "GraphStore") -> dict[str, frozenset[str]]:
    """Each topic → the widest topics above it (itself when it has none); a cycle stops where it closes."""
    wider: dict[str, set[str]] = defaultdict(set)
    for row in store.query(_BROADER):
        wider[row["narrower"].value].add(row["wider"].value)

    def roots(topic: str, seen: frozenset[str]) -> frozenset[str]:
        above = wider.get(topic, set()) - seen
        if not above:
            return frozenset({topic})
        return frozenset().union(*(roots(parent, seen | {topic}) for parent in above))

    return {topic: roots(topic, frozenset()) for topic in wider}


def topic_counts(store: "GraphStore") -> dict[tuple[str, str], int]:
    """(person, core topic) → statements that person made about it or a topic under it."""
    cores = _cores(store)
    topics = sorted(row["topic"].value for row in store.query(_TOPICS_SPOKEN_OF) if isinstance(row["topic"], ox.NamedNode))
    pairs = " ".join(f"(<{topic}> <{core}>)" for topic in topics for core in sorted(cores.get(topic, {topic})))
    if not pairs:
        return {}
    return {(row["who"].value, row["core"].value): int(row["statements"].value)
            for row in store.query(_TOPICS.format(pairs=pairs))}


def contact_counts(store: "GraphStore") -> dict[tuple[str, str], int]:
    """(country code, "YYYY-MM") → dated interactions with one of its office holders taking part."""
    return {(row["country"].value, row["month"].value): int(row["contacts"].value) for row in store.query(_CONTACTS)}


def tally_triples(topics: dict[tuple[str, str], int], contacts: dict[tuple[str, str], int]) -> list[ox.Triple]:
    triples: list[ox.Triple] = []
    for (person, topic), count in sorted(topics.items()):
        node = ox.NamedNode(iris.ID[f"tally/topic/{iris.digest(person, topic)}"])
        triples += [ox.Triple(node, _TYPE, _TOPIC_TALLY), ox.Triple(node, _PERSON, ox.NamedNode(person)),
                    ox.Triple(node, _TOPIC, ox.NamedNode(topic)), ox.Triple(node, _COUNT, _integer(count))]
    for (country, month), count in sorted(contacts.items()):
        node = ox.NamedNode(iris.ID[f"tally/contacts/{iris.slug(country)}/{month}"])
        triples += [ox.Triple(node, _TYPE, _CONTACT_TALLY), ox.Triple(node, _COUNTRY_CODE, ox.Literal(country)),
                    ox.Triple(node, _MONTH, ox.Literal(month, datatype=_YEAR_MONTH)),
                    ox.Triple(node, _COUNT, _integer(count))]
    return triples


def _integer(value: int) -> ox.Literal:
    return ox.Literal(str(value), datatype=_INTEGER)


def refresh_tallies(store: "GraphStore") -> int:
    """Rebuild the tallies graph from what the store holds now; returns how many tallies it has."""
    triples = tally_triples(topic_counts(store), contact_counts(store))
    store.replace_derived_graph(TALLY_GRAPH, triples)
    return len(triples) // 4
