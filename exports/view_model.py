"""The graph as the HTML view needs it: plain records read from the RDF graph with SPARQL.

Only the public vocabulary is read (shared CONTRACT.md, plus the offices and
evidence sentences the README documents). Every query is one small basic graph
pattern: rdflib answers each in a fraction of a second on 10,000 interactions,
where one query with a chain of OPTIONALs takes minutes. The joins are done
here, in dictionaries, and the names of the few places and outlets are looked
up node by node rather than joined once per interaction or article.

A view holds a window of the graph, not all of it: the latest `VIEW_LIMIT`
interactions of a period (all of them on most graphs). A browser opens that
many in about a second, and reading only what they need keeps memory flat
however big the store grows; facts about other interactions are dropped as
they stream past.
"""
from __future__ import annotations

import heapq
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDFS
from rdflib.query import ResultRow

from graph.store import GraphStore

from .view_records import RecordCache, graph_of
from .view_select import day_of, interaction_count, latest_in_store

UNTAGGED = "und"   # a literal with no language tag
# Interactions one view shows: a 10,000-interaction view opens in Chromium in about a second
# (benchmarks/view_benchmark.py); a bigger graph is shown a period at a time.
VIEW_LIMIT = 10_000
_VALUES_CHUNK = 500   # nodes per query when reading the facts of chosen nodes from the store
Source = Graph | GraphStore   # an rdflib graph, or the build's Oxigraph store (fast on big graphs)

_PREFIXES = """
PREFIX dg: <https://w3id.org/diplograph/ns#>
PREFIX schema: <https://schema.org/>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
"""
_PERSON_NAMES = "SELECT ?s ?o WHERE { ?s a schema:Person ; rdfs:label ?o }"
_OFFICES = """SELECT ?person ?role ?code ?start ?end WHERE {
  ?person a schema:Person ; dg:holds ?office . ?office dg:role ?role ; dg:country/dg:countryCode ?code .
  OPTIONAL { ?office dg:startDate ?start } OPTIONAL { ?office dg:endDate ?end } }"""
