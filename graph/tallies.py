"""Tallies: counts over the whole graph, written at the end of every build so big stores answer fast.

Two named queries aggregate over every statement or every dated contact
through several joins: on 100,000 articles Oxigraph takes 5–14 s for them.
Their counts are computed here once per build (and after `remove`) into the
graph `id:graph/tallies`, and the queries read those few thousand nodes:

    <id/tally/topic/…>   a dg:TopicTally ;   dg:person ?who ; dg:topic ?core ; dg:count ?n .
        ?n statements with ?who among the speakers about ?core or a topic under it
    <id/tally/contacts/…> a dg:ContactTally ; dg:countryCode "RU" ; dg:month "2024-03"^^xsd:gYearMonth ; dg:count ?n .
        ?n dated interactions that month with an office holder of the country taking part

The tallies are derived data: a build that only adds a few articles adds what
they say to the tallies they touch (the statements of the people who speak in
them, the dated contacts new to the store in the months of theirs), and one
after a removal recounts the people and months the articles that came and went
touch (pending_tallies.py keeps these lists in the store), which gives what
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
from .pending_tallies import Basis, Pending, clear_update, read_basis, read_pending
from .turtle_chunks import changed_nodes_update
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
_EVENTS_PER_QUERY = 500

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
# The contacts of some dated interactions (those new to the store), counted as _CONTACTS counts.
_CONTACTS_OF = """
SELECT ?country ?month (COUNT(DISTINCT ?event) AS ?contacts) WHERE {{
  VALUES ?event {{ {events} }}
  ?event a dg:Interaction ; dg:participant ?who ; dg:date ?day .
  ?who dg:holds ?office . ?office dg:country/dg:countryCode ?country .
  OPTIONAL {{ ?office dg:startDate ?start }} OPTIONAL {{ ?office dg:endDate ?end }}
  FILTER((!BOUND(?start) || ?start <= ?day) && (!BOUND(?end) || ?day <= ?end))
  BIND(SUBSTR(STR(?day), 1, 7) AS ?month)
}} GROUP BY ?country ?month"""
_DATE, _SPEAKER, _ABOUT = (ox.NamedNode(str(iri)) for iri in (DG.date, DG.speaker, DG.about))
_SPEAKER_FACTS = "SELECT (COUNT(*) AS ?n) WHERE { ?statement dg:speaker ?who }"
_DATED_NODES = "SELECT (COUNT(DISTINCT ?node) AS ?n) WHERE { ?node dg:date ?day }"
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


def topic_counts_in(store: "GraphStore", graphs: Iterable[str]) -> dict[tuple[str, str], int]:
    """topic_counts over the statements of these article graphs alone, read from the graphs' own index. A
    statement's node is its article's (iris.statement_iri): what an article adds to a count is what it says."""
    cores, counts = _cores(store), defaultdict(int)
    for graph in map(ox.NamedNode, sorted(graphs)):
        speakers, topics = defaultdict(set), defaultdict(set)
        for quad in store.store.quads_for_pattern(None, _SPEAKER, None, graph):
            speakers[quad.subject].add(quad.object.value)
        for quad in store.store.quads_for_pattern(None, _ABOUT, None, graph):
            if isinstance(quad.object, ox.NamedNode) and quad.subject in speakers:
                topics[quad.subject] |= cores.get(quad.object.value, {quad.object.value})
        for statement, under in topics.items():     # a statement about two topics under one core counts once
            for who in speakers[statement]:
                for core in under:
                    counts[(who, core)] += 1
    return dict(counts)


def new_dated_events(store: ox.Store, graphs: Iterable[str]) -> set[str]:
    """The nodes these graphs date and no other graph does (interactions and announced contacts): the
    interactions among them are those the contact tallies have not counted yet. (A merge renames an
    undated report into a dated event; it never adds a date.)"""
    listed, seen, new = set(graphs), set(), set()
    for graph in listed:
        for quad in store.quads_for_pattern(None, _DATE, None, ox.NamedNode(graph)):
            if quad.subject in seen:
                continue
            seen.add(quad.subject)
            if not any(isinstance(other.graph_name, ox.NamedNode) and other.graph_name.value not in listed
                       for other in store.quads_for_pattern(quad.subject, _DATE, None, None)):
                new.add(quad.subject.value)
    return new


def contact_counts_of(store: "GraphStore", events: Iterable[str]) -> dict[tuple[str, str], int]:
    """contact_counts over these events alone."""
    events = sorted(events)
    counts: dict[tuple[str, str], int] = defaultdict(int)
    for start in range(0, len(events), _EVENTS_PER_QUERY):   # each event counts in one chunk: sums are exact
        for row in store.query(_CONTACTS_OF.format(events=_iris(events[start:start + _EVENTS_PER_QUERY]))):
            counts[(row["country"].value, row["month"].value)] += int(row["contacts"].value)
    return dict(counts)


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
        node = _topic_node(person, topic)
        triples += [ox.Triple(node, _TYPE, _TOPIC_TALLY), ox.Triple(node, _PERSON, ox.NamedNode(person)),
                    ox.Triple(node, _TOPIC, ox.NamedNode(topic)), ox.Triple(node, _COUNT, _integer(count))]
    for (country, month), count in sorted(contacts.items()):
        node = _contact_node(country, month)
        triples += [ox.Triple(node, _TYPE, _CONTACT_TALLY), ox.Triple(node, _COUNTRY_CODE, ox.Literal(country)),
                    ox.Triple(node, _MONTH, ox.Literal(month, datatype=_YEAR_MONTH)),
                    ox.Triple(node, _COUNT, _integer(count))]
    return triples


def _topic_node(person: str, topic: str) -> ox.NamedNode:
    return ox.NamedNode(iris.ID[f"tally/topic/{iris.digest(person, topic)}"])


def _contact_node(country: str, month: str) -> ox.NamedNode:
    return ox.NamedNode(iris.ID[f"tally/contacts/{iris.slug(country)}/{month}"])


def _integer(value: int) -> ox.Literal:
    return ox.Literal(str(value), datatype=_INTEGER)


def refresh_tallies(store: "GraphStore") -> int:
    """Rebuild the tallies graph from what the store holds now; returns how many tallies it has."""
    triples = tally_triples(topic_counts(store), contact_counts(store))
    store.replace_derived_graph(TALLY_GRAPH, triples, then=clear_update(_basis(store)))
    return len(triples) // 4


def _basis(store: "GraphStore") -> Basis:
    (speakers,), (dated,) = (store.query(query) for query in (_SPEAKER_FACTS, _DATED_NODES))
    return Basis(int(speakers["n"].value), int(dated["n"].value))


def _speaker_facts_in(store: ox.Store, graphs: Iterable[str]) -> int:
    return sum(1 for graph in graphs for _ in store.quads_for_pattern(None, _SPEAKER, None, ox.NamedNode(graph)))


def update_tallies(store: "GraphStore") -> None:
    """Bring the tallies up to date with the articles added and removed since they were counted: add
    what the added articles say when articles were only added, else recount the people and months
    the articles that came and went touch, or count everything when that is no dearer or when the
    facts the counts rest on changed for articles already counted."""
    pending = read_pending(store.store)
    if pending.empty:
        return
    if (pending.everything or len(pending.graphs) > RECOUNT_MAX_ARTICLES or not store.has_graph(str(TALLY_GRAPH))
            or (pending.graphs and counted_facts_changed(store, pending.graphs))):
        refresh_tallies(store)
        return
    basis, before, new_events = _basis(store), read_basis(store.store), new_dated_events(store.store, pending.graphs)
    if (not pending.people and not pending.months and before is not None
            and basis == Basis(before.speakers + _speaker_facts_in(store.store, pending.graphs), before.dated + len(new_events))):
        # Articles were only added: the tallies they touch grow by what they alone say.
        topics, contacts = topic_counts_in(store, pending.graphs), contact_counts_of(store, new_events)
        kept = set(_tallies_at(store, [_topic_node(*key) for key in topics] + [_contact_node(*key) for key in contacts]))
        topics, contacts = _added(_counts_of(kept, _PERSON), topics), _added(_counts_of(kept, _MONTH), contacts)
    else:
        # After a removal (or on a store changed behind the builds' back): what they touch is counted again.
        people, months = touched(store, pending)
        kept = set(_tallies_of(store, people, months))
        topics = topic_counts(store, people) if people else {}
        contacts = contact_counts(store, months) if months else {}
    # Most tallies come out as they were: only the triples that differ are written (SPARQL text of
    # every recounted tally cost 2.4 s at 10,000 articles for 100 added), and graph.ttl's chunk of
    # the derived graphs is written again only when a tally changed.
    counted = set(tally_triples(topics, contacts))
    steps = []
    if gone := sorted(kept - counted, key=str):
        data = ox.serialize(gone, format=ox.RdfFormat.N_TRIPLES).decode("utf-8")
        steps.append(f"DELETE DATA {{ GRAPH <{TALLY_GRAPH}> {{ {data} }} }} ;\nDELETE DATA {{ {data} }}")
    if new := sorted(counted - kept, key=str):
        data = ox.serialize(new, format=ox.RdfFormat.N_TRIPLES).decode("utf-8")
        steps.append(f"INSERT DATA {{ GRAPH <{TALLY_GRAPH}> {{ {data} }} }} ;\nINSERT DATA {{ {data} }}")
    if steps:     # and graph.ttl's derived chunk, patched where these tallies are
        steps.append(changed_nodes_update(t.subject.value for t in (*gone, *new)))
    store.update_union(" ;\n".join([*steps, clear_update(basis)]), set(gone) | set(new))


def _added(before: dict[tuple[str, str], int], more: dict[tuple[str, str], int]) -> dict[tuple[str, str], int]:
    return {key: before.get(key, 0) + more.get(key, 0) for key in before.keys() | more.keys()}


def _counts_of(tallies: set[ox.Triple], by: ox.NamedNode) -> dict[tuple[str, str], int]:
    """The counts of the topic tallies (by=dg:person) or contact tallies (by=dg:month) among these
    tally triples, keyed as topic_counts or contact_counts key them."""
    facts: dict[ox.NamedNode, dict[ox.NamedNode, str]] = defaultdict(dict)
    for triple in tallies:
        facts[triple.subject][triple.predicate] = triple.object.value
    first, second = (_PERSON, _TOPIC) if by == _PERSON else (_COUNTRY_CODE, _MONTH)
    return {(fact[first], fact[second]): int(fact[_COUNT]) for fact in facts.values()
            if by in fact and first in fact and second in fact and _COUNT in fact}


def _tallies_at(store: "GraphStore", nodes: Iterable[ox.NamedNode]) -> Iterator[ox.Triple]:
    """The triples of these tally nodes, as the store holds them (none for a tally not counted yet)."""
    graph = ox.NamedNode(str(TALLY_GRAPH))
    for node in nodes:
        for quad in store.store.quads_for_pattern(node, None, None, graph):
            yield quad.triple


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


def new_descriptions_change_counts(store: "GraphStore", new: Iterable[ox.Triple]) -> bool:
    """Whether these descriptions (graph/descriptions.py), about to be loaded and new to the union,
    change tallies counted before, as counted_facts_changed tells of an article's facts: an office of
    someone who takes part in contacts already in the store (the office's holder is among the same
    descriptions), a code for a country offices already name, or a topic's place in the scheme. One
    query for all the people and one for all the countries: a new store's first batch names thousands."""
    new = [triple for triple in new if triple.predicate in _COUNTED_PREDICATES]
    if any(triple.predicate.value == _BROADER_IRI for triple in new):
        return True
    holders = {triple.object: triple.subject for triple in new if triple.predicate.value == str(DG.holds)}
    people, offices, countries = set(), set(), set()
    for triple in new:
        predicate = triple.predicate.value
        if predicate == str(DG.countryCode):
            countries.add(triple.subject.value)
        elif predicate == str(DG.holds):
            people.add(triple.subject.value)
        elif triple.subject in holders:
            people.add(holders[triple.subject].value)
        else:
            offices.add(triple.subject.value)
    nothing = "<urn:diplograph:no-graph>"     # Oxigraph takes `NOT IN ()` for false, not true
    for country in sorted(countries):
        if store.query(_OFFICES_ELSEWHERE.format(country=country, listed=nothing)):
            return True
    holding = [f"VALUES ?who {{ {_iris(people)} }}" if people else "",
               f"VALUES ?office {{ {_iris(offices)} }} ?who dg:holds ?office ." if offices else ""]
    return any(store.query(_TAKES_PART_ELSEWHERE.format(holders=holders_of, listed=nothing)) for holders_of in holding if holders_of)


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
