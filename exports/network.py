"""The people network for Gephi and friends: GraphML and GEXF through networkx."""
from __future__ import annotations

from pathlib import Path

import networkx as nx

from extract.fileio import write_atomically
from graph.store import GraphStore

from .events import read_events, read_people


def people_network(store: GraphStore) -> nx.Graph:
    """People who took part in a contact; an edge per pair, with counts and the first and last date."""
    people = read_people(store)
    graph = nx.Graph()
    for event in read_events(store):
        for i, first in enumerate(event.participants):
            for second in event.participants[i + 1:]:
                if graph.has_edge(first, second):
                    data = graph.edges[first, second]
                else:
                    graph.add_edge(first, second, weight=0, phone=0, meetings=0)
                    data = graph.edges[first, second]
                data["weight"] += 1
                data["phone" if event.kind == "phone" else "meetings"] += 1
                if event.day:
                    data["first"] = min(data.get("first", event.day), event.day)
                    data["last"] = max(data.get("last", event.day), event.day)
    for iri in graph.nodes:
        person = people.get(iri)
        attributes = {"label": person.name if person else iri}
        if person:
            attributes |= {f"label_{lang}": label for lang, label in person.labels.items() if lang in ("en", "ar", "fa", "ru")}
            if person.countries:
                attributes["country"] = ";".join(sorted(person.countries))
        graph.nodes[iri].update(attributes)
    return graph


def write_network(store: GraphStore, path: Path, kind: str) -> nx.Graph:
    graph = people_network(store)
    temporary = path.with_name(f".{path.name}.build")
    (nx.write_graphml if kind == "graphml" else nx.write_gexf)(graph, temporary)
    write_atomically(path, temporary.read_bytes())
    temporary.unlink()
    return graph