_SPOKE_WITH = "SELECT ?s ?o WHERE { ?s dg:spokeWith ?o }"
# When an interaction happened, for choosing the window: its date, else when it was reported.
_INTERACTIONS = "SELECT ?s WHERE { ?s a dg:Interaction }"
_DATES = "SELECT ?s ?o WHERE { ?s dg:date ?o }"
_REPORTED = "SELECT ?s ?o WHERE { ?s prov:wasDerivedFrom/schema:datePublished ?o }"
_TOLD_BY = "SELECT ?s ?o WHERE { ?s prov:wasDerivedFrom ?o }"
# How many of the latest interactions a build keeps for the next to choose its window from, in views:
# a margin for interactions that went or moved back (view_records.py).
KEPT_DAYS = 2
_KINDS = "SELECT ?s ?o WHERE { ?s a ?o FILTER(?o IN (dg:PhoneCall, dg:Meeting)) }"
# One query per interaction property: (?s, ?o) rows, ?s the interaction. dg:participant, dg:date,
# dg:place and dg:initiator belong to interactions alone (CONTRACT.md); the other two need the type.
_EVENT_FACTS = {
    "participant": "SELECT ?s ?o WHERE { ?s dg:participant ?o }",
    "date": "SELECT ?s ?o WHERE { ?s dg:date ?o }",
    "place": "SELECT ?s ?o WHERE { ?s dg:place ?o }",
    "initiator": "SELECT ?s ?o WHERE { ?s dg:initiator ?o }",
    "article": "SELECT ?s ?o WHERE { ?s a dg:Interaction ; prov:wasDerivedFrom ?o }",
    "sentence": "SELECT ?s ?o WHERE { ?s a dg:Interaction ; dg:evidence/dg:sentence ?o }",
}
_ARTICLE_FACTS = {
    "source_file": "SELECT ?s ?o WHERE { ?s a schema:NewsArticle ; dg:sourceFile ?o }",
    "url": "SELECT ?s ?o WHERE { ?s a schema:NewsArticle ; schema:url ?o }",
    "headline": "SELECT ?s ?o WHERE { ?s a schema:NewsArticle ; schema:headline ?o }",
    "publisher": "SELECT ?s ?o WHERE { ?s a schema:NewsArticle ; schema:publisher ?o }",
    "published": "SELECT ?s ?o WHERE { ?s a schema:NewsArticle ; schema:datePublished ?o }",
    "language": "SELECT ?s ?o WHERE { ?s a schema:NewsArticle ; schema:inLanguage ?o }",
}
_STATEMENT_FACTS = {
    "speakers": "SELECT ?s ?o WHERE { ?s a dg:Statement ; dg:speaker ?o }",
    "topics": "SELECT ?s ?o WHERE { ?s a dg:Statement ; dg:about ?o }",
    "during": "SELECT ?s ?o WHERE { ?s a dg:Statement ; dg:during ?o }",
    "articles": "SELECT ?s ?o WHERE { ?s a dg:Statement ; prov:wasDerivedFrom ?o }",
    "texts": "SELECT ?s ?o WHERE { ?s a dg:Statement ; dg:text ?o }",
}
# Announced contacts (README, "Announced contacts"): planned, requested, hypothetical or denied; never interactions.
_REPORT_FACTS = {
    "participant": "SELECT ?s ?o WHERE { ?s a dg:ContactReport ; dg:participant ?o }",
    "modality": "SELECT ?s ?o WHERE { ?s a dg:ContactReport ; dg:modality ?o }",
    "kind": "SELECT ?s ?o WHERE { ?s a dg:ContactReport ; dg:contactKind ?o }",
    "date": "SELECT ?s ?o WHERE { ?s a dg:ContactReport ; dg:date ?o }",
    "article": "SELECT ?s ?o WHERE { ?s a dg:ContactReport ; prov:wasDerivedFrom ?o }",
    "sentence": "SELECT ?s ?o WHERE { ?s a dg:ContactReport ; dg:evidence/dg:sentence ?o }",
}
# The same facts read from the store's index node by node, for a bounded set of nodes (the window's
# interactions, their articles and statements): IRI of the predicate → the fact's name above.
_DG, _SCHEMA, _PROV = "https://w3id.org/diplograph/ns#", "https://schema.org/", "http://www.w3.org/ns/prov#"
_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_DERIVED_FROM, _EVIDENCE, _SENTENCE = _PROV + "wasDerivedFrom", _DG + "evidence", _DG + "sentence"
_KIND_CLASSES = frozenset({_DG + "PhoneCall", _DG + "Meeting"})
_EVENT_PREDICATES = {_DG + "participant": "participant", _DG + "date": "date", _DG + "place": "place",
                     _DG + "initiator": "initiator", _DERIVED_FROM: "article", _EVIDENCE: "evidence", _RDF_TYPE: "type"}
_ARTICLE_PREDICATES = {_DG + "sourceFile": "source_file", _SCHEMA + "url": "url", _SCHEMA + "headline": "headline",
                       _SCHEMA + "publisher": "publisher", _SCHEMA + "datePublished": "published",
                       _SCHEMA + "inLanguage": "language"}
_STATEMENT_PREDICATES = {_DG + "speaker": "speakers", _DG + "about": "topics", _DG + "during": "during",
                         _DERIVED_FROM: "articles", _DG + "text": "texts"}
_UNION = ox.DefaultGraph()
_TYPE_NODE = ox.NamedNode(_RDF_TYPE)
_TOPIC_NAMES = "SELECT ?s ?o WHERE { ?s skos:prefLabel ?o }"
_TOPIC_BROADER = "SELECT ?s ?o WHERE { ?s skos:broader ?o }"


@dataclass(frozen=True, slots=True)
class Window:
    """Which interactions a view shows: the latest `limit` of those from `start` to `end` (ISO dates,
    inclusive, either open). An undated interaction counts at the day its article was published."""
    start: str | None = None
    end: str | None = None
    limit: int = VIEW_LIMIT

    @property
    def bounded(self) -> bool:
        return bool(self.start or self.end)


