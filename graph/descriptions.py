"""What the gazetteer says of the people, places and topics the articles name: kept once, in a derived graph.

Every article graph used to carry the description of each known person it names (type, names in
every language, offices, with their roles, countries and dates), of each place and each topic: two
fifths of its triples, the same in thousands of graphs, and six index entries each in the store.
They are the gazetteer's and the topic lexicon's, not the article's: a load puts them in
`graph/gazetteer` (a set: each once) and the article graph keeps what its article said (its
mentions, contacts, statements, who spoke with whom, and the people the gazetteer does not know,
named as the text writes them).

A description stays while some article graph names its subject, a *root* (a person, a place or a
topic, as object or subject of one of its triples): removing the last article that names one takes
its description out in the same transaction that drops the graph, with the offices of a person and a
country no office described any more, and the union follows. The graph therefore holds exactly the
descriptions of what the store's articles name, as a from-scratch build of them would.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import NamedTuple

import pyoxigraph as ox

from extract.records import UNKNOWN_PERSON_PREFIX

from . import iris
from .loaded_turtle import turtle_body
from .vocab import DG

GAZETTEER_GRAPH = iris.ID["graph/gazetteer"]
_GAZETTEER = ox.NamedNode(str(GAZETTEER_GRAPH))
_ID = str(iris.ID)
# The kinds of node whose description is the gazetteer's (graph/iris.py), and those of them that are roots.
_DESCRIBED = tuple(f"<{_ID}{kind}/".encode() for kind in ("person", "office", "country", "place", "topic"))
_ROOTS = tuple(f"{_ID}{kind}/" for kind in ("person", "place", "topic"))
# A person the gazetteer does not know is described as the article wrote them.
_UNKNOWN_PERSON = f"<{_ID}person/{UNKNOWN_PERSON_PREFIX}".encode()
# Facts about a described node that are the article's own, not its description.
_ARTICLE_FACTS = (f"> <{DG.spokeWith}> ".encode(),)
_HOLDS, _COUNTRY = ox.NamedNode(str(DG.holds)), ox.NamedNode(str(DG.country))


def split_descriptions(ntriples: bytes) -> tuple[bytes, bytes]:
    """An article's N-Triples lines as (what the article said, the descriptions of what it names)."""
    said, described = [], []
    for line in ntriples.splitlines(keepends=True):
        if line.startswith(_DESCRIBED) and not line.startswith(_UNKNOWN_PERSON) and not any(fact in line for fact in _ARTICLE_FACTS):
            described.append(line)
        else:
            said.append(line)
    return b"".join(said), b"".join(described)


class LoadableArticle(NamedTuple):
    """One article's triples ready for the store: what it said and the descriptions of what it names, as
    N-Triples; and what it said as Turtle without the @prefix lines, for graph.ttl (None: not made, or
    it holds a blank node, whose label the store need not keep)."""
    id: str
    said: bytes
    described: bytes
    turtle: bytes | None = None


def loadable(article_id: str, ntriples: bytes, *, with_turtle: bool = False) -> LoadableArticle:
    """An article's N-Triples split for the store (where extraction runs: the main process only loads)."""
    said, described = split_descriptions(ntriples)
    turtle = turtle_body(said) if with_turtle and b"_:" not in said else None
    return LoadableArticle(article_id, said, described, turtle)


def roots_in(triples: Iterable[ox.Triple]) -> set[str]:
    """The roots these triples name (as subject or object)."""
    return {term.value for triple in triples for term in (triple.subject, triple.object)
            if isinstance(term, ox.NamedNode) and term.value.startswith(_ROOTS)}


def named_elsewhere(store: ox.Store, root: str, is_article_graph: Callable[[str], bool], but: str | None) -> bool:
    """Whether an article graph other than `but` names `root` (index lookups that stop at the first)."""
    node = ox.NamedNode(root)
    for quads in (store.quads_for_pattern(None, None, node, None), store.quads_for_pattern(node, None, None, None)):
        for quad in quads:
            graph = quad.graph_name
            if isinstance(graph, ox.NamedNode) and graph.value != but and is_article_graph(graph.value):
                return True
    return False


def descriptions_of(store: ox.Store, roots: set[str]) -> set[ox.Triple]:
    """The triples of the gazetteer graph that describe these roots alone: theirs, their offices', and
    those of the countries no other office is in."""
    subjects = {ox.NamedNode(root) for root in roots}
    offices = {quad.object for subject in subjects for quad in store.quads_for_pattern(subject, _HOLDS, None, _GAZETTEER)
               if isinstance(quad.object, ox.NamedNode)}
    countries = {quad.object for office in offices for quad in store.quads_for_pattern(office, _COUNTRY, None, _GAZETTEER)
                 if isinstance(quad.object, ox.NamedNode)}
    subjects |= offices
    subjects |= {country for country in countries
                 if all(quad.subject in offices for quad in store.quads_for_pattern(None, _COUNTRY, country, _GAZETTEER))}
    return {quad.triple for subject in subjects for quad in store.quads_for_pattern(subject, None, None, _GAZETTEER)}


def all_roots(store: ox.Store) -> set[str]:
    """Every root the gazetteer graph describes."""
    return {quad.subject.value for quad in store.quads_for_pattern(None, None, None, _GAZETTEER)
            if isinstance(quad.subject, ox.NamedNode) and quad.subject.value.startswith(_ROOTS)}


def forget_descriptions_update(triples: set[ox.Triple]) -> str:
    """A SPARQL update taking these triples out of the gazetteer graph, and out of the union where no other
    graph holds them (the nodes' triples read again from the named graphs), to run inside the update
    that drops the last graph naming them ("" for none)."""
    if not triples:
        return ""
    data = ox.serialize(sorted(triples, key=str), format=ox.RdfFormat.N_TRIPLES).decode("utf-8")
    subjects = sorted({t.subject.value for t in triples})
    resync = " ;\n".join(f"DELETE WHERE {{ <{s}> ?p ?o }} ;\nINSERT {{ <{s}> ?p ?o }} WHERE {{ GRAPH ?g {{ <{s}> ?p ?o }} }}"
                         for s in subjects)
    return f"DELETE DATA {{ GRAPH <{GAZETTEER_GRAPH}> {{ {data} }} }} ;\n{resync}"
