"""Tallies: counts over the whole graph, written at the end of every build so big stores answer fast.

Two named queries aggregate over every statement or every dated contact
through several joins: on 100,000 articles Oxigraph takes 5–14 s for them.
Their counts are computed here once per build (and after `remove`) into the
graph `id:graph/tallies`, and the queries read those few thousand nodes:

    <id/tally/topic/…>   a dg:TopicTally ;   dg:person ?who ; dg:topic ?core ; dg:count ?n .
        ?n statements with ?who among the speakers about ?core or a topic under it
    <id/tally/contacts/…> a dg:ContactTally ; dg:countryCode "RU" ; dg:month "2024-03"^^xsd:gYearMonth ; dg:count ?n .
        ?n dated interactions that month with an office holder of the country taking part

The tallies are derived data: a build that adds a few articles recounts the
tallies they touch (the people who speak in them, the months of their dated
contacts; pending_tallies.py keeps that list in the store), which gives what
counting everything again gives; a graph without them (an older store, a
hand-written graph) simply has none: `tests/test_queries.py` checks them
against the full aggregation, `tests/test_incremental.py` the recount
against a count from scratch.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

import pyoxigraph as ox
from rdflib.namespace import RDF, XSD

from . import iris
from .pending_tallies import Pending, clear_update, read_pending
from .turtle_chunks import changed_update
from .vocab import DG

if TYPE_CHECKING:  # pragma: no cover
    from .store import GraphStore

TALLY_GRAPH = iris.ID["graph/tallies"]
_TYPE = ox.NamedNode(str(RDF.type))
_TOPIC_TALLY, _CONTACT_TALLY = ox.NamedNode(str(DG.TopicTally)), ox.NamedNode(str(DG.ContactTally))
_PERSON, _TOPIC, _COUNT = ox.NamedNode(str(DG.person)), ox.NamedNode(str(DG.topic)), ox.NamedNode(str(DG.count))
_COUNTRY_CODE, _MONTH = ox.NamedNode(str(DG.countryCode)), ox.NamedNode(str(DG.month))
_INTEGER, _YEAR_MONTH = ox.NamedNode(str(XSD.integer)), ox.NamedNode(str(XSD.gYearMonth))
_BROADER_IRI = "http://www.w3.org/2004/02/skos/core#broader"
# Beyond this many articles added since the last count, counting everything is no dearer.
RECOUNT_MAX_ARTICLES = 5000

_BROADER = "SELECT DISTINCT ?narrower ?wider WHERE { ?narrower skos:broader ?wider }"
_TOPICS_SPOKEN_OF = "SELECT DISTINCT ?topic WHERE {{ {people} ?statement dg:about ?topic {speaks} }}"
# Statements per person and core topic; VALUES maps each topic to its core topics, and COUNT(DISTINCT)
# counts a statement about two topics under one core once. The store does the join and keeps its
# state compact: memory stays far lower than the same join in Python dictionaries.
_TOPICS = """
SELECT ?who ?core (COUNT(DISTINCT ?statement) AS ?statements) WHERE {{
  VALUES (?topic ?core) {{ {pairs} }} {people}
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
# The same for some months only: the dated events of those months first (one pass over the dates).
_CONTACTS_IN = """
SELECT ?country ?month (COUNT(DISTINCT ?event) AS ?contacts) WHERE {{
  {{ SELECT ?event ?day ?month WHERE {{
      ?event dg:date ?day . BIND(SUBSTR(STR(?day), 1, 7) AS ?month) FILTER(?month IN ({months})) }} }}
  {{ SELECT DISTINCT ?who ?country ?start ?end WHERE {{
      ?who dg:holds ?office . ?office dg:country/dg:countryCode ?country .
      OPTIONAL {{ ?office dg:startDate ?start }} OPTIONAL {{ ?office dg:endDate ?end }} }} }}
  ?event a dg:Interaction ; dg:participant ?who .
  FILTER((!BOUND(?start) || ?start <= ?day) && (!BOUND(?end) || ?day <= ?end))
}} GROUP BY ?country ?month"""
# What added or removed articles touch: the speakers of their statements, the months of their contacts.
_SPEAKERS_IN = "SELECT DISTINCT ?who WHERE {{ VALUES ?g {{ {graphs} }} GRAPH ?g {{ ?statement dg:speaker ?who }} }}"
_MONTHS_IN = ("SELECT DISTINCT ?month WHERE {{ VALUES ?g {{ {graphs} }} GRAPH ?g {{ ?event dg:date ?day }} "
              "BIND(SUBSTR(STR(?day), 1, 7) AS ?month) }}")
# Facts the counts rest on: who held which office when, which topic is under which.
_COUNTED_PREDICATES = tuple(ox.NamedNode(str(iri)) for iri in (DG.holds, DG.startDate, DG.endDate, DG.country,
                                                                 DG.countryCode)) + (ox.NamedNode(_BROADER_IRI),)
_TAKES_PART_ELSEWHERE = """ASK {{
  {holders} GRAPH ?other {{ ?event dg:participant ?who }} FILTER(?other NOT IN ({listed})) }}"""
_OFFICES_ELSEWHERE = "ASK {{ GRAPH ?other {{ ?office dg:country <{country}> }} FILTER(?other NOT IN ({listed})) }}"
_TOPIC_TALLIES_OF = """SELECT ?tally ?p ?o
WHERE {{ VALUES ?who {{ {people} }} GRAPH <{graph}> {{ ?tally a dg:TopicTally ; dg:person ?who ; ?p ?o }} }}"""
_CONTACT_TALLIES_OF = """SELECT ?tally ?p ?o
WHERE {{ VALUES ?month {{ {months} }} GRAPH <{graph}> {{ ?tally a dg:ContactTally ; dg:month ?month ; ?p ?o }} }}"""


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


def _iris(values: Iterable[str]) -> str:
    return " ".join(f"<{value}>" for value in sorted(values))


def topic_counts(store: "GraphStore", people: Iterable[str] | None = None) -> dict[tuple[str, str], int]:
    """(person, core topic) → statements that person made about it or a topic under it; for
    `people` only when given."""
    cores = _cores(store)
    only = f"VALUES ?who {{ {_iris(people)} }}" if people is not None else ""
    spoken = store.query(_TOPICS_SPOKEN_OF.format(people=only, speaks="; dg:speaker ?who" if only else ""))
    topics = sorted(row["topic"].value for row in spoken if isinstance(row["topic"], ox.NamedNode))
    pairs = " ".join(f"(<{topic}> <{core}>)" for topic in topics for core in sorted(cores.get(topic, {topic})))
    if not pairs:
        return {}
    return {(row["who"].value, row["core"].value): int(row["statements"].value)
            for row in store.query(_TOPICS.format(pairs=pairs, people=only))}


def contact_counts(store: "GraphStore", months: Iterable[str] | None = None) -> dict[tuple[str, str], int]:
    """(country code, "YYYY-MM") → dated interactions with one of its office holders taking part;
    in `months` only when given."""
    if months is None:
        query = _CONTACTS
    else:
        query = _CONTACTS_IN.format(months=", ".join(f'"{month}"' for month in sorted(months)))
    return {(row["country"].value, row["month"].value): int(row["contacts"].value) for row in store.query(query)}


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
    store.replace_derived_graph(TALLY_GRAPH, triples, then=clear_update())
    return len(triples) // 4


def update_tallies(store: "GraphStore") -> None:
    """Bring the tallies up to date with the articles added and removed since they were counted:
    recount the people and months those touch, or everything when that is no dearer or when the
    facts the counts rest on changed for articles already counted."""
    pending = read_pending(store.store)
    if pending.empty:
        return
    if (pending.everything or len(pending.graphs) > RECOUNT_MAX_ARTICLES or not store.has_graph(str(TALLY_GRAPH))
            or (pending.graphs and counted_facts_changed(store, pending.graphs))):
        refresh_tallies(store)
        return
    people, months = touched(store, pending)
    topics = topic_counts(store, people) if people else {}
    contacts = contact_counts(store, months) if months else {}
    # Most recounted tallies come out as they were: only the triples that differ are written (SPARQL
    # text of every recounted tally cost 2.4 s at 10,000 articles for 100 added), and graph.ttl's
    # chunk of the derived graphs is written again only when a tally changed.
    counted = set(tally_triples(topics, contacts))
    kept = set(_tallies_of(store, people, months))
    steps = []
    if gone := sorted(kept - counted, key=str):
        data = ox.serialize(gone, format=ox.RdfFormat.N_TRIPLES).decode("utf-8")
        steps.append(f"DELETE DATA {{ GRAPH <{TALLY_GRAPH}> {{ {data} }} }} ;\nDELETE DATA {{ {data} }}")
    if new := sorted(counted - kept, key=str):
        data = ox.serialize(new, format=ox.RdfFormat.N_TRIPLES).decode("utf-8")
        steps.append(f"INSERT DATA {{ GRAPH <{TALLY_GRAPH}> {{ {data} }} }} ;\nINSERT DATA {{ {data} }}")
    if steps:
        steps.append(changed_update(str(TALLY_GRAPH)))    # and graph.ttl's chunk
    store.update(" ;\n".join([*steps, clear_update()]))


def _tallies_of(store: "GraphStore", people: set[str], months: set[str]) -> Iterator[ox.Triple]:
    """The tally triples of these people's topics and these months' contacts, as the store holds them."""
    if people:
        for row in store.query(_TOPIC_TALLIES_OF.format(graph=TALLY_GRAPH, people=_iris(people))):
            yield ox.Triple(row["tally"], row["p"], row["o"])
    if months:
        typed = " ".join(f'"{month}"^^<{_YEAR_MONTH.value}>' for month in sorted(months))
        for row in store.query(_CONTACT_TALLIES_OF.format(graph=TALLY_GRAPH, months=typed)):
            yield ox.Triple(row["tally"], row["p"], row["o"])


def touched(store: "GraphStore", pending: Pending) -> tuple[set[str], set[str]]:
    """The people and months whose tallies the pending articles change."""
    people, months = set(pending.people), set(pending.months)
    if pending.graphs:
        graphs = _iris(pending.graphs)
        people |= {row["who"].value for row in store.query(_SPEAKERS_IN.format(graphs=graphs))}
        months |= {row["month"].value for row in store.query(_MONTHS_IN.format(graphs=graphs))}
    return people, months


def counted_facts_changed(store: "GraphStore", graphs: Iterable[str]) -> bool:
    """Whether these articles alone hold an office fact about someone who takes part in contacts
    of other articles (or a topic's place in the scheme): then tallies of other people and months
    change with them. A new minister's offices, which come with the first article naming them,
    do not count: nothing else was counted for them."""
    graphs = sorted(graphs)
    listed = ", ".join(f"<{graph}>" for graph in graphs)
    for subject_term, predicate_term in _only_in(store.store, graphs):
        subject, predicate = subject_term.value, predicate_term.value
        if predicate == _BROADER_IRI:
            return True
        if predicate == str(DG.countryCode):
            if store.query(_OFFICES_ELSEWHERE.format(country=subject, listed=listed)):
                return True
            continue
        holders = (f"VALUES ?who {{ <{subject}> }}" if predicate == str(DG.holds)
                   else f"?who dg:holds <{subject}> .")
        if store.query(_TAKES_PART_ELSEWHERE.format(holders=holders, listed=listed)):
            return True
    return False


def _only_in(store: ox.Store, graphs: list[str]) -> Iterator[tuple[ox.NamedNode, ox.NamedNode]]:
    """(subject, predicate) of each counted fact these graphs hold and no other named graph does: facts
    new to the store when they were added, or gone with them when they are removed. A scan that stops at
    the first other graph holding the fact: as one SPARQL query with FILTER NOT EXISTS, a minister's office
    that thousands of articles repeat cost 5.4 s for 100 articles added to 100,000."""
    listed, seen = set(graphs), set()
    for graph in graphs:
        for predicate in _COUNTED_PREDICATES:
            for quad in store.quads_for_pattern(None, predicate, None, ox.NamedNode(graph)):
                fact = (quad.subject, quad.predicate, quad.object)
                if fact in seen:
                    continue
                seen.add(fact)
                if not any(isinstance(other.graph_name, ox.NamedNode) and other.graph_name.value not in listed
                           for other in store.quads_for_pattern(*fact, None)):
                    yield quad.subject, quad.predicate