@dataclass(frozen=True, slots=True)
class Shown:
    """What a window holds: `shown` of the `total` interactions in its period, from `first` to `last`."""
    shown: int
    total: int
    first: str | None
    last: str | None

    @property
    def partial(self) -> bool:
        return self.shown < self.total


@dataclass(frozen=True, slots=True)
class Office:
    role: str
    country: str
    start: str | None
    end: str | None


@dataclass(slots=True)
class Person:
    iri: str
    names: dict[str, str] = field(default_factory=dict)
    offices: list[Office] = field(default_factory=list)
    topics: Counter[str] = field(default_factory=Counter)    # topic IRI → statements about it

    @property
    def country(self) -> str | None:
        """The country of the latest office: a foreign minister who became president keeps one colour."""
        if not self.offices:
            return None
        return max(self.offices, key=lambda o: (o.end is None, o.start or "", o.country)).country


@dataclass(slots=True)
class Article:
    iri: str
    source_file: str = ""
    url: str | None = None
    headline: str | None = None
    publisher: str | None = None          # the outlet's name
    published: str | None = None
    language: str | None = None


@dataclass(slots=True)
class Interaction:
    iri: str
    kind: str = "Interaction"             # PhoneCall or Meeting
    day: str | None = None                # ISO date
    place: str | None = None              # place IRI
    initiator: str | None = None          # person IRI
    participants: set[str] = field(default_factory=set)
    articles: set[str] = field(default_factory=set)
    sentences: set[tuple[str, str]] = field(default_factory=set)   # (text, language)
    topics: set[str] = field(default_factory=set)
    statements: list[Statement] = field(default_factory=list)      # made during it


@dataclass(slots=True)
class Statement:
    iri: str
    speakers: set[str] = field(default_factory=set)
    topics: set[str] = field(default_factory=set)
    texts: set[tuple[str, str]] = field(default_factory=set)        # (text, language)
    during: set[str] = field(default_factory=set)
    articles: set[str] = field(default_factory=set)


@dataclass(slots=True)
class Report:
    """An announced contact: planned, requested, hypothetical or denied."""
    iri: str
    modality: str | None = None
    kind: str | None = None             # "phone" or "meeting"
    day: str | None = None
    participants: set[str] = field(default_factory=set)
    articles: set[str] = field(default_factory=set)
    sentences: set[tuple[str, str]] = field(default_factory=set)   # (text, language)


@dataclass(slots=True)
class Topic:
    iri: str
    names: dict[str, str] = field(default_factory=dict)
    broader: str | None = None


@dataclass(slots=True)
class ViewModel:
    people: dict[str, Person]
    interactions: dict[str, Interaction]
    articles: dict[str, Article]
    places: dict[str, dict[str, str]]
    topics: dict[str, Topic]
    pairs: dict[tuple[str, str], list[str]]     # (person, person) sorted → interaction IRIs by date
    shown: Shown | None = None
    reports: dict[str, Report] = field(default_factory=dict)   # announced contacts between people of the view

    @property
    def contacts(self) -> list[str]:
        """People in at least one pair: the nodes of the view."""
        return sorted({person for pair in self.pairs for person in pair})


class _Row:
    """A solution from the Oxigraph store with rdflib terms, read like rdflib's ResultRow (row.s, row.o)."""

    __slots__ = ("_values",)

    def __init__(self, values: dict[str, object]) -> None:
        self._values = values

    def __getattr__(self, name: str) -> object:
        return self._values.get(name)


class _StoreText(str):
    """A literal read from the store: its text, with its language tag. rdflib's Literal and URIRef, which
    the rest of this module also takes, cost ten times as much to make (2.5 s of a 10,000-interaction view)."""

    language: str | None


def _plain_term(term: ox.NamedNode | ox.BlankNode | ox.Literal | None) -> str | None:
    """A store term as this module reads it: an IRI (or blank node id) as its string, a literal with its language."""
    if term is None:
        return None
    if isinstance(term, ox.Literal):
        text = _StoreText(term.value)
        text.language = term.language
        return text
    return term.value


