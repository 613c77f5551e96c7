"""The interactive network view: one self-contained HTML file (pyvis + vis-network, inlined).

People are nodes, `dg:spokeWith` pairs are edges. Layout is computed here with
networkx so the page opens still. Everything from articles reaches the page
as JSON data rendered as plain text: no article string is ever parsed as HTML.
"""
from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path

import networkx as nx
from jinja2 import Environment, FileSystemLoader, select_autoescape
from pyvis.network import Network
from rdflib import Graph

from extract.fileio import write_atomically

VIEW_LANGUAGES = ("en", "ar", "fa", "ru")
_VIS_DIR = Path(str(files("pyvis"))) / "templates" / "lib" / "vis-9.1.2"
_TEMPLATES = Path(__file__).parent / "templates"
_PALETTE = ("#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1",
            "#ff9da7", "#9c755f", "#bab0ac", "#1f77b4", "#2ca02c", "#d62728", "#9467bd")
_KIND_NAMES = {"PhoneCall": "phone call", "Meeting": "meeting"}

_PEOPLE = """
PREFIX dg: <https://w3id.org/diplograph/ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX schema: <https://schema.org/>
SELECT ?person ?label ?country WHERE {
  ?person a schema:Person .
  OPTIONAL { ?person rdfs:label ?label }
  OPTIONAL { ?person dg:holds/dg:country/dg:countryCode ?country }
}"""
_INTERACTIONS = """
PREFIX dg: <https://w3id.org/diplograph/ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX prov: <http://www.w3.org/ns/prov#>
SELECT ?event ?kind ?date ?place ?source ?sentence ?participant WHERE {
  ?event a dg:Interaction ; a ?class ; dg:participant ?participant .
  FILTER(?class IN (dg:PhoneCall, dg:Meeting))
  BIND(STRAFTER(STR(?class), "#") AS ?kind)
  OPTIONAL { ?event dg:date ?date }
  OPTIONAL { ?event dg:place/rdfs:label ?place FILTER(langMatches(lang(?place), "en")) }
  OPTIONAL { ?event prov:wasDerivedFrom/dg:sourceFile ?source }
  OPTIONAL { ?event dg:evidence/dg:sentence ?sentence }
}"""


@dataclass(slots=True)
class _Person:
    labels: dict[str, str] = field(default_factory=dict)
    countries: set[str] = field(default_factory=set)


@dataclass(slots=True)
class _Event:
    kind: str = ""
    date: str | None = None
    places: set[str] = field(default_factory=set)
    sources: set[str] = field(default_factory=set)
    sentences: set[str] = field(default_factory=set)
    participants: set[str] = field(default_factory=set)


def _people(graph: Graph) -> dict[str, _Person]:
    people: dict[str, _Person] = defaultdict(_Person)
    for row in graph.query(_PEOPLE):
        person = people[str(row.person)]
        if row.label is not None and (row.label.language or "en") not in person.labels:
            person.labels[row.label.language or "en"] = str(row.label)
        if row.country is not None:
            person.countries.add(str(row.country))
    return people


def _events(graph: Graph) -> dict[str, _Event]:
    events: dict[str, _Event] = defaultdict(_Event)
    for row in graph.query(_INTERACTIONS):
        event = events[str(row.event)]
        event.kind = _KIND_NAMES.get(str(row.kind), str(row.kind))
        event.date = str(row.date) if row.date is not None else None
        event.participants.add(str(row.participant))
        for target, value in ((event.places, row.place), (event.sources, row.source), (event.sentences, row.sentence)):
            if value is not None:
                target.add(str(value))
    return events


def _label(person: _Person, language: str) -> str:
    for choice in (language, "en", *VIEW_LANGUAGES):
        if choice in person.labels:
            return person.labels[choice]
    return "?"


def _event_text(event: _Event) -> str:
    head = " · ".join(part for part in (event.date or "date unknown", event.kind, ", ".join(sorted(event.places))) if part)
    lines = [head, "sources: " + ", ".join(sorted(event.sources))]
    lines += [f"“{sentence}”" for sentence in sorted(event.sentences)]
    return "\n".join(lines)


def build_network(graph: Graph, language: str = "en") -> tuple[Network, list[str]]:
    """A pyvis Network of people and their contacts, laid out with networkx."""
    people, events = _people(graph), _events(graph)
    pairs: dict[tuple[str, str], list[_Event]] = defaultdict(list)
    for event in events.values():
        members = sorted(event.participants)
        for i, first in enumerate(members):
            for second in members[i + 1:]:
                pairs[(first, second)].append(event)
    contacts = {iri for pair in pairs for iri in pair}
    layout_graph = nx.Graph()
    layout_graph.add_nodes_from(contacts)
    layout_graph.add_edges_from(pairs)
    positions = nx.spring_layout(layout_graph, seed=7, scale=400) if contacts else {}
    countries = sorted({c for iri in contacts for c in people[iri].countries})
    colours = {code: _PALETTE[i % len(_PALETTE)] for i, code in enumerate(countries)}

    network = Network(height="100%", width="100%", directed=False)
    network.toggle_physics(False)
    for iri in sorted(contacts):
        person = people[iri]
        country = sorted(person.countries)[0] if person.countries else None
        names = "\n".join(f"{lang}: {person.labels[lang]}" for lang in VIEW_LANGUAGES if lang in person.labels)
        degree = layout_graph.degree(iri)
        x, y = positions[iri]
        network.add_node(iri, label=_label(person, language), title=names + (f"\ncountry: {', '.join(sorted(person.countries))}" if person.countries else ""),
                         color=colours.get(country, "#999999"), size=12 + 4 * degree, x=float(x), y=float(y),
                         labels={lang: _label(person, lang) for lang in VIEW_LANGUAGES}, country=country or "")
    for (first, second), pair_events in sorted(pairs.items()):
        network.add_edge(first, second, width=1 + 2 * len(pair_events),
                         title="\n\n".join(_event_text(e) for e in sorted(pair_events, key=lambda e: e.date or "")),
                         dates=sorted({e.date for e in pair_events if e.date}))
    return network, countries


def _script_safe_json(value: object) -> str:
    """JSON that cannot close the <script> element it sits in."""
    return json.dumps(value, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def render_view(graph: Graph, language: str = "en", title: str = "diplograph") -> str:
    network, countries = build_network(graph, language)
    nodes, edges, _, _, _, options = network.get_network_data()
    environment = Environment(loader=FileSystemLoader(_TEMPLATES), autoescape=select_autoescape(["html"]))
    template = environment.get_template("view.html")
    return template.render(
        title=title, language=language, languages=VIEW_LANGUAGES,
        data=_script_safe_json({"nodes": nodes, "edges": edges, "options": json.loads(options)}),
        legend=[(code, _PALETTE[i % len(_PALETTE)]) for i, code in enumerate(countries)],
        vis_js=(_VIS_DIR / "vis-network.min.js").read_text(encoding="utf-8"),
        vis_css=(_VIS_DIR / "vis-network.css").read_text(encoding="utf-8"),
    )


def write_view(graph: Graph, path: Path, language: str = "en") -> None:
    write_atomically(path, render_view(graph, language).encode("utf-8"))