def _store_solutions(store: GraphStore, query: str, bound: set[str] | None,
                     variable: str) -> Iterator[tuple[list[str], ox.QuerySolution]]:
    """(variable names, solution) from the store; with `bound`, only the solutions whose ?variable is
    one of them, asked for in chunks so the store looks those nodes up instead of scanning every match."""
    # The store's union keeps one copy per article: DISTINCT reads each fact once.
    query = query.replace("SELECT ", "SELECT DISTINCT ", 1)
    if bound is None:
        queries = [query]
    else:
        nodes = sorted(bound)
        queries = (query.replace("WHERE {", "WHERE { VALUES ?%s { %s }" % (
            variable, " ".join(f"<{iri}>" for iri in nodes[start:start + _VALUES_CHUNK])), 1)
            for start in range(0, len(nodes), _VALUES_CHUNK))
    for text in queries:
        solutions = store.query(text)
        names = [v.value for v in solutions.variables]
        for solution in solutions:
            yield names, solution


def _rows(graph: Source, query: str, bound: set[str] | None = None, variable: str = "s") -> Iterator[ResultRow | _Row]:
    """The solutions of `query`; with `bound`, only those whose ?variable (by default ?s) is one of them."""
    if isinstance(graph, Graph):
        for row in graph.query(_PREFIXES + query):
            if bound is None or str(getattr(row, variable)) in bound:
                yield row   # type: ignore[misc]
        return
    for names, solution in _store_solutions(graph, query, bound, variable):
        yield _Row({name: _plain_term(term) for name, term in zip(names, solution)})


def _values(graph: Source, query: str, bound: set[str] | None = None, variable: str = "s") -> Iterator[tuple[str, ...]]:
    """Like _rows, as plain strings in the order of the query's variables: a fast path for IRIs and dates."""
    if isinstance(graph, Graph):
        for row in _rows(graph, query, bound, variable):
            yield tuple(map(str, row))
        return
    for _, solution in _store_solutions(graph, query, bound, variable):
        yield tuple(term.value for term in solution)


def _node(value: str) -> ox.NamedNode | ox.BlankNode:
    """A node as _plain_term gave it back: an IRI, or a blank node's id (which has no colon)."""
    return ox.NamedNode(value) if ":" in value else ox.BlankNode(value)


def _facts_of(store: GraphStore, nodes: Iterable[str], predicates: dict[str, str]) -> Iterator[tuple[str, str, object]]:
    """(node, fact, value) for each fact of these nodes whose predicate `predicates` names, read from the
    union's index one node at a time: for the few thousand nodes a window shows, a third of what the
    same facts cost as SPARQL solutions (rows of VALUES queries cost about 18 µs each)."""
    for node in nodes:
        for quad in store.store.quads_for_pattern(_node(node), None, None, _UNION):
            fact = predicates.get(quad.predicate.value)
            if fact is not None:
                yield node, fact, _plain_term(quad.object)


def _is_a(store: GraphStore, node: ox.NamedNode | ox.BlankNode, kind: str) -> bool:
    return ox.Quad(node, _TYPE_NODE, ox.NamedNode(kind), _UNION) in store.store


def _labels_of(graph: Source, node: str) -> Iterator[object]:
    if isinstance(graph, Graph):
        yield from graph.objects(URIRef(node), RDFS.label)
    else:
        for row in _rows(graph, f"SELECT ?o WHERE {{ <{node}> rdfs:label ?o }}"):
            yield row.o


def _language(literal: object) -> str:
    return (literal.language or UNTAGGED) if isinstance(literal, (Literal, _StoreText)) else UNTAGGED


def _put_name(names: dict[str, str], literal: object) -> None:
    """One name per language; the smallest wins so the choice does not depend on triple order."""
    language, text = _language(literal), str(literal)
    if language not in names or text < names[language]:
        names[language] = text


def _people(graph: Source) -> dict[str, Person]:
    people: dict[str, Person] = {}
    for row in _rows(graph, _PERSON_NAMES):
        _put_name(people.setdefault(str(row.s), Person(str(row.s))).names, row.o)
    for row in _rows(graph, _OFFICES):
        person = people.setdefault(str(row.person), Person(str(row.person)))
        person.offices.append(Office(str(row.role), str(row.code),
                                     str(row.start)[:10] if row.start is not None else None,
                                     str(row.end)[:10] if row.end is not None else None))
    for person in people.values():
        person.offices.sort(key=lambda o: (o.start or "", o.role))
    return people


def _one(current: str | None, value: str) -> str:
    """A second value where the contract allows one (a bad merge): keep the smallest, the same on every run."""
    return value if current is None else min(current, value)


def _select(graph: Source, window: Window, records: RecordCache | None = None) -> tuple[set[str], Shown]:
    """The interactions in the window: the latest `window.limit` of its period, ties broken by IRI."""
    # The latest interactions the last build kept (only after a pass) cost least; then the walk.
    walked = _latest_kept(graph, window.limit, records) if isinstance(graph, GraphStore) and records and not window.bounded else None
    if walked is None and isinstance(graph, GraphStore):
        walked = latest_in_store(graph, window.start, window.end, window.limit)
    if walked is not None:      # asked of the store's index, not read from every interaction
        latest, total = walked
        days = [day for day, _ in latest if day]
        return {event for _, event in latest}, Shown(len(latest), total, min(days, default=None), max(days, default=None))
    when = _days_read(graph)
    in_period = [(day, event) for event, day in when.items()
                 if not window.bounded or (day and (window.start or day) <= day <= (window.end or day))]
    del when
    latest = heapq.nlargest(window.limit, in_period)
    if isinstance(graph, GraphStore) and records and not window.bounded:
        _keep_latest(graph, heapq.nlargest(KEPT_DAYS * window.limit, in_period), len(in_period), records)
    days = [day for day, _ in latest if day]
    return {event for _, event in latest}, Shown(len(latest), len(in_period), min(days, default=None),
                                                   max(days, default=None))


def _latest_kept(store: GraphStore, limit: int, records: RecordCache) -> tuple[list[tuple[str, str]], int] | None:
    """The latest `limit` (day, interaction) and how many interactions there are, from the latest ones the
    last build kept where they still hold and the others looked up again (view_records.py); None when
    there are none to trust, or too few of them are still above the last kept (when not all were kept)."""
    kept, floor = records.reusable.days, records.reusable.days_floor
    if kept is None:
        return None
    days = dict(kept)
    for event in records.reusable.days_stale:
        found = _day_of(store, event)
        if found is None:
            days.pop(event, None)
        else:
            days[event] = found
    # Every interaction the last build did not keep was below `floor`, and is still unless looked up again.
    ranked = sorted(((day, event) for event, (day, _) in days.items() if (day, event) >= floor), reverse=True)
    if len(ranked) < limit and floor != ("", ""):     # ("", ""): every interaction was kept
        return None
    total = interaction_count(store)
    kept_now = ranked[:KEPT_DAYS * limit]
    records.keep_days({event: days[event] for _, event in kept_now},
                      kept_now[-1] if len(kept_now) < total else ("", ""))
    return ranked[:limit], total


def _keep_latest(store: GraphStore, latest: list[tuple[str, str]], total: int, records: RecordCache) -> None:
    """Keep the latest interactions a pass found, with the graphs each comes from, for the next build."""
    graphs: dict[str, list[str | None]] = defaultdict(list)
    for event, article in _values(store, _TOLD_BY, {event for _, event in latest}):
        graphs[event].append(graph_of(article))
    records.keep_days({event: (day, _graphs(graphs[event])) for day, event in latest},
                      latest[-1] if len(latest) < total else ("", ""))


def _days_read(graph: Source) -> dict[str, str]:
    """Every interaction with the day it counts at: its date, else the day it was last reported ("" for none)."""
    when = {event: "" for (event,) in _values(graph, _INTERACTIONS)}
    dated: set[str] = set()
    for event, day in _values(graph, _DATES):   # two dates (a bad merge): the earliest, as _one() keeps
        if event in when:
            when[event] = min(when[event], day[:10]) if event in dated else day[:10]
            dated.add(event)
    for event, published in _values(graph, _REPORTED, when.keys() - dated):
        when[event] = max(when[event], published[:10])
    return when


def _graphs(graphs: Iterable[str | None]) -> tuple[str, ...]:
    """The graphs an interaction comes from; none at all when an article's graph is not known (then its
    day is looked up again at every build)."""
    graphs = list(graphs)
    return tuple(sorted(set(graphs))) if graphs and None not in graphs else ()   # type: ignore[arg-type]


def _day_of(store: GraphStore, event: str) -> tuple[str, tuple[str, ...]] | None:
    """The day one node counts at as an interaction, as _days_read gives it, and its graphs; None when it is none."""
    found = day_of(store, _node(event))
    return None if found is None else (found[0], _graphs(map(graph_of, found[1])))


def _interactions(graph: Source, selected: set[str], records: RecordCache | None = None) -> dict[str, Interaction]:
    if isinstance(graph, GraphStore):
        return _interactions_in_store(graph, selected, records)
    events: dict[str, Interaction] = {}
    for row in _rows(graph, _KINDS, selected):
        event = events.setdefault(str(row.s), Interaction(str(row.s)))
        kind = str(row.o).rsplit("#", 1)[-1]
        event.kind = kind if event.kind == "Interaction" else _one(event.kind, kind)
    for fact, query in _EVENT_FACTS.items():
        for row in _rows(graph, query, selected):
            event, value = events.setdefault(str(row.s), Interaction(str(row.s))), str(row.o)
            match fact:
                case "participant":
                    event.participants.add(value)
                case "article":
                    event.articles.add(value)
                case "sentence":
                    event.sentences.add((value, _language(row.o)))
                case "date":
                    event.day = _one(event.day, value[:10])
                case "place":
                    event.place = _one(event.place, value)
                case "initiator":
                    event.initiator = _one(event.initiator, value)
    return events


def _interactions_in_store(store: GraphStore, selected: set[str], records: RecordCache | None = None) -> dict[str, Interaction]:
    """_interactions, read node by node from the store's index (those `records` still holds taken from
    there): the same records."""
    reused = {iri: records.reusable.interactions[iri] for iri in selected
              if iri in records.reusable.interactions} if records else {}
    events: dict[str, Interaction] = {}
    told_by: dict[str, set[str]] = defaultdict(set)    # evidence node → the interactions it tells of
    for iri, fact, value in _facts_of(store, sorted(selected - reused.keys()), _EVENT_PREDICATES):
        event = events.setdefault(iri, Interaction(iri))
        match fact:
            case "type":
                if value in _KIND_CLASSES:
                    kind = value.rsplit("#", 1)[-1]
                    event.kind = kind if event.kind == "Interaction" else _one(event.kind, kind)
            case "participant":
                event.participants.add(value)
            case "article":
                event.articles.add(value)
            case "evidence":
                told_by[value].add(iri)
            case "date":
                event.day = _one(event.day, value[:10])
            case "place":
                event.place = _one(event.place, value)
            case "initiator":
                event.initiator = _one(event.initiator, value)
    for node, _, sentence in _facts_of(store, sorted(told_by), {_SENTENCE: "sentence"}):
        for iri in told_by[node]:
            events[iri].sentences.add((str(sentence), _language(sentence)))
    events.update(reused)
    if records:
        records.keep("interactions", events)
    return events


def _names(graph: Source, nodes: set[str]) -> dict[str, dict[str, str]]:
    names: dict[str, dict[str, str]] = {}
    for node in sorted(nodes):
        for label in _labels_of(graph, node):
            _put_name(names.setdefault(node, {}), label)
    return names


def _articles(graph: Source, wanted: set[str], records: RecordCache | None = None) -> dict[str, Article]:
    articles: dict[str, Article] = {}
    if isinstance(graph, GraphStore):
        if records:
            articles = {iri: records.reusable.articles[iri] for iri in wanted if iri in records.reusable.articles}
        news = sorted(iri for iri in wanted - articles.keys() if _is_a(graph, _node(iri), _SCHEMA + "NewsArticle"))
        facts: Iterable[tuple[str, str, object]] = _facts_of(graph, news, _ARTICLE_PREDICATES)
    else:
        facts = ((str(row.s), fact, row.o) for fact, query in _ARTICLE_FACTS.items() for row in _rows(graph, query, wanted))
    for iri, fact, value in facts:
        article = articles.setdefault(iri, Article(iri))
        setattr(article, fact, str(value)[:10] if fact == "published" else str(value))
    if records:
        records.keep("articles", articles)     # before the outlets' IRIs give way to their names
    outlets = _names(graph, {a.publisher for a in articles.values() if a.publisher})
    for article in articles.values():
        if article.publisher:
            names = outlets.get(article.publisher, {})
            article.publisher = names.get(article.language or "") or min(names.values(), default=None)
    return articles


def _topics(graph: Source) -> dict[str, Topic]:
    topics: dict[str, Topic] = {}
    for row in _rows(graph, _TOPIC_NAMES):
        _put_name(topics.setdefault(str(row.s), Topic(str(row.s))).names, row.o)
    for row in _rows(graph, _TOPIC_BROADER):
        if str(row.s) in topics:
            topics[str(row.s)].broader = str(row.o)
    return topics


def _statements(graph: Source, window: tuple[set[str], set[str]] | None,
                records: RecordCache | None = None) -> list[Statement]:
    """Every statement, or with `window` = (interactions, articles) those made in its articles,
    during one of its interactions or during none."""
    if isinstance(graph, GraphStore):
        return _statements_in_store(graph, window, records)
    candidates: set[str] | None = None
    if window is not None:
        events, articles = window
        candidates = {statement for statement, _ in _values(graph, _STATEMENT_FACTS["articles"], articles, "o")}
        for statement, event in _values(graph, _STATEMENT_FACTS["during"], set(candidates)):
            if event not in events:
                candidates.discard(statement)   # made during an interaction outside the window
    statements: dict[str, Statement] = {}
    for fact, query in _STATEMENT_FACTS.items():
        for row in _rows(graph, query, candidates):
            values: set = getattr(statements.setdefault(str(row.s), Statement(str(row.s))), fact)
            values.add((str(row.o), _language(row.o)) if fact == "texts" else str(row.o))
    return sorted(statements.values(), key=lambda s: s.iri)


def _statements_in_store(store: GraphStore, window: tuple[set[str], set[str]] | None,
                         records: RecordCache | None = None) -> list[Statement]:
    """_statements, read node by node from the store's index (those `records` still holds taken from
    there): the same records."""
    kind = ox.NamedNode(_DG + "Statement")
    if window is None:
        candidates = {quad.subject.value for quad in store.store.quads_for_pattern(None, _TYPE_NODE, kind, _UNION)}
    else:
        derived_from = ox.NamedNode(_DERIVED_FROM)
        known = records.reusable.statements_of if records else {}
        made_in = {article: known[article] if article in known else
                   [quad.subject.value for quad in store.store.quads_for_pattern(None, derived_from, _node(article), _UNION)
                    if _is_a(store, quad.subject, kind.value)] for article in sorted(window[1])}
        candidates = {statement for statements in made_in.values() for statement in statements}
        if records:
            records.keep("statements_of", made_in)
    statements: dict[str, Statement] = {iri: records.reusable.statements[iri] for iri in candidates
                                        if iri in records.reusable.statements} if records else {}
    for iri, fact, value in _facts_of(store, sorted(candidates - statements.keys()), _STATEMENT_PREDICATES):
        values: set = getattr(statements.setdefault(iri, Statement(iri)), fact)
        values.add((str(value), _language(value)) if fact == "texts" else value)
    if records:
        records.keep("statements", statements)
    if window is not None:    # made during an interaction outside the window: not shown
        statements = {iri: s for iri, s in statements.items() if s.during <= window[0]}
    return sorted(statements.values(), key=lambda s: s.iri)


def _attach_statements(statements: list[Statement], people: dict[str, Person], events: dict[str, Interaction]) -> None:
    """Topics of a person: what they spoke about. Topics of an interaction: those of the statements
    made during it; one that no statement is tied to (dg:during) takes the topics its participants
    spoke about in the same article, outside any interaction."""
    loose: dict[str, list[Statement]] = defaultdict(list)   # article → statements made during no interaction
    for statement in statements:
        for speaker in statement.speakers & people.keys():
            people[speaker].topics.update(statement.topics)
        for event in statement.during & events.keys():
            events[event].topics.update(statement.topics)
            events[event].statements.append(statement)
        if not statement.during:
            for article in statement.articles:
                loose[article].append(statement)
    for event in events.values():
        if not event.topics:
            for article in event.articles:
                for statement in loose.get(article, ()):
                    if statement.speakers & event.participants:
                        event.topics.update(statement.topics)


def _pairs(graph: Source, events: dict[str, Interaction], whole: bool) -> dict[tuple[str, str], list[str]]:
    """Every pair that took part in an interaction together, with those interactions; when the
    window is the `whole` graph, also the dg:spokeWith pairs no interaction stands behind."""
    pairs: dict[tuple[str, str], list[str]] = {}
    for row in _rows(graph, _SPOKE_WITH) if whole else ():
        first, second = sorted((str(row.s), str(row.o)))
        if first != second:
            pairs[(first, second)] = []
    for event in sorted(events.values(), key=lambda e: (e.day or "9999", e.iri)):
        members = sorted(event.participants)
        for i, first in enumerate(members):
            for second in members[i + 1:]:
                pairs.setdefault((first, second), []).append(event.iri)
    return dict(sorted(pairs.items()))


def _reports(graph: Source, people: set[str], window: Window) -> dict[str, Report]:
    """Announced contacts between two or more of `people`, in the window's period when it has one."""
    reports: dict[str, Report] = {}
    for fact, query in _REPORT_FACTS.items():
        for row in _rows(graph, query):
            report, value = reports.setdefault(str(row.s), Report(str(row.s))), str(row.o)
            match fact:
                case "participant":
                    report.participants.add(value)
                case "article":
                    report.articles.add(value)
                case "sentence":
                    report.sentences.add((value, _language(row.o)))
                case "date":
                    report.day = _one(report.day, value[:10])
                case "modality":
                    report.modality = _one(report.modality, value)
                case "kind":
                    report.kind = _one(report.kind, value)
    def in_period(report: Report) -> bool:
        return not window.bounded or bool(report.day and (window.start or report.day) <= report.day <= (window.end or report.day))
    return {iri: report for iri, report in sorted(reports.items())
            if len(report.participants & people) >= 2 and in_period(report)}


def read_view_model(graph: Source, window: Window = Window(), records: RecordCache | None = None) -> ViewModel:
    """Everything the view shows, read from `graph` through the public vocabulary; with `records`, the
    interactions, statements and articles it still holds are taken from there, and those read are kept in it."""
    selected, shown = _select(graph, window, records)
    whole = not window.bounded and not shown.partial
    people = _people(graph)
    events = {iri: e for iri, e in _interactions(graph, selected, records).items() if len(e.participants) >= 2}
    cited = {article for event in events.values() for article in event.articles}
    _attach_statements(_statements(graph, None if whole else (selected, cited), records), people, events)
    pairs = _pairs(graph, events, whole)
    for person in {p for pair in pairs for p in pair} - people.keys():
        people[person] = Person(person)    # in a pair but never typed schema:Person: still a node
    places = _names(graph, {event.place for event in events.values() if event.place})
    reports = _reports(graph, {person for pair in pairs for person in pair}, window)
    cited |= {article for report in reports.values() for article in report.articles}
    return ViewModel(people=people, interactions=events, articles=_articles(graph, cited, records), places=places,
                     topics=_topics(graph), pairs=pairs, shown=shown, reports=reports)
